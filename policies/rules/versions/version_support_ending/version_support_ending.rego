# METADATA
# title: Kubernetes version nearing end of support
# description: |
#   The end of support of the cluster's minor version (the catalog's explicit date, else initial
#   release + 1 year; a month is read as its last day) is within versionWarnDays (default 60) of
#   the evaluation date. Not evaluated on a platform whose Kubernetes calendar is not published
#   (AKS on Windows Server) for a minor without an entry of the platform's own.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#service-updates-and-releases
#     description: Service updates and releases
# custom:
#   id: AKSARC-003
#   name: version-support-ending
#   severity: warn
#   section: Service updates and releases
#   input: snapshot
#   requires: [spec.cluster.kubernetesVersion]
#   parameters: [versionWarnDays]
#   remediation: Plan the upgrade to the next supported Kubernetes minor version before the end-of-support date; AKS Arc supports each minor version for one year from its initial release.
package lib.aksarc.rules.versions.version_support_ending

import data.lib.aksarc.catalog
import data.lib.aksarc.dates
import data.lib.aksarc.result
import data.lib.aksarc.snapshot
import data.lib.aksarc.versions

violations(doc, ctx) := {f |
	snapshot.is_snapshot(doc)
	v := versions.parse(snapshot.cluster(doc).kubernetesVersion)
	platform := snapshot.platform(doc, ctx)
	e := catalog.entry(ctx, platform, v.minor_key)
	eos := catalog.end_of_support(e)
	days := dates.days_until(ctx.asOf, eos)
	warn_days := ctx.parameters.versionWarnDays
	days >= 0
	days <= warn_days
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("cluster %s runs Kubernetes %s: minor version %s reaches its end of support on %s (%s); upgrade before then", [doc.metadata.name, v.text, v.minor_key, eos, _left(days)]),
		{
			"kubernetesVersion": v.text,
			"minorVersion": v.minor_key,
			"platform": platform,
			"endOfSupport": eos,
			"endOfSupportBasis": catalog.end_of_support_basis(e),
			"daysLeft": days,
			"warnDays": warn_days,
		},
	)
}

# not_evaluated says what the rule cannot judge from the catalog.
not_evaluated(doc, ctx) := {x |
	snapshot.is_snapshot(doc)
	v := versions.parse(snapshot.cluster(doc).kubernetesVersion)
	platform := snapshot.platform(doc, ctx)
	catalog.calendar_missing(ctx, platform, v.minor_key)
	x := result.not_evaluated(rego.metadata.chain(), catalog.calendar_missing_text(platform, v.minor_key))
}

_left(0) := "today is its last supported day"

_left(1) := "1 day left"

_left(days) := sprintf("%s left", [dates.count(days)]) if days > 1
