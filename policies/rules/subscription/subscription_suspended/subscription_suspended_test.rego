package lib.aksarc.rules.subscription.subscription_suspended_test

import data.lib.aksarc.rules.subscription.subscription_out_of_support as aksarc_050
import data.lib.aksarc.rules.subscription.subscription_suspended as rule
import data.lib.aksarc.testing

subscription(state, changed) := testing.snapshot({"subscription": {"state": state, "stateChangedAt": changed}})

only(fs) := f if {
	count(fs) == 1
	some f in fs
}

# On 2025-11-01: a state that changed 2025-09-02T00:00:00Z is exactly 60 days old.

test_warns_with_the_date_support_ends if {
	f := only(rule.violations(subscription("Disabled", "2025-10-01T00:00:00Z"), testing.ctx("2025-11-01")))
	f.id == "AKSARC-051"
	f.name == "subscription-suspended"
	f.severity == "warn"
	f.section == "Deleted or suspended subscription"
	f.details.state == "Disabled"
	f.details.stateChangedAt == "2025-10-01T00:00:00Z"
	f.details.stateDays == 31
	f.details.daysLeft == 29
	f.details.limitDays == 60
	f.details.supportEnds == "2025-11-30"
	f.message == "cluster test-cluster: its Azure subscription has been suspended (state Disabled) since 2025-10-01 (31 days): support ends on 2025-11-30 (29 days left) unless the subscription is reinstated before the 60-day limit"
}

test_warns_for_each_suspended_state if {
	ctx := testing.ctx("2025-11-01")
	states := {s | some s in ["Expired", "Disabled"]; only(rule.violations(subscription(s, "2025-10-01"), ctx)).details.state == s}
	states == {"Expired", "Disabled"}
}

test_silent_for_enabled_and_deleted if {
	ctx := testing.ctx("2025-11-01")
	count(rule.violations(subscription("Warned", "2025-10-01"), ctx)) == 0
	count(rule.violations(subscription("PastDue", "2025-10-01"), ctx)) == 0
	count(rule.violations(subscription("Enabled", "2025-10-01"), ctx)) == 0
	count(rule.violations(subscription("Deleted", "2025-10-01"), ctx)) == 0
}

test_warns_on_the_day_of_suspension if {
	f := only(rule.violations(subscription("Expired", "2025-11-01T00:00:00Z"), testing.ctx("2025-11-01")))
	f.details.stateDays == 0
	f.details.daysLeft == 60
	f.details.supportEnds == "2025-12-31"
}

test_edges_at_60_days if {
	ctx := testing.ctx("2025-11-01")

	# 59 days, 1 day left.
	only(rule.violations(subscription("Disabled", "2025-09-03T00:00:00Z"), ctx)).details.daysLeft == 1

	# one second before 60 days.
	before := only(rule.violations(subscription("Disabled", "2025-09-02T00:00:01Z"), ctx))
	before.details.stateDays == 59
	before.details.daysLeft == 0

	# exactly 60 days: still a warning, AKSARC-050 silent.
	at := subscription("Disabled", "2025-09-02T00:00:00Z")
	f := only(rule.violations(at, ctx))
	f.details.stateDays == 60
	f.details.daysLeft == 0
	f.details.supportEnds == "2025-11-01"
	count(aksarc_050.violations(at, ctx)) == 0

	# one second past: AKSARC-050 denies and this rule is silent.
	past := subscription("Disabled", "2025-09-01T23:59:59Z")
	count(rule.violations(past, ctx)) == 0
	count(aksarc_050.violations(past, ctx)) == 1
}

test_warns_without_a_date if {
	doc := testing.snapshot({"subscription": {"state": "Expired"}})
	f := only(rule.violations(doc, testing.ctx("2025-11-01")))
	f.id == "AKSARC-051"
	f.severity == "warn"
	f.details == {"state": "Expired", "limitDays": 60}
	f.message == "cluster test-cluster: its Azure subscription is suspended (state Expired) since an unknown date (no stateChangedAt): support ends 60 days after the suspension unless the subscription is reinstated; the date support ends is unknown"
}

test_malformed_date_is_unknown if {
	f := only(rule.violations(subscription("Disabled", "a while ago"), testing.ctx("2025-11-01")))
	not f.details.supportEnds
	contains(f.message, "the date support ends is unknown")
}

test_accepts_plain_dates if {
	f := only(rule.violations(subscription("Disabled", "2025-10-01"), testing.ctx("2025-11-01")))
	f.details.supportEnds == "2025-11-30"
	f.details.stateChangedAt == "2025-10-01"
}

test_catalog_limit_override if {
	ctx := testing.ctx_with("2025-11-01", {"catalog": {"platforms": {"AzureLocal": {"limits": {"subscriptionDays": 30}}}}})
	doc := testing.snapshot({"platform": "AzureLocal", "subscription": {"state": "Disabled", "stateChangedAt": "2025-10-10T00:00:00Z"}})
	f := only(rule.violations(doc, ctx))
	f.details.limitDays == 30
	f.details.daysLeft == 8
	f.details.supportEnds == "2025-11-09"
	late := testing.snapshot({"platform": "AzureLocal", "subscription": {"state": "Disabled", "stateChangedAt": "2025-09-20T00:00:00Z"}})
	count(rule.violations(late, ctx)) == 0
}

test_silent_without_state if {
	ctx := testing.ctx("2025-11-01")
	count(rule.violations(testing.snapshot({"subscription": {"stateChangedAt": "2025-10-01"}}), ctx)) == 0
	count(rule.violations(testing.snapshot({}), ctx)) == 0
}

test_silent_for_other_documents if {
	doc := object.union(subscription("Expired", "2025-10-01"), {"kind": "ConfigMap", "apiVersion": "v1"})
	count(rule.violations(doc, testing.ctx("2025-11-01"))) == 0
}

# A suspension that begins on a later day than the as-of day is not in effect yet. The user
# trial: --as-of 2025-10-01 with stateChangedAt 2025-10-15 printed "since 2025-10-15 (-14 days)".
test_silent_when_suspended_after_the_evaluation_date if {
	count(rule.violations(subscription("Expired", "2025-10-15T00:00:00Z"), testing.ctx("2025-10-01"))) == 0
	count(rule.violations(subscription("Disabled", "2025-10-15T00:00:00Z"), testing.ctx("2025-10-14"))) == 0
	count(rule.violations(subscription("Disabled", "2025-10-15T09:00:00Z"), testing.ctx("2025-10-14"))) == 0
}

# A suspension later on the as-of day (a date-only as-of is midnight UTC) is in effect: 0 days,
# the whole 60 days left, never a negative count.
test_fires_when_suspended_later_the_same_day if {
	f := only(rule.violations(subscription("Disabled", "2025-10-15T09:00:00Z"), testing.ctx("2025-10-15")))
	f.id == "AKSARC-051"
	f.severity == "warn"
	f.details.stateDays == 0
	f.details.daysLeft == 60
	f.details.supportEnds == "2025-12-14"
	contains(f.message, "since 2025-10-15 (0 days)")
	contains(f.message, "(60 days left)")
}

test_fires_on_the_day_of_suspension_and_the_day_after if {
	f := only(rule.violations(subscription("Expired", "2025-10-15T00:00:00Z"), testing.ctx("2025-10-15")))
	f.details.stateDays == 0
	f.details.daysLeft == 60
	contains(f.message, "since 2025-10-15 (0 days)")
	g := only(rule.violations(subscription("Expired", "2025-10-15T00:00:00Z"), testing.ctx("2025-10-16")))
	g.details.stateDays == 1
	g.details.daysLeft == 59
}

test_without_a_date_fires_on_any_evaluation_date if {
	doc := testing.snapshot({"subscription": {"state": "Expired"}})
	count(rule.violations(doc, testing.ctx("2025-10-01"))) == 1
}
