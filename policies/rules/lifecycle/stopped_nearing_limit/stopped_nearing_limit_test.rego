package lib.aksarc.rules.lifecycle.stopped_nearing_limit_test

import data.lib.aksarc.rules.lifecycle.stopped_control_plane_out_of_support as aksarc_040
import data.lib.aksarc.rules.lifecycle.stopped_nearing_limit as rule
import data.lib.aksarc.testing

stopped(since) := testing.snapshot({"cluster": {"power": {"state": "Stopped", "since": since}}})

only(fs) := f if {
	count(fs) == 1
	some f in fs
}

# On 2025-11-01 the 30-day limit of a cluster stopped on 2025-10-02T00:00:00Z is reached exactly;
# stopped on 2025-10-09 it has 7 days left, on 2025-10-10 8 days.

test_fires_within_warning_days if {
	fs := rule.violations(stopped("2025-10-05T00:00:00Z"), testing.ctx("2025-11-01"))
	count(fs) == 1
	some f in fs
	f.id == "AKSARC-042"
	f.name == "stopped-nearing-limit"
	f.severity == "warn"
	f.details.stoppedDays == 27
	f.details.daysLeft == 3
	f.details.limitDays == 30
	f.details.warnDays == 7
	f.details.outOfSupportFrom == "2025-11-04"
	f.message == "cluster test-cluster has been stopped since 2025-10-05 (27 days); its control plane is out of support once stopped for more than 30 days, from 2025-11-04 (3 days left)"
}

test_edges_at_start_of_warning if {
	ctx := testing.ctx("2025-11-01")

	# 8 days left: silent; one second less: within 8 days but more than 7: silent.
	count(rule.violations(stopped("2025-10-10T00:00:00Z"), ctx)) == 0
	count(rule.violations(stopped("2025-10-09T00:00:01Z"), ctx)) == 0

	# exactly 7 days left: fires.
	some f in rule.violations(stopped("2025-10-09T00:00:00Z"), ctx)
	f.details.daysLeft == 7
	f.details.stoppedDays == 23
}

test_fires_at_exactly_30_days_when_040_does_not if {
	ctx := testing.ctx("2025-11-01")
	doc := stopped("2025-10-02T00:00:00Z")
	some f in rule.violations(doc, ctx)
	f.details.daysLeft == 0
	f.details.stoppedDays == 30
	f.details.outOfSupportFrom == "2025-11-01"
	count(aksarc_040.violations(doc, ctx)) == 0
}

test_fires_one_second_before_limit if {
	some f in rule.violations(stopped("2025-10-02T00:00:01Z"), testing.ctx("2025-11-01"))
	f.details.daysLeft == 0
	f.details.stoppedDays == 29
}

test_silent_one_second_past_limit_when_040_fires if {
	ctx := testing.ctx("2025-11-01")
	doc := stopped("2025-10-01T23:59:59Z")
	count(rule.violations(doc, ctx)) == 0
	count(aksarc_040.violations(doc, ctx)) == 1
}

test_silent_long_past_limit if {
	count(rule.violations(stopped("2025-09-01T00:00:00Z"), testing.ctx("2025-11-01"))) == 0
}

test_accepts_plain_dates if {
	some f in rule.violations(stopped("2025-10-09"), testing.ctx("2025-11-01"))
	f.details.daysLeft == 7
	f.details.stoppedSince == "2025-10-09"
}

test_parameter_override if {
	ctx := testing.ctx_with("2025-11-01", {"parameters": {"stopWarnDays": 14}})
	some f in rule.violations(stopped("2025-10-10T00:00:00Z"), ctx)
	f.details.warnDays == 14
	f.details.daysLeft == 8
	count(rule.violations(stopped("2025-10-01T00:00:00Z"), ctx)) == 0

	# 14 days left (stopped 2025-10-16) fires, 15 days left (2025-10-17) does not.
	count(rule.violations(stopped("2025-10-16T00:00:00Z"), ctx)) == 1
	count(rule.violations(stopped("2025-10-17T00:00:00Z"), ctx)) == 0
}

test_zero_warning_days_fires_only_at_the_limit if {
	ctx := testing.ctx_with("2025-11-01", {"parameters": {"stopWarnDays": 0}})
	count(rule.violations(stopped("2025-10-02T00:00:00Z"), ctx)) == 1
	count(rule.violations(stopped("2025-10-02T00:00:01Z"), ctx)) == 0
}

test_catalog_limit_override if {
	ctx := testing.ctx_with("2025-11-01", {"catalog": {"platforms": {"AzureLocal": {"limits": {"stoppedOutOfSupportDays": 45}}}}})
	doc := testing.snapshot({"platform": "AzureLocal", "cluster": {"power": {"state": "Stopped", "since": "2025-09-20T00:00:00Z"}}})
	some f in rule.violations(doc, ctx)
	f.details.limitDays == 45
	f.details.daysLeft == 3
	f.details.outOfSupportFrom == "2025-11-04"

	# The override is for AzureLocal only: on WindowsServer the same stop is past 30 days.
	count(rule.violations(stopped("2025-09-20T00:00:00Z"), ctx)) == 0
}

test_same_on_azure_local if {
	doc := testing.snapshot({"platform": "AzureLocal", "cluster": {"power": {"state": "Stopped", "since": "2025-10-05T00:00:00Z"}}})
	some f in rule.violations(doc, testing.ctx("2025-11-01"))
	f.details.daysLeft == 3
}

test_silent_when_running if {
	doc := testing.snapshot({"cluster": {"power": {"state": "Running", "since": "2025-10-05T00:00:00Z"}}})
	count(rule.violations(doc, testing.ctx("2025-11-01"))) == 0
}

test_silent_without_facts if {
	count(rule.violations(testing.snapshot({}), testing.ctx("2025-11-01"))) == 0
	doc := testing.snapshot({"cluster": {"power": {"state": "Stopped"}}})
	count(rule.violations(doc, testing.ctx("2025-11-01"))) == 0
}

test_silent_for_other_documents if {
	doc := object.union(stopped("2025-10-05T00:00:00Z"), {"apiVersion": "example.com/v1"})
	count(rule.violations(doc, testing.ctx("2025-11-01"))) == 0
}

# A stop that begins on a later day than the as-of day is not in effect yet. With stopWarnDays
# of 40 (more than the 30-day limit) the warning window would otherwise reach back before the stop.
wide_warning(day) := testing.ctx_with(day, {"parameters": {"stopWarnDays": 40}})

test_silent_the_day_before_the_stop if {
	count(rule.violations(stopped("2025-10-15T00:00:00Z"), wide_warning("2025-10-14"))) == 0
	count(rule.violations(stopped("2025-10-15T09:00:00Z"), wide_warning("2025-10-14"))) == 0
	count(rule.violations(stopped("2025-10-15T00:00:00Z"), testing.ctx("2025-10-01"))) == 0
}

# A stop later on the as-of day (the as-of is midnight UTC for a date) is in effect, judged as
# begun at the as-of instant: 0 days stopped, the whole 30 days left, never a negative count.
test_fires_when_the_stop_is_later_the_same_day if {
	f := only(rule.violations(stopped("2025-10-15T09:00:00Z"), wide_warning("2025-10-15")))
	f.id == "AKSARC-042"
	f.severity == "warn"
	f.details.stoppedDays == 0
	f.details.daysLeft == 30
	f.details.outOfSupportFrom == "2025-11-14"
	contains(f.message, "since 2025-10-15 (0 days)")
	contains(f.message, "(30 days left)")
}

test_silent_later_the_same_day_outside_the_warning_window if {
	count(rule.violations(stopped("2025-10-15T09:00:00Z"), testing.ctx("2025-10-15"))) == 0
}

test_counts_zero_days_at_the_stop_and_one_day_after if {
	some f in rule.violations(stopped("2025-10-15T00:00:00Z"), wide_warning("2025-10-15"))
	f.details.stoppedDays == 0
	f.details.daysLeft == 30
	contains(f.message, "since 2025-10-15 (0 days)")
	some g in rule.violations(stopped("2025-10-15T00:00:00Z"), wide_warning("2025-10-16"))
	g.details.stoppedDays == 1
	g.details.daysLeft == 29
}
