# METADATA
# description: Accessors for ClusterSnapshot documents (see docs/snapshot.md).
package lib.aksarc.snapshot

api_group := "support.aksarc.io"

is_snapshot(doc) if {
	doc.kind == "ClusterSnapshot"
	startswith(object.get(doc, "apiVersion", ""), concat("", [api_group, "/"]))
}

# platform is what the snapshot says, else the default the user chose.
platform(doc, _) := doc.spec.platform

platform(doc, ctx) := ctx.platform if not doc.spec.platform

# limits are the policy's day limits for the snapshot's platform.
limits(doc, ctx) := ctx.catalog.platforms[platform(doc, ctx)].limits

cluster(doc) := object.get(doc, ["spec", "cluster"], {})
