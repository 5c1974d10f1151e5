# METADATA
# description: |
#   The support runway of a ClusterSnapshot: the dated changes ahead of it as of ctx.asOf, each
#   the first day on which a rule starts to fire if the facts stay as they are (the minor
#   version's end of support and removal, the host's end of support, the stop, connection and
#   subscription limits, the catalog's age). Dates come from the same library functions and
#   catalog entries as the rules, so that an event's rule fires on its date and not the day
#   before (runway_test.rego calls the rules to prove it).
package lib.aksarc.runway

import data.lib.aksarc.catalog
import data.lib.aksarc.dates
import data.lib.aksarc.lifecycle
import data.lib.aksarc.nodepools
import data.lib.aksarc.snapshot
import data.lib.aksarc.versions

# events are the changes ahead of a ClusterSnapshot, sorted by date (then rule and kind): each
# {date (YYYY-MM-DD), daysLeft (calendar days from the as-of day), rule (the rule ID that starts
# to fire on that date), kind, what (one sentence: what happens on that day)}. Dates from the
# as-of day on (a limit counted from a time of day may be passed later that day; the evaluator
# drops an event due today whose rule already fires); empty for any other document.
events(doc, ctx) := [ev |
	some x in sort([[e.date, e.rule, e.kind, e] | some e in _all(doc, ctx); e.daysLeft >= 0])
	ev := x[3]
] if {
	snapshot.is_snapshot(doc)
} else := []

_all(doc, ctx) := {e |
	snapshot.is_snapshot(doc)
	some e in union({
		_version(doc, ctx),
		_stopped(doc, ctx),
		_disconnected(doc, ctx),
		_subscription(doc, ctx),
		_host(doc, ctx),
		_node_pool_os(doc, ctx),
		_catalog(doc, ctx),
	})
}

_event(ctx, date, rule, kind, what) := {
	"date": date,
	"daysLeft": dates.days_until(ctx.asOf, date),
	"rule": rule,
	"kind": kind,
	"what": what,
}

# The minor version (catalog.entry of the snapshot's own version): AKSARC-003 warns from
# versionWarnDays before its last supported day, AKSARC-001 denies from the day after it, and
# AKSARC-002 denies from its removal date.
_version(doc, ctx) := {e |
	v := versions.parse(snapshot.cluster(doc).kubernetesVersion)
	entry := catalog.entry(ctx, snapshot.platform(doc, ctx), v.minor_key)
	some e in _version_events(v.minor_key, entry, ctx)
}

_version_events(key, entry, ctx) := ({e |
	eos := catalog.end_of_support(entry)
	warn_days := ctx.parameters.versionWarnDays
	date := dates.add_days(eos, 0 - warn_days)
	e := _event(ctx, date, "AKSARC-003", "versionSupportEnding", sprintf(
		"Kubernetes %s has %s of support left (last supported day %s): AKSARC-003 warns from %s",
		[key, dates.count(warn_days), eos, date],
	))
} | {e |
	eos := catalog.end_of_support(entry)
	date := dates.add_days(eos, 1)
	e := _event(ctx, date, "AKSARC-001", "versionEndOfSupport", sprintf(
		"Kubernetes %s reaches its end of support (last supported day %s): AKSARC-001 denies from %s",
		[key, eos, date],
	))
}) | {e |
	date := catalog.removed_from(entry)
	e := _event(ctx, date, "AKSARC-002", "versionRemoved", sprintf(
		"Kubernetes %s is removed from the Microsoft servers, so Kubernetes and OS updates are blocked: AKSARC-002 denies from %s",
		[key, date],
	))
}

# A stopped cluster, counted from power.since with the platform's limits: AKSARC-042 warns
# stopWarnDays before the out-of-support limit, AKSARC-040 denies at it, AKSARC-041 at the
# update limit; nodes deallocated through Hyper-V in a maintenance window turn AKSARC-043 from
# warn to deny at the deallocation limit.
_stopped(doc, ctx) := {e |
	power := lifecycle.stopped_power(doc)
	limits := snapshot.limits(doc, ctx)
	some e in _stop_events(power, limits, ctx)
}

_stop_events(power, limits, ctx) := (({e |
	limit := limits.stoppedOutOfSupportDays
	warn_days := ctx.parameters.stopWarnDays
	date := lifecycle.deadline(power.since, max({limit - warn_days, 0}))
	e := _event(ctx, date, "AKSARC-042", "stoppedNearingLimit", sprintf(
		"if the cluster stays stopped (since %s), it comes within %s of the %d-day limit after which its control plane is out of support: AKSARC-042 warns from %s",
		[lifecycle.day(power.since), dates.count(warn_days), limit, date],
	))
} | {e |
	limit := limits.stoppedOutOfSupportDays
	date := lifecycle.deadline(power.since, limit)
	e := _event(ctx, date, "AKSARC-040", "stoppedOutOfSupport", sprintf(
		"if the cluster stays stopped (since %s), its control plane is out of support after %s stopped: AKSARC-040 denies from %s",
		[lifecycle.day(power.since), dates.count(limit), date],
	))
}) | {e |
	limit := limits.stoppedUpdateBlockedDays
	date := lifecycle.deadline(power.since, limit)
	e := _event(ctx, date, "AKSARC-041", "stoppedUpdateBlocked", sprintf(
		"if the cluster stays stopped (since %s), it can no longer be updated after %s stopped: AKSARC-041 denies from %s",
		[lifecycle.day(power.since), dates.count(limit), date],
	))
}) | {e |
	power.method == "HyperV"
	power.maintenanceWindow == true
	limit := limits.deallocatedDays
	date := lifecycle.deadline(power.since, limit)
	e := _event(ctx, date, "AKSARC-043", "deallocatedLimit", sprintf(
		"if the nodes stay deallocated through Hyper-V (since %s), the maintenance window no longer covers them after %s: AKSARC-043 denies from %s",
		[lifecycle.day(power.since), dates.count(limit), date],
	))
}

# The connection limit, counted from the last connection:
# AKSARC-045 warns disconnectWarnDays before it (unless Azure Arc already reports the cluster
# Offline or Expired, when it warns already), AKSARC-044 denies at it.
_disconnected(doc, ctx) := {e |
	conn := doc.spec.connectivity
	dates.ns(conn.lastConnectivityTime)
	limit := snapshot.limits(doc, ctx).disconnectedDays
	some e in _connection_events(conn, limit, ctx)
}

_connection_events(conn, limit, ctx) := {e |
	not _offline(conn)
	warn_days := ctx.parameters.disconnectWarnDays
	date := lifecycle.deadline(conn.lastConnectivityTime, max({limit - warn_days, 0}))
	e := _event(ctx, date, "AKSARC-045", "disconnectedNearingLimit", sprintf(
		"unless the cluster connects to Azure again (last connection %s), it comes within %s of the %d-day connection limit: AKSARC-045 warns from %s",
		[lifecycle.day(conn.lastConnectivityTime), dates.count(warn_days), limit, date],
	))
} | {e |
	date := lifecycle.deadline(conn.lastConnectivityTime, limit)
	e := _event(ctx, date, "AKSARC-044", "disconnectedLimit", sprintf(
		"unless the cluster connects to Azure again (last connection %s), day-2 operations (upgrade, node pool scaling) are blocked after %s without a connection: AKSARC-044 denies from %s",
		[lifecycle.day(conn.lastConnectivityTime), dates.count(limit), date],
	))
}

# _offline is true when Azure Arc reports the cluster Offline or Expired: AKSARC-045 warns already.
_offline(conn) if conn.connectivityStatus in {"Offline", "Expired"}

# A suspended or deleted subscription: AKSARC-050 denies once the subscription limit has passed.
_subscription(doc, ctx) := {e |
	sub := doc.spec.subscription
	sub.state in lifecycle.subscription_out_states
	limit := snapshot.limits(doc, ctx).subscriptionDays
	date := lifecycle.deadline(sub.stateChangedAt, limit)
	e := _event(ctx, date, "AKSARC-050", "subscriptionLimit", sprintf(
		"%s (state %s since %s), the cluster is out of support after %s: AKSARC-050 denies from %s",
		[_unless(sub.state), sub.state, lifecycle.day(sub.stateChangedAt), dates.count(limit), date],
	))
}

_unless("Deleted") := "as the subscription is deleted"

_unless(state) := "unless the subscription is reinstated" if state != "Deleted"

# A Windows node pool OS that AKS Arc retires: AKSARC-024 warns versionWarnDays before the first
# day after the retirement month, and denies from that day.
_node_pool_os(doc, ctx) := {e |
	warn_days := ctx.parameters.versionWarnDays
	some r in nodepools.os_retirements(doc, ctx)
	some e in {
		_event(ctx, dates.add_days(r.retiredFrom, 0 - warn_days), "AKSARC-024", "nodePoolOSRetiring", sprintf(
			"node pool %s (%s) has %s left before AKS Arc retires its OS: AKSARC-024 warns from %s",
			[r.name, r.osSKU, dates.count(warn_days), dates.add_days(r.retiredFrom, 0 - warn_days)],
		)),
		_event(ctx, r.retiredFrom, "AKSARC-024", "nodePoolOSRetired", sprintf(
			"node pool %s (%s) runs an OS that AKS Arc retired: upgrades are blocked and no security updates ship; AKSARC-024 denies from %s",
			[r.name, r.osSKU, r.retiredFrom],
		)),
	}
}

# The host's end of support (AKSARC-006 denies from the day after it): the catalog's Windows
# Server host product that the host OS names, or the Azure Local release.
_host(doc, ctx) := {e |
	snapshot.platform(doc, ctx) == "WindowsServer"
	os := doc.spec.host.os
	is_string(os)
	some name, product in ctx.catalog.platforms.WindowsServer.hostProducts
	lifecycle.host_product_matches(os, name)
	date := dates.first_day_after(product.endOfSupport)
	e := _event(ctx, date, "AKSARC-006", "hostEndOfSupport", sprintf(
		"AKS Arc support on %s hosts ends (last supported day %s): AKSARC-006 denies from %s",
		[name, dates.last_day(product.endOfSupport), date],
	))
} | {e |
	snapshot.platform(doc, ctx) == "AzureLocal"
	release := _release_text(doc.spec.host.azureLocalRelease)
	entry := _release_entry(release, ctx.catalog.platforms.AzureLocal.releases)
	date := dates.first_day_after(entry.endOfSupport)
	e := _event(ctx, date, "AKSARC-006", "azureLocalEndOfSupport", sprintf(
		"Azure Local release %s reaches its end of support (last supported day %s): AKSARC-006 denies from %s",
		[release, dates.last_day(entry.endOfSupport), date],
	))
}

# The catalog entry of a release, as AKSARC-006 reads it: the release as given ("2411.1") when
# listed, else its YYMM.
_release_entry(release, releases) := releases[release]

_release_entry(release, releases) := releases[split(release, ".")[0]] if not releases[release]

# The release as AKSARC-006 reads it: "2510", "2510.1", or a number.
_release_text(r) := trim_space(r) if is_string(r)

_release_text(r) := sprintf("%v", [r]) if is_number(r)

# The catalog's age: AKSARC-090 warns once it was reviewed more than catalogMaxAgeDays before.
_catalog(_, ctx) := {e |
	max_days := ctx.parameters.catalogMaxAgeDays
	date := dates.add_days(ctx.catalog.reviewed, max_days + 1)
	e := _event(ctx, date, "AKSARC-090", "catalogStale", sprintf(
		"the catalog (reviewed %s) becomes older than %s, so versions and releases published since are unknown to it: AKSARC-090 warns from %s until aksarc-opa or its catalog is updated",
		[lifecycle.day(ctx.catalog.reviewed), dates.count(max_days), date],
	))
} | {e |
	date := dates.first_day_after(ctx.catalog.factsThrough)
	e := _event(ctx, date, "AKSARC-090", "catalogFactsEnd", sprintf(
		"the catalog's facts end with %s (factsThrough): releases, Kubernetes versions and patches published since are unknown to it, so AKSARC-090 warns from %s and the rules that need newer facts report not evaluated",
		[ctx.catalog.factsThrough, date],
	))
}
