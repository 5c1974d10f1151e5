# METADATA
# title: Subscription at risk of being disabled
# description: |
#   The Azure subscription is Warned or PastDue. Azure's subscription states page says both are
#   still active, not suspended: PastDue keeps every operation available; Warned allows reading
#   and deleting resources only (no create or update) and its resources may go offline. Azure
#   disables the subscription (suspends it) unless the cause is fixed, and from then the policy's
#   60-day limit runs (AKSARC-051, AKSARC-050). No 60-day clock runs while it is Warned or
#   PastDue. Silent when the state began on a later day than the as-of day.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#deleted-or-suspended-subscription
#     description: Deleted or suspended subscription
#   - ref: https://learn.microsoft.com/azure/cost-management-billing/manage/subscription-states
#     description: Azure subscription states (checked 2026-12-05; page of 2025-12-29)
# custom:
#   id: AKSARC-053
#   name: subscription-at-risk
#   severity: warn
#   section: Deleted or suspended subscription
#   input: snapshot
#   requires: [spec.subscription.state]
#   remediation: Fix the cause Azure names for the subscription (pay the past-due bill, reverse the cancellation, renew the offer) so that it returns to Enabled; once Azure disables it, the cluster goes out of support 60 days later.
package lib.aksarc.rules.subscription.subscription_at_risk

import data.lib.aksarc.dates
import data.lib.aksarc.lifecycle
import data.lib.aksarc.result
import data.lib.aksarc.snapshot

violations(doc, ctx) := {f |
	snapshot.is_snapshot(doc)
	sub := doc.spec.subscription
	sub.state in lifecycle.subscription_at_risk_states
	not _began_after_as_of(sub, ctx)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("cluster %s: its Azure subscription is %s%s: %s; Azure disables the subscription unless the cause is fixed, and AKS Arc support ends 60 days after it is disabled", [
			doc.metadata.name,
			sub.state,
			_since(sub),
			_meaning[sub.state],
		]),
		object.union({"state": sub.state}, _date_details(sub)),
	)
}

_meaning := {
	"PastDue": "a bill is past due, yet the subscription is active and every operation is available",
	"Warned": "the subscription is active but Azure allows only reading and deleting resources (no create or update), and its resources may go offline",
}

_known_date(sub) if dates.ns(sub.stateChangedAt)

_began_after_as_of(sub, ctx) if dates.days_since(ctx.asOf, sub.stateChangedAt) < 0

_since(sub) := sprintf(" since %s", [lifecycle.day(sub.stateChangedAt)]) if _known_date(sub)

_since(sub) := "" if not _known_date(sub)

_date_details(sub) := {"stateChangedAt": sub.stateChangedAt} if _known_date(sub)

_date_details(sub) := {} if not _known_date(sub)
