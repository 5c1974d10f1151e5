# METADATA
# title: Catalog data is stale
# description: |
#   The catalog's reviewed date is more than catalogMaxAgeDays (default 120) calendar days
#   before the evaluation day, whatever the time of day (reviewed 2025-10-09: silent through
#   2026-02-06, fires from 2026-02-07): Kubernetes versions, patches, releases and known issues published since are
#   unknown, so every version rule may be judging from old facts. Reported on each
#   ClusterSnapshot, the document those rules judge.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#service-updates-and-releases
#     description: Service updates and releases
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/supported-kubernetes-versions
#     description: Supported Kubernetes versions in AKS Arc
# custom:
#   id: AKSARC-090
#   name: catalog-stale
#   severity: warn
#   section: Service updates and releases
#   input: snapshot
#   requires: []
#   parameters: [catalogMaxAgeDays]
#   remediation: Update aksarc-opa to a release with a newer catalog, or review the catalog against its sources and override it with a settings file (catalog.reviewed and the entries that changed).
package lib.aksarc.rules.catalog.catalog_stale

import data.lib.aksarc.dates
import data.lib.aksarc.lifecycle
import data.lib.aksarc.result
import data.lib.aksarc.snapshot

violations(doc, ctx) := {f |
	snapshot.is_snapshot(doc)
	reviewed := ctx.catalog.reviewed
	max_days := ctx.parameters.catalogMaxAgeDays
	age := dates.days_since(ctx.asOf, reviewed)
	age > max_days
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("the catalog that judged cluster %s was last reviewed on %s, %s before the evaluation date %s (more than %s); versions, patches and releases published since are unknown to it", [doc.metadata.name, lifecycle.day(reviewed), dates.count(age), dates.date(ctx.asOf), dates.count(max_days)]),
		{
			"catalogReviewed": lifecycle.day(reviewed),
			"ageDays": age,
			"maxAgeDays": max_days,
			"asOf": dates.date(ctx.asOf),
		},
	)
}
