package lib.aksarc.rules.versions.host_unsupported_test

import data.lib.aksarc.rules.versions.host_unsupported as rule
import data.lib.aksarc.testing

day := "2025-11-01"

windows(os) := testing.snapshot({"platform": "WindowsServer", "host": {"os": os}})

azure_local(release) := testing.snapshot({"platform": "AzureLocal", "host": {"azureLocalRelease": release}})

violations(doc) := rule.violations(doc, testing.ctx(day))

reasons(fs) := {f.details.reason | some f in fs}

# WindowsServer hosts

test_silent_for_supported_windows_server_hosts if {
	count(violations(windows("Windows Server 2019 Datacenter"))) == 0
	count(violations(windows("Windows Server 2022 Datacenter"))) == 0
	count(violations(windows("Windows Server 2022 Datacenter: Azure Edition"))) == 0
	count(violations(windows("Windows Server 2025 Datacenter"))) == 0
}

test_accepts_caption_spellings if {
	count(violations(windows("Microsoft Windows Server 2022 Datacenter"))) == 0
	count(violations(windows("Windows Server 2022 Datacenter Azure Edition"))) == 0
	count(violations(windows("  windows server 2025 datacenter  "))) == 0
}

test_fires_for_a_product_older_than_2019 if {
	fs := violations(windows("Windows Server 2016 Datacenter"))
	count(fs) == 1
	some f in fs
	f.id == "AKSARC-006"
	f.name == "host-unsupported"
	f.severity == "deny"
	f.resource.kind == "ClusterSnapshot"
	f.resource.name == "test-cluster"
	f.details.reason == "productTooOld"
	f.details.platform == "WindowsServer"
	f.details.product == "Windows Server 2016"
	f.details.edition == "Datacenter"
	f.details.os == "Windows Server 2016 Datacenter"
	f.details.supportedProducts == ["Windows Server 2019", "Windows Server 2022", "Windows Server 2025"]
	f.message == "cluster test-cluster: the host runs Windows Server 2016 Datacenter, which is older than Windows Server 2019, the oldest supported host product; AKS Arc needs Windows Server 2019 Datacenter or later"
	f.url == "https://learn.microsoft.com/azure/aks/aksarc/support-policies#supported-version-policy"
}

test_fires_for_an_unsupported_edition if {
	fs := violations(windows("Windows Server 2019 Standard"))
	count(fs) == 1
	some f in fs
	f.details.reason == "editionNotSupported"
	f.details.product == "Windows Server 2019"
	f.details.edition == "Standard"
	f.details.supportedEditions == ["Datacenter"]
	f.message == "cluster test-cluster: the host runs Windows Server 2019 Standard; AKS Arc needs Windows Server 2019 Datacenter, not the Standard edition"
}

test_unsupported_edition_names_every_supported_edition if {
	fs := violations(windows("Windows Server 2022 Standard"))
	count(fs) == 1
	some f in fs
	f.id == "AKSARC-006"
	f.severity == "deny"
	f.details.reason == "editionNotSupported"
	f.details.supportedEditions == ["Datacenter", "Datacenter: Azure Edition"]
	f.message == "cluster test-cluster: the host runs Windows Server 2022 Standard; AKS Arc needs Windows Server 2022 Datacenter or Windows Server 2022 Datacenter: Azure Edition, not the Standard edition"
	not contains(f.message, "is not one of")
}

test_unsupported_edition_with_three_listed_editions if {
	c := testing.ctx_with(day, {"catalog": {"platforms": {"WindowsServer": {"hostProducts": {"Windows Server 2025": {"editions": ["Datacenter", "Datacenter: Azure Edition", "Essentials"]}}}}}})
	some f in rule.violations(windows("Windows Server 2025 Standard"), c)
	contains(f.message, "AKS Arc needs Windows Server 2025 Datacenter, Windows Server 2025 Datacenter: Azure Edition or Windows Server 2025 Essentials, not the Standard edition")
}

test_unsupported_edition_when_the_catalog_lists_none if {
	c := testing.ctx_with(day, {"catalog": {"platforms": {"WindowsServer": {"hostProducts": {"Windows Server 2022": {"editions": []}}}}}})
	some f in rule.violations(windows("Windows Server 2022 Datacenter"), c)
	f.details.reason == "editionNotSupported"
	f.details.supportedEditions == []
	f.message == "cluster test-cluster: the host runs Windows Server 2022 Datacenter; the catalog lists no edition of Windows Server 2022 that AKS Arc supports"
}

test_azure_edition_is_not_listed_for_2019 if {
	fs := violations(windows("Windows Server 2019 Datacenter: Azure Edition"))
	reasons(fs) == {"editionNotSupported"}
}

test_fires_for_an_unknown_product if {
	fs := violations(windows("Windows Server 2031 Datacenter"))
	reasons(fs) == {"productUnknown"}
	some f in fs
	contains(f.message, "Windows Server 2019, Windows Server 2022, Windows Server 2025")
}

test_fires_for_a_host_that_is_not_windows_server if {
	fs := violations(windows("Ubuntu 22.04.4 LTS"))
	reasons(fs) == {"notWindowsServer"}
	some f in fs
	f.message == "cluster test-cluster: the host runs \"Ubuntu 22.04.4 LTS\", which is not Windows Server; AKS Arc on Windows Server needs Windows Server 2019 Datacenter or later (supported: Windows Server 2019, Windows Server 2022, Windows Server 2025)"
	f.details.supportedProducts == ["Windows Server 2019", "Windows Server 2022", "Windows Server 2025"]
}

test_silent_when_the_edition_is_not_given if {
	count(violations(windows("Windows Server 2022"))) == 0
}

# The catalog's end of support for Windows Server hosts is 2028-03-31 (the last supported day).
test_silent_the_day_before_host_end_of_support if {
	count(rule.violations(windows("Windows Server 2022 Datacenter"), testing.ctx("2028-03-30"))) == 0
}

test_silent_on_host_end_of_support if {
	count(rule.violations(windows("Windows Server 2022 Datacenter"), testing.ctx("2028-03-31"))) == 0
}

test_fires_the_day_after_host_end_of_support if {
	fs := rule.violations(windows("Windows Server 2022 Datacenter"), testing.ctx("2028-04-01"))
	count(fs) == 1
	some f in fs
	f.details.reason == "pastEndOfSupport"
	f.details.product == "Windows Server 2022"
	f.details.endOfSupport == "2028-03-31"
	f.details.daysPast == 1
	f.details.supportedProducts == []
	f.message == "cluster test-cluster: the host runs Windows Server 2022 Datacenter, and AKS Arc support on Windows Server 2022 hosts ended on 2028-03-31 (1 day ago)"
}

test_wrong_edition_and_past_end_are_both_reported if {
	fs := rule.violations(windows("Windows Server 2022 Standard"), testing.ctx("2028-04-01"))
	reasons(fs) == {"editionNotSupported", "pastEndOfSupport"}
}

test_catalog_override_of_a_host_product if {
	c := testing.ctx_with("2026-01-10", {"catalog": {"platforms": {"WindowsServer": {"hostProducts": {
		"Windows Server 2019": {"endOfSupport": "2026-01-09"},
		"Windows Server 2016": {"editions": ["Datacenter"], "endOfSupport": "2027-01-12"},
	}}}}})
	fs := rule.violations(windows("Windows Server 2019 Datacenter"), c)
	some f in fs
	f.details.reason == "pastEndOfSupport"
	f.details.endOfSupport == "2026-01-09"
	f.details.daysPast == 1
	count(rule.violations(windows("Windows Server 2016 Datacenter"), c)) == 0
	count(rule.violations(windows("Windows Server 2019 Datacenter"), testing.ctx("2026-01-10"))) == 0
}

test_windows_server_is_the_default_platform if {
	doc := testing.snapshot({"host": {"os": "Windows Server 2016 Datacenter"}})
	reasons(violations(doc)) == {"productTooOld"}
}

test_windows_host_facts_ignored_on_azure_local if {
	doc := testing.snapshot({"platform": "AzureLocal", "host": {"os": "Windows Server 2016 Datacenter"}})
	count(violations(doc)) == 0
}

# AzureLocal hosts

test_silent_for_a_supported_azure_local_release if {
	count(violations(azure_local("2510"))) == 0
	count(violations(azure_local("2510.1"))) == 0
	count(violations(azure_local(2510))) == 0
	count(violations(azure_local("2505"))) == 0
}

# 2505: available 2025-05-28, supported six months: through 2025-11-28 (derived).
test_release_silent_the_day_before_end_of_support if {
	count(rule.violations(azure_local("2505"), testing.ctx("2025-11-27"))) == 0
}

test_release_silent_on_end_of_support if {
	count(rule.violations(azure_local("2505.2"), testing.ctx("2025-11-28"))) == 0
}

test_release_fires_the_day_after_end_of_support if {
	fs := rule.violations(azure_local("2505.2"), testing.ctx("2025-11-29"))
	count(fs) == 1
	some f in fs
	f.id == "AKSARC-006"
	f.severity == "deny"
	f.details.platform == "AzureLocal"
	f.details.reason == "pastEndOfSupport"
	f.details.azureLocalRelease == "2505.2"
	f.details.release == "2505"
	f.details.endOfSupport == "2025-11-28"
	f.details.daysPast == 1
	f.details.supportedReleases == ["2506", "2507", "2508", "2509", "2510", "2511", "2512", "2601", "2602", "2603", "2604", "2605"]
	contains(f.message, "reached its end of support on 2025-11-28 (1 day ago)")
	contains(f.message, "(supported: 2506, 2507, 2508, 2509, 2510, 2511")
}

# The 2411 updates are releases of their own, each with its day: 2411.1 (2024-12-17) is
# supported through 2025-06-17, 2411 (2024-11-14) through 2025-05-14.
test_release_updates_listed_as_releases if {
	count(rule.violations(azure_local("2411.1"), testing.ctx("2025-06-17"))) == 0
	some f in rule.violations(azure_local("2411.1"), testing.ctx("2025-06-18"))
	f.details.release == "2411.1"
	f.details.endOfSupport == "2025-06-17"
	some g in rule.violations(azure_local("2411"), testing.ctx("2025-05-15"))
	g.details.endOfSupport == "2025-05-14"
	count(rule.violations(azure_local("2411"), testing.ctx("2025-05-14"))) == 0
}

# 2510's end of support is published only as a month ("until April 2026"): denied from May.
test_release_month_end_of_support_denies_after_the_month if {
	count(rule.violations(azure_local("2510"), testing.ctx("2026-04-30"))) == 0
	some f in rule.violations(azure_local("2510"), testing.ctx("2026-05-01"))
	f.details.endOfSupport == "2026-04-30"
	f.details.daysPast == 1
	contains(f.message, "reached its end of support on 2026-04-30 (the end of 2026-04) (1 day ago)")
}

test_release_older_than_the_catalog if {
	fs := violations(azure_local("2311"))
	reasons(fs) == {"releaseTooOld"}
	some f in fs
	f.details.oldestKnown == "2402"
}

# A release newer than every release the catalog knows (newest: 2605) cannot be judged from it:
# no finding (advising an older release would be a downgrade), reported as not evaluated instead.
test_release_newer_than_the_catalog_is_not_judged if {
	jul_10 := testing.ctx("2026-07-10")
	count(rule.violations(azure_local("2607"), jul_10)) == 0
	rule.not_evaluated(azure_local("2607"), jul_10) == {{
		"id": "AKSARC-006",
		"missing": "spec.host.azureLocalRelease (2607 is newer than every release the catalog knows; update the catalog)",
	}}
	count(violations(azure_local("2606"))) == 0
	count(violations(azure_local(2611))) == 0
	{x.missing | some x in rule.not_evaluated(azure_local("2606.3"), testing.ctx(day))} == {"spec.host.azureLocalRelease (2606.3 is newer than every release the catalog knows; update the catalog)"}
}

# The edges: the newest known release is judged (silent while supported, deny once past its end
# of support); the next one is not evaluated. Known, older and in-between releases are never
# reported as not evaluated.
test_not_evaluated_only_for_releases_newer_than_the_catalog if {
	count(rule.not_evaluated(azure_local("2605"), testing.ctx(day))) == 0
	reasons(rule.violations(azure_local("2605"), testing.ctx("2026-12-01"))) == {"pastEndOfSupport"}
	count(rule.not_evaluated(azure_local("2605"), testing.ctx("2026-12-01"))) == 0
	count(rule.not_evaluated(azure_local("2606"), testing.ctx(day))) == 1
	count(rule.not_evaluated(azure_local("2311"), testing.ctx(day))) == 0
	count(rule.not_evaluated(azure_local("2412"), testing.ctx(day))) == 0
	count(rule.not_evaluated(azure_local("23H2"), testing.ctx(day))) == 0
	count(rule.not_evaluated(azure_local(""), testing.ctx(day))) == 0
	count(rule.not_evaluated(azure_local(null), testing.ctx(day))) == 0
}

test_not_evaluated_only_on_azure_local_snapshots if {
	doc := testing.snapshot({"platform": "WindowsServer", "host": {"azureLocalRelease": "2607"}})
	count(rule.not_evaluated(doc, testing.ctx(day))) == 0
	count(rule.not_evaluated(testing.snapshot({"host": {"azureLocalRelease": "2607"}}), testing.ctx_with(day, {"platform": "AzureLocal"}))) == 1
	other := object.union(azure_local("2607"), {"apiVersion": "v1", "kind": "ConfigMap"})
	count(rule.not_evaluated(other, testing.ctx(day))) == 0
}

release_2606 := {"catalog": {"platforms": {"AzureLocal": {"releases": {"2606": {"released": "2026-06-20", "endOfSupport": "2026-12-20", "source": "https://example.com"}}}}}}

test_a_catalog_that_lists_the_release_judges_it if {
	c := testing.ctx_with(day, release_2606)
	count(rule.not_evaluated(azure_local("2606"), c)) == 0
	count(rule.not_evaluated(azure_local("2607"), c)) == 1
}

test_release_missing_between_known_ones if {
	reasons(violations(azure_local("2412"))) == {"releaseUnknown"}
	reasons(violations(azure_local("23H2"))) == {"releaseUnknown"}
}

test_release_as_a_number if {
	fs := violations(azure_local(2311))
	some f in fs
	f.details.azureLocalRelease == "2311"
	f.details.reason == "releaseTooOld"
}

test_catalog_override_adds_a_release if {
	count(rule.violations(azure_local("2606"), testing.ctx_with(day, release_2606))) == 0
	reasons(rule.violations(azure_local("2606"), testing.ctx_with("2026-12-21", release_2606))) == {"pastEndOfSupport"}

	# Without the override 2606 is newer than the catalog: not judged.
	count(rule.violations(azure_local("2606"), testing.ctx("2026-12-21"))) == 0
}

test_default_platform_from_settings if {
	doc := testing.snapshot({"host": {"azureLocalRelease": "2311"}})
	reasons(rule.violations(doc, testing.ctx_with(day, {"platform": "AzureLocal"}))) == {"releaseTooOld"}
	count(violations(doc)) == 0
}

test_release_ignored_on_windows_server if {
	doc := testing.snapshot({"platform": "WindowsServer", "host": {"azureLocalRelease": "2311"}})
	count(violations(doc)) == 0
}

# Missing facts and other documents

test_silent_without_host_facts if {
	count(violations(testing.snapshot({}))) == 0
	count(violations(testing.snapshot({"platform": "AzureLocal"}))) == 0
	count(violations(windows(""))) == 0
	count(violations(azure_local(""))) == 0
	count(violations(azure_local(null))) == 0
}

test_silent_for_other_documents if {
	other := object.union(windows("Windows Server 2016 Datacenter"), {"apiVersion": "v1", "kind": "ConfigMap"})
	count(violations(other)) == 0
}

test_malformed_editions_read_as_none if {
	c := testing.ctx_with(day, {"catalog": {"platforms": {"WindowsServer": {"hostProducts": {"Windows Server 2022": {"editions": "Datacenter"}}}}}})
	some f in rule.violations(windows("Windows Server 2022 Standard"), c)
	f.details.supportedEditions == []
	contains(f.message, "the catalog lists no edition of Windows Server 2022 that AKS Arc supports")
}

# No known release in support: past the catalog's facts (2026-05) newer releases are unknown
# to it, not absent, and the message says so instead of "supported: none".
test_release_message_when_no_release_is_supported if {
	some f in rule.violations(azure_local("2605"), testing.ctx("2026-12-05"))
	f.details.supportedReleases == []
	contains(f.message, "update Azure Local to a release still in support: the catalog's facts end with 2026-05 (reviewed 2026-12-05) and it knows no release in support as of 2026-12-05, so newer releases are unknown to it, not absent")
	not contains(f.message, "none")
	c := testing.ctx_with("2026-12-05", {"catalog": {"factsThrough": "2027-01"}})
	some g in rule.violations(azure_local("2605"), c)
	endswith(g.message, "update Azure Local to a supported release (the catalog knows none in support on this date)")
}

# Azure Stack HCI, version 22H2 (named in the policy's "applies to"): a host product of its own,
# matched by its name or aliases, out of AKS Arc support after 2025-05-31.
test_azure_stack_hci_22h2 if {
	count(rule.violations(windows("Azure Stack HCI, version 22H2"), testing.ctx("2025-05-31"))) == 0
	fs := rule.violations(windows("Azure Stack HCI, version 22H2"), testing.ctx("2025-06-01"))
	reasons(fs) == {"pastEndOfSupport"}
	some f in fs
	f.details.product == "Azure Stack HCI, version 22H2"
	f.details.endOfSupport == "2025-05-31"
	f.details.daysPast == 1
	contains(f.message, "the host runs Azure Stack HCI, version 22H2 (Azure Stack HCI, version 22H2), and AKS Arc support on it ended on 2025-05-31 (1 day ago)")
	reasons(rule.violations(windows("Microsoft Azure Local 22H2 Datacenter"), testing.ctx("2025-06-01"))) == {"pastEndOfSupport"}
	reasons(violations(windows("azure stack hci 22h2"))) == {"pastEndOfSupport"}

	# Not the 23H2 Azure Local: that is the AzureLocal platform, not a Windows Server host.
	reasons(violations(windows("Azure Local 23H2"))) == {"notWindowsServer"}
}
