# METADATA
# title: Suspended or deleted subscription for more than 60 days
# description: |
#   The Azure subscription has been suspended (Azure state Disabled, or Expired) or deleted for
#   more than 60 days: the cluster is out of support. Warned and PastDue subscriptions are still
#   active, not suspended: AKSARC-053, with no 60-day clock.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#deleted-or-suspended-subscription
#     description: Deleted or suspended subscription
# custom:
#   id: AKSARC-050
#   name: subscription-out-of-support
#   severity: deny
#   section: Deleted or suspended subscription
#   input: snapshot
#   requires: [spec.subscription.state, "spec.subscription.stateChangedAt when spec.subscription.state=Disabled,Expired,Deleted"]
#   remediation: Reinstate the Azure subscription (or, if it was deleted, redeploy AKS Arc in an active subscription) and bring the cluster back to a supported state.
package lib.aksarc.rules.subscription.subscription_out_of_support

import data.lib.aksarc.dates
import data.lib.aksarc.lifecycle
import data.lib.aksarc.result
import data.lib.aksarc.snapshot

violations(doc, ctx) := {f |
	snapshot.is_snapshot(doc)
	sub := doc.spec.subscription
	sub.state in lifecycle.subscription_out_states
	limit := snapshot.limits(doc, ctx).subscriptionDays
	lifecycle.past_limit(ctx.asOf, sub.stateChangedAt, limit)
	days := dates.elapsed_days(ctx.asOf, sub.stateChangedAt)
	out_since := lifecycle.deadline(sub.stateChangedAt, limit)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("cluster %s: its Azure subscription has been in state %s since %s (%s, more than the %s allowed for a suspended or deleted subscription): the cluster is out of support since %s", [doc.metadata.name, sub.state, lifecycle.day(sub.stateChangedAt), dates.count(days), dates.count(limit), out_since]),
		{
			"state": sub.state,
			"stateChangedAt": sub.stateChangedAt,
			"stateDays": days,
			"limitDays": limit,
			"outOfSupportSince": out_since,
		},
	)
}
