# METADATA
# description: |
#   Builders for the policies' unit tests: a minimal ClusterSnapshot with the facts a test sets,
#   and a context pinned to a date with the embedded catalog. Used only by *_test.rego files.
package lib.aksarc.testing

import data.aksarc.catalog
import data.lib.aksarc.context
import data.lib.aksarc.dates

# snapshot returns a ClusterSnapshot named test-cluster whose spec is the given spec merged over
# a Kubernetes version that is supported on 2025-11-01 (1.31.10).
snapshot(spec) := {
	"apiVersion": "support.aksarc.io/v1alpha1",
	"kind": "ClusterSnapshot",
	"metadata": {"name": "test-cluster"},
	"spec": object.union({"cluster": {"kubernetesVersion": "1.31.10"}}, spec),
}

# ctx is the context on the given YYYY-MM-DD date (midnight UTC) with default settings.
ctx(day) := context.build({}, dates.ns(day), catalog.catalog, null)

# ctx_with is ctx with settings (platform, parameters, catalog overrides).
ctx_with(day, settings) := context.build(settings, dates.ns(day), catalog.catalog, null)

# ctx_for is ctx with a ClusterSnapshot evaluated alongside (what object rules see as ctx.cluster).
ctx_for(day, cluster) := context.build({}, dates.ns(day), catalog.catalog, cluster)
