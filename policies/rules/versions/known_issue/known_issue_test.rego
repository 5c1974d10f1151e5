package lib.aksarc.rules.versions.known_issue_test

import data.lib.aksarc.rules.versions.known_issue as rule
import data.lib.aksarc.testing

ctx := testing.ctx("2025-11-01")

# An AzureLocal cluster whose host runs the given Azure Local release.
local(release, version) := testing.snapshot({
	"platform": "AzureLocal",
	"host": {"azureLocalRelease": release},
	"cluster": {"kubernetesVersion": version},
})

ids(fs) := {f.details.issueId | some f in fs}

by_id(fs, id) := f if {
	some f in fs
	f.details.issueId == id
}

# 2506: the storage regression of 2506, and the issues fixed in 2507.
test_fires_for_each_issue_of_the_release if {
	fs := rule.violations(local("2506", "1.30.4"), ctx)
	ids(fs) == {
		"storage-provisioning-single-volume", "telemetry-pod-resource-usage",
		"gallery-image-not-usable", "kube-apiserver-audit-log-overflow",
	}
	f := by_id(fs, "telemetry-pod-resource-usage")
	f.id == "AKSARC-080"
	f.name == "known-issue"
	f.severity == "warn"
	f.resource.kind == "ClusterSnapshot"
	f.resource.name == "test-cluster"
	f.details.url == "https://learn.microsoft.com/azure/aks/aksarc/telemetry-pod-resources"
	f.details.workaround == "https://learn.microsoft.com/azure/aks/aksarc/telemetry-pod-resources#workaround-for-azure-local-versions-2506-and-older"
	f.details.tracker == "https://github.com/Azure/aksArc/issues?q=label%3Aknown-issue"
	f.details.title == "The akshci-telemetry pod consumes too much CPU and memory"
	f.details.platform == "AzureLocal"
	f.details.matchedOn == ["release 2506"]
	f.details.release == "2506"
	f.details.kubernetesVersion == "1.30.4"
	f.details.fixedIn == "2507"
	contains(f.message, "cluster test-cluster (release 2506) is affected by the known AKS Arc issue \"The akshci-telemetry pod consumes too much CPU and memory\" (telemetry-pod-resource-usage), see https://learn.microsoft.com/azure/aks/aksarc/telemetry-pod-resources")
	contains(f.message, "fixed in release 2507")
	g := by_id(fs, "storage-provisioning-single-volume")
	g.details.fixedIn == null
	contains(g.message, "no fixing release is recorded")
}

test_silent_from_the_fixing_release if {
	count(rule.violations(local("2507", "1.30.4"), ctx)) == 0
	count(rule.violations(local("2510", "1.32.6"), ctx)) == 0
}

test_exact_releases_and_their_fix if {
	ids(rule.violations(local("2503", "1.30.4"), ctx)) == {
		"cluster-stuck-upgrading", "telemetry-pod-resource-usage",
		"gallery-image-not-usable", "kube-apiserver-audit-log-overflow",
	}
	"cluster-stuck-upgrading" in ids(rule.violations(local("2504", "1.30.4"), ctx))
	not "cluster-stuck-upgrading" in ids(rule.violations(local("2505", "1.30.4"), ctx))
	not "storage-provisioning-single-volume" in ids(rule.violations(local("2505", "1.30.4"), ctx))
}

test_releases_before_is_exclusive if {
	# The PodDisruptionBudget issue: every release before 2503.
	"cluster-delete-pod-disruption-budget" in ids(rule.violations(local("2411", "1.29.4"), ctx))
	"cluster-delete-pod-disruption-budget" in ids(rule.violations(local("2411.3", "1.29.4"), ctx))
	not "cluster-delete-pod-disruption-budget" in ids(rule.violations(local("2503", "1.30.4"), ctx))
}

test_the_cluster_release_comes_first if {
	doc := testing.snapshot({
		"platform": "AzureLocal",
		"host": {"azureLocalRelease": "2510"},
		"cluster": {"kubernetesVersion": "1.30.4", "release": "2504"},
	})
	f := by_id(rule.violations(doc, ctx), "cluster-stuck-upgrading")
	f.details.release == "2504"
	doc2 := json.patch(doc, [{"op": "replace", "path": "/spec/cluster/release", "value": "2510"}])
	count(rule.violations(doc2, ctx)) == 0
}

test_an_unreadable_cluster_release_falls_back_to_the_host if {
	doc := testing.snapshot({
		"platform": "AzureLocal",
		"host": {"azureLocalRelease": "2504"},
		"cluster": {"kubernetesVersion": "1.30.4", "release": "latest"},
	})
	"cluster-stuck-upgrading" in ids(rule.violations(doc, ctx))
}

test_yaml_numbers_are_releases if {
	"cluster-stuck-upgrading" in ids(rule.violations(local(2504, "1.30.4"), ctx))
	count(rule.violations(local(2504.5, "1.30.4"), ctx)) == 0
	count(rule.violations(local("25040", "1.30.4"), ctx)) == 0
	count(rule.violations(local(["2504"], "1.30.4"), ctx)) == 0
}

test_only_for_the_issue_platform if {
	ws := testing.snapshot({"platform": "WindowsServer", "cluster": {"kubernetesVersion": "1.30.4", "release": "2506"}})
	count(rule.violations(ws, ctx)) == 0

	# The default platform applies when the snapshot names none.
	default_ws := testing.snapshot({"cluster": {"kubernetesVersion": "1.30.4", "release": "2506"}})
	count(rule.violations(default_ws, ctx)) == 0
	count(rule.violations(default_ws, testing.ctx_with("2025-11-01", {"platform": "AzureLocal"}))) == 4
}

test_the_host_release_counts_on_azure_local_only if {
	ws := testing.snapshot({"platform": "WindowsServer", "host": {"azureLocalRelease": "2506"}, "cluster": {"kubernetesVersion": "1.30.4"}})
	c := testing.ctx_with("2025-11-01", {"catalog": {"knownIssues": {"issues": {"ws-issue": {"platforms": ["WindowsServer"], "releases": ["2506"]}}}}})
	count(rule.violations(ws, c)) == 0
	ws2 := json.patch(ws, [{"op": "add", "path": "/spec/cluster/release", "value": "2506"}])
	ids(rule.violations(ws2, c)) == {"ws-issue"}
}

test_silent_without_a_release if {
	doc := testing.snapshot({"platform": "AzureLocal", "cluster": {"kubernetesVersion": "1.30.4"}})
	count(rule.violations(doc, ctx)) == 0
}

issue(spec) := testing.ctx_with("2025-11-01", {"catalog": {"knownIssues": {"issues": {"k8s-issue": object.union(
	{"title": "A version issue", "url": "https://example.com/issue", "platforms": ["WindowsServer", "AzureLocal"]},
	spec,
)}}}})

ws(version, release) := testing.snapshot({"platform": "WindowsServer", "cluster": {"kubernetesVersion": version, "release": release}})

test_a_minor_matches_every_patch if {
	c := issue({"kubernetesVersions": ["1.30"]})
	f := by_id(rule.violations(ws("v1.30.4", "2510"), c), "k8s-issue")
	f.details.matchedOn == ["Kubernetes 1.30.4"]
	f.details.kubernetesVersion == "1.30.4"
	contains(f.message, "cluster test-cluster (Kubernetes 1.30.4) is affected by the known AKS Arc issue \"A version issue\" (k8s-issue), see https://example.com/issue")
	"k8s-issue" in ids(rule.violations(ws("1.30.14", "2510"), c))
	not "k8s-issue" in ids(rule.violations(ws("1.31.10", "2510"), c))
}

test_a_patch_matches_only_itself if {
	c := issue({"kubernetesVersions": ["1.29.4", "not-a-version", 129]})
	"k8s-issue" in ids(rule.violations(ws("1.29.4", "2510"), c))
	not "k8s-issue" in ids(rule.violations(ws("1.29.2", "2510"), c))
	not "k8s-issue" in ids(rule.violations(ws("1.28.4", "2510"), c))
	not "k8s-issue" in ids(rule.violations(ws("2.29.4", "2510"), c))
}

test_version_and_release_must_both_match if {
	c := issue({"kubernetesVersions": ["1.29.4"], "releases": ["2411"]})
	f := by_id(rule.violations(ws("1.29.4", "2411"), c), "k8s-issue")
	f.details.matchedOn == ["Kubernetes 1.29.4", "release 2411"]
	contains(f.message, "(Kubernetes 1.29.4, release 2411)")
	not "k8s-issue" in ids(rule.violations(ws("1.29.4", "2503"), c))
	not "k8s-issue" in ids(rule.violations(ws("1.29.2", "2411"), c))
	not "k8s-issue" in ids(rule.violations(testing.snapshot({"cluster": {"kubernetesVersion": "1.29.4"}}), c))
}

test_fixed_in_needs_a_known_release if {
	c := issue({"kubernetesVersions": ["1.30"], "fixedIn": "2510"})
	not "k8s-issue" in ids(rule.violations(ws("1.30.14", "2510"), c))
	not "k8s-issue" in ids(rule.violations(ws("1.30.14", "2601"), c))
	f := by_id(rule.violations(ws("1.30.4", "2507"), c), "k8s-issue")
	f.details.fixedIn == "2510"

	# Without a release the fix cannot be judged: the issue still applies.
	g := by_id(rule.violations(testing.snapshot({"cluster": {"kubernetesVersion": "1.30.4"}}), c), "k8s-issue")
	g.details.release == null
	contains(g.message, "fixed in release 2510")
}

test_a_malformed_fixed_in_is_ignored if {
	c := issue({"kubernetesVersions": ["1.30"], "fixedIn": "soon"})
	f := by_id(rule.violations(ws("1.30.4", "2510"), c), "k8s-issue")
	f.details.fixedIn == "soon"
	contains(f.message, "no fixing release is recorded")
}

test_an_issue_without_criteria_never_matches if {
	c := issue({})
	count(rule.violations(ws("1.30.4", "2510"), c)) == 0
	c2 := issue({"kubernetesVersions": "1.30", "releases": "2510", "releasesBefore": "later"})
	count(rule.violations(ws("1.30.4", "2510"), c2)) == 0
}

test_silent_without_a_readable_version if {
	c := issue({"kubernetesVersions": ["1.30"]})
	count(rule.violations(ws("latest", "2510"), c)) == 0
	doc := {"apiVersion": "support.aksarc.io/v1alpha1", "kind": "ClusterSnapshot", "metadata": {"name": "x"}, "spec": {}}
	count(rule.violations(doc, c)) == 0
}

test_an_issue_without_title_or_url if {
	c := testing.ctx_with("2025-11-01", {"catalog": {"knownIssues": {"tracker": 5, "issues": {"bare": {"platforms": ["WindowsServer"], "kubernetesVersions": ["1.31"]}}}}})
	f := by_id(rule.violations(ws("1.31.10", "2510"), c), "bare")
	f.details.title == "bare"
	f.details.url == null
	f.details.workaround == null
	f.details.tracker == null
	contains(f.message, "issue \"bare\" (bare): no fixing release")
}

test_override_switches_an_issue_off if {
	c := testing.ctx_with("2025-11-01", {"catalog": {"knownIssues": {"issues": {"telemetry-pod-resource-usage": null}}}})
	ids(rule.violations(local("2506", "1.30.4"), c)) == {
		"storage-provisioning-single-volume",
		"gallery-image-not-usable", "kube-apiserver-audit-log-overflow",
	}
}

test_silent_for_a_malformed_catalog if {
	c := json.patch(ctx, [{"op": "replace", "path": "/catalog/knownIssues", "value": {"issues": ["x"]}}])
	count(rule.violations(local("2506", "1.30.4"), c)) == 0
	c2 := json.patch(ctx, [{"op": "replace", "path": "/catalog/knownIssues", "value": "x"}])
	count(rule.violations(local("2506", "1.30.4"), c2)) == 0
	c3 := testing.ctx_with("2025-11-01", {"catalog": {"knownIssues": {"issues": {"odd": {"platforms": "AzureLocal", "releases": ["2506"]}}}}})
	not "odd" in ids(rule.violations(local("2506", "1.30.4"), c3))
}

test_unnamed_snapshot if {
	doc := json.patch(local("2506", "1.30.4"), [{"op": "replace", "path": "/metadata", "value": {"name": 3}}])
	some f in rule.violations(doc, ctx)
	startswith(f.message, "cluster (unnamed) (release 2506)")
}

test_silent_for_other_documents if {
	other := object.union(local("2506", "1.30.4"), {"apiVersion": "apps/v1", "kind": "Deployment"})
	count(rule.violations(other, ctx)) == 0
	count(rule.violations("ClusterSnapshot", ctx)) == 0
}

# The fixture snapshots/known-issue.yaml (the facts the rule reads).
test_fixture if {
	doc := {
		"apiVersion": "support.aksarc.io/v1alpha1",
		"kind": "ClusterSnapshot",
		"metadata": {"name": "edge-store-019"},
		"spec": {
			"platform": "AzureLocal",
			"host": {"azureLocalRelease": "2506"},
			"cluster": {"kubernetesVersion": "1.30.4", "release": "2506"},
		},
	}
	fs := rule.violations(doc, ctx)
	count(fs) == 4
	every f in fs {
		f.resource.name == "edge-store-019"
		f.details.release == "2506"
	}
}

test_releases_before_alone_is_exclusive if {
	c := issue({"releasesBefore": "2507"})
	"k8s-issue" in ids(rule.violations(ws("1.30.4", "2506"), c))
	"k8s-issue" in ids(rule.violations(ws("1.30.4", "2506.9"), c))
	not "k8s-issue" in ids(rule.violations(ws("1.30.4", "2507"), c))
}

# CVE-2026-31431 (security bulletin AKSARC-2026-0001, published 2026-05-08): every release before
# 2605 is affected, but not as of a date before the bulletin.
test_an_issue_applies_from_its_published_date if {
	not "node-image-cve-2026-31431" in ids(rule.violations(local("2604", "1.33.5"), testing.ctx("2026-05-07")))
	f := by_id(rule.violations(local("2604", "1.33.5"), testing.ctx("2026-05-08")), "node-image-cve-2026-31431")
	f.details.fixedIn == "2605"
	f.details.url == "https://learn.microsoft.com/azure/aks/aksarc/security-bulletins"
	not "node-image-cve-2026-31431" in ids(rule.violations(local("2605", "1.33.5"), testing.ctx("2026-05-08")))

	# A month is read from its first day.
	m := testing.ctx_with("2026-05-01", {"catalog": {"knownIssues": {"issues": {"node-image-cve-2026-31431": {"published": "2026-05"}}}}})
	"node-image-cve-2026-31431" in ids(rule.violations(local("2604", "1.33.5"), m))
	n := testing.ctx_with("2026-04-30", {"catalog": {"knownIssues": {"issues": {"node-image-cve-2026-31431": {"published": "2026-05"}}}}})
	not "node-image-cve-2026-31431" in ids(rule.violations(local("2604", "1.33.5"), n))
}
