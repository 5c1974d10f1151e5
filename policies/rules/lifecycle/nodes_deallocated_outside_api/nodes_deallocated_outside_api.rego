# METADATA
# title: Nodes stopped or deallocated outside the AKS Arc tools
# description: |
#   All cluster nodes were stopped or deallocated through Hyper-V (its APIs, CLI or MMC) instead of
#   the AKS Arc tools, for more than 30 days or outside a declared maintenance window. While a
#   declared maintenance window is in progress and 30 days have not passed, the finding is a
#   warning. A stop that begins on the as-of day is in effect (even later that day than the
#   as-of instant, which is midnight UTC for a date; it counts 0 days); one that begins on a later
#   day is not in effect yet: silent.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#stopped-or-disconnected-clusters
#     description: Stopped or disconnected clusters
# custom:
#   id: AKSARC-043
#   name: nodes-deallocated-outside-api
#   severity: deny
#   warnWhen: inside a declared maintenance window, before the 30 days have passed
#   section: Stopped or disconnected clusters
#   input: snapshot
#   requires: [spec.cluster.power.state, "spec.cluster.power.method when spec.cluster.power.state=Stopped", "spec.cluster.power.since when spec.cluster.power.state=Stopped"]
#   remediation: Start the node VMs again and stop or start clusters only with the AKS Arc tools; deallocate nodes through Hyper-V only inside a declared maintenance window and for no more than 30 days.
package lib.aksarc.rules.lifecycle.nodes_deallocated_outside_api

import data.lib.aksarc.dates
import data.lib.aksarc.lifecycle
import data.lib.aksarc.result
import data.lib.aksarc.snapshot

violations(doc, ctx) := {f |
	power := lifecycle.stopped_power(doc)
	power.method == "HyperV"
	dates.started_by(ctx.asOf, power.since)
	at := dates.as_of_for(ctx.asOf, power.since)
	limit := snapshot.limits(doc, ctx).deallocatedDays
	in_window := object.get(power, "maintenanceWindow", false) == true
	over := _past_limit(at, power.since, limit)
	reason := _reason(over, in_window)
	days := dates.elapsed_days(at, power.since)
	limit_date := lifecycle.deadline(power.since, limit)
	message := sprintf(
		"cluster %s: all nodes have been stopped or deallocated through Hyper-V, not the AKS Arc tools, since %s (%d days) %s",
		[doc.metadata.name, lifecycle.day(power.since), days, _explanation(reason, limit, limit_date)],
	)
	details := {
		"stoppedSince": power.since,
		"stoppedDays": days,
		"limitDays": limit,
		"limitDate": limit_date,
		"maintenanceWindow": in_window,
		"reason": reason,
	}
	f := result.with_severity(result.finding(rego.metadata.chain(), doc, message, details), _severity(reason))
}

# A stop is in effect when it began on the as-of day or earlier (dates.started_by); one that
# begins later that day is counted from its own start (dates.as_of_for): 0 days, never negative.

# _past_limit is lifecycle.past_limit as true or false.
default _past_limit(_, _, _) := false

_past_limit(as_of, since, limit) if lifecycle.past_limit(as_of, since, limit)

# _reason names the case; over is true when more than the limit has passed, in_window when a
# declared maintenance window is in progress.
_reason(true, false) := "overLimitOutsideMaintenanceWindow"

_reason(true, true) := "overLimit"

_reason(false, false) := "outsideMaintenanceWindow"

_reason(false, true) := "inMaintenanceWindow"

default _severity(_) := "deny"

_severity("inMaintenanceWindow") := "warn"

_explanation("overLimitOutsideMaintenanceWindow", limit, limit_date) := sprintf("for more than %s (the limit was reached on %s) and outside a declared maintenance window: the cluster is out of support", [dates.count(limit), limit_date])

_explanation("overLimit", limit, limit_date) := sprintf("for more than %s (the limit was reached on %s); a declared maintenance window does not extend the limit: the cluster is out of support", [dates.count(limit), limit_date])

_explanation("outsideMaintenanceWindow", _, _) := "outside a declared maintenance window: the cluster is out of support"

_explanation("inMaintenanceWindow", limit, limit_date) := sprintf("inside a declared maintenance window: supported for now, but out of support once stopped this way for more than %s (after %s)", [dates.count(limit), limit_date])
