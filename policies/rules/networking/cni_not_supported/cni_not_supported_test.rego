package lib.aksarc.rules.networking.cni_not_supported_test

import data.lib.aksarc.rules.networking.cni_not_supported as rule
import data.lib.aksarc.testing

day := "2025-11-01"

ctx := testing.ctx(day)

url := "https://learn.microsoft.com/azure/aks/aksarc/support-policies#aks-arc-support-coverage"

snapshot(platform, policy) := testing.snapshot({"platform": platform, "cluster": {"kubernetesVersion": "1.31.10", "networkProfile": {"networkPolicy": policy}}})

daemonset(namespace, name, images) := {
	"apiVersion": "apps/v1",
	"kind": "DaemonSet",
	"metadata": {"namespace": namespace, "name": name},
	"spec": {"template": {"spec": {"containers": [{"name": sprintf("c%d", [i]), "image": image} | some i, image in images]}}},
}

cilium := daemonset("kube-system", "cilium", ["quay.io/cilium/cilium:v1.16.3@sha256:62d2a09bbef840a46099ac4c69421c90f84f28d018d479749049011329aa7f28"])

azure_local_cluster := testing.snapshot({"platform": "AzureLocal"})

on_azure_local := testing.ctx_for(day, azure_local_cluster)

only(findings) := f if {
	count(findings) == 1
	some f in findings
}

test_fires_for_flannel_snapshot_on_azure_local if {
	f := only(rule.violations(snapshot("AzureLocal", "flannel"), ctx))
	f.id == "AKSARC-030"
	f.name == "cni-not-supported"
	f.severity == "warn"
	f.section == "AKS Arc support coverage"
	f.url == url
	f.resource == {"apiVersion": "support.aksarc.io/v1alpha1", "kind": "ClusterSnapshot", "namespace": "", "name": "test-cluster"}
	f.details == {"networkPolicy": "flannel", "cni": "flannel", "platform": "AzureLocal", "supportedCnis": ["calico"]}
	f.message == "cluster test-cluster uses the Flannel CNI (networkProfile.networkPolicy \"flannel\"): on AzureLocal, AKS Arc gives basic installation support only to Calico; Microsoft does not support networking issues of other CNIs; run the cluster on Calico"
}

test_flannel_snapshot_supported_on_windows_server if {
	count(rule.violations(snapshot("WindowsServer", "flannel"), ctx)) == 0
	count(rule.violations(snapshot("WindowsServer", "Flannel"), ctx)) == 0
}

test_calico_snapshot_supported_on_both if {
	count(rule.violations(snapshot("WindowsServer", "calico"), ctx)) == 0
	count(rule.violations(snapshot("AzureLocal", "calico"), ctx)) == 0
	count(rule.violations(snapshot("AzureLocal", " Calico "), ctx)) == 0
}

test_other_snapshot_cni_fires_on_both if {
	f := only(rule.violations(snapshot("WindowsServer", "Cilium"), ctx))
	f.details == {"networkPolicy": "Cilium", "cni": "cilium", "platform": "WindowsServer", "supportedCnis": ["calico", "flannel"]}
	f.message == "cluster test-cluster uses the Cilium CNI (networkProfile.networkPolicy \"Cilium\"): on WindowsServer, AKS Arc gives basic installation support only to Calico or Flannel; Microsoft does not support networking issues of other CNIs; run the cluster on Calico or Flannel"

	# a value the catalog does not know is named as written
	g := only(rule.violations(snapshot("AzureLocal", "azure"), ctx))
	contains(g.message, "uses the azure CNI")
}

test_snapshot_platform_defaults_to_the_context if {
	no_platform := testing.snapshot({"cluster": {"kubernetesVersion": "1.31.10", "networkProfile": {"networkPolicy": "flannel"}}})
	count(rule.violations(no_platform, ctx)) == 0
	al := testing.ctx_with(day, {"platform": "AzureLocal"})
	only(rule.violations(no_platform, al)).details.platform == "AzureLocal"
}

test_snapshot_missing_or_malformed_policy_is_silent if {
	count(rule.violations(testing.snapshot({"platform": "AzureLocal"}), ctx)) == 0
	count(rule.violations(snapshot("AzureLocal", ""), ctx)) == 0
	count(rule.violations(snapshot("AzureLocal", 7), ctx)) == 0
	count(rule.violations(snapshot("AzureLocal", null), ctx)) == 0
	count(rule.violations(testing.snapshot({"platform": "AzureLocal", "cluster": {"kubernetesVersion": "1.31.10", "networkProfile": "flannel"}}), ctx)) == 0
	count(rule.violations(testing.snapshot({"platform": "AzureLocal", "cluster": "flannel"}), ctx)) == 0

	# a platform the catalog does not know is not judged
	count(rule.violations(snapshot("Moon", "flannel"), ctx)) == 0
}

test_supported_cnis_from_the_catalog if {
	custom := testing.ctx_with(day, {"catalog": {"networking": {"platforms": {"AzureLocal": {"supportedCnis": ["calico", "flannel"]}}}}})
	count(rule.violations(snapshot("AzureLocal", "flannel"), custom)) == 0
	count(rule.violations(snapshot("AzureLocal", "flannel"), ctx)) == 1
}

test_fires_for_cilium_daemonset if {
	f := only(rule.violations(cilium, ctx))
	f.id == "AKSARC-030"
	f.severity == "warn"
	f.resource == {"apiVersion": "apps/v1", "kind": "DaemonSet", "namespace": "kube-system", "name": "cilium"}
	f.details == {
		"kind": "DaemonSet",
		"namespace": "kube-system",
		"name": "cilium",
		"cnis": ["cilium"],
		"recognisedBy": "name",
		"platform": "WindowsServer",
		"supportedCnis": ["calico", "flannel"],
	}
	f.message == "DaemonSet kube-system/cilium runs the Cilium CNI: on WindowsServer, AKS Arc gives basic installation support only to Calico or Flannel; replacing or adding a CNI is a network customization Microsoft does not support; remove it and keep the CNI AKS Arc deployed"
}

test_daemonset_platform_from_the_cluster_snapshot if {
	f := only(rule.violations(cilium, on_azure_local))
	f.details.platform == "AzureLocal"
	f.details.supportedCnis == ["calico"]
}

test_known_cnis_by_name if {
	every pair in [
		["weave-net", "weave"], ["antrea-agent", "antrea"], ["kube-router", "kube-router"],
		["canal", "canal"], ["kube-ovn-cni", "kube-ovn"], ["cilium-envoy", "cilium"],
	] {
		f := only(rule.violations(daemonset("kube-system", pair[0], ["contoso.azurecr.io/mirror/agent:1"]), ctx))
		f.details.cnis == [pair[1]]
		f.details.recognisedBy == "name"
	}
}

test_known_cnis_by_image if {
	every pair in [
		["docker.io/weaveworks/weave-kube:2.8.1", "weave"],
		["ghcr.io/weaveworks/launcher/weave-kube:2.8.1", "weave"],
		["antrea/antrea-agent-ubuntu:v2.2.0", "antrea"],
		["projects.registry.vmware.com/antrea/antrea-ubuntu:v1.15.1", "antrea"],
		["docker.io/cloudnativelabs/kube-router:v2.4.1", "kube-router"],
		["docker.io/kubeovn/kube-ovn:v1.13.2", "kube-ovn"],
		["contoso.azurecr.io/mirror/cilium/cilium:v1.16.3", "cilium"],
	] {
		f := only(rule.violations(daemonset("net", "node-agent", [pair[0]]), ctx))
		f.details.cnis == [pair[1]]
		f.details.recognisedBy == "image"
	}
}

test_name_takes_precedence_over_images if {
	# Canal runs calico/node and flannel images under its own name
	canal := daemonset("kube-system", "canal", ["docker.io/calico/node:v3.28.2", "docker.io/flannel/flannel:v0.25.6"])
	only(rule.violations(canal, ctx)).details.cnis == ["canal"]
	only(rule.violations(canal, on_azure_local)).details.cnis == ["canal"]

	# the same images without the name: Flannel, judged per platform
	renamed := daemonset("kube-system", "node-net", ["docker.io/calico/node:v3.28.2", "docker.io/flannel/flannel:v0.25.6"])
	count(rule.violations(renamed, ctx)) == 0
	only(rule.violations(renamed, on_azure_local)).details.cnis == ["flannel"]
}

test_several_unsupported_cnis_in_one_finding if {
	ds := daemonset("net", "mesh-net", ["quay.io/cilium/cilium:v1.16.3", "docker.io/weaveworks/weave-kube:2.8.1"])
	f := only(rule.violations(ds, ctx))
	f.details.cnis == ["cilium", "weave"]
	contains(f.message, "runs the Cilium or Weave Net CNI")
}

test_calico_daemonsets_never_fire if {
	aks_arc := daemonset("kube-system", "calico-node", ["mcr.microsoft.com/oss/calico/node:v3.28.2"])
	count(rule.violations(aks_arc, ctx)) == 0
	count(rule.violations(aks_arc, on_azure_local)) == 0
	operator := daemonset("calico-system", "calico-node", ["docker.io/calico/node:v3.29.1", "docker.io/calico/cni:v3.29.1"])
	count(rule.violations(operator, on_azure_local)) == 0
	windows := daemonset("calico-system", "calico-node-windows", ["docker.io/calico/node-windows:v3.29.1"])
	count(rule.violations(windows, on_azure_local)) == 0
}

test_flannel_daemonset_on_windows_server_only if {
	flannel := daemonset("kube-flannel", "kube-flannel-ds", ["ghcr.io/flannel-io/flannel:v0.26.1", "ghcr.io/flannel-io/flannel-cni-plugin:v1.6.0-flannel1"])
	count(rule.violations(flannel, ctx)) == 0
	f := only(rule.violations(flannel, on_azure_local))
	f.details.cnis == ["flannel"]
	f.message == "DaemonSet kube-flannel/kube-flannel-ds runs the Flannel CNI: on AzureLocal, AKS Arc gives basic installation support only to Calico; replacing or adding a CNI is a network customization Microsoft does not support; remove it and keep the CNI AKS Arc deployed"
	old := daemonset("kube-system", "kube-flannel-ds-arm64", ["quay.io/coreos/flannel:v0.11.0-arm64"])
	only(rule.violations(old, on_azure_local)).details.recognisedBy == "image"
}

test_silent_for_other_daemonsets if {
	count(rule.violations(daemonset("monitoring", "node-exporter", ["quay.io/prometheus/node-exporter:v1.8.2"]), ctx)) == 0
	count(rule.violations(daemonset("kube-system", "kube-multus-ds", ["ghcr.io/k8snetworkplumbingwg/multus-cni:v4.1.4-thick"]), ctx)) == 0
	count(rule.violations(daemonset("kube-system", "kube-proxy", ["mcr.microsoft.com/oss/kubernetes/kube-proxy:v1.31.10"]), ctx)) == 0
	count(rule.violations(daemonset("kube-system", "cilium-lookalike", ["quay.io/cilium/cilium-cli:v0.16"]), ctx)) == 0
}

test_silent_for_other_kinds if {
	deployment := object.union(cilium, {"kind": "Deployment"})
	count(rule.violations(deployment, ctx)) == 0
	pod := {"apiVersion": "v1", "kind": "Pod", "metadata": {"namespace": "kube-system", "name": "cilium-x7k2p"}, "spec": {"containers": [{"name": "cilium-agent", "image": "quay.io/cilium/cilium:v1.16.3"}]}}
	count(rule.violations(pod, ctx)) == 0
	count(rule.violations(object.union(cilium, {"apiVersion": "example.com/v1"}), ctx)) == 0
	count(rule.violations({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cilium-config"}}, ctx)) == 0
	count(rule.violations("cilium", ctx)) == 0
	count(rule.violations(null, ctx)) == 0
}

test_malformed_daemonsets_are_silent if {
	count(rule.violations({"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": 5}, "spec": {"template": {"spec": {"containers": [{"image": 3}, "x"]}}}}, ctx)) == 0
	count(rule.violations({"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "cilium"}, "spec": "x"}, ctx)) == 0
}

test_cni_data_from_the_catalog if {
	custom := testing.ctx_with(day, {"catalog": {"networking": {"cnis": {
		"cilium": null,
		"calico": "broken",
		"contoso-cni": {"daemonSets": ["contoso-cni"]},
	}}}})
	count(rule.violations(cilium, custom)) == 0
	f := only(rule.violations(daemonset("kube-system", "contoso-cni", []), custom))
	f.details.cnis == ["contoso-cni"]
	contains(f.message, "runs the contoso-cni CNI")

	# no images key: recognised by name only
	count(rule.violations(daemonset("kube-system", "other", ["contoso-cni"]), custom)) == 0
}

test_unknown_platform_is_not_judged if {
	moon := testing.ctx_for(day, testing.snapshot({"platform": "Moon"}))
	count(rule.violations(cilium, moon)) == 0
}

test_daemonset_without_namespace if {
	f := only(rule.violations(daemonset("", "weave-net", []), ctx))
	startswith(f.message, "DaemonSet weave-net runs the Weave Net CNI")
	f.details.namespace == ""
}

test_malformed_catalog_is_silent if {
	no_networking := testing.ctx_with(day, {"catalog": {"networking": "none"}})
	count(rule.violations(cilium, no_networking)) == 0
	count(rule.violations(snapshot("AzureLocal", "flannel"), no_networking)) == 0
	bad_names := testing.ctx_with(day, {"catalog": {"networking": {"cnis": {"cilium": {"daemonSets": "cilium", "images": "cilium/cilium"}}}}})
	count(rule.violations(cilium, bad_names)) == 0
}
