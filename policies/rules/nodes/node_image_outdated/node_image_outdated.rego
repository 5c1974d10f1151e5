# METADATA
# title: Node image older than the patch window
# description: |
#   A node pool (spec.cluster.agentPoolProfiles[]) runs a node image whose date - nodeImageDate,
#   else the date in nodeImageVersion read with the catalog's infrastructure.nodeImageDatePatterns -
#   is more than nodeImageMaxAgeDays (default 60) calendar days before the evaluation date (exactly
#   60 days old is not a finding, 61 is). One finding per pool; a pool without a readable image
#   date is not judged.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#aks-arc-support-coverage-for-agent-nodes
#     description: AKS Arc support coverage for agent nodes (customer responsibilities)
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/cluster-upgrade
#     description: Upgrade an AKS Arc cluster (node images come with the upgrade on Azure Local)
# custom:
#   id: AKSARC-022
#   name: node-image-outdated
#   severity: warn
#   section: AKS Arc support coverage for agent nodes
#   input: snapshot
#   requires: ["spec.cluster.agentPoolProfiles[].nodeImageDate | spec.cluster.agentPoolProfiles[].nodeImageVersion"]
#   parameters: [nodeImageMaxAgeDays]
#   remediation: Move the node pool to the current node image with the AKS Arc tools - on Azure Local upgrade the cluster to the latest Kubernetes patch version (az aksarc upgrade; node-image-only updates are not supported), on Windows Server run Update-AksHciCluster -operatingSystem - and keep a monthly upgrade schedule.
package lib.aksarc.rules.nodes.node_image_outdated

import data.lib.aksarc.dates
import data.lib.aksarc.result
import data.lib.aksarc.snapshot

violations(doc, ctx) := {f |
	snapshot.is_snapshot(doc)
	max_age := ctx.parameters.nodeImageMaxAgeDays
	is_number(max_age)
	patterns := object.get(ctx, ["catalog", "infrastructure", "nodeImageDatePatterns"], [])
	some i, pool in _array(object.get(doc, ["spec", "cluster", "agentPoolProfiles"], []))
	is_object(pool)
	image := _image_date(pool, patterns)
	age := 0 - dates.days_until(ctx.asOf, image.date)
	age > max_age
	name := _pool_name(pool, i)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf(
			"node pool %s of cluster %s runs a node image from %s (%s), %d days before %s: more than the %d days allowed. AKS Arc publishes patched node images monthly but does not apply them automatically, and keeping agent nodes patched is the customer's job; upgrade the node pool to the current image",
			[name, doc.metadata.name, image.date, image.text, age, dates.date(ctx.asOf), max_age],
		),
		{
			"nodePool": name,
			"nodeImageVersion": object.get(pool, "nodeImageVersion", null),
			"imageDate": image.date,
			"dateSource": image.source,
			"ageDays": age,
			"maxAgeDays": max_age,
			"platform": snapshot.platform(doc, ctx),
		},
	)
}

# not_evaluated names the pools this rule could not judge: present, but with no readable image
# date (a gallery image name such as linux-cblmariner-0.11.26.10605 carries none). The evaluator
# lists them under "not evaluated" with the facts of METADATA requires.
not_evaluated(doc, ctx) := {x |
	snapshot.is_snapshot(doc)
	patterns := object.get(ctx, ["catalog", "infrastructure", "nodeImageDatePatterns"], [])
	some i, pool in _array(object.get(doc, ["spec", "cluster", "agentPoolProfiles"], []))
	is_object(pool)
	not _image_date(pool, patterns)
	x := result.not_evaluated(
		rego.metadata.chain(),
		sprintf("spec.cluster.agentPoolProfiles[%s].nodeImageDate (%s)", [_pool_name(pool, i), _why_no_date(pool)]),
	)
}

_why_no_date(pool) := sprintf("nodeImageVersion %s carries no date the catalog can read", [pool.nodeImageVersion]) if is_string(pool.nodeImageVersion)

_why_no_date(pool) := "no nodeImageDate or nodeImageVersion" if not is_string(object.get(pool, "nodeImageVersion", null))

# _image_date is the pool's image day (YYYY-MM-DD) and where it comes from: nodeImageDate when it
# is a readable date, else the first catalog pattern that finds a real date in nodeImageVersion.
_image_date(pool, _) := {
	"date": dates.date(dates.ns(pool.nodeImageDate)),
	"source": "nodeImageDate",
	"text": sprintf("nodeImageDate %s", [pool.nodeImageDate]),
} if {
	_readable(pool.nodeImageDate)
}

_image_date(pool, patterns) := {
	"date": found[0].date,
	"source": "nodeImageVersion",
	"text": sprintf("image %s", [pool.nodeImageVersion]),
} if {
	not _readable(object.get(pool, "nodeImageDate", null))
	is_string(pool.nodeImageVersion)
	found := _dates_in_name(trim_space(pool.nodeImageVersion), patterns)
	count(found) > 0
}

_readable(s) if dates.ns(s)

# _dates_in_name lists, in catalog order, the real dates the patterns find in an image name.
# A pattern that is not valid RE2 or has fewer than three groups is skipped.
_dates_in_name(name, patterns) := [{"date": d, "pattern": p.pattern} |
	some p in _array(patterns)
	is_string(p.pattern)
	regex.is_valid(p.pattern)
	some m in regex.find_all_string_submatch_n(p.pattern, name, 1)
	count(m) >= 4
	d := sprintf("%s-%s-%s", [m[1], m[2], m[3]])
	regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, d)
	dates.ns(d)
]

_pool_name(pool, _) := pool.name if is_string(pool.name)

_pool_name(pool, i) := sprintf("#%d", [i]) if not is_string(object.get(pool, "name", null))

_array(x) := x if is_array(x)

_array(x) := [] if not is_array(x)
