package lib.aksarc.catalog_test

import data.lib.aksarc.catalog
import data.lib.aksarc.testing

override := {"catalog": {"platforms": {"AzureLocal": {"versions": {
	"1.30": {"endOfSupport": "2025-12-31"},
	"1.34": {"released": "2026-01-01"},
}}}}}

# AzureLocal publishes its calendar: its entries are merged over the shared ones. WindowsServer
# does not: only its own entries count, never Azure Local's borrowed.
test_versions_merge_platform_overrides_over_shared_entries if {
	c := testing.ctx_with("2025-11-01", override)
	al := catalog.versions(c, "AzureLocal")
	al["1.30"].endOfSupport == "2025-12-31"
	al["1.30"].released == "2025-03-31"
	al["1.34"].released == "2026-01-01"
	catalog.versions(c, "WindowsServer") == {}
	catalog.versions(c, "NoSuchPlatform") == c.catalog.versions
	ws := catalog.versions(testing.ctx_with("2025-11-01", {"catalog": {"platforms": {"WindowsServer": {"versions": {"1.31": {"released": "2025-09-01"}}}}}}), "WindowsServer")
	ws == {"1.31": {"released": "2025-09-01"}}
}

test_calendar_published if {
	c := testing.ctx("2025-11-01")
	catalog.calendar_published(c, "AzureLocal")
	not catalog.calendar_published(c, "WindowsServer")
	catalog.calendar_missing(c, "WindowsServer", "1.31")
	not catalog.calendar_missing(c, "AzureLocal", "1.31")
	catalog.calendar_published({"catalog": {}}, "WindowsServer")
}

test_facts_through if {
	catalog.facts_through(testing.ctx("2025-11-01")) == "2026-05-31"
	not catalog.past_facts(testing.ctx("2026-05-31"))
	catalog.past_facts(testing.ctx("2026-06-01"))
	not catalog.past_facts({"catalog": {}, "asOf": 0})
}

test_release_ord if {
	catalog.release_ord("2411") < catalog.release_ord("2411.1")
	catalog.release_ord("2411.3") < catalog.release_ord("2503")
	not catalog.release_ord("24xx")
}

test_newest_known_minor if {
	# 1.33 ships on 2026-02-17: before it the newest released minor is 1.32, on any platform.
	catalog.newest_known_minor(testing.ctx("2025-11-01"), "WindowsServer") == "1.32"
	catalog.newest_known_minor(testing.ctx("2026-02-17"), "AzureLocal") == "1.33"
	catalog.newest_known_minor({"catalog": {"versions": {"1.40": {"released": "2030-01-01"}}}, "asOf": 0}, "AzureLocal") == "1.40"
	catalog.newest_any_minor(testing.ctx("2025-11-01"), "WindowsServer") == "1.33"
}

test_end_of_support_explicit_or_one_year if {
	catalog.end_of_support({"released": "2025-03-01", "endOfSupport": "2025-09-30"}) == "2025-09-30"
	catalog.end_of_support_basis({"released": "2025-03-01", "endOfSupport": "2025-09-30"}) == "catalog"
	catalog.end_of_support({"released": "2025-03-01"}) == "2026-02-28"
	catalog.end_of_support({"released": "2024-02-29"}) == "2025-02-28"
	catalog.end_of_support({"released": "2025-03-01", "endOfSupport": null}) == "2026-02-28"
	catalog.end_of_support_basis({"released": "2025-03-01", "endOfSupport": null}) == "released + 1 year"

	# Months: the last day of the month, so that a deny never fires early.
	catalog.end_of_support({"endOfSupport": "2026-03"}) == "2026-03-31"
	catalog.end_of_support_basis({"endOfSupport": "2026-03"}) == "catalog (month: its last day)"
	catalog.end_of_support({"released": "2025-03"}) == "2026-03-30"
	catalog.removed_from({"removed": "2026-01"}) == "2026-02-01"
	catalog.removed_from({"removed": "2026-01-15"}) == "2026-01-15"
}

test_newest_and_oldest_minor if {
	c := testing.ctx("2025-11-01")
	catalog.newest_minor(c, "AzureLocal") == "1.33"
	catalog.oldest_minor(c, "AzureLocal") == "1.26"
	not catalog.newest_minor(c, "WindowsServer")
	catalog.newest_minor(testing.ctx_with("2025-11-01", override), "AzureLocal") == "1.34"
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
	# 2025-10-25: 1.29 is still in support (to 2025-10-31) but was removed with 2510 (2025-10-22).
	catalog.available_minors(testing.ctx("2025-10-25"), "AzureLocal") == ["1.30", "1.31", "1.32"]

	# 2025-10-21: 1.29 not removed yet, 1.32 not released yet (2025-10-22).
	catalog.available_minors(testing.ctx("2025-10-21"), "AzureLocal") == ["1.29", "1.30", "1.31"]
	catalog.available_minors(testing.ctx("2025-10-22"), "AzureLocal") == ["1.30", "1.31", "1.32"]

	# 2026-02-17: 1.30 removed, 1.33 released.
	catalog.available_minors(testing.ctx("2026-02-17"), "AzureLocal") == ["1.31", "1.32", "1.33"]
	catalog.available_minors(testing.ctx("2025-11-01"), "WindowsServer") == []
}

test_newer_minors_are_released_ones_newer_than_the_version if {
	v := {"major": 1, "minor": 29}
	catalog.newer_minors(testing.ctx("2025-10-21"), "AzureLocal", v) == ["1.30", "1.31"]
	catalog.newer_minors(testing.ctx("2025-10-22"), "AzureLocal", v) == ["1.30", "1.31", "1.32"]
	catalog.newer_minors(testing.ctx("2025-10-22"), "AzureLocal", {"major": 1, "minor": 32}) == []

	# A release known only to the month counts from the month's last day.
	m := testing.ctx_with("2026-03-30", {"catalog": {"versions": {"1.34": {"released": "2026-03"}}}})
	catalog.newer_minors(m, "AzureLocal", {"major": 1, "minor": 33}) == []
	n := testing.ctx_with("2026-03-31", {"catalog": {"versions": {"1.34": {"released": "2026-03"}}}})
	catalog.newer_minors(n, "AzureLocal", {"major": 1, "minor": 33}) == ["1.34"]
}

test_upgrade_targets_are_available_and_never_a_downgrade if {
	catalog.upgrade_targets(testing.ctx("2025-11-01"), "AzureLocal", {"major": 1, "minor": 30}) == ["1.31", "1.32"]
	catalog.upgrade_targets(testing.ctx("2025-11-01"), "AzureLocal", {"major": 1, "minor": 27}) == ["1.30", "1.31", "1.32"]
	catalog.upgrade_targets(testing.ctx("2027-02-17"), "AzureLocal", {"major": 1, "minor": 32}) == []
}

test_an_entry_without_a_release_date_counts_as_released if {
	catalog.released(testing.ctx("2025-01-01"), {"patches": []})
	not catalog.released(testing.ctx("2025-01-01"), {"released": "2025-01-02"})
}

test_list if {
	catalog.list(["1.30", "1.31"]) == "1.30, 1.31"
	catalog.list([]) == "none"
}
