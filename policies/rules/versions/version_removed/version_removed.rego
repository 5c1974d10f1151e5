# METADATA
# title: Kubernetes version removed from the servers
# description: |
#   The cluster's minor version has been removed from the Microsoft servers (the catalog's removal
#   date is the evaluation date or earlier): the cluster can no longer update Kubernetes or OS
#   versions and must be upgraded to the latest release.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#service-updates-and-releases
#     description: Service updates and releases
# custom:
#   id: AKSARC-002
#   name: version-removed
#   severity: deny
#   section: Service updates and releases
#   input: snapshot
#   requires: [spec.cluster.kubernetesVersion]
#   remediation: Upgrade the cluster to the latest AKS Arc release. Once a minor version is removed from the Microsoft servers, Kubernetes and OS updates are blocked; a cluster that is not in a healthy state may have to be fully redeployed.
package lib.aksarc.rules.versions.version_removed

import data.lib.aksarc.catalog
import data.lib.aksarc.dates
import data.lib.aksarc.result
import data.lib.aksarc.snapshot
import data.lib.aksarc.versions

violations(doc, ctx) := {f |
	snapshot.is_snapshot(doc)
	v := versions.parse(snapshot.cluster(doc).kubernetesVersion)
	platform := snapshot.platform(doc, ctx)
	e := catalog.entry(ctx, platform, v.minor_key)
	is_string(e.removed)
	days := dates.days_until(ctx.asOf, e.removed)
	days <= 0
	latest := catalog.newest_minor(ctx, platform)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("cluster %s runs Kubernetes %s: minor version %s was removed from the Microsoft servers on %s, so the cluster can no longer update Kubernetes or OS versions; upgrade it to the latest release (newest Kubernetes minor in the catalog: %s); a cluster that is not healthy may need a full redeployment", [doc.metadata.name, v.text, v.minor_key, e.removed, latest]),
		{
			"kubernetesVersion": v.text,
			"minorVersion": v.minor_key,
			"platform": platform,
			"removed": e.removed,
			"daysSinceRemoval": 0 - days,
			"latestVersion": latest,
		},
	)
}
