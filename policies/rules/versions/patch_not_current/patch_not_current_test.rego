package lib.aksarc.rules.versions.patch_not_current_test

import data.lib.aksarc.rules.versions.patch_not_current as rule
import data.lib.aksarc.testing

# The catalog's current patches of 1.31: 1.31.9 and 1.31.10.
cluster(version, pools) := testing.snapshot({"cluster": {"kubernetesVersion": version, "agentPoolProfiles": pools}})

test_silent_on_current_patches if {
	count(rule.violations(cluster("1.31.10", [{"name": "np1", "kubernetesVersion": "v1.31.9"}]), testing.ctx("2025-11-01"))) == 0
}

test_fires_for_an_old_control_plane_patch if {
	fs := rule.violations(cluster("1.31.4", []), testing.ctx("2025-11-01"))
	count(fs) == 1
	some f in fs
	f.id == "AKSARC-004"
	f.severity == "warn"
	f.details.subject == "controlPlane"
	f.details.kubernetesVersion == "1.31.4"
	f.details.currentPatches == ["1.31.9", "1.31.10"]
	f.details.newerThanCatalog == false
	contains(f.message, "the control plane of cluster test-cluster runs Kubernetes 1.31.4")
	endswith(f.message, "upgrade to 1.31.10")
}

test_fires_per_node_pool if {
	pools := [
		{"name": "linux", "kubernetesVersion": "1.31.10"},
		{"name": "win", "kubernetesVersion": "1.31.5"},
		{"kubernetesVersion": "1.30.4"},
	]
	fs := rule.violations(cluster("1.31.10", pools), testing.ctx("2025-11-01"))
	{[f.details.subject, f.details.name, f.details.kubernetesVersion] | some f in fs} == {
		["nodePool", "win", "1.31.5"],
		["nodePool", "#2", "1.30.4"],
	}
}

test_newer_than_the_catalog_says_so if {
	some f in rule.violations(cluster("1.31.12", []), testing.ctx("2025-11-01"))
	f.details.newerThanCatalog == true
	contains(f.message, "newer than every patch the catalog lists")
}

test_platform_override_of_patches if {
	c := testing.ctx_with("2025-11-01", {"catalog": {"platforms": {"AzureLocal": {"versions": {"1.31": {"patches": ["1.31.11"]}}}}}})
	al := testing.snapshot({"platform": "AzureLocal", "cluster": {"kubernetesVersion": "1.31.10"}})
	some f in rule.violations(al, c)
	f.details.platform == "AzureLocal"
	f.details.currentPatches == ["1.31.11"]
	count(rule.violations(cluster("1.31.10", []), c)) == 0
}

test_catalog_patch_written_with_v_matches if {
	c := testing.ctx_with("2025-11-01", {"catalog": {"versions": {"1.31": {"patches": ["v1.31.10"]}}}})
	count(rule.violations(cluster("1.31.10", []), c)) == 0
}

test_no_current_patches_in_the_catalog if {
	c := testing.ctx_with("2025-11-01", {"catalog": {"versions": {"1.31": {"patches": []}}}})
	some f in rule.violations(cluster("1.31.10", []), c)
	contains(f.message, "(current: none)")
	endswith(f.message, "upgrade to a supported version")
}

test_silent_without_a_patch_number if {
	count(rule.violations(cluster("1.31", []), testing.ctx("2025-11-01"))) == 0
}

test_silent_for_minors_the_catalog_does_not_know if {
	count(rule.violations(cluster("1.40.1", []), testing.ctx("2025-11-01"))) == 0
	count(rule.violations(cluster("1.20.1", []), testing.ctx("2025-11-01"))) == 0
}

test_silent_on_malformed_pools if {
	count(rule.violations(cluster("1.31.10", ["np", {"name": 7, "kubernetesVersion": 131}]), testing.ctx("2025-11-01"))) == 0
}

test_silent_for_other_documents if {
	count(rule.violations({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}}, testing.ctx("2025-11-01"))) == 0
}
