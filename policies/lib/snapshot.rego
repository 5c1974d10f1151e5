# METADATA
# description: Accessors for ClusterSnapshot documents (see docs/snapshot.md).
package lib.aksarc.snapshot

import data.lib.aksarc.catalog
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

# tool names the command of the snapshot's platform for a task (catalog platforms.<p>.tools:
# upgradeCluster, listVersions, addNodePool, removeNodePool, name): az aksarc on Azure Local, the
# AksHci PowerShell module on Windows Server.
tool(doc, ctx, task) := ctx.catalog.platforms[platform(doc, ctx)].tools[task]

# cluster_platform is the platform an object is judged for: the platform of the ClusterSnapshot
# evaluated with it (ctx.cluster), else the default the user chose.
cluster_platform(ctx) := platform(ctx.cluster, ctx) if is_snapshot(ctx.cluster)

cluster_platform(ctx) := ctx.platform if not is_snapshot(object.get(ctx, "cluster", null))

# cluster_version is the parsed Kubernetes version of the ClusterSnapshot evaluated with an
# object (lib.aksarc.versions.parse); undefined when there is none or it does not parse.
cluster_version(ctx) := versions.parse(ctx.cluster.spec.cluster.kubernetesVersion) if is_snapshot(ctx.cluster)

# cluster_minor is the Kubernetes minor version an object is judged at: the version of the
# ClusterSnapshot evaluated with it (ctx.cluster), else the newest minor the catalog knows for
# cluster_platform(ctx), marked assumed. {"v": the parsed version (lib.aksarc.versions.parse),
# "key": "1.31", "version": "1.31.10" (null when assumed), "assumed": true | false}; undefined
# when neither is known.
cluster_minor(ctx) := {"v": v, "key": v.minor_key, "version": v.text, "assumed": false} if {
	v := cluster_version(ctx)
} else := assumed_minor(ctx, cluster_platform(ctx))

# snapshot_minor is the same for a ClusterSnapshot document itself: its own Kubernetes version,
# else the newest minor of its platform's catalog (assumed).
snapshot_minor(doc, ctx) := {"v": v, "key": v.minor_key, "version": v.text, "assumed": false} if {
	is_snapshot(doc)
	v := versions.parse(cluster(doc).kubernetesVersion)
} else := assumed_minor(ctx, platform(doc, ctx)) if is_snapshot(doc)

# assumed_minor is the newest minor the catalog knows for the platform (its Kubernetes APIs, not
# its support dates: lib.aksarc.catalog.newest_known_minor), as an assumed cluster minor.
assumed_minor(ctx, platform) := {"v": versions.parse(key), "key": key, "version": null, "assumed": true} if {
	key := catalog.newest_known_minor(ctx, platform)
}
