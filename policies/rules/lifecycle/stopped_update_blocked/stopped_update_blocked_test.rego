package lib.aksarc.rules.lifecycle.stopped_update_blocked_test

import data.lib.aksarc.rules.lifecycle.stopped_update_blocked as rule
import data.lib.aksarc.testing

stopped(platform, since) := testing.snapshot({
	"platform": platform,
	"cluster": {"power": {"state": "Stopped", "since": since}},
})

# 2025-11-01 minus 31 days is 2025-10-01; minus 91 days is 2025-08-02.

test_azure_local_fires_after_30_days if {
	fs := rule.violations(stopped("AzureLocal", "2025-10-01T00:00:00Z"), testing.ctx("2025-11-01"))
	count(fs) == 1
	some f in fs
	f.id == "AKSARC-041"
	f.name == "stopped-update-blocked"
	f.severity == "deny"
	f.details.stoppedDays == 31
	f.details.limitDays == 30
	f.details.platform == "AzureLocal"
	f.details.updateBlockedSince == "2025-10-31"
	f.message == "cluster test-cluster has been stopped since 2025-10-01 (31 days); a cluster stopped for more than 30 days on AzureLocal can no longer be updated"
	f.resource.name == "test-cluster"
	f.url == "https://learn.microsoft.com/azure/aks/aksarc/support-policies#stopped-or-disconnected-clusters"
}

test_windows_server_silent_after_31_days if {
	count(rule.violations(stopped("WindowsServer", "2025-10-01T00:00:00Z"), testing.ctx("2025-11-01"))) == 0
}

test_default_platform_is_windows_server if {
	doc := testing.snapshot({"cluster": {"power": {"state": "Stopped", "since": "2025-10-01T00:00:00Z"}}})
	count(rule.violations(doc, testing.ctx("2025-11-01"))) == 0
	some f in rule.violations(doc, testing.ctx("2025-12-31"))
	f.details.platform == "WindowsServer"
	f.details.limitDays == 90
}

test_ctx_platform_azure_local_applies_without_snapshot_platform if {
	doc := testing.snapshot({"cluster": {"power": {"state": "Stopped", "since": "2025-10-01T00:00:00Z"}}})
	some f in rule.violations(doc, testing.ctx_with("2025-11-01", {"platform": "AzureLocal"}))
	f.details.platform == "AzureLocal"
}

test_windows_server_fires_after_90_days if {
	some f in rule.violations(stopped("WindowsServer", "2025-08-02T00:00:00Z"), testing.ctx("2025-11-01"))
	f.id == "AKSARC-041"
	f.severity == "deny"
	f.details.stoppedDays == 91
	f.details.limitDays == 90
	f.details.updateBlockedSince == "2025-10-31"
}

test_azure_local_fires_after_91_days if {
	some f in rule.violations(stopped("AzureLocal", "2025-08-02T00:00:00Z"), testing.ctx("2025-11-01"))
	f.details.stoppedDays == 91
	f.details.limitDays == 30
}

test_windows_server_edges_at_90_days if {
	ctx := testing.ctx("2025-11-01")

	# 89 days, exactly 90 days: silent.
	count(rule.violations(stopped("WindowsServer", "2025-08-04T00:00:00Z"), ctx)) == 0
	count(rule.violations(stopped("WindowsServer", "2025-08-03T00:00:00Z"), ctx)) == 0

	# one second past 90 days: fires (90 whole days).
	some f in rule.violations(stopped("WindowsServer", "2025-08-02T23:59:59Z"), ctx)
	f.details.stoppedDays == 90
}

test_azure_local_edges_at_30_days if {
	ctx := testing.ctx("2025-11-01")
	count(rule.violations(stopped("AzureLocal", "2025-10-03T00:00:00Z"), ctx)) == 0
	count(rule.violations(stopped("AzureLocal", "2025-10-02T00:00:00Z"), ctx)) == 0
	count(rule.violations(stopped("AzureLocal", "2025-10-01T23:59:59Z"), ctx)) == 1
}

test_accepts_plain_dates if {
	count(rule.violations(stopped("AzureLocal", "2025-10-02"), testing.ctx("2025-11-01"))) == 0
	some f in rule.violations(stopped("AzureLocal", "2025-10-01"), testing.ctx("2025-11-01"))
	f.details.stoppedSince == "2025-10-01"
	f.details.stoppedDays == 31
}

test_catalog_limit_override if {
	ctx := testing.ctx_with("2025-11-01", {"catalog": {"platforms": {"WindowsServer": {"limits": {"stoppedUpdateBlockedDays": 20}}}}})
	some f in rule.violations(stopped("WindowsServer", "2025-10-01T00:00:00Z"), ctx)
	f.details.limitDays == 20
	f.details.updateBlockedSince == "2025-10-21"
	count(rule.violations(stopped("WindowsServer", "2025-10-12T00:00:00Z"), ctx)) == 0
}

test_silent_when_running if {
	doc := testing.snapshot({"cluster": {"power": {"state": "Running", "since": "2024-01-01T00:00:00Z"}}})
	count(rule.violations(doc, testing.ctx("2025-11-01"))) == 0
}

test_silent_without_since if {
	doc := testing.snapshot({"platform": "AzureLocal", "cluster": {"power": {"state": "Stopped"}}})
	count(rule.violations(doc, testing.ctx("2025-11-01"))) == 0
}

test_silent_with_malformed_since if {
	count(rule.violations(stopped("AzureLocal", "last summer"), testing.ctx("2025-11-01"))) == 0
}

test_silent_without_power_facts if {
	count(rule.violations(testing.snapshot({}), testing.ctx("2025-11-01"))) == 0
}

test_silent_for_other_documents if {
	doc := object.union(stopped("AzureLocal", "2024-01-01T00:00:00Z"), {"kind": "ConfigMap", "apiVersion": "v1"})
	count(rule.violations(doc, testing.ctx("2025-11-01"))) == 0
}

# A stop after the evaluation instant is never past the limit: silent, no negative count.
test_silent_when_stopped_after_the_evaluation_date if {
	count(rule.violations(stopped("AzureLocal", "2025-10-15T00:00:00Z"), testing.ctx("2025-10-01"))) == 0
	count(rule.violations(stopped("WindowsServer", "2025-10-15T00:00:00Z"), testing.ctx("2025-10-14"))) == 0
}
