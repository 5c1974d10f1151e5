# METADATA
# title: Windows node pool OS retired
# description: |
#   A Windows node pool (spec.cluster.agentPoolProfiles[], osSKU Windows2019 or Windows2022) runs
#   an OS that AKS Arc retires (catalog nodePoolOS): after the retirement month its Kubernetes
#   upgrades are blocked, no new pool of it can be created and it gets no security updates (deny,
#   from the first day after the month); within versionWarnDays before that day, a warning. Both
#   platforms. A Windows pool that does not name its osSKU is not judged (not evaluated).
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/aks-windows-server-retirement
#     description: Windows Server retirement in AKS Arc (checked 2026-12-05)
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/windows-server-migration-guide
#     description: Migrate Windows node pools to a newer OS
# custom:
#   id: AKSARC-024
#   name: windows-node-pool-os-retired
#   severity: deny
#   warnWhen: the retirement date is still ahead, within versionWarnDays
#   section: Windows Server retirement in AKS Arc
#   input: snapshot
#   requires: [spec.cluster.agentPoolProfiles]
#   parameters: [versionWarnDays]
#   remediation: Create a node pool with a supported Windows OS SKU (on Azure Local az aksarc nodepool add --os-sku Windows2022, on Windows Server New-AksHciNodePool -osSKU Windows2022), move the Windows workloads to it, then delete the retired pool (az aksarc nodepool delete, Remove-AksHciNodePool). Where no newer Windows OS is offered, plan to move the workloads off Windows nodes before the date.
package lib.aksarc.rules.nodes.windows_node_pool_os_retired

import data.lib.aksarc.dates
import data.lib.aksarc.nodepools
import data.lib.aksarc.result
import data.lib.aksarc.snapshot

violations(doc, ctx) := {f |
	snapshot.is_snapshot(doc)
	warn_days := ctx.parameters.versionWarnDays
	some r in nodepools.os_retirements(doc, ctx)
	left := dates.days_until(ctx.asOf, r.retiredFrom)
	left <= warn_days
	f := result.with_severity(
		result.finding(
			rego.metadata.chain(),
			doc,
			_message(doc, ctx, r, left),
			{
				"nodePool": r.name,
				"osSKU": r.osSKU,
				"retired": r.entry.retired,
				"retiredFrom": r.retiredFrom,
				"daysLeft": max({left, 0}),
				"platform": snapshot.platform(doc, ctx),
			},
		),
		_severity(left),
	)
}

# not_evaluated names the Windows pools without an osSKU: which Windows Server they run is unknown.
not_evaluated(doc, _) := {x |
	snapshot.is_snapshot(doc)
	some i, pool in nodepools.pools(doc)
	pool.osType == "Windows"
	not is_string(object.get(pool, "osSKU", null))
	x := result.not_evaluated(
		rego.metadata.chain(),
		sprintf("spec.cluster.agentPoolProfiles[%s].osSKU (a Windows pool that does not say Windows2019 or Windows2022)", [nodepools.name(pool, i)]),
	)
}

_severity(left) := "deny" if left <= 0

_severity(left) := "warn" if left > 0

_message(doc, ctx, r, left) := sprintf("node pool %s of cluster %s runs %s (osSKU %s), which AKS Arc retired after %s: since %s its Kubernetes upgrades are blocked, no new %s pool can be created and it gets no security updates; %s", [
	r.name, doc.metadata.name, r.entry.os, r.osSKU, _month_text(r.entry.retired), r.retiredFrom, r.osSKU, _move(doc, ctx, r.entry),
]) if left <= 0

_message(doc, ctx, r, left) := sprintf("node pool %s of cluster %s runs %s (osSKU %s), which AKS Arc retires after %s: from %s (%s left) its Kubernetes upgrades are blocked and it gets no security updates; %s", [
	r.name, doc.metadata.name, r.entry.os, r.osSKU, _month_text(r.entry.retired), r.retiredFrom, dates.count(left), _move(doc, ctx, r.entry),
]) if left > 0

_month_text(retired) := retired if dates.precision(retired) == "day"

_month_text(retired) := sprintf("%s (the source gives the month)", [retired]) if dates.precision(retired) == "month"

_move(doc, ctx, entry) := sprintf("create a %s pool with %s, move the Windows workloads to it and delete this one with %s", [
	entry.replacement, snapshot.tool(doc, ctx, "addNodePool"), snapshot.tool(doc, ctx, "removeNodePool"),
]) if is_string(entry.replacement)

_move(_, _, entry) := "no newer Windows node pool OS is announced for AKS Arc: plan to move the Windows workloads off Windows nodes" if {
	not is_string(object.get(entry, "replacement", null))
}
