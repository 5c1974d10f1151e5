# METADATA
# title: Node not provisioned through AKS Arc
# description: |
#   A node was not provisioned by AKS Arc, or a node pool has more nodes than AKS Arc provisioned:
#   a ClusterSnapshot node (spec.nodes[]) or a Node object whose providerID is set and does not
#   start with one of the catalog's prefixes (moc://); an observed Node object (uid or
#   resourceVersion) without any providerID that is not waiting for its cloud provider (no
#   node.cloudprovider.kubernetes.io/uninitialized taint) - a Node manifest without providerID
#   and a snapshot node without one are not judged; a node pool whose nodes in spec.nodes (by
#   nodePool) outnumber its count (maxCount when enableAutoScaling is true) - nodes of no pool in
#   agentPoolProfiles (the control plane) are not counted, and pools are counted only when the
#   cluster's spec.cluster.provisioningState is absent or Succeeded (during an upgrade or a scale,
#   Updating and the like, a rolling replacement briefly runs more nodes than the count).
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#aks-arc-support-coverage-for-agent-nodes
#     description: AKS Arc support coverage for agent nodes (user customization of agent nodes)
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#shared-responsibility
#     description: Shared responsibility (direct modification of agent nodes)
# custom:
#   id: AKSARC-023
#   name: node-not-managed
#   severity: deny
#   section: AKS Arc support coverage for agent nodes
#   input: both
#   requires: [spec.nodes]
#   remediation: Add and remove agent nodes only through the AKS Arc API (create or scale node pools with az aksarc or the AKS Arc PowerShell tools); drain and delete nodes that joined the cluster any other way.
package lib.aksarc.rules.nodes.node_not_managed

import data.lib.aksarc.k8s
import data.lib.aksarc.result
import data.lib.aksarc.snapshot

violations(doc, ctx) := {f |
	some c in _cases(doc, _provider(ctx))
	f := result.finding(rego.metadata.chain(), doc, c.message, c.details)
}

# _provider is the catalog's node provider entry with its prefixes lower-cased.
_provider(ctx) := {
	"prefixes": [lower(p) | some p in _array(object.get(ctx, ["catalog", "infrastructure", "nodeProvider", "providerIDPrefixes"], [])); is_string(p)],
	"taint": object.get(ctx, ["catalog", "infrastructure", "nodeProvider", "uninitializedTaint"], ""),
}

_cases(doc, provider) := ((_foreign_snapshot_nodes(doc, provider) | _over_count_pools(doc)) | _foreign_node_object(doc, provider)) | _unprovided_node_object(doc, provider)

# ClusterSnapshot nodes whose providerID is another provider's. A node without providerID is not
# judged: the snapshot may simply not carry it.
_foreign_snapshot_nodes(doc, provider) := {c |
	snapshot.is_snapshot(doc)
	some i, n in _array(object.get(doc, ["spec", "nodes"], []))
	is_object(n)
	pid := _provider_id(n.providerID)
	_foreign(pid, provider)
	name := _name(n, i)
	c := {
		"message": sprintf(
			"node %s of cluster %s has providerID %q, not an AKS Arc ID (%s): it was not provisioned by AKS Arc, and agent nodes added or changed outside the AKS Arc API make the cluster unsupportable; remove it and add capacity by scaling a node pool with the AKS Arc tools",
			[name, doc.metadata.name, pid, _expected(provider)],
		),
		"details": {
			"reason": "foreignProviderID",
			"source": "spec.nodes",
			"node": name,
			"nodePool": _string_or_null(object.get(n, "nodePool", null)),
			"providerID": pid,
			"expectedPrefixes": provider.prefixes,
		},
	}
}

# Node pools with more nodes in spec.nodes than AKS Arc provisioned, while no operation is in
# progress (_settled).
_over_count_pools(doc) := {c |
	snapshot.is_snapshot(doc)
	_settled(doc)
	nodes := _array(object.get(doc, ["spec", "nodes"], []))
	some pool in _array(object.get(doc, ["spec", "cluster", "agentPoolProfiles"], []))
	is_object(pool)
	is_string(pool.name)
	limit := _limit(pool)
	members := {_name(n, i) | some i, n in nodes; is_object(n); n.nodePool == pool.name}
	count(members) > limit.value
	c := {
		"message": sprintf(
			"node pool %s of cluster %s has %d nodes but its %s is %d: %d node(s) joined outside the AKS Arc API, and agent nodes added or changed that way make the cluster unsupportable; scale the pool only with the AKS Arc tools and remove the nodes AKS Arc did not create (the pool's nodes: %s)",
			[pool.name, doc.metadata.name, count(members), limit.field, limit.value, count(members) - limit.value, concat(", ", sort(members))],
		),
		"details": {
			"reason": "poolOverCount",
			"source": "spec.nodes",
			"nodePool": pool.name,
			"nodes": count(members),
			"nodeNames": sort(members),
			"expected": limit.value,
			"limitField": limit.field,
			"enableAutoScaling": object.get(pool, "enableAutoScaling", false) == true,
		},
	}
}

# _settled is true when the cluster's provisioningState is absent (null) or Succeeded. While AKS
# Arc upgrades or scales the cluster (Updating, Upgrading, ...) a rolling replacement adds the new
# node before it removes the old one, so a pool briefly has more nodes than its count; a failed
# or otherwise unsettled state is not judged either.
_settled(doc) if object.get(doc, ["spec", "cluster", "provisioningState"], null) == null

_settled(doc) if {
	state := doc.spec.cluster.provisioningState
	is_string(state)
	lower(state) == "succeeded"
}

# The most nodes AKS Arc keeps in a pool: maxCount under the cluster autoscaler, else count.
_limit(pool) := {"field": "maxCount", "value": pool.maxCount} if {
	pool.enableAutoScaling == true
	is_number(pool.maxCount)
}

_limit(pool) := {"field": "count", "value": pool.count} if {
	not _autoscaled_with_max(pool)
	is_number(pool.count)
}

_autoscaled_with_max(pool) if {
	pool.enableAutoScaling == true
	is_number(pool.maxCount)
}

# A Node object (core v1) with another provider's providerID: deny.
_foreign_node_object(doc, provider) := {c |
	_is_node(doc)
	pid := _provider_id(doc.spec.providerID)
	_foreign(pid, provider)
	c := {
		"message": sprintf(
			"Node %s has providerID %q, not an AKS Arc ID (%s): it was not provisioned by AKS Arc, and agent nodes added or changed outside the AKS Arc API make the cluster unsupportable; drain and delete it and add capacity by scaling a node pool with the AKS Arc tools",
			[k8s.name(doc), pid, _expected(provider)],
		),
		"details": {
			"reason": "foreignProviderID",
			"source": "Node",
			"node": k8s.name(doc),
			"nodePool": _string_or_null(object.get(k8s.labels(doc), "msft.microsoft/nodepool-name", null)),
			"providerID": pid,
			"expectedPrefixes": provider.prefixes,
		},
	}
}

# An observed Node object without providerID that the cloud controller manager is not about to
# initialize: it joined without the AKS Arc cloud provider, which gives every AKS Arc node a
# providerID. Denied like a foreign providerID. A Node manifest (no uid, no resourceVersion)
# without providerID is a desired label or taint change, not a node: not judged.
_unprovided_node_object(doc, provider) := {c |
	_is_node(doc)
	k8s.observed(doc)
	count(provider.prefixes) > 0
	not _provider_id(object.get(doc, ["spec", "providerID"], null))
	not _initializing(doc, provider.taint)
	c := {
		"message": sprintf(
			"Node %s has no providerID and is not waiting for its cloud provider (no %s taint): the AKS Arc cloud provider gives every node AKS Arc provisions a providerID (%s), so this node was not provisioned by AKS Arc, and agent nodes added outside the AKS Arc API make the cluster unsupportable; drain and delete it and add capacity by scaling a node pool with the AKS Arc tools",
			[k8s.name(doc), provider.taint, _expected(provider)],
		),
		"details": {
			"reason": "missingProviderID",
			"source": "Node",
			"node": k8s.name(doc),
			"nodePool": _string_or_null(object.get(k8s.labels(doc), "msft.microsoft/nodepool-name", null)),
			"providerID": null,
			"expectedPrefixes": provider.prefixes,
		},
	}
}

_is_node(doc) if {
	doc.kind == "Node"
	k8s.api_group(doc) == ""
	is_object(doc.metadata)
}

# _provider_id is a providerID that is set: a non-empty string.
_provider_id(x) := trim_space(x) if {
	is_string(x)
	trim_space(x) != ""
}

_managed(pid, provider) if {
	some prefix in provider.prefixes
	startswith(lower(pid), prefix)
}

# _foreign is true for a providerID that matches none of the prefixes; with no prefixes in the
# catalog, no providerID is judged.
_foreign(pid, provider) if {
	count(provider.prefixes) > 0
	not _managed(pid, provider)
}

_initializing(doc, taint) if {
	some t in _array(object.get(doc, ["spec", "taints"], []))
	t.key == taint
}

_expected(provider) := concat(" or ", [sprintf("%s...", [p]) | some p in provider.prefixes])

_name(x, _) := x.name if is_string(x.name)

_name(x, i) := sprintf("#%d", [i]) if not is_string(object.get(x, "name", null))

_string_or_null(x) := x if is_string(x)

_string_or_null(x) := null if not is_string(x)

_array(x) := x if is_array(x)

_array(x) := [] if not is_array(x)
