package lib.aksarc.runway_test

import data.lib.aksarc.dates
import data.lib.aksarc.runway
import data.lib.aksarc.testing

import data.lib.aksarc.rules.catalog.catalog_stale as aksarc_090
import data.lib.aksarc.rules.lifecycle.disconnected_nearing_limit as aksarc_045
import data.lib.aksarc.rules.lifecycle.disconnected_too_long as aksarc_044
import data.lib.aksarc.rules.lifecycle.nodes_deallocated_outside_api as aksarc_043
import data.lib.aksarc.rules.lifecycle.stopped_control_plane_out_of_support as aksarc_040
import data.lib.aksarc.rules.lifecycle.stopped_nearing_limit as aksarc_042
import data.lib.aksarc.rules.lifecycle.stopped_update_blocked as aksarc_041
import data.lib.aksarc.rules.nodes.windows_node_pool_os_retired as aksarc_024
import data.lib.aksarc.rules.subscription.subscription_out_of_support as aksarc_050
import data.lib.aksarc.rules.versions.host_unsupported as aksarc_006
import data.lib.aksarc.rules.versions.version_outside_support as aksarc_001
import data.lib.aksarc.rules.versions.version_removed as aksarc_002
import data.lib.aksarc.rules.versions.version_support_ending as aksarc_003

# event is the one event of a kind in the snapshot's runway as of ctx.
event(doc, ctx, kind) := e if {
	es := [x | some x in runway.events(doc, ctx); x.kind == kind]
	count(es) == 1
	e := es[0]
}

has_kind(doc, ctx, kind) if {
	some x in runway.events(doc, ctx)
	x.kind == kind
}

ids(fs) := {f.id | some f in fs}

# The last second of a day, and of the day before it: rules that count to the second from a
# timestamp fire at some instant of their event's day; "not the day before" means not even at its
# last second.
end_of(day) := sprintf("%sT23:59:59Z", [day])

end_of_day_before(day) := end_of(dates.add_days(day, -1))

on(day) := testing.ctx(day)

# A healthy cluster on a Windows Server 2025 host (not exempt from the connection requirement).
healthy := testing.snapshot({
	"platform": "WindowsServer",
	"host": {"os": "Windows Server 2025 Datacenter"},
	"connectivity": {"connectivityStatus": "Connected", "lastConnectivityTime": "2025-10-31T10:00:00Z"},
	"subscription": {"state": "Enabled"},
})

# A cluster on Azure Local running 1.31.10: 1.31 shipped with 2508 on 2025-08-29 and has no
# published end of support, so its last supported day is 2026-08-28. AKS on Windows Server
# publishes no calendar: its snapshots have no version events.
al := testing.snapshot({"platform": "AzureLocal"})

al_running(version) := testing.snapshot({"platform": "AzureLocal", "cluster": {"kubernetesVersion": version}})

stopped(since) := testing.snapshot({"cluster": {"power": {"state": "Stopped", "since": since}}})

stopped_on(platform, since) := testing.snapshot({"platform": platform, "cluster": {"power": {"state": "Stopped", "since": since}}})

last_connected(t) := testing.snapshot({"connectivity": {"lastConnectivityTime": t}})

subscription(state, since) := testing.snapshot({"subscription": {"state": state, "stateChangedAt": since}})

# The whole runway of a healthy cluster, in date order.
test_runway_of_a_healthy_cluster if {
	es := runway.events(healthy, on("2025-11-01"))
	[[e.date, e.daysLeft, e.rule, e.kind] | some e in es] == [
		["2025-11-23", 22, "AKSARC-045", "disconnectedNearingLimit"],
		["2025-11-30", 29, "AKSARC-044", "disconnectedLimit"],
		["2026-06-01", 212, "AKSARC-090", "catalogFactsEnd"],
		["2027-04-05", 520, "AKSARC-090", "catalogStale"],
		["2028-04-01", 882, "AKSARC-006", "hostEndOfSupport"],
	]
}

test_events_are_sorted_by_date_then_rule if {
	# Azure Local: AKSARC-040 and AKSARC-041 fall on the same day (30 days each).
	es := runway.events(stopped_on("AzureLocal", "2025-10-25T10:00:00Z"), on("2025-11-01"))
	dates_in_order := [e.date | some e in es]
	dates_in_order == sort(dates_in_order)
	[e.rule | some e in es; e.date == "2025-11-24"] == ["AKSARC-040", "AKSARC-041"]
}

# Dates from the as-of day on: an event due on the as-of day is kept, because a limit counted
# from a time of day is passed later that day (the evaluator drops it once its rule fires).
test_events_from_the_as_of_day_on if {
	doc := al
	event(doc, on("2026-08-28"), "versionEndOfSupport").daysLeft == 1
	event(doc, on("2026-08-29"), "versionEndOfSupport").daysLeft == 0
	not has_kind(doc, on("2026-08-30"), "versionEndOfSupport")
	every e in runway.events(doc, on("2025-11-01")) {
		e.daysLeft >= 0
		e.daysLeft == dates.days_until(dates.ns("2025-11-01"), e.date)
	}
}

# The reviewer's case: the last connection at 14:59:59 puts the 30-day limit at 14:59:59 on
# 2025-11-05; judged at midnight that day AKSARC-044 does not fire yet, and the runway says so.
test_a_limit_passed_later_on_the_as_of_day_is_still_ahead if {
	doc := testing.snapshot({"platform": "AzureLocal", "connectivity": {"connectivityStatus": "Connected", "lastConnectivityTime": "2025-10-06T14:59:59Z"}})
	some e in runway.events(doc, on("2025-11-05"))
	e.rule == "AKSARC-044"
	e.daysLeft == 0
}

test_other_documents_have_no_runway if {
	runway.events({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}, on("2025-11-01")) == []
	runway.events({"apiVersion": "example.com/v1", "kind": "ClusterSnapshot", "metadata": {"name": "a"}}, on("2025-11-01")) == []
	runway.events("not an object", on("2025-11-01")) == []
}

# Malformed facts leave their events out; they never make the runway fail.
test_malformed_facts if {
	doc := testing.snapshot({
		"host": {"os": 2022},
		"cluster": {"kubernetesVersion": 131, "power": {"state": "Stopped", "since": "last week"}},
		"connectivity": {"lastConnectivityTime": 5},
		"subscription": {"state": "Disabled", "stateChangedAt": "soon"},
	})
	[e.kind | some e in runway.events(doc, on("2025-11-01"))] == ["catalogFactsEnd", "catalogStale"]
	[e.kind | some e in runway.events(testing.snapshot({"platform": "AzureLocal", "connectivity": "yes", "subscription": []}), on("2025-11-01"))] == [
		"catalogFactsEnd", "versionSupportEnding", "versionEndOfSupport", "catalogStale",
	]
}

# Kubernetes minor version: AKSARC-003, AKSARC-001, AKSARC-002.

test_version_support_ending if {
	doc := al
	e := event(doc, on("2025-11-01"), "versionSupportEnding")
	e == {
		"date": "2026-06-29",
		"daysLeft": 240,
		"rule": "AKSARC-003",
		"kind": "versionSupportEnding",
		"what": "Kubernetes 1.31 has 60 days of support left (last supported day 2026-08-28): AKSARC-003 warns from 2026-06-29",
	}
	ids(aksarc_003.violations(doc, on(e.date))) == {"AKSARC-003"}
	count(aksarc_003.violations(doc, testing.ctx(end_of_day_before(e.date)))) == 0
}

test_version_support_ending_follows_version_warn_days if {
	doc := al
	ctx := testing.ctx_with("2025-11-01", {"parameters": {"versionWarnDays": 30}})
	e := event(doc, ctx, "versionSupportEnding")
	e.date == "2026-07-29"
	ids(aksarc_003.violations(doc, testing.ctx_with(e.date, {"parameters": {"versionWarnDays": 30}}))) == {"AKSARC-003"}
	count(aksarc_003.violations(doc, testing.ctx_with(end_of_day_before(e.date), {"parameters": {"versionWarnDays": 30}}))) == 0
}

test_version_end_of_support if {
	doc := al
	e := event(doc, on("2025-11-01"), "versionEndOfSupport")
	e == {
		"date": "2026-08-29",
		"daysLeft": 301,
		"rule": "AKSARC-001",
		"kind": "versionEndOfSupport",
		"what": "Kubernetes 1.31 reaches its end of support (last supported day 2026-08-28): AKSARC-001 denies from 2026-08-29",
	}
	ids(aksarc_001.violations(doc, on(e.date))) == {"AKSARC-001"}
	count(aksarc_001.violations(doc, testing.ctx(end_of_day_before(e.date)))) == 0
}

# An explicit endOfSupport in the catalog (1.29: 2025-10-31).
test_version_end_of_support_explicit_date if {
	doc := al_running("1.29.13")
	e := event(doc, on("2025-09-01"), "versionEndOfSupport")
	e.date == "2025-11-01"
	ids(aksarc_001.violations(doc, on(e.date))) == {"AKSARC-001"}
	count(aksarc_001.violations(doc, testing.ctx(end_of_day_before(e.date)))) == 0
}

test_version_removed if {
	doc := al_running("1.29.13")
	e := event(doc, on("2025-09-01"), "versionRemoved")
	e == {
		"date": "2025-10-22",
		"daysLeft": 51,
		"rule": "AKSARC-002",
		"kind": "versionRemoved",
		"what": "Kubernetes 1.29 is removed from the Microsoft servers, so Kubernetes and OS updates are blocked: AKSARC-002 denies from 2025-10-22",
	}
	ids(aksarc_002.violations(doc, on(e.date))) == {"AKSARC-002"}
	count(aksarc_002.violations(doc, testing.ctx(end_of_day_before(e.date)))) == 0
}

# A catalog override (a removal announced) moves the event; without a removal date there is none.
test_version_removed_from_catalog_override if {
	doc := al
	settings := {"catalog": {"versions": {"1.31": {"removed": "2026-05-01"}}}}
	e := event(doc, testing.ctx_with("2025-11-01", settings), "versionRemoved")
	e.date == "2026-05-01"
	ids(aksarc_002.violations(doc, testing.ctx_with(e.date, settings))) == {"AKSARC-002"}
	count(aksarc_002.violations(doc, testing.ctx_with(end_of_day_before(e.date), settings))) == 0
	not has_kind(doc, on("2025-11-01"), "versionRemoved")

	# A removal known only to the month: from the first day after it.
	month := {"catalog": {"versions": {"1.31": {"removed": "2026-04"}}}}
	m := event(doc, testing.ctx_with("2025-11-01", month), "versionRemoved")
	m.date == "2026-05-01"
	ids(aksarc_002.violations(doc, testing.ctx_with(m.date, month))) == {"AKSARC-002"}
	count(aksarc_002.violations(doc, testing.ctx_with(end_of_day_before(m.date), month))) == 0
}

test_version_events_need_a_known_version if {
	kinds := {e.kind | some e in runway.events(al_running("1.40.0"), on("2025-11-01"))}
	kinds == {"catalogFactsEnd", "catalogStale"}

	# Windows Server: no published calendar, so no version events.
	not has_kind(testing.snapshot({}), on("2025-11-01"), "versionEndOfSupport")
}

# A platform's own catalog entry wins over the shared one.
test_version_events_read_the_platform_entry if {
	settings := {"catalog": {"platforms": {"AzureLocal": {"versions": {"1.31": {"endOfSupport": "2026-05-31"}}}}}}
	doc := testing.snapshot({"platform": "AzureLocal"})
	e := event(doc, testing.ctx_with("2025-11-01", settings), "versionEndOfSupport")
	e.date == "2026-06-01"
	ids(aksarc_001.violations(doc, testing.ctx_with(e.date, settings))) == {"AKSARC-001"}
	count(aksarc_001.violations(doc, testing.ctx_with(end_of_day_before(e.date), settings))) == 0
	event(testing.snapshot({"platform": "AzureLocal", "cluster": {"kubernetesVersion": "1.32.6"}}), testing.ctx_with("2025-11-01", settings), "versionEndOfSupport").date == "2026-10-22"
}

# Stopped cluster: AKSARC-042, AKSARC-040, AKSARC-041, AKSARC-043.

test_stopped_nearing_limit if {
	doc := stopped("2025-10-25T10:00:00Z")
	e := event(doc, on("2025-11-01"), "stoppedNearingLimit")
	e == {
		"date": "2025-11-17",
		"daysLeft": 16,
		"rule": "AKSARC-042",
		"kind": "stoppedNearingLimit",
		"what": "if the cluster stays stopped (since 2025-10-25), it comes within 7 days of the 30-day limit after which its control plane is out of support: AKSARC-042 warns from 2025-11-17",
	}
	ids(aksarc_042.violations(doc, testing.ctx(end_of(e.date)))) == {"AKSARC-042"}
	count(aksarc_042.violations(doc, testing.ctx(end_of_day_before(e.date)))) == 0
}

# Stopped at midnight: the warning begins at the first instant of the event's day.
test_stopped_nearing_limit_from_midnight if {
	doc := stopped("2025-10-25T00:00:00Z")
	e := event(doc, on("2025-11-01"), "stoppedNearingLimit")
	e.date == "2025-11-17"
	ids(aksarc_042.violations(doc, on(e.date))) == {"AKSARC-042"}
	count(aksarc_042.violations(doc, testing.ctx(end_of_day_before(e.date)))) == 0
}

# A warning window as long as the limit begins with the stop itself (here on a later day).
test_stopped_nearing_limit_window_longer_than_limit if {
	settings := {"parameters": {"stopWarnDays": 40}}
	doc := stopped("2025-11-05T10:00:00Z")
	e := event(doc, testing.ctx_with("2025-11-01", settings), "stoppedNearingLimit")
	e.date == "2025-11-05"
	ids(aksarc_042.violations(doc, testing.ctx_with(end_of(e.date), settings))) == {"AKSARC-042"}
	count(aksarc_042.violations(doc, testing.ctx_with(end_of_day_before(e.date), settings))) == 0
}

test_stopped_out_of_support if {
	doc := stopped("2025-10-25T10:00:00Z")
	e := event(doc, on("2025-11-01"), "stoppedOutOfSupport")
	e == {
		"date": "2025-11-24",
		"daysLeft": 23,
		"rule": "AKSARC-040",
		"kind": "stoppedOutOfSupport",
		"what": "if the cluster stays stopped (since 2025-10-25), its control plane is out of support after 30 days stopped: AKSARC-040 denies from 2025-11-24",
	}
	ids(aksarc_040.violations(doc, testing.ctx(end_of(e.date)))) == {"AKSARC-040"}
	count(aksarc_040.violations(doc, testing.ctx(end_of_day_before(e.date)))) == 0
}

# Exactly 30 days is not past the limit: stopped at midnight, AKSARC-040 fires just after the
# first instant of the event's day.
test_stopped_out_of_support_from_midnight if {
	doc := stopped("2025-10-25T00:00:00Z")
	e := event(doc, on("2025-11-01"), "stoppedOutOfSupport")
	e.date == "2025-11-24"
	count(aksarc_040.violations(doc, on(e.date))) == 0
	ids(aksarc_040.violations(doc, testing.ctx("2025-11-24T00:00:01Z"))) == {"AKSARC-040"}
}

test_stopped_update_blocked_windows_server if {
	doc := stopped_on("WindowsServer", "2025-10-25T10:00:00Z")
	e := event(doc, on("2025-11-01"), "stoppedUpdateBlocked")
	e == {
		"date": "2026-01-23",
		"daysLeft": 83,
		"rule": "AKSARC-041",
		"kind": "stoppedUpdateBlocked",
		"what": "if the cluster stays stopped (since 2025-10-25), it can no longer be updated after 90 days stopped: AKSARC-041 denies from 2026-01-23",
	}
	ids(aksarc_041.violations(doc, testing.ctx(end_of(e.date)))) == {"AKSARC-041"}
	count(aksarc_041.violations(doc, testing.ctx(end_of_day_before(e.date)))) == 0
}

test_stopped_update_blocked_azure_local if {
	doc := stopped_on("AzureLocal", "2025-10-25T10:00:00Z")
	e := event(doc, on("2025-11-01"), "stoppedUpdateBlocked")
	e.date == "2025-11-24"
	e.what == "if the cluster stays stopped (since 2025-10-25), it can no longer be updated after 30 days stopped: AKSARC-041 denies from 2025-11-24"
	ids(aksarc_041.violations(doc, testing.ctx(end_of(e.date)))) == {"AKSARC-041"}
	count(aksarc_041.violations(doc, testing.ctx(end_of_day_before(e.date)))) == 0
}

# The default platform of the settings applies to a snapshot that states none.
test_stopped_update_blocked_default_platform if {
	doc := stopped("2025-10-25T10:00:00Z")
	event(doc, testing.ctx_with("2025-11-01", {"platform": "AzureLocal"}), "stoppedUpdateBlocked").date == "2025-11-24"
}

test_running_cluster_has_no_stop_events if {
	doc := testing.snapshot({"cluster": {"power": {"state": "Running", "since": "2025-10-25T10:00:00Z"}}})
	kinds := {e.kind | some e in runway.events(doc, on("2025-11-01"))}
	kinds & {"stoppedNearingLimit", "stoppedOutOfSupport", "stoppedUpdateBlocked", "deallocatedLimit"} == set()
}

hyperv(window) := testing.snapshot({"cluster": {"power": {
	"state": "Stopped",
	"since": "2025-10-25T10:00:00Z",
	"method": "HyperV",
	"maintenanceWindow": window,
}}})

# In a maintenance window AKSARC-043 warns; past the deallocation limit it denies.
test_deallocated_limit if {
	doc := hyperv(true)
	e := event(doc, on("2025-11-01"), "deallocatedLimit")
	e == {
		"date": "2025-11-24",
		"daysLeft": 23,
		"rule": "AKSARC-043",
		"kind": "deallocatedLimit",
		"what": "if the nodes stay deallocated through Hyper-V (since 2025-10-25), the maintenance window no longer covers them after 30 days: AKSARC-043 denies from 2025-11-24",
	}
	{[f.id, f.severity] | some f in aksarc_043.violations(doc, testing.ctx(end_of(e.date)))} == {["AKSARC-043", "deny"]}
	{[f.id, f.severity] | some f in aksarc_043.violations(doc, testing.ctx(end_of_day_before(e.date)))} == {["AKSARC-043", "warn"]}
}

# Outside a maintenance window AKSARC-043 denies already: nothing changes ahead.
test_deallocated_outside_window_has_no_event if {
	not has_kind(hyperv(false), on("2025-11-01"), "deallocatedLimit")
	not has_kind(stopped("2025-10-25T10:00:00Z"), on("2025-11-01"), "deallocatedLimit")
}

# Connection: AKSARC-045, AKSARC-044.

test_disconnected_nearing_limit if {
	doc := last_connected("2025-10-20T10:00:00Z")
	e := event(doc, on("2025-11-01"), "disconnectedNearingLimit")
	e == {
		"date": "2025-11-12",
		"daysLeft": 11,
		"rule": "AKSARC-045",
		"kind": "disconnectedNearingLimit",
		"what": "unless the cluster connects to Azure again (last connection 2025-10-20), it comes within 7 days of the 30-day connection limit: AKSARC-045 warns from 2025-11-12",
	}
	ids(aksarc_045.violations(doc, testing.ctx(end_of(e.date)))) == {"AKSARC-045"}
	count(aksarc_045.violations(doc, testing.ctx(end_of_day_before(e.date)))) == 0
}

test_disconnected_nearing_limit_window_longer_than_limit if {
	settings := {"parameters": {"disconnectWarnDays": 31}}
	doc := last_connected("2025-11-03T10:00:00Z")
	e := event(doc, testing.ctx_with("2025-11-01", settings), "disconnectedNearingLimit")
	e.date == "2025-11-03"
	ids(aksarc_045.violations(doc, testing.ctx_with(end_of(e.date), settings))) == {"AKSARC-045"}
	count(aksarc_045.violations(doc, testing.ctx_with(end_of_day_before(e.date), settings))) == 0
}

# Offline or Expired in Azure Arc: AKSARC-045 warns already, so only the limit is ahead.
test_offline_cluster_has_only_the_limit_ahead if {
	doc := testing.snapshot({"connectivity": {"connectivityStatus": "Offline", "lastConnectivityTime": "2025-10-20T10:00:00Z"}})
	count(aksarc_045.violations(doc, on("2025-11-01"))) == 1
	not has_kind(doc, on("2025-11-01"), "disconnectedNearingLimit")
	event(doc, on("2025-11-01"), "disconnectedLimit").date == "2025-11-19"
}

test_disconnected_limit if {
	doc := last_connected("2025-10-20T10:00:00Z")
	e := event(doc, on("2025-11-01"), "disconnectedLimit")
	e == {
		"date": "2025-11-19",
		"daysLeft": 18,
		"rule": "AKSARC-044",
		"kind": "disconnectedLimit",
		"what": "unless the cluster connects to Azure again (last connection 2025-10-20), day-2 operations (upgrade, node pool scaling) are blocked after 30 days without a connection: AKSARC-044 denies from 2025-11-19",
	}
	ids(aksarc_044.violations(doc, testing.ctx(end_of(e.date)))) == {"AKSARC-044"}
	count(aksarc_044.violations(doc, testing.ctx(end_of_day_before(e.date)))) == 0
}

# A Windows Server 2022 host has the management cluster's 30-day limit too (AKSARC-044).
test_windows_server_2022_host_has_connection_events if {
	doc := testing.snapshot({
		"host": {"os": "Windows Server 2022 Datacenter"},
		"connectivity": {"lastConnectivityTime": "2025-10-20T10:00:00Z"},
	})
	kinds := {e.kind | some e in runway.events(doc, on("2025-11-01"))}
	kinds & {"disconnectedNearingLimit", "disconnectedLimit"} == {"disconnectedNearingLimit", "disconnectedLimit"}
	count(aksarc_044.violations(doc, on("2025-12-01"))) == 1
}

# Subscription: AKSARC-050.

test_subscription_limit_suspended if {
	doc := subscription("Disabled", "2025-10-01T12:00:00Z")
	e := event(doc, on("2025-11-01"), "subscriptionLimit")
	e == {
		"date": "2025-11-30",
		"daysLeft": 29,
		"rule": "AKSARC-050",
		"kind": "subscriptionLimit",
		"what": "unless the subscription is reinstated (state Disabled since 2025-10-01), the cluster is out of support after 60 days: AKSARC-050 denies from 2025-11-30",
	}
	ids(aksarc_050.violations(doc, testing.ctx(end_of(e.date)))) == {"AKSARC-050"}
	count(aksarc_050.violations(doc, testing.ctx(end_of_day_before(e.date)))) == 0
}

test_subscription_limit_deleted if {
	doc := subscription("Deleted", "2025-10-01T12:00:00Z")
	e := event(doc, on("2025-11-01"), "subscriptionLimit")
	e.what == "as the subscription is deleted (state Deleted since 2025-10-01), the cluster is out of support after 60 days: AKSARC-050 denies from 2025-11-30"
	ids(aksarc_050.violations(doc, testing.ctx(end_of(e.date)))) == {"AKSARC-050"}
	count(aksarc_050.violations(doc, testing.ctx(end_of_day_before(e.date)))) == 0
}

test_enabled_subscription_has_no_limit if {
	not has_kind(subscription("Enabled", "2025-10-01T12:00:00Z"), on("2025-11-01"), "subscriptionLimit")
	not has_kind(testing.snapshot({"subscription": {"state": "Warned"}}), on("2025-11-01"), "subscriptionLimit")
}

# Host: AKSARC-006 on Windows Server and on Azure Local.

test_host_end_of_support_windows_server if {
	doc := testing.snapshot({"platform": "WindowsServer", "host": {"os": "Microsoft Windows Server 2022 Datacenter"}})
	e := event(doc, on("2025-11-01"), "hostEndOfSupport")
	e == {
		"date": "2028-04-01",
		"daysLeft": 882,
		"rule": "AKSARC-006",
		"kind": "hostEndOfSupport",
		"what": "AKS Arc support on Windows Server 2022 hosts ends (last supported day 2028-03-31): AKSARC-006 denies from 2028-04-01",
	}
	ids(aksarc_006.violations(doc, on(e.date))) == {"AKSARC-006"}
	count(aksarc_006.violations(doc, testing.ctx(end_of_day_before(e.date)))) == 0
}

test_host_end_of_support_needs_a_known_product if {
	not has_kind(testing.snapshot({"host": {"os": "Windows Server 2016 Datacenter"}}), on("2025-11-01"), "hostEndOfSupport")
	not has_kind(testing.snapshot({"host": {"os": "Ubuntu 24.04"}}), on("2025-11-01"), "hostEndOfSupport")

	# A Windows Server OS on an Azure Local snapshot is not its host product.
	not has_kind(testing.snapshot({"platform": "AzureLocal", "host": {"os": "Windows Server 2022 Datacenter"}}), on("2025-11-01"), "hostEndOfSupport")
}

test_azure_local_end_of_support if {
	# 2510: supported "until April 2026" (a month): denied from 2026-05-01.
	doc := testing.snapshot({"platform": "AzureLocal", "host": {"azureLocalRelease": "2510"}})
	e := event(doc, on("2025-11-01"), "azureLocalEndOfSupport")
	e == {
		"date": "2026-05-01",
		"daysLeft": 181,
		"rule": "AKSARC-006",
		"kind": "azureLocalEndOfSupport",
		"what": "Azure Local release 2510 reaches its end of support (last supported day 2026-04-30): AKSARC-006 denies from 2026-05-01",
	}
	ids(aksarc_006.violations(doc, on(e.date))) == {"AKSARC-006"}
	count(aksarc_006.violations(doc, testing.ctx(end_of_day_before(e.date)))) == 0
}

test_azure_local_release_forms if {
	event(testing.snapshot({"platform": "AzureLocal", "host": {"azureLocalRelease": " 2509.3 "}}), on("2025-11-01"), "azureLocalEndOfSupport").date == "2026-03-23"
	event(testing.snapshot({"platform": "AzureLocal", "host": {"azureLocalRelease": 2509}}), on("2025-11-01"), "azureLocalEndOfSupport").what == "Azure Local release 2509 reaches its end of support (last supported day 2026-03-22): AKSARC-006 denies from 2026-03-23"
	event(testing.snapshot({"platform": "AzureLocal", "host": {"azureLocalRelease": "2411.2"}}), on("2025-01-01"), "azureLocalEndOfSupport").date == "2025-08-11"
	not has_kind(testing.snapshot({"platform": "AzureLocal", "host": {"azureLocalRelease": "2611"}}), on("2025-11-01"), "azureLocalEndOfSupport")
	not has_kind(testing.snapshot({"platform": "AzureLocal", "host": {"azureLocalRelease": true}}), on("2025-11-01"), "azureLocalEndOfSupport")
	not has_kind(testing.snapshot({"platform": "WindowsServer", "host": {"azureLocalRelease": "2510"}}), on("2025-11-01"), "azureLocalEndOfSupport")
}

# Catalog: AKSARC-090.

test_catalog_stale if {
	old := {"catalog": {"reviewed": "2025-10-09", "factsThrough": "2030-12"}}
	doc := testing.snapshot({})
	e := event(doc, testing.ctx_with("2025-11-01", old), "catalogStale")
	e == {
		"date": "2026-02-07",
		"daysLeft": 98,
		"rule": "AKSARC-090",
		"kind": "catalogStale",
		"what": "the catalog (reviewed 2025-10-09) becomes older than 120 days, so versions and releases published since are unknown to it: AKSARC-090 warns from 2026-02-07 until aksarc-opa or its catalog is updated",
	}
	ids(aksarc_090.violations(doc, testing.ctx_with(e.date, old))) == {"AKSARC-090"}
	count(aksarc_090.violations(doc, testing.ctx_with(end_of_day_before(e.date), old))) == 0
}

# The end of the catalog's facts (factsThrough 2026-05): AKSARC-090 warns from 2026-06-01.
test_catalog_facts_end if {
	doc := testing.snapshot({})
	e := event(doc, on("2025-11-01"), "catalogFactsEnd")
	e.date == "2026-06-01"
	e.daysLeft == 212
	e.rule == "AKSARC-090"
	ids(aksarc_090.violations(doc, on(e.date))) == {"AKSARC-090"}
	count(aksarc_090.violations(doc, testing.ctx(end_of_day_before(e.date)))) == 0
}

test_catalog_stale_follows_settings if {
	settings := {"parameters": {"catalogMaxAgeDays": 30}, "catalog": {"reviewed": "2025-10-20T15:00:00Z", "factsThrough": "2030-12"}}
	doc := testing.snapshot({})
	e := event(doc, testing.ctx_with("2025-11-01", settings), "catalogStale")
	e.date == "2025-11-20"
	startswith(e.what, "the catalog (reviewed 2025-10-20) becomes older than 30 days")
	ids(aksarc_090.violations(doc, testing.ctx_with(e.date, settings))) == {"AKSARC-090"}
	count(aksarc_090.violations(doc, testing.ctx_with(end_of_day_before(e.date), settings))) == 0
}

# Windows node pool OS retirement: AKSARC-024 warns versionWarnDays before the first day after the
# retirement month, and denies from that day; not the day before either.
test_node_pool_os_retirement if {
	doc := testing.snapshot({"platform": "AzureLocal", "cluster": {"agentPoolProfiles": [{"name": "win", "osType": "Windows", "osSKU": "Windows2019"}]}})
	warn := event(doc, on("2025-11-01"), "nodePoolOSRetiring")
	warn.date == "2026-01-31"
	warn.rule == "AKSARC-024"
	{f.severity | some f in aksarc_024.violations(doc, on(warn.date))} == {"warn"}
	count(aksarc_024.violations(doc, on(dates.add_days(warn.date, -1)))) == 0
	deny := event(doc, on("2025-11-01"), "nodePoolOSRetired")
	deny == {
		"date": "2026-04-01",
		"daysLeft": 151,
		"rule": "AKSARC-024",
		"kind": "nodePoolOSRetired",
		"what": "node pool win (Windows2019) runs an OS that AKS Arc retired: upgrades are blocked and no security updates ship; AKSARC-024 denies from 2026-04-01",
	}
	{f.severity | some f in aksarc_024.violations(doc, on(deny.date))} == {"deny"}
	{f.severity | some f in aksarc_024.violations(doc, on(dates.add_days(deny.date, -1)))} == {"warn"}
}
