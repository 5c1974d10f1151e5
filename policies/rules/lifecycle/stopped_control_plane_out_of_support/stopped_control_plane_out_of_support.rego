# METADATA
# title: Control plane out of support after 30 days stopped
# description: The cluster has been stopped for more than 30 days.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#stopped-or-disconnected-clusters
#     description: Stopped or disconnected clusters
# custom:
#   id: AKSARC-040
#   name: stopped-control-plane-out-of-support
#   severity: deny
#   section: Stopped or disconnected clusters
#   input: snapshot
#   requires: [spec.cluster.power.state, "spec.cluster.power.since when spec.cluster.power.state=Stopped"]
#   remediation: Start the cluster with the AKS Arc tools and upgrade it to a supported version; a control plane stopped for more than 30 days is out of support.
package lib.aksarc.rules.lifecycle.stopped_control_plane_out_of_support

import data.lib.aksarc.dates
import data.lib.aksarc.lifecycle
import data.lib.aksarc.result
import data.lib.aksarc.snapshot

violations(doc, ctx) := {f |
	power := lifecycle.stopped_power(doc)
	limit := snapshot.limits(doc, ctx).stoppedOutOfSupportDays
	lifecycle.past_limit(ctx.asOf, power.since, limit)
	days := dates.elapsed_days(ctx.asOf, power.since)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("cluster %s has been stopped since %s (%s); its control plane is out of support after %s stopped", [doc.metadata.name, lifecycle.day(power.since), dates.count(days), dates.count(limit)]),
		{"stoppedSince": power.since, "stoppedDays": days, "limitDays": limit, "outOfSupportSince": lifecycle.deadline(power.since, limit)},
	)
}
