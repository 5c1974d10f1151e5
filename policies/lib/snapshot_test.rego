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
