package lib.aksarc.rules.versions.version_skew_test

import data.lib.aksarc.rules.versions.version_skew as rule
import data.lib.aksarc.testing

day := "2025-11-01"

component(name, instance, version) := {"name": name, "instance": instance, "version": version}

control_plane(version) := [
	component("kube-apiserver", "moc-cp1", version),
	component("kube-controller-manager", "moc-cp1", version),
	component("kube-scheduler", "moc-cp1", version),
]

node(name, kubelet, proxy) := {"name": name, "nodePool": "nodepool1", "providerID": sprintf("moc://%s", [name]), "kubeletVersion": kubelet, "kubeProxyVersion": proxy}

cluster(components, nodes, pools) := testing.snapshot({
	"cluster": {"kubernetesVersion": "1.30.4", "agentPoolProfiles": pools},
	"controlPlane": {"components": components},
	"nodes": nodes,
})

pool(name, version) := {"name": name, "count": 1, "osType": "Linux", "kubernetesVersion": version}

with_nodes(nodes) := cluster(control_plane("v1.30.4"), nodes, [pool("nodepool1", "1.30.4")])

violations(doc) := rule.violations(doc, testing.ctx(day))

# findings reduced to the facts a test compares.
summary(fs) := {[f.details.skew, f.details.name, f.details.version, f.details.allowedMin, f.details.allowedMax] | some f in fs}

test_silent_when_everything_matches if {
	count(violations(with_nodes([node("moc-a", "v1.30.4", "v1.30.4")]))) == 0
}

test_silent_for_allowed_skews if {
	doc := cluster(
		[
			component("kube-apiserver", "moc-cp1", "v1.30.4"),
			component("kube-controller-manager", "moc-cp1", "v1.29.8"),
			component("kube-scheduler", "moc-cp1", "v1.29.8"),
			component("moc-cloud-controller-manager", "moc-cp1", "v1.30.1"),
		],
		[node("moc-a", "v1.27.9", "v1.27.9"), node("moc-b", "v1.30.4", "v1.27.9")],
		[pool("old", "1.27.7"), pool("new", "1.30.4")],
	)
	count(violations(doc)) == 0
}

test_kubelet_newer_than_apiserver if {
	fs := violations(with_nodes([node("moc-a", "v1.31.2", "v1.30.4")]))
	count(fs) == 1
	some f in fs
	f.id == "AKSARC-005"
	f.name == "version-skew"
	f.severity == "deny"
	f.resource.kind == "ClusterSnapshot"
	f.resource.name == "test-cluster"
	f.details.skew == "kubelet-apiserver"
	f.details.reason == "newerThanApiserver"
	f.details.component == "kubelet"
	f.details.source == "spec.nodes"
	f.details.name == "moc-a"
	f.details.version == "1.31.2"
	f.details.apiserverOldest == "1.30.4"
	f.details.apiserverNewest == "1.30.4"
	f.details.allowedMin == "1.27"
	f.details.allowedMax == "1.30"
	contains(f.message, "node moc-a")
	contains(f.message, "1.31.2")
	contains(f.message, "1.30.4")
	contains(f.message, "1.27 to 1.30")
}

test_kubelet_three_minors_older_is_allowed if {
	count(violations(with_nodes([node("moc-a", "1.27.0", "1.27.0")]))) == 0
}

test_kubelet_four_minors_older_fires if {
	fs := violations(with_nodes([node("moc-a", "1.26.12", "1.27.9")]))
	summary(fs) == {["kubelet-apiserver", "moc-a", "1.26.12", "1.27", "1.30"]}
	some f in fs
	f.details.reason == "olderThanAllowed"
	contains(f.message, "more than 3 minors older")
}

test_kubelet_below_1_25_may_be_only_two_minors_older if {
	two := cluster(control_plane("1.26.1"), [node("moc-a", "1.24.17", "1.24.17")], [])
	count(violations(two)) == 0
	three := cluster(control_plane("1.27.1"), [node("moc-a", "1.24.17", "1.25.16")], [])
	fs := violations(three)
	summary(fs) == {["kubelet-apiserver", "moc-a", "1.24.17", "1.25", "1.27"]}
	some f in fs
	contains(f.message, "more than 2 minors older")

	# 1.25 may lag by three.
	count(violations(cluster(control_plane("1.28.1"), [node("moc-a", "1.25.16", "1.25.16")], []))) == 0
}

test_node_pool_version_counts_as_its_kubelets if {
	doc := cluster(control_plane("1.30.4"), [], [pool("nodepool1", "1.30.4"), pool("legacy", "1.26.10")])
	fs := violations(doc)
	count(fs) == 1
	some f in fs
	f.details.source == "spec.cluster.agentPoolProfiles"
	f.details.name == "legacy"
	f.details.component == "kubelet"
	f.details.version == "1.26.10"
	f.details.allowedMin == "1.27"
	contains(f.message, "node pool legacy")
}

test_node_pool_newer_than_apiserver if {
	doc := cluster(control_plane("1.30.4"), [], [pool("nodepool1", "1.31.10")])
	some f in violations(doc)
	f.details.reason == "newerThanApiserver"
	f.details.name == "nodepool1"
}

test_kube_proxy_newer_than_apiserver if {
	fs := violations(with_nodes([node("moc-a", "1.30.4", "1.31.1")]))
	summary(fs) == {["kube-proxy-apiserver", "moc-a", "1.31.1", "1.27", "1.30"]}
	some f in fs
	f.details.component == "kube-proxy"
	f.details.reason == "newerThanApiserver"
}

test_kube_proxy_too_far_from_kubelet if {
	fs := violations(with_nodes([node("moc-a", "1.26.3", "1.30.4")]))
	summary(fs) == {
		["kubelet-apiserver", "moc-a", "1.26.3", "1.27", "1.30"],
		["kube-proxy-kubelet", "moc-a", "1.30.4", "1.23", "1.29"],
	}
	some f in fs
	f.details.skew == "kube-proxy-kubelet"
	f.details.kubeletVersion == "1.26.3"
	contains(f.message, "4 minors newer than its kubelet (1.26.3)")
}

test_kube_proxy_three_minors_from_kubelet_is_allowed if {
	count(violations(with_nodes([node("moc-a", "1.27.3", "1.30.4")]))) == 0
	count(violations(with_nodes([node("moc-a", "1.30.4", "1.27.3")]))) == 0
}

test_one_finding_per_offending_node if {
	fs := violations(with_nodes([
		node("moc-a", "1.30.4", "1.30.4"),
		node("moc-b", "1.31.1", "1.30.4"),
		node("moc-c", "1.25.1", "1.27.1"),
	]))
	summary(fs) == {
		["kubelet-apiserver", "moc-b", "1.31.1", "1.27", "1.30"],
		["kubelet-apiserver", "moc-c", "1.25.1", "1.27", "1.30"],
	}
}

test_controller_manager_two_minors_older if {
	doc := cluster(
		[
			component("kube-apiserver", "moc-cp1", "v1.30.4"),
			component("kube-controller-manager", "moc-cp1", "v1.28.9"),
			component("kube-scheduler", "moc-cp1", "v1.30.4"),
		],
		[], [],
	)
	fs := violations(doc)
	count(fs) == 1
	some f in fs
	f.details.skew == "controller-apiserver"
	f.details.reason == "olderThanAllowed"
	f.details.component == "kube-controller-manager"
	f.details.name == "kube-controller-manager (moc-cp1)"
	f.details.version == "1.28.9"
	f.details.allowedMin == "1.29"
	f.details.allowedMax == "1.30"
	contains(f.message, "kube-controller-manager (moc-cp1) is 1.28.9")
}

test_scheduler_newer_than_apiserver if {
	doc := cluster(
		[component("kube-apiserver", "moc-cp1", "v1.30.4"), component("kube-scheduler", "", "v1.31.0")],
		[], [],
	)
	fs := violations(doc)
	summary(fs) == {["controller-apiserver", "kube-scheduler", "1.31.0", "1.29", "1.30"]}
	some f in fs
	f.details.reason == "newerThanApiserver"
}

test_ha_apiservers_two_minors_apart if {
	doc := cluster(
		[
			component("kube-apiserver", "moc-cp1", "v1.28.3"),
			component("kube-apiserver", "moc-cp2", "v1.30.4"),
			component("kube-controller-manager", "moc-cp2", "v1.29.1"),
		],
		[], [],
	)
	fs := violations(doc)
	some f in fs
	f.details.skew == "apiserver-apiserver"
	f.details.name == "kube-apiserver (moc-cp1)"
	f.details.version == "1.28.3"
	f.details.apiserverOldest == "1.28.3"
	f.details.apiserverNewest == "1.30.4"
	f.details.allowedMin == "1.29"
	f.details.allowedMax == "1.30"
	contains(f.message, "2 minors older than the newest kube-apiserver (1.30.4)")

	# The controller manager is newer than the oldest apiserver, too: no version fits.
	some c in fs
	c.details.skew == "controller-apiserver"
	contains(c.message, "no version is allowed while the kube-apiservers span 1.28.3 to 1.30.4")
	summary(fs) == {
		["apiserver-apiserver", "kube-apiserver (moc-cp1)", "1.28.3", "1.29", "1.30"],
		["controller-apiserver", "kube-controller-manager (moc-cp2)", "1.29.1", "1.29", "1.28"],
	}
}

test_ha_apiservers_one_minor_apart_judge_kubelets_against_the_oldest if {
	doc := cluster(
		[component("kube-apiserver", "moc-cp1", "v1.29.9"), component("kube-apiserver", "moc-cp2", "v1.30.4")],
		[node("moc-a", "1.29.9", "1.29.9"), node("moc-b", "1.30.4", "1.29.9")],
		[],
	)
	fs := violations(doc)
	summary(fs) == {["kubelet-apiserver", "moc-b", "1.30.4", "1.27", "1.29"]}
	some f in fs
	f.details.apiserverOldest == "1.29.9"
	f.details.apiserverNewest == "1.30.4"
}

test_cluster_version_stands_in_for_missing_apiserver if {
	doc := testing.snapshot({
		"cluster": {"kubernetesVersion": "v1.30.4"},
		"controlPlane": {"components": [component("kube-scheduler", "moc-cp1", "v1.28.0")]},
		"nodes": [node("moc-a", "v1.31.0", "v1.30.4")],
	})
	fs := violations(doc)
	summary(fs) == {
		["kubelet-apiserver", "moc-a", "1.31.0", "1.27", "1.30"],
		["controller-apiserver", "kube-scheduler (moc-cp1)", "1.28.0", "1.29", "1.30"],
	}
	some f in fs
	f.details.apiserverOldest == "1.30.4"
}

test_components_win_over_cluster_version if {
	doc := testing.snapshot({
		"cluster": {"kubernetesVersion": "1.31.10"},
		"controlPlane": {"components": [component("kube-apiserver", "moc-cp1", "v1.30.4")]},
		"nodes": [node("moc-a", "v1.31.10", "v1.31.10")],
	})
	count(violations(doc)) == 2
}

test_same_rule_on_azure_local if {
	doc := object.union(with_nodes([node("moc-a", "1.31.2", "1.30.4")]), {"spec": {"platform": "AzureLocal"}})
	summary(violations(doc)) == {["kubelet-apiserver", "moc-a", "1.31.2", "1.27", "1.30"]}
}

test_silent_without_agent_or_component_facts if {
	count(violations(testing.snapshot({}))) == 0
	doc := testing.snapshot({"nodes": [{"name": "moc-a"}], "cluster": {"agentPoolProfiles": [{"name": "p", "count": 2}]}})
	count(violations(doc)) == 0
}

test_silent_for_unparseable_versions if {
	count(violations(with_nodes([node("moc-a", "unknown", "")]))) == 0
}

test_silent_for_other_documents if {
	cm := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "spec": {"nodes": [node("moc-a", "1.10.0", "1.10.0")]}}
	count(violations(cm)) == 0
}

# Node objects, judged against the ClusterSnapshot evaluated with them.

node_object(name, kubelet, proxy) := {
	"apiVersion": "v1",
	"kind": "Node",
	"metadata": {"name": name, "labels": {"msft.microsoft/nodepool-name": "nodepool1"}},
	"spec": {"providerID": sprintf("moc://%s", [name])},
	"status": {"nodeInfo": {"kubeletVersion": kubelet, "kubeProxyVersion": proxy}},
}

with_cluster(c) := object.union(testing.ctx(day), {"cluster": c})

test_node_object_kubelet_newer_than_cluster_apiserver if {
	fs := rule.violations(node_object("moc-x", "v1.31.1", "v1.30.4"), with_cluster(with_nodes([])))
	count(fs) == 1
	some f in fs
	f.id == "AKSARC-005"
	f.severity == "deny"
	f.resource.kind == "Node"
	f.resource.name == "moc-x"
	f.details.source == "Node"
	f.details.name == "moc-x"
	f.details.component == "kubelet"
	f.details.version == "1.31.1"
	f.details.apiserverOldest == "1.30.4"
	f.details.allowedMax == "1.30"
}

test_node_object_kube_proxy_checks if {
	fs := rule.violations(node_object("moc-x", "v1.26.1", "v1.30.4"), with_cluster(with_nodes([])))
	summary(fs) == {
		["kubelet-apiserver", "moc-x", "1.26.1", "1.27", "1.30"],
		["kube-proxy-kubelet", "moc-x", "1.30.4", "1.23", "1.29"],
	}
}

test_node_object_silent_within_skew if {
	count(rule.violations(node_object("moc-x", "v1.30.4", "v1.30.4"), with_cluster(with_nodes([])))) == 0
	count(rule.violations(node_object("moc-x", "v1.28.4", ""), with_cluster(with_nodes([])))) == 0
}

test_node_object_silent_without_cluster if {
	count(rule.violations(node_object("moc-x", "v1.35.0", "v1.35.0"), testing.ctx(day))) == 0
	not_a_snapshot := object.union(with_nodes([]), {"apiVersion": "v1", "kind": "ConfigMap"})
	count(rule.violations(node_object("moc-x", "v1.35.0", "v1.35.0"), with_cluster(not_a_snapshot))) == 0
}

test_node_object_does_not_repeat_snapshot_control_plane_findings if {
	c := cluster(
		[component("kube-apiserver", "moc-cp1", "v1.28.3"), component("kube-apiserver", "moc-cp2", "v1.30.4")],
		[], [],
	)
	count(rule.violations(c, testing.ctx(day))) == 1
	count(rule.violations(node_object("moc-x", "v1.28.3", "v1.28.3"), with_cluster(c))) == 0
}

test_node_kind_of_another_group_is_ignored if {
	other := object.union(node_object("moc-x", "v1.35.0", "v1.35.0"), {"apiVersion": "example.com/v1"})
	count(rule.violations(other, with_cluster(with_nodes([])))) == 0
}

test_silent_for_aks_arc_controllers_with_their_own_versions if {
	doc := cluster(
		[
			component("kube-apiserver", "moc-cp1", "v1.31.10"),
			component("certificate-controller-manager", "moc-cp1", "v0.5.2"),
			component("moc-cloud-controller-manager", "moc-cp1", "v0.17.2"),
		],
		[],
		[],
	)
	count(violations(doc)) == 0
}

test_cloud_controller_manager_is_held_to_the_apiserver if {
	doc := cluster(
		[
			component("kube-apiserver", "moc-cp1", "v1.31.10"),
			component("cloud-controller-manager", "moc-cp1", "v1.29.0"),
		],
		[],
		[],
	)
	some f in violations(doc)
	f.details.component == "cloud-controller-manager"
}
