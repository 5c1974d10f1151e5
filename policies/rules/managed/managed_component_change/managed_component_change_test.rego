package lib.aksarc.rules.managed.managed_component_change_test

import data.lib.aksarc.rules.managed.managed_component_change as rule
import data.lib.aksarc.testing

day := "2025-11-01"

ctx := testing.ctx(day)

# k8s_object is a manifest (no uid, no resourceVersion) of the kind in the namespace.
k8s_object(api, kind, namespace, name, labels) := {
	"apiVersion": api,
	"kind": kind,
	"metadata": {"namespace": namespace, "name": name, "labels": labels},
}

cluster_object(kind, name) := {
	"apiVersion": "rbac.authorization.k8s.io/v1",
	"kind": kind,
	"metadata": {"name": name},
}

with_metadata(obj, metadata) := object.union(obj, {"metadata": metadata})

# observed is the object as kubectl returns it from a cluster.
observed(obj) := with_metadata(obj, {
	"uid": "0b6e8c1a-7d2f-4e59-a3c4-5f8d9e0a1b2c",
	"resourceVersion": "1187",
	"creationTimestamp": "2025-09-14T08:03:11Z",
})

coredns_config := object.union(k8s_object("v1", "ConfigMap", "kube-system", "coredns", {}), {"data": {"Corefile": ".:53 {\n    forward . 10.20.0.53\n}\n"}})

coredns_deployment := k8s_object("apps/v1", "Deployment", "kube-system", "coredns", {"k8s-app": "kube-dns"})

kube_proxy := k8s_object("apps/v1", "DaemonSet", "kube-system", "kube-proxy", {"k8s-app": "kube-proxy"})

url := "https://learn.microsoft.com/azure/aks/aksarc/support-policies#managed-features-in-aks-arc"

test_fires_for_coredns_config_map_manifest if {
	findings := rule.violations(coredns_config, ctx)
	count(findings) == 1
	some f in findings
	f.id == "AKSARC-011"
	f.name == "managed-component-change"
	f.severity == "deny"
	f.section == "Managed features in AKS Arc"
	f.url == url
	f.resource == {"apiVersion": "v1", "kind": "ConfigMap", "namespace": "kube-system", "name": "coredns"}
	f.details == {"kind": "ConfigMap", "name": "coredns", "namespace": "kube-system", "matchedBy": ["name coredns"]}
	f.message == "ConfigMap coredns in kube-system is an AKS Arc managed component: AKS Arc manages it, and a change to it is overwritten or renders the cluster unsupported"
}

test_fires_once_for_kube_proxy_daemon_set_matched_twice if {
	findings := rule.violations(kube_proxy, ctx)
	count(findings) == 1
	some f in findings
	f.id == "AKSARC-011"
	f.severity == "deny"
	f.resource == {"apiVersion": "apps/v1", "kind": "DaemonSet", "namespace": "kube-system", "name": "kube-proxy"}
	f.details == {"kind": "DaemonSet", "name": "kube-proxy", "namespace": "kube-system", "matchedBy": ["label k8s-app=kube-proxy", "name kube-proxy"]}
}

test_fires_for_cluster_role_system_coredns if {
	findings := rule.violations(cluster_object("ClusterRole", "system:coredns"), ctx)
	count(findings) == 1
	some f in findings
	f.id == "AKSARC-011"
	f.severity == "deny"
	f.resource == {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "namespace": "", "name": "system:coredns"}
	f.details == {"kind": "ClusterRole", "name": "system:coredns", "namespace": "", "matchedBy": ["clusterScoped ClusterRole name system:coredns"]}
	f.message == "ClusterRole system:coredns is an RBAC object that Kubernetes creates and maintains for its own components, which AKS Arc manages: altering it is not supported, and the control plane or the next AKS Arc update may revert the change"
}

test_fires_for_default_cluster_role_bindings if {
	findings := rule.violations(cluster_object("ClusterRoleBinding", "system:node-proxier"), ctx)
	count(findings) == 1
	some f in findings
	f.details.matchedBy == ["clusterScoped ClusterRoleBinding name system:node-proxier"]
	count(rule.violations(cluster_object("ClusterRoleBinding", "cluster-admin"), ctx)) == 1
	count(rule.violations(cluster_object("ClusterRole", "view"), ctx)) == 1
}

test_fires_for_controller_and_kubeadm_roles_by_prefix if {
	findings := rule.violations(cluster_object("ClusterRoleBinding", "system:controller:node-controller"), ctx)
	count(findings) == 1
	some f in findings
	f.details.matchedBy == ["clusterScoped ClusterRoleBinding prefix system:controller:"]
	kubeadm := rule.violations(cluster_object("ClusterRoleBinding", "kubeadm:node-autoapprove-bootstrap"), ctx)
	some k in kubeadm
	k.details.matchedBy == ["clusterScoped ClusterRoleBinding prefix kubeadm:"]
	approver := rule.violations(cluster_object("ClusterRole", "system:certificates.k8s.io:certificatesigningrequests:nodeclient"), ctx)
	some a in approver
	a.details.matchedBy == ["clusterScoped ClusterRole prefix system:certificates.k8s.io:"]
}

test_cluster_scoped_object_with_a_malformed_namespace if {
	odd := object.union(cluster_object("ClusterRole", "system:node"), {"metadata": {"namespace": 42}})
	findings := rule.violations(odd, ctx)
	count(findings) == 1
	some f in findings
	f.details == {"kind": "ClusterRole", "name": "system:node", "namespace": "", "matchedBy": ["clusterScoped ClusterRole name system:node"]}
}

# A user's own RBAC object under the system: prefix alters no managed component.
test_silent_for_users_own_system_prefixed_rbac if {
	count(rule.violations(cluster_object("ClusterRoleBinding", "system:contoso-readers"), ctx)) == 0
	count(rule.violations(cluster_object("ClusterRole", "system:contoso-readers"), ctx)) == 0

	# control: the Kubernetes default next to it fires
	count(rule.violations(cluster_object("ClusterRoleBinding", "system:discovery"), ctx)) == 1
}

test_fires_for_role_in_kube_system_by_prefix if {
	role := k8s_object("rbac.authorization.k8s.io/v1", "Role", "kube-system", "system:controller:bootstrap-signer", {})
	findings := rule.violations(role, ctx)
	count(findings) == 1
	some f in findings
	f.details.matchedBy == ["prefix system:"]
	f.resource.namespace == "kube-system"
}

test_fires_for_pod_manifest_labelled_kube_dns if {
	findings := rule.violations(k8s_object("v1", "Pod", "kube-system", "dns-probe", {"k8s-app": "kube-dns"}), ctx)
	count(findings) == 1
	some f in findings
	f.details.matchedBy == ["label k8s-app=kube-dns"]
}

test_silent_for_observed_coredns_deployment if {
	count(rule.violations(observed(coredns_deployment), ctx)) == 0
	count(rule.violations(with_metadata(coredns_deployment, {"uid": "0b6e8c1a-7d2f-4e59-a3c4-5f8d9e0a1b2c"}), ctx)) == 0
	count(rule.violations(with_metadata(coredns_deployment, {"resourceVersion": "1187"}), ctx)) == 0

	# control: the manifest of the same Deployment fires
	count(rule.violations(coredns_deployment, ctx)) == 1
}

test_silent_for_observed_pod_labelled_kube_dns if {
	count(rule.violations(observed(k8s_object("v1", "Pod", "kube-system", "coredns-7c6d8b9f4d-x2k9m", {"k8s-app": "kube-dns"})), ctx)) == 0
}

test_silent_for_observed_cluster_role if {
	count(rule.violations(observed(cluster_object("ClusterRole", "system:coredns")), ctx)) == 0
}

test_silent_for_user_objects if {
	count(rule.violations(k8s_object("apps/v1", "Deployment", "kube-system", "backup-scheduler", {"app": "backup-scheduler"}), ctx)) == 0
	count(rule.violations(k8s_object("apps/v1", "Deployment", "default", "backup-scheduler", {"app": "backup-scheduler"}), ctx)) == 0
	count(rule.violations(cluster_object("ClusterRole", "backup-reader"), ctx)) == 0
}

test_silent_for_managed_names_outside_kube_system if {
	count(rule.violations(object.union(coredns_config, {"metadata": {"namespace": "shop"}}), ctx)) == 0
	count(rule.violations(k8s_object("apps/v1", "Deployment", "default", "dns-cache", {"k8s-app": "kube-dns"}), ctx)) == 0
}

test_silent_for_cluster_scoped_kind_not_in_inventory if {
	count(rule.violations({"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": {"name": "system:node-critical"}}, ctx)) == 0
}

test_silent_for_events_of_any_group if {
	event := k8s_object("v1", "Event", "kube-system", "coredns-7c6d8b9f4d-x2k9m.17a9b3c5d7e9f1a3", {})
	count(rule.violations(event, ctx)) == 0
	count(rule.violations(object.union(event, {"apiVersion": "events.k8s.io/v1"}), ctx)) == 0

	# control: the same manifest as a Pod fires (prefix coredns-)
	count(rule.violations(object.union(event, {"kind": "Pod"}), ctx)) == 1
}

test_silent_for_namespace_kube_system if {
	count(rule.violations({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "kube-system", "labels": {"k8s-app": "kube-dns"}}}, ctx)) == 0
	count(rule.violations({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "coredns", "namespace": "kube-system"}}, ctx)) == 0
}

test_silent_without_metadata if {
	count(rule.violations({"apiVersion": "v1", "kind": "ConfigMap", "data": {"Corefile": "."}}, ctx)) == 0
	count(rule.violations({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole"}, ctx)) == 0
	count(rule.violations("coredns", ctx)) == 0
	count(rule.violations(null, ctx)) == 0
}

test_silent_for_malformed_names if {
	count(rule.violations({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"namespace": "kube-system", "name": 42, "labels": {"app": 7}}}, ctx)) == 0
	count(rule.violations({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": ["system:coredns"]}}, ctx)) == 0
}

test_silent_for_cluster_snapshot if {
	snap := testing.snapshot({})
	count(rule.violations(snap, ctx)) == 0
	named := object.union(snap, {"metadata": {"namespace": "kube-system", "name": "coredns"}})
	count(rule.violations(named, ctx)) == 0
	count(rule.violations(object.union(named, {"apiVersion": "v1", "kind": "ConfigMap"}), ctx)) == 1
}

test_override_adds_a_name_and_keeps_the_built_in_ones if {
	override := testing.ctx_with(day, {"catalog": {"managedComponents": {"names": {"my-config": {}}}}})
	findings := rule.violations(k8s_object("v1", "ConfigMap", "kube-system", "my-config", {}), override)
	count(findings) == 1
	some f in findings
	f.id == "AKSARC-011"
	f.details.matchedBy == ["name my-config"]
	count(rule.violations(k8s_object("v1", "ConfigMap", "kube-system", "my-config", {}), ctx)) == 0

	# names are keyed: coredns is still a listed name
	count(rule.violations(coredns_config, override)) == 1
}

test_override_switches_a_name_off_with_null if {
	override := testing.ctx_with(day, {"catalog": {"managedComponents": {"names": {"coredns": null}}}})
	count(rule.violations(coredns_config, override)) == 0

	# labels stay: the coredns Deployment still matches k8s-app=kube-dns
	findings := rule.violations(coredns_deployment, override)
	some f in findings
	f.details.matchedBy == ["label k8s-app=kube-dns"]
}

test_override_of_cluster_scoped_entries if {
	override := testing.ctx_with(day, {"catalog": {"managedComponents": {"clusterScoped": {
		"ClusterRole": {"prefixes": {"calico-": {"note": "AKS Arc's CNI"}}, "names": {"view": null}},
		"PriorityClass": {"names": {"system-node-critical": {}}},
	}}}})
	count(rule.violations(cluster_object("ClusterRole", "calico-node"), ctx)) == 0
	findings := rule.violations(cluster_object("ClusterRole", "calico-node"), override)
	count(findings) == 1
	some f in findings
	f.details.matchedBy == ["clusterScoped ClusterRole prefix calico-"]

	# entries merge: the built-in names and prefixes of ClusterRole stay; view is switched off
	count(rule.violations(cluster_object("ClusterRole", "system:coredns"), override)) == 1
	count(rule.violations(cluster_object("ClusterRole", "system:controller:job-controller"), override)) == 1
	count(rule.violations(cluster_object("ClusterRole", "view"), override)) == 0
	count(rule.violations(cluster_object("ClusterRoleBinding", "system:coredns"), override)) == 1

	# a new kind
	pc := {"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": {"name": "system-node-critical"}}
	count(rule.violations(pc, ctx)) == 0
	count(rule.violations(pc, override)) == 1
}

test_silent_for_documented_customer_configuration if {
	settings := object.union(k8s_object("v1", "ConfigMap", "kube-system", "ama-metrics-settings-configmap", {}), {"data": {"schema-version": "v1"}})
	count(rule.violations(settings, ctx)) == 0
	count(rule.violations(k8s_object("v1", "ConfigMap", "kube-system", "container-azm-ms-agentconfig", {}), ctx)) == 0
	count(rule.violations(k8s_object("metallb.io/v1beta1", "IPAddressPool", "kube-system", "metallb-pool", {}), ctx)) == 0

	# control: without its customerConfig entry, ama-metrics-settings-configmap is a managed
	# component by its prefix ama-metrics, as is another ama-metrics ConfigMap
	off := testing.ctx_with(day, {"catalog": {"managedComponents": {"customerConfig": {"managed-prometheus": null}}}})
	findings := rule.violations(settings, off)
	count(findings) == 1
	some f in findings
	f.details.matchedBy == ["prefix ama-metrics"]
	count(rule.violations(k8s_object("v1", "ConfigMap", "kube-system", "ama-metrics-prometheus-config-extra", {}), ctx)) == 1
}

test_fires_for_smb_csi_driver_manifest if {
	findings := rule.violations(k8s_object("apps/v1", "DaemonSet", "kube-system", "csi-smb-node-win", {"app": "csi-smb-node-win"}), ctx)
	count(findings) == 1
	some f in findings
	f.details.matchedBy == ["prefix csi-smb-"]
}

test_override_of_ignored_kinds if {
	override := testing.ctx_with(day, {"catalog": {"managedComponents": {"ignoredKinds": ["Event", "ConfigMap"]}}})
	count(rule.violations(coredns_config, override)) == 0
	count(rule.violations(coredns_deployment, override)) == 1
}

# Inventory entries name their kinds: a user's CronJob named and labelled like the etcd static
# Pods is no managed component (AKSARC-010 denies it as a foreign workload), the Pod is.
test_silent_for_a_lookalike_of_another_kind if {
	cronjob := k8s_object("batch/v1", "CronJob", "kube-system", "etcd-defrag", {"component": "etcd"})
	count(rule.violations(cronjob, ctx)) == 0
	some f in rule.violations(k8s_object("v1", "Pod", "kube-system", "etcd-moc-l6x2p9hq0fk", {"component": "etcd"}), ctx)
	f.details.matchedBy == ["label component=etcd", "prefix etcd-"]

	# the coredns name covers its Deployment and ConfigMap, not a Job of that name
	count(rule.violations(k8s_object("batch/v1", "Job", "kube-system", "coredns", {}), ctx)) == 0
	count(rule.violations(coredns_deployment, ctx)) == 1
}
