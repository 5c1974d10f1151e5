# METADATA
# title: Disconnected from Azure for more than 30 days
# description: |
#   The last connection to Azure is more than 30 days old: day-2 operations such as upgrade and
#   node pool scaling are blocked until the cluster reconnects; workloads keep running. This holds
#   on both platforms: the policy's sentence that Windows Server 2019 and 2022 hosts "do not have
#   the 30-day recurring connection requirement" speaks of the host operating system (an Azure
#   Local host has its own 30-day sync), not of the management cluster.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#stopped-or-disconnected-clusters
#     description: Stopped or disconnected clusters
# custom:
#   id: AKSARC-044
#   name: disconnected-too-long
#   severity: deny
#   section: Stopped or disconnected clusters
#   input: snapshot
#   requires: [spec.connectivity.lastConnectivityTime]
#   remediation: Restore outbound HTTPS from the management cluster and hosts to the required Azure endpoints so that the cluster reconnects and synchronizes; day-2 operations recover once it is connected again.
package lib.aksarc.rules.lifecycle.disconnected_too_long

import data.lib.aksarc.dates
import data.lib.aksarc.lifecycle
import data.lib.aksarc.result
import data.lib.aksarc.snapshot

violations(doc, ctx) := {f |
	snapshot.is_snapshot(doc)
	last := doc.spec.connectivity.lastConnectivityTime
	limit := snapshot.limits(doc, ctx).disconnectedDays
	lifecycle.past_limit(ctx.asOf, last, limit)
	days := dates.elapsed_days(ctx.asOf, last)
	blocked := lifecycle.deadline(last, limit)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("cluster %s last connected to Azure on %s (%s ago, more than the %s allowed): day-2 operations (upgrade, node pool scaling) are blocked since %s until it reconnects; workloads keep running", [doc.metadata.name, lifecycle.day(last), dates.count(days), dates.count(limit), blocked]),
		{
			"lastConnectivityTime": last,
			"disconnectedDays": days,
			"limitDays": limit,
			"blockedSince": blocked,
		},
	)
}
