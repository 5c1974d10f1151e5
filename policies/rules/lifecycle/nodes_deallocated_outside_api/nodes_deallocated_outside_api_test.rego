package lib.aksarc.rules.lifecycle.nodes_deallocated_outside_api_test

import data.lib.aksarc.rules.lifecycle.nodes_deallocated_outside_api as rule
import data.lib.aksarc.testing

deallocated(since, window) := testing.snapshot({"cluster": {"power": {
	"state": "Stopped",
	"since": since,
	"method": "HyperV",
	"maintenanceWindow": window,
}}})

only(fs) := f if {
	count(fs) == 1
	some f in fs
}

# On 2025-11-01: stopped 2025-10-02T00:00:00Z is exactly 30 days, 2025-10-01T23:59:59Z one second
# more, 2025-10-03T00:00:00Z 29 days.

test_warns_inside_maintenance_window if {
	f := only(rule.violations(deallocated("2025-10-05T00:00:00Z", true), testing.ctx("2025-11-01")))
	f.id == "AKSARC-043"
	f.name == "nodes-deallocated-outside-api"
	f.severity == "warn"
	f.details.reason == "inMaintenanceWindow"
	f.details.maintenanceWindow == true
	f.details.stoppedDays == 27
	f.details.limitDays == 30
	f.details.limitDate == "2025-11-04"
	f.message == "cluster test-cluster: all nodes have been stopped or deallocated through Hyper-V, not the AKS Arc tools, since 2025-10-05 (27 days) inside a declared maintenance window: supported for now, but out of support once stopped this way for more than 30 days (after 2025-11-04)"
}

test_denies_outside_maintenance_window_before_the_limit if {
	f := only(rule.violations(deallocated("2025-10-30T00:00:00Z", false), testing.ctx("2025-11-01")))
	f.id == "AKSARC-043"
	f.severity == "deny"
	f.details.reason == "outsideMaintenanceWindow"
	f.details.maintenanceWindow == false
	f.details.stoppedDays == 2
	contains(f.message, "outside a declared maintenance window: the cluster is out of support")
}

test_missing_maintenance_window_is_outside if {
	doc := testing.snapshot({"cluster": {"power": {"state": "Stopped", "since": "2025-10-30T00:00:00Z", "method": "HyperV"}}})
	f := only(rule.violations(doc, testing.ctx("2025-11-01")))
	f.severity == "deny"
	f.details.reason == "outsideMaintenanceWindow"
	f.details.maintenanceWindow == false
}

test_non_boolean_maintenance_window_is_outside if {
	f := only(rule.violations(deallocated("2025-10-30T00:00:00Z", "yes"), testing.ctx("2025-11-01")))
	f.severity == "deny"
}

test_denies_past_the_limit_outside_window if {
	f := only(rule.violations(deallocated("2025-09-01T00:00:00Z", false), testing.ctx("2025-11-01")))
	f.severity == "deny"
	f.details.reason == "overLimitOutsideMaintenanceWindow"
	f.details.stoppedDays == 61
	f.details.limitDate == "2025-10-01"
	contains(f.message, "for more than 30 days (the limit was reached on 2025-10-01) and outside a declared maintenance window")
}

test_denies_past_the_limit_inside_window if {
	f := only(rule.violations(deallocated("2025-09-01T00:00:00Z", true), testing.ctx("2025-11-01")))
	f.severity == "deny"
	f.details.reason == "overLimit"
	f.details.maintenanceWindow == true
	contains(f.message, "a declared maintenance window does not extend the limit")
}

test_window_edges_at_30_days if {
	ctx := testing.ctx("2025-11-01")

	# 29 days and exactly 30 days: warn.
	f29 := only(rule.violations(deallocated("2025-10-03T00:00:00Z", true), ctx))
	f29.severity == "warn"
	f30 := only(rule.violations(deallocated("2025-10-02T00:00:00Z", true), ctx))
	f30.severity == "warn"
	f30.details.stoppedDays == 30

	# one second past 30 days: deny.
	f31 := only(rule.violations(deallocated("2025-10-01T23:59:59Z", true), ctx))
	f31.severity == "deny"
	f31.details.reason == "overLimit"
	f31.details.stoppedDays == 30
}

test_outside_window_edges_at_30_days if {
	ctx := testing.ctx("2025-11-01")
	only(rule.violations(deallocated("2025-10-02T00:00:00Z", false), ctx)).details.reason == "outsideMaintenanceWindow"
	only(rule.violations(deallocated("2025-10-01T23:59:59Z", false), ctx)).details.reason == "overLimitOutsideMaintenanceWindow"
}

test_accepts_plain_dates if {
	f := only(rule.violations(deallocated("2025-10-02", true), testing.ctx("2025-11-01")))
	f.severity == "warn"
	f.details.stoppedSince == "2025-10-02"
}

test_catalog_limit_override if {
	ctx := testing.ctx_with("2025-11-01", {"catalog": {"platforms": {"WindowsServer": {"limits": {"deallocatedDays": 14}}}}})
	f := only(rule.violations(deallocated("2025-10-10T00:00:00Z", true), ctx))
	f.severity == "deny"
	f.details.limitDays == 14
	f.details.limitDate == "2025-10-24"
	only(rule.violations(deallocated("2025-10-18T00:00:00Z", true), ctx)).severity == "warn"
}

test_azure_local if {
	doc := testing.snapshot({"platform": "AzureLocal", "cluster": {"power": {"state": "Stopped", "since": "2025-10-05T00:00:00Z", "method": "HyperV", "maintenanceWindow": true}}})
	f := only(rule.violations(doc, testing.ctx("2025-11-01")))
	f.severity == "warn"
	f.details.limitDays == 30
}

test_silent_when_stopped_with_aks_arc_tools if {
	doc := testing.snapshot({"cluster": {"power": {"state": "Stopped", "since": "2025-09-01T00:00:00Z", "method": "AKSArc", "maintenanceWindow": false}}})
	count(rule.violations(doc, testing.ctx("2025-11-01"))) == 0
}

test_silent_without_method if {
	doc := testing.snapshot({"cluster": {"power": {"state": "Stopped", "since": "2025-09-01T00:00:00Z"}}})
	count(rule.violations(doc, testing.ctx("2025-11-01"))) == 0
}

test_silent_when_running if {
	doc := testing.snapshot({"cluster": {"power": {"state": "Running", "since": "2025-09-01T00:00:00Z", "method": "HyperV"}}})
	count(rule.violations(doc, testing.ctx("2025-11-01"))) == 0
}

test_silent_without_since if {
	doc := testing.snapshot({"cluster": {"power": {"state": "Stopped", "method": "HyperV", "maintenanceWindow": false}}})
	count(rule.violations(doc, testing.ctx("2025-11-01"))) == 0
}

test_silent_for_other_documents if {
	doc := object.union(deallocated("2025-09-01T00:00:00Z", false), {"kind": "Cluster"})
	count(rule.violations(doc, testing.ctx("2025-11-01"))) == 0
}

# A stop that begins on a later day than the as-of day is not in effect yet: no finding and no
# negative count of days, inside or outside a maintenance window.
test_silent_the_day_before_the_stop if {
	count(rule.violations(deallocated("2025-10-15T00:00:00Z", false), testing.ctx("2025-10-14"))) == 0
	count(rule.violations(deallocated("2025-10-15T00:00:00Z", true), testing.ctx("2025-10-14"))) == 0
	count(rule.violations(deallocated("2025-10-15T09:00:00Z", false), testing.ctx("2025-10-14"))) == 0
}

# A date-only as-of is midnight UTC but means the whole day: a stop that begins later on the
# as-of day is in effect, counted as 0 days (never negative). The reviewer's case: captured at
# 09:20, stopped through Hyper-V at 06:00 the same day, judged --as-of 2025-11-01.
test_fires_for_a_stop_later_on_the_as_of_day if {
	doc := testing.snapshot({
		"capturedAt": "2025-11-01T09:20:00Z",
		"cluster": {"power": {"state": "Stopped", "since": "2025-11-01T06:00:00Z", "method": "HyperV"}},
	})
	f := only(rule.violations(doc, testing.ctx("2025-11-01")))
	f.id == "AKSARC-043"
	f.severity == "deny"
	f.details.reason == "outsideMaintenanceWindow"
	f.details.stoppedDays == 0
	f.details.limitDate == "2025-12-01"
	contains(f.message, "since 2025-11-01 (0 days)")
	w := only(rule.violations(deallocated("2025-11-01T23:59:59Z", true), testing.ctx("2025-11-01")))
	w.severity == "warn"
	w.details.stoppedDays == 0
	w.details.reason == "inMaintenanceWindow"
}

test_fires_at_the_stop_and_the_day_after if {
	f := only(rule.violations(deallocated("2025-10-15T00:00:00Z", false), testing.ctx("2025-10-15")))
	f.severity == "deny"
	f.details.stoppedDays == 0
	contains(f.message, "since 2025-10-15 (0 days)")
	g := only(rule.violations(deallocated("2025-10-15T00:00:00Z", true), testing.ctx("2025-10-16")))
	g.severity == "warn"
	g.details.stoppedDays == 1
}
