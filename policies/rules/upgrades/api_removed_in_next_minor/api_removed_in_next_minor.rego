# METADATA
# title: API version removed by the next Kubernetes minor version
# description: |
#   An object (not a ClusterSnapshot) uses an apiVersion and kind that the catalog's API removals
#   (the upstream Deprecated API Migration Guide) say the next minor version no longer serves:
#   removedIn is the cluster's minor + 1, so the upgrade the one-year support window requires will
#   break the manifest. Also fires, with its own message, when removedIn is the cluster's minor or
#   older: the cluster already does not serve the API and the manifest cannot be applied. The
#   cluster's minor is the Kubernetes version of the ClusterSnapshot evaluated with the object,
#   else the newest minor the version catalog knows for the platform (assumed, and said so in the
#   details). The message names the replacement API served both now and after the upgrade.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#service-updates-and-releases
#     description: Service updates and releases
#   - ref: https://kubernetes.io/docs/reference/using-api/deprecation-guide/
#     description: Kubernetes Deprecated API Migration Guide
# custom:
#   id: AKSARC-070
#   name: api-removed-in-next-minor
#   severity: warn
#   section: Service updates and releases
#   input: object
#   remediation: Change the manifest (and any client or Helm chart that produces it) to the replacement API version named in the finding before you upgrade the cluster; `kubectl convert` can rewrite a manifest. Where no replacement API exists, migrate to the mechanism the finding names.
package lib.aksarc.rules.upgrades.api_removed_in_next_minor

import data.lib.aksarc.result
import data.lib.aksarc.snapshot
import data.lib.aksarc.versions

violations(doc, ctx) := {f |
	not snapshot.is_snapshot(doc)
	api := doc.apiVersion
	kind := doc.kind
	is_string(api)
	is_string(kind)
	e := _entry(ctx, api, kind)
	removed := versions.parse(e.removedIn)
	minor := _cluster_minor(ctx)
	status := _status(versions.minor_distance(removed, minor.v))
	target := _target(status, minor.v)
	name := _name(doc)
	replacement := _replacement(ctx, e, kind, minor.v, target)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		_message(status, kind, name, api, removed.minor_key, minor, replacement),
		{
			"kind": kind,
			"name": name,
			"apiVersion": api,
			"removedIn": removed.minor_key,
			"status": status,
			"clusterMinor": minor.v.minor_key,
			"clusterMinorBasis": minor.basis,
			"clusterMinorAssumed": minor.assumed,
			"replacement": replacement.apiVersion,
			"replacementSince": replacement.since,
			"instead": replacement.instead,
			"source": object.get(e, "source", null),
		},
	)
}

# _entry is the catalog's removal entry of an apiVersion and kind; undefined when there is none
# or an override switched it off (null).
_entry(ctx, api, kind) := e if {
	removals := object.get(ctx, ["catalog", "apiRemovals", "removals"], {})
	is_object(removals)
	kinds := removals[api]
	is_object(kinds)
	e := kinds[kind]
	is_object(e)
}

# The cluster's minor (lib.aksarc.snapshot.cluster_minor): the ClusterSnapshot's version, else
# the catalog's newest minor (assumed), with the basis the findings name.
_cluster_minor(ctx) := object.union(m, {"basis": _basis(m.assumed)}) if {
	m := snapshot.cluster_minor(ctx)
}

_basis(false) := "cluster snapshot"

_basis(true) := "assumed: newest minor in the catalog"

# removedIn is the next minor: the next upgrade breaks the object. At or before the cluster's
# minor: the cluster already does not serve it. Later removals are not this rule's business yet.
_status(1) := "removed-in-next-minor"

_status(distance) := "already-removed" if distance <= 0

# The minor whose API server must serve the replacement: the next one when the removal is
# ahead, the cluster's own when it has happened.
_target("removed-in-next-minor", v) := versions.minor_ord(v) + 1

_target("already-removed", v) := versions.minor_ord(v)

# _replacement is the first API version, in the guide's order, that the cluster serves now and
# the target minor still serves. A replacement that is itself removed by then is followed to its
# own replacements (at most three steps: flowcontrol v1beta1 -> v1beta2 -> v1). When none
# qualifies: instead says what to migrate to where the entry, or one its replacements lead to,
# has no replacement API (PodSecurityPolicy); otherwise the guide's first replacement is named
# as is.
_replacement(ctx, e, kind, v, target) := object.union(r, {"instead": null, "servedNow": true}) if {
	usable := [c | some c in _candidates(ctx, e, kind); _usable(ctx, c, kind, versions.minor_ord(v), target)]
	count(usable) > 0
	r := _normalized(usable[0])
}

_replacement(ctx, e, kind, v, target) := {"apiVersion": null, "since": null, "instead": instead, "servedNow": false} if {
	not _any_usable(ctx, e, kind, versions.minor_ord(v), target)
	instead := _instead(ctx, e, kind)
	is_string(instead)
}

_replacement(ctx, e, kind, v, target) := object.union(_normalized(first), {"instead": null, "servedNow": false}) if {
	not _any_usable(ctx, e, kind, versions.minor_ord(v), target)
	not is_string(_instead(ctx, e, kind))
	first := _direct(e)[0]
}

_replacement(ctx, e, kind, _, _) := {"apiVersion": null, "since": null, "instead": null, "servedNow": false} if {
	count(_direct(e)) == 0
	not is_string(_instead(ctx, e, kind))
}

_any_usable(ctx, e, kind, now, target) if {
	some c in _candidates(ctx, e, kind)
	_usable(ctx, c, kind, now, target)
}

_normalized(r) := {"apiVersion": r.apiVersion, "since": _since_key(r)}

_since_key(r) := r.since if is_string(r.since)

_since_key(r) := null if not is_string(object.get(r, "since", null))

_direct(e) := [r |
	some r in _list(object.get(e, "replacements", []))
	is_object(r)
	is_string(r.apiVersion)
]

_candidates(ctx, e, kind) := array.concat(array.concat(l1, l2), l3) if {
	l1 := _direct(e)
	l2 := _next(ctx, l1, kind)
	l3 := _next(ctx, l2, kind)
}

_next(ctx, rs, kind) := [n |
	some r in rs
	some n in _direct(_entry(ctx, r.apiVersion, kind))
]

# A candidate is usable when the cluster serves it now (since is at or before the cluster's
# minor, or unknown) and it is not removed at or before the target minor.
_usable(ctx, c, kind, now, target) if {
	_since_ord(c) <= now
	not _removed_by(ctx, c.apiVersion, kind, target)
}

_since_ord(c) := versions.key_ord(c.since) if is_string(c.since)

_since_ord(c) := 0 if not is_string(object.get(c, "since", null))

_removed_by(ctx, api, kind, target) if versions.key_ord(_entry(ctx, api, kind).removedIn) <= target

# What to migrate to when no replacement API exists: the entry's own note, else that of an
# entry its replacements lead to.
_instead(_, e, _) := e.instead if is_string(e.instead)

_instead(ctx, e, kind) := i if {
	not is_string(object.get(e, "instead", null))
	found := [x |
		some c in _candidates(ctx, e, kind)
		x := _entry(ctx, c.apiVersion, kind).instead
		is_string(x)
	]
	i := _first_or_null(found)
}

_first_or_null(xs) := xs[0] if count(xs) > 0

_first_or_null(xs) := null if count(xs) == 0

_list(x) := x if is_array(x)

_list(x) := [] if not is_array(x)

_name(doc) := doc.metadata.name if is_string(doc.metadata.name)

_name(doc) := "(unnamed)" if not is_string(object.get(doc, ["metadata", "name"], null))

# Messages.

_message("removed-in-next-minor", kind, name, api, removed, minor, replacement) := sprintf(
	"%s %s uses %s, which Kubernetes %s no longer serves: the cluster runs %s%s, and the upgrade to %s that staying in support requires (each minor version is supported for one year) will break this manifest; %s%s",
	[kind, name, api, removed, minor.v.minor_key, _assumed(minor), removed, _fix(replacement), _before(replacement)],
)

_message("already-removed", kind, name, api, removed, minor, replacement) := sprintf(
	"%s %s uses %s, which Kubernetes has not served since %s: a cluster on %s%s rejects this manifest, so it cannot be applied; %s",
	[kind, name, api, removed, minor.v.minor_key, _assumed(minor), _fix(replacement)],
)

_assumed(minor) := "" if not minor.assumed

_assumed(minor) := " (assumed: the newest minor version in the catalog)" if minor.assumed

# _before ends an action the user can take ahead of the upgrade.
_before(r) := " before upgrading" if {
	is_string(r.apiVersion)
	r.servedNow
}

_before(r) := " before upgrading" if is_string(r.instead)

_before(r) := "" if {
	not r.servedNow
	not is_string(r.instead)
}

_fix(r) := sprintf("move it to %s (served since %s)", [r.apiVersion, r.since]) if {
	is_string(r.apiVersion)
	is_string(r.since)
	r.servedNow
}

_fix(r) := sprintf("move it to %s", [r.apiVersion]) if {
	is_string(r.apiVersion)
	not is_string(r.since)
	r.servedNow
}

_fix(r) := sprintf("the guide's replacement, %s, is not served by the cluster's version: move the manifest to it as part of the upgrade", [r.apiVersion]) if {
	is_string(r.apiVersion)
	not r.servedNow
}

_fix(r) := sprintf("the API has no replacement: migrate to %s", [r.instead]) if {
	not is_string(r.apiVersion)
	is_string(r.instead)
}

_fix(r) := "the API has no replacement" if {
	not is_string(r.apiVersion)
	not is_string(r.instead)
}
