package lib.aksarc.snapshot_test

import data.lib.aksarc.snapshot
import data.lib.aksarc.testing

test_cluster_platform_from_the_snapshot if {
	c := testing.ctx_for("2025-11-01", testing.snapshot({"platform": "AzureLocal"}))
	snapshot.cluster_platform(c) == "AzureLocal"
}

test_cluster_platform_defaults_to_the_setting if {
	snapshot.cluster_platform(testing.ctx("2025-11-01")) == "WindowsServer"
	snapshot.cluster_platform(testing.ctx_with("2025-11-01", {"platform": "AzureLocal"})) == "AzureLocal"
	snapshot.cluster_platform(testing.ctx_for("2025-11-01", testing.snapshot({}))) == "WindowsServer"
}

test_cluster_version if {
	snapshot.cluster_version(testing.ctx_for("2025-11-01", testing.snapshot({}))).minor_key == "1.31"
	not snapshot.cluster_version(testing.ctx("2025-11-01"))
	not snapshot.cluster_version(testing.ctx_for("2025-11-01", testing.snapshot({"cluster": {"kubernetesVersion": "latest"}})))
}

no_versions := {"catalog": {"versions": null}}

test_cluster_minor_from_the_snapshot if {
	m := snapshot.cluster_minor(testing.ctx_for("2025-11-01", testing.snapshot({})))
	m.key == "1.31"
	m.version == "1.31.10"
	m.assumed == false
	m.v.minor_key == "1.31"
	m.v.patch == 10
}

test_cluster_minor_assumes_the_newest_minor_of_the_catalog if {
	m := snapshot.cluster_minor(testing.ctx("2025-11-01"))
	m == {"v": m.v, "key": "1.32", "version": null, "assumed": true}
	m.v.minor_key == "1.32"

	# An unreadable version of the ClusterSnapshot: assumed as well.
	bad := testing.ctx_for("2025-11-01", testing.snapshot({"cluster": {"kubernetesVersion": "latest"}}))
	snapshot.cluster_minor(bad).key == "1.32"
	snapshot.cluster_minor(bad).assumed == true
}

test_cluster_minor_assumes_for_the_cluster_platform if {
	override := {"catalog": {"platforms": {"AzureLocal": {"versions": {"1.33": {"released": "2025-10-25"}}}}}}
	snapshot.cluster_minor(testing.ctx_with("2025-11-01", override)).key == "1.32"
	snapshot.cluster_minor(testing.ctx_with("2025-11-01", object.union(override, {"platform": "AzureLocal"}))).key == "1.33"
}

test_cluster_minor_undefined_without_version_or_catalog if {
	not snapshot.cluster_minor(testing.ctx_with("2025-11-01", no_versions))
	snapshot.cluster_minor(object.union(testing.ctx_for("2025-11-01", testing.snapshot({})), {"catalog": {"versions": {}}})).key == "1.31"
}

test_snapshot_minor if {
	ctx := testing.ctx("2025-11-01")
	m := snapshot.snapshot_minor(testing.snapshot({"cluster": {"kubernetesVersion": "v1.30.14"}}), ctx)
	[m.key, m.version, m.assumed] == ["1.30", "1.30.14", false]
	a := snapshot.snapshot_minor(testing.snapshot({"cluster": {"kubernetesVersion": 1.3}}), ctx)
	[a.key, a.version, a.assumed] == ["1.32", null, true]
	not snapshot.snapshot_minor(testing.snapshot({"cluster": {"kubernetesVersion": null}}), testing.ctx_with("2025-11-01", no_versions))
	not snapshot.snapshot_minor({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}}, ctx)
}
