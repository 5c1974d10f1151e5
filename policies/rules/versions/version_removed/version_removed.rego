# METADATA
# title: Kubernetes version removed from the servers
# description: |
#   The cluster's minor version has been removed from the Microsoft servers (the catalog's removal
#   date is the evaluation date or earlier): the cluster can no longer update Kubernetes or OS
#   versions and must be upgraded to the latest release. Upgrades go one minor at a time: while
#   the removed minor is still in support (the 30 days after removal) the message names the next
#   minor and the path to the newest minor released by then; once it is out of support it may skip
#   minors to get back into support, and the message names the minors in support. When the
#   catalog knows no newer minor to upgrade to, the message says the catalog is likely stale. A
#   removal known only to the month counts from the first day after the month. Not evaluated: on a
#   platform whose Kubernetes calendar is not published (AKS on Windows Server) for a minor
#   without an entry of the platform's own; and when the as-of day is past the catalog's facts
#   (factsThrough) for a minor whose removal the catalog does not know (it may have happened since).
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#service-updates-and-releases
#     description: Service updates and releases
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/supported-kubernetes-versions#can-i-skip-multiple-kubernetes-versions-during-a-cluster-upgrade
#     description: Supported Kubernetes versions (minors cannot be skipped, except from an unsupported version back into support)
# custom:
#   id: AKSARC-002
#   name: version-removed
#   severity: deny
#   section: Service updates and releases
#   input: snapshot
#   requires: [spec.cluster.kubernetesVersion]
#   remediation: Upgrade the cluster to the latest AKS Arc release, one Kubernetes minor at a time (a cluster already out of support may skip minors to get back into support). Once a minor version is removed from the Microsoft servers, Kubernetes and OS updates are blocked; a cluster that is not in a healthy state may have to be fully redeployed.
package lib.aksarc.rules.versions.version_removed

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
	removed := catalog.removed_from(e)
	days := dates.days_until(ctx.asOf, removed)
	days <= 0
	eos := catalog.end_of_support(e)
	in_support := dates.days_until(ctx.asOf, eos) >= 0
	upgrade := _upgrade(v, ctx, platform, in_support)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("cluster %s runs Kubernetes %s: minor version %s was removed from the Microsoft servers on %s, so the cluster can no longer update Kubernetes or OS versions and must be upgraded to the latest AKS Arc release; %s; a cluster that is not healthy may need a full redeployment", [doc.metadata.name, v.text, v.minor_key, _removed_text(e.removed), upgrade.message]),
		object.union(
			{
				"kubernetesVersion": v.text,
				"minorVersion": v.minor_key,
				"platform": platform,
				"removed": e.removed,
				"removedFrom": removed,
				"daysSinceRemoval": 0 - days,
				"endOfSupport": eos,
				"inSupport": in_support,
				"latestVersion": catalog.newest_minor(ctx, platform),
			},
			upgrade.details,
		),
	)
}

_removed_text(r) := r if dates.precision(r) == "day"

_removed_text(r) := sprintf("%s (the month; certain from %s)", [r, dates.from_day(r)]) if dates.precision(r) == "month"

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
	not catalog.removed(ctx, e)
	m := sprintf("spec.cluster.kubernetesVersion (whether %s has been removed from the servers: %s, and it knows no removal of %s by then)", [v.minor_key, catalog.facts_text(ctx), v.minor_key])
}

# _upgrade says how to upgrade. A cluster still in support (the 30 days after removal) must
# upgrade one minor at a time, so it names the next minor and the path to the newest released
# minor the catalog knows. A cluster out of support may skip minors to get back into support, so
# it names the minors in support. Without a minor to name, the catalog is likely out of date.
_upgrade(v, ctx, platform, true) := {
	"message": sprintf("it is in support until %s and minors cannot be skipped: upgrade to %s next (path to the newest released minor: %s)", [
		catalog.end_of_support(catalog.entry(ctx, platform, v.minor_key)),
		path[0],
		concat(" -> ", array.concat([v.minor_key], path)),
	]),
	"details": {"nextVersion": path[0], "upgradePath": path},
} if {
	path := catalog.newer_minors(ctx, platform, v)
	count(path) > 0
}

_upgrade(v, ctx, platform, false) := {
	"message": sprintf("it is out of support since %s, so it may skip minors to get back into support: upgrade to a supported minor (%s)", [
		dates.add_days(catalog.end_of_support(catalog.entry(ctx, platform, v.minor_key)), 1),
		_or_list(targets),
	]),
	"details": {"nextVersion": targets[0], "upgradeTargets": targets},
} if {
	targets := catalog.upgrade_targets(ctx, platform, v)
	count(targets) > 0
}

_upgrade(v, ctx, platform, in_support) := {
	"message": sprintf("the catalog (reviewed %s) knows no newer minor in support on %s to upgrade to as of %s, so it is probably out of date (see AKSARC-090): update aksarc-opa or its catalog (settings: catalog.versions), and list the upgrades the host offers with az aksarc get-upgrades", [
		_reviewed(ctx),
		platform,
		dates.date(ctx.asOf),
	]),
	"details": {"nextVersion": null},
} if {
	not _has_target(v, ctx, platform, in_support)
}

_has_target(v, ctx, platform, true) if count(catalog.newer_minors(ctx, platform, v)) > 0

_has_target(v, ctx, platform, false) if count(catalog.upgrade_targets(ctx, platform, v)) > 0

_reviewed(ctx) := ctx.catalog.reviewed if is_string(ctx.catalog.reviewed)

_reviewed(ctx) := "on an unknown date" if not is_string(object.get(ctx, ["catalog", "reviewed"], null))

# _or_list joins names as "a", "a or b", "a, b or c".
_or_list(xs) := xs[0] if count(xs) == 1

_or_list(xs) := sprintf("%s or %s", [concat(", ", array.slice(xs, 0, count(xs) - 1)), xs[count(xs) - 1]]) if count(xs) > 1
