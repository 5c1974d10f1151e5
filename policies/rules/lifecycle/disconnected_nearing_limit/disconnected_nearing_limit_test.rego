package lib.aksarc.rules.lifecycle.disconnected_nearing_limit_test

import data.lib.aksarc.rules.lifecycle.disconnected_nearing_limit as rule
import data.lib.aksarc.rules.lifecycle.disconnected_too_long as aksarc_044
import data.lib.aksarc.testing

# An AzureLocal snapshot with the given connectivity facts.
connectivity(conn) := testing.snapshot({"platform": "AzureLocal", "connectivity": conn})

last_connected(t) := connectivity({"connectivityStatus": "Connected", "lastConnectivityTime": t})

only(fs) := f if {
	count(fs) == 1
	some f in fs
}

# On 2025-11-01: last connected 2025-10-02T00:00:00Z is exactly 30 days ago (0 days left),
# 2025-10-09T00:00:00Z leaves 7 days, 2025-10-10T00:00:00Z 8 days.

test_fires_within_warning_days if {
	f := only(rule.violations(last_connected("2025-10-05T00:00:00Z"), testing.ctx("2025-11-01")))
	f.id == "AKSARC-045"
	f.name == "disconnected-nearing-limit"
	f.severity == "warn"
	f.details.reasons == ["nearingLimit"]
	f.details.connectivityStatus == "Connected"
	f.details.lastConnectivityTime == "2025-10-05T00:00:00Z"
	f.details.disconnectedDays == 27
	f.details.daysLeft == 3
	f.details.limitDays == 30
	f.details.warnDays == 7
	f.details.blockedFrom == "2025-11-04"
	f.message == "cluster test-cluster last connected to Azure on 2025-10-05 (27 days ago); day-2 operations (upgrade, node pool scaling) are blocked once it has not connected for more than 30 days, after 2025-11-04 (3 days left)"
}

test_fires_without_connectivity_status if {
	doc := connectivity({"lastConnectivityTime": "2025-10-05T00:00:00Z"})
	f := only(rule.violations(doc, testing.ctx("2025-11-01")))
	f.details.reasons == ["nearingLimit"]
	f.details.daysLeft == 3
	not f.details.connectivityStatus
}

test_edges_at_start_of_warning if {
	ctx := testing.ctx("2025-11-01")
	count(rule.violations(last_connected("2025-10-10T00:00:00Z"), ctx)) == 0
	count(rule.violations(last_connected("2025-10-09T00:00:01Z"), ctx)) == 0
	only(rule.violations(last_connected("2025-10-09T00:00:00Z"), ctx)).details.daysLeft == 7
}

test_edges_at_the_limit if {
	ctx := testing.ctx("2025-11-01")

	# exactly 30 days: this rule warns, AKSARC-044 does not deny yet.
	at := last_connected("2025-10-02T00:00:00Z")
	f := only(rule.violations(at, ctx))
	f.details.daysLeft == 0
	f.details.disconnectedDays == 30
	count(aksarc_044.violations(at, ctx)) == 0

	# one second before: 29 whole days.
	only(rule.violations(last_connected("2025-10-02T00:00:01Z"), ctx)).details.disconnectedDays == 29

	# one second past: AKSARC-044 denies and this rule is silent.
	past := last_connected("2025-10-01T23:59:59Z")
	count(rule.violations(past, ctx)) == 0
	count(aksarc_044.violations(past, ctx)) == 1
}

test_fires_when_offline_without_last_connection if {
	f := only(rule.violations(connectivity({"connectivityStatus": "Offline"}), testing.ctx("2025-11-01")))
	f.id == "AKSARC-045"
	f.severity == "warn"
	f.details.reasons == ["connectivityStatus"]
	f.details.connectivityStatus == "Offline"
	f.details.limitDays == 30
	not f.details.lastConnectivityTime
	not f.details.daysLeft
	f.message == "cluster test-cluster is Offline in Azure Arc; the time of its last connection to Azure is unknown; day-2 operations (upgrade, node pool scaling) are blocked once it has not connected for more than 30 days"
}

test_fires_when_expired_with_recent_last_connection if {
	f := only(rule.violations(connectivity({"connectivityStatus": "Expired", "lastConnectivityTime": "2025-10-25T00:00:00Z"}), testing.ctx("2025-11-01")))
	f.details.reasons == ["connectivityStatus"]
	f.details.connectivityStatus == "Expired"
	f.details.daysLeft == 23
	f.details.blockedFrom == "2025-11-24"
	f.message == "cluster test-cluster is Expired in Azure Arc and last connected to Azure on 2025-10-25 (7 days ago); day-2 operations (upgrade, node pool scaling) are blocked once it has not connected for more than 30 days, after 2025-11-24 (23 days left)"
}

test_one_finding_when_both_conditions_hold if {
	f := only(rule.violations(connectivity({"connectivityStatus": "Offline", "lastConnectivityTime": "2025-10-05T00:00:00Z"}), testing.ctx("2025-11-01")))
	f.details.reasons == ["nearingLimit", "connectivityStatus"]
	f.details.daysLeft == 3
	f.message == "cluster test-cluster is Offline in Azure Arc and last connected to Azure on 2025-10-05 (27 days ago); day-2 operations (upgrade, node pool scaling) are blocked once it has not connected for more than 30 days, after 2025-11-04 (3 days left)"
}

test_offline_past_the_limit_is_left_to_044 if {
	ctx := testing.ctx("2025-11-01")
	doc := connectivity({"connectivityStatus": "Offline", "lastConnectivityTime": "2025-09-01T00:00:00Z"})
	count(rule.violations(doc, ctx)) == 0
	count(aksarc_044.violations(doc, ctx)) == 1
}

test_silent_when_connected_recently if {
	count(rule.violations(last_connected("2025-10-31T23:10:00Z"), testing.ctx("2025-11-01"))) == 0
	count(rule.violations(connectivity({"connectivityStatus": "Connecting", "lastConnectivityTime": "2025-10-31T23:10:00Z"}), testing.ctx("2025-11-01"))) == 0
}

test_silent_without_facts if {
	count(rule.violations(connectivity({"connectivityStatus": "Connected"}), testing.ctx("2025-11-01"))) == 0
	count(rule.violations(connectivity({}), testing.ctx("2025-11-01"))) == 0
	count(rule.violations(testing.snapshot({}), testing.ctx("2025-11-01"))) == 0
}

test_malformed_last_connection_is_unknown if {
	count(rule.violations(last_connected("recently"), testing.ctx("2025-11-01"))) == 0
	f := only(rule.violations(connectivity({"connectivityStatus": "Offline", "lastConnectivityTime": "recently"}), testing.ctx("2025-11-01")))
	contains(f.message, "unknown")
}

test_accepts_plain_dates_and_fractional_seconds if {
	only(rule.violations(last_connected("2025-10-09"), testing.ctx("2025-11-01"))).details.daysLeft == 7
	only(rule.violations(last_connected("2025-10-02T00:00:00.050000+00:00"), testing.ctx("2025-11-01"))).details.daysLeft == 0
}

test_parameter_override if {
	ctx := testing.ctx_with("2025-11-01", {"parameters": {"disconnectWarnDays": 14}})
	only(rule.violations(last_connected("2025-10-16T00:00:00Z"), ctx)).details.warnDays == 14
	count(rule.violations(last_connected("2025-10-17T00:00:00Z"), ctx)) == 0
}

test_catalog_limit_override if {
	ctx := testing.ctx_with("2025-11-01", {"catalog": {"platforms": {"AzureLocal": {"limits": {"disconnectedDays": 45}}}}})
	f := only(rule.violations(last_connected("2025-09-20T00:00:00Z"), ctx))
	f.details.limitDays == 45
	f.details.daysLeft == 3
	f.details.blockedFrom == "2025-11-04"
}

# Every host: the 30-day limit is the management cluster's, whatever the host OS (AKSARC-044).
test_every_windows_server_host if {
	ctx := testing.ctx("2025-11-01")
	conn := {"connectivityStatus": "Offline", "lastConnectivityTime": "2025-10-05T00:00:00Z"}
	some os in ["Windows Server 2019 Datacenter", "Windows Server 2022 Datacenter", "Windows Server 2025 Datacenter"]
	ws := testing.snapshot({"platform": "WindowsServer", "host": {"os": os}, "connectivity": conn})
	only(rule.violations(ws, ctx)).details.reasons == ["nearingLimit", "connectivityStatus"]
	unknown := testing.snapshot({"platform": "WindowsServer", "connectivity": conn})
	count(rule.violations(unknown, ctx)) == 1
}

test_silent_for_other_documents if {
	doc := object.union(connectivity({"connectivityStatus": "Offline"}), {"kind": "ConfigMap", "apiVersion": "v1"})
	count(rule.violations(doc, testing.ctx("2025-11-01"))) == 0
}

# A last connection on a later day than the as-of day: as of that date the cluster had not lost
# its connection yet, so neither the status nor the (negative) time since counts.
offline_since(t) := connectivity({"connectivityStatus": "Offline", "lastConnectivityTime": t})

test_silent_when_last_connected_after_the_evaluation_date if {
	count(rule.violations(offline_since("2025-10-21T00:00:00Z"), testing.ctx("2025-10-01"))) == 0
	count(rule.violations(offline_since("2025-10-15T00:00:00Z"), testing.ctx("2025-10-14"))) == 0
	count(rule.violations(offline_since("2025-10-15T09:00:00Z"), testing.ctx("2025-10-14"))) == 0
	wide := testing.ctx_with("2025-10-14", {"parameters": {"disconnectWarnDays": 40}})
	count(rule.violations(last_connected("2025-10-15T00:00:00Z"), wide)) == 0
}

# A last connection later on the as-of day (a date-only as-of is midnight UTC) is in effect,
# counted as made at the as-of instant: 0 days ago, the whole 30 days left.
test_fires_when_last_connected_later_the_same_day if {
	f := only(rule.violations(offline_since("2025-10-15T09:00:00Z"), testing.ctx("2025-10-15")))
	f.id == "AKSARC-045"
	f.severity == "warn"
	f.details.reasons == ["connectivityStatus"]
	f.details.disconnectedDays == 0
	f.details.daysLeft == 30
	f.details.blockedFrom == "2025-11-14"
	contains(f.message, "last connected to Azure on 2025-10-15 (0 days ago)")
	contains(f.message, "(30 days left)")
	wide := testing.ctx_with("2025-10-15", {"parameters": {"disconnectWarnDays": 40}})
	g := only(rule.violations(last_connected("2025-10-15T23:59:59Z"), wide))
	g.details.reasons == ["nearingLimit"]
	g.details.disconnectedDays == 0
	count(rule.violations(last_connected("2025-10-15T09:00:00Z"), testing.ctx("2025-10-15"))) == 0
}

test_fires_at_the_last_connection_and_the_day_after if {
	f := only(rule.violations(offline_since("2025-10-15T00:00:00Z"), testing.ctx("2025-10-15")))
	f.details.reasons == ["connectivityStatus"]
	f.details.disconnectedDays == 0
	contains(f.message, "last connected to Azure on 2025-10-15 (0 days ago)")
	g := only(rule.violations(offline_since("2025-10-15T00:00:00Z"), testing.ctx("2025-10-16")))
	g.details.disconnectedDays == 1
	contains(g.message, "(1 day ago)")
}

test_offline_without_last_connection_still_fires_on_any_date if {
	f := only(rule.violations(connectivity({"connectivityStatus": "Expired"}), testing.ctx("2025-10-01")))
	f.details.reasons == ["connectivityStatus"]
}
