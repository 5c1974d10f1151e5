package aksarc.catalog

# What customizes agent nodes (AKSARC-020, AKSARC-021). The policy lets users change agent nodes
# only through Kubernetes-native mechanisms such as DaemonSets, and support will not troubleshoot
# nodes a custom DaemonSet breaks; NIC-level network settings of agent nodes cannot be customized.
# Keyed entries (namespaces, paths, safe sysctls) merge with a user's catalog override: add a key
# to extend the list, set a key to null to drop an entry. Lists (capabilities, groups) are replaced whole.
agent_nodes := {
	"source": "https://learn.microsoft.com/azure/aks/aksarc/support-policies#user-customization-of-agent-nodes",
	# Namespaces whose workloads are Microsoft-managed components or Azure Arc extensions, not
	# customer customizations: AKSARC-020 and the hostNetwork + NET_ADMIN check of AKSARC-021 skip
	# them. A customer workload in kube-system is AKSARC-010's finding instead.
	"exemptNamespaces": {
		"kube-system": {
			"source": "https://learn.microsoft.com/azure/aks/aksarc/support-policies#managed-features-in-aks-arc",
			"note": "Microsoft maintains any add-on or system component running in kube-system (calico-node, kube-proxy, csi-akshcicsi-node and the MetalLB extension run privileged or on the host network there).",
		},
		"azure-arc": {
			"source": "https://learn.microsoft.com/azure/azure-arc/kubernetes/conceptual-agent-overview",
			"note": "The Azure Arc agents (clusterconnect-agent, config-agent, extension-manager, ...) that AKS Arc installs on every cluster.",
		},
		"gatekeeper-system": {
			"source": "https://learn.microsoft.com/azure/governance/policy/concepts/policy-for-kubernetes",
			"note": "The Azure Policy extension (Microsoft.PolicyInsights) runs Gatekeeper here. A user-installed Gatekeeper in the same namespace is exempt too; Gatekeeper does not customize nodes.",
		},
	},
	# hostPath locations that hold the node's operating system, boot files, kubelet and container
	# runtime state. A hostPath counts when it is one of them, lies under one (/etc/kubernetes), or
	# contains one (/var/lib contains /var/lib/kubelet); a root ("/", "C:\") counts only as itself,
	# since every path lies under it. /var/log or /var/lib/myapp do not count. Windows paths are
	# compared without regard to case or slash direction.
	"systemPaths": {
		"/": {
			"os": "linux",
			"source": "https://kubernetes.io/docs/concepts/storage/volumes/#hostpath",
			"note": "The node's root filesystem; the Kubernetes documentation warns that hostPath exposes privileged system credentials and APIs.",
		},
		"/etc": {"os": "linux", "source": "https://refspecs.linuxfoundation.org/FHS_3.0/fhs/ch03s07.html", "note": "Host configuration, including /etc/kubernetes (kubelet credentials) and /etc/cni."},
		"/usr": {"os": "linux", "source": "https://refspecs.linuxfoundation.org/FHS_3.0/fhs/ch04.html", "note": "The base OS image's programs and libraries."},
		"/boot": {"os": "linux", "source": "https://refspecs.linuxfoundation.org/FHS_3.0/fhs/ch03s05.html", "note": "Kernel and boot loader files."},
		"/var/lib/kubelet": {"os": "linux", "source": "https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/", "note": "The kubelet's --root-dir default: pod volumes, plugins and its state."},
		"/var/lib/containerd": {"os": "linux", "source": "https://github.com/containerd/containerd/blob/main/docs/ops.md", "note": "containerd's default root: images and container state. AKS Arc nodes run containerd (policy: 'Moby or ContainerD')."},
		"C:\\": {
			"os": "windows",
			"source": "https://kubernetes.io/docs/concepts/windows/intro/",
			"note": "Assumed: the system drive of Windows agent nodes, the equivalent of / (no AKS Arc source lists Windows node paths).",
		},
		"C:\\Windows": {
			"os": "windows",
			"source": "https://kubernetes.io/docs/concepts/windows/intro/",
			"note": "Assumed: the Windows directory of Windows agent nodes, the equivalent of /usr and /boot.",
		},
	},
	# Capabilities as written in securityContext.capabilities.add, compared upper-case and
	# without a CAP_ prefix. ALL adds every capability, these included.
	"capabilities": {
		# AKSARC-020: administer the node (mount filesystems, load BPF, change namespaces, ...).
		"nodeCustomization": ["SYS_ADMIN", "ALL"],
		# AKSARC-021, with hostNetwork: change the node's interfaces, routes and firewall.
		"network": ["NET_ADMIN", "ALL"],
		"source": "https://man7.org/linux/man-pages/man7/capabilities.7.html",
	},
	# Pod sysctls (spec.securityContext.sysctls) are namespaced: they apply inside the pod's own
	# namespaces. The kubelet enables this safe set by default; it is isolated between pods and
	# does not touch the node. Any other sysctl is unsafe and must be allow-listed on each node
	# (kubelet --allowed-unsafe-sysctls), which is node customization (AKSARC-020). Names may use
	# "/" as the separator (kernel/shm_rmid_forced). since: the first Kubernetes minor whose
	# kubelet counts it safe (absent: safe in every minor AKS Arc ships); on an older cluster it is
	# unsafe. Keyed: add a name to extend the set, set one to null to drop it.
	"safeSysctls": {
		"kernel.shm_rmid_forced": {"source": "https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/#safe-and-unsafe-sysctls"},
		"net.ipv4.ip_local_port_range": {"source": "https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/#safe-and-unsafe-sysctls"},
		"net.ipv4.tcp_syncookies": {"source": "https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/#safe-and-unsafe-sysctls", "note": "Namespaced only on Linux kernels newer than 4.5."},
		"net.ipv4.ping_group_range": {"since": "1.18", "source": "https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/#safe-and-unsafe-sysctls"},
		"net.ipv4.ip_unprivileged_port_start": {"since": "1.22", "source": "https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/#safe-and-unsafe-sysctls"},
		"net.ipv4.ip_local_reserved_ports": {"since": "1.27", "source": "https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/#safe-and-unsafe-sysctls", "note": "Needs Linux kernel 3.16 or later."},
		"net.ipv4.tcp_keepalive_time": {"since": "1.29", "source": "https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/#safe-and-unsafe-sysctls", "note": "Needs Linux kernel 4.5 or later."},
		"net.ipv4.tcp_fin_timeout": {"since": "1.29", "source": "https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/#safe-and-unsafe-sysctls", "note": "Needs Linux kernel 4.6 or later."},
		"net.ipv4.tcp_keepalive_intvl": {"since": "1.29", "source": "https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/#safe-and-unsafe-sysctls", "note": "Needs Linux kernel 4.5 or later."},
		"net.ipv4.tcp_keepalive_probes": {"since": "1.29", "source": "https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/#safe-and-unsafe-sysctls", "note": "Needs Linux kernel 4.5 or later."},
		"net.ipv4.tcp_rmem": {"since": "1.32", "source": "https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/#safe-and-unsafe-sysctls", "note": "Needs Linux kernel 4.15 or later."},
		"net.ipv4.tcp_wmem": {"since": "1.32", "source": "https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/#safe-and-unsafe-sysctls", "note": "Needs Linux kernel 4.15 or later."},
	},
	# Multus attaches pods to further host interfaces: every object of its API group (the
	# NetworkAttachmentDefinition and its CRD), pods that request extra networks, and the Multus
	# DaemonSet itself count as NIC-level customization (AKSARC-021). AKS Arc deploys no Multus.
	"multus": {
		"apiGroups": ["k8s.cni.cncf.io"],
		"podAnnotations": ["k8s.v1.cni.cncf.io/networks"],
		"images": ["k8snetworkplumbingwg/multus-cni", "nfvpe/multus"],
		"source": "https://github.com/k8snetworkplumbingwg/multus-cni/blob/master/docs/how-to-use.md",
		"note": "nfvpe/multus is the image name of Multus releases before the project moved to k8snetworkplumbingwg.",
	},
}
