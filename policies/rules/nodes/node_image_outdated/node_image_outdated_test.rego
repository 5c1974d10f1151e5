package lib.aksarc.rules.nodes.node_image_outdated_test

import data.aksarc.catalog
import data.lib.aksarc.rules.nodes.node_image_outdated as rule
import data.lib.aksarc.testing

pools(ps) := testing.snapshot({"cluster": {"kubernetesVersion": "1.31.10", "agentPoolProfiles": ps}})

pool(extra) := object.union({"name": "nodepool1", "count": 3, "osType": "Linux", "osSKU": "CBLMariner", "kubernetesVersion": "1.31.10"}, extra)

dated(day) := pools([pool({"nodeImageDate": day})])

named(image) := pools([pool({"nodeImageVersion": image})])

nov_1 := testing.ctx("2025-11-01")

# 2025-09-01 is 61 calendar days before 2025-11-01: one day more than the 60 allowed.
test_fires_when_the_image_is_61_days_old if {
	fs := rule.violations(dated("2025-09-01"), nov_1)
	count(fs) == 1
	some f in fs
	f.id == "AKSARC-022"
	f.name == "node-image-outdated"
	f.severity == "warn"
	f.resource.kind == "ClusterSnapshot"
	f.resource.name == "test-cluster"
	f.details.nodePool == "nodepool1"
	f.details.imageDate == "2025-09-01"
	f.details.dateSource == "nodeImageDate"
	f.details.ageDays == 61
	f.details.maxAgeDays == 60
	f.details.nodeImageVersion == null
	f.details.platform == "WindowsServer"
	contains(f.message, "node pool nodepool1 of cluster test-cluster")
	contains(f.message, "61 days before 2025-11-01")
	contains(f.message, "more than the 60 days allowed")
	contains(f.message, "does not apply them automatically")
}

test_silent_when_the_image_is_exactly_60_days_old if {
	count(rule.violations(dated("2025-09-02"), nov_1)) == 0
}

test_silent_for_recent_and_future_images if {
	count(rule.violations(dated("2025-10-15"), nov_1)) == 0
	count(rule.violations(dated("2025-11-01"), nov_1)) == 0
	count(rule.violations(dated("2025-12-01"), nov_1)) == 0
}

test_the_same_image_ages_into_a_finding if {
	count(rule.violations(dated("2025-09-02"), testing.ctx("2025-11-01"))) == 0
	some f in rule.violations(dated("2025-09-02"), testing.ctx("2025-11-02"))
	f.details.ageDays == 61
}

test_a_timestamp_counts_as_its_day if {
	some f in rule.violations(dated("2025-09-01T23:59:59Z"), nov_1)
	f.details.imageDate == "2025-09-01"
	f.details.ageDays == 61
	count(rule.violations(dated("2025-09-02T00:00:01Z"), nov_1)) == 0
}

test_date_read_from_the_image_version if {
	fs := rule.violations(named("Linux-K8s-1.31.10-v20250901"), nov_1)
	count(fs) == 1
	some f in fs
	f.details.dateSource == "nodeImageVersion"
	f.details.nodeImageVersion == "Linux-K8s-1.31.10-v20250901"
	f.details.imageDate == "2025-09-01"
	contains(f.message, "image Linux-K8s-1.31.10-v20250901")
	count(rule.violations(named("Linux-K8s-1.31.10-v20250902"), nov_1)) == 0
}

test_windows_vhd_names_carry_their_build_timestamp if {
	some f in rule.violations(named("Windows_K8s_17763.2928.220505-1621_202205101158"), nov_1)
	f.details.imageDate == "2022-05-10"
	some g in rule.violations(named("Windows_K8s_17763.2928.220505-1621_202205101158.vhdx"), nov_1)
	g.details.imageDate == "2022-05-10"
}

test_undated_image_names_are_not_judged if {
	count(rule.violations(named("linux-cblmariner-0.11.26.10605"), nov_1)) == 0
	count(rule.violations(named("windows-windows2022-0.2.0.10503"), nov_1)) == 0
	count(rule.violations(named("Linux-K8s-1.31.10"), nov_1)) == 0
}

test_impossible_dates_in_names_are_not_judged if {
	count(rule.violations(named("Linux-K8s-1.31.10-v20251345"), nov_1)) == 0
	count(rule.violations(named("Linux-K8s-1.31.10-v2025090"), nov_1)) == 0
}

test_node_image_date_wins_over_the_version if {
	fresh := pools([pool({"nodeImageDate": "2025-10-20", "nodeImageVersion": "Linux-K8s-1.31.10-v20250101"})])
	count(rule.violations(fresh, nov_1)) == 0
	stale := pools([pool({"nodeImageDate": "2025-08-01", "nodeImageVersion": "Linux-K8s-1.31.10-v20251020"})])
	some f in rule.violations(stale, nov_1)
	f.details.dateSource == "nodeImageDate"
	f.details.imageDate == "2025-08-01"
	f.details.nodeImageVersion == "Linux-K8s-1.31.10-v20251020"
}

test_an_unreadable_node_image_date_falls_back_to_the_version if {
	doc := pools([pool({"nodeImageDate": "last month", "nodeImageVersion": "Linux-K8s-1.31.10-v20250801"})])
	some f in rule.violations(doc, nov_1)
	f.details.dateSource == "nodeImageVersion"
	f.details.imageDate == "2025-08-01"
	count(rule.violations(pools([pool({"nodeImageDate": 20250801})]), nov_1)) == 0
}

test_one_finding_per_old_pool if {
	doc := pools([
		pool({"name": "linux", "nodeImageVersion": "Linux-K8s-1.31.10-v20250701"}),
		pool({"name": "win", "osType": "Windows", "nodeImageDate": "2025-08-15"}),
		pool({"name": "fresh", "nodeImageVersion": "Linux-K8s-1.31.10-v20251015"}),
		pool({"name": "undated"}),
	])
	fs := rule.violations(doc, nov_1)
	{[f.details.nodePool, f.details.ageDays] | some f in fs} == {["linux", 123], ["win", 78]}
}

test_parameter_changes_the_limit if {
	c30 := testing.ctx_with("2025-11-01", {"parameters": {"nodeImageMaxAgeDays": 30}})
	some f in rule.violations(dated("2025-10-01"), c30)
	f.details.ageDays == 31
	f.details.maxAgeDays == 30
	count(rule.violations(dated("2025-10-02"), c30)) == 0
	c90 := testing.ctx_with("2025-11-01", {"parameters": {"nodeImageMaxAgeDays": 90}})
	count(rule.violations(dated("2025-08-15"), c90)) == 0
}

test_a_malformed_parameter_judges_nothing if {
	c := testing.ctx_with("2025-11-01", {"parameters": {"nodeImageMaxAgeDays": "sixty"}})
	count(rule.violations(dated("2020-01-01"), c)) == 0
}

test_catalog_override_adds_a_pattern if {
	c := testing.ctx_with("2025-11-01", {"catalog": {"infrastructure": {"nodeImageDatePatterns": [
		{"pattern": "(", "note": "not RE2: skipped"},
		{"pattern": `^img-([0-9]{4})([0-9]{2})$`, "note": "two groups: skipped"},
		{"pattern": 42},
		{"pattern": `^img-([0-9]{4})\.([0-9]{2})\.([0-9]{2})$`},
	]}}})
	some f in rule.violations(named("img-2025.08.30"), c)
	f.details.imageDate == "2025-08-30"
	count(rule.violations(named("img-2025.08.30"), nov_1)) == 0

	# The override replaces the list: the default pattern no longer applies.
	count(rule.violations(named("Linux-K8s-1.31.10-v20250101"), c)) == 0
}

test_both_platforms if {
	doc := testing.snapshot({"platform": "AzureLocal", "cluster": {"kubernetesVersion": "1.32.6", "agentPoolProfiles": [pool({"nodeImageDate": "2025-06-30"})]}})
	some f in rule.violations(doc, nov_1)
	f.details.platform == "AzureLocal"
	f.details.ageDays == 124
}

test_malformed_pools_are_skipped if {
	count(rule.violations(pools("nodepool1"), nov_1)) == 0
	count(rule.violations(pools(["nodepool1", 3, null]), nov_1)) == 0
	count(rule.violations(pools([pool({"nodeImageVersion": 20250101})]), nov_1)) == 0
	count(rule.violations(testing.snapshot({"cluster": "broken"}), nov_1)) == 0
	count(rule.violations(testing.snapshot({}), nov_1)) == 0
}

test_a_pool_without_name_is_named_by_index if {
	doc := pools([{"count": 1, "nodeImageDate": "2025-01-01"}])
	some f in rule.violations(doc, nov_1)
	f.details.nodePool == "#0"
}

test_silent_for_other_documents if {
	other := object.union(dated("2025-01-01"), {"apiVersion": "apps/v1", "kind": "Deployment"})
	count(rule.violations(other, nov_1)) == 0
}

# The catalog's own patterns read their examples: the data is not wrong about its format.
test_catalog_patterns_read_their_examples if {
	patterns := catalog.catalog.infrastructure.nodeImageDatePatterns
	count(patterns) > 0
	every p in patterns {
		regex.is_valid(p.pattern)
		count(regex.find_all_string_submatch_n(p.pattern, p.example, 1)) == 1
		startswith(p.source, "https://")
	}
}

test_pools_without_a_readable_date_are_reported_not_evaluated if {
	doc := pools([
		pool({"name": "gallery", "nodeImageVersion": "linux-cblmariner-0.11.26.10605"}),
		pool({"name": "bare"}),
		pool({"name": "dated", "nodeImageDate": "2025-10-01"}),
	])
	rule.not_evaluated(doc, testing.ctx("2025-11-01")) == {
		{"id": "AKSARC-022", "missing": "spec.cluster.agentPoolProfiles[gallery].nodeImageDate (nodeImageVersion linux-cblmariner-0.11.26.10605 carries no date the catalog can read)"},
		{"id": "AKSARC-022", "missing": "spec.cluster.agentPoolProfiles[bare].nodeImageDate (no nodeImageDate or nodeImageVersion)"},
	}
}

test_dated_pools_and_other_documents_are_evaluated if {
	count(rule.not_evaluated(pools([pool({"nodeImageVersion": "Linux-K8s-1.31.10-v20251015"})]), testing.ctx("2025-11-01"))) == 0
	count(rule.not_evaluated({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}}, testing.ctx("2025-11-01"))) == 0
}
