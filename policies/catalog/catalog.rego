# METADATA
# description: |
#   The catalog: the facts the rules read (Kubernetes versions and their dates, host products,
#   the policy's day limits per platform, the managed-component inventory). One source file,
#   embedded in the evaluator and loaded by conftest and OPA with the policies, so every runtime
#   reads the same values. Each entry names its source. Users override or extend it with the
#   aksarc_settings.catalog data document (README, "Settings"), which is merged over this one.
package aksarc.catalog

catalog := {
	# The date these facts were last checked against their sources (AKSARC-090 reads it).
	"reviewed": "2025-10-09",
	"reviewedSource": "https://learn.microsoft.com/azure/aks/aksarc/supported-kubernetes-versions",
	"platforms": {
		"WindowsServer": {
			"source": "https://learn.microsoft.com/azure/aks/aksarc/support-policies",
			"limits": {
				# "The control planes for clusters in this state are out of support after 30 days"
				"stoppedOutOfSupportDays": 30,
				# "Clusters that are stopped for more than 90 days can no longer be updated."
				"stoppedUpdateBlockedDays": 90,
				# Nodes deallocated through Hyper-V "for prolonged periods greater than 30 days".
				"deallocatedDays": 30,
				# "connect to Azure ... at least every 30 days"
				"disconnectedDays": 30,
				# "out of support after 60 days" (suspended or deleted subscription)
				"subscriptionDays": 60,
			},
			# "Windows Server 2019 Datacenter and above": products, accepted editions, end of support.
			"hostProducts": {
				"Windows Server 2019": {
					"editions": ["Datacenter"],
					"endOfSupport": "2028-03-31",
					"disconnectExempt": true,
					"source": "https://learn.microsoft.com/azure/aks/aksarc/aks-windows-server-retirement",
					"note": "AKS Arc on Windows Server hosts is retired in March 2028 (the day is not given; the end of the month is assumed). Windows Server 2019 itself: extended support to 2029-01-09.",
				},
				"Windows Server 2022": {
					"editions": ["Datacenter", "Datacenter: Azure Edition"],
					"endOfSupport": "2028-03-31",
					"disconnectExempt": true,
					"source": "https://learn.microsoft.com/azure/aks/aksarc/aks-windows-server-retirement",
					"note": "AKS Arc on Windows Server hosts is retired in March 2028 (the day is not given; the end of the month is assumed).",
				},
				"Windows Server 2025": {
					"editions": ["Datacenter", "Datacenter: Azure Edition"],
					"endOfSupport": "2028-03-31",
					"disconnectExempt": false,
					"source": "https://learn.microsoft.com/azure/aks/aksarc/aks-windows-server-retirement",
					"note": "AKS Arc on Windows Server hosts is retired in March 2028 (the day is not given; the end of the month is assumed).",
				},
			},
		},
		"AzureLocal": {
			"source": "https://learn.microsoft.com/azure/aks/aksarc/aks-on-azure-local-support-policy",
			"limits": {
				"stoppedOutOfSupportDays": 30,
				# Azure Local: a cluster stopped for more than 30 days can no longer be updated.
				"stoppedUpdateBlockedDays": 30,
				"deallocatedDays": 30,
				"disconnectedDays": 30,
				"subscriptionDays": 60,
			},
			# Supported Azure Local releases (YYMM). A release is supported for six months after
			# it ships; the release day is not published per release, so the first of the month
			# is assumed. Override an entry when Microsoft announces otherwise.
			"releases": {
				"2411": {"released": "2024-11-01", "endOfSupport": "2025-05-01"},
				"2503": {"released": "2025-03-01", "endOfSupport": "2025-09-01"},
				"2504": {"released": "2025-04-01", "endOfSupport": "2025-10-01"},
				"2505": {"released": "2025-05-01", "endOfSupport": "2025-11-01"},
				"2506": {"released": "2025-06-01", "endOfSupport": "2025-12-01"},
				"2507": {"released": "2025-07-01", "endOfSupport": "2026-01-01"},
				"2508": {"released": "2025-08-01", "endOfSupport": "2026-02-01"},
				"2509": {"released": "2025-09-01", "endOfSupport": "2026-03-01"},
				"2510": {"released": "2025-10-01", "endOfSupport": "2026-04-01"},
			},
			"releasesSource": "https://learn.microsoft.com/azure/azure-local/release-information-23h2",
		},
	},
	# Kubernetes minor versions of AKS Arc. released: the first AKS Arc release that shipped it
	# (first of the release month). endOfSupport: the last supported day, explicit where
	# published, else the day before the release's first anniversary (policy: "a support window
	# of 1 year for each Kubernetes minor version"). removed: the release that dropped it from
	# the servers (the oldest minor is removed when a new one ships and is out of support 30
	# days later). patches: the patch versions the current release ships.
	# A platform may override an entry under platforms.<name>.versions.
	"versions": {
		"1.26": {
			"released": "2024-02-01",
			"removed": "2024-08-01",
			"endOfSupport": "2024-08-31",
			"patches": ["1.26.10", "1.26.12"],
			"source": "https://learn.microsoft.com/azure/aks/aksarc/supported-kubernetes-versions",
			"note": "Removed by release 2408 (1.29 shipped); out of support 30 days later.",
		},
		"1.27": {
			"released": "2024-02-01",
			"removed": "2025-03-01",
			"endOfSupport": "2025-03-31",
			"patches": ["1.27.7", "1.27.9"],
			"source": "https://learn.microsoft.com/azure/aks/aksarc/supported-kubernetes-versions",
			"note": "Shipped 2402 to 2411; removed by release 2503 (1.30 shipped); out of support 30 days later.",
		},
		"1.28": {
			"released": "2024-05-01",
			"removed": "2025-08-01",
			"endOfSupport": "2025-08-31",
			"patches": ["1.28.12", "1.28.14"],
			"source": "https://learn.microsoft.com/azure/aks/aksarc/aks-whats-new-local",
			"note": "Shipped 2405 to 2507; end of support 2025-08-31 as published.",
		},
		"1.29": {
			"released": "2024-08-01",
			"removed": "2025-10-01",
			"endOfSupport": "2025-10-31",
			"patches": ["1.29.12", "1.29.13"],
			"source": "https://learn.microsoft.com/azure/aks/aksarc/aks-whats-new-local",
			"note": "Shipped 2408 to 2509; end of support 2025-10-31 as published (sources disagree; this is the later, published date).",
		},
		"1.30": {
			"released": "2025-03-01",
			"patches": ["1.30.13", "1.30.14"],
			"source": "https://learn.microsoft.com/azure/aks/aksarc/supported-kubernetes-versions",
			"note": "Shipped from 2503; last patch release 2601. No published end date: one year from release (to the day before the anniversary).",
		},
		"1.31": {
			"released": "2025-08-01",
			"patches": ["1.31.9", "1.31.10"],
			"source": "https://learn.microsoft.com/azure/aks/aksarc/supported-kubernetes-versions",
			"note": "Shipped from 2508. No published end date: one year from release (to the day before the anniversary).",
		},
		"1.32": {
			"released": "2025-10-01",
			"patches": ["1.32.5", "1.32.6"],
			"source": "https://learn.microsoft.com/azure/aks/aksarc/supported-kubernetes-versions",
			"note": "Shipped from 2510. No published end date: one year from release (to the day before the anniversary).",
		},
	},
	# Upstream feature gates and their stage per minor version (AKSARC-060): feature_gates.rego.
	"featureGates": feature_gates,
	# API versions and the minor version that removes them (AKSARC-070): api_removals.rego.
	"apiRemovals": api_removals,
	# Known issues of AKS Arc by version and release (AKSARC-080): known_issues.rego.
	"knownIssues": known_issues,
	# CNIs and third-party networking software the policy names (AKSARC-030, 031): networking.rego.
	"networking": networking,
	# What customizes agent nodes (AKSARC-020, 021): agent_nodes.rego.
	"agentNodes": agent_nodes,
	# How AKS Arc provisions nodes and networks (AKSARC-022, 023, 032): infrastructure.rego.
	"infrastructure": infrastructure,
	# What AKS Arc deploys and manages. An object in kube-system that matches none of these is a
	# customer workload (AKSARC-010); a desired change to one that matches is AKSARC-011.
	"managedComponents": {
		"source": "https://learn.microsoft.com/azure/aks/aksarc/support-policies#managed-features-in-aks-arc",
		"namespace": "kube-system",
		# Records, not workloads or configuration: never foreign, never a managed change.
		"ignoredKinds": ["Event"],
		"names": [
			"akshci-telemetry", "azure-policy", "azure-policy-webhook", "calico-config",
			"calico-kube-controllers", "calico-node", "calicoctl", "certificate-controller-manager",
			"cluster-info", "coredns", "default", "extension-apiserver-authentication",
			# Leader-election leases of the control plane.
			"kube-controller-manager", "kube-scheduler",
			"extension-apiserver-authentication-reader",
			"kube-apiserver-legacy-service-account-token-tracking", "kube-dns", "kube-proxy",
			"kube-root-ca.crt", "kube-vip", "kubeadm-config", "moc-cloud-controller-manager",
			# Leader-election leases: the cloud controller manager, the disk CSI driver's sidecars.
			"cloud-controller-manager", "disk-csi-akshci-com",
			"external-attacher-leader-disk-csi-akshci-com", "external-resizer-disk-csi-akshci-com",
			# Kubernetes controller service accounts (kube-controller-manager creates them).
			"attachdetach-controller", "bootstrap-signer", "certificate-controller",
			"clusterrole-aggregation-controller", "cronjob-controller", "daemon-set-controller",
			"deployment-controller", "disruption-controller", "endpoint-controller",
			"endpointslice-controller", "endpointslicemirroring-controller",
			"ephemeral-volume-controller", "expand-controller", "generic-garbage-collector",
			"horizontal-pod-autoscaler", "job-controller", "legacy-service-account-token-cleaner",
			"namespace-controller", "node-controller", "persistent-volume-binder",
			"pod-garbage-collector", "pv-protection-controller", "pvc-protection-controller",
			"replicaset-controller", "replication-controller", "resource-claim-controller",
			"resourcequota-controller", "root-ca-cert-publisher", "route-controller",
			"selinux-warning-controller", "service-account-controller", "service-cidrs-controller",
			"service-controller", "statefulset-controller", "token-cleaner",
			"ttl-after-finished-controller", "ttl-controller",
			"validatingadmissionpolicy-status-controller",
			"volumeattributesclass-protection-controller",
		],
		"prefixes": [
			"akshci-", "ama-logs", "ama-metrics", "apiserver-", "azure-policy-", "bootstrap-token-",
			"calico-", "certificate-controller-manager-", "coredns-", "csi-akshcicsi-", "etcd-",
			"kube-apiserver-", "kube-controller-manager-", "kube-dns-", "kube-flannel",
			"kube-proxy-", "kube-scheduler-", "kube-vip-", "kubeadm:", "kubelet-config", "metallb-",
			"moc-", "plndr-", "system:",
		],
		# label key -> accepted values ("*": any value)
		"labels": {
			"k8s-app": ["kube-dns", "kube-proxy", "calico-node", "calico-kube-controllers"],
			"component": ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"],
			"tier": ["control-plane"],
			"app": ["akshci-telemetry"],
		},
		# Prefixes of system-created labels and annotations (AKSARC-012): Kubernetes' own
		# (kubernetes.io/docs/reference/labels-annotations-taints), Cluster API's and AKS Arc's
		# (msft.microsoft/nodepool-name). A key matches when its prefix is one of these exactly:
		# app.kubernetes.io/ (the recommended labels users set) is not reserved.
		"systemMetadataPrefixes": [
			"kubernetes.io/", "k8s.io/", "node.kubernetes.io/", "node-role.kubernetes.io/",
			"msft.microsoft/", "cluster.x-k8s.io/",
			# Also written by the kubelet, kubeadm and controllers on every Node.
			"beta.kubernetes.io/", "topology.kubernetes.io/", "kubeadm.alpha.kubernetes.io/",
			"node.alpha.kubernetes.io/", "volumes.kubernetes.io/", "csi.volume.kubernetes.io/",
		],
		"systemMetadataSource": "https://kubernetes.io/docs/reference/labels-annotations-taints/",
		# Cluster-scoped managed objects: kind -> name prefixes (AKSARC-011; AKSARC-010 is only
		# about the namespace above). Kubernetes and kubeadm create the system: RBAC objects.
		"clusterScoped": {
			"ClusterRole": ["system:"],
			"ClusterRoleBinding": ["system:"],
		},
	},
}
