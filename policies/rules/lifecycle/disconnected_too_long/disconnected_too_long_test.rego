package lib.aksarc.rules.lifecycle.disconnected_too_long_test

import data.lib.aksarc.rules.lifecycle.disconnected_too_long as rule
import data.lib.aksarc.testing

# A snapshot of the given platform and host OS (null: no host facts) last connected at last.
disconnected(platform, os, last) := testing.snapshot(object.union(
	{"platform": platform, "connectivity": {"connectivityStatus": "Offline", "lastConnectivityTime": last}},
	_host(os),
))

_host(null) := {}

_host(os) := {"host": {"os": os}} if os != null

# On 2025-11-01: last connected 2025-10-02T00:00:00Z is exactly 30 days ago.

test_fires_after_30_days if {
	fs := rule.violations(disconnected("AzureLocal", null, "2025-09-20T00:00:00Z"), testing.ctx("2025-11-01"))
	count(fs) == 1
	some f in fs
	f.id == "AKSARC-044"
	f.name == "disconnected-too-long"
	f.severity == "deny"
	f.details.lastConnectivityTime == "2025-09-20T00:00:00Z"
	f.details.disconnectedDays == 42
	f.details.limitDays == 30
	f.details.blockedSince == "2025-10-20"
	f.message == "cluster test-cluster last connected to Azure on 2025-09-20 (42 days ago, more than the 30 days allowed): day-2 operations (upgrade, node pool scaling) are blocked since 2025-10-20 until it reconnects; workloads keep running"
}

test_edges_at_30_days if {
	ctx := testing.ctx("2025-11-01")
	count(rule.violations(disconnected("AzureLocal", null, "2025-10-03T00:00:00Z"), ctx)) == 0
	count(rule.violations(disconnected("AzureLocal", null, "2025-10-02T00:00:00Z"), ctx)) == 0
	some f in rule.violations(disconnected("AzureLocal", null, "2025-10-01T23:59:59Z"), ctx)
	f.details.disconnectedDays == 30
}

test_accepts_az_connectedk8s_timestamps if {
	ctx := testing.ctx("2025-11-01")
	count(rule.violations(disconnected("AzureLocal", null, "2025-10-01T23:59:59.050000+00:00"), ctx)) == 1
	count(rule.violations(disconnected("AzureLocal", null, "2025-10-02T00:00:00.000000+00:00"), ctx)) == 0
}

test_accepts_plain_dates if {
	some f in rule.violations(disconnected("AzureLocal", null, "2025-09-30"), testing.ctx("2025-11-01"))
	f.details.disconnectedDays == 32
	count(rule.violations(disconnected("AzureLocal", null, "2025-10-02"), testing.ctx("2025-11-01"))) == 0
}

# The policy's "the underlying host platform does not have the 30-day recurring connection
# requirement" is about the host OS: the management cluster's limit holds on every host.
test_fires_on_windows_server_2019_and_2022_hosts if {
	ctx := testing.ctx("2025-11-01")
	count(rule.violations(disconnected("WindowsServer", "Windows Server 2019 Datacenter", "2025-09-20T00:00:00Z"), ctx)) == 1
	count(rule.violations(disconnected("WindowsServer", "Windows Server 2022 Datacenter", "2025-09-20T00:00:00Z"), ctx)) == 1
	count(rule.violations(disconnected("WindowsServer", "Windows Server 2022 Datacenter: Azure Edition", "2025-10-02T00:00:00Z"), ctx)) == 0
	doc := testing.snapshot({"host": {"os": "Windows Server 2022 Datacenter"}, "connectivity": {"lastConnectivityTime": "2025-01-01T00:00:00Z"}})
	count(rule.violations(doc, ctx)) == 1
}

test_fires_on_windows_server_2025_host if {
	some f in rule.violations(disconnected("WindowsServer", "Windows Server 2025 Datacenter", "2025-09-20T00:00:00Z"), testing.ctx("2025-11-01"))
	f.id == "AKSARC-044"
	f.details.disconnectedDays == 42
}

test_fires_on_windows_server_with_unknown_host if {
	ctx := testing.ctx("2025-11-01")
	count(rule.violations(disconnected("WindowsServer", null, "2025-09-20T00:00:00Z"), ctx)) == 1
	count(rule.violations(disconnected("WindowsServer", "Windows Server 2016 Datacenter", "2025-09-20T00:00:00Z"), ctx)) == 1
	count(rule.violations(disconnected("WindowsServer", "Windows Server 20190", "2025-09-20T00:00:00Z"), ctx)) == 1
}

test_windows_server_host_names_do_not_exempt_azure_local if {
	count(rule.violations(disconnected("AzureLocal", "Windows Server 2022 Datacenter", "2025-09-20T00:00:00Z"), testing.ctx("2025-11-01"))) == 1
}

test_catalog_limit_override if {
	ctx := testing.ctx_with("2025-11-01", {"catalog": {"platforms": {"AzureLocal": {"limits": {"disconnectedDays": 45}}}}})
	count(rule.violations(disconnected("AzureLocal", null, "2025-09-20T00:00:00Z"), ctx)) == 0
	some f in rule.violations(disconnected("AzureLocal", null, "2025-09-10T00:00:00Z"), ctx)
	f.details.limitDays == 45
	f.details.blockedSince == "2025-10-25"
}

test_silent_without_last_connection if {
	doc := testing.snapshot({"platform": "AzureLocal", "connectivity": {"connectivityStatus": "Expired"}})
	count(rule.violations(doc, testing.ctx("2025-11-01"))) == 0
	count(rule.violations(testing.snapshot({}), testing.ctx("2025-11-01"))) == 0
}

test_silent_with_malformed_last_connection if {
	count(rule.violations(disconnected("AzureLocal", null, "a while ago"), testing.ctx("2025-11-01"))) == 0
}

test_silent_for_other_documents if {
	doc := object.union(disconnected("AzureLocal", null, "2025-01-01T00:00:00Z"), {"kind": "ConfigMap", "apiVersion": "v1"})
	count(rule.violations(doc, testing.ctx("2025-11-01"))) == 0
}

# A last connection after the evaluation instant is never more than 30 days old: silent.
test_silent_when_last_connected_after_the_evaluation_date if {
	count(rule.violations(disconnected("AzureLocal", null, "2025-10-21T00:00:00Z"), testing.ctx("2025-10-01"))) == 0
	count(rule.violations(disconnected("AzureLocal", null, "2025-10-15T00:00:00Z"), testing.ctx("2025-10-14"))) == 0
}
