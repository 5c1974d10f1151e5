package lib.aksarc.rules.versions.version_outside_support_test

import data.lib.aksarc.rules.versions.version_outside_support as rule
import data.lib.aksarc.testing

# The Azure Local calendar: AKS on Windows Server publishes none (see the not-evaluated tests).
running(version) := testing.snapshot({"platform": "AzureLocal", "cluster": {"kubernetesVersion": version}})

on(platform, version) := testing.snapshot({"platform": platform, "cluster": {"kubernetesVersion": version}})

# 1.29 has an explicit end of support: 2025-10-31 is its last supported day.
test_fires_the_day_after_explicit_end_of_support if {
	fs := rule.violations(running("1.29.13"), testing.ctx("2025-11-01"))
	count(fs) == 1
	some f in fs
	f.id == "AKSARC-001"
	f.name == "version-outside-support"
	f.severity == "deny"
	f.resource.kind == "ClusterSnapshot"
	f.resource.name == "test-cluster"
	f.details.reason == "endOfSupport"
	f.details.minorVersion == "1.29"
	f.details.kubernetesVersion == "1.29.13"
	f.details.endOfSupport == "2025-10-31"
	f.details.endOfSupportBasis == "catalog"
	f.details.daysPast == 1
	f.details.platform == "AzureLocal"
	f.details.availableVersions == ["1.30", "1.31", "1.32"]
	not f.details.catalogLikelyStale
	f.message == "cluster test-cluster runs Kubernetes 1.29.13: minor version 1.29 reached its end of support on 2025-10-31 (1 day ago); a cluster outside support may skip minors to get back into support: upgrade to a supported version (available on AzureLocal: 1.30, 1.31, 1.32)"
	f.url == "https://learn.microsoft.com/azure/aks/aksarc/support-policies#supported-version-policy"
}

test_silent_on_the_last_supported_day if {
	count(rule.violations(running("1.29.13"), testing.ctx("2025-10-31"))) == 0
}

test_silent_the_day_before_end_of_support if {
	count(rule.violations(running("1.29.13"), testing.ctx("2025-10-30"))) == 0
}

test_days_past_counts_whole_days if {
	some f in rule.violations(running("1.28.14"), testing.ctx("2025-11-01"))
	f.details.endOfSupport == "2025-08-31"
	f.details.daysPast == 62
}

# 1.30, released with Azure Local 2503 on 2025-03-31, has no published end of support: a
# one-year window whose last day is 2026-03-30.
test_fires_the_day_after_released_plus_one_year if {
	some f in rule.violations(running("1.30.14"), testing.ctx("2026-03-31"))
	f.details.reason == "endOfSupport"
	f.details.endOfSupport == "2026-03-30"
	f.details.endOfSupportBasis == "released + 1 year"
	f.details.daysPast == 1
}

test_silent_on_the_last_day_of_the_year if {
	count(rule.violations(running("1.30.14"), testing.ctx("2026-03-30"))) == 0
}

test_silent_the_day_before_the_last_day if {
	count(rule.violations(running("1.30.14"), testing.ctx("2026-03-29"))) == 0
}

# An end of support known only to the month denies only after the month has ended.
test_month_end_of_support_denies_after_the_month if {
	c := {"catalog": {"versions": {"1.30": {"endOfSupport": "2025-12"}}}}
	count(rule.violations(running("1.30.14"), testing.ctx_with("2025-12-31", c))) == 0
	some f in rule.violations(running("1.30.14"), testing.ctx_with("2026-01-01", c))
	f.details.endOfSupport == "2025-12-31"
	f.details.endOfSupportBasis == "catalog (month: its last day)"
	f.details.daysPast == 1
}

test_leading_v_is_accepted if {
	some f in rule.violations(running("v1.29.4"), testing.ctx("2025-11-01"))
	f.details.kubernetesVersion == "1.29.4"
	f.details.minorVersion == "1.29"
}

test_fires_when_older_than_every_known_version if {
	some f in rule.violations(running("1.25.6"), testing.ctx("2025-11-01"))
	f.id == "AKSARC-001"
	f.details.reason == "olderThanCatalog"
	f.details.oldestKnown == "1.26"
	contains(f.message, "older than every version the catalog knows")
}

test_fires_when_much_older_minor if {
	some f in rule.violations(running("1.9.0"), testing.ctx("2025-11-01"))
	f.details.reason == "olderThanCatalog"
}

test_silent_when_newer_than_every_known_version if {
	# AKSARC-091's business, not this rule's.
	count(rule.violations(running("1.34.1"), testing.ctx("2025-11-01"))) == 0
}

test_fires_for_a_gap_in_the_catalog if {
	c := testing.ctx_with("2025-11-01", {"catalog": {"versions": {"1.35": {"released": "2025-12-01"}}}})
	some f in rule.violations(running("1.34.2"), c)
	f.details.reason == "notInCatalog"
	f.details.oldestKnown == "1.26"
	f.details.newestKnown == "1.35"
	contains(f.message, "not on the supported versions list")
}

# A version switched off with null is unknown to the catalog: a cluster on it is judged as on a
# minor the catalog does not know, never as supported (a null entry holds no end of support).
test_fires_for_a_version_switched_off_with_null if {
	c := testing.ctx_with("2025-11-01", {"catalog": {"versions": {"1.31": null}}})
	some f in rule.violations(running("1.31.10"), c)
	f.details.reason == "notInCatalog"
	contains(f.message, "minor version 1.31 is not in the catalog")
}

test_fires_for_a_platform_version_switched_off_with_null if {
	c := testing.ctx_with("2025-11-01", {"catalog": {"platforms": {"AzureLocal": {"versions": {"1.31": null}}}}})
	some f in rule.violations(on("AzureLocal", "1.31.10"), c)
	f.details.reason == "notInCatalog"
}

test_silent_for_a_supported_version if {
	count(rule.violations(running("1.31.10"), testing.ctx("2025-11-01"))) == 0
	count(rule.violations(running("1.32.5"), testing.ctx("2025-11-01"))) == 0
}

test_catalog_override_moves_the_date if {
	c := testing.ctx_with("2025-12-02", {"catalog": {"versions": {"1.30": {"endOfSupport": "2025-12-01"}}}})
	some f in rule.violations(running("1.30.14"), c)
	f.details.endOfSupport == "2025-12-01"
	f.details.endOfSupportBasis == "catalog"
	count(rule.violations(running("1.30.14"), testing.ctx("2025-12-02"))) == 0
}

test_null_override_falls_back_to_one_year if {
	# 1.29 released 2024-09-05: without its explicit date its last day is 2025-09-04.
	c := testing.ctx_with("2025-09-05", {"catalog": {"versions": {"1.29": {"endOfSupport": null}}}})
	some f in rule.violations(running("1.29.13"), c)
	f.details.endOfSupport == "2025-09-04"
	f.details.endOfSupportBasis == "released + 1 year"
	count(rule.violations(running("1.29.13"), testing.ctx("2025-09-05"))) == 0
}

platform_override := {"catalog": {"platforms": {"AzureLocal": {"versions": {"1.30": {"endOfSupport": "2025-12-31"}}}}}}

test_platform_override_applies_to_its_platform_only if {
	c := testing.ctx_with("2026-01-01", platform_override)
	some f in rule.violations(on("AzureLocal", "1.30.14"), c)
	f.details.platform == "AzureLocal"
	f.details.endOfSupport == "2025-12-31"
	f.details.daysPast == 1
	count(rule.violations(on("WindowsServer", "1.30.14"), c)) == 0
}

test_platform_override_silent_on_its_last_day if {
	count(rule.violations(on("AzureLocal", "1.30.14"), testing.ctx_with("2025-12-31", platform_override))) == 0
}

test_default_platform_from_settings if {
	c := testing.ctx_with("2026-01-01", object.union(platform_override, {"platform": "AzureLocal"}))
	some f in rule.violations(running("1.30.14"), c)
	f.details.platform == "AzureLocal"
}

# AKS on Windows Server publishes no Kubernetes calendar: the rule does not borrow Azure Local's,
# it reports the version as not evaluated; an entry of the platform's own is judged alone.
test_windows_server_is_not_evaluated_without_a_calendar if {
	c := testing.ctx("2025-11-01")
	count(rule.violations(on("WindowsServer", "1.29.13"), c)) == 0
	[x] := [x | some x in rule.not_evaluated(on("WindowsServer", "1.29.13"), c)]
	x.id == "AKSARC-001"
	contains(x.missing, "platforms.WindowsServer.versions[\"1.29\"]")
	count(rule.not_evaluated(on("AzureLocal", "1.29.13"), c)) == 0
}

test_windows_server_entry_of_its_own_is_judged if {
	c := testing.ctx_with("2025-11-01", {"catalog": {"platforms": {"WindowsServer": {"versions": {"1.29": {"released": "2024-10-01", "endOfSupport": "2025-10-15", "source": "https://example.com"}}}}}})
	some f in rule.violations(on("WindowsServer", "1.29.13"), c)
	f.details.endOfSupport == "2025-10-15"
	f.details.availableVersions == []
	count(rule.not_evaluated(on("WindowsServer", "1.29.13"), c)) == 0
	[x] := [x | some x in rule.not_evaluated(on("WindowsServer", "1.30.14"), c)]
	x.id == "AKSARC-001"
}

# Past the catalog's facts (factsThrough 2026-05), a derived end of support is not judged as if
# it were certain: 1.33 (derived to 2027-02-16) is not evaluated from 2026-06-01.
test_derived_end_past_the_facts_is_not_evaluated if {
	count(rule.not_evaluated(running("1.33.5"), testing.ctx("2026-05-31"))) == 0
	[x] := [x | some x in rule.not_evaluated(running("1.33.5"), testing.ctx("2026-06-01"))]
	contains(x.missing, "the catalog's facts end with 2026-05")
	count(rule.violations(running("1.33.5"), testing.ctx("2026-06-01"))) == 0

	# A published end of support stays judged: 1.29 ended on 2025-10-31.
	count(rule.not_evaluated(running("1.29.13"), testing.ctx("2026-06-01"))) == 0
	count(rule.violations(running("1.29.13"), testing.ctx("2026-06-01"))) == 1
}

test_silent_without_version if {
	doc := {"apiVersion": "support.aksarc.io/v1alpha1", "kind": "ClusterSnapshot", "metadata": {"name": "x"}, "spec": {}}
	count(rule.violations(doc, testing.ctx("2025-11-01"))) == 0
}

test_silent_for_malformed_version if {
	count(rule.violations(running("latest"), testing.ctx("2025-11-01"))) == 0
}

test_silent_for_other_documents if {
	node := {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n"}, "spec": {"cluster": {"kubernetesVersion": "1.20.0"}}}
	count(rule.violations(node, testing.ctx("2025-11-01"))) == 0
	other := object.union(running("1.20.0"), {"apiVersion": "example.com/v1"})
	count(rule.violations(other, testing.ctx("2025-11-01"))) == 0
}

test_silent_with_empty_catalog_versions if {
	c := testing.ctx("2025-11-01")
	count(rule.violations(running("1.20.0"), json.patch(c, [{"op": "replace", "path": "/catalog/versions", "value": {}}]))) == 0
	count(rule.violations(running("1.20.0"), c)) == 1
}

# No newer version in support on the evaluation date: the catalog is stale, and the message says
# so instead of "upgrade to a supported version (none)". 1.33 (the newest) ends on 2027-02-16.
test_no_version_in_support_points_to_a_stale_catalog if {
	fs := rule.violations(running("1.33.5"), testing.ctx("2027-02-17"))
	count(fs) == 1
	some f in fs
	f.id == "AKSARC-001"
	f.severity == "deny"
	f.details.reason == "endOfSupport"
	f.details.availableVersions == []
	f.details.catalogLikelyStale == true
	f.details.catalogReviewed == "2026-12-05"
	f.message == "cluster test-cluster runs Kubernetes 1.33.5: minor version 1.33 reached its end of support on 2027-02-16 (1 day ago); the catalog (reviewed 2026-12-05) knows no newer Kubernetes version in support on AzureLocal as of 2027-02-17, so it is probably out of date (see AKSARC-090): update aksarc-opa or its catalog (settings: catalog.versions) to learn the supported versions to upgrade to, and list the upgrades the host offers with az aksarc get-upgrades"
	not contains(f.message, "none")
}

# The day before, 1.32 is past its end (2026-10-21) and 1.33 is still in support: a target exists.
test_last_target_the_day_before_the_catalog_runs_out if {
	some f in rule.violations(running("1.32.6"), testing.ctx("2027-02-16"))
	f.details.availableVersions == ["1.33"]
	not f.details.catalogLikelyStale
	contains(f.message, "available on AzureLocal: 1.33)")
	some g in rule.violations(running("1.32.6"), testing.ctx("2027-02-17"))
	g.details.availableVersions == []
	g.details.catalogLikelyStale == true
}

test_stale_catalog_message_without_reviewed_date if {
	c := testing.ctx_with("2027-02-17", {"catalog": {"reviewed": null}})
	some f in rule.violations(running("1.33.5"), c)
	f.details.catalogReviewed == null
	contains(f.message, "the catalog (reviewed on an unknown date) knows no newer Kubernetes version in support")
}

# Older minors still in support are not upgrade targets (no downgrades).
test_targets_are_newer_than_the_cluster if {
	c := testing.ctx_with("2025-11-01", {"catalog": {"versions": {"1.31": {"endOfSupport": "2025-10-15"}}}})
	some f in rule.violations(running("1.31.10"), c)
	f.details.availableVersions == ["1.32"]
}

# A minor not yet released on the evaluation date is not a target: on 2025-10-21 1.32 (released
# with 2510 on 2025-10-22) did not exist yet, 1.29 (removed by 2510) still did.
test_targets_are_released_on_the_evaluation_date if {
	some f in rule.violations(running("1.28.14"), testing.ctx("2025-10-21"))
	f.details.availableVersions == ["1.29", "1.30", "1.31"]
	some g in rule.violations(running("1.28.14"), testing.ctx("2025-10-22"))
	g.details.availableVersions == ["1.30", "1.31", "1.32"]
}

test_target_without_release_date_counts if {
	# 1.33 (released 2026-02-17) is not a target yet; an entry without a release date is.
	c := testing.ctx_with("2025-11-01", {"catalog": {"versions": {"1.34": {"endOfSupport": "2026-12-31"}}}})
	some f in rule.violations(running("1.29.13"), c)
	f.details.availableVersions == ["1.30", "1.31", "1.32", "1.34"]
}
