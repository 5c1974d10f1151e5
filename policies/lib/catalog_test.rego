package lib.aksarc.catalog_test

import data.lib.aksarc.catalog
import data.lib.aksarc.testing

override := {"catalog": {"platforms": {"AzureLocal": {"versions": {
	"1.30": {"endOfSupport": "2025-12-31"},
	"1.33": {"released": "2026-01-01", "patches": ["1.33.1"]},
}}}}}

test_versions_merge_platform_overrides_over_shared_entries if {
	c := testing.ctx_with("2025-11-01", override)
	al := catalog.versions(c, "AzureLocal")
	al["1.30"].endOfSupport == "2025-12-31"
	al["1.30"].released == "2025-03-01"
	al["1.30"].patches == ["1.30.13", "1.30.14"]
	al["1.33"].released == "2026-01-01"
	ws := catalog.versions(c, "WindowsServer")
	not ws["1.30"].endOfSupport
	not ws["1.33"]
	catalog.versions(c, "NoSuchPlatform") == c.catalog.versions
}

test_end_of_support_explicit_or_one_year if {
	catalog.end_of_support({"released": "2025-03-01", "endOfSupport": "2025-09-30"}) == "2025-09-30"
	catalog.end_of_support_basis({"released": "2025-03-01", "endOfSupport": "2025-09-30"}) == "catalog"
	catalog.end_of_support({"released": "2025-03-01"}) == "2026-02-28"
	catalog.end_of_support({"released": "2024-02-29"}) == "2025-02-28"
	catalog.end_of_support({"released": "2025-03-01", "endOfSupport": null}) == "2026-02-28"
	catalog.end_of_support_basis({"released": "2025-03-01", "endOfSupport": null}) == "released + 1 year"
}

test_newest_and_oldest_minor if {
	c := testing.ctx("2025-11-01")
	catalog.newest_minor(c, "WindowsServer") == "1.32"
	catalog.oldest_minor(c, "WindowsServer") == "1.26"
	catalog.newest_minor(testing.ctx_with("2025-11-01", override), "AzureLocal") == "1.33"
	catalog.newest_minor(testing.ctx_with("2025-11-01", override), "WindowsServer") == "1.32"
}

test_newest_minor_orders_numerically if {
	c := {"catalog": {"versions": {"1.9": {}, "1.10": {}, "not-a-version": {}}}}
	catalog.newest_minor(c, "WindowsServer") == "1.10"
	catalog.oldest_minor(c, "WindowsServer") == "1.9"
	catalog.minor_keys(c, "WindowsServer") == {"1.9", "1.10"}
}

test_no_newest_minor_in_an_empty_catalog if {
	not catalog.newest_minor({"catalog": {"versions": {}}}, "WindowsServer")
	not catalog.oldest_minor({"catalog": {}}, "WindowsServer")
}

test_sorted_minors if {
	catalog.sorted_minors({"1.10", "1.9", "2.0", "1.30"}) == ["1.9", "1.10", "1.30", "2.0"]
	catalog.sorted_minors(set()) == []
}

test_available_minors_leave_out_ended_and_removed if {
	# 2025-10-15: 1.29 is still in support (to 2025-10-31) but was removed on 2025-10-01.
	catalog.available_minors(testing.ctx("2025-10-15"), "WindowsServer") == ["1.30", "1.31", "1.32"]

	# 2025-09-30: 1.29 not removed yet, 1.32 not released yet (2025-10-01).
	catalog.available_minors(testing.ctx("2025-09-30"), "WindowsServer") == ["1.29", "1.30", "1.31"]
	catalog.available_minors(testing.ctx("2025-10-01"), "WindowsServer") == ["1.30", "1.31", "1.32"]

	# 2026-03-02: 1.30 (released + 1 year = 2026-03-01) has ended.
	catalog.available_minors(testing.ctx("2026-03-02"), "WindowsServer") == ["1.31", "1.32"]
}

test_newer_minors_are_released_ones_newer_than_the_version if {
	v := {"major": 1, "minor": 29}
	catalog.newer_minors(testing.ctx("2025-09-30"), "WindowsServer", v) == ["1.30", "1.31"]
	catalog.newer_minors(testing.ctx("2025-10-01"), "WindowsServer", v) == ["1.30", "1.31", "1.32"]
	catalog.newer_minors(testing.ctx("2025-10-01"), "WindowsServer", {"major": 1, "minor": 32}) == []
}

test_upgrade_targets_are_available_and_never_a_downgrade if {
	catalog.upgrade_targets(testing.ctx("2025-11-01"), "WindowsServer", {"major": 1, "minor": 30}) == ["1.31", "1.32"]
	catalog.upgrade_targets(testing.ctx("2025-11-01"), "WindowsServer", {"major": 1, "minor": 27}) == ["1.30", "1.31", "1.32"]
	catalog.upgrade_targets(testing.ctx("2026-11-25"), "WindowsServer", {"major": 1, "minor": 32}) == []
}

test_an_entry_without_a_release_date_counts_as_released if {
	catalog.released(testing.ctx("2025-01-01"), {"patches": []})
	not catalog.released(testing.ctx("2025-01-01"), {"released": "2025-01-02"})
}

test_list if {
	catalog.list(["1.30", "1.31"]) == "1.30, 1.31"
	catalog.list([]) == "none"
}
