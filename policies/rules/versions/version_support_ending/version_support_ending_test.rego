package lib.aksarc.rules.versions.version_support_ending_test

import data.lib.aksarc.rules.versions.version_support_ending as rule
import data.lib.aksarc.testing

# The Azure Local calendar: AKS on Windows Server publishes none (see the not-evaluated test).
running(version) := testing.snapshot({"platform": "AzureLocal", "cluster": {"kubernetesVersion": version}})

on(platform, version) := testing.snapshot({"platform": platform, "cluster": {"kubernetesVersion": version}})

# 1.30: released 2025-03-31, no explicit date, so its last supported day is 2026-03-30 (one
# year from the release day, that day included); 60 days before it is 2026-01-29.
test_fires_on_the_first_day_of_the_window if {
	fs := rule.violations(running("1.30.14"), testing.ctx("2026-01-29"))
	count(fs) == 1
	some f in fs
	f.id == "AKSARC-003"
	f.name == "version-support-ending"
	f.severity == "warn"
	f.resource.name == "test-cluster"
	f.details.minorVersion == "1.30"
	f.details.endOfSupport == "2026-03-30"
	f.details.endOfSupportBasis == "released + 1 year"
	f.details.daysLeft == 60
	f.details.warnDays == 60
	contains(f.message, "2026-03-30")
	contains(f.message, "60 days left")
}

test_silent_the_day_before_the_window if {
	count(rule.violations(running("1.30.14"), testing.ctx("2026-01-28"))) == 0
}

test_fires_inside_the_window if {
	some f in rule.violations(running("1.30.14"), testing.ctx("2026-01-30"))
	f.details.daysLeft == 59
}

test_fires_the_day_before_end_of_support if {
	some f in rule.violations(running("1.30.14"), testing.ctx("2026-03-29"))
	f.details.daysLeft == 1
	contains(f.message, "1 day left")
}

test_fires_on_the_last_supported_day if {
	some f in rule.violations(running("1.30.14"), testing.ctx("2026-03-30"))
	f.details.daysLeft == 0
	contains(f.message, "today is its last supported day")
}

test_silent_the_day_after_end_of_support if {
	# Out of support now: AKSARC-001, not a warning.
	count(rule.violations(running("1.30.14"), testing.ctx("2026-03-31"))) == 0
}

test_explicit_end_of_support if {
	some f in rule.violations(running("v1.29.13"), testing.ctx("2025-10-15"))
	f.details.endOfSupport == "2025-10-31"
	f.details.endOfSupportBasis == "catalog"
	f.details.daysLeft == 16
	f.details.kubernetesVersion == "1.29.13"
}

test_parameter_override_narrows_the_window if {
	c30 := testing.ctx_with("2026-02-28", {"parameters": {"versionWarnDays": 30}})
	some f in rule.violations(running("1.30.14"), c30)
	f.details.daysLeft == 30
	f.details.warnDays == 30
	count(rule.violations(running("1.30.14"), testing.ctx_with("2026-02-27", {"parameters": {"versionWarnDays": 30}}))) == 0
	count(rule.violations(running("1.30.14"), testing.ctx("2026-02-27"))) == 1
}

test_parameter_override_widens_the_window if {
	c := testing.ctx_with("2025-11-30", {"parameters": {"versionWarnDays": 120}})
	some f in rule.violations(running("1.30.14"), c)
	f.details.daysLeft == 120
	count(rule.violations(running("1.30.14"), testing.ctx("2025-11-30"))) == 0
}

test_catalog_override_moves_the_date if {
	c := testing.ctx_with("2025-11-01", {"catalog": {"versions": {"1.31": {"endOfSupport": "2025-12-01"}}}})
	some f in rule.violations(running("1.31.10"), c)
	f.details.endOfSupport == "2025-12-01"
	f.details.endOfSupportBasis == "catalog"
	f.details.daysLeft == 30
	count(rule.violations(running("1.31.10"), testing.ctx("2025-11-01"))) == 0
}

platform_override := {"catalog": {"platforms": {"AzureLocal": {"versions": {"1.31": {"endOfSupport": "2025-12-15"}}}}}}

test_platform_override_applies_to_its_platform_only if {
	c := testing.ctx_with("2025-11-01", platform_override)
	some f in rule.violations(on("AzureLocal", "1.31.10"), c)
	f.details.platform == "AzureLocal"
	f.details.daysLeft == 44
	count(rule.violations(on("WindowsServer", "1.31.10"), c)) == 0
}

# An end of support known only to the month warns up to its last day.
test_month_end_of_support_counts_to_the_last_day if {
	c := {"catalog": {"versions": {"1.31": {"endOfSupport": "2025-12"}}}}
	some f in rule.violations(running("1.31.10"), testing.ctx_with("2025-12-31", c))
	f.details.endOfSupport == "2025-12-31"
	f.details.daysLeft == 0
	count(rule.violations(running("1.31.10"), testing.ctx_with("2026-01-01", c))) == 0
}

# AKS on Windows Server publishes no Kubernetes calendar: not evaluated, never Azure Local's dates.
test_windows_server_is_not_evaluated_without_a_calendar if {
	count(rule.violations(on("WindowsServer", "1.30.14"), testing.ctx("2026-01-29"))) == 0
	[x] := [x | some x in rule.not_evaluated(on("WindowsServer", "1.30.14"), testing.ctx("2026-01-29"))]
	x.id == "AKSARC-003"
	count(rule.not_evaluated(on("AzureLocal", "1.30.14"), testing.ctx("2026-01-29"))) == 0
}

test_silent_for_versions_far_from_their_end if {
	count(rule.violations(running("1.31.10"), testing.ctx("2025-11-01"))) == 0
	count(rule.violations(running("1.32.6"), testing.ctx("2025-11-01"))) == 0
}

test_silent_for_versions_the_catalog_does_not_know if {
	count(rule.violations(running("1.25.6"), testing.ctx("2025-11-01"))) == 0
	count(rule.violations(running("1.40.0"), testing.ctx("2025-11-01"))) == 0
}

test_silent_without_version if {
	doc := {"apiVersion": "support.aksarc.io/v1alpha1", "kind": "ClusterSnapshot", "metadata": {"name": "x"}, "spec": {}}
	count(rule.violations(doc, testing.ctx("2025-12-31"))) == 0
}

test_silent_for_other_documents if {
	other := object.union(running("1.30.14"), {"kind": "Deployment", "apiVersion": "apps/v1"})
	count(rule.violations(other, testing.ctx("2025-12-31"))) == 0
}
