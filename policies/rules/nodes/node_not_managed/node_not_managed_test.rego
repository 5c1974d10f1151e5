package lib.aksarc.rules.nodes.node_not_managed_test

import data.lib.aksarc.rules.nodes.node_not_managed as rule
import data.lib.aksarc.testing

nov_1 := testing.ctx("2025-11-01")

node(name, pool) := {"name": name, "nodePool": pool, "providerID": sprintf("moc://%s", [name]), "kubeletVersion": "v1.31.10"}

cluster(pools, nodes) := testing.snapshot({"cluster": {"kubernetesVersion": "1.31.10", "agentPoolProfiles": pools}, "nodes": nodes})

pool1 := {"name": "nodepool1", "count": 3}

three := [node("moc-a", "nodepool1"), node("moc-b", "nodepool1"), node("moc-c", "nodepool1")]

control_plane := {"name": "moc-cp", "providerID": "moc://moc-cp"}

ids_reasons(fs) := {[f.id, f.severity, f.details.reason] | some f in fs}

test_silent_for_a_cluster_of_aks_arc_nodes if {
	count(rule.violations(cluster([pool1], array.concat(three, [control_plane])), nov_1)) == 0
}

test_fires_for_a_snapshot_node_of_another_provider if {
	foreign := {"name": "edge-vm-7", "nodePool": "nodepool1", "providerID": "vsphere://4217a1c5-6f0e-2b1a-9d4e-6c1f0a3b2d11"}
	fs := rule.violations(cluster([{"name": "nodepool1", "count": 4}], array.concat(three, [foreign])), nov_1)
	count(fs) == 1
	some f in fs
	f.id == "AKSARC-023"
	f.name == "node-not-managed"
	f.severity == "deny"
	f.resource.kind == "ClusterSnapshot"
	f.details.reason == "foreignProviderID"
	f.details.source == "spec.nodes"
	f.details.node == "edge-vm-7"
	f.details.nodePool == "nodepool1"
	f.details.providerID == "vsphere://4217a1c5-6f0e-2b1a-9d4e-6c1f0a3b2d11"
	f.details.expectedPrefixes == ["moc://"]
	contains(f.message, "node edge-vm-7 of cluster test-cluster")
	contains(f.message, "moc://...")
}

test_provider_id_scheme_is_case_insensitive if {
	n := {"name": "moc-a", "nodePool": "nodepool1", "providerID": "MOC://moc-a"}
	count(rule.violations(cluster([pool1], [n]), nov_1)) == 0
}

test_snapshot_nodes_without_provider_id_are_not_judged if {
	nodes := [
		{"name": "moc-a", "nodePool": "nodepool1"},
		{"name": "moc-b", "nodePool": "nodepool1", "providerID": ""},
		{"name": "moc-c", "nodePool": "nodepool1", "providerID": 42},
	]
	count(rule.violations(cluster([pool1], nodes), nov_1)) == 0
}

test_fires_for_a_pool_with_more_nodes_than_its_count if {
	nodes := array.concat(three, [node("moc-d", "nodepool1"), control_plane])
	fs := rule.violations(cluster([pool1], nodes), nov_1)
	count(fs) == 1
	some f in fs
	f.severity == "deny"
	f.details.reason == "poolOverCount"
	f.details.nodePool == "nodepool1"
	f.details.nodes == 4
	f.details.expected == 3
	f.details.limitField == "count"
	f.details.enableAutoScaling == false
	f.details.nodeNames == ["moc-a", "moc-b", "moc-c", "moc-d"]
	contains(f.message, "node pool nodepool1 of cluster test-cluster has 4 nodes but its count is 3")
	contains(f.message, "1 node(s) joined outside the AKS Arc API")
}

test_silent_when_a_pool_has_its_count_or_fewer if {
	count(rule.violations(cluster([pool1], three), nov_1)) == 0
	count(rule.violations(cluster([pool1], [node("moc-a", "nodepool1")]), nov_1)) == 0
}

test_autoscaled_pools_are_held_to_max_count if {
	scaled := {"name": "nodepool1", "count": 2, "enableAutoScaling": true, "minCount": 1, "maxCount": 4}
	four := array.concat(three, [node("moc-d", "nodepool1")])
	count(rule.violations(cluster([scaled], four), nov_1)) == 0
	fs := rule.violations(cluster([scaled], array.concat(four, [node("moc-e", "nodepool1")])), nov_1)
	some f in fs
	f.details.limitField == "maxCount"
	f.details.expected == 4
	f.details.nodes == 5
	f.details.enableAutoScaling == true
}

test_max_count_applies_only_with_the_autoscaler if {
	off := {"name": "nodepool1", "count": 2, "enableAutoScaling": false, "maxCount": 5}
	some f in rule.violations(cluster([off], three), nov_1)
	f.details.limitField == "count"
	f.details.expected == 2

	# Autoscaler on without a maxCount: count is the limit.
	no_max := {"name": "nodepool1", "count": 2, "enableAutoScaling": true}
	some g in rule.violations(cluster([no_max], three), nov_1)
	g.details.limitField == "count"
}

test_nodes_of_no_pool_are_not_counted if {
	nodes := array.concat(three, [control_plane, {"name": "moc-x", "nodePool": "gone", "providerID": "moc://moc-x"}])
	count(rule.violations(cluster([pool1], nodes), nov_1)) == 0
}

test_a_node_listed_twice_counts_once if {
	count(rule.violations(cluster([pool1], array.concat(three, [node("moc-a", "nodepool1")])), nov_1)) == 0
}

test_a_foreign_extra_node_gives_both_findings if {
	foreign := {"name": "kubeadm-worker", "nodePool": "nodepool1", "providerID": "kind://docker/kind/kubeadm-worker"}
	fs := rule.violations(cluster([pool1], array.concat(three, [foreign])), nov_1)
	ids_reasons(fs) == {["AKSARC-023", "deny", "foreignProviderID"], ["AKSARC-023", "deny", "poolOverCount"]}
}

# A rolling upgrade or scale briefly runs more nodes than the count: pools are counted only when
# the cluster's provisioningState is absent or Succeeded. Foreign providerIDs are judged anyway.
with_state(state, pools, nodes) := testing.snapshot({"cluster": {"kubernetesVersion": "1.31.10", "provisioningState": state, "agentPoolProfiles": pools}, "nodes": nodes})

test_pools_are_counted_only_when_the_cluster_is_settled if {
	four := array.concat(three, [node("moc-d", "nodepool1")])
	ids_reasons(rule.violations(with_state("Succeeded", [pool1], four), nov_1)) == {["AKSARC-023", "deny", "poolOverCount"]}
	count(rule.violations(with_state("succeeded", [pool1], four), nov_1)) == 1
	count(rule.violations(with_state(null, [pool1], four), nov_1)) == 1
	count(rule.violations(cluster([pool1], four), nov_1)) == 1
	count(rule.violations(with_state("Updating", [pool1], four), nov_1)) == 0
	count(rule.violations(with_state("Upgrading", [pool1], four), nov_1)) == 0
	count(rule.violations(with_state("Failed", [pool1], four), nov_1)) == 0
	count(rule.violations(with_state(1, [pool1], four), nov_1)) == 0
}

test_foreign_nodes_are_judged_during_an_update if {
	foreign := {"name": "edge-vm-7", "nodePool": "nodepool1", "providerID": "vsphere://4217a1c5"}
	fs := rule.violations(with_state("Updating", [pool1], array.concat(three, [foreign])), nov_1)
	ids_reasons(fs) == {["AKSARC-023", "deny", "foreignProviderID"]}
}

test_each_pool_is_judged_on_its_own if {
	pools := [pool1, {"name": "win", "count": 1}]
	nodes := array.concat(three, [node("moc-w1", "win"), node("moc-w2", "win")])
	fs := rule.violations(cluster(pools, nodes), nov_1)
	{f.details.nodePool | some f in fs} == {"win"}
}

test_malformed_snapshots_judge_nothing if {
	count(rule.violations(cluster([pool1], "moc-a"), nov_1)) == 0
	count(rule.violations(cluster("nodepool1", three), nov_1)) == 0
	count(rule.violations(cluster([pool1, "win", {"count": 0}, {"name": "nodepool1", "count": "3"}], three), nov_1)) == 0
	count(rule.violations(cluster([{"name": "nodepool1", "count": "1"}], three), nov_1)) == 0
	count(rule.violations(cluster([pool1], [1, null, "moc-a"]), nov_1)) == 0
	count(rule.violations(testing.snapshot({"nodes": [{"nodePool": "nodepool1", "providerID": "aws:///us-east-1a/i-0abc"}]}), nov_1)) == 1
}

test_a_nameless_node_is_named_by_index if {
	some f in rule.violations(testing.snapshot({"nodes": [{"providerID": "aws:///us-east-1a/i-0abc"}]}), nov_1)
	f.details.node == "#0"
	f.details.nodePool == null
}

k8s_node(name, spec, extra_meta) := {
	"apiVersion": "v1",
	"kind": "Node",
	"metadata": object.union({"name": name, "labels": {"msft.microsoft/nodepool-name": "nodepool1"}}, extra_meta),
	"spec": spec,
}

observed := {"uid": "0f1c6b0e-1d2a-4c3b-9e8f-7a6b5c4d3e2f", "resourceVersion": "184314"}

test_fires_for_a_node_object_of_another_provider if {
	fs := rule.violations(k8s_node("gpu-box-1", {"providerID": "azure:///subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/gpu-box-1"}, observed), nov_1)
	count(fs) == 1
	some f in fs
	f.severity == "deny"
	f.resource.kind == "Node"
	f.resource.name == "gpu-box-1"
	f.details.reason == "foreignProviderID"
	f.details.source == "Node"
	f.details.nodePool == "nodepool1"
	contains(f.message, "Node gpu-box-1 has providerID \"azure:///")
}

test_a_node_manifest_with_a_foreign_provider_id_fires_too if {
	some f in rule.violations(k8s_node("gpu-box-1", {"providerID": "kubeadm://gpu-box-1"}, {}), nov_1)
	f.details.reason == "foreignProviderID"
}

test_silent_for_aks_arc_node_objects if {
	count(rule.violations(k8s_node("moc-a", {"providerID": "moc://moc-a"}, observed), nov_1)) == 0
}

test_denies_an_observed_node_without_provider_id if {
	fs := rule.violations(k8s_node("rogue", {"podCIDR": "10.244.9.0/24"}, observed), nov_1)
	count(fs) == 1
	some f in fs
	f.id == "AKSARC-023"
	f.severity == "deny"
	f.resource.kind == "Node"
	f.details.reason == "missingProviderID"
	f.details.source == "Node"
	f.details.providerID == null
	f.details.nodePool == "nodepool1"
	contains(f.message, "Node rogue has no providerID")
	contains(f.message, "node.cloudprovider.kubernetes.io/uninitialized")
	contains(f.message, "was not provisioned by AKS Arc")

	# An empty providerID or a Node without spec is the same.
	ids_reasons(rule.violations(k8s_node("rogue", {"providerID": " "}, observed), nov_1)) == {["AKSARC-023", "deny", "missingProviderID"]}
	ids_reasons(rule.violations({"apiVersion": "v1", "kind": "Node", "metadata": object.union({"name": "rogue"}, observed)}, nov_1)) == {["AKSARC-023", "deny", "missingProviderID"]}

	# Observed means a uid or a resourceVersion.
	count(rule.violations(k8s_node("rogue", {}, {"uid": "0f1c6b0e"}), nov_1)) == 1
	count(rule.violations(k8s_node("rogue", {}, {"resourceVersion": "1"}), nov_1)) == 1
}

test_silent_for_a_node_still_being_initialized if {
	spec := {"taints": [
		{"key": "node.kubernetes.io/not-ready", "effect": "NoSchedule"},
		{"key": "node.cloudprovider.kubernetes.io/uninitialized", "value": "true", "effect": "NoSchedule"},
	]}
	count(rule.violations(k8s_node("moc-new", spec, observed), nov_1)) == 0
}

test_silent_for_a_node_manifest_without_provider_id if {
	# A desired label change in a repository: no uid, no resourceVersion, no providerID.
	count(rule.violations(k8s_node("moc-a", {}, {}), nov_1)) == 0
}

test_catalog_override_changes_the_prefixes if {
	c := testing.ctx_with("2025-11-01", {"catalog": {"infrastructure": {"nodeProvider": {"providerIDPrefixes": ["moc://", "Azure://"]}}}})
	count(rule.violations(k8s_node("vm", {"providerID": "azure:///subscriptions/s/x"}, observed), c)) == 0
	count(rule.violations(k8s_node("vm", {"providerID": "azure:///subscriptions/s/x"}, observed), nov_1)) == 1
}

test_no_prefixes_judge_no_provider_id if {
	c := testing.ctx_with("2025-11-01", {"catalog": {"infrastructure": {"nodeProvider": {"providerIDPrefixes": []}}}})
	count(rule.violations(k8s_node("vm", {"providerID": "azure:///x"}, observed), c)) == 0
	count(rule.violations(k8s_node("vm", {}, observed), c)) == 0
	count(rule.violations(cluster([pool1], [{"name": "vm", "providerID": "azure:///x"}]), c)) == 0
}

test_silent_for_other_documents if {
	count(rule.violations({"apiVersion": "example.com/v1", "kind": "Node", "metadata": object.union({"name": "x"}, observed), "spec": {"providerID": "x://y"}}, nov_1)) == 0
	count(rule.violations({"apiVersion": "v1", "kind": "ConfigMap", "metadata": object.union({"name": "x"}, observed)}, nov_1)) == 0
	count(rule.violations({"apiVersion": "v1", "kind": "Node", "metadata": "broken", "spec": {"providerID": "x://y"}}, nov_1)) == 0
	count(rule.violations(k8s_node("x", "broken", observed), nov_1)) == 1
}
