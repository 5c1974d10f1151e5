package lib.aksarc.rules.versions.version_removed_test

import data.lib.aksarc.rules.versions.version_removed as rule
import data.lib.aksarc.testing

# The Azure Local calendar: AKS on Windows Server publishes none (see the not-evaluated tests).
running(version) := testing.snapshot({"platform": "AzureLocal", "cluster": {"kubernetesVersion": version}})

on(platform, version) := testing.snapshot({"platform": platform, "cluster": {"kubernetesVersion": version}})

# 1.29 was removed with Azure Local 2510, on 2025-10-22.
test_fires_on_the_removal_day if {
	fs := rule.violations(running("1.29.13"), testing.ctx("2025-10-22"))
	count(fs) == 1
	some f in fs
	f.id == "AKSARC-002"
	f.name == "version-removed"
	f.severity == "deny"
	f.resource.name == "test-cluster"
	f.details.minorVersion == "1.29"
	f.details.kubernetesVersion == "1.29.13"
	f.details.removed == "2025-10-22"
	f.details.daysSinceRemoval == 0
	f.details.latestVersion == "1.33"
	f.details.platform == "AzureLocal"
	f.details.endOfSupport == "2025-10-31"
	f.details.inSupport == true
	f.details.nextVersion == "1.30"
	f.details.upgradePath == ["1.30", "1.31", "1.32"]
	f.message == "cluster test-cluster runs Kubernetes 1.29.13: minor version 1.29 was removed from the Microsoft servers on 2025-10-22, so the cluster can no longer update Kubernetes or OS versions and must be upgraded to the latest AKS Arc release; it is in support until 2025-10-31 and minors cannot be skipped: upgrade to 1.30 next (path to the newest released minor: 1.29 -> 1.30 -> 1.31 -> 1.32); a cluster that is not healthy may need a full redeployment"
	f.url == "https://learn.microsoft.com/azure/aks/aksarc/support-policies#service-updates-and-releases"
}

test_silent_the_day_before_removal if {
	count(rule.violations(running("1.29.13"), testing.ctx("2025-10-21"))) == 0
}

test_fires_the_day_after_removal if {
	some f in rule.violations(running("1.29.13"), testing.ctx("2025-10-23"))
	f.details.daysSinceRemoval == 1
}

test_keeps_firing_long_after_removal if {
	some f in rule.violations(running("v1.26.12"), testing.ctx("2025-11-01"))
	f.details.removed == "2024-09-05"
	f.details.daysSinceRemoval == 422
	f.details.inSupport == false
	f.details.nextVersion == "1.30"
	f.details.upgradeTargets == ["1.30", "1.31", "1.32"]
	contains(f.message, "it is out of support since 2024-10-06, so it may skip minors to get back into support: upgrade to a supported minor (1.30, 1.31 or 1.32)")
}

# The last day of the 30 days after removal (end of support 2025-10-31): still one minor at a time.
test_names_the_next_minor_on_the_last_supported_day if {
	some f in rule.violations(running("1.29.13"), testing.ctx("2025-10-31"))
	f.details.inSupport == true
	f.details.nextVersion == "1.30"
	f.details.upgradePath == ["1.30", "1.31", "1.32"]
	contains(f.message, "upgrade to 1.30 next")
	not contains(f.message, "skip minors to get back")
}

# The day after end of support: out of support, so it may skip back into support.
test_may_skip_minors_the_day_after_end_of_support if {
	some f in rule.violations(running("1.29.13"), testing.ctx("2025-11-01"))
	f.details.inSupport == false
	f.details.upgradeTargets == ["1.30", "1.31", "1.32"]
	not f.details.upgradePath
	contains(f.message, "out of support since 2025-11-01")
	contains(f.message, "1.30, 1.31 or 1.32")
}

test_single_upgrade_target_is_named_alone if {
	some f in rule.violations(running("1.29.13"), testing.ctx("2026-10-22"))
	f.details.upgradeTargets == ["1.33"]
	contains(f.message, "upgrade to a supported minor (1.33)")
}

# Nothing in support to move to: the catalog is likely stale, and the message says so.
test_no_target_out_of_support_points_to_a_stale_catalog if {
	some f in rule.violations(running("1.29.13"), testing.ctx("2027-02-17"))
	f.details.inSupport == false
	f.details.nextVersion == null
	contains(f.message, "the catalog (reviewed 2026-12-05) knows no newer minor in support on AzureLocal to upgrade to as of 2027-02-17, so it is probably out of date (see AKSARC-090)")
	contains(f.message, "update aksarc-opa or its catalog")
	not contains(f.message, "none")
}

test_no_newer_minor_in_support_points_to_a_stale_catalog if {
	c := testing.ctx_with("2026-03-05", {"catalog": {"reviewed": null, "versions": {"1.33": {"removed": "2026-03-01", "endOfSupport": "2026-03-31"}}}})
	some f in rule.violations(running("1.33.5"), c)
	f.details.inSupport == true
	f.details.nextVersion == null
	contains(f.message, "the catalog (reviewed on an unknown date) knows no newer minor")
}

test_silent_for_a_version_without_removal_date if {
	count(rule.violations(running("1.31.10"), testing.ctx("2026-05-31"))) == 0
	count(rule.violations(running("1.32.6"), testing.ctx("2025-11-01"))) == 0
}

test_silent_for_a_version_the_catalog_does_not_know if {
	# Older than the catalog: AKSARC-001 says it is outside support; no removal date to judge.
	count(rule.violations(running("1.25.6"), testing.ctx("2025-11-01"))) == 0
	count(rule.violations(running("1.40.0"), testing.ctx("2025-11-01"))) == 0
}

test_catalog_override_adds_a_removal if {
	c := testing.ctx_with("2026-02-01", {"catalog": {"versions": {
		"1.31": {"removed": "2026-02-01"},
		"1.34": {"released": "2026-02-01"},
	}}})
	some f in rule.violations(running("1.31.10"), c)
	f.details.removed == "2026-02-01"
	f.details.latestVersion == "1.34"
	count(rule.violations(running("1.31.10"), testing.ctx("2026-02-01"))) == 0
}

platform_override := {"catalog": {"platforms": {"AzureLocal": {"versions": {"1.31": {"removed": "2026-01-15"}}}}}}

test_platform_override_applies_to_its_platform_only if {
	c := testing.ctx_with("2026-01-15", platform_override)
	some f in rule.violations(on("AzureLocal", "1.31.10"), c)
	f.details.platform == "AzureLocal"
	f.details.removed == "2026-01-15"
	count(rule.violations(on("WindowsServer", "1.31.10"), c)) == 0
	count(rule.violations(on("AzureLocal", "1.31.10"), testing.ctx_with("2026-01-14", platform_override))) == 0
}

# A removal known only to the month is certain from the first day after the month.
test_month_removal_denies_after_the_month if {
	c := {"catalog": {"versions": {"1.31": {"removed": "2026-01"}}}}
	count(rule.violations(running("1.31.10"), testing.ctx_with("2026-01-31", c))) == 0
	some f in rule.violations(running("1.31.10"), testing.ctx_with("2026-02-01", c))
	f.details.removed == "2026-01"
	f.details.removedFrom == "2026-02-01"
	f.details.daysSinceRemoval == 0
	contains(f.message, "removed from the Microsoft servers on 2026-01 (the month; certain from 2026-02-01)")
}

# AKS on Windows Server publishes no Kubernetes calendar: not evaluated, never Azure Local's dates.
test_windows_server_is_not_evaluated_without_a_calendar if {
	count(rule.violations(on("WindowsServer", "1.28.12"), testing.ctx("2025-11-01"))) == 0
	[x] := [x | some x in rule.not_evaluated(on("WindowsServer", "1.28.12"), testing.ctx("2025-11-01"))]
	x.id == "AKSARC-002"
	count(rule.not_evaluated(on("AzureLocal", "1.28.12"), testing.ctx("2025-11-01"))) == 0
}

# Past the catalog's facts (2026-05), a minor without a known removal may have been removed since.
test_unknown_removal_past_the_facts_is_not_evaluated if {
	count(rule.not_evaluated(running("1.33.5"), testing.ctx("2026-05-31"))) == 0
	[x] := [x | some x in rule.not_evaluated(running("1.33.5"), testing.ctx("2026-06-01"))]
	contains(x.missing, "whether 1.33 has been removed")
	count(rule.not_evaluated(running("1.29.13"), testing.ctx("2026-06-01"))) == 0
}

test_silent_without_version if {
	doc := {"apiVersion": "support.aksarc.io/v1alpha1", "kind": "ClusterSnapshot", "metadata": {"name": "x"}, "spec": {"cluster": {}}}
	count(rule.violations(doc, testing.ctx("2025-11-01"))) == 0
}

test_silent_for_other_documents if {
	other := object.union(running("1.26.12"), {"kind": "ConfigMap", "apiVersion": "v1"})
	count(rule.violations(other, testing.ctx("2025-11-01"))) == 0
}

# On 2025-08-30 1.28 (removed 2025-08-29, end of support 2025-08-31) is still in support and
# 1.32 is not released yet.
test_path_leaves_out_minors_not_released_yet if {
	some f in rule.violations(running("1.28.14"), testing.ctx("2025-08-30"))
	f.details.inSupport == true
	f.details.nextVersion == "1.29"
	f.details.upgradePath == ["1.29", "1.30", "1.31"]
	contains(f.message, "upgrade to 1.29 next (path to the newest released minor: 1.28 -> 1.29 -> 1.30 -> 1.31)")
}

test_minor_without_release_date_is_on_the_path if {
	c := testing.ctx_with("2025-10-22", {"catalog": {"versions": {"1.34": {"endOfSupport": "2026-12-31"}}}})
	some f in rule.violations(running("1.29.13"), c)
	f.details.upgradePath == ["1.30", "1.31", "1.32", "1.34"]
}
