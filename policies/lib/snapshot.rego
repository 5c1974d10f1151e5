# METADATA
# description: Accessors for ClusterSnapshot documents (see docs/snapshot.md).
package lib.aksarc.snapshot

import data.lib.aksarc.versions

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

# cluster_platform is the platform an object is judged for: the platform of the ClusterSnapshot
# evaluated with it (ctx.cluster), else the default the user chose.
cluster_platform(ctx) := platform(ctx.cluster, ctx) if is_snapshot(ctx.cluster)

cluster_platform(ctx) := ctx.platform if not is_snapshot(object.get(ctx, "cluster", null))

# cluster_version is the parsed Kubernetes version of the ClusterSnapshot evaluated with an
# object (lib.aksarc.versions.parse); undefined when there is none or it does not parse.
cluster_version(ctx) := versions.parse(ctx.cluster.spec.cluster.kubernetesVersion) if is_snapshot(ctx.cluster)
