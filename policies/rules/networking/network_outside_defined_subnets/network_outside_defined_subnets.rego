# METADATA
# title: Infrastructure network is not an AKS Arc defined network
# description: |
#   The snapshot has a cloudProviderProfile, and its infraNetworkProfile.vnetSubnetIds is missing,
#   not a list or empty, or one of its entries is not an ARM resource ID of a type the catalog
#   accepts for the platform (infrastructure.infraNetworks): an AKS Arc defined network, that is
#   an AKS Arc logical network (Microsoft.AzureStackHCI/logicalNetworks) or virtual network
#   (Microsoft.HybridContainerService/virtualNetworks), on both platforms. Any other resource
#   (an Azure virtual network subnet, Microsoft.Network/virtualNetworks/subnets, ...) fires. The
#   message names the platform's own wording: AKS Arc defined subnets (WindowsServer), AKS Arc
#   defined logical networks (AzureLocal). Provider namespace and type compare
#   case-insensitively, as ARM does. One finding for a missing list, one per rejected entry.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#network-ports-ip-pools-and-access
#     description: Network ports, IP pools, and access
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/aks-on-azure-local-support-policy#node-maintenance-and-access
#     description: Azure Local variant (AKS Arc defined logical networks)
# custom:
#   id: AKSARC-032
#   name: network-outside-defined-subnets
#   severity: warn
#   section: Network ports, IP pools, and access
#   input: snapshot
#   requires: [spec.cluster.cloudProviderProfile]
#   remediation: Deploy the cluster on an AKS Arc defined network - an AKS Arc logical network (Microsoft.AzureStackHCI/logicalNetworks) or virtual network (Microsoft.HybridContainerService/virtualNetworks), not an Azure virtual network or another resource - and customize networking only through it, never at the NIC level of the nodes.
package lib.aksarc.rules.networking.network_outside_defined_subnets

import data.lib.aksarc.result
import data.lib.aksarc.snapshot

violations(doc, ctx) := {f |
	snapshot.is_snapshot(doc)
	profile := snapshot.cluster(doc).cloudProviderProfile
	is_object(profile)
	platform := snapshot.platform(doc, ctx)
	accepted := ctx.catalog.infrastructure.infraNetworks[platform]
	some c in _cases(doc, profile, platform, accepted)
	f := result.finding(rego.metadata.chain(), doc, c.message, object.union(c.details, {
		"platform": platform,
		"expected": accepted.expected,
		"acceptedTypes": _types(accepted),
	}))
}

_cases(doc, profile, platform, accepted) := _missing(doc, profile, platform, accepted) | _rejected(doc, profile, platform, accepted)

# The list is missing, not a list or empty: one finding.
_missing(doc, profile, platform, accepted) := {c |
	ids := object.get(profile, ["infraNetworkProfile", "vnetSubnetIds"], null)
	not _non_empty_array(ids)
	c := {
		"message": sprintf(
			"cluster %s names no infrastructure network (cloudProviderProfile.infraNetworkProfile.vnetSubnetIds is missing or empty): on %s, AKS Arc supports network customization only through %s (%s); deploy the cluster on one, or add its resource ID to the snapshot from az aksarc show",
			[doc.metadata.name, platform, accepted.expected, concat(", ", _types(accepted))],
		),
		"details": {"reason": "missing", "vnetSubnetId": null, "resourceType": null, "index": null},
	}
}

# Entries that are not ARM IDs of an accepted type: one finding each.
_rejected(doc, profile, platform, accepted) := {c |
	ids := profile.infraNetworkProfile.vnetSubnetIds
	_non_empty_array(ids)
	some i, id in ids
	problem := _problem(id, accepted)
	c := {
		"message": sprintf(
			"cluster %s uses infrastructure network %s, %s: on %s, AKS Arc supports network customization only through %s (%s), and other network customizations are not supported; move the cluster to one",
			[doc.metadata.name, _text(id), problem.text, platform, accepted.expected, concat(", ", _types(accepted))],
		),
		"details": {"reason": problem.reason, "vnetSubnetId": id, "resourceType": problem.type, "index": i},
	}
}

_non_empty_array(x) if {
	is_array(x)
	count(x) > 0
}

_types(accepted) := [t | some t in _array(object.get(accepted, "types", [])); is_string(t)]

# _problem says why an entry is not accepted; undefined for an accepted one.
_problem(id, _) := {"reason": "notResourceId", "type": null, "text": "which is not an ARM resource ID"} if {
	not _resource_type(id)
}

_problem(id, accepted) := {
	"reason": "typeNotAccepted",
	"type": type,
	"text": sprintf("a %s resource, not an AKS Arc defined network", [type]),
} if {
	type := _resource_type(id)
	not lower(type) in {lower(t) | some t in _types(accepted)}
}

# _resource_type is the type of an ARM resource ID (/subscriptions/<id>/resourceGroups/<rg>/
# providers/<namespace>/<type>/<name>[/<type>/<name>...]) as "<namespace>/<type>[/<type>...]";
# undefined for anything else.
_resource_type(id) := concat("/", array.concat([parts[0]], [parts[j] | some j in numbers.range(1, count(parts) - 1); j % 2 == 1])) if {
	is_string(id)
	m := regex.find_all_string_submatch_n(`(?i)^/subscriptions/[^/]+/resourcegroups/[^/]+/providers/([^/]+(?:/[^/]+/[^/]+)+)/?$`, trim_space(id), 1)[0]
	parts := split(trim_suffix(m[1], "/"), "/")
}

_text(id) := sprintf("%q", [id]) if is_string(id)

_text(id) := sprintf("%v", [id]) if not is_string(id)

_array(x) := x if is_array(x)

_array(x) := [] if not is_array(x)
