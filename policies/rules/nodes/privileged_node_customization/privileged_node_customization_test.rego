package lib.aksarc.rules.nodes.privileged_node_customization_test

import data.lib.aksarc.rules.nodes.privileged_node_customization as rule
import data.lib.aksarc.testing

ctx := testing.ctx("2025-11-01")

url := "https://learn.microsoft.com/azure/aks/aksarc/support-policies#user-customization-of-agent-nodes"

# workload is a kind's manifest in a namespace with the given pod spec.
workload(api, kind, namespace, name, spec) := obj if {
	paths := {
		"Pod": ["spec"],
		"PodTemplate": ["template", "spec"],
		"CronJob": ["spec", "jobTemplate", "spec", "template", "spec"],
	}
	path := object.get(paths, kind, ["spec", "template", "spec"])
	obj := object.union(
		{"apiVersion": api, "kind": kind, "metadata": {"namespace": namespace, "name": name}},
		_nest(path, spec),
	)
}

_nest(["spec"], v) := {"spec": v}

_nest(["template", "spec"], v) := {"template": {"spec": v}}

_nest(["spec", "template", "spec"], v) := {"spec": {"template": {"spec": v}}}

_nest(["spec", "jobTemplate", "spec", "template", "spec"], v) := {"spec": {"jobTemplate": {"spec": {"template": {"spec": v}}}}}

daemonset(namespace, spec) := workload("apps/v1", "DaemonSet", namespace, "node-tuner", spec)

app := {"name": "app", "image": "contoso.azurecr.io/app:1.0"}

with_security(container, sc) := object.union(container, {"securityContext": sc})

privileged_spec := {"containers": [with_security(app, {"privileged": true})]}

only(findings) := f if {
	count(findings) == 1
	some f in findings
}

test_fires_for_privileged_daemonset if {
	f := only(rule.violations(daemonset("ops", privileged_spec), ctx))
	f.id == "AKSARC-020"
	f.name == "privileged-node-customization"
	f.severity == "warn"
	f.section == "User customization of agent nodes"
	f.url == url
	f.resource == {"apiVersion": "apps/v1", "kind": "DaemonSet", "namespace": "ops", "name": "node-tuner"}
	f.details == {
		"kind": "DaemonSet",
		"namespace": "ops",
		"name": "node-tuner",
		"reasons": [{"reason": "privileged", "container": "app", "containerType": "container"}],
	}
	f.message == "DaemonSet ops/node-tuner customizes its agent nodes (privileged container app): DaemonSets are the supported way to change nodes, but AKS Arc support will not troubleshoot or diagnose a node that such a workload makes unavailable; keep only the privileges it needs"
}

test_fires_for_privileged_init_and_ephemeral_containers if {
	spec := {
		"containers": [app],
		"initContainers": [with_security({"name": "sysctl-init", "image": "busybox:1.36"}, {"privileged": true})],
		"ephemeralContainers": [with_security({"name": "debugger", "image": "busybox:1.36"}, {"privileged": true})],
	}
	f := only(rule.violations(daemonset("ops", spec), ctx))
	f.details.reasons == [
		{"reason": "privileged", "container": "debugger", "containerType": "ephemeralContainer"},
		{"reason": "privileged", "container": "sysctl-init", "containerType": "initContainer"},
	]
	contains(f.message, "privileged initContainer sysctl-init")
}

test_every_pod_bearing_kind_is_judged if {
	kinds := [
		["v1", "Pod"], ["v1", "PodTemplate"], ["v1", "ReplicationController"], ["apps/v1", "Deployment"],
		["apps/v1", "ReplicaSet"], ["apps/v1", "StatefulSet"], ["apps/v1", "DaemonSet"],
		["batch/v1", "Job"], ["batch/v1", "CronJob"],
	]
	every pair in kinds {
		f := only(rule.violations(workload(pair[0], pair[1], "ops", "w", privileged_spec), ctx))
		f.details.kind == pair[1]
	}
}

test_one_finding_lists_every_reason if {
	spec := {
		"hostPID": true,
		"securityContext": {"sysctls": [{"name": "vm.max_map_count", "value": "262144"}, {"name": "net.core.somaxconn", "value": "4096"}]},
		"containers": [with_security(
			object.union(app, {"volumeMounts": [{"name": "host-etc", "mountPath": "/host/etc"}]}),
			{"privileged": true, "capabilities": {"add": ["SYS_ADMIN", "NET_RAW"]}},
		)],
		"initContainers": [object.union({"name": "copy", "image": "busybox:1.36"}, {"volumeMounts": [{"name": "host-etc", "mountPath": "/etc-host", "readOnly": true}]})],
		"volumes": [{"name": "host-etc", "hostPath": {"path": "/etc", "type": "Directory"}}, {"name": "scratch", "emptyDir": {}}],
	}
	f := only(rule.violations(daemonset("ops", spec), ctx))
	f.details.reasons == [
		{"reason": "privileged", "container": "app", "containerType": "container"},
		{"reason": "hostPID"},
		{"reason": "capability", "capability": "SYS_ADMIN", "container": "app", "containerType": "container"},
		{"reason": "sysctls", "sysctls": ["net.core.somaxconn", "vm.max_map_count"]},
		{"reason": "hostPath", "volume": "host-etc", "path": "/etc", "systemPaths": ["/etc"], "containers": ["app", "copy"]},
	]
	f.message == "DaemonSet ops/node-tuner customizes its agent nodes (privileged container app; hostPID; SYS_ADMIN added to container app; unsafe sysctls net.core.somaxconn, vm.max_map_count, which the node's kubelet must allow-list; hostPath /etc (volume host-etc)): DaemonSets are the supported way to change nodes, but AKS Arc support will not troubleshoot or diagnose a node that such a workload makes unavailable; keep only the privileges it needs"
}

for_caps(caps) := rule.violations(daemonset("ops", {"containers": [with_security(app, {"capabilities": {"add": caps}})]}), ctx)

test_capabilities_sys_admin_and_all if {
	only(for_caps(["ALL"])).details.reasons == [{"reason": "capability", "capability": "ALL", "container": "app", "containerType": "container"}]
	only(for_caps(["cap_sys_admin"])).details.reasons[0].capability == "SYS_ADMIN"
	count(for_caps(["NET_ADMIN", "NET_RAW", "SYS_TIME"])) == 0
	count(for_caps("SYS_ADMIN")) == 0
}

test_capability_list_from_the_catalog if {
	custom := testing.ctx_with("2025-11-01", {"catalog": {"agentNodes": {"capabilities": {"nodeCustomization": ["SYS_MODULE"]}}}})
	spec := {"containers": [with_security(app, {"capabilities": {"add": ["SYS_MODULE"]}})]}
	count(rule.violations(daemonset("ops", spec), custom)) == 1
	count(rule.violations(daemonset("ops", spec), ctx)) == 0
}

test_host_pid_true_only if {
	count(rule.violations(daemonset("ops", {"hostPID": true, "containers": [app]}), ctx)) == 1
	count(rule.violations(daemonset("ops", {"hostPID": false, "containers": [app]}), ctx)) == 0
	count(rule.violations(daemonset("ops", {"hostPID": "true", "containers": [app]}), ctx)) == 0
}

with_sysctls(sysctls) := {"securityContext": {"sysctls": sysctls}, "containers": [app]}

deployment(spec) := workload("apps/v1", "Deployment", "shop", "api", spec)

test_sysctls if {
	count(rule.violations(daemonset("ops", with_sysctls([{"name": "net.core.somaxconn", "value": "1024"}])), ctx)) == 1
	count(rule.violations(daemonset("ops", with_sysctls([])), ctx)) == 0
	count(rule.violations(daemonset("ops", with_sysctls([{"value": "1"}, "x"])), ctx)) == 0
	count(rule.violations(daemonset("ops", {"securityContext": "sysctls", "containers": [app]}), ctx)) == 0
	count(rule.violations(daemonset("ops", {"securityContext": {"sysctls": "net.core.somaxconn"}, "containers": [app]}), ctx)) == 0
}

# The user trial: a safe, namespaced sysctl is not node customization.
test_silent_for_safe_sysctls if {
	count(rule.violations(deployment(with_sysctls([{"name": "net.ipv4.tcp_keepalive_time", "value": "600"}])), ctx)) == 0
	every name in [
		"kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies",
		"net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.ip_local_reserved_ports",
		"net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
		"net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem",
	] {
		count(rule.violations(deployment(with_sysctls([{"name": name, "value": "1"}])), ctx)) == 0
	}
}

test_slash_separated_names if {
	count(rule.violations(deployment(with_sysctls([{"name": "net/ipv4/tcp_keepalive_time", "value": "600"}])), ctx)) == 0
	count(rule.violations(deployment(with_sysctls([{"name": "kernel/shm_rmid_forced", "value": "1"}])), ctx)) == 0
	f := only(rule.violations(deployment(with_sysctls([{"name": "net/core/somaxconn", "value": "1"}])), ctx))
	f.details.reasons == [{"reason": "sysctls", "sysctls": ["net/core/somaxconn"]}]

	# A dot inside a slash-separated name is part of a component (an interface name): not safe.
	count(rule.violations(deployment(with_sysctls([{"name": "net/ipv4.tcp_keepalive_time", "value": "1"}])), ctx)) == 1
}

test_fires_only_for_the_unsafe_sysctls if {
	spec := with_sysctls([
		{"name": "net.ipv4.tcp_keepalive_time", "value": "600"},
		{"name": "kernel.msgmax", "value": "65536"},
		{"name": "net.core.somaxconn", "value": "1024"},
	])
	f := only(rule.violations(deployment(spec), ctx))
	f.id == "AKSARC-020"
	f.severity == "warn"
	f.details.reasons == [{"reason": "sysctls", "sysctls": ["kernel.msgmax", "net.core.somaxconn"]}]
	f.message == "Deployment shop/api customizes its agent nodes (unsafe sysctls kernel.msgmax, net.core.somaxconn, which the node's kubelet must allow-list): DaemonSets are the supported way to change nodes, but AKS Arc support will not troubleshoot or diagnose a node that such a workload makes unavailable; keep only the privileges it needs"
}

# tcp_keepalive_time is safe from Kubernetes 1.29: on a 1.28 cluster it needs the kubelet allow-list.
cluster(version) := testing.snapshot({"cluster": {"kubernetesVersion": version}})

test_safe_sysctl_newer_than_the_cluster_is_unsafe if {
	keepalive := deployment(with_sysctls([{"name": "net.ipv4.tcp_keepalive_time", "value": "600"}]))
	f := only(rule.violations(keepalive, testing.ctx_for("2025-11-01", cluster("1.28.14"))))
	f.details.reasons == [{
		"reason": "sysctls",
		"sysctls": ["net.ipv4.tcp_keepalive_time"],
		"safeFrom": {"net.ipv4.tcp_keepalive_time": "1.29"},
		"clusterMinor": "1.28",
		"clusterMinorAssumed": false,
	}]
	contains(f.message, "unsafe sysctls net.ipv4.tcp_keepalive_time, which the node's kubelet must allow-list (net.ipv4.tcp_keepalive_time is safe only from Kubernetes 1.29; the cluster runs Kubernetes 1.28)")
	count(rule.violations(keepalive, testing.ctx_for("2025-11-01", cluster("1.29.13")))) == 0
	count(rule.violations(keepalive, testing.ctx_for("2025-11-01", cluster("v1.30.14")))) == 0

	# Safe in every minor: no "since".
	count(rule.violations(deployment(with_sysctls([{"name": "kernel.shm_rmid_forced", "value": "1"}])), testing.ctx_for("2025-11-01", cluster("1.26.12")))) == 0
}

test_tcp_rmem_is_safe_from_1_32 if {
	rmem := deployment(with_sysctls([{"name": "net.ipv4.tcp_rmem", "value": "4096 87380 6291456"}]))
	count(rule.violations(rmem, testing.ctx_for("2025-11-01", cluster("1.31.10")))) == 1
	count(rule.violations(rmem, testing.ctx_for("2025-11-01", cluster("1.32.6")))) == 0
}

# Without a ClusterSnapshot the catalog's newest minor is assumed, and the message says so.
test_assumed_minor_without_a_snapshot if {
	c := testing.ctx_with("2025-11-01", {"catalog": {"agentNodes": {"safeSysctls": {"net.ipv4.tcp_notsent_lowat": {"since": "1.37", "source": "https://example.com"}}}}})
	f := only(rule.violations(deployment(with_sysctls([{"name": "net.ipv4.tcp_notsent_lowat", "value": "1"}])), c))
	f.details.reasons[0].clusterMinor == "1.32"
	f.details.reasons[0].clusterMinorAssumed == true
	contains(f.message, "(net.ipv4.tcp_notsent_lowat is safe only from Kubernetes 1.37; the cluster runs Kubernetes 1.32, assumed: the newest minor in the catalog)")
}

test_safe_set_from_the_catalog if {
	keepalive := deployment(with_sysctls([{"name": "net.ipv4.tcp_keepalive_time", "value": "600"}]))
	dropped := testing.ctx_with("2025-11-01", {"catalog": {"agentNodes": {"safeSysctls": {"net.ipv4.tcp_keepalive_time": null}}}})
	count(rule.violations(keepalive, dropped)) == 1
	somaxconn := deployment(with_sysctls([{"name": "net.core.somaxconn", "value": "1024"}]))
	added := testing.ctx_with("2025-11-01", {"catalog": {"agentNodes": {"safeSysctls": {"net.core.somaxconn": {"source": "https://example.com"}}}}})
	count(rule.violations(somaxconn, added)) == 0

	# A malformed "since" does not make a listed sysctl unsafe.
	odd := testing.ctx_with("2025-11-01", {"catalog": {"agentNodes": {"safeSysctls": {"net.ipv4.tcp_keepalive_time": {"since": 129}}}}})
	count(rule.violations(keepalive, odd)) == 0
}

test_without_any_known_minor_listed_sysctls_are_safe if {
	c := json.patch(testing.ctx("2025-11-01"), [{"op": "replace", "path": "/catalog/versions", "value": {}}])
	count(rule.violations(deployment(with_sysctls([{"name": "net.ipv4.tcp_keepalive_time", "value": "600"}])), c)) == 0
	count(rule.violations(deployment(with_sysctls([{"name": "net.core.somaxconn", "value": "1024"}])), c)) == 1
}

test_windows_host_process if {
	pod_level := {"securityContext": {"windowsOptions": {"hostProcess": true}}, "hostNetwork": true, "containers": [app]}
	only(rule.violations(daemonset("ops", pod_level), ctx)).details.reasons == [{"reason": "hostProcess"}]
	contains(only(rule.violations(daemonset("ops", pod_level), ctx)).message, "(Windows HostProcess pod)")
	container_level := {"containers": [with_security(app, {"windowsOptions": {"hostProcess": true}})]}
	only(rule.violations(daemonset("ops", container_level), ctx)).details.reasons == [{"reason": "hostProcess", "container": "app", "containerType": "container"}]
	contains(only(rule.violations(daemonset("ops", container_level), ctx)).message, "(Windows HostProcess container app)")
	count(rule.violations(daemonset("ops", {"containers": [with_security(app, {"windowsOptions": {"hostProcess": false}})]}), ctx)) == 0
}

host_path(path) := {"containers": [app], "volumes": [{"name": "host", "hostPath": {"path": path}}]}

fires_for_path(path) if count(rule.violations(daemonset("ops", host_path(path)), ctx)) == 1

system_paths_of(path) := only(rule.violations(daemonset("ops", host_path(path)), ctx)).details.reasons[0].systemPaths

test_host_path_system_paths_themselves if {
	every path in ["/etc", "/usr", "/boot", "/var/lib/kubelet", "/var/lib/containerd"] {
		system_paths_of(path) == [path]
	}
}

test_host_path_under_a_system_path if {
	system_paths_of("/etc/kubernetes") == ["/etc"]
	system_paths_of("/etc/kubernetes/pki/") == ["/etc"]
	system_paths_of("/usr/local/bin") == ["/usr"]
	system_paths_of("/var/lib/kubelet/pods") == ["/var/lib/kubelet"]
	system_paths_of("/var/lib/containerd/io.containerd.content.v1.content") == ["/var/lib/containerd"]
	system_paths_of("//etc/./cni//net.d") == ["/etc"]
}

test_host_path_containing_a_system_path if {
	system_paths_of("/var/lib") == ["/var/lib/containerd", "/var/lib/kubelet"]
	system_paths_of("/var") == ["/var/lib/containerd", "/var/lib/kubelet"]
	system_paths_of("/") == ["/", "/boot", "/etc", "/usr", "/var/lib/containerd", "/var/lib/kubelet"]
}

test_host_path_elsewhere_is_silent if {
	every path in ["/var/log", "/var/lib/myapp", "/var/lib/kubelets", "/etcd", "/usr2", "/run/flannel", "/opt/cni/bin", "/data", "/var/run/secrets"] {
		not fires_for_path(path)
	}
}

test_host_path_relative_or_malformed_is_silent if {
	not fires_for_path("etc")
	not fires_for_path("")
	not fires_for_path(42)
	not fires_for_path("\\\\.\\pipe\\containerd-containerd")
	count(rule.violations(daemonset("ops", {"containers": [app], "volumes": [{"name": "host", "hostPath": "/etc"}, "x"]}), ctx)) == 0
	count(rule.violations(daemonset("ops", {"containers": [app], "volumes": {"host": {"hostPath": {"path": "/etc"}}}}), ctx)) == 0
}

test_host_path_windows if {
	system_paths_of("C:\\") == ["C:\\", "C:\\Windows"]
	system_paths_of("c:/") == ["C:\\", "C:\\Windows"]
	system_paths_of("C:\\Windows\\System32") == ["C:\\Windows"]
	system_paths_of("C:/WINDOWS") == ["C:\\Windows"]
	system_paths_of("C:") == ["C:\\", "C:\\Windows"]
	not fires_for_path("C:\\var\\log")
	not fires_for_path("D:\\Windows")
	not fires_for_path("C:\\WindowsApps")
}

test_host_path_volume_without_mounts_or_name if {
	f := only(rule.violations(daemonset("ops", {"containers": [app], "volumes": [{"hostPath": {"path": "/boot"}}]}), ctx))
	f.details.reasons == [{"reason": "hostPath", "volume": "", "path": "/boot", "systemPaths": ["/boot"], "containers": []}]
}

test_system_paths_from_the_catalog if {
	custom := testing.ctx_with("2025-11-01", {"catalog": {"agentNodes": {"systemPaths": {"/etc": null, "/opt/cni": {"os": "linux"}}}}})
	count(rule.violations(daemonset("ops", host_path("/etc/kubernetes")), custom)) == 0
	count(rule.violations(daemonset("ops", host_path("/opt/cni/bin")), custom)) == 1

	# entries not overridden stay
	count(rule.violations(daemonset("ops", host_path("/usr")), custom)) == 1
}

test_silent_in_exempt_namespaces if {
	every ns in ["kube-system", "azure-arc", "gatekeeper-system"] {
		count(rule.violations(daemonset(ns, privileged_spec), ctx)) == 0
	}

	# control: the same workload elsewhere fires
	count(rule.violations(daemonset("calico-system", privileged_spec), ctx)) == 1
	count(rule.violations(daemonset("", privileged_spec), ctx)) == 1
}

test_exempt_namespaces_from_the_catalog if {
	custom := testing.ctx_with("2025-11-01", {"catalog": {"agentNodes": {"exemptNamespaces": {"azure-arc": null, "security-agents": {"source": "https://example.com"}}}}})
	count(rule.violations(daemonset("azure-arc", privileged_spec), custom)) == 1
	count(rule.violations(daemonset("security-agents", privileged_spec), custom)) == 0
	count(rule.violations(daemonset("kube-system", privileged_spec), custom)) == 0
}

test_message_without_namespace if {
	f := only(rule.violations(workload("v1", "Pod", "", "debug", privileged_spec), ctx))
	startswith(f.message, "Pod debug customizes its agent nodes (privileged container app)")
	f.details.namespace == ""
}

test_silent_for_unprivileged_workloads if {
	hardened := {"containers": [with_security(app, {
		"privileged": false,
		"allowPrivilegeEscalation": false,
		"capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]},
	})]}
	count(rule.violations(daemonset("ops", hardened), ctx)) == 0
	count(rule.violations(daemonset("ops", {"containers": [with_security(app, {"privileged": "true"})]}), ctx)) == 0
}

test_silent_for_other_documents if {
	count(rule.violations({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "namespace": "ops"}, "data": {"privileged": "true"}}, ctx)) == 0
	count(rule.violations(workload("example.com/v1", "DaemonSet", "ops", "x", privileged_spec), ctx)) == 0
	count(rule.violations(testing.snapshot({}), ctx)) == 0
	count(rule.violations("DaemonSet", ctx)) == 0
	count(rule.violations(null, ctx)) == 0
	count(rule.violations({"apiVersion": "apps/v1", "kind": "DaemonSet", "spec": {"template": {"spec": "x"}}}, ctx)) == 0
	count(rule.violations({"apiVersion": "apps/v1", "kind": "DaemonSet", "spec": {"template": {"spec": {"containers": "x", "initContainers": [1]}}}}, ctx)) == 0
}

test_malformed_container_names if {
	spec := {"containers": [{"name": 7, "securityContext": {"privileged": true}}]}
	only(rule.violations(daemonset("ops", spec), ctx)).details.reasons == [{"reason": "privileged", "container": "", "containerType": "container"}]
}

test_fires_for_path_control if {
	fires_for_path("/etc")
}

test_malformed_catalog_and_volume_names if {
	custom := testing.ctx_with("2025-11-01", {"catalog": {"agentNodes": {"systemPaths": "none"}}})
	count(rule.violations(daemonset("ops", host_path("/etc")), custom)) == 0
	f := only(rule.violations(daemonset("ops", {"containers": [app], "volumes": [{"name": ["host"], "hostPath": {"path": "/usr/lib"}}]}), ctx))
	f.details.reasons[0].volume == ""
	f.details.reasons[0].containers == []
}
