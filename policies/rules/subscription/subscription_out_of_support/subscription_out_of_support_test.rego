package lib.aksarc.rules.subscription.subscription_out_of_support_test

import data.lib.aksarc.rules.subscription.subscription_out_of_support as rule
import data.lib.aksarc.testing

subscription(state, changed) := testing.snapshot({"subscription": {"state": state, "stateChangedAt": changed}})

only(fs) := f if {
	count(fs) == 1
	some f in fs
}

# On 2025-11-01: a state that changed 2025-09-02T00:00:00Z is exactly 60 days old.

test_fires_after_60_days if {
	f := only(rule.violations(subscription("Disabled", "2025-08-01T00:00:00Z"), testing.ctx("2025-11-01")))
	f.id == "AKSARC-050"
	f.name == "subscription-out-of-support"
	f.severity == "deny"
	f.section == "Deleted or suspended subscription"
	f.url == "https://learn.microsoft.com/azure/aks/aksarc/support-policies#deleted-or-suspended-subscription"
	f.details.state == "Disabled"
	f.details.stateChangedAt == "2025-08-01T00:00:00Z"
	f.details.stateDays == 92
	f.details.limitDays == 60
	f.details.outOfSupportSince == "2025-09-30"
	f.message == "cluster test-cluster: its Azure subscription has been in state Disabled since 2025-08-01 (92 days, more than the 60 days allowed for a suspended or deleted subscription): the cluster is out of support since 2025-09-30"
}

test_fires_for_every_suspended_or_deleted_state if {
	ctx := testing.ctx("2025-11-01")
	states := {s | some s in ["Expired", "Disabled", "Deleted"]; only(rule.violations(subscription(s, "2025-08-01"), ctx)).details.state == s}
	states == {"Expired", "Disabled", "Deleted"}
}

test_silent_for_enabled_subscriptions if {
	count(rule.violations(subscription("Enabled", "2024-01-01T00:00:00Z"), testing.ctx("2025-11-01"))) == 0
}

# Warned and PastDue subscriptions are active, not suspended: no 60-day clock (AKSARC-053).
test_silent_for_warned_and_past_due if {
	count(rule.violations(subscription("Warned", "2024-01-01T00:00:00Z"), testing.ctx("2025-11-01"))) == 0
	count(rule.violations(subscription("PastDue", "2024-01-01T00:00:00Z"), testing.ctx("2025-11-01"))) == 0
}

test_edges_at_60_days if {
	ctx := testing.ctx("2025-11-01")
	count(rule.violations(subscription("Disabled", "2025-09-03T00:00:00Z"), ctx)) == 0
	count(rule.violations(subscription("Disabled", "2025-09-02T00:00:00Z"), ctx)) == 0
	f := only(rule.violations(subscription("Disabled", "2025-09-01T23:59:59Z"), ctx))
	f.details.stateDays == 60
	f.details.outOfSupportSince == "2025-10-31"
}

test_accepts_plain_dates if {
	ctx := testing.ctx("2025-11-01")
	count(rule.violations(subscription("Expired", "2025-09-02"), ctx)) == 0
	only(rule.violations(subscription("Expired", "2025-09-01"), ctx)).details.stateDays == 61
}

test_same_limit_on_azure_local if {
	doc := testing.snapshot({"platform": "AzureLocal", "subscription": {"state": "Deleted", "stateChangedAt": "2025-09-01T00:00:00Z"}})
	only(rule.violations(doc, testing.ctx("2025-11-01"))).details.limitDays == 60
}

test_catalog_limit_override if {
	ctx := testing.ctx_with("2025-11-01", {"catalog": {"platforms": {"WindowsServer": {"limits": {"subscriptionDays": 90}}}}})
	count(rule.violations(subscription("Disabled", "2025-08-03T00:00:00Z"), ctx)) == 0
	f := only(rule.violations(subscription("Disabled", "2025-08-01T00:00:00Z"), ctx))
	f.details.limitDays == 90
	f.details.outOfSupportSince == "2025-10-30"
}

test_silent_without_facts if {
	ctx := testing.ctx("2025-11-01")
	count(rule.violations(testing.snapshot({"subscription": {"state": "Deleted"}}), ctx)) == 0
	count(rule.violations(testing.snapshot({"subscription": {"stateChangedAt": "2024-01-01"}}), ctx)) == 0
	count(rule.violations(subscription("Deleted", "long ago"), ctx)) == 0
	count(rule.violations(testing.snapshot({}), ctx)) == 0
}

test_silent_for_other_documents if {
	doc := object.union(subscription("Deleted", "2024-01-01"), {"kind": "ConfigMap", "apiVersion": "v1"})
	count(rule.violations(doc, testing.ctx("2025-11-01"))) == 0
}

# A suspension or deletion after the evaluation instant is never past the limit: silent.
test_silent_when_the_state_begins_after_the_evaluation_date if {
	count(rule.violations(subscription("Disabled", "2025-10-15T00:00:00Z"), testing.ctx("2025-10-01"))) == 0
	count(rule.violations(subscription("Deleted", "2025-10-15T00:00:00Z"), testing.ctx("2025-10-14"))) == 0
}
