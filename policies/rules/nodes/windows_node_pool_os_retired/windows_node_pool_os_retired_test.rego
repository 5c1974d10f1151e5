package lib.aksarc.rules.nodes.windows_node_pool_os_retired_test

import data.lib.aksarc.rules.nodes.windows_node_pool_os_retired as rule
import data.lib.aksarc.testing

pools(platform, list) := testing.snapshot({"platform": platform, "cluster": {"agentPoolProfiles": list}})

ws2019 := {"name": "win19", "osType": "Windows", "osSKU": "Windows2019"}

ws2022 := {"name": "win22", "osType": "Windows", "osSKU": "Windows2022"}

linux := {"name": "linux", "osType": "Linux", "osSKU": "CBLMariner"}

only(fs) := f if {
	count(fs) == 1
	some f in fs
}

# Windows Server 2019 node pools: retired after March 2026 (a month), denied from 2026-04-01.
test_denies_from_the_day_after_the_month if {
	f := only(rule.violations(pools("AzureLocal", [ws2019, linux]), testing.ctx("2026-04-01")))
	f.id == "AKSARC-024"
	f.severity == "deny"
	f.details == {"nodePool": "win19", "osSKU": "Windows2019", "retired": "2026-03", "retiredFrom": "2026-04-01", "daysLeft": 0, "platform": "AzureLocal"}
	f.message == "node pool win19 of cluster test-cluster runs Windows Server 2019 (osSKU Windows2019), which AKS Arc retired after 2026-03 (the source gives the month): since 2026-04-01 its Kubernetes upgrades are blocked, no new Windows2019 pool can be created and it gets no security updates; create a Windows2022 pool with az aksarc nodepool add, move the Windows workloads to it and delete this one with az aksarc nodepool delete"
}

# Never early: on the last day of the month it is a warning, one day left.
test_warns_on_the_last_day_of_the_month if {
	f := only(rule.violations(pools("AzureLocal", [ws2019]), testing.ctx("2026-03-31")))
	f.severity == "warn"
	f.details.daysLeft == 1
	contains(f.message, "from 2026-04-01 (1 day left)")
}

test_warns_within_version_warn_days if {
	only(rule.violations(pools("AzureLocal", [ws2019]), testing.ctx("2026-01-31"))).details.daysLeft == 60
	count(rule.violations(pools("AzureLocal", [ws2019]), testing.ctx("2026-01-30"))) == 0
	ctx := testing.ctx_with("2026-01-01", {"parameters": {"versionWarnDays": 90}})
	only(rule.violations(pools("AzureLocal", [ws2019]), ctx)).severity == "warn"
}

# Windows Server names the AksHci PowerShell tools, not az aksarc.
test_windows_server_names_its_own_tools if {
	f := only(rule.violations(pools("WindowsServer", [ws2019]), testing.ctx("2026-06-01")))
	contains(f.message, "create a Windows2022 pool with New-AksHciNodePool, move the Windows workloads to it and delete this one with Remove-AksHciNodePool")
	not contains(f.message, "az aksarc")
}

test_windows_server_2022_pools_from_april_2027 if {
	count(rule.violations(pools("WindowsServer", [ws2022]), testing.ctx("2026-06-01"))) == 0
	only(rule.violations(pools("WindowsServer", [ws2022]), testing.ctx("2027-03-31"))).severity == "warn"
	f := only(rule.violations(pools("WindowsServer", [ws2022]), testing.ctx("2027-04-01")))
	f.severity == "deny"
	contains(f.message, "no newer Windows node pool OS is announced")
}

test_silent_for_linux_and_unknown_skus if {
	count(rule.violations(pools("AzureLocal", [linux, {"name": "w", "osType": "Windows", "osSKU": "Windows2025"}]), testing.ctx("2030-01-01"))) == 0
	count(rule.violations(testing.snapshot({}), testing.ctx("2030-01-01"))) == 0
	count(rule.violations({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}}, testing.ctx("2030-01-01"))) == 0
}

test_unnamed_pool if {
	f := only(rule.violations(pools("AzureLocal", [{"osSKU": "Windows2019"}]), testing.ctx("2026-04-01")))
	f.details.nodePool == "#1"
}

test_windows_pool_without_sku_is_not_evaluated if {
	doc := pools("AzureLocal", [{"name": "win", "osType": "Windows"}, linux, ws2019])
	rule.not_evaluated(doc, testing.ctx("2026-04-01")) == {{"id": "AKSARC-024", "missing": "spec.cluster.agentPoolProfiles[win].osSKU (a Windows pool that does not say Windows2019 or Windows2022)"}}
	count(rule.not_evaluated(pools("AzureLocal", [linux, ws2019]), testing.ctx("2026-04-01"))) == 0
}

test_catalog_override_moves_the_date if {
	ctx := testing.ctx_with("2026-04-01", {"catalog": {"nodePoolOS": {"skus": {"Windows2019": {"retired": "2026-04-15"}}}}})
	only(rule.violations(pools("AzureLocal", [ws2019]), ctx)).severity == "warn"
}
