# METADATA
# title: NIC-level network customization of agent nodes
# description: |
#   An object changes agent node networking at the NIC level: a workload outside the namespaces
#   of Microsoft-managed components (agentNodes.exemptNamespaces) that runs on the host network
#   (hostNetwork) with NET_ADMIN or ALL added to a container or init container; or Multus in any
#   namespace (AKS Arc deploys none): an object of its API group (k8s.cni.cncf.io, such as a
#   NetworkAttachmentDefinition), the CustomResourceDefinition of that group, a pod template that
#   requests extra networks (k8s.v1.cni.cncf.io/networks), or a container running the Multus
#   image. One finding per object lists every reason.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#network-ports-ip-pools-and-access
#     description: Network ports, IP pools, and access
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/aks-on-azure-local-support-policy#node-maintenance-and-access
#     description: Azure Local policy (AKS Arc defined logical networks only)
# custom:
#   id: AKSARC-021
#   name: nic-level-network-change
#   severity: warn
#   section: Network ports, IP pools, and access
#   input: object
#   requires: []
#   remediation: Remove the Multus configuration and the host-network workloads that hold NET_ADMIN; change node networking only through the networks AKS Arc defines (subnets on Windows Server, logical networks on Azure Local).
package lib.aksarc.rules.nodes.nic_level_network_change

import data.lib.aksarc.images
import data.lib.aksarc.index
import data.lib.aksarc.k8s
import data.lib.aksarc.pods
import data.lib.aksarc.result
import data.lib.aksarc.snapshot
import data.lib.aksarc.workloads

violations(doc, ctx) := {f |
	is_object(doc)
	_candidate(doc, ctx)
	agent_nodes := object.get(ctx.catalog, "agentNodes", {})
	found := _reasons(doc, agent_nodes, ctx)
	count(found) > 0
	reasons := _ordered(found)
	platform := snapshot.cluster_platform(ctx)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("%s %s changes agent node networking at the NIC level (%s): AKS Arc does not support network customization at the NIC level of agent nodes; remove it and customize networking only through %s", [object.get(doc, "kind", ""), _ref(doc), concat("; ", [_describe(r) | some r in reasons]), _networks(platform)]),
		{
			"kind": object.get(doc, "kind", ""),
			"namespace": k8s.namespace(doc),
			"name": k8s.name(doc),
			"platform": platform,
			"reasons": reasons,
		},
	)
}

# _candidate is true when the document can give a reason: a workload on the host network, an
# object of a Multus API group, a CustomResourceDefinition, a pod template with a Multus
# annotation or a container whose image name (lib.aksarc.images.name) ends a Multus image.
# Nearly every object of a cluster fails these few tests and is passed over.
_candidate(doc, _) if workloads.pod_spec(doc).hostNetwork == true

_candidate(doc, ctx) if k8s.api_group(doc) in index.lookup(ctx, "agentNodes", "multusApiGroups")

_candidate(doc, _) if doc.kind == "CustomResourceDefinition"

_candidate(doc, ctx) if {
	metadata := object.get(doc, workloads.pod_metadata_path(doc), {})
	some key in index.lookup(ctx, "agentNodes", "multusPodAnnotations")
	_ = metadata.annotations[key]
}

_candidate(doc, ctx) if {
	some c in workloads.containers(workloads.pod_spec(doc))
	strings.any_suffix_match(index.lookup(ctx, "agentNodes", "multusImages"), images.name(c.container.image))
}

_ref(doc) := sprintf("%s/%s", [k8s.namespace(doc), k8s.name(doc)]) if k8s.namespace(doc) != ""

_ref(doc) := sprintf("%s", [k8s.name(doc)]) if k8s.namespace(doc) == ""

# What each policy variant lets users customize instead.
_networks("AzureLocal") := "AKS Arc defined logical networks"

_networks(platform) := "AKS Arc defined subnets" if platform != "AzureLocal"

_reasons(doc, agent_nodes, ctx) := ((_host_network(doc, agent_nodes, ctx) | _multus_object(doc, ctx)) | _multus_definition(doc, ctx)) | _multus_workload(doc, ctx)

# _ordered lists reasons in a fixed order: by kind of reason, then container.
_ordered(reasons) := [entry[2] | some entry in sort({[_rank[r.reason], object.get(r, "container", ""), r] | some r in reasons})]

_rank := {"hostNetwork": 1, "multusObject": 2, "multusDefinition": 3, "multusNetworks": 4, "multusImage": 5}

# Host network plus NET_ADMIN (or ALL) in any container: the pod can reconfigure the node's NICs.
_host_network(doc, agent_nodes, ctx) := {r |
	spec := workloads.pod_spec(doc)
	spec.hostNetwork == true
	not pods.exempt_namespace(doc, agent_nodes)
	some c in workloads.containers(spec)
	some cap in pods.added_capabilities(c.container)
	cap in index.lookup(ctx, "agentNodes", "networkCapabilities")
	r := {"reason": "hostNetwork", "capability": cap, "container": pods.name(c), "containerType": c.type}
}

# Any object of a Multus API group (NetworkAttachmentDefinition, MultiNetworkPolicy, ...).
_multus_object(doc, ctx) := {{"reason": "multusObject", "apiGroup": group} |
	group := k8s.api_group(doc)
	group in index.lookup(ctx, "agentNodes", "multusApiGroups")
}

# The CustomResourceDefinition that installs a Multus API group.
_multus_definition(doc, ctx) := {{"reason": "multusDefinition", "apiGroup": group} |
	doc.kind == "CustomResourceDefinition"
	k8s.api_group(doc) == "apiextensions.k8s.io"
	group := doc.spec.group
	group in index.lookup(ctx, "agentNodes", "multusApiGroups")
}

# Pods that ask Multus for extra networks, and the Multus DaemonSet itself (any namespace).
_multus_workload(doc, ctx) := {r |
	metadata := pods.template_metadata(doc)
	some key, value in pods.annotations(metadata)
	key in index.lookup(ctx, "agentNodes", "multusPodAnnotations")
	r := {"reason": "multusNetworks", "annotation": key, "networks": value}
} | {r |
	spec := workloads.pod_spec(doc)
	some image in pods.images(spec)
	index.image_listed(image.image, index.lookup(ctx, "agentNodes", "multusImages"))
	r := {"reason": "multusImage", "image": image.image, "container": image.container, "containerType": image.type}
}

_describe(r) := sprintf("hostNetwork with %s added to %s %s", [r.capability, r.containerType, r.container]) if r.reason == "hostNetwork"

_describe(r) := sprintf("Multus object of API group %s", [r.apiGroup]) if r.reason == "multusObject"

_describe(r) := sprintf("defines the Multus API group %s", [r.apiGroup]) if r.reason == "multusDefinition"

_describe(r) := sprintf("pods attached to extra networks (%s: %s)", [r.annotation, r.networks]) if r.reason == "multusNetworks"

_describe(r) := sprintf("Multus image %s in %s %s", [r.image, r.containerType, r.container]) if r.reason == "multusImage"
