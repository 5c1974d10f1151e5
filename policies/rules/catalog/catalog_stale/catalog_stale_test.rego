package lib.aksarc.rules.catalog.catalog_stale_test

import data.lib.aksarc.dates
import data.lib.aksarc.rules.catalog.catalog_stale as rule
import data.lib.aksarc.testing

cluster := testing.snapshot({})

# The age tests pin the review date (2025-10-09) and push factsThrough out of the way.
old := {"catalog": {"reviewed": "2025-10-09", "factsThrough": "2030-12"}}

ctx(day) := testing.ctx_with(day, old)

ctx_with(day, settings) := testing.ctx_with(day, object.union(old, settings))

at(t) := object.union(ctx("2026-02-06"), {"asOf": dates.ns(t)})

# Reviewed 2025-10-09; 120 days later is 2026-02-06. Days are calendar days: the time of day of
# the evaluation does not matter.
test_silent_at_exactly_the_limit if {
	count(rule.violations(cluster, ctx("2026-02-06"))) == 0
}

test_silent_all_of_the_last_day if {
	count(rule.violations(cluster, at("2026-02-06T00:00:01Z"))) == 0
	count(rule.violations(cluster, at("2026-02-06T12:00:00Z"))) == 0
	count(rule.violations(cluster, at("2026-02-06T23:59:59Z"))) == 0
}

test_fires_from_the_first_moment_of_the_next_day if {
	fs := rule.violations(cluster, at("2026-02-07T00:00:00Z"))
	count(fs) == 1
	some f in fs
	f.id == "AKSARC-090"
	f.severity == "warn"
	f.details.catalogReviewed == "2025-10-09"
	f.details.ageDays == 121
	f.details.maxAgeDays == 120
	f.details.asOf == "2026-02-07"
	count(rule.violations(cluster, at("2026-02-07T18:30:00Z"))) == 1
}

test_a_reviewed_timestamp_counts_by_its_day if {
	c := ctx_with("2026-02-06", {"catalog": {"reviewed": "2025-10-09T23:00:00Z"}})
	count(rule.violations(cluster, c)) == 0
	d := ctx_with("2026-02-07", {"catalog": {"reviewed": "2025-10-09T23:00:00Z"}})
	only(rule.violations(cluster, d)).details.ageDays == 121
}

test_silent_for_an_unreadable_reviewed_date if {
	count(rule.violations(cluster, ctx_with("2027-01-01", {"catalog": {"reviewed": "October"}}))) == 0
	count(rule.violations(cluster, ctx_with("2027-01-01", {"catalog": {"reviewed": 20251009}}))) == 0
}

only(fs) := f if {
	count(fs) == 1
	some f in fs
}

test_fires_the_day_after if {
	some f in rule.violations(cluster, ctx("2026-02-07"))
	f.details.ageDays == 121
	f.details.asOf == "2026-02-07"
	contains(f.message, "last reviewed on 2025-10-09, 121 days before the evaluation date 2026-02-07")
}

test_silent_for_a_fresh_catalog if {
	count(rule.violations(cluster, ctx("2025-11-01"))) == 0
}

test_parameter_changes_the_limit if {
	c := ctx_with("2025-11-01", {"parameters": {"catalogMaxAgeDays": 20}})
	some f in rule.violations(cluster, c)
	f.details.maxAgeDays == 20
	f.details.ageDays == 23
}

test_a_reviewed_override_renews_the_catalog if {
	c := ctx_with("2026-06-01", {"catalog": {"reviewed": "2026-05-01"}})
	count(rule.violations(cluster, c)) == 0
	count(rule.violations(cluster, ctx("2026-06-01"))) == 1
}

# The embedded catalog (reviewed 2026-12-05) knows facts through 2026-05: from 2026-06-01 on it
# warns however recently it was reviewed, and says what it does not know.
test_fires_past_the_facts if {
	count(rule.violations(cluster, testing.ctx("2026-05-31"))) == 0
	f := only(rule.violations(cluster, testing.ctx("2026-06-01")))
	f.id == "AKSARC-090"
	f.details.factsThrough == "2026-05"
	f.details.catalogReviewed == "2026-12-05"
	f.details.asOf == "2026-06-01"
	f.message == "the catalog that judged cluster test-cluster knows releases, Kubernetes versions and patches only through 2026-05 (factsThrough; reviewed 2026-12-05), and the evaluation date is 2026-06-01: what was published since is unknown to it, so the rules that need it report \"not evaluated\""
	only(rule.violations(cluster, testing.ctx("2026-12-05"))).details.factsThrough == "2026-05"
}

# Too old and past the facts: one warning (the age), not two.
test_one_warning_when_too_old_and_past_the_facts if {
	f := only(rule.violations(cluster, testing.ctx("2027-04-05")))
	f.details.ageDays == 121
	count(rule.violations(cluster, testing.ctx_with("2026-06-01", {"catalog": {"factsThrough": "2026-06-01"}}))) == 0
}

test_silent_for_objects if {
	count(rule.violations({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}}, testing.ctx("2027-01-01"))) == 0
}
