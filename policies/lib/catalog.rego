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
# patches, ...}) for the platform: ctx.catalog.versions with
# ctx.catalog.platforms[platform].versions merged over them, entry by entry.
versions(ctx, platform) := object.union(
	object.get(ctx, ["catalog", "versions"], {}),
	object.get(ctx, ["catalog", "platforms", platform, "versions"], {}),
)

# entry is the platform's catalog entry of a minor key such as "1.30"; undefined when unknown.
entry(ctx, platform, key) := versions(ctx, platform)[key]

# end_of_support is the last supported day (YYYY-MM-DD) of a minor version entry: its explicit
# endOfSupport, else its initial release plus one year (policy: "a support window of 1 year for
# each Kubernetes minor version, starting with the initial release date"). An override may set
# endOfSupport to null to fall back to the one-year window.
end_of_support(e) := e.endOfSupport if is_string(e.endOfSupport)

# A one-year window that starts on the release day ends the day before the anniversary.
end_of_support(e) := dates.add_days(dates.add_years(e.released, 1), -1) if not is_string(object.get(e, "endOfSupport", null))

# end_of_support_basis says where end_of_support comes from, for findings' details.
end_of_support_basis(e) := "catalog" if is_string(e.endOfSupport)

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

# released is true when the entry's release day is the as-of day or earlier; an entry without a
# release date counts as released.
released(ctx, e) if dates.days_until(ctx.asOf, e.released) <= 0

released(_, e) if not is_string(object.get(e, "released", null))

# removed is true when the entry's removal date is the as-of day or earlier.
removed(ctx, e) if dates.days_until(ctx.asOf, e.removed) <= 0

# list joins keys for a message, or says "none".
list(keys) := concat(", ", keys) if count(keys) > 0

list(keys) := "none" if count(keys) == 0
