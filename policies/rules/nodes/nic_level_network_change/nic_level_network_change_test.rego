package lib.aksarc.rules.nodes.nic_level_network_change_test

import data.lib.aksarc.rules.nodes.nic_level_network_change as rule
import data.lib.aksarc.testing

ctx := testing.ctx("2025-11-01")

url := "https://learn.microsoft.com/azure/aks/aksarc/support-policies#network-ports-ip-pools-and-access"

daemonset(namespace, spec) := {
	"apiVersion": "apps/v1",
	"kind": "DaemonSet",
	"metadata": {"namespace": namespace, "name": "nic-tuner"},
	"spec": {"template": {"metadata": {"labels": {"app": "nic-tuner"}}, "spec": spec}},
}

agent(caps) := {"name": "agent", "image": "contoso.azurecr.io/net/nic-tuner:2.1", "securityContext": {"capabilities": {"add": caps}}}

host_net_admin := {"hostNetwork": true, "containers": [agent(["NET_ADMIN", "NET_RAW"])]}

nad := {
	"apiVersion": "k8s.cni.cncf.io/v1",
	"kind": "NetworkAttachmentDefinition",
	"metadata": {"namespace": "plant-floor", "name": "macvlan-ot"},
	"spec": {"config": "{\"cniVersion\":\"0.3.1\",\"type\":\"macvlan\",\"master\":\"eth1\"}"},
}

only(findings) := f if {
	count(findings) == 1
	some f in findings
}

test_fires_for_host_network_with_net_admin if {
	f := only(rule.violations(daemonset("ops", host_net_admin), ctx))
	f.id == "AKSARC-021"
	f.name == "nic-level-network-change"
	f.severity == "warn"
	f.section == "Network ports, IP pools, and access"
	f.url == url
	f.resource == {"apiVersion": "apps/v1", "kind": "DaemonSet", "namespace": "ops", "name": "nic-tuner"}
	f.details == {
		"kind": "DaemonSet",
		"namespace": "ops",
		"name": "nic-tuner",
		"platform": "WindowsServer",
		"reasons": [{"reason": "hostNetwork", "capability": "NET_ADMIN", "container": "agent", "containerType": "container"}],
	}
	f.message == "DaemonSet ops/nic-tuner changes agent node networking at the NIC level (hostNetwork with NET_ADMIN added to container agent): AKS Arc does not support network customization at the NIC level of agent nodes; remove it and customize networking only through AKS Arc defined subnets"
}

test_message_names_logical_networks_on_azure_local if {
	cluster := testing.snapshot({"platform": "AzureLocal"})
	f := only(rule.violations(daemonset("ops", host_net_admin), testing.ctx_for("2025-11-01", cluster)))
	f.details.platform == "AzureLocal"
	endswith(f.message, "only through AKS Arc defined logical networks")
	al := testing.ctx_with("2025-11-01", {"platform": "AzureLocal"})
	only(rule.violations(daemonset("ops", host_net_admin), al)).details.platform == "AzureLocal"
}

test_all_capabilities_and_init_containers if {
	spec := {"hostNetwork": true, "containers": [{"name": "app", "image": "a"}], "initContainers": [object.union(agent(["all"]), {"name": "setup"})]}
	only(rule.violations(daemonset("ops", spec), ctx)).details.reasons == [{"reason": "hostNetwork", "capability": "ALL", "container": "setup", "containerType": "initContainer"}]
}

test_both_conditions_are_needed if {
	count(rule.violations(daemonset("ops", {"hostNetwork": false, "containers": [agent(["NET_ADMIN"])]}), ctx)) == 0
	count(rule.violations(daemonset("ops", {"containers": [agent(["NET_ADMIN"])]}), ctx)) == 0
	count(rule.violations(daemonset("ops", {"hostNetwork": true, "containers": [agent(["NET_RAW", "SYS_ADMIN"])]}), ctx)) == 0
	count(rule.violations(daemonset("ops", {"hostNetwork": "true", "containers": [agent(["NET_ADMIN"])]}), ctx)) == 0

	# privileged is AKSARC-020's, not this rule's
	count(rule.violations(daemonset("ops", {"hostNetwork": true, "containers": [{"name": "p", "securityContext": {"privileged": true}}]}), ctx)) == 0
}

test_host_network_silent_in_exempt_namespaces if {
	every ns in ["kube-system", "azure-arc", "gatekeeper-system"] {
		count(rule.violations(daemonset(ns, host_net_admin), ctx)) == 0
	}
	count(rule.violations(daemonset("kube-flannel", host_net_admin), ctx)) == 1
}

test_capabilities_from_the_catalog if {
	custom := testing.ctx_with("2025-11-01", {"catalog": {"agentNodes": {"capabilities": {"network": ["NET_RAW"]}}}})
	only(rule.violations(daemonset("ops", host_net_admin), custom)).details.reasons[0].capability == "NET_RAW"
}

test_fires_for_network_attachment_definition if {
	f := only(rule.violations(nad, ctx))
	f.resource == {"apiVersion": "k8s.cni.cncf.io/v1", "kind": "NetworkAttachmentDefinition", "namespace": "plant-floor", "name": "macvlan-ot"}
	f.details.reasons == [{"reason": "multusObject", "apiGroup": "k8s.cni.cncf.io"}]
	contains(f.message, "NetworkAttachmentDefinition plant-floor/macvlan-ot changes agent node networking at the NIC level (Multus object of API group k8s.cni.cncf.io)")

	# in any namespace, kube-system too: AKS Arc deploys no Multus
	count(rule.violations(object.union(nad, {"metadata": {"namespace": "kube-system"}}), ctx)) == 1

	# other objects of the group
	count(rule.violations({"apiVersion": "k8s.cni.cncf.io/v1beta1", "kind": "MultiNetworkPolicy", "metadata": {"name": "p"}}, ctx)) == 1
}

test_silent_for_look_alike_groups if {
	count(rule.violations(object.union(nad, {"apiVersion": "whereabouts.cni.cncf.io/v1alpha1"}), ctx)) == 0
	count(rule.violations(object.union(nad, {"apiVersion": "cni.cncf.io/v1"}), ctx)) == 0
	count(rule.violations(object.union(nad, {"apiVersion": "v1"}), ctx)) == 0
}

test_fires_for_the_multus_crd if {
	crd := {
		"apiVersion": "apiextensions.k8s.io/v1",
		"kind": "CustomResourceDefinition",
		"metadata": {"name": "network-attachment-definitions.k8s.cni.cncf.io"},
		"spec": {"group": "k8s.cni.cncf.io", "names": {"kind": "NetworkAttachmentDefinition"}},
	}
	f := only(rule.violations(crd, ctx))
	f.details.reasons == [{"reason": "multusDefinition", "apiGroup": "k8s.cni.cncf.io"}]
	contains(f.message, "CustomResourceDefinition network-attachment-definitions.k8s.cni.cncf.io changes")
	count(rule.violations(json.patch(crd, [{"op": "replace", "path": "/spec/group", "value": "example.com"}]), ctx)) == 0
	count(rule.violations(json.patch(crd, [{"op": "replace", "path": "/spec/group", "value": 5}]), ctx)) == 0
}

test_fires_for_pods_on_extra_networks if {
	deployment := {
		"apiVersion": "apps/v1",
		"kind": "Deployment",
		"metadata": {"namespace": "plant-floor", "name": "opc-gateway"},
		"spec": {"template": {
			"metadata": {"annotations": {"k8s.v1.cni.cncf.io/networks": "macvlan-ot"}},
			"spec": {"containers": [{"name": "gw", "image": "contoso.azurecr.io/ot/opc-gateway:4.2"}]},
		}},
	}
	f := only(rule.violations(deployment, ctx))
	f.details.reasons == [{"reason": "multusNetworks", "annotation": "k8s.v1.cni.cncf.io/networks", "networks": "macvlan-ot"}]
	contains(f.message, "(pods attached to extra networks (k8s.v1.cni.cncf.io/networks: macvlan-ot))")

	# the annotation on the Deployment itself does not attach its pods
	moved := {
		"apiVersion": "apps/v1",
		"kind": "Deployment",
		"metadata": {"namespace": "plant-floor", "name": "opc-gateway", "annotations": {"k8s.v1.cni.cncf.io/networks": "macvlan-ot"}},
		"spec": {"template": {"spec": {"containers": [{"name": "gw", "image": "contoso.azurecr.io/ot/opc-gateway:4.2"}]}}},
	}
	count(rule.violations(moved, ctx)) == 0

	# a Pod carries it in its own metadata
	pod := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "annotations": {"k8s.v1.cni.cncf.io/networks": "[{\"name\":\"macvlan-ot\"}]"}}, "spec": {"containers": []}}
	count(rule.violations(pod, ctx)) == 1
}

test_fires_for_the_multus_daemonset_in_kube_system if {
	ds := {
		"apiVersion": "apps/v1",
		"kind": "DaemonSet",
		"metadata": {"namespace": "kube-system", "name": "kube-multus-ds"},
		"spec": {"template": {"spec": {
			"hostNetwork": true,
			"containers": [{"name": "kube-multus", "image": "ghcr.io/k8snetworkplumbingwg/multus-cni:v4.1.4-thick", "securityContext": {"privileged": true}}],
		}}},
	}
	f := only(rule.violations(ds, ctx))
	f.details.reasons == [{"reason": "multusImage", "image": "ghcr.io/k8snetworkplumbingwg/multus-cni:v4.1.4-thick", "container": "kube-multus", "containerType": "container"}]
	contains(f.message, "(Multus image ghcr.io/k8snetworkplumbingwg/multus-cni:v4.1.4-thick in container kube-multus)")
}

test_reasons_are_ordered if {
	spec := {
		"hostNetwork": true,
		"containers": [
			object.union(agent(["NET_ADMIN"]), {"name": "z"}),
			{"name": "multus", "image": "docker.io/nfvpe/multus:v3.4"},
			object.union(agent(["ALL"]), {"name": "a"}),
		],
	}
	ds := {"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"namespace": "ops", "name": "x"}, "spec": {"template": {"metadata": {"annotations": {"k8s.v1.cni.cncf.io/networks": "ot"}}, "spec": spec}}}
	[r.reason | some r in only(rule.violations(ds, ctx)).details.reasons] == ["hostNetwork", "hostNetwork", "multusNetworks", "multusImage"]
	[r.container | some r in only(rule.violations(ds, ctx)).details.reasons; r.reason == "hostNetwork"] == ["a", "z"]
}

test_multus_data_from_the_catalog if {
	custom := testing.ctx_with("2025-11-01", {"catalog": {"agentNodes": {"multus": {"apiGroups": ["example.com"]}}}})
	count(rule.violations(nad, custom)) == 0
	count(rule.violations({"apiVersion": "example.com/v1", "kind": "Net", "metadata": {"name": "n"}}, custom)) == 1
	broken := testing.ctx_with("2025-11-01", {"catalog": {"agentNodes": {"multus": "none"}}})
	count(rule.violations(nad, broken)) == 0
}

test_silent_for_other_documents if {
	count(rule.violations({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "namespace": "ops"}}, ctx)) == 0
	count(rule.violations({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "shop"}, "spec": {"template": {"spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}}}, ctx)) == 0
	count(rule.violations(testing.snapshot({}), ctx)) == 0
	count(rule.violations("NetworkAttachmentDefinition", ctx)) == 0
	count(rule.violations(null, ctx)) == 0
	count(rule.violations({"kind": "DaemonSet", "apiVersion": "apps/v1", "spec": {"template": {"metadata": "x", "spec": {"hostNetwork": true, "containers": ["x", {"securityContext": "y"}]}}}}, ctx)) == 0
}

test_message_without_namespace if {
	f := only(rule.violations({"apiVersion": "k8s.cni.cncf.io/v1", "kind": "NetworkAttachmentDefinition", "metadata": {"name": "ot"}}, ctx))
	startswith(f.message, "NetworkAttachmentDefinition ot changes")
	f.details.namespace == ""
}

test_malformed_capability_list_is_silent if {
	custom := testing.ctx_with("2025-11-01", {"catalog": {"agentNodes": {"capabilities": {"network": "NET_ADMIN"}}}})
	count(rule.violations(daemonset("ops", host_net_admin), custom)) == 0
}
