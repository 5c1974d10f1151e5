package lib.aksarc.rules.managed.kube_system_foreign_object_test

import data.lib.aksarc.rules.managed.kube_system_foreign_object as rule
import data.lib.aksarc.testing

day := "2025-11-01"

ctx := testing.ctx(day)

# k8s_object is a manifest (no uid, no resourceVersion) of the kind in the namespace.
k8s_object(api, kind, namespace, name, labels) := {
	"apiVersion": api,
	"kind": kind,
	"metadata": {"namespace": namespace, "name": name, "labels": labels},
}

# observed is the object as kubectl returns it from a cluster.
observed(obj) := object.union(obj, {"metadata": {
	"uid": "6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e",
	"resourceVersion": "48213",
	"creationTimestamp": "2025-09-14T08:12:40Z",
}})

deployment(namespace, name, labels) := k8s_object("apps/v1", "Deployment", namespace, name, labels)

config_map(namespace, name) := k8s_object("v1", "ConfigMap", namespace, name, {})

pod(name, labels) := k8s_object("v1", "Pod", "kube-system", name, labels)

renamed(obj, name) := object.union(obj, {"metadata": {"name": name}})

role(name, rules) := object.union(k8s_object("rbac.authorization.k8s.io/v1", "Role", "kube-system", name, {}), {"rules": rules})

binding(name, ref_kind, ref_name, subjects) := object.union(
	k8s_object("rbac.authorization.k8s.io/v1", "RoleBinding", "kube-system", name, {}),
	{
		"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": ref_kind, "name": ref_name},
		"subjects": subjects,
	},
)

service(name, spec) := object.union(k8s_object("v1", "Service", "kube-system", name, {}), {"spec": spec})

sa(name, namespace) := {"kind": "ServiceAccount", "name": name, "namespace": namespace}

# severities is what a document gets: {} (nothing), {"deny"} or {"warn"}.
severities(obj, c) := {f.severity | some f in rule.violations(obj, c)}

url := "https://learn.microsoft.com/azure/aks/aksarc/support-policies#managed-features-in-aks-arc"

# --- Workloads: deny ---

test_denies_a_user_deployment_in_kube_system if {
	findings := rule.violations(deployment("kube-system", "backup-scheduler", {"app": "backup-scheduler"}), ctx)
	count(findings) == 1
	some f in findings
	f.id == "AKSARC-010"
	f.name == "kube-system-foreign-object"
	f.severity == "deny"
	f.section == "Managed features in AKS Arc"
	f.url == url
	f.resource == {"apiVersion": "apps/v1", "kind": "Deployment", "namespace": "kube-system", "name": "backup-scheduler"}
	f.details == {"kind": "Deployment", "name": "backup-scheduler", "workload": true}
	f.message == "Deployment backup-scheduler in kube-system runs containers and is not an AKS Arc managed component: AKS Arc maintains what runs in kube-system and users must not add workloads there, so the cluster is out of support while it runs; move it to a namespace of your own"
}

test_denies_every_workload_kind if {
	every api_kind in [
		["v1", "Pod"], ["v1", "ReplicationController"], ["apps/v1", "Deployment"], ["apps/v1", "DaemonSet"],
		["apps/v1", "StatefulSet"], ["apps/v1", "ReplicaSet"], ["batch/v1", "Job"], ["batch/v1", "CronJob"],
	] {
		severities(k8s_object(api_kind[0], api_kind[1], "kube-system", "log-shipper", {}), ctx) == {"deny"}
	}
}

test_denies_an_observed_workload_too if {
	findings := rule.violations(observed(deployment("kube-system", "log-shipper", {"app": "log-shipper"})), ctx)
	count(findings) == 1
	some f in findings
	f.severity == "deny"
	f.resource == {"apiVersion": "apps/v1", "kind": "Deployment", "namespace": "kube-system", "name": "log-shipper"}
}

# A user's CronJob named like the etcd static Pods, even labelled like them, is a foreign
# workload: the etcd- prefix and the component=etcd label cover Pods only.
test_denies_a_lookalike_cronjob if {
	cronjob := k8s_object("batch/v1", "CronJob", "kube-system", "etcd-defrag", {"component": "etcd"})
	findings := rule.violations(cronjob, ctx)
	count(findings) == 1
	some f in findings
	f.severity == "deny"
	f.details == {"kind": "CronJob", "name": "etcd-defrag", "workload": true}

	# control: the static Pod of that name and label is AKS Arc's
	count(rule.violations(pod("etcd-moc-l6x2p9hq0fk", {"component": "etcd"}), ctx)) == 0
	count(rule.violations(pod("etcd-defrag", {}), ctx)) == 0
}

test_denies_lookalikes_of_other_generic_prefixes if {
	severities(deployment("kube-system", "kube-proxy-exporter", {}), ctx) == {"deny"}
	severities(deployment("kube-system", "coredns-autoscaler", {}), ctx) == {"deny"}
	severities(k8s_object("apps/v1", "DaemonSet", "kube-system", "kube-scheduler-extender", {}), ctx) == {"deny"}

	# control: the Pods and ReplicaSets those prefixes stand for
	severities(pod("kube-proxy-q8w2n", {}), ctx) == set()
	severities(k8s_object("apps/v1", "ReplicaSet", "kube-system", "coredns-7c6d8b9f4d", {}), ctx) == set()
}

test_denies_a_pod_with_a_label_value_not_in_inventory if {
	findings := rule.violations(pod("dns-probe", {"k8s-app": "dns-probe"}), ctx)
	count(findings) == 1
	some f in findings
	f.details == {"kind": "Pod", "name": "dns-probe", "workload": true}
}

test_generate_name_is_reported_when_there_is_no_name if {
	job := {
		"apiVersion": "batch/v1",
		"kind": "Job",
		"metadata": {"namespace": "kube-system", "generateName": "cleanup-"},
	}
	findings := rule.violations(job, ctx)
	count(findings) == 1
	some f in findings
	f.details == {"kind": "Job", "name": "cleanup-", "workload": true}
	f.resource == {"apiVersion": "batch/v1", "kind": "Job", "namespace": "kube-system", "name": ""}
}

test_malformed_names_are_reported_empty if {
	findings := rule.violations({"apiVersion": "v1", "kind": "Pod", "metadata": {"namespace": "kube-system", "name": 42, "generateName": ["x"]}}, ctx)
	count(findings) == 1
	some f in findings
	f.details == {"kind": "Pod", "name": "", "workload": true}
}

test_workload_kinds_of_other_groups_run_nothing_here if {
	# A custom resource named Deployment is no workload of Kubernetes: a warning at most.
	severities(k8s_object("example.com/v1", "Deployment", "kube-system", "backup", {}), ctx) == {"warn"}
	severities(k8s_object("argoproj.io/v1alpha1", "Rollout", "kube-system", "backup", {}), ctx) == {"warn"}
}

# --- Objects that run nothing: never denied ---

test_warns_for_a_config_map_and_says_what_support_would_ask if {
	findings := rule.violations(config_map("kube-system", "my-config"), ctx)
	count(findings) == 1
	some f in findings
	f.id == "AKSARC-010"
	f.severity == "warn"
	f.resource == {"apiVersion": "v1", "kind": "ConfigMap", "namespace": "kube-system", "name": "my-config"}
	f.details == {"kind": "ConfigMap", "name": "my-config", "workload": false, "question": "which component reads it"}
	f.message == "ConfigMap my-config in kube-system is not an AKS Arc managed component; it runs nothing, so it does not take the cluster out of support, but a support engineer will ask which component reads it; keep your own objects in a namespace of your own where you can"
}

test_warning_questions_by_kind if {
	questions := {kind: f.details.question |
		some [api, kind] in [
			["v1", "Secret"], ["v1", "ServiceAccount"], ["policy/v1", "PodDisruptionBudget"],
			["networking.k8s.io/v1", "NetworkPolicy"], ["autoscaling/v2", "HorizontalPodAutoscaler"],
		]
		some f in rule.violations(k8s_object(api, kind, "kube-system", "mine", {}), ctx)
		f.severity == "warn"
	}
	questions == {
		"Secret": "which component reads it",
		"ServiceAccount": "which workload uses it (pods use the service accounts of their own namespace, and your workloads do not belong in kube-system)",
		"PodDisruptionBudget": "which pods it selects (a disruption budget over AKS Arc's pods can block node drains during an upgrade)",
		"NetworkPolicy": "which traffic it blocks (a network policy in kube-system can cut AKS Arc's components off)",
		"HorizontalPodAutoscaler": "what it does in kube-system and which of your components needs it there",
	}
}

# kube-prometheus: the Role and RoleBinding that let Prometheus read kube-system.
test_silent_for_read_only_role_and_its_binding if {
	reader := role("prometheus-k8s", [
		{"apiGroups": ["discovery.k8s.io"], "resources": ["endpointslices"], "verbs": ["get", "list", "watch"]},
		{"apiGroups": [""], "resources": ["services", "pods"], "verbs": ["get", "list", "watch"]},
	])
	severities(reader, ctx) == set()
	severities(observed(reader), ctx) == set()
	severities(binding("prometheus-k8s", "Role", "prometheus-k8s", [sa("prometheus-k8s", "monitoring")]), ctx) == set()

	# control: the same Role that may also delete pods is a warning
	writer := role("prometheus-k8s", [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "delete"]}])
	some f in rule.violations(writer, ctx)
	f.severity == "warn"
	f.details.question == "what it lets its subjects change in kube-system (it grants more than reading and leader election)"
	severities(role("everything", [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}]), ctx) == {"warn"}
}

# cert-manager: the leader-election Role and RoleBinding, and the Lease itself.
test_silent_for_leader_election_role_binding_and_lease if {
	election := role("cert-manager:leaderelection", [
		{"apiGroups": ["coordination.k8s.io"], "resources": ["leases"], "resourceNames": ["cert-manager-controller"], "verbs": ["get", "update", "patch"]},
		{"apiGroups": ["coordination.k8s.io"], "resources": ["leases"], "verbs": ["create"]},
	])
	severities(election, ctx) == set()
	severities(binding("cert-manager:leaderelection", "Role", "cert-manager:leaderelection", [sa("cert-manager", "cert-manager")]), ctx) == set()
	severities(k8s_object("coordination.k8s.io/v1", "Lease", "kube-system", "cert-manager-controller", {}), ctx) == set()

	# control: leader election over ConfigMaps could rewrite AKS Arc's configuration
	configmaps := role("legacy-election", [{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get", "update"]}])
	severities(configmaps, ctx) == {"warn"}

	# control: deleting leases is more than taking part in an election
	severities(role("lease-janitor", [{"apiGroups": ["coordination.k8s.io"], "resources": ["leases"], "verbs": ["delete"]}]), ctx) == {"warn"}

	# control: a Lease of another group is no record
	severities(k8s_object("example.com/v1", "Lease", "kube-system", "cert-manager-controller", {}), ctx) == {"warn"}
}

# prometheus-adapter and metrics-server bind extension-apiserver-authentication-reader.
test_silent_for_bindings_to_the_authentication_reader if {
	reader := binding("resource-metrics-auth-reader", "Role", "extension-apiserver-authentication-reader", [sa("prometheus-adapter", "monitoring")])
	severities(reader, ctx) == set()
	severities(binding("metrics-server-auth-reader", "Role", "extension-apiserver-authentication-reader", [sa("metrics-server", "kube-system")]), ctx) == set()
	severities(binding("team-viewers", "ClusterRole", "view", [{"kind": "Group", "name": "platform-team"}]), ctx) == set()
}

test_warns_for_a_binding_to_a_managed_role_or_a_cluster_role if {
	some f in rule.violations(binding("borrow-proxy", "Role", "kube-proxy", [sa("agent", "tools"), {"kind": "Group", "name": "ops"}]), ctx)
	f.severity == "warn"
	f.details.question == "what the Role kube-proxy lets ServiceAccount tools/agent, Group ops do in kube-system"
	some g in rule.violations(binding("ops-admin", "ClusterRole", "admin", []), ctx)
	g.details.question == "what the ClusterRole admin lets no one do in kube-system"

	# a binding without a roleRef
	some h in rule.violations(k8s_object("rbac.authorization.k8s.io/v1", "RoleBinding", "kube-system", "odd", {}), ctx)
	h.details.question == "what it does in kube-system and which of your components needs it there"
}

# kube-prometheus-stack: headless Services for scraping the control plane and CoreDNS.
test_silent_for_headless_services if {
	headless := service("kube-prometheus-stack-kube-scheduler", {
		"clusterIP": "None",
		"ports": [{"name": "http-metrics", "port": 10259}],
		"selector": {"component": "kube-scheduler"},
	})
	severities(headless, ctx) == set()
	severities(k8s_object("v1", "Endpoints", "kube-system", "kubelet", {}), ctx) == set()
	severities(k8s_object("discovery.k8s.io/v1", "EndpointSlice", "kube-system", "kubelet-x7k2p", {}), ctx) == set()

	# control: a Service with a virtual IP is a warning
	some f in rule.violations(service("metrics-server", {"ports": [{"port": 443}], "selector": {"k8s-app": "metrics-server"}}), ctx)
	f.severity == "warn"
	f.details.question == "what it exposes (it is not headless: it puts a virtual IP in front of pods in kube-system)"
}

test_silent_for_objects_a_controller_owns if {
	revision := object.union(k8s_object("apps/v1", "ControllerRevision", "kube-system", "node-exporter-5d8f9", {}), {"metadata": {"ownerReferences": [
		{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": "node-exporter", "uid": "1", "controller": true},
	]}})
	severities(revision, ctx) == set()

	# control: a reference that is not the controller's, and an owned workload
	not_controller := object.union(revision, {"metadata": {"ownerReferences": [{"kind": "DaemonSet", "name": "x", "controller": false}]}})
	severities(not_controller, ctx) == {"warn"}
	owned_pod := object.union(pod("node-exporter-abcde", {}), {"metadata": {"ownerReferences": [{"kind": "DaemonSet", "name": "node-exporter", "controller": true}]}})
	severities(owned_pod, ctx) == {"deny"}
}

# --- What is never judged ---

test_silent_for_user_objects_elsewhere if {
	severities(deployment("default", "backup-scheduler", {"app": "backup-scheduler"}), ctx) == set()
	severities(config_map("shop", "my-config"), ctx) == set()
}

test_silent_for_events_of_any_group if {
	core := k8s_object("v1", "Event", "kube-system", "backup-scheduler-6d5f.17a9b3c5d7e9f1a3", {})
	count(rule.violations(core, ctx)) == 0
	count(rule.violations(object.union(core, {"apiVersion": "events.k8s.io/v1"}), ctx)) == 0

	# control: the same object as a Pod is denied
	severities(object.union(core, {"kind": "Pod"}), ctx) == {"deny"}
}

test_silent_for_pod_labelled_kube_dns if {
	count(rule.violations(pod("dns-probe", {"k8s-app": "kube-dns"}), ctx)) == 0
}

test_silent_for_label_accepting_any_value if {
	any_value := testing.ctx_with("2025-11-01", {"catalog": {"managedComponents": {"labels": {"team": {"*": {}}}}}})
	count(rule.violations(pod("legacy-addon", {"team": "platform"}), any_value)) == 0
	count(rule.violations(pod("legacy-addon", {}), any_value)) == 1
}

test_names_that_only_start_like_control_plane_components if {
	count(rule.violations(pod("kube-scheduler-mine", {}), ctx)) == 0
	count(rule.violations(pod("kube-schedulerx", {}), ctx)) == 1
	count(rule.violations(pod("kube-controller-managerial", {}), ctx)) == 1
}

test_silent_for_namespace_objects if {
	ns := {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "kube-system"}}
	count(rule.violations(ns, ctx)) == 0
	odd := {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "tools", "namespace": "kube-system"}}
	count(rule.violations(odd, ctx)) == 0
	count(rule.violations(object.union(odd, {"kind": "Pod"}), ctx)) == 1
}

test_silent_without_metadata if {
	count(rule.violations({"apiVersion": "v1", "kind": "Pod", "spec": {}}, ctx)) == 0
	count(rule.violations({"apiVersion": "v1", "kind": "Pod", "metadata": "kube-system"}, ctx)) == 0
	count(rule.violations("kube-system", ctx)) == 0
	count(rule.violations(null, ctx)) == 0
}

test_silent_for_cluster_snapshot if {
	snap := testing.snapshot({})
	count(rule.violations(snap, ctx)) == 0
	in_kube_system := object.union(snap, {"metadata": {"namespace": "kube-system"}})
	count(rule.violations(in_kube_system, ctx)) == 0
	count(rule.violations(object.union(in_kube_system, {"apiVersion": "v1", "kind": "Pod"}), ctx)) == 1
}

test_silent_for_cluster_scoped_objects if {
	count(rule.violations({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "system:coredns"}}, ctx)) == 0
	count(rule.violations({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "backup-reader"}}, ctx)) == 0
}

# What a healthy AKS Arc cluster runs in kube-system ("Cluster from kubectl"), plus the objects
# Kubernetes, kubeadm and the add-ons create there: none of them is foreign.
healthy := [
	# pods of the managed workloads and the control plane's static pods (node moc-l6x2p9hq0fk)
	["v1", "Pod", "akshci-telemetry-6b7c8d9f5-k2m4n"],
	["v1", "Pod", "akshci-telemetry-initial-p4x8r"],
	["v1", "Pod", "ama-logs-rs-7d6c5b4a3-p9q8r"],
	["v1", "Pod", "ama-logs-z5c7v"],
	["v1", "Pod", "ama-metrics-ksm-5f4e3d2c1-b8n6m"],
	["v1", "Pod", "ama-metrics-node-8x7vq"],
	["v1", "Pod", "azure-policy-5d4c3b2a1-s6t7u"],
	["v1", "Pod", "azure-policy-webhook-6e5d4c3b2-v9w1x"],
	["v1", "Pod", "calico-kube-controllers-6f9d7c5b8-lm4pq"],
	["v1", "Pod", "calico-node-abc12"],
	["v1", "Pod", "calicoctl"],
	["v1", "Pod", "certificate-controller-manager-5b8f9c7d6-t2v4x"],
	["v1", "Pod", "coredns-7c6d8b9f4d-x2k9m"],
	["v1", "Pod", "csi-akshcicsi-controller-7d9c8b6f5-h3j5k"],
	["v1", "Pod", "csi-akshcicsi-node-r7t9y"],
	["v1", "Pod", "etcd-moc-l6x2p9hq0fk"],
	["v1", "Pod", "kube-apiserver-moc-l6x2p9hq0fk"],
	["v1", "Pod", "kube-controller-manager-moc-l6x2p9hq0fk"],
	["v1", "Pod", "kube-proxy-q8w2n"],
	["v1", "Pod", "kube-scheduler-moc-l6x2p9hq0fk"],
	["v1", "Pod", "kube-vip-moc-l6x2p9hq0fk"],
	["v1", "Pod", "moc-cloud-controller-manager-6c8d9f7b5-w5z7a"],
	["apps/v1", "DaemonSet", "calico-node"],
	["apps/v1", "DaemonSet", "csi-akshcicsi-node"],
	["apps/v1", "DaemonSet", "kube-proxy"],
	["apps/v1", "DaemonSet", "kube-flannel-ds"],
	["apps/v1", "Deployment", "akshci-telemetry"],
	["apps/v1", "Deployment", "calico-kube-controllers"],
	["apps/v1", "Deployment", "certificate-controller-manager"],
	["apps/v1", "Deployment", "coredns"],
	["apps/v1", "Deployment", "csi-akshcicsi-controller"],
	["apps/v1", "Deployment", "moc-cloud-controller-manager"],
	["apps/v1", "ReplicaSet", "certificate-controller-manager-5b8f9c7d6"],
	["apps/v1", "ReplicaSet", "coredns-7c6d8b9f4d"],
	["batch/v1", "Job", "akshci-telemetry-initial"],
	["v1", "Service", "kube-dns"],
	["v1", "Endpoints", "kube-dns"],
	["discovery.k8s.io/v1", "EndpointSlice", "kube-dns-7xk2p"],
	["v1", "ConfigMap", "calico-config"],
	["v1", "ConfigMap", "coredns"],
	["v1", "ConfigMap", "extension-apiserver-authentication"],
	["v1", "ConfigMap", "kube-apiserver-legacy-service-account-token-tracking"],
	["v1", "ConfigMap", "kube-proxy"],
	["v1", "ConfigMap", "kube-root-ca.crt"],
	["v1", "ConfigMap", "kubeadm-config"],
	["v1", "ConfigMap", "kubelet-config"],
	["v1", "Secret", "bootstrap-token-7k2m9q"],
	["coordination.k8s.io/v1", "Lease", "apiserver-q3vk7x2bfh4nzt6wj5cmdr8ly"],
	["coordination.k8s.io/v1", "Lease", "cloud-controller-manager"],
	["coordination.k8s.io/v1", "Lease", "disk-csi-akshci-com"],
	["coordination.k8s.io/v1", "Lease", "external-attacher-leader-disk-csi-akshci-com"],
	["coordination.k8s.io/v1", "Lease", "external-resizer-disk-csi-akshci-com"],
	["coordination.k8s.io/v1", "Lease", "kube-controller-manager"],
	["coordination.k8s.io/v1", "Lease", "kube-scheduler"],
	["coordination.k8s.io/v1", "Lease", "plndr-cp-lock"],
	["coordination.k8s.io/v1", "Lease", "plndr-svcs-lock"],
	["rbac.authorization.k8s.io/v1", "Role", "extension-apiserver-authentication-reader"],
	["rbac.authorization.k8s.io/v1", "Role", "kube-proxy"],
	["rbac.authorization.k8s.io/v1", "Role", "kubeadm:kubelet-config"],
	["rbac.authorization.k8s.io/v1", "Role", "kubeadm:nodes-kubeadm-config"],
	["rbac.authorization.k8s.io/v1", "Role", "system::leader-locking-kube-controller-manager"],
	["rbac.authorization.k8s.io/v1", "Role", "system:controller:bootstrap-signer"],
	["rbac.authorization.k8s.io/v1", "RoleBinding", "kubeadm:nodes-kubeadm-config"],
	["rbac.authorization.k8s.io/v1", "RoleBinding", "system:controller:token-cleaner"],
	# the SMB and NFS CSI drivers (storageProfile.smbCsiDriver / nfsCsiDriver, on by default)
	["apps/v1", "Deployment", "csi-smb-controller"],
	["apps/v1", "DaemonSet", "csi-smb-node"],
	["apps/v1", "DaemonSet", "csi-smb-node-win"],
	["v1", "Pod", "csi-smb-controller-5f8d7c6b9-q4w7e"],
	["v1", "Pod", "csi-smb-node-win-k8p2d"],
	["apps/v1", "Deployment", "csi-nfs-controller"],
	["apps/v1", "DaemonSet", "csi-nfs-node"],
	["v1", "Pod", "csi-nfs-node-m3x9z"],
	["coordination.k8s.io/v1", "Lease", "smb-csi-k8s-io"],
	["coordination.k8s.io/v1", "Lease", "nfs-csi-k8s-io"],
]

# Service accounts of kube-system: the AKS Arc components' and kube-controller-manager's.
service_accounts := [
	"akshci-telemetry", "attachdetach-controller", "bootstrap-signer", "calico-kube-controllers",
	"calico-node", "certificate-controller", "certificate-controller-manager",
	"clusterrole-aggregation-controller", "coredns", "cronjob-controller", "csi-akshcicsi-controller-sa",
	"csi-akshcicsi-node-sa", "daemon-set-controller", "default", "deployment-controller",
	"disruption-controller", "endpoint-controller", "endpointslice-controller",
	"endpointslicemirroring-controller", "ephemeral-volume-controller", "expand-controller",
	"generic-garbage-collector", "horizontal-pod-autoscaler", "job-controller", "kube-proxy",
	"kube-vip", "legacy-service-account-token-cleaner", "moc-cloud-controller-manager",
	"namespace-controller", "node-controller", "persistent-volume-binder", "pod-garbage-collector",
	"pv-protection-controller", "pvc-protection-controller", "replicaset-controller",
	"replication-controller", "resourcequota-controller", "root-ca-cert-publisher",
	"service-account-controller", "statefulset-controller", "token-cleaner",
	"ttl-after-finished-controller", "ttl-controller", "validatingadmissionpolicy-status-controller",
	"csi-smb-controller-sa", "csi-smb-node-sa", "csi-nfs-controller-sa", "csi-nfs-node-sa",
]

healthy_objects := array.concat(
	[observed(k8s_object(api, kind, "kube-system", name, {})) | some [api, kind, name] in healthy],
	[observed(k8s_object("v1", "ServiceAccount", "kube-system", name, {})) | some name in service_accounts],
)

test_healthy_kube_system_is_not_foreign if {
	foreign := {f.resource | some obj in healthy_objects; some f in rule.violations(obj, ctx)}
	foreign == set()
}

# control: under names of their own, the same objects are foreign: the workloads are denied,
# the others warned about, except those that follow a well-known pattern on their own (a Lease,
# a Service's endpoints, a Role without rules). The RoleBindings here have no roleRef: warned.
test_healthy_objects_renamed_are_foreign if {
	got := {[obj.kind, obj.metadata.name, severities(renamed(obj, concat("", ["user-", obj.metadata.name])), ctx)] | some obj in healthy_objects}
	every entry in got {
		_expected_when_renamed(entry[0], entry[2])
	}
}

_expected_when_renamed(kind, sev) if {
	kind in {"Pod", "Deployment", "DaemonSet", "ReplicaSet", "Job"}
	sev == {"deny"}
}

_expected_when_renamed(kind, sev) if {
	kind in {"ConfigMap", "Secret", "ServiceAccount", "Service", "RoleBinding"}
	sev == {"warn"}
}

_expected_when_renamed(kind, sev) if {
	kind in {"Lease", "Endpoints", "EndpointSlice", "Role"}
	sev == set()
}

# Entries name their kinds: under another kind, the healthy objects' names are foreign.
test_inventory_entries_name_their_kinds if {
	every name in ["coredns", "kube-proxy", "calico-node", "moc-cloud-controller-manager"] {
		severities(k8s_object("batch/v1", "CronJob", "kube-system", name, {}), ctx) == {"deny"}
	}
	severities(k8s_object("apps/v1", "Deployment", "kube-system", "kube-dns", {}), ctx) == {"deny"}
	severities(config_map("kube-system", "etcd-backup-settings"), ctx) == {"warn"}
	severities(k8s_object("v1", "Secret", "kube-system", "kube-root-ca.crt", {}), ctx) == {"warn"}
}

test_override_adds_a_name_and_keeps_the_built_in_ones if {
	override := testing.ctx_with(day, {"catalog": {"managedComponents": {"names": {"my-agent": {"note": "ours"}}}}})

	# an entry without kinds covers every kind
	severities(deployment("kube-system", "my-agent", {}), override) == set()
	severities(config_map("kube-system", "my-agent"), override) == set()
	severities(deployment("kube-system", "my-agent", {}), ctx) == {"deny"}

	# names are keyed: kube-root-ca.crt, a built-in name, is still known, and prefixes stay
	severities(config_map("kube-system", "kube-root-ca.crt"), override) == set()
	severities(pod("coredns-7c6d8b9f4d-x2k9m", {}), override) == set()

	# an entry with kinds covers those only
	with_kinds := testing.ctx_with(day, {"catalog": {"managedComponents": {"names": {"my-agent": {"kinds": ["DaemonSet"]}}}}})
	severities(k8s_object("apps/v1", "DaemonSet", "kube-system", "my-agent", {}), with_kinds) == set()
	severities(deployment("kube-system", "my-agent", {}), with_kinds) == {"deny"}
}

test_override_switches_a_built_in_name_off_with_null if {
	override := testing.ctx_with(day, {"catalog": {"managedComponents": {"names": {"kube-root-ca.crt": null}}}})
	count(rule.violations(config_map("kube-system", "kube-root-ca.crt"), ctx)) == 0
	findings := rule.violations(config_map("kube-system", "kube-root-ca.crt"), override)
	count(findings) == 1
	some f in findings
	f.id == "AKSARC-010"
	f.severity == "warn"

	# false switches an entry off too; other names stay
	off := testing.ctx_with(day, {"catalog": {"managedComponents": {"names": {"coredns": false}}}})
	severities(deployment("kube-system", "coredns", {}), off) == {"deny"}
	severities(k8s_object("apps/v1", "DaemonSet", "kube-system", "kube-proxy", {}), off) == set()
}

test_override_adds_a_prefix_and_switches_one_off if {
	override := testing.ctx_with(day, {"catalog": {"managedComponents": {"prefixes": {"backup-": {}, "calico-": null}}}})
	count(rule.violations(deployment("kube-system", "backup-scheduler", {}), override)) == 0
	count(rule.violations(deployment("kube-system", "backup-scheduler", {}), ctx)) == 1

	# calico- is off; calico-node is still a name, calico-typha only had the prefix
	count(rule.violations(deployment("kube-system", "calico-typha", {}), ctx)) == 0
	count(rule.violations(deployment("kube-system", "calico-typha", {}), override)) == 1
	count(rule.violations(k8s_object("apps/v1", "DaemonSet", "kube-system", "calico-node", {}), override)) == 0
}

test_override_of_labels_merges_keys_and_values if {
	override := testing.ctx_with(day, {"catalog": {"managedComponents": {"labels": {
		"team": {"platform": {}},
		"k8s-app": {"node-local-dns": {"kinds": ["DaemonSet", "Pod"]}},
	}}}})
	count(rule.violations(deployment("kube-system", "node-agent", {"team": "platform"}), override)) == 0
	count(rule.violations(deployment("kube-system", "node-agent", {"team": "platform"}), ctx)) == 1
	count(rule.violations(deployment("kube-system", "node-agent", {"team": "apps"}), override)) == 1
	count(rule.violations(pod("dns-cache", {"k8s-app": "node-local-dns"}), override)) == 0
	count(rule.violations(deployment("kube-system", "dns-cache", {"k8s-app": "node-local-dns"}), override)) == 1

	# the built-in values of k8s-app are kept (objects merge)
	count(rule.violations(pod("dns-probe", {"k8s-app": "kube-dns"}), override)) == 0
}

test_malformed_inventory_entries_match_nothing if {
	odd := testing.ctx_with(day, {"catalog": {"managedComponents": {
		"names": ["my-agent"],
		"prefixes": "backup-",
		"labels": {"team": ["platform"], "tier": "x"},
		"customerConfig": {
			"mine": "my-config",
			"empty": {},
			"kinds-only": {"kinds": ["ConfigMap"]},
			"names-not-a-list": {"apiGroup": "", "names": "my-config"},
			"kinds-not-a-list": {"apiGroup": "apps", "kinds": "Deployment"},
		},
		"ignoredKinds": "Event",
		"wellKnownPatterns": {"readVerbs": "get", "kinds": ["Lease"], "roleRefs": "view"},
	}}})
	severities(config_map("kube-system", "my-config"), odd) == {"warn"}
	severities(deployment("kube-system", "my-agent", {}), odd) == {"deny"}
	severities(deployment("kube-system", "backup-scheduler", {}), odd) == {"deny"}
	severities(deployment("kube-system", "node-agent", {"team": "platform"}), odd) == {"deny"}

	# an ignoredKinds that is not a list ignores nothing
	severities(k8s_object("v1", "Event", "kube-system", "x.17a9b3c5d7e9f1a3", {}), odd) == {"warn"}

	# kinds that is not a list covers nothing
	bad_kinds := testing.ctx_with(day, {"catalog": {"managedComponents": {"names": {"my-agent": {"kinds": "Deployment"}}}}})
	severities(deployment("kube-system", "my-agent", {}), bad_kinds) == {"deny"}

	# malformed patterns keep nothing quiet
	severities(role("reader", [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get"]}]), odd) == {"warn"}
	severities(k8s_object("coordination.k8s.io/v1", "Lease", "kube-system", "x", {}), odd) == {"warn"}
	severities(binding("b", "ClusterRole", "view", []), odd) == {"warn"}
}

test_override_of_ignored_kinds if {
	job := k8s_object("batch/v1", "Job", "kube-system", "nightly-report", {})
	count(rule.violations(job, ctx)) == 1
	override := testing.ctx_with(day, {"catalog": {"managedComponents": {"ignoredKinds": ["Event", "Job"]}}})
	count(rule.violations(job, override)) == 0
}

test_override_of_namespace if {
	override := testing.ctx_with(day, {"catalog": {"managedComponents": {"namespace": "platform-system"}}})
	count(rule.violations(deployment("kube-system", "backup-scheduler", {}), override)) == 0
	findings := rule.violations(deployment("platform-system", "backup-scheduler", {}), override)
	count(findings) == 1
	some f in findings
	f.message == "Deployment backup-scheduler in platform-system runs containers and is not an AKS Arc managed component: AKS Arc maintains what runs in platform-system and users must not add workloads there, so the cluster is out of support while it runs; move it to a namespace of your own"
}

# Customer configuration Microsoft documents in kube-system (catalog customerConfig).
customer_config := [
	k8s_object("v1", "ConfigMap", "kube-system", "container-azm-ms-agentconfig", {}),
	k8s_object("v1", "ConfigMap", "kube-system", "ama-metrics-settings-configmap", {}),
	k8s_object("v1", "ConfigMap", "kube-system", "ama-metrics-prometheus-config", {}),
	k8s_object("v1", "ConfigMap", "kube-system", "ama-metrics-prometheus-config-node", {}),
	k8s_object("v1", "ConfigMap", "kube-system", "ama-metrics-prometheus-config-node-windows", {}),
	k8s_object("v1", "Secret", "kube-system", "ama-metrics-mtls-secret", {}),
	k8s_object("azmonitoring.coreos.com/v1", "ServiceMonitor", "kube-system", "dns-metrics", {}),
	k8s_object("azmonitoring.coreos.com/v1", "PodMonitor", "kube-system", "etcd-tls", {}),
	k8s_object("metallb.io/v1beta1", "IPAddressPool", "kube-system", "lb-pool-1", {}),
	k8s_object("metallb.io/v1beta1", "L2Advertisement", "kube-system", "lb-pool-1", {}),
	k8s_object("metallb.io/v1beta1", "BGPAdvertisement", "kube-system", "lb-pool-1", {}),
	k8s_object("metallb.io/v1beta2", "BGPPeer", "kube-system", "tor-switch-a", {}),
]

test_silent_for_documented_customer_configuration if {
	every obj in customer_config {
		count(rule.violations(obj, ctx)) == 0
		count(rule.violations(observed(obj), ctx)) == 0
	}
}

test_silent_for_documented_customer_configuration if {
	every obj in customer_config {
		count(rule.violations(obj, ctx)) == 0
		count(rule.violations(observed(obj), ctx)) == 0
	}
}

# control: the same objects fire when their entry is switched off, or under another kind,
# group or name than the entry gives.
test_customer_configuration_is_exact if {
	severities(config_map("kube-system", "container-azm-ms-agentconfig-old"), ctx) == {"warn"}
	severities(k8s_object("apps/v1", "Deployment", "kube-system", "container-azm-ms-agentconfig", {}), ctx) == {"deny"}
	severities(k8s_object("v1", "Secret", "kube-system", "container-azm-ms-agentconfig", {}), ctx) == {"warn"}
	severities(k8s_object("monitoring.coreos.com/v1", "ServiceMonitor", "kube-system", "dns-metrics", {}), ctx) == {"warn"}
	severities(k8s_object("metallb.io/v1beta1", "Community", "kube-system", "lb-pool-1", {}), ctx) == {"warn"}
	severities(k8s_object("metallb.io/v1beta1", "IPAddressPool", "kube-system", "lb-pool-1", {}), ctx) == set()
	severities({"apiVersion": 1, "kind": "IPAddressPool", "metadata": {"namespace": "kube-system", "name": "lb-pool-1"}}, ctx) == {"warn"}

	off := testing.ctx_with(day, {"catalog": {"managedComponents": {"customerConfig": {"container-insights": null, "arc-networking-metallb": null}}}})
	findings := rule.violations(config_map("kube-system", "container-azm-ms-agentconfig"), off)
	count(findings) == 1
	some f in findings
	f.details == {"kind": "ConfigMap", "name": "container-azm-ms-agentconfig", "workload": false, "question": "which component reads it"}
	count(rule.violations(k8s_object("metallb.io/v1beta1", "IPAddressPool", "kube-system", "lb-pool-1", {}), off)) == 1

	# the other entries stay
	count(rule.violations(config_map("kube-system", "ama-metrics-settings-configmap"), off)) == 0
}

test_override_adds_customer_configuration if {
	job := k8s_object("batch/v1", "Job", "kube-system", "nightly-etcd-defrag", {})
	count(rule.violations(job, ctx)) == 1
	by_name := testing.ctx_with(day, {"catalog": {"managedComponents": {"customerConfig": {"defrag": {
		"apiGroup": "batch",
		"kinds": ["Job"],
		"names": ["nightly-etcd-defrag"],
		"source": "https://example.com/runbook",
	}}}}})
	count(rule.violations(job, by_name)) == 0
	count(rule.violations(renamed(job, "weekly-etcd-defrag"), by_name)) == 1

	by_group := testing.ctx_with(day, {"catalog": {"managedComponents": {"customerConfig": {"sealed": {"apiGroup": "bitnami.com"}}}}})
	sealed := k8s_object("bitnami.com/v1alpha1", "SealedSecret", "kube-system", "registry-pull", {})
	count(rule.violations(sealed, by_group)) == 0
	count(rule.violations(sealed, ctx)) == 1

	# names without an apiGroup: any group and, without kinds, any kind
	by_names := testing.ctx_with(day, {"catalog": {"managedComponents": {"customerConfig": {"runbook": {"names": ["nightly-etcd-defrag"]}}}}})
	count(rule.violations(job, by_names)) == 0
	count(rule.violations(config_map("kube-system", "nightly-etcd-defrag"), by_names)) == 0
	count(rule.violations(config_map("kube-system", "nightly-etcd-defrag-log"), by_names)) == 1

	# an empty list accepts every value
	empty_names := testing.ctx_with(day, {"catalog": {"managedComponents": {"customerConfig": {"settings": {"apiGroup": "", "kinds": ["ConfigMap"], "names": []}}}}})
	count(rule.violations(config_map("kube-system", "any-settings"), empty_names)) == 0
	count(rule.violations(k8s_object("v1", "Secret", "kube-system", "any-settings", {}), empty_names)) == 1

	# customer configuration is about the inventory's namespace only
	count(rule.violations(k8s_object("bitnami.com/v1alpha1", "SealedSecret", "shop", "registry-pull", {}), by_group)) == 0
}

test_silent_for_smb_and_nfs_csi_drivers_as_manifests if {
	count(rule.violations(deployment("kube-system", "csi-smb-controller", {"app": "csi-smb-controller"}), ctx)) == 0
	count(rule.violations(k8s_object("apps/v1", "DaemonSet", "kube-system", "csi-nfs-node", {"app": "csi-nfs-node"}), ctx)) == 0

	# control: a driver the inventory does not know
	count(rule.violations(k8s_object("apps/v1", "DaemonSet", "kube-system", "csi-iscsi-node", {}), ctx)) == 1
}
