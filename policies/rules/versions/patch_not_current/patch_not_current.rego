# METADATA
# title: Kubernetes patch version not current
# description: |
#   The control plane's or a node pool's Kubernetes patch version is not one of the patch
#   versions the catalog lists as current for its minor version and platform. A minor version the
#   catalog does not know is judged by AKSARC-001 or AKSARC-091 instead; a version without a
#   patch number ("1.31") cannot be judged. The current patches are those of the catalog as of
#   the evaluation date: on Azure Local the list of the newest release available that day (with
#   the lists of releases that may already be out in that month, so that no patch is called old
#   before its successor certainly shipped), or the platform entry's dated patches. Not
#   evaluated: where the catalog has no list for the minor on the platform (AKS on Windows Server
#   publishes none), and when the evaluation date is past the catalog's facts (factsThrough):
#   patches shipped since are unknown to it.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#supported-version-policy
#     description: Supported version policy
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/supported-kubernetes-versions
#     description: Supported Kubernetes versions in AKS Arc
# custom:
#   id: AKSARC-004
#   name: patch-not-current
#   severity: warn
#   section: Supported version policy
#   input: snapshot
#   requires: [spec.cluster.kubernetesVersion]
#   remediation: Upgrade the control plane and every node pool to one of the current patch versions of their minor version (az aksarc get-versions lists them); AKS Arc keeps at most two patch versions of each minor version.
package lib.aksarc.rules.versions.patch_not_current

import data.lib.aksarc.catalog
import data.lib.aksarc.dates
import data.lib.aksarc.result
import data.lib.aksarc.snapshot
import data.lib.aksarc.versions

violations(doc, ctx) := {f |
	snapshot.is_snapshot(doc)
	platform := snapshot.platform(doc, ctx)
	some subject in _subjects(doc)
	v := versions.parse(subject.version)
	v.patch != null
	current := catalog.current_patches(ctx, platform, v.minor_key)
	not v.text in current
	not _listed(v, current)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("%s of cluster %s runs Kubernetes %s, which is not a current patch of %s on %s (current: %s)%s; upgrade to %s", [subject.label, doc.metadata.name, v.text, v.minor_key, platform, catalog.list(current), _newer_note(v, current), _latest(current)]),
		{
			"subject": subject.kind,
			"name": subject.name,
			"kubernetesVersion": v.text,
			"minorVersion": v.minor_key,
			"platform": platform,
			"currentPatches": current,
			"newerThanCatalog": _newer(v, current),
		},
	)
}

# The control plane (the cluster's version) and each node pool that names its own version.
_subjects(doc) := array.concat(
	[{"kind": "controlPlane", "name": doc.metadata.name, "label": "the control plane", "version": snapshot.cluster(doc).kubernetesVersion}],
	[s |
		some i, p in object.get(doc, ["spec", "cluster", "agentPoolProfiles"], [])
		is_object(p)
		name := _pool_name(p, i)
		s := {"kind": "nodePool", "name": name, "label": sprintf("node pool %s", [name]), "version": p.kubernetesVersion}
	],
)

_pool_name(p, _) := p.name if is_string(p.name)

_pool_name(p, i) := sprintf("#%d", [i]) if not is_string(object.get(p, "name", null))

# not_evaluated names the versions whose current patches the catalog cannot give as of the
# evaluation date (for a minor still on the servers and in support).
not_evaluated(doc, ctx) := {x |
	snapshot.is_snapshot(doc)
	platform := snapshot.platform(doc, ctx)
	some subject in _subjects(doc)
	v := versions.parse(subject.version)
	v.patch != null
	e := catalog.entry(ctx, platform, v.minor_key)
	not catalog.current_patches(ctx, platform, v.minor_key)

	# A removed minor, or one past its end of support, has no current patch: AKSARC-001 and 002
	# judge it.
	not catalog.removed(ctx, e)
	dates.days_until(ctx.asOf, catalog.end_of_support(e)) >= 0
	x := result.not_evaluated(rego.metadata.chain(), _missing(ctx, platform, v, subject))
} | {x |
	snapshot.is_snapshot(doc)
	platform := snapshot.platform(doc, ctx)
	some subject in _subjects(doc)
	v := versions.parse(subject.version)
	catalog.calendar_missing(ctx, platform, v.minor_key)
	x := result.not_evaluated(rego.metadata.chain(), catalog.calendar_missing_text(platform, v.minor_key))
}

_missing(ctx, _, v, subject) := sprintf("%s (the current patches of %s after %s: %s)", [_field(subject), v.minor_key, ctx.catalog.factsThrough, catalog.facts_text(ctx)]) if catalog.past_facts(ctx)

_missing(ctx, platform, v, subject) := sprintf("%s (the catalog lists no current patch of %s on %s as of %s)", [_field(subject), v.minor_key, platform, dates.date(ctx.asOf)]) if not catalog.past_facts(ctx)

_field(subject) := "spec.cluster.kubernetesVersion" if subject.kind == "controlPlane"

_field(subject) := sprintf("spec.cluster.agentPoolProfiles[%s].kubernetesVersion", [subject.name]) if subject.kind == "nodePool"

# A patch written with a suffix or a leading "v" in the catalog still matches.
_listed(v, current) if {
	some p in current
	c := versions.parse(p)
	[c.major, c.minor, c.patch] == [v.major, v.minor, v.patch]
}

# A patch newer than every current one: the catalog may be behind the servers (AKSARC-090).
_newer(v, current) if {
	count(current) > 0
	every p in current {
		versions.parse(p).patch < v.patch
	}
}

default _newer(_, _) := false

_newer_note(v, current) := "; it is newer than every patch the catalog lists, so if AKS Arc ships it, update the catalog" if _newer(v, current)

_newer_note(v, current) := "" if not _newer(v, current)

_latest(current) := min({p |
	newest := max({versions.parse(x).patch | some x in current})
	some p in current
	versions.parse(p).patch == newest
})
