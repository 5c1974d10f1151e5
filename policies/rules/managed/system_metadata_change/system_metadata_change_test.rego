package lib.aksarc.rules.managed.system_metadata_change_test

import data.lib.aksarc.rules.managed.system_metadata_change as rule
import data.lib.aksarc.testing

c := testing.ctx("2025-11-01")

node(labels, annotations) := {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "moc-lqk3n7xw8", "labels": labels, "annotations": annotations}}

test_node_manifest_sets_system_labels if {
	doc := node({"kubernetes.io/os": "linux", "team": "payments", "app.kubernetes.io/name": "x"}, {"node.alpha.kubernetes.io/ttl": "0"})
	fs := rule.violations(doc, c)
	count(fs) == 1
	some f in fs
	f.id == "AKSARC-012"
	f.severity == "deny"
	f.details.changes == [
		{"field": "annotations", "key": "node.alpha.kubernetes.io/ttl", "change": "set", "value": "0", "oldValue": null},
		{"field": "labels", "key": "kubernetes.io/os", "change": "set", "value": "linux", "oldValue": null},
	]
	contains(f.message, "Node moc-lqk3n7xw8 sets system-created metadata: annotation node.alpha.kubernetes.io/ttl set, label kubernetes.io/os set")
}

test_user_labels_on_nodes_are_allowed if {
	count(rule.violations(node({"team": "payments", "app.kubernetes.io/part-of": "shop", "example.com/tier": "gold"}, {}), c)) == 0
	count(rule.violations({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n"}}, c)) == 0
}

test_every_listed_prefix_is_reserved if {
	every prefix in c.catalog.managedComponents.systemMetadataPrefixes {
		count(rule.violations(node({concat("", [prefix, "x"]): "1"}, {}), c)) == 1
	}
}

test_each_spec_prefix_fires if {
	every prefix in ["kubernetes.io/", "k8s.io/", "node.kubernetes.io/", "node-role.kubernetes.io/", "msft.microsoft/", "cluster.x-k8s.io/"] {
		count(rule.violations(node({concat("", [prefix, "x"]): "1"}, {}), c)) == 1
	}
}

test_kube_system_object_manifest if {
	cm := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "coredns", "namespace": "kube-system", "labels": {"k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true"}}}
	some f in rule.violations(cm, c)
	f.resource.namespace == "kube-system"
	contains(f.message, "ConfigMap kube-system/coredns sets")
}

test_kube_system_namespace_itself if {
	ns := {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "kube-system", "labels": {"kubernetes.io/metadata.name": "kube-system"}}}
	count(rule.violations(ns, c)) == 1
	other := {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop", "labels": {"kubernetes.io/metadata.name": "shop"}}}
	count(rule.violations(other, c)) == 0
}

test_objects_outside_scope_are_silent if {
	cm := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "namespace": "shop", "labels": {"kubernetes.io/cluster-service": "true"}}}
	count(rule.violations(cm, c)) == 0
	crd_node := {"apiVersion": "example.com/v1", "kind": "Node", "metadata": {"name": "n", "labels": {"kubernetes.io/os": "linux"}}}
	count(rule.violations(crd_node, c)) == 0
	event := {"apiVersion": "v1", "kind": "Event", "metadata": {"name": "e", "namespace": "kube-system", "labels": {"kubernetes.io/x": "1"}}}
	count(rule.violations(event, c)) == 0
}

test_observed_objects_are_not_changes if {
	observed := object.union(node({"kubernetes.io/os": "linux"}, {}), {"metadata": {"uid": "0b7e", "resourceVersion": "12"}})
	count(rule.violations(observed, c)) == 0
}

test_admission_compares_with_the_old_object if {
	old := node({"kubernetes.io/os": "linux", "node-role.kubernetes.io/worker": "", "msft.microsoft/nodepool-name": "np1", "team": "a"}, {})
	new := node({"kubernetes.io/os": "windows", "msft.microsoft/nodepool-name": "np1", "node.kubernetes.io/exclude-from-external-load-balancers": "true", "team": "b"}, {})
	some f in rule.change_violations(new, old, c)
	f.details.changes == [
		{"field": "labels", "key": "kubernetes.io/os", "change": "changed", "value": "windows", "oldValue": "linux"},
		{"field": "labels", "key": "node-role.kubernetes.io/worker", "change": "removed", "value": null, "oldValue": ""},
		{"field": "labels", "key": "node.kubernetes.io/exclude-from-external-load-balancers", "change": "added", "value": "true", "oldValue": null},
	]
	contains(f.message, "Node moc-lqk3n7xw8 changes system-created metadata")
	contains(f.message, `label kubernetes.io/os changed (was "linux")`)
}

test_admission_with_only_user_changes_is_silent if {
	old := node({"kubernetes.io/os": "linux", "team": "a"}, {"note": "x"})
	new := node({"kubernetes.io/os": "linux", "team": "b", "app.kubernetes.io/name": "n"}, {"note": "y", "kubectl.kubernetes.io/last-applied-configuration": "{}"})
	count(rule.change_violations(new, old, c)) == 0
}

test_malformed_metadata_is_silent if {
	count(rule.violations({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n", "labels": "x", "annotations": [1]}}, c)) == 0
	old := {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n", "labels": {"kubernetes.io/os": 5}}}
	some f in rule.change_violations(node({"kubernetes.io/os": "linux"}, {}), old, c)
	contains(f.message, "(was 5)")
}

test_catalog_override_of_prefixes if {
	o := testing.ctx_with("2025-11-01", {"catalog": {"managedComponents": {"systemMetadataPrefixes": ["example.com/"]}}})
	count(rule.violations(node({"example.com/x": "1"}, {}), o)) == 1
	count(rule.violations(node({"kubernetes.io/os": "linux"}, {}), o)) == 0
}

test_message_names_the_first_ten_changes_and_counts_the_rest if {
	labels := {sprintf("kubernetes.io/l%02d", [i]): "x" | some i in numbers.range(1, 12)}
	some f in rule.violations(node(labels, {}), c)
	count(f.details.changes) == 12
	contains(f.message, "label kubernetes.io/l01 set, label kubernetes.io/l02 set")
	contains(f.message, "label kubernetes.io/l10 set and 2 more;")
	not contains(f.message, "kubernetes.io/l11")

	# ten changes are all named
	some g in rule.violations(node({k: v | some k, v in labels; k < "kubernetes.io/l11"}, {}), c)
	contains(g.message, "label kubernetes.io/l10 set;")
	not contains(g.message, "more")
}

test_keys_that_are_not_strings_or_have_no_slash_are_not_system_keys if {
	count(rule.violations(node({"kubernetes.io": "x", "os": "linux"}, {}), c)) == 0
}
