# METADATA
# description: |
#   The node pools of a ClusterSnapshot (spec.cluster.agentPoolProfiles[]) and the retirement of
#   their OS (catalog nodePoolOS), shared by AKSARC-024 and the support runway.
package lib.aksarc.nodepools

import data.lib.aksarc.dates

# pools are the node pool objects of a snapshot, in order; [] when there are none.
pools(doc) := [p | some p in _profiles(doc); is_object(p)]

_profiles(doc) := p if {
	p := object.get(doc, ["spec", "cluster", "agentPoolProfiles"], [])
	is_array(p)
}

_profiles(doc) := [] if not is_array(object.get(doc, ["spec", "cluster", "agentPoolProfiles"], []))

# name is the pool's name, or #N (its place, from 1) when it has none.
name(pool, _) := pool.name if is_string(pool.name)

name(pool, i) := sprintf("#%d", [i + 1]) if not is_string(object.get(pool, "name", null))

# os_retirements are the pools whose osSKU the catalog retires: {name, osSKU, entry (the catalog
# entry), retiredFrom (the first day after the retirement date or month: YYYY-MM-DD)}.
os_retirements(doc, ctx) := [r |
	some i, pool in pools(doc)
	entry := ctx.catalog.nodePoolOS.skus[pool.osSKU]
	r := {
		"name": name(pool, i),
		"osSKU": pool.osSKU,
		"entry": entry,
		"retiredFrom": dates.first_day_after(entry.retired),
	}
]
