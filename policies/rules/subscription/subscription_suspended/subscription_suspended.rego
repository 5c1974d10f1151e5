# METADATA
# title: Suspended subscription, support ends after 60 days
# description: |
#   The Azure subscription is suspended (Azure state Disabled, or Expired) for 60 days or less: the
#   cluster is still supported, but goes out of support when the subscription is not reinstated
#   before the 60-day limit. The message gives the date support ends. A suspension that began on
#   the as-of day is in effect (even later that day than the as-of instant, which is midnight UTC
#   for a date; it counts 0 days). Silent when it began on a later day (stateChangedAt on a day
#   after the as-of day): not in effect yet.
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
	not _changed_after_as_of(sub, ctx)
	at := _as_of(sub, ctx)
	not _past_limit(sub, at, limit)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("cluster %s: its Azure subscription %s", [doc.metadata.name, _explanation(sub, at, limit)]),
		object.union({"state": sub.state, "limitDays": limit}, _date_details(sub, at, limit)),
	)
}

_past_limit(sub, as_of, limit) if lifecycle.past_limit(as_of, sub.stateChangedAt, limit)

_known_date(sub) if dates.ns(sub.stateChangedAt)

# _changed_after_as_of is true when the suspension began on a later day than the as-of day: it
# is not in effect as of that date. One that began later on the as-of day itself is in effect.
_changed_after_as_of(sub, ctx) if dates.days_since(ctx.asOf, sub.stateChangedAt) < 0

# _as_of is the instant the days are counted to: the as-of instant, or stateChangedAt when it is
# later that day (0 days, never a negative count).
_as_of(sub, ctx) := dates.as_of_for(ctx.asOf, sub.stateChangedAt) if _known_date(sub)

_as_of(sub, ctx) := ctx.asOf if not _known_date(sub)

_explanation(sub, as_of, limit) := sprintf("has been suspended (state %s) since %s (%s): support ends on %s (%s left) unless the subscription is reinstated before the %d-day limit", [
	sub.state,
	lifecycle.day(sub.stateChangedAt),
	dates.count(dates.elapsed_days(as_of, sub.stateChangedAt)),
	lifecycle.deadline(sub.stateChangedAt, limit),
	dates.count(lifecycle.days_left(as_of, sub.stateChangedAt, limit)),
	limit,
]) if _known_date(sub)

_explanation(sub, _, limit) := sprintf("is suspended (state %s) since an unknown date (no stateChangedAt): support ends %s after the suspension unless the subscription is reinstated; the date support ends is unknown", [sub.state, dates.count(limit)]) if {
	not _known_date(sub)
}

_date_details(sub, as_of, limit) := {
	"stateChangedAt": sub.stateChangedAt,
	"stateDays": dates.elapsed_days(as_of, sub.stateChangedAt),
	"daysLeft": lifecycle.days_left(as_of, sub.stateChangedAt, limit),
	"supportEnds": lifecycle.deadline(sub.stateChangedAt, limit),
} if _known_date(sub)

_date_details(sub, _, _) := {} if not _known_date(sub)
