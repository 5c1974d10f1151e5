package lib.aksarc.rules.upgrades.api_removed_in_next_minor_test

import data.lib.aksarc.rules.upgrades.api_removed_in_next_minor as rule
import data.lib.aksarc.testing

obj(api, kind, name) := {"apiVersion": api, "kind": kind, "metadata": {"name": name}}

flow_schema(api) := obj(api, "FlowSchema", "batch-jobs")

# A context with a ClusterSnapshot at the given version evaluated alongside.
on(version) := testing.ctx_for("2025-11-01", testing.snapshot({"cluster": {"kubernetesVersion": version}}))

# Without a snapshot: the newest catalog minor (1.32) is assumed.
alone := testing.ctx("2025-11-01")

only(fs) := f if {
	count(fs) == 1
	some f in fs
}

# flowcontrol.apiserver.k8s.io/v1beta3 is removed in 1.32: the next minor of a 1.31 cluster.
test_fires_for_an_api_the_next_minor_removes if {
	f := only(rule.violations(flow_schema("flowcontrol.apiserver.k8s.io/v1beta3"), on("1.31.10")))
	f.id == "AKSARC-070"
	f.name == "api-removed-in-next-minor"
	f.severity == "warn"
	f.resource.kind == "FlowSchema"
	f.resource.name == "batch-jobs"
	f.details.status == "removed-in-next-minor"
	f.details.apiVersion == "flowcontrol.apiserver.k8s.io/v1beta3"
	f.details.removedIn == "1.32"
	f.details.clusterMinor == "1.31"
	f.details.clusterMinorAssumed == false
	f.details.clusterMinorBasis == "cluster snapshot"
	f.details.replacement == "flowcontrol.apiserver.k8s.io/v1"
	f.details.replacementSince == "1.29"
	f.details.instead == null
	f.details.source == "https://kubernetes.io/docs/reference/using-api/deprecation-guide/#flowcontrol-resources-v132"
	contains(f.message, "FlowSchema batch-jobs uses flowcontrol.apiserver.k8s.io/v1beta3, which Kubernetes 1.32 no longer serves")
	contains(f.message, "the cluster runs 1.31,")
	contains(f.message, "move it to flowcontrol.apiserver.k8s.io/v1 (served since 1.29) before upgrading")
	not contains(f.message, "assumed")
}

test_fires_for_every_kind_of_the_entry if {
	f := only(rule.violations(obj("flowcontrol.apiserver.k8s.io/v1beta3", "PriorityLevelConfiguration", "batch"), on("v1.31.9")))
	f.details.status == "removed-in-next-minor"
	f.details.replacement == "flowcontrol.apiserver.k8s.io/v1"
}

test_silent_two_minors_before_the_removal if {
	count(rule.violations(flow_schema("flowcontrol.apiserver.k8s.io/v1beta3"), on("1.30.14"))) == 0
}

test_already_removed_at_the_removal_minor if {
	f := only(rule.violations(flow_schema("flowcontrol.apiserver.k8s.io/v1beta3"), on("1.32.6")))
	f.details.status == "already-removed"
	f.details.clusterMinor == "1.32"
	f.details.replacement == "flowcontrol.apiserver.k8s.io/v1"
	contains(f.message, "which Kubernetes has not served since 1.32: a cluster on 1.32 rejects this manifest, so it cannot be applied; move it to flowcontrol.apiserver.k8s.io/v1 (served since 1.29)")
}

test_already_removed_long_ago if {
	f := only(rule.violations(obj("policy/v1beta1", "PodDisruptionBudget", "web"), on("1.31.10")))
	f.details.status == "already-removed"
	f.details.removedIn == "1.25"
	f.details.replacement == "policy/v1"
	f.details.replacementSince == "1.21"
}

test_assumes_the_newest_catalog_minor_without_a_snapshot if {
	f := only(rule.violations(flow_schema("flowcontrol.apiserver.k8s.io/v1beta3"), alone))
	f.details.status == "already-removed"
	f.details.clusterMinor == "1.32"
	f.details.clusterMinorAssumed == true
	f.details.clusterMinorBasis == "assumed: newest minor in the catalog"
	contains(f.message, "a cluster on 1.32 (assumed: the newest minor version in the catalog) rejects")
}

test_assumes_the_newest_minor_when_the_snapshot_version_does_not_parse if {
	c := testing.ctx_for("2025-11-01", testing.snapshot({"cluster": {"kubernetesVersion": "latest"}}))
	f := only(rule.violations(flow_schema("flowcontrol.apiserver.k8s.io/v1beta3"), c))
	f.details.clusterMinorAssumed == true
	f.details.clusterMinor == "1.32"
}

widget_removal := {"catalog": {"apiRemovals": {"removals": {"example.k8s.io/v1beta1": {"Widget": {
	"removedIn": "1.33",
	"replacements": [{"apiVersion": "example.k8s.io/v1", "since": "1.30"}],
	"source": "https://example.com/removals",
}}}}}}

widget := obj("example.k8s.io/v1beta1", "Widget", "w")

test_catalog_override_adds_a_removal_in_the_next_minor if {
	f := only(rule.violations(widget, testing.ctx_with("2025-11-01", widget_removal)))
	f.details.status == "removed-in-next-minor"
	f.details.removedIn == "1.33"
	f.details.clusterMinor == "1.32"
	f.details.clusterMinorAssumed == true
	f.details.source == "https://example.com/removals"
	contains(f.message, "the cluster runs 1.32 (assumed: the newest minor version in the catalog), and the upgrade to 1.33")
	count(rule.violations(widget, alone)) == 0
}

test_override_keeps_the_embedded_entries if {
	c := testing.ctx_with("2025-11-01", widget_removal)
	count(rule.violations(flow_schema("flowcontrol.apiserver.k8s.io/v1beta3"), c)) == 1
}

test_the_assumed_minor_follows_the_platform if {
	settings := object.union(widget_removal, {
		"platform": "AzureLocal",
		"catalog": {"platforms": {"AzureLocal": {"versions": {"1.33": {"released": "2025-10-15"}}}}},
	})
	f := only(rule.violations(widget, testing.ctx_with("2025-11-01", settings)))
	f.details.status == "already-removed"
	f.details.clusterMinor == "1.33"
}

test_override_switches_an_entry_off if {
	off := {"catalog": {"apiRemovals": {"removals": {"flowcontrol.apiserver.k8s.io/v1beta3": {"FlowSchema": null}}}}}
	count(rule.violations(flow_schema("flowcontrol.apiserver.k8s.io/v1beta3"), testing.ctx_with("2025-11-01", off))) == 0
	count(rule.violations(obj("flowcontrol.apiserver.k8s.io/v1beta3", "PriorityLevelConfiguration", "p"), testing.ctx_with("2025-11-01", off))) == 1
}

# Replacements that are themselves removed are followed to theirs.
test_follows_a_removed_replacement if {
	f := only(rule.violations(flow_schema("flowcontrol.apiserver.k8s.io/v1beta1"), on("1.31.10")))
	f.details.status == "already-removed"
	f.details.removedIn == "1.26"
	f.details.replacement == "flowcontrol.apiserver.k8s.io/v1"
	f.details.replacementSince == "1.29"
}

test_picks_a_replacement_served_now_and_after_the_upgrade if {
	# 1.28: v1 is served only from 1.29, so the guide's second choice v1beta3 (1.26 to 1.31).
	f := only(rule.violations(flow_schema("flowcontrol.apiserver.k8s.io/v1beta2"), on("1.28.14")))
	f.details.status == "removed-in-next-minor"
	f.details.replacement == "flowcontrol.apiserver.k8s.io/v1beta3"
	f.details.replacementSince == "1.26"
}

test_a_replacement_without_since_is_named_without_it if {
	# 1.25: v1beta1 goes in 1.26; the guide names v1beta2 without saying since when.
	f := only(rule.violations(flow_schema("flowcontrol.apiserver.k8s.io/v1beta1"), on("1.25.6")))
	f.details.status == "removed-in-next-minor"
	f.details.replacement == "flowcontrol.apiserver.k8s.io/v1beta2"
	f.details.replacementSince == null
	contains(f.message, "move it to flowcontrol.apiserver.k8s.io/v1beta2 before upgrading")
}

test_no_replacement_api if {
	f := only(rule.violations(obj("policy/v1beta1", "PodSecurityPolicy", "restricted"), on("1.31.10")))
	f.details.replacement == null
	f.details.replacementSince == null
	f.details.instead == "Pod Security Admission or a third-party admission webhook"
	endswith(f.message, "cannot be applied; the API has no replacement: migrate to Pod Security Admission or a third-party admission webhook")
}

test_no_replacement_api_at_the_end_of_the_chain if {
	f := only(rule.violations(obj("extensions/v1beta1", "PodSecurityPolicy", "restricted"), on("1.31.10")))
	f.details.removedIn == "1.16"
	f.details.replacement == null
	f.details.instead == "Pod Security Admission or a third-party admission webhook"
}

test_the_chain_stops_where_the_cluster_still_serves if {
	# On 1.24, policy/v1beta1 is still served (removed in 1.25).
	f := only(rule.violations(obj("extensions/v1beta1", "PodSecurityPolicy", "restricted"), on("1.24.9")))
	f.details.status == "already-removed"
	f.details.replacement == "policy/v1beta1"
	f.details.instead == null
}

custom(entry) := {"catalog": {"apiRemovals": {"removals": {"example.k8s.io/v1beta1": {"Widget": entry}}}}}

test_a_replacement_not_served_yet_is_still_named if {
	c := testing.ctx_with("2025-11-01", custom({"removedIn": "1.33", "replacements": [{"apiVersion": "example.k8s.io/v1", "since": "1.33"}]}))
	f := only(rule.violations(widget, c))
	f.details.replacement == "example.k8s.io/v1"
	f.details.replacementSince == "1.33"
	endswith(f.message, "the guide's replacement, example.k8s.io/v1, is not served by the cluster's version: move the manifest to it as part of the upgrade")
}

test_no_replacement_and_nothing_instead if {
	c := testing.ctx_with("2025-11-01", custom({"removedIn": "1.33", "replacements": []}))
	f := only(rule.violations(widget, c))
	f.details.replacement == null
	f.details.instead == null
	f.details.source == null
	endswith(f.message, "will break this manifest; the API has no replacement")
}

test_malformed_replacements_count_as_none if {
	c := testing.ctx_with("2025-11-01", custom({"removedIn": "1.33", "replacements": "example.k8s.io/v1"}))
	f := only(rule.violations(widget, c))
	f.details.replacement == null
	c2 := testing.ctx_with("2025-11-01", custom({"removedIn": "1.33", "replacements": [1, {"apiVersion": 2}, {"apiVersion": "example.k8s.io/v1", "since": 30}]}))
	f2 := only(rule.violations(widget, c2))
	f2.details.replacement == "example.k8s.io/v1"
	f2.details.replacementSince == null
}

test_a_malformed_since_is_not_served if {
	c := testing.ctx_with("2025-11-01", custom({"removedIn": "1.33", "replacements": [{"apiVersion": "example.k8s.io/v1", "since": "soon"}], "instead": 5}))
	f := only(rule.violations(widget, c))
	f.details.replacement == "example.k8s.io/v1"
	contains(f.message, "is not served by the cluster's version")
}

test_silent_for_a_malformed_removal if {
	count(rule.violations(widget, testing.ctx_with("2025-11-01", custom({"removedIn": "next year"})))) == 0
	count(rule.violations(widget, testing.ctx_with("2025-11-01", custom({"removedIn": 1.33})))) == 0
	count(rule.violations(widget, testing.ctx_with("2025-11-01", custom("removed")))) == 0
	bad_kinds := {"catalog": {"apiRemovals": {"removals": {"example.k8s.io/v1beta1": ["Widget"]}}}}
	count(rule.violations(widget, testing.ctx_with("2025-11-01", bad_kinds))) == 0
}

test_silent_for_a_malformed_catalog if {
	c := object.union(alone, {"catalog": {"apiRemovals": {"removals": ["broken"]}}})
	count(rule.violations(flow_schema("flowcontrol.apiserver.k8s.io/v1beta3"), c)) == 0
	c2 := object.union(alone, {"catalog": {"apiRemovals": "broken"}})
	count(rule.violations(flow_schema("flowcontrol.apiserver.k8s.io/v1beta3"), c2)) == 0
}

test_silent_without_any_minor if {
	# No snapshot and a catalog without versions: nothing to compare with.
	c := json.patch(alone, [{"op": "replace", "path": "/catalog/versions", "value": {}}])
	count(rule.violations(flow_schema("flowcontrol.apiserver.k8s.io/v1beta3"), c)) == 0
}

test_silent_for_served_apis if {
	count(rule.violations(obj("apps/v1", "Deployment", "web"), on("1.31.10"))) == 0
	count(rule.violations(obj("flowcontrol.apiserver.k8s.io/v1", "FlowSchema", "f"), alone)) == 0

	# The apiVersion is listed, but not for this kind.
	count(rule.violations(obj("policy/v1beta1", "Eviction", "e"), alone)) == 0

	# A custom resource whose kind matches a built-in one.
	count(rule.violations(obj("example.com/v1beta1", "Deployment", "d"), alone)) == 0
}

test_silent_for_cluster_snapshots if {
	count(rule.violations(testing.snapshot({}), alone)) == 0
	snap := object.union(testing.snapshot({}), {"kind": "ClusterSnapshot", "apiVersion": "support.aksarc.io/v1alpha1"})
	count(rule.violations(snap, on("1.31.10"))) == 0
}

test_silent_for_malformed_documents if {
	count(rule.violations({"apiVersion": 1, "kind": "FlowSchema"}, alone)) == 0
	count(rule.violations({"apiVersion": "flowcontrol.apiserver.k8s.io/v1beta3"}, alone)) == 0
	count(rule.violations({"apiVersion": "flowcontrol.apiserver.k8s.io/v1beta3", "kind": ["FlowSchema"]}, alone)) == 0
	count(rule.violations("FlowSchema", alone)) == 0
	count(rule.violations(null, alone)) == 0
}

test_unnamed_objects_are_named_so if {
	f := only(rule.violations({"apiVersion": "flowcontrol.apiserver.k8s.io/v1beta3", "kind": "FlowSchema", "metadata": "x"}, alone))
	f.details.name == "(unnamed)"
	startswith(f.message, "FlowSchema (unnamed) uses")
	g := only(rule.violations({"apiVersion": "flowcontrol.apiserver.k8s.io/v1beta3", "kind": "FlowSchema", "metadata": {"name": 7}}, alone))
	g.details.name == "(unnamed)"
}

test_fires_for_objects_read_from_a_cluster_too if {
	observed := object.union(obj("batch/v1beta1", "CronJob", "nightly"), {"metadata": {"namespace": "ops", "uid": "0b8e"}})
	f := only(rule.violations(observed, on("1.31.10")))
	f.resource.namespace == "ops"
	f.details.replacement == "batch/v1"
}

# The fixture manifests/api-removed-in-next-minor.yaml, with and without the 1.31.10 snapshot of
# snapshots/clean-windows-server.yaml.
fixture := [
	object.union(obj("flowcontrol.apiserver.k8s.io/v1beta3", "PriorityLevelConfiguration", "batch-reports"), {"spec": {"type": "Limited"}}),
	object.union(obj("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema", "batch-reports"), {"spec": {"matchingPrecedence": 2000}}),
	object.union(obj("policy/v1beta1", "PodDisruptionBudget", "report-worker"), {"metadata": {"namespace": "reports"}}),
	object.union(obj("apps/v1", "Deployment", "report-worker"), {"metadata": {"namespace": "reports"}}),
]

findings(c) := {[f.resource.kind, f.details.status] | some doc in fixture; some f in rule.violations(doc, c)}

test_fixture_with_a_1_31_snapshot if {
	findings(on("1.31.10")) == {
		["PriorityLevelConfiguration", "removed-in-next-minor"],
		["FlowSchema", "removed-in-next-minor"],
		["PodDisruptionBudget", "already-removed"],
	}
}

test_fixture_alone if {
	findings(alone) == {
		["PriorityLevelConfiguration", "already-removed"],
		["FlowSchema", "already-removed"],
		["PodDisruptionBudget", "already-removed"],
	}
}

test_no_replacement_api_in_the_next_minor if {
	f := only(rule.violations(obj("policy/v1beta1", "PodSecurityPolicy", "restricted"), on("1.24.9")))
	f.details.status == "removed-in-next-minor"
	endswith(f.message, "will break this manifest; the API has no replacement: migrate to Pod Security Admission or a third-party admission webhook before upgrading")
}

test_follows_the_chain_three_steps if {
	chain := {"catalog": {"apiRemovals": {"removals": {
		"example.k8s.io/v1alpha1": {"Widget": {"removedIn": "1.20", "replacements": [{"apiVersion": "example.k8s.io/v1beta1", "since": "1.18"}]}},
		"example.k8s.io/v1beta1": {"Widget": {"removedIn": "1.24", "replacements": [{"apiVersion": "example.k8s.io/v1beta2", "since": "1.22"}]}},
		"example.k8s.io/v1beta2": {"Widget": {"removedIn": "1.28", "replacements": [{"apiVersion": "example.k8s.io/v1", "since": "1.26"}]}},
	}}}}
	f := only(rule.violations(obj("example.k8s.io/v1alpha1", "Widget", "w"), testing.ctx_with("2025-11-01", chain)))
	f.details.replacement == "example.k8s.io/v1"
	f.details.replacementSince == "1.26"
}

test_a_snapshot_is_never_judged_even_if_its_api_is_listed if {
	listed := {"catalog": {"apiRemovals": {"removals": {"support.aksarc.io/v1alpha1": {"ClusterSnapshot": {"removedIn": "1.20", "replacements": []}}}}}}
	count(rule.violations(testing.snapshot({}), testing.ctx_with("2025-11-01", listed))) == 0
}
