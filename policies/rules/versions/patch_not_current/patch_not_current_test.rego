package lib.aksarc.rules.versions.patch_not_current_test

import data.lib.aksarc.rules.versions.patch_not_current as rule
import data.lib.aksarc.testing

# Azure Local 2510 (2025-10-22) ships 1.31.9 and 1.31.10: the current patches of 1.31 on
# 2025-11-01. AKS on Windows Server publishes no list (see the not-evaluated tests).
cluster(version, pools) := testing.snapshot({"platform": "AzureLocal", "cluster": {"kubernetesVersion": version, "agentPoolProfiles": pools}})

on(platform, version) := testing.snapshot({"platform": platform, "cluster": {"kubernetesVersion": version}})

test_silent_on_current_patches if {
	count(rule.violations(cluster("1.31.10", [{"name": "np1", "kubernetesVersion": "v1.31.9"}]), testing.ctx("2025-11-01"))) == 0
}

test_fires_for_an_old_control_plane_patch if {
	fs := rule.violations(cluster("1.31.4", []), testing.ctx("2025-11-01"))
	count(fs) == 1
	some f in fs
	f.id == "AKSARC-004"
	f.severity == "warn"
	f.details.subject == "controlPlane"
	f.details.kubernetesVersion == "1.31.4"
	f.details.currentPatches == ["1.31.9", "1.31.10"]
	f.details.newerThanCatalog == false
	contains(f.message, "the control plane of cluster test-cluster runs Kubernetes 1.31.4")
	endswith(f.message, "upgrade to 1.31.10")
}

# A patch list is current from its release's day: 1.31.5 (2508, 2509) is current through
# 2025-10-21 and outdated from 2025-10-22, the day 2510 became available.
test_patches_follow_the_release_days if {
	count(rule.violations(cluster("1.31.5", []), testing.ctx("2025-10-21"))) == 0
	some f in rule.violations(cluster("1.31.5", []), testing.ctx("2025-10-22"))
	f.details.currentPatches == ["1.31.9", "1.31.10"]

	# Before 2510, the catalog's newest list (2509) names 1.31.4 and 1.31.5.
	some g in rule.violations(cluster("1.31.2", []), testing.ctx("2025-10-21"))
	g.details.currentPatches == ["1.31.4", "1.31.5"]
}

# A release known only to the month may already be out during that month: its list counts as
# current from the month's first day, together with the previous release's.
test_a_release_of_a_month_counts_from_the_month_on if {
	c := {"catalog": {"platforms": {"AzureLocal": {"releases": {"2603": {"kubernetesVersions": ["1.33.6"]}}}}}}
	count(rule.violations(cluster("1.33.6", []), testing.ctx_with("2026-03-15", c))) == 0
	count(rule.violations(cluster("1.33.5", []), testing.ctx_with("2026-03-15", c))) == 0
	some f in rule.violations(cluster("1.33.6", []), testing.ctx_with("2026-02-28", c))
	f.details.currentPatches == ["1.33.4", "1.33.5"]
	f.details.newerThanCatalog == true
}

test_fires_per_node_pool if {
	pools := [
		{"name": "linux", "kubernetesVersion": "1.31.10"},
		{"name": "win", "kubernetesVersion": "1.31.5"},
		{"kubernetesVersion": "1.30.4"},
	]
	fs := rule.violations(cluster("1.31.10", pools), testing.ctx("2025-11-01"))
	{[f.details.subject, f.details.name, f.details.kubernetesVersion] | some f in fs} == {
		["nodePool", "win", "1.31.5"],
		["nodePool", "#2", "1.30.4"],
	}
}

test_newer_than_the_catalog_says_so if {
	some f in rule.violations(cluster("1.31.12", []), testing.ctx("2025-11-01"))
	f.details.newerThanCatalog == true
	contains(f.message, "newer than every patch the catalog lists")
}

# An entry's own dated patches win over the release lists, each from the day it is available.
test_platform_override_of_patches if {
	c := testing.ctx_with("2025-11-01", {"catalog": {"platforms": {"AzureLocal": {"versions": {"1.31": {"patches": [
		{"version": "1.31.11", "available": "2025-10-30"},
		{"version": "1.31.12", "available": "2025-11-02"},
	]}}}}}})
	some f in rule.violations(cluster("1.31.10", []), c)
	f.details.platform == "AzureLocal"
	f.details.currentPatches == ["1.31.11"]
}

# Windows Server: no list is published, so the rule does not judge (not evaluated) unless the
# catalog gives the platform's own entry.
test_windows_server_is_not_evaluated_without_a_calendar if {
	c := testing.ctx("2025-11-01")
	count(rule.violations(on("WindowsServer", "1.31.4"), c)) == 0
	[x] := [x | some x in rule.not_evaluated(on("WindowsServer", "1.31.4"), c)]
	x.id == "AKSARC-004"
	contains(x.missing, "platforms.WindowsServer.versions")
	count(rule.not_evaluated(cluster("1.31.4", []), c)) == 0

	own := testing.ctx_with("2025-11-01", {"catalog": {"platforms": {"WindowsServer": {"versions": {"1.31": {
		"released": "2025-09-01",
		"patches": [{"version": "1.31.7", "available": "2025-09"}],
		"source": "https://example.com",
	}}}}}})
	some f in rule.violations(on("WindowsServer", "1.31.4"), own)
	f.details.currentPatches == ["1.31.7"]
	count(rule.not_evaluated(on("WindowsServer", "1.31.4"), own)) == 0
}

test_catalog_patch_written_with_v_matches if {
	c := testing.ctx_with("2025-11-01", {"catalog": {"versions": {"1.31": {"patches": [{"version": "v1.31.10", "available": "2025-10-22"}]}}}})
	count(rule.violations(cluster("1.31.10", []), c)) == 0
}

# Before the first release whose list is published (2405, 2024-05-30) the catalog has no list.
test_no_current_patches_in_the_catalog_is_not_evaluated if {
	c := testing.ctx("2024-05-01")
	count(rule.violations(cluster("1.27.9", []), c)) == 0
	[x] := [x | some x in rule.not_evaluated(cluster("1.27.9", []), c)]
	contains(x.missing, "the catalog lists no current patch of 1.27 on AzureLocal as of 2024-05-01")
}

# A removed minor, or one past its end of support, is AKSARC-001's and 002's: neither a finding
# nor "not evaluated" here (1.29 was removed with 2510 on 2025-10-22).
test_silent_for_a_removed_minor if {
	count(rule.violations(cluster("1.29.13", []), testing.ctx("2025-10-25"))) == 0
	count(rule.not_evaluated(cluster("1.29.13", []), testing.ctx("2025-10-25"))) == 0
	count(rule.not_evaluated(cluster("1.28.14", []), testing.ctx("2025-08-28"))) == 0
}

# Past the catalog's facts (2026-05) patches shipped since are unknown: not evaluated.
test_past_the_facts_is_not_evaluated if {
	count(rule.violations(cluster("1.33.2", []), testing.ctx("2026-05-31"))) == 1
	count(rule.violations(cluster("1.33.2", [{"name": "np", "kubernetesVersion": "1.33.1"}]), testing.ctx("2026-06-01"))) == 0
	xs := rule.not_evaluated(cluster("1.33.2", [{"name": "np", "kubernetesVersion": "1.33.1"}]), testing.ctx("2026-06-01"))
	{x.missing | some x in xs} == {
		"spec.cluster.kubernetesVersion (the current patches of 1.33 after 2026-05: the catalog's facts end with 2026-05 (reviewed 2026-12-05))",
		"spec.cluster.agentPoolProfiles[np].kubernetesVersion (the current patches of 1.33 after 2026-05: the catalog's facts end with 2026-05 (reviewed 2026-12-05))",
	}
}

test_silent_without_a_patch_number if {
	count(rule.violations(cluster("1.31", []), testing.ctx("2025-11-01"))) == 0
}

test_silent_for_minors_the_catalog_does_not_know if {
	count(rule.violations(cluster("1.40.1", []), testing.ctx("2025-11-01"))) == 0
	count(rule.violations(cluster("1.20.1", []), testing.ctx("2025-11-01"))) == 0
}

test_silent_on_malformed_pools if {
	count(rule.violations(cluster("1.31.10", ["np", {"name": 7, "kubernetesVersion": 131}]), testing.ctx("2025-11-01"))) == 0
}

test_silent_for_other_documents if {
	count(rule.violations({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}}, testing.ctx("2025-11-01"))) == 0
}
