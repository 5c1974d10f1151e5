package lib.aksarc.rules.subscription.subscription_at_risk_test

import data.lib.aksarc.rules.subscription.subscription_at_risk as rule
import data.lib.aksarc.rules.subscription.subscription_out_of_support as aksarc_050
import data.lib.aksarc.rules.subscription.subscription_suspended as aksarc_051
import data.lib.aksarc.testing

subscription(state, changed) := testing.snapshot({"subscription": {"state": state, "stateChangedAt": changed}})

only(fs) := f if {
	count(fs) == 1
	some f in fs
}

test_warns_on_past_due if {
	f := only(rule.violations(subscription("PastDue", "2025-10-01T00:00:00Z"), testing.ctx("2025-11-01")))
	f.id == "AKSARC-053"
	f.name == "subscription-at-risk"
	f.severity == "warn"
	f.details == {"state": "PastDue", "stateChangedAt": "2025-10-01T00:00:00Z"}
	f.message == "cluster test-cluster: its Azure subscription is PastDue since 2025-10-01: a bill is past due, yet the subscription is active and every operation is available; Azure disables the subscription unless the cause is fixed, and AKS Arc support ends 60 days after it is disabled"
}

test_warns_on_warned_with_what_azure_still_allows if {
	f := only(rule.violations(subscription("Warned", "2025-10-01"), testing.ctx("2025-11-01")))
	contains(f.message, "only reading and deleting resources")
}

# No 60-day clock: a year in PastDue is still a warning, and neither 050 nor 051 fires.
test_no_sixty_day_clock if {
	ctx := testing.ctx("2025-11-01")
	some state in ["Warned", "PastDue"]
	doc := subscription(state, "2024-01-01T00:00:00Z")
	only(rule.violations(doc, ctx)).severity == "warn"
	count(aksarc_050.violations(doc, ctx)) == 0
	count(aksarc_051.violations(doc, ctx)) == 0
}

test_warns_without_a_date if {
	doc := testing.snapshot({"subscription": {"state": "Warned"}})
	f := only(rule.violations(doc, testing.ctx("2025-11-01")))
	f.details == {"state": "Warned"}
	contains(f.message, "its Azure subscription is Warned: ")
}

test_silent_for_other_states if {
	ctx := testing.ctx("2025-11-01")
	some state in ["Enabled", "Disabled", "Expired", "Deleted"]
	count(rule.violations(subscription(state, "2025-10-01"), ctx)) == 0
}

test_silent_when_the_state_begins_after_the_evaluation_date if {
	count(rule.violations(subscription("PastDue", "2025-11-02T00:00:00Z"), testing.ctx("2025-11-01"))) == 0
	count(rule.violations(subscription("PastDue", "2025-11-01T23:00:00Z"), testing.ctx("2025-11-01"))) == 1
}

test_silent_for_other_documents if {
	count(rule.violations({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}}, testing.ctx("2025-11-01"))) == 0
	count(rule.violations(testing.snapshot({}), testing.ctx("2025-11-01"))) == 0
}
