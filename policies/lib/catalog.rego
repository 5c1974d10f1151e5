# METADATA
# description: |
#   Reads the catalog in a rule's context: the Kubernetes minor versions a platform knows (the
#   shared entries with the platform's overrides merged over them), their end of support, and
#   the oldest and newest minor the catalog knows. Rules read versions only through these
#   functions, so that every rule agrees on what a platform's catalog says.
package lib.aksarc.catalog

import data.lib.aksarc.dates
import data.lib.aksarc.versions as k8sversions

# versions returns the minor version entries ("1.30" -> {released, endOfSupport, removed,
# patches, ...}) for the platform. Where the platform's Kubernetes calendar is published
# (calendar_published): ctx.catalog.versions with ctx.catalog.platforms[platform].versions merged
# over them, entry by entry. Where it is not (AKS on Windows Server): the platform's own entries
# alone, never the other platform's calendar borrowed silently.
# An entry a catalog override sets to null is switched off: the minor is then unknown to the
# catalog (AKSARC-001 judges a minor it does not know), never an entry that holds no dates.
# lib/context removes every other null of an override; a platform's own versions keep theirs,
# as a null there switches the minor off over catalog.versions, which only this merge can do.
versions(ctx, platform) := _known_versions(ctx, platform) if {
	calendar_published(ctx, platform)
}

versions(ctx, platform) := _switched_on(_own_versions(ctx, platform)) if not calendar_published(ctx, platform)

_switched_on(entries) := {key: e | some key, e in entries; e != null}

_own_versions(ctx, platform) := v if {
	v := object.get(ctx, ["catalog", "platforms", platform, "versions"], {})
	is_object(v)
} else := {}

# calendar_published is true unless the catalog says that no source publishes the platform's
# Kubernetes calendar (platforms.<p>.kubernetesCalendar.published: false).
calendar_published(ctx, platform) if {
	not object.get(ctx, ["catalog", "platforms", platform, "kubernetesCalendar", "published"], true) == false
}

# calendar_missing is true when the platform's calendar is not published and the catalog has no
# entry of its own for the minor key: AKSARC-001 to 004 cannot judge the version (not evaluated).
calendar_missing(ctx, platform, key) if {
	not calendar_published(ctx, platform)
	not versions(ctx, platform)[key]
}

# calendar_missing_text says what is missing, for a not-evaluated entry.
calendar_missing_text(platform, key) := sprintf("spec.cluster.kubernetesVersion (no source publishes the Kubernetes versions and dates of AKS Arc on %s, and the catalog has no entry of its own for %s: give it as platforms.%s.versions[\"%s\"] in a catalog override)", [platform, key, platform, key])

# facts_through is the last day the catalog's facts cover (factsThrough: a month is read as its
# last day); undefined when the catalog does not say.
facts_through(ctx) := dates.last_day(ctx.catalog.factsThrough)

# past_facts is true when the as-of day is later than the last day the catalog's facts cover:
# releases, Kubernetes versions and patches published since are unknown to it.
past_facts(ctx) if dates.days_until(ctx.asOf, facts_through(ctx)) < 0

# facts_text says how far the catalog's facts go, for messages.
facts_text(ctx) := sprintf("the catalog's facts end with %s (reviewed %s)", [ctx.catalog.factsThrough, _reviewed(ctx)])

_reviewed(ctx) := ctx.catalog.reviewed if is_string(ctx.catalog.reviewed)

_reviewed(ctx) := "on an unknown date" if not is_string(object.get(ctx, ["catalog", "reviewed"], null))

# entry is the platform's catalog entry of a minor key such as "1.30"; undefined when unknown.
entry(ctx, platform, key) := versions(ctx, platform)[key]

# end_of_support is the last supported day (YYYY-MM-DD) of a minor version entry: its explicit
# endOfSupport, else its initial release plus one year (policy: "a support window of 1 year for
# each Kubernetes minor version, starting with the initial release date"). An override may set
# endOfSupport to null to fall back to the one-year window.
# A date known only to the month (YYYY-MM) is read as the month's last day, so that a deny never
# fires before the month has ended.
end_of_support(e) := dates.last_day(e.endOfSupport) if is_string(e.endOfSupport)

# A one-year window that starts on the release day ends the day before the anniversary (a release
# known only to the month counts from its last day).
end_of_support(e) := dates.add_days(dates.add_years(dates.last_day(e.released), 1), -1) if not is_string(object.get(e, "endOfSupport", null))

# end_of_support_basis says where end_of_support comes from, for findings' details.
end_of_support_basis(e) := "catalog" if dates.precision(e.endOfSupport) == "day"

end_of_support_basis(e) := "catalog (month: its last day)" if dates.precision(e.endOfSupport) == "month"

end_of_support_basis(e) := "released + 1 year" if not is_string(object.get(e, "endOfSupport", null))

# minor_keys is the set of the platform's catalog keys that are Kubernetes minor versions.
minor_keys(ctx, platform) := {key |
	some key, _ in versions(ctx, platform)
	k8sversions.key_ord(key)
}

# newest_minor / oldest_minor are the newest and oldest minor keys the platform's catalog knows;
# undefined when it knows none.
newest_minor(ctx, platform) := _key_with_ord(minor_keys(ctx, platform), max({k8sversions.key_ord(k) | some k in minor_keys(ctx, platform)}))

oldest_minor(ctx, platform) := _key_with_ord(minor_keys(ctx, platform), min({k8sversions.key_ord(k) | some k in minor_keys(ctx, platform)}))

# newest_known_minor is the newest minor the catalog knows for the platform or shared (whether or
# not the platform's calendar is published) that was released as of ctx.asOf, else the newest it
# knows: the Kubernetes minor an object is assumed to be judged at (its APIs and feature gates),
# never a support date.
newest_known_minor(ctx, platform) := _newest(released_keys) if {
	released_keys := {key |
		some key, e in _known_versions(ctx, platform)
		k8sversions.key_ord(key)
		released(ctx, e)
	}
	count(released_keys) > 0
} else := _newest({key | some key, _ in _known_versions(ctx, platform); k8sversions.key_ord(key)})

# newest_any_minor is the newest minor the catalog knows for the platform, or shared where the
# platform's calendar is not published: a version newer than it is unknown to the catalog.
newest_any_minor(ctx, platform) := _newest({key | some key, _ in _known_versions(ctx, platform); k8sversions.key_ord(key)})

_known_versions(ctx, platform) := _switched_on(object.union(object.get(ctx, ["catalog", "versions"], {}), _own_versions(ctx, platform)))

_newest(keys) := _key_with_ord(keys, max({k8sversions.key_ord(k) | some k in keys})) if count(keys) > 0

_key_with_ord(keys, ord) := min({k | some k in keys; k8sversions.key_ord(k) == ord})

# sorted_minors orders minor keys by version (oldest first): "1.9" before "1.10".
sorted_minors(keys) := [k |
	some ord in sort({k8sversions.key_ord(x) | some x in keys})
	k := _key_with_ord(keys, ord)
]

# available_minors are the minors a cluster on the platform can move to as of ctx.asOf: released
# (the as-of day is not before the release), in support (the as-of day is not past the end of
# support) and not removed from the servers. Oldest first.
available_minors(ctx, platform) := sorted_minors({key |
	some key in minor_keys(ctx, platform)
	e := versions(ctx, platform)[key]
	released(ctx, e)
	dates.days_until(ctx.asOf, end_of_support(e)) >= 0
	not removed(ctx, e)
})

# newer_minors are the platform's minors newer than the parsed version v and released as of
# ctx.asOf, oldest first: the path of a one-minor-at-a-time upgrade.
newer_minors(ctx, platform, v) := sorted_minors({key |
	some key in minor_keys(ctx, platform)
	k8sversions.key_ord(key) > k8sversions.minor_ord(v)
	released(ctx, versions(ctx, platform)[key])
})

# upgrade_targets are the available minors newer than v (no downgrades), oldest first.
upgrade_targets(ctx, platform, v) := [key |
	some key in available_minors(ctx, platform)
	k8sversions.key_ord(key) > k8sversions.minor_ord(v)
]

# released is true when the entry's release day is the as-of day or earlier (a month: its last
# day, so that no advice names a version before it certainly shipped); an entry without a
# release date counts as released.
released(ctx, e) if dates.days_until(ctx.asOf, dates.last_day(e.released)) <= 0

released(_, e) if not is_string(object.get(e, "released", null))

# removed is true when the entry's removal date is the as-of day or earlier (a month: from the
# first day after it, so that a deny never fires before the month has ended).
removed(ctx, e) if dates.days_until(ctx.asOf, removed_from(e)) <= 0

# removed_from is the first day on which the entry's removal is certain.
removed_from(e) := dates.from_day(e.removed)

# current_patches are the current patch versions ("1.31.10") of the minor key on the platform as
# of ctx.asOf, sorted; undefined when the catalog cannot say (no list, or the as-of day is past
# the catalog's facts). The platform's (or the shared) entry's patches [{version, available}]
# where it lists them; on AzureLocal otherwise the list of the newest release available on the
# as-of day (a release known only to the month counts from the month's last day), together with
# the lists of newer releases that may already be available (released in the as-of month), so
# that no patch is called outdated before its successor certainly shipped.
current_patches(ctx, platform, key) := _by_patch(ps) if {
	not past_facts(ctx)
	ps := _entry_patches(ctx, versions(ctx, platform)[key])
	count(ps) > 0
}

current_patches(ctx, platform, key) := _by_patch(ps) if {
	not past_facts(ctx)
	not _has_entry_patches(versions(ctx, platform)[key])
	ps := {p |
		some r in _current_releases(ctx, platform)
		some p in r.kubernetesVersions
		is_string(p)
		k8sversions.parse(p).minor_key == key
	}
	count(ps) > 0
}

# _by_patch orders patch versions by their patch number ("1.31.9" before "1.31.10").
_by_patch(ps) := [p |
	some n in sort({k8sversions.parse(x).patch | some x in ps})
	p := min({x | some x in ps; k8sversions.parse(x).patch == n})
]

_has_entry_patches(e) if count(object.get(e, "patches", [])) > 0

_entry_patches(ctx, e) := {p.version |
	some p in e.patches
	is_object(p)
	is_string(p.version)
	dates.days_until(ctx.asOf, _first_day(p.available)) <= 0
} | {p | some p in e.patches; is_string(p)}

# _first_day is the first day a catalog date may stand for: the day, or a month's first day.
_first_day(s) := s if dates.precision(s) == "day"

_first_day(s) := concat("", [s, "-01"]) if dates.precision(s) == "month"

# The platform's releases that list their Kubernetes versions, with an order ("2411.1" after
# "2411", before "2503").
_listing_releases(ctx, platform) := {k: object.union(r, {"ord": release_ord(k)}) |
	some k, r in object.get(ctx, ["catalog", "platforms", platform, "releases"], {})
	is_array(r.kubernetesVersions)
	is_string(r.released)
	release_ord(k)
}

_current_releases(ctx, platform) := {r |
	rs := _listing_releases(ctx, platform)
	certain := max({r.ord | some r in rs; dates.days_until(ctx.asOf, dates.last_day(r.released)) <= 0})
	some r in rs
	r.ord >= certain
	dates.days_until(ctx.asOf, _first_day(r.released)) <= 0
}

# release_ord orders Azure Local release keys: YYMM, optionally a build after a dot.
release_ord(k) := (to_number(m[1]) * 100000) + _build(m[2]) if {
	is_string(k)
	m := regex.find_all_string_submatch_n(`^([0-9]{4})(?:\.([0-9]{1,5}))?$`, trim_space(k), 1)[0]
}

_build("") := 0

_build(s) := to_number(s) if s != ""

# list joins keys for a message, or says "none".
list(keys) := concat(", ", keys) if count(keys) > 0

list(keys) := "none" if count(keys) == 0
