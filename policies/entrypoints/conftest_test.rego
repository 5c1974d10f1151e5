package main_test

import data.lib.aksarc.testing
import data.main as conftest

nov_1 := time.parse_rfc3339_ns("2025-11-01T00:00:00Z")

stopped := testing.snapshot({"cluster": {"power": {"state": "Stopped", "since": "2025-09-17T00:00:00Z"}}})

nearing := testing.snapshot({"cluster": {"power": {"state": "Stopped", "since": "2025-10-07T00:00:00Z"}}})

foreign := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "backup", "namespace": "kube-system"}}

test_deny_results_start_with_the_rule_id_and_carry_its_metadata if {
	ds := conftest.deny with input as stopped with time.now_ns as nov_1
	count(ds) == 1
	some d in ds
	startswith(d.msg, "AKSARC-040 ClusterSnapshot test-cluster: ")
	d.id == "AKSARC-040"
	d.severity == "deny"
	d.section == "Stopped or disconnected clusters"
	d.remediation != ""
	d.resource.name == "test-cluster"
	count(conftest.warn) == 0 with input as stopped with time.now_ns as nov_1
}

test_warn_results if {
	ws := conftest.warn with input as nearing with time.now_ns as nov_1
	{w.id | some w in ws} == {"AKSARC-042"}
	count(conftest.deny) == 0 with input as nearing with time.now_ns as nov_1
}

test_namespaced_objects_are_named_with_their_namespace if {
	some d in conftest.deny with input as foreign with time.now_ns as nov_1
	startswith(d.msg, "AKSARC-010 Deployment kube-system/backup: ")
}

test_a_list_is_judged_item_by_item if {
	list := {"apiVersion": "v1", "kind": "List", "items": [foreign, object.union(foreign, {"metadata": {"name": "other"}})]}
	{d.resource.name | some d in conftest.deny} == {"backup", "other"} with input as list with time.now_ns as nov_1
}

test_typed_list_items_get_their_kind if {
	list := {"apiVersion": "apps/v1", "kind": "DeploymentList", "items": [{"metadata": {"name": "backup", "namespace": "kube-system"}}, "junk"]}
	some d in conftest.deny with input as list with time.now_ns as nov_1
	d.resource.kind == "Deployment"
	d.resource.apiVersion == "apps/v1"
}

test_the_date_comes_from_the_settings_data if {
	# Pinned to 2025-09-20 the cluster has been stopped 3 days: nothing to report.
	count(conftest.deny) == 0 with input as stopped with data.aksarc_settings as {"asOf": "2025-09-20"}
}

test_a_clean_object_passes if {
	cm := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "namespace": "shop"}}
	count(conftest.deny) == 0 with input as cm with time.now_ns as nov_1
	count(conftest.warn) == 0 with input as cm with time.now_ns as nov_1
}
