# METADATA
# title: Deleted subscription, AKS Arc must be redeployed
# description: |
#   The Azure subscription is deleted: the cluster's connection to Azure cannot be recovered, and
#   AKS Arc must be redeployed to reconnect to Azure. A deletion on the as-of day is in effect
#   (even later that day than the as-of instant, which is midnight UTC for a date; it counts 0
#   days). Silent when the deletion happened on a later day (stateChangedAt on a day after the
#   as-of day): not in effect yet.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#deleted-or-suspended-subscription
#     description: Deleted or suspended subscription
# custom:
#   id: AKSARC-052
#   name: subscription-deleted
#   severity: deny
#   section: Deleted or suspended subscription
#   input: snapshot
#   requires: [spec.subscription.state]
#   remediation: Redeploy AKS Arc in an active Azure subscription and move the workloads to the new deployment; the connection of a deleted subscription cannot be recovered.
package lib.aksarc.rules.subscription.subscription_deleted

import data.lib.aksarc.dates
import data.lib.aksarc.lifecycle
import data.lib.aksarc.result
import data.lib.aksarc.snapshot

violations(doc, ctx) := {f |
	snapshot.is_snapshot(doc)
	sub := doc.spec.subscription
	sub.state == "Deleted"
	not _changed_after_as_of(sub, ctx)
	at := _as_of(sub, ctx)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("cluster %s: its Azure subscription %s: the connection to Azure cannot be recovered and AKS Arc must be redeployed to reconnect", [doc.metadata.name, _deleted(sub, at)]),
		object.union({"state": sub.state}, _date_details(sub, at)),
	)
}

_known_date(sub) if dates.ns(sub.stateChangedAt)

# _changed_after_as_of is true when the deletion happened on a later day than the as-of day: as
# of that date the subscription still existed, so there is nothing to report. A deletion later on
# the as-of day itself is in effect.
_changed_after_as_of(sub, ctx) if dates.days_since(ctx.asOf, sub.stateChangedAt) < 0

# _as_of is the instant the days are counted to: the as-of instant, or stateChangedAt when it is
# later that day (0 days, never a negative count).
_as_of(sub, ctx) := dates.as_of_for(ctx.asOf, sub.stateChangedAt) if _known_date(sub)

_as_of(sub, ctx) := ctx.asOf if not _known_date(sub)

_deleted(sub, as_of) := sprintf("was deleted on %s (%s ago)", [
	lifecycle.day(sub.stateChangedAt),
	dates.count(dates.elapsed_days(as_of, sub.stateChangedAt)),
]) if _known_date(sub)

_deleted(sub, _) := "is deleted" if not _known_date(sub)

_date_details(sub, as_of) := {
	"stateChangedAt": sub.stateChangedAt,
	"stateDays": dates.elapsed_days(as_of, sub.stateChangedAt),
} if _known_date(sub)

_date_details(sub, _) := {} if not _known_date(sub)
