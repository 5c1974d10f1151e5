# METADATA
# title: Stopped cluster nearing the 30-day limit
# description: |
#   The cluster is stopped and within stopWarnDays (default 7) of the 30-day limit after which
#   its control plane is out of support. A stop that begins on the as-of day is in effect (even
#   later that day than the as-of instant, which is midnight UTC for a date): it is judged as
#   begun at that instant (0 days stopped, the whole limit left). One that begins on a later day
#   is not in effect yet: silent.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#stopped-or-disconnected-clusters
#     description: Stopped or disconnected clusters
# custom:
#   id: AKSARC-042
#   name: stopped-nearing-limit
#   severity: warn
#   section: Stopped or disconnected clusters
#   input: snapshot
#   requires: [spec.cluster.power.state, "spec.cluster.power.since when spec.cluster.power.state=Stopped"]
#   parameters: [stopWarnDays]
#   remediation: Start the cluster with the AKS Arc tools before it has been stopped for 30 days; after that its control plane is out of support.
package lib.aksarc.rules.lifecycle.stopped_nearing_limit

import data.lib.aksarc.dates
import data.lib.aksarc.lifecycle
import data.lib.aksarc.result
import data.lib.aksarc.snapshot

violations(doc, ctx) := {f |
	power := lifecycle.stopped_power(doc)
	limit := snapshot.limits(doc, ctx).stoppedOutOfSupportDays
	warn_days := ctx.parameters.stopWarnDays
	dates.started_by(ctx.asOf, power.since)
	at := dates.as_of_for(ctx.asOf, power.since)
	lifecycle.within_warning(at, power.since, limit, warn_days)
	days := dates.elapsed_days(at, power.since)
	left := lifecycle.days_left(at, power.since, limit)
	deadline := lifecycle.deadline(power.since, limit)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("cluster %s has been stopped since %s (%s); its control plane is out of support once stopped for more than %s, from %s (%s left)", [doc.metadata.name, lifecycle.day(power.since), dates.count(days), dates.count(limit), deadline, dates.count(left)]),
		{
			"stoppedSince": power.since,
			"stoppedDays": days,
			"limitDays": limit,
			"warnDays": warn_days,
			"daysLeft": left,
			"outOfSupportFrom": deadline,
		},
	)
}
