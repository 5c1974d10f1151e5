package lib.aksarc.rules.lifecycle.stopped_control_plane_out_of_support_test

import data.lib.aksarc.rules.lifecycle.stopped_control_plane_out_of_support as rule
import data.lib.aksarc.testing

stopped_since(since) := testing.snapshot({"cluster": {"power": {"state": "Stopped", "since": since}}})

test_fires_after_30_days if {
	some f in rule.violations(stopped_since("2025-09-01T00:00:00Z"), testing.ctx("2025-11-01"))
	f.id == "AKSARC-040"
	f.severity == "deny"
	f.details.stoppedDays == 61
	f.details.outOfSupportSince == "2025-10-01"
}

test_silent_at_exactly_30_days if {
	count(rule.violations(stopped_since("2025-10-02T00:00:00Z"), testing.ctx("2025-11-01"))) == 0
}

test_fires_one_second_past_30_days if {
	count(rule.violations(stopped_since("2025-10-01T23:59:59Z"), testing.ctx("2025-11-01"))) == 1
}

test_silent_when_running if {
	doc := testing.snapshot({"cluster": {"power": {"state": "Running", "since": "2025-01-01T00:00:00Z"}}})
	count(rule.violations(doc, testing.ctx("2025-11-01"))) == 0
}

test_silent_without_power_facts if {
	count(rule.violations(testing.snapshot({}), testing.ctx("2025-11-01"))) == 0
}

test_same_limit_on_azure_local if {
	doc := testing.snapshot({"platform": "AzureLocal", "cluster": {"power": {"state": "Stopped", "since": "2025-09-01T00:00:00Z"}}})
	count(rule.violations(doc, testing.ctx("2025-11-01"))) == 1
}

# A stop after the evaluation instant is never more than 30 days old: silent, no negative count.
test_silent_when_stopped_after_the_evaluation_date if {
	count(rule.violations(stopped_since("2025-10-15T00:00:00Z"), testing.ctx("2025-10-01"))) == 0
	count(rule.violations(stopped_since("2025-10-15T00:00:00Z"), testing.ctx("2025-10-14"))) == 0
}
