# METADATA
# title: Kubernetes version outside support
# description: |
#   The control plane's minor version is past its end of support as of the evaluation date (the
#   catalog's explicit date, else initial release + 1 year), is older than every version the
#   catalog knows, or is missing from the catalog between versions it knows. A version newer
#   than the catalog's newest is AKSARC-091, not this rule. The message lists the newer minors in
#   support to upgrade to; when the catalog knows none on the evaluation date, it says the catalog
#   is probably out of date (AKSARC-090) instead. Not evaluated: on a platform whose Kubernetes
#   calendar is not published (AKS on Windows Server) for a minor without an entry of the
#   platform's own; and when the as-of day is past the catalog's facts (factsThrough) for a minor
#   whose end of support is derived, not published, and not yet past (a date published since may
#   be earlier).
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#supported-version-policy
#     description: Supported version policy
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#service-updates-and-releases
#     description: Service updates and releases
# custom:
#   id: AKSARC-001
#   name: version-outside-support
#   severity: deny
#   section: Supported version policy
#   input: snapshot
#   requires: [spec.cluster.kubernetesVersion]
#   remediation: Upgrade the cluster to a supported Kubernetes minor version (a cluster outside support may skip minors to get back into support; within support, upgrades go one minor at a time). AKS Arc supports each minor version for one year from its initial release; a cluster on a version outside the supported versions list must be upgraded before it is eligible for support.
package lib.aksarc.rules.versions.version_outside_support

import data.lib.aksarc.catalog
import data.lib.aksarc.dates
import data.lib.aksarc.result
import data.lib.aksarc.snapshot
import data.lib.aksarc.versions

violations(doc, ctx) := {f |
	snapshot.is_snapshot(doc)
	v := versions.parse(snapshot.cluster(doc).kubernetesVersion)
	platform := snapshot.platform(doc, ctx)
	some problem in _problems(v, ctx, platform)
	targets := catalog.upgrade_targets(ctx, platform, v)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("cluster %s runs Kubernetes %s: %s; %s", [doc.metadata.name, v.text, problem.message, _advice(targets, ctx, platform)]),
		object.union_n([
			{
				"kubernetesVersion": v.text,
				"minorVersion": v.minor_key,
				"platform": platform,
				"availableVersions": targets,
			},
			_stale_details(targets, ctx),
			problem.details,
		]),
	)
}

# A cluster outside support may skip minors to get back into support.
_advice(targets, _, platform) := sprintf("a cluster outside support may skip minors to get back into support: upgrade to a supported version (available on %s: %s)", [platform, concat(", ", targets)]) if {
	count(targets) > 0
}

# Nothing to upgrade to: as of its date the catalog knows no newer version in support, which
# means the catalog is out of date, not that no supported version exists.
_advice(targets, ctx, platform) := sprintf("the catalog (reviewed %s) knows no newer Kubernetes version in support on %s as of %s, so it is probably out of date (see AKSARC-090): update aksarc-opa or its catalog (settings: catalog.versions) to learn the supported versions to upgrade to, and list the upgrades the host offers with az aksarc get-upgrades", [_reviewed(ctx), platform, dates.date(ctx.asOf)]) if {
	count(targets) == 0
}

_stale_details(targets, _) := {} if count(targets) > 0

_stale_details(targets, ctx) := {"catalogLikelyStale": true, "catalogReviewed": object.get(ctx, ["catalog", "reviewed"], null)} if count(targets) == 0

_reviewed(ctx) := ctx.catalog.reviewed if is_string(ctx.catalog.reviewed)

_reviewed(ctx) := "on an unknown date" if not is_string(object.get(ctx, ["catalog", "reviewed"], null))

# not_evaluated says what the rule cannot judge from the catalog.
not_evaluated(doc, ctx) := {x |
	snapshot.is_snapshot(doc)
	v := versions.parse(snapshot.cluster(doc).kubernetesVersion)
	platform := snapshot.platform(doc, ctx)
	some missing in _not_evaluated(v, ctx, platform)
	x := result.not_evaluated(rego.metadata.chain(), missing)
}

_not_evaluated(v, ctx, platform) := {catalog.calendar_missing_text(platform, v.minor_key) |
	catalog.calendar_missing(ctx, platform, v.minor_key)
} | {m |
	catalog.past_facts(ctx)
	e := catalog.entry(ctx, platform, v.minor_key)
	not is_string(object.get(e, "endOfSupport", null))
	dates.days_until(ctx.asOf, catalog.end_of_support(e)) >= 0
	m := sprintf("spec.cluster.kubernetesVersion (the end of support of %s is derived (%s, released + 1 year) and %s: a date published since may be earlier)", [v.minor_key, catalog.end_of_support(e), catalog.facts_text(ctx)])
}

_problems(v, ctx, platform) := _past_end(v, ctx, platform) | _not_known(v, ctx, platform)

# A minor the catalog knows, past its last supported day.
_past_end(v, ctx, platform) := {p |
	e := catalog.entry(ctx, platform, v.minor_key)
	eos := catalog.end_of_support(e)
	days := dates.days_until(ctx.asOf, eos)
	days < 0
	p := {
		"message": sprintf("minor version %s reached its end of support on %s (%s ago)", [v.minor_key, eos, dates.count(0 - days)]),
		"details": {
			"reason": "endOfSupport",
			"endOfSupport": eos,
			"endOfSupportBasis": catalog.end_of_support_basis(e),
			"daysPast": 0 - days,
		},
	}
}

# A minor the catalog does not know: older than all it knows, or a gap between known ones.
# Newer than the newest it knows is AKSARC-091.
_not_known(v, ctx, platform) := {p |
	not catalog.entry(ctx, platform, v.minor_key)
	oldest := catalog.oldest_minor(ctx, platform)
	newest := catalog.newest_minor(ctx, platform)
	ord := versions.minor_ord(v)
	ord <= versions.key_ord(newest)
	p := _unknown(v, ord, oldest, newest)
}

_unknown(v, ord, oldest, _) := {
	"message": sprintf("minor version %s is older than every version the catalog knows (oldest: %s) and is outside the supported versions list", [v.minor_key, oldest]),
	"details": {"reason": "olderThanCatalog", "oldestKnown": oldest},
} if {
	ord < versions.key_ord(oldest)
}

_unknown(v, ord, oldest, newest) := {
	"message": sprintf("minor version %s is not in the catalog (which knows %s to %s), so it is not on the supported versions list", [v.minor_key, oldest, newest]),
	"details": {"reason": "notInCatalog", "oldestKnown": oldest, "newestKnown": newest},
} if {
	ord >= versions.key_ord(oldest)
}
