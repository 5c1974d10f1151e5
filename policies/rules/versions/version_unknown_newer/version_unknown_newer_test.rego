package lib.aksarc.rules.versions.version_unknown_newer_test

import data.lib.aksarc.rules.versions.version_unknown_newer as rule
import data.lib.aksarc.testing

running(version) := testing.snapshot({"cluster": {"kubernetesVersion": version}})

# The catalog's newest minor is 1.33 (it knows it on WindowsServer as well, whose calendar is
# not published: a newer minor is unknown to the catalog on every platform).
test_fires_for_the_next_minor if {
	fs := rule.violations(running("v1.34.1"), testing.ctx("2025-11-01"))
	count(fs) == 1
	some f in fs
	f.id == "AKSARC-091"
	f.severity == "warn"
	f.details.minorVersion == "1.34"
	f.details.newestKnownMinor == "1.33"
	f.details.catalogReviewed == "2026-12-05"
	contains(f.message, "newest: 1.33")
}

test_fires_for_a_new_major if {
	some f in rule.violations(running("2.0.0"), testing.ctx("2025-11-01"))
	f.details.kubernetesVersion == "2.0.0"
}

test_silent_for_the_newest_known_minor if {
	count(rule.violations(running("1.33.5"), testing.ctx("2025-11-01"))) == 0
	count(rule.violations(running("1.33.99"), testing.ctx("2025-11-01"))) == 0
}

test_silent_for_older_minors if {
	count(rule.violations(running("1.31.10"), testing.ctx("2025-11-01"))) == 0
	count(rule.violations(running("1.20.1"), testing.ctx("2025-11-01"))) == 0
}

test_catalog_extension_makes_it_known if {
	c := testing.ctx_with("2025-11-01", {"catalog": {"versions": {"1.34": {"released": "2026-01-01"}}}})
	count(rule.violations(running("1.34.1"), c)) == 0
	some f in rule.violations(running("1.35.0"), c)
	f.details.newestKnownMinor == "1.34"
}

test_platform_extension_applies_to_its_platform_only if {
	c := testing.ctx_with("2025-11-01", {"catalog": {"platforms": {"AzureLocal": {"versions": {"1.34": {"released": "2026-01-01"}}}}}})
	al := testing.snapshot({"platform": "AzureLocal", "cluster": {"kubernetesVersion": "1.34.1"}})
	count(rule.violations(al, c)) == 0
	count(rule.violations(running("1.34.1"), c)) == 1
}

test_silent_for_unparsable_versions_and_other_documents if {
	count(rule.violations(running("latest"), testing.ctx("2025-11-01"))) == 0
	count(rule.violations({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n"}}, testing.ctx("2025-11-01"))) == 0
}
