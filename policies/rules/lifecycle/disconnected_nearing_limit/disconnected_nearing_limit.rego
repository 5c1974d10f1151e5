# METADATA
# title: Disconnected from Azure, nearing the 30-day limit
# description: |
#   The last connection to Azure is within disconnectWarnDays (default 7) of the 30-day limit
#   after which day-2 operations are blocked, or Azure Arc reports the cluster Offline or Expired.
#   Both platforms: the management cluster's 30-day limit holds whatever the host OS (AKSARC-044).
#   A last connection on the as-of day counts (even later that day than the as-of instant, which
#   is midnight UTC for a date): it is judged as made at that instant (0 days ago). Silent when
#   the last connection is on a later day (the disconnection had not begun as of that date).
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#stopped-or-disconnected-clusters
#     description: Stopped or disconnected clusters
# custom:
#   id: AKSARC-045
#   name: disconnected-nearing-limit
#   severity: warn
#   section: Stopped or disconnected clusters
#   input: snapshot
#   requires: ["spec.connectivity.lastConnectivityTime | spec.connectivity.connectivityStatus"]
#   parameters: [disconnectWarnDays]
#   remediation: Restore outbound HTTPS from the management cluster and hosts to the required Azure endpoints before 30 days pass without a connection; otherwise upgrades and node pool scaling are blocked until it reconnects.
package lib.aksarc.rules.lifecycle.disconnected_nearing_limit

import data.lib.aksarc.dates
import data.lib.aksarc.lifecycle
import data.lib.aksarc.result
import data.lib.aksarc.snapshot

# One finding per snapshot, whichever of the two conditions hold (details.reasons lists them).
# Once the last connection is more than the limit ago AKSARC-044 denies, and this rule is silent.
violations(doc, ctx) := {f |
	snapshot.is_snapshot(doc)
	conn := doc.spec.connectivity
	limit := snapshot.limits(doc, ctx).disconnectedDays
	warn_days := ctx.parameters.disconnectWarnDays
	not _connected_after_as_of(conn, ctx)
	at := _as_of(conn, ctx)
	not _past_limit(conn, at, limit)
	reasons := [r | some r in ["nearingLimit", "connectivityStatus"]; _holds(r, conn, at, limit, warn_days)]
	count(reasons) > 0
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("cluster %s %s; %s", [
			doc.metadata.name,
			_lead(conn, at, "connectivityStatus" in reasons),
			_tail(conn, at, limit),
		]),
		object.union_n([
			{"limitDays": limit, "warnDays": warn_days, "reasons": reasons},
			_status_details(conn),
			_last_details(conn, at, limit),
		]),
	)
}

_past_limit(conn, as_of, limit) if lifecycle.past_limit(as_of, conn.lastConnectivityTime, limit)

_holds("nearingLimit", conn, as_of, limit, warn_days) if {
	lifecycle.within_warning(as_of, conn.lastConnectivityTime, limit, warn_days)
}

_holds("connectivityStatus", conn, _, _, _) if conn.connectivityStatus in {"Offline", "Expired"}

_known_last(conn) if dates.ns(conn.lastConnectivityTime)

# _connected_after_as_of is true when the last connection is on a later day than the as-of day:
# as of that date the cluster had not yet lost its connection (an Offline or Expired status
# observed later is not in effect yet). A last connection later on the as-of day itself is in
# effect (a date-only as-of is midnight UTC but means the whole day).
_connected_after_as_of(conn, ctx) if dates.days_since(ctx.asOf, conn.lastConnectivityTime) < 0

# _as_of is the instant the times are counted to: the as-of instant, or the last connection when
# it is later that day (0 days ago, never a negative count); the as-of instant without a
# readable last connection.
_as_of(conn, ctx) := dates.as_of_for(ctx.asOf, conn.lastConnectivityTime) if _known_last(conn)

_as_of(conn, ctx) := ctx.asOf if not _known_last(conn)

# _lead says what was found: the status (when it is the reason or one of them) and the last
# connection (when known).
_lead(conn, as_of, true) := sprintf("is %s in Azure Arc and last connected to Azure on %s (%s ago)", [
	conn.connectivityStatus,
	lifecycle.day(conn.lastConnectivityTime),
	dates.count(dates.elapsed_days(as_of, conn.lastConnectivityTime)),
]) if _known_last(conn)

_lead(conn, _, true) := sprintf("is %s in Azure Arc; the time of its last connection to Azure is unknown", [conn.connectivityStatus]) if {
	not _known_last(conn)
}

_lead(conn, as_of, false) := sprintf("last connected to Azure on %s (%s ago)", [
	lifecycle.day(conn.lastConnectivityTime),
	dates.count(dates.elapsed_days(as_of, conn.lastConnectivityTime)),
])

# _tail says what happens at the limit, and when, if the last connection is known.
_tail(conn, as_of, limit) := sprintf("day-2 operations (upgrade, node pool scaling) are blocked once it has not connected for more than %s, after %s (%s left)", [
	dates.count(limit),
	lifecycle.deadline(conn.lastConnectivityTime, limit),
	dates.count(lifecycle.days_left(as_of, conn.lastConnectivityTime, limit)),
]) if _known_last(conn)

_tail(conn, _, limit) := sprintf("day-2 operations (upgrade, node pool scaling) are blocked once it has not connected for more than %s", [dates.count(limit)]) if {
	not _known_last(conn)
}

_status_details(conn) := {"connectivityStatus": conn.connectivityStatus} if is_string(conn.connectivityStatus)

_status_details(conn) := {} if not is_string(object.get(conn, "connectivityStatus", null))

_last_details(conn, as_of, limit) := {
	"lastConnectivityTime": conn.lastConnectivityTime,
	"disconnectedDays": dates.elapsed_days(as_of, conn.lastConnectivityTime),
	"daysLeft": lifecycle.days_left(as_of, conn.lastConnectivityTime, limit),
	"blockedFrom": lifecycle.deadline(conn.lastConnectivityTime, limit),
} if _known_last(conn)

_last_details(conn, _, _) := {} if not _known_last(conn)
