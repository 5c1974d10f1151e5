package lib.aksarc.rules.networking.network_outside_defined_subnets_test

import data.lib.aksarc.rules.networking.network_outside_defined_subnets as rule
import data.lib.aksarc.testing

nov_1 := testing.ctx("2025-11-01")

rg := "/subscriptions/6b1f2c1e-3f4a-4c8e-9d0b-2f7c4a1e5d90/resourceGroups/rg-aks"

aks_vnet := concat("", [rg, "/providers/Microsoft.HybridContainerService/virtualNetworks/vnet-east"])

lnet := concat("", [rg, "/providers/Microsoft.AzureStackHCI/logicalNetworks/lnet-1"])

on(platform, profile) := testing.snapshot({"platform": platform, "cluster": {"kubernetesVersion": "1.31.10", "cloudProviderProfile": profile}})

ids(platform, list) := on(platform, {"infraNetworkProfile": {"vnetSubnetIds": list}})

azure_subnet := concat("", [rg, "/providers/Microsoft.Network/virtualNetworks/hub/subnets/aks"])

# Both AKS Arc defined network types are accepted on both platforms.
test_silent_for_an_aks_arc_network_on_each_platform if {
	count(rule.violations(ids("WindowsServer", [aks_vnet]), nov_1)) == 0
	count(rule.violations(ids("WindowsServer", [lnet]), nov_1)) == 0
	count(rule.violations(ids("AzureLocal", [lnet]), nov_1)) == 0
	count(rule.violations(ids("AzureLocal", [aks_vnet]), nov_1)) == 0
	count(rule.violations(ids("AzureLocal", [lnet, aks_vnet]), nov_1)) == 0
}

test_provider_and_type_compare_case_insensitively if {
	lower_id := concat("", [rg, "/providers/microsoft.azurestackhci/LOGICALNETWORKS/lnet-1"])
	count(rule.violations(ids("AzureLocal", [lower_id]), nov_1)) == 0
	count(rule.violations(ids("WindowsServer", [lower_id]), nov_1)) == 0
	lower_rg := "/SUBSCRIPTIONS/x/resourcegroups/rg/providers/Microsoft.HybridContainerService/virtualNetworks/v/"
	count(rule.violations(ids("WindowsServer", [lower_rg]), nov_1)) == 0
	count(rule.violations(ids("AzureLocal", [lower_rg]), nov_1)) == 0
}

# An Azure virtual network subnet is not an AKS Arc network: it fires on either platform, and the
# message keeps the platform's wording.
test_fires_for_an_azure_vnet_subnet_on_windows_server if {
	fs := rule.violations(ids("WindowsServer", [azure_subnet]), nov_1)
	count(fs) == 1
	some f in fs
	f.id == "AKSARC-032"
	f.name == "network-outside-defined-subnets"
	f.severity == "warn"
	f.resource.name == "test-cluster"
	f.details.reason == "typeNotAccepted"
	f.details.resourceType == "Microsoft.Network/virtualNetworks/subnets"
	f.details.vnetSubnetId == azure_subnet
	f.details.index == 0
	f.details.platform == "WindowsServer"
	f.details.expected == "AKS Arc defined subnets"
	f.details.acceptedTypes == ["Microsoft.HybridContainerService/virtualNetworks", "Microsoft.AzureStackHCI/logicalNetworks"]
	contains(f.message, "on WindowsServer, AKS Arc supports network customization only through AKS Arc defined subnets (Microsoft.HybridContainerService/virtualNetworks, Microsoft.AzureStackHCI/logicalNetworks)")
	contains(f.message, "a Microsoft.Network/virtualNetworks/subnets resource, not an AKS Arc defined network")
}

test_fires_for_an_azure_vnet_subnet_on_azure_local if {
	f := only(rule.violations(ids("AzureLocal", [azure_subnet]), nov_1))
	f.details.reason == "typeNotAccepted"
	f.details.platform == "AzureLocal"
	f.details.expected == "AKS Arc defined logical networks"
	f.details.acceptedTypes == ["Microsoft.AzureStackHCI/logicalNetworks", "Microsoft.HybridContainerService/virtualNetworks"]
	contains(f.message, "on AzureLocal, AKS Arc supports network customization only through AKS Arc defined logical networks (Microsoft.AzureStackHCI/logicalNetworks, Microsoft.HybridContainerService/virtualNetworks)")
}

test_fires_for_an_azure_vnet_and_other_providers if {
	vnet := concat("", [rg, "/providers/Microsoft.Network/virtualNetworks/hub"])
	only(rule.violations(ids("AzureLocal", [vnet]), nov_1)).details.resourceType == "Microsoft.Network/virtualNetworks"
	vmware := concat("", [rg, "/providers/Microsoft.ConnectedVMwarevSphere/virtualNetworks/vm-net"])
	only(rule.violations(ids("WindowsServer", [vmware]), nov_1)).details.resourceType == "Microsoft.ConnectedVMwarevSphere/virtualNetworks"
}

only(fs) := f if {
	count(fs) == 1
	some f in fs
}

test_fires_for_entries_that_are_not_resource_ids if {
	fs := rule.violations(ids("AzureLocal", ["10.20.0.0/24", 42, concat("", [rg, "/providers/Microsoft.AzureStackHCI/logicalNetworks"])]), nov_1)
	{[f.details.index, f.details.reason, f.details.resourceType] | some f in fs} == {
		[0, "notResourceId", null],
		[1, "notResourceId", null],
		[2, "notResourceId", null],
	}
	some f in fs
	f.details.index == 0
	contains(f.message, "\"10.20.0.0/24\", which is not an ARM resource ID")
}

test_one_finding_per_rejected_entry if {
	fs := rule.violations(ids("AzureLocal", [lnet, azure_subnet, aks_vnet, "x"]), nov_1)
	{[f.details.index, f.details.reason] | some f in fs} == {[1, "typeNotAccepted"], [3, "notResourceId"]}
}

test_fires_when_the_list_is_missing_or_empty if {
	some f in rule.violations(ids("WindowsServer", []), nov_1)
	f.details.reason == "missing"
	f.details.vnetSubnetId == null
	f.details.index == null
	contains(f.message, "cluster test-cluster names no infrastructure network")
	count(rule.violations(on("AzureLocal", {"infraNetworkProfile": {}}), nov_1)) == 1
	count(rule.violations(on("AzureLocal", {}), nov_1)) == 1
	count(rule.violations(on("AzureLocal", {"infraNetworkProfile": "lnet-1"}), nov_1)) == 1
	count(rule.violations(ids("AzureLocal", lnet), nov_1)) == 1
	count(rule.violations(ids("AzureLocal", null), nov_1)) == 1
}

test_not_judged_without_a_cloud_provider_profile if {
	# The snapshot does not carry the fact (requires): not evaluated, not a finding.
	count(rule.violations(testing.snapshot({}), nov_1)) == 0
	count(rule.violations(on("AzureLocal", "lnet-1"), nov_1)) == 0
	count(rule.violations(testing.snapshot({"cluster": "broken"}), nov_1)) == 0
}

test_platform_defaults_to_the_setting if {
	doc := testing.snapshot({"cluster": {"kubernetesVersion": "1.31.10", "cloudProviderProfile": {"infraNetworkProfile": {"vnetSubnetIds": [azure_subnet]}}}})
	only(rule.violations(doc, testing.ctx_with("2025-11-01", {"platform": "AzureLocal"}))).details.platform == "AzureLocal"
	only(rule.violations(doc, nov_1)).details.platform == "WindowsServer"
}

test_unknown_platform_is_not_judged if {
	count(rule.violations(ids("VMware", [lnet]), nov_1)) == 0
}

test_catalog_override_changes_the_accepted_types if {
	c := testing.ctx_with("2025-11-01", {"catalog": {"infrastructure": {"infraNetworks": {"AzureLocal": {"types": ["Microsoft.AzureStackHCI/logicalNetworks", 7]}}}}})
	count(rule.violations(ids("AzureLocal", [lnet]), c)) == 0
	f := only(rule.violations(ids("AzureLocal", [aks_vnet]), c))
	f.details.acceptedTypes == ["Microsoft.AzureStackHCI/logicalNetworks"]
	f.details.expected == "AKS Arc defined logical networks"
}

test_silent_for_other_documents if {
	other := object.union(ids("WindowsServer", ["x"]), {"apiVersion": "v1", "kind": "ConfigMap"})
	count(rule.violations(other, nov_1)) == 0
}

test_a_malformed_type_list_accepts_nothing if {
	c := testing.ctx_with("2025-11-01", {"catalog": {"infrastructure": {"infraNetworks": {"AzureLocal": {"types": "Microsoft.AzureStackHCI/logicalNetworks"}}}}})
	some f in rule.violations(ids("AzureLocal", [lnet]), c)
	f.details.acceptedTypes == []
}
