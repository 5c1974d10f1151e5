# METADATA
# title: Suspended subscription, support ends after 60 days
# description: |
#   The Azure subscription is suspended (Warned, PastDue, Disabled) for 60 days or less: the
#   cluster is still supported, but goes out of support when the subscription is not reinstated
#   before the 60-day limit. The message gives the date support ends. Silent when the suspension
#   began after the evaluation instant (stateChangedAt later than it): not in effect yet.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#deleted-or-suspended-subscription
#     description: Deleted or suspended subscription
# custom:
#   id: AKSARC-051
#   name: subscription-suspended
#   severity: warn
#   section: Deleted or suspended subscription
#   input: snapshot
#   requires: [spec.subscription.state]
#   remediation: Reinstate the Azure subscription before the 60-day limit (resolve the billing or account issue that suspended it); after the limit the cluster is out of support.
package lib.aksarc.rules.subscription.subscription_suspended

import data.lib.aksarc.dates
import data.lib.aksarc.lifecycle
import data.lib.aksarc.result
import data.lib.aksarc.snapshot

# Past the limit AKSARC-050 denies and this rule is silent. Without a readable stateChangedAt the
# rule still warns, and says that the date support ends is unknown.
violations(doc, ctx) := {f |
	snapshot.is_snapshot(doc)
	sub := doc.spec.subscription
	sub.state in lifecycle.subscription_suspended_states
	limit := snapshot.limits(doc, ctx).subscriptionDays
	not _past_limit(sub, ctx, limit)
	not _changed_after_as_of(sub, ctx)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("cluster %s: its Azure subscription %s", [doc.metadata.name, _explanation(sub, ctx, limit)]),
		object.union({"state": sub.state, "limitDays": limit}, _date_details(sub, ctx, limit)),
	)
}

_past_limit(sub, ctx, limit) if lifecycle.past_limit(ctx.asOf, sub.stateChangedAt, limit)

_known_date(sub) if dates.ns(sub.stateChangedAt)

# _changed_after_as_of is true when the suspension began after the as-of instant: it is not in
# effect as of that date (and counting from it would give negative days).
_changed_after_as_of(sub, ctx) if dates.elapsed_ns(ctx.asOf, sub.stateChangedAt) < 0

_explanation(sub, ctx, limit) := sprintf("has been suspended (state %s) since %s (%s): support ends on %s (%s left) unless the subscription is reinstated before the %d-day limit", [
	sub.state,
	lifecycle.day(sub.stateChangedAt),
	dates.count(dates.elapsed_days(ctx.asOf, sub.stateChangedAt)),
	lifecycle.deadline(sub.stateChangedAt, limit),
	dates.count(lifecycle.days_left(ctx.asOf, sub.stateChangedAt, limit)),
	limit,
]) if _known_date(sub)

_explanation(sub, _, limit) := sprintf("is suspended (state %s) since an unknown date (no stateChangedAt): support ends %s after the suspension unless the subscription is reinstated; the date support ends is unknown", [sub.state, dates.count(limit)]) if {
	not _known_date(sub)
}

_date_details(sub, ctx, limit) := {
	"stateChangedAt": sub.stateChangedAt,
	"stateDays": dates.elapsed_days(ctx.asOf, sub.stateChangedAt),
	"daysLeft": lifecycle.days_left(ctx.asOf, sub.stateChangedAt, limit),
	"supportEnds": lifecycle.deadline(sub.stateChangedAt, limit),
} if _known_date(sub)

_date_details(sub, _, _) := {} if not _known_date(sub)
