package lib.aksarc.rules.versions.version_removed_test

import data.lib.aksarc.rules.versions.version_removed as rule
import data.lib.aksarc.testing

running(version) := testing.snapshot({"cluster": {"kubernetesVersion": version}})

on(platform, version) := testing.snapshot({"platform": platform, "cluster": {"kubernetesVersion": version}})

# 1.29 was removed on 2025-10-01.
test_fires_on_the_removal_day if {
	fs := rule.violations(running("1.29.13"), testing.ctx("2025-10-01"))
	count(fs) == 1
	some f in fs
	f.id == "AKSARC-002"
	f.name == "version-removed"
	f.severity == "deny"
	f.resource.name == "test-cluster"
	f.details.minorVersion == "1.29"
	f.details.kubernetesVersion == "1.29.13"
	f.details.removed == "2025-10-01"
	f.details.daysSinceRemoval == 0
	f.details.latestVersion == "1.32"
	f.details.platform == "WindowsServer"
	contains(f.message, "can no longer update Kubernetes or OS versions")
	contains(f.message, "upgrade it to the latest release")
	contains(f.message, "redeployment")
	f.url == "https://learn.microsoft.com/azure/aks/aksarc/support-policies#service-updates-and-releases"
}

test_silent_the_day_before_removal if {
	count(rule.violations(running("1.29.13"), testing.ctx("2025-09-30"))) == 0
}

test_fires_the_day_after_removal if {
	some f in rule.violations(running("1.29.13"), testing.ctx("2025-10-02"))
	f.details.daysSinceRemoval == 1
}

test_keeps_firing_long_after_removal if {
	some f in rule.violations(running("v1.26.12"), testing.ctx("2025-11-01"))
	f.details.removed == "2024-08-01"
	f.details.daysSinceRemoval == 457
}

test_silent_for_a_version_without_removal_date if {
	count(rule.violations(running("1.30.14"), testing.ctx("2027-01-01"))) == 0
	count(rule.violations(running("1.32.6"), testing.ctx("2025-11-01"))) == 0
}

test_silent_for_a_version_the_catalog_does_not_know if {
	# Older than the catalog: AKSARC-001 says it is outside support; no removal date to judge.
	count(rule.violations(running("1.25.6"), testing.ctx("2025-11-01"))) == 0
	count(rule.violations(running("1.40.0"), testing.ctx("2025-11-01"))) == 0
}

test_catalog_override_adds_a_removal if {
	c := testing.ctx_with("2026-02-01", {"catalog": {"versions": {
		"1.30": {"removed": "2026-02-01"},
		"1.33": {"released": "2026-02-01", "patches": ["1.33.2"]},
	}}})
	some f in rule.violations(running("1.30.14"), c)
	f.details.removed == "2026-02-01"
	f.details.latestVersion == "1.33"
	count(rule.violations(running("1.30.14"), testing.ctx("2026-02-01"))) == 0
}

platform_override := {"catalog": {"platforms": {"AzureLocal": {"versions": {"1.30": {"removed": "2026-01-15"}}}}}}

test_platform_override_applies_to_its_platform_only if {
	c := testing.ctx_with("2026-01-15", platform_override)
	some f in rule.violations(on("AzureLocal", "1.30.14"), c)
	f.details.platform == "AzureLocal"
	f.details.removed == "2026-01-15"
	count(rule.violations(on("WindowsServer", "1.30.14"), c)) == 0
	count(rule.violations(on("AzureLocal", "1.30.14"), testing.ctx_with("2026-01-14", platform_override))) == 0
}

test_same_dates_on_azure_local_without_override if {
	some f in rule.violations(on("AzureLocal", "1.28.12"), testing.ctx("2025-08-01"))
	f.details.removed == "2025-08-01"
	count(rule.violations(on("AzureLocal", "1.28.12"), testing.ctx("2025-07-31"))) == 0
}

test_silent_without_version if {
	doc := {"apiVersion": "support.aksarc.io/v1alpha1", "kind": "ClusterSnapshot", "metadata": {"name": "x"}, "spec": {"cluster": {}}}
	count(rule.violations(doc, testing.ctx("2025-11-01"))) == 0
}

test_silent_for_other_documents if {
	other := object.union(running("1.26.12"), {"kind": "ConfigMap", "apiVersion": "v1"})
	count(rule.violations(other, testing.ctx("2025-11-01"))) == 0
}
