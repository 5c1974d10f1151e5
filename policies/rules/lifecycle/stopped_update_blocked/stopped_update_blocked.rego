# METADATA
# title: Stopped cluster can no longer be updated
# description: |
#   The cluster has been stopped for more than 90 days (Windows Server) or 30 days (Azure Local):
#   it can no longer be updated.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#stopped-or-disconnected-clusters
#     description: Stopped or disconnected clusters
# custom:
#   id: AKSARC-041
#   name: stopped-update-blocked
#   severity: deny
#   section: Stopped or disconnected clusters
#   input: snapshot
#   requires: [spec.cluster.power.state, "spec.cluster.power.since when spec.cluster.power.state=Stopped"]
#   remediation: Start the cluster with the AKS Arc tools; if it still cannot be updated, redeploy it on a supported release. Do not keep clusters stopped longer than the update limit of the platform.
package lib.aksarc.rules.lifecycle.stopped_update_blocked

import data.lib.aksarc.dates
import data.lib.aksarc.lifecycle
import data.lib.aksarc.result
import data.lib.aksarc.snapshot

violations(doc, ctx) := {f |
	power := lifecycle.stopped_power(doc)
	limit := snapshot.limits(doc, ctx).stoppedUpdateBlockedDays
	lifecycle.past_limit(ctx.asOf, power.since, limit)
	days := dates.elapsed_days(ctx.asOf, power.since)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("cluster %s has been stopped since %s (%s); a cluster stopped for more than %s on %s can no longer be updated", [doc.metadata.name, lifecycle.day(power.since), dates.count(days), dates.count(limit), snapshot.platform(doc, ctx)]),
		{
			"stoppedSince": power.since,
			"stoppedDays": days,
			"limitDays": limit,
			"platform": snapshot.platform(doc, ctx),
			"updateBlockedSince": lifecycle.deadline(power.since, limit),
		},
	)
}
