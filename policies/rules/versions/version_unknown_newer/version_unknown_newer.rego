# METADATA
# title: Kubernetes version newer than the catalog knows
# description: |
#   The control plane runs a Kubernetes minor version newer than every minor version the
#   catalog knows for the cluster's platform: its support cannot be judged until the catalog is
#   updated (AKSARC-001 to 004 say nothing about it). On a platform whose Kubernetes calendar is
#   not published (AKS on Windows Server), newer than every minor the catalog knows at all.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#supported-version-policy
#     description: Supported version policy
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/supported-kubernetes-versions
#     description: Supported Kubernetes versions in AKS Arc
# custom:
#   id: AKSARC-091
#   name: version-unknown-newer
#   severity: warn
#   section: Supported version policy
#   input: snapshot
#   requires: [spec.cluster.kubernetesVersion]
#   remediation: Update aksarc-opa, or add the minor version to the catalog with a settings file (catalog.versions), so that its support dates can be judged.
package lib.aksarc.rules.versions.version_unknown_newer

import data.lib.aksarc.catalog
import data.lib.aksarc.result
import data.lib.aksarc.snapshot
import data.lib.aksarc.versions

violations(doc, ctx) := {f |
	snapshot.is_snapshot(doc)
	v := versions.parse(snapshot.cluster(doc).kubernetesVersion)
	platform := snapshot.platform(doc, ctx)
	newest := catalog.newest_any_minor(ctx, platform)
	versions.minor_ord(v) > versions.key_ord(newest)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("cluster %s runs Kubernetes %s, newer than every minor version the catalog knows for %s (newest: %s, catalog reviewed %s); its support cannot be judged until the catalog is updated", [doc.metadata.name, v.text, platform, newest, object.get(ctx.catalog, "reviewed", "never")]),
		{
			"kubernetesVersion": v.text,
			"minorVersion": v.minor_key,
			"platform": platform,
			"newestKnownMinor": newest,
			"catalogReviewed": object.get(ctx.catalog, "reviewed", null),
		},
	)
}
