# METADATA
# title: Catalog data is stale
# description: |
#   The catalog's reviewed date is more than catalogMaxAgeDays (default 120) calendar days
#   before the evaluation day, whatever the time of day (reviewed 2026-12-05: silent through
#   2027-04-04, fires from 2027-04-05): Kubernetes versions, patches, releases and known issues published since are
#   unknown, so every version rule may be judging from old facts. Reported on each
#   ClusterSnapshot, the document those rules judge. It warns as well when the evaluation date is
#   past the catalog's factsThrough (the last month its sources cover), however recently the
#   catalog was reviewed: then the rules that need newer facts (AKSARC-001 to 004) report "not
#   evaluated", and AKSARC-006 says that newer releases are unknown rather than absent.
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

import data.lib.aksarc.catalog
import data.lib.aksarc.dates
import data.lib.aksarc.lifecycle
import data.lib.aksarc.result
import data.lib.aksarc.snapshot

violations(doc, ctx) := _too_old(doc, ctx) | _past_facts(doc, ctx)

_too_old(doc, ctx) := {f |
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

# The evaluation date is past the last month whose releases, Kubernetes versions and patches the
# catalog's sources give (factsThrough), however recently it was reviewed: the rules that need
# newer facts report "not evaluated" rather than judge from what the catalog knows. Silent when
# the catalog is also too old (one warning per snapshot, which names both).
_past_facts(doc, ctx) := {f |
	snapshot.is_snapshot(doc)
	catalog.past_facts(ctx)
	not _is_too_old(ctx)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("the catalog that judged cluster %s knows releases, Kubernetes versions and patches only through %s (factsThrough; reviewed %s), and the evaluation date is %s: what was published since is unknown to it, so the rules that need it report \"not evaluated\"", [doc.metadata.name, ctx.catalog.factsThrough, lifecycle.day(ctx.catalog.reviewed), dates.date(ctx.asOf)]),
		{
			"catalogReviewed": lifecycle.day(ctx.catalog.reviewed),
			"factsThrough": ctx.catalog.factsThrough,
			"asOf": dates.date(ctx.asOf),
		},
	)
}

_is_too_old(ctx) if dates.days_since(ctx.asOf, ctx.catalog.reviewed) > ctx.parameters.catalogMaxAgeDays
