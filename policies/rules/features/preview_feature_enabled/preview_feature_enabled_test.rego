package lib.aksarc.rules.features.preview_feature_enabled_test

import data.lib.aksarc.rules.features.preview_feature_enabled as rule
import data.lib.aksarc.testing

test_fires_per_preview_feature if {
	doc := testing.snapshot({"features": {"previewFeatures": ["gpu-partitioning", "nodepool-autoscaler-v2", "", 7]}})
	fs := rule.violations(doc, testing.ctx("2025-11-01"))
	{f.details.feature | some f in fs} == {"gpu-partitioning", "nodepool-autoscaler-v2"}
	some f in fs
	f.id == "AKSARC-062"
	f.severity == "warn"
	f.details.reason == "previewFeature"
	contains(f.message, "best-effort support in business hours")
}

test_silent_without_preview_features if {
	count(rule.violations(testing.snapshot({"features": {"previewFeatures": []}}), testing.ctx("2025-11-01"))) == 0
	count(rule.violations(testing.snapshot({}), testing.ctx("2025-11-01"))) == 0
	count(rule.violations(testing.snapshot({"features": {"previewFeatures": "all"}}), testing.ctx("2025-11-01"))) == 0
}

test_fires_for_a_preview_version_suffix if {
	doc := testing.snapshot({"cluster": {"kubernetesVersion": "1.32.2-preview"}})
	some f in rule.violations(doc, testing.ctx("2025-11-01"))
	f.details.reason == "previewVersion"
	f.details.basis == "version suffix"
	f.details.kubernetesVersion == "1.32.2-preview"
}

test_fires_for_a_minor_the_catalog_marks_preview if {
	c := testing.ctx_with("2025-11-01", {"catalog": {"platforms": {"AzureLocal": {"versions": {"1.32": {"preview": true}}}}}})
	al := testing.snapshot({"platform": "AzureLocal", "cluster": {"kubernetesVersion": "1.32.6"}})
	some f in rule.violations(al, c)
	f.details.basis == "marked preview in the catalog"
	f.details.platform == "AzureLocal"
	count(rule.violations(testing.snapshot({"cluster": {"kubernetesVersion": "1.32.6"}}), c)) == 0
}

test_silent_for_released_versions if {
	count(rule.violations(testing.snapshot({"cluster": {"kubernetesVersion": "1.32.6"}}), testing.ctx("2025-11-01"))) == 0
	count(rule.violations(testing.snapshot({"cluster": {"kubernetesVersion": "1.32.6-hotfix.1"}}), testing.ctx("2025-11-01"))) == 0
}

test_silent_for_other_documents if {
	other := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "spec": {"features": {"previewFeatures": ["x"]}}}
	count(rule.violations(other, testing.ctx("2025-11-01"))) == 0
}
