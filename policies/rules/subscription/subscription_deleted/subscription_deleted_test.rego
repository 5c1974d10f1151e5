package lib.aksarc.rules.subscription.subscription_deleted_test

import data.lib.aksarc.rules.subscription.subscription_deleted as rule
import data.lib.aksarc.testing

only(fs) := f if {
	count(fs) == 1
	some f in fs
}

test_fires_for_a_deleted_subscription if {
	doc := testing.snapshot({"subscription": {"state": "Deleted", "stateChangedAt": "2025-10-20T00:00:00Z"}})
	f := only(rule.violations(doc, testing.ctx("2025-11-01")))
	f.id == "AKSARC-052"
	f.name == "subscription-deleted"
	f.severity == "deny"
	f.section == "Deleted or suspended subscription"
	f.url == "https://learn.microsoft.com/azure/aks/aksarc/support-policies#deleted-or-suspended-subscription"
	f.details == {"state": "Deleted", "stateChangedAt": "2025-10-20T00:00:00Z", "stateDays": 12}
	f.message == "cluster test-cluster: its Azure subscription was deleted on 2025-10-20 (12 days ago): the connection to Azure cannot be recovered and AKS Arc must be redeployed to reconnect"
}

test_fires_on_the_day_of_deletion_and_long_after if {
	ctx := testing.ctx("2025-11-01")
	only(rule.violations(testing.snapshot({"subscription": {"state": "Deleted", "stateChangedAt": "2025-11-01"}}), ctx)).details.stateDays == 0
	only(rule.violations(testing.snapshot({"subscription": {"state": "Deleted", "stateChangedAt": "2024-11-01"}}), ctx)).details.stateDays == 365
}

test_fires_without_a_date if {
	doc := testing.snapshot({"platform": "AzureLocal", "subscription": {"state": "Deleted"}})
	f := only(rule.violations(doc, testing.ctx("2025-11-01")))
	f.details == {"state": "Deleted"}
	f.message == "cluster test-cluster: its Azure subscription is deleted: the connection to Azure cannot be recovered and AKS Arc must be redeployed to reconnect"
}

test_silent_for_other_states if {
	ctx := testing.ctx("2025-11-01")
	every s in ["Enabled", "Warned", "PastDue", "Disabled"] {
		count(rule.violations(testing.snapshot({"subscription": {"state": s, "stateChangedAt": "2024-01-01"}}), ctx)) == 0
	}
}

test_silent_without_subscription_facts if {
	count(rule.violations(testing.snapshot({}), testing.ctx("2025-11-01"))) == 0
	count(rule.violations(testing.snapshot({"subscription": {}}), testing.ctx("2025-11-01"))) == 0
}

test_silent_for_other_documents if {
	doc := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "spec": {"subscription": {"state": "Deleted"}}}
	count(rule.violations(doc, testing.ctx("2025-11-01"))) == 0
}

# A deletion on a later day than the as-of day is not in effect yet: as of that date the
# subscription existed. Silent, like the other rules that count from a state's start.
deleted(changed) := testing.snapshot({"subscription": {"state": "Deleted", "stateChangedAt": changed}})

test_silent_when_deleted_after_the_evaluation_date if {
	count(rule.violations(deleted("2025-10-15T00:00:00Z"), testing.ctx("2025-10-01"))) == 0
	count(rule.violations(deleted("2025-10-15T00:00:00Z"), testing.ctx("2025-10-14"))) == 0
	count(rule.violations(deleted("2025-10-15T09:00:00Z"), testing.ctx("2025-10-14"))) == 0
}

# A deletion later on the as-of day (a date-only as-of is midnight UTC) is in effect: 0 days ago,
# never a negative count.
test_fires_when_deleted_later_the_same_day if {
	f := only(rule.violations(deleted("2025-10-15T09:00:00Z"), testing.ctx("2025-10-15")))
	f.id == "AKSARC-052"
	f.severity == "deny"
	f.details.stateDays == 0
	contains(f.message, "was deleted on 2025-10-15 (0 days ago)")
}

test_fires_on_the_day_of_deletion_and_the_day_after if {
	f := only(rule.violations(deleted("2025-10-15T00:00:00Z"), testing.ctx("2025-10-15")))
	f.details.stateDays == 0
	contains(f.message, "was deleted on 2025-10-15 (0 days ago)")
	g := only(rule.violations(deleted("2025-10-15T00:00:00Z"), testing.ctx("2025-10-16")))
	g.details.stateDays == 1
	contains(g.message, "(1 day ago)")
}

test_without_a_date_fires_on_any_evaluation_date if {
	doc := testing.snapshot({"subscription": {"state": "Deleted"}})
	only(rule.violations(doc, testing.ctx("2020-01-01"))).details == {"state": "Deleted"}
}
