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
					"note": "AKS Arc on Windows Server hosts is retired in March 2028 (the day is not given; the end of the month is assumed). Windows Server 2019 itself: extended support to 2029-01-09. Sources disagree on Windows Server 2019 dates: AKS Arc retires Windows Server 2019 node pools (osSKU Windows2019) in March 2026, which concerns node images, not the host; the host date kept here is the AKS Arc retirement of Windows Server hosts.",
				},
				"Windows Server 2022": {
					"editions": ["Datacenter", "Datacenter: Azure Edition"],
					"endOfSupport": "2028-03-31",
					"disconnectExempt": true,
					"source": "https://learn.microsoft.com/azure/aks/aksarc/aks-windows-server-retirement",
					"note": "AKS Arc on Windows Server hosts is retired in March 2028 (the day is not given; the end of the month is assumed). Sources disagree on Windows Server 2022 dates: Windows Server 2022 node pools (osSKU Windows2022) retire in March 2027, which concerns node images, not the host; the host date kept here is the AKS Arc retirement of Windows Server hosts.",
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
	# Sources: the dates and patch lists come from the Azure Local pages of AKS Arc (the release
	# calendar of supported-kubernetes-versions, which lists Azure Local releases, and
	# aks-whats-new-local). WindowsServer uses the same entries: the AKS Arc pages for Windows
	# Server hosts publish no separate Kubernetes release calendar or patch list. A platform may
	# override an entry under platforms.<name>.versions (WindowsServer or AzureLocal), merged over
	# the shared one key by key (lib.aksarc.catalog.versions).
	"versions": {
		"1.26": {
			"released": "2024-02-01",
			"removed": "2024-08-01",
			"endOfSupport": "2024-08-31",
			"patches": ["1.26.10", "1.26.12"],
			"source": "https://learn.microsoft.com/azure/aks/aksarc/supported-kubernetes-versions",
			"note": "Removed by release 2408 (1.29 shipped); out of support 30 days later. released is assumed: the calendar lists 1.26 for \"2405, 2402 and older\" and gives no first release, so the first day of the 2402 release month is used.",
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
	# Built-in Kubernetes API groups and component images (AKSARC-060, 061): kubernetes_apis.rego.
	"kubernetesApis": kubernetes_apis,
	# What customizes agent nodes (AKSARC-020, 021): agent_nodes.rego.
	"agentNodes": agent_nodes,
	# How AKS Arc provisions nodes and networks (AKSARC-022, 023, 032): infrastructure.rego.
	"infrastructure": infrastructure,
	# What AKS Arc deploys and manages in kube-system, and the customer configuration Microsoft
	# documents there: managed_components below (AKSARC-010, 011).
	"managedComponents": managed_components,
}

# The kube-system inventory (AKSARC-010, AKSARC-011; AKSARC-012 reads namespace and
# systemMetadataPrefixes). An object in kube-system that matches no names, prefixes or labels
# entry and no customerConfig entry is foreign (AKSARC-010); a desired change to an object that
# matches a names, prefixes, labels or clusterScoped entry is a change to a managed component
# (AKSARC-011), unless it is customer configuration.
#
# names, prefixes, the values under each labels key, customerConfig and the names and prefixes
# of each clusterScoped kind are keyed objects, so that a user's catalog override (merged with
# object.union) adds entries instead of replacing the built-in ones:
#   managedComponents: {names: {my-agent: {note: "..."}}}      adds a name
#   managedComponents: {prefixes: {"calico-": null}}             switches a built-in entry off
# An entry is an object ({} or with source and note, like its siblings); null switches it off.
managed_components := {
	"source": "https://learn.microsoft.com/azure/aks/aksarc/support-policies#managed-features-in-aks-arc",
	"namespace": "kube-system",
	# Records, not workloads or configuration: never foreign, never a managed change.
	"ignoredKinds": ["Event"],
	# Exact metadata.name values of kube-system objects. Every entry names the kinds it covers
	# (kinds): an object matches an entry only when its kind is listed, so that a user's CronJob
	# named etcd-defrag is not taken for the etcd static Pod. An entry without kinds (a user's
	# override) covers every kind.
	"names": object.union_n([
		_mc_each(
			[
				"akshci-telemetry", "azure-policy", "azure-policy-webhook", "calico-kube-controllers",
				"certificate-controller-manager", "moc-cloud-controller-manager",
			],
			_mc_kinds(_mc_aks_arc, array.concat(["Deployment"], _mc_beside)),
		),
		_mc_each(["calico-node"], _mc_kinds(_mc_aks_arc, array.concat(["DaemonSet"], _mc_beside))),
		_mc_each(["calicoctl"], _mc_kinds(_mc_aks_arc, array.concat(["Pod"], _mc_beside))),
		# kube-vip runs as the static Pods kube-vip-<node> (prefixes); this is its service account
		# and what goes with it.
		_mc_each(["kube-vip"], _mc_kinds(_mc_aks_arc, _mc_beside)),
		_mc_each(["calico-config"], _mc_kinds(_mc_aks_arc, ["ConfigMap"])),
		# Leader-election leases: the cloud controller manager, the disk CSI driver's sidecars.
		_mc_each(
			[
				"cloud-controller-manager", "disk-csi-akshci-com",
				"external-attacher-leader-disk-csi-akshci-com", "external-resizer-disk-csi-akshci-com",
			],
			_mc_kinds(_mc_aks_arc, ["Lease"]),
		),
		# kubeadm's add-ons: the CoreDNS Deployment (with its ConfigMap and service account) behind
		# the kube-dns Service, and the kube-proxy DaemonSet (with its ConfigMap, Role, RoleBinding).
		_mc_each(["coredns"], _mc_kinds(_mc_kubeadm_src, array.concat(["Deployment"], _mc_beside))),
		_mc_each(["kube-dns"], _mc_kinds(_mc_kubeadm_src, ["Service", "Endpoints"])),
		_mc_each(["kube-proxy"], _mc_kinds(_mc_kubeadm_src, array.concat(["DaemonSet"], _mc_beside))),
		_mc_each(
			[
				"kubeadm-config", "cluster-info", "extension-apiserver-authentication",
				"kube-apiserver-legacy-service-account-token-tracking", "kube-root-ca.crt",
			],
			_mc_kinds(_mc_kubeadm_src, ["ConfigMap"]),
		),
		_mc_each(["extension-apiserver-authentication-reader"], _mc_kinds(_mc_kubeadm_src, ["Role"])),
		_mc_each(["default"], _mc_kinds(_mc_kubeadm_src, ["ServiceAccount"])),
		# Leader-election leases of the control plane.
		_mc_each(["kube-controller-manager", "kube-scheduler"], _mc_kinds(_mc_kubeadm_src, ["Lease"])),
		# Service accounts kube-controller-manager creates for its controllers (one per controller;
		# the set varies a little with the minor version).
		_mc_each(
			[
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
			{"source": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#controller-roles", "kinds": ["ServiceAccount"]},
		),
		# Leader-election leases of the SMB and NFS CSI drivers' provisioners (a lease is named after
		# the driver, smb.csi.k8s.io and nfs.csi.k8s.io, with the dots replaced).
		_mc_each(["smb-csi-k8s-io"], _mc_kinds(_mc_smb, ["Lease"])),
		_mc_each(["nfs-csi-k8s-io"], _mc_kinds(_mc_nfs, ["Lease"])),
	]),
	# Name prefixes of kube-system objects: the pods, ReplicaSets and service accounts of the
	# components, the control plane's static pods (<component>-<node name>) and the like, each
	# with the kinds it covers.
	"prefixes": object.union_n([
		_mc_each(["akshci-"], _mc_kinds(_mc_aks_arc, array.concat(["Pod", "ReplicaSet", "Job"], _mc_beside))),
		_mc_each(
			["azure-policy-", "certificate-controller-manager-"],
			_mc_kinds(_mc_aks_arc, array.concat(["Pod", "ReplicaSet"], _mc_beside)),
		),
		# Calico (calico-typha with larger installs), the AKS Arc disk CSI driver, the MOC cloud
		# provider, MetalLB of the Arc networking extension: controllers and node agents.
		_mc_each(
			["calico-", "csi-akshcicsi-", "moc-", "metallb-"],
			_mc_kinds(_mc_aks_arc, array.concat(_mc_runs, _mc_beside)),
		),
		_mc_each(["kube-flannel"], _mc_kinds(_mc_aks_arc, array.concat(["DaemonSet", "Pod"], _mc_beside))),
		# The static Pods of kube-vip (kube-vip-<node>) and its leader-election leases.
		_mc_each(["kube-vip-"], _mc_kinds(_mc_aks_arc, ["Pod"])),
		_mc_each(["plndr-"], _mc_kinds(_mc_aks_arc, ["Lease"])),
		_mc_each(
			["ama-logs", "ama-metrics"],
			{
				"source": "https://learn.microsoft.com/azure/azure-monitor/containers/kubernetes-monitoring-enable",
				"note": "The Azure Monitor agents (Container insights, managed Prometheus) an extension deploys. The ConfigMaps and Secret users create for them are customerConfig.",
				"kinds": array.concat(_mc_runs, _mc_beside),
			},
		),
		# kubeadm: the control plane's static Pods (<component>-<node name>), the Pods of the
		# kube-proxy DaemonSet, the Pods and ReplicaSets of CoreDNS, the API servers' identity
		# leases, bootstrap token Secrets, the kube-dns EndpointSlices, kubeadm's Roles and
		# RoleBindings and the kubelet's ConfigMaps (kubelet-config, kubelet-config-1.NN).
		_mc_each(
			["etcd-", "kube-apiserver-", "kube-controller-manager-", "kube-scheduler-", "kube-proxy-"],
			_mc_kinds(_mc_kubeadm_src, ["Pod"]),
		),
		_mc_each(["coredns-"], _mc_kinds(_mc_kubeadm_src, ["Pod", "ReplicaSet"])),
		_mc_each(["apiserver-"], _mc_kinds(_mc_kubeadm_src, ["Lease"])),
		_mc_each(["bootstrap-token-"], _mc_kinds(_mc_kubeadm_src, ["Secret"])),
		_mc_each(["kube-dns-"], _mc_kinds(_mc_kubeadm_src, ["EndpointSlice"])),
		_mc_each(["kubeadm:"], _mc_kinds(_mc_kubeadm_src, ["Role", "RoleBinding"])),
		_mc_each(["kubelet-config"], _mc_kinds(_mc_kubeadm_src, ["ConfigMap"])),
		# Roles and RoleBindings of Kubernetes' bootstrap policy in kube-system
		# (system:controller:bootstrap-signer, system::leader-locking-kube-scheduler, ...). In
		# kube-system every such object is AKS Arc's, so the whole prefix is kept here (unlike the
		# cluster-scoped objects below).
		_mc_each(["system:"], {
			"source": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#default-roles-and-role-bindings",
			"kinds": ["Role", "RoleBinding"],
		}),
		# The SMB and NFS CSI drivers (controller Deployments, node DaemonSets, csi-smb-node-win,
		# their service accounts).
		_mc_each(["csi-smb-"], _mc_kinds(_mc_smb, array.concat(_mc_runs, _mc_beside))),
		_mc_each(["csi-nfs-"], _mc_kinds(_mc_nfs, array.concat(_mc_runs, _mc_beside))),
	]),
	# label key -> accepted values ("*": any value), each value keyed, with the kinds it covers.
	"labels": {
		"k8s-app": object.union_n([
			_mc_each(["kube-dns"], _mc_kinds(_mc_kubeadm_labels, ["Deployment", "ReplicaSet", "Pod", "Service", "Endpoints"])),
			_mc_each(["kube-proxy"], _mc_kinds(_mc_kubeadm_labels, ["DaemonSet", "Pod"])),
			_mc_each(["calico-node"], _mc_kinds(_mc_aks_arc_labels, ["DaemonSet", "Pod"])),
			_mc_each(["calico-kube-controllers"], _mc_kinds(_mc_aks_arc_labels, ["Deployment", "ReplicaSet", "Pod"])),
		]),
		# The control plane's static pods.
		"component": _mc_each(["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"], _mc_kinds(_mc_kubeadm_labels, ["Pod"])),
		"tier": _mc_each(["control-plane"], _mc_kinds(_mc_kubeadm_labels, ["Pod"])),
		"app": _mc_each(["akshci-telemetry"], _mc_kinds(_mc_aks_arc_labels, ["Deployment", "ReplicaSet", "Pod"])),
	},
	# Customer configuration the policy allows in kube-system: objects Microsoft's documentation
	# tells users to create there to configure a Microsoft component. They are not foreign
	# (AKSARC-010), and a desired change to one is the customer's documented job, not a change to
	# a managed component (AKSARC-011), even where a name also matches a prefix above (ama-metrics).
	# An entry matches an object of its apiGroup ("" is the core group; absent: any group), of one
	# of its kinds (absent or empty: any kind) and named as one of its names (absent or empty:
	# any name); an entry with neither an apiGroup nor names matches nothing.
	"customerConfig": {
		"container-insights": {
			"apiGroup": "",
			"kinds": ["ConfigMap"],
			"names": ["container-azm-ms-agentconfig"],
			"source": "https://learn.microsoft.com/azure/azure-monitor/containers/container-insights-data-collection-configmap",
			"note": "The data-collection settings of the Container insights agent (ama-logs), applied by the user with kubectl.",
		},
		"managed-prometheus": {
			"apiGroup": "",
			"kinds": ["ConfigMap"],
			"names": [
				"ama-metrics-settings-configmap", "ama-metrics-prometheus-config",
				"ama-metrics-prometheus-config-node", "ama-metrics-prometheus-config-node-windows",
			],
			"source": "https://learn.microsoft.com/azure/azure-monitor/containers/prometheus-metrics-scrape-configuration",
			"note": "Scrape settings of the Azure Monitor metrics add-on (ama-metrics); none exists until the user creates it.",
		},
		"managed-prometheus-tls": {
			"apiGroup": "",
			"kinds": ["Secret"],
			"names": ["ama-metrics-mtls-secret"],
			"source": "https://learn.microsoft.com/azure/azure-monitor/containers/prometheus-metrics-scrape-crd",
			"note": "TLS-based scraping: the secret must be named so and be in kube-system.",
		},
		"managed-prometheus-monitors": {
			"apiGroup": "azmonitoring.coreos.com",
			"kinds": ["PodMonitor", "ServiceMonitor"],
			"source": "https://learn.microsoft.com/azure/azure-monitor/containers/prometheus-metrics-scrape-crd",
			"note": "Pod and service monitors of the metrics add-on may be in any namespace; with TLS-based scraping they must be in kube-system. Names are the user's.",
		},
		"arc-networking-metallb": {
			"apiGroup": "metallb.io",
			"kinds": ["IPAddressPool", "L2Advertisement", "BGPAdvertisement", "BGPPeer"],
			"source": "https://learn.microsoft.com/azure/aks/aksarc/deploy-load-balancer-cli",
			"note": "The MetalLB load balancers and BGP peers of the Arc networking extension (microsoft.arcnetworking): az k8s-runtime load-balancer create makes an IPAddressPool and an L2Advertisement and/or BGPAdvertisement in kube-system, az k8s-runtime bgp-peer create a BGPPeer (its namespace is not stated: MetalLB reads its own). Names are the user's. Whether a direct change (rather than through az k8s-runtime) is reverted is not documented.",
		},
	},
	# What well-known projects put in kube-system that runs nothing and alters no managed
	# component: AKSARC-010 reports no finding on these (on other foreign objects that run
	# nothing it warns, and it denies foreign workloads). A Role whose every rule only reads
	# (readVerbs) or only takes part in leader election (leaderElection); a RoleBinding to a Role
	# that is no managed component (the Role is judged on its own) or to one of roleRefs; a
	# headless Service (clusterIP None: no virtual IP, only DNS records for monitoring); objects
	# of the kinds listed (leases, a Service's endpoints); and objects a controller owns (judged
	# with their owner). Seen in: kube-prometheus (Role and RoleBinding prometheus-k8s that let
	# Prometheus read kube-system), kube-prometheus-stack (headless Services for coredns,
	# kube-controller-manager, kube-scheduler, etcd, kube-proxy; the operator's kubelet Service),
	# prometheus-adapter and metrics-server (RoleBindings to
	# extension-apiserver-authentication-reader), cert-manager (leader-election Roles and
	# RoleBindings).
	"wellKnownPatterns": {
		"source": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/",
		"readVerbs": ["get", "list", "watch"],
		"leaderElection": {
			"apiGroups": ["coordination.k8s.io"],
			"resources": ["leases"],
			"verbs": ["get", "list", "watch", "create", "update", "patch"],
			"source": "https://kubernetes.io/docs/concepts/architecture/leases/",
		},
		# roleRef kind -> names: roles whose RoleBindings in kube-system alter nothing.
		"roleRefs": {
			"Role": {"extension-apiserver-authentication-reader": {
				"source": "https://kubernetes.io/docs/tasks/extend-kubernetes/configure-aggregation-layer/",
				"note": "Reads the extension-apiserver-authentication ConfigMap: every aggregated API server (metrics-server, prometheus-adapter) binds it in kube-system.",
			}},
			"ClusterRole": {"view": {
				"source": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles",
				"note": "Read-only access to most objects of the namespace (not Secrets).",
			}},
		},
		# kind -> its apiGroup: records that run nothing and configure nothing.
		"kinds": {
			"Lease": {"apiGroup": "coordination.k8s.io", "source": "https://kubernetes.io/docs/concepts/architecture/leases/"},
			"Endpoints": {"apiGroup": "", "source": "https://kubernetes.io/docs/concepts/services-networking/service/#endpoints"},
			"EndpointSlice": {"apiGroup": "discovery.k8s.io", "source": "https://kubernetes.io/docs/concepts/services-networking/endpoint-slices/"},
		},
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
	# Cluster-scoped managed objects (AKSARC-011 only; AKSARC-010 is about the namespace): kind ->
	# the names and name prefixes of the RBAC objects that Kubernetes creates and maintains for
	# its own components (the API server's default roles and bindings, which it reconciles at
	# every start; kube-controller-manager's controller roles; kubeadm's). A user's own object
	# under the system: prefix (system:contoso-readers) alters no managed component and is not
	# listed: the policy forbids altering managed components, and Kubernetes reserves system:
	# for its users and groups (rbac docs) without making a new RBAC object of that name an AKS
	# Arc matter.
	"clusterScoped": {
		"ClusterRole": {
			"names": object.union(
				_mc_each(
					[
						"cluster-admin", "admin", "edit", "view", "system:aggregate-to-admin",
						"system:aggregate-to-edit", "system:aggregate-to-view", "system:auth-delegator",
						"system:basic-user", "system:discovery", "system:heapster", "system:kube-aggregator",
						"system:kube-controller-manager", "system:kube-dns", "system:kube-scheduler",
						"system:kubelet-api-admin", "system:monitoring", "system:node",
						"system:node-bootstrapper", "system:node-problem-detector", "system:node-proxier",
						"system:persistent-volume-provisioner", "system:public-info-viewer",
						"system:service-account-issuer-discovery", "system:volume-scheduler",
					],
					_mc_rbac_defaults,
				),
				_mc_each(["system:coredns"], _mc_kubeadm),
			),
			"prefixes": {
				"system:controller:": _mc_controller_roles,
				"system:certificates.k8s.io:": {
					"source": "https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/",
					"note": "The approver roles of the API server's default policy (certificatesigningrequests:nodeclient, selfnodeclient, ...).",
				},
				"kubeadm:": _mc_kubeadm,
			},
		},
		"ClusterRoleBinding": {
			"names": object.union(
				_mc_each(
					[
						"cluster-admin", "system:basic-user", "system:discovery",
						"system:kube-controller-manager", "system:kube-dns", "system:kube-scheduler",
						"system:monitoring", "system:node", "system:node-proxier",
						"system:public-info-viewer", "system:service-account-issuer-discovery",
						"system:volume-scheduler",
					],
					_mc_rbac_defaults,
				),
				_mc_each(["system:coredns"], _mc_kubeadm),
			),
			"prefixes": {
				"system:controller:": _mc_controller_roles,
				"kubeadm:": _mc_kubeadm,
			},
		},
	},
}

# _mc_each makes a keyed object: every key with the same entry.
_mc_each(keys, entry) := {k: entry | some k in keys}

# _mc_kinds is an entry with the kinds it covers.
_mc_kinds(entry, kinds) := object.union(entry, {"kinds": kinds})

# The workload kinds of a component with controllers and node agents (its Deployments,
# DaemonSets, their ReplicaSets and Pods).
_mc_runs := ["Deployment", "DaemonSet", "ReplicaSet", "Pod"]

# What a component keeps beside its workloads in kube-system: configuration, credentials, its
# identity and RBAC, its Service and endpoints, leader-election leases, disruption budgets.
_mc_beside := [
	"ConfigMap", "Secret", "ServiceAccount", "Service", "Endpoints", "EndpointSlice", "Role",
	"RoleBinding", "Lease", "PodDisruptionBudget",
]

_mc_aks_arc := {
	"source": "https://learn.microsoft.com/azure/aks/aksarc/support-policies#managed-features-in-aks-arc",
	"note": "AKS Arc's add-ons and system components as a cluster shows them (kubectl get -n kube-system); no Microsoft page lists them by name or kind.",
}

_mc_kubeadm_src := {"source": "https://kubernetes.io/docs/reference/setup-tools/kubeadm/implementation-details/"}

_mc_smb := {
	"source": "https://learn.microsoft.com/javascript/api/@azure/arm-hybridcontainerservice/storageprofilesmbcsidriver",
	"note": "storageProfile.smbCsiDriver of the AKS Arc cluster API, enabled by default. Object names are the upstream driver's (github.com/kubernetes-csi/csi-driver-smb, deploy/): csi-smb-controller, csi-smb-node, csi-smb-node-win; assumed to be what AKS Arc deploys.",
}

_mc_nfs := {
	"source": "https://learn.microsoft.com/javascript/api/@azure/arm-hybridcontainerservice/storageprofilenfscsidriver",
	"note": "storageProfile.nfsCsiDriver of the AKS Arc cluster API, enabled by default. Object names are the upstream driver's (github.com/kubernetes-csi/csi-driver-nfs, deploy/): csi-nfs-controller, csi-nfs-node; assumed to be what AKS Arc deploys.",
}

_mc_rbac_defaults := {
	"source": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#default-roles-and-role-bindings",
	"note": "The API server creates these (label kubernetes.io/bootstrapping=rbac-defaults) and restores them at every start. Names as of Kubernetes 1.29 to 1.32.",
}

_mc_controller_roles := {
	"source": "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#controller-roles",
	"note": "One role and binding per kube-controller-manager controller; the set changes with the minor version, hence a prefix.",
}

_mc_kubeadm := {
	"source": "https://kubernetes.io/docs/reference/setup-tools/kubeadm/implementation-details/",
	"note": "kubeadm creates these (kubeadm:get-nodes, kubeadm:kubelet-bootstrap, kubeadm:node-autoapprove-bootstrap, kubeadm:node-proxier, ...; system:coredns with the CoreDNS add-on).",
}

_mc_kubeadm_labels := {"source": "https://kubernetes.io/docs/reference/setup-tools/kubeadm/implementation-details/"}

_mc_aks_arc_labels := {
	"source": "https://learn.microsoft.com/azure/aks/aksarc/support-policies#managed-features-in-aks-arc",
	"note": "As AKS Arc's components carry them in a cluster.",
}
