package aksarc.catalog

# Known issues of AKS Arc tied to a Kubernetes version or an AKS Arc / Azure Local release
# (AKSARC-080). Keyed by a stable id, so that a user can override, add or switch off (null) one
# entry (aksarc_settings.catalog.knownIssues.issues).
#
# Each issue: title (in our words); url (the published issue page); workaround (where the steps
# are); platforms (WindowsServer | AzureLocal); what it affects - kubernetesVersions (minor
# "1.29" or patch "1.29.4"), releases (exact releases, YYMM), releasesBefore (every release
# older than this one); fixedIn (the release with the fix: a cluster at or past it is not
# affected); source; note where something is assumed. An issue matches a cluster when every
# kind of fact it lists matches (version, release), and it lists at least one.
_known_issues_page := "https://learn.microsoft.com/azure/aks/aksarc/aks-arc-known-issues"

known_issues := {
	"source": _known_issues_page,
	"tracker": "https://github.com/Azure/aksArc/issues?q=label%3Aknown-issue",
	"note": "Few entries: the issues of the published AKS Arc known-issues page (revision dated 2025-09-30) that name the releases they affect or the release that fixes them. The page's active issues that name no version or release (GPU-enabled default node pool, deleted cluster still visible in the portal) are left out: no snapshot fact can match them. No issue of the GitHub tracker's known-issue label names a Kubernetes version or a release in the snapshot's form (they predate Azure Local 23H2 and name AKS-HCI builds such as 1.0.8.10223), so none is listed. No current issue is tied to a Kubernetes version, and none to the WindowsServer platform.",
	"issues": {
		"cluster-stuck-upgrading": {
			"title": "Cluster stays in the Upgrading state after a Kubernetes upgrade",
			"url": "https://learn.microsoft.com/azure/aks/aksarc/cluster-upgrade-status",
			"workaround": "https://learn.microsoft.com/azure/aks/aksarc/cluster-upgrade-status#workaround-for-azure-local-versions-2503-or-2504",
			"platforms": ["AzureLocal"],
			"releases": ["2503", "2504"],
			"fixedIn": "2505",
			"source": "https://learn.microsoft.com/azure/aks/aksarc/cluster-upgrade-status",
			"note": "Affects Azure Local 2503 and 2504 with the hybridaksextension at 2.1.211 or 2.1.223 (the snapshot does not carry the extension version).",
		},
		"storage-provisioning-single-volume": {
			"title": "New nodes are all placed on one storage volume until its disk space runs out",
			"url": "https://learn.microsoft.com/azure/aks/aksarc/storage-provision-issue",
			"workaround": "https://learn.microsoft.com/azure/aks/aksarc/storage-provision-issue#workaround-for-azure-local-version-2506",
			"platforms": ["AzureLocal"],
			"releases": ["2506"],
			"source": "https://learn.microsoft.com/azure/aks/aksarc/storage-provision-issue",
			"note": "A regression of 2506. The 2507 fix applies only to instances deployed with 2507: an instance updated from 2506 still needs the support module's remediation, which the snapshot cannot tell, so no fixedIn is recorded and an updated instance is not flagged.",
		},
		"telemetry-pod-resource-usage": {
			"title": "The akshci-telemetry pod consumes too much CPU and memory",
			"url": "https://learn.microsoft.com/azure/aks/aksarc/telemetry-pod-resources",
			"workaround": "https://learn.microsoft.com/azure/aks/aksarc/telemetry-pod-resources#workaround-for-azure-local-versions-2506-and-older",
			"platforms": ["AzureLocal"],
			"releasesBefore": "2507",
			"fixedIn": "2507",
			"source": "https://learn.microsoft.com/azure/aks/aksarc/telemetry-pod-resources",
		},
		"gallery-image-not-usable": {
			"title": "Cluster create or node pool scale fails because AKS Arc VM images did not download",
			"url": "https://learn.microsoft.com/azure/aks/aksarc/gallery-image-not-usable",
			"workaround": "https://learn.microsoft.com/azure/aks/aksarc/gallery-image-not-usable#mitigation",
			"platforms": ["AzureLocal"],
			"releasesBefore": "2507",
			"fixedIn": "2507",
			"source": "https://learn.microsoft.com/azure/aks/aksarc/gallery-image-not-usable",
			"note": "The page gives only the release with the fix (2507); every earlier release is assumed affected.",
		},
		"kube-apiserver-audit-log-overflow": {
			"title": "kube-apiserver audit logs fill the control plane VM's disk",
			"url": "https://learn.microsoft.com/azure/aks/aksarc/kube-apiserver-log-overflow",
			"workaround": "https://learn.microsoft.com/azure/aks/aksarc/kube-apiserver-log-overflow#mitigation",
			"platforms": ["AzureLocal"],
			"releasesBefore": "2507",
			"fixedIn": "2507",
			"source": "https://learn.microsoft.com/azure/aks/aksarc/kube-apiserver-log-overflow",
			"note": "The known-issues page gives only the release with the fix (2507); every earlier release is assumed affected.",
		},
		"cluster-delete-pod-disruption-budget": {
			"title": "Deleting a cluster that has PodDisruptionBudgets does not remove it fully",
			"url": "https://learn.microsoft.com/azure/aks/aksarc/delete-cluster-pdb",
			"workaround": "https://learn.microsoft.com/azure/aks/aksarc/delete-cluster-pdb#workaround",
			"platforms": ["AzureLocal"],
			"releasesBefore": "2503",
			"fixedIn": "2503",
			"source": "https://learn.microsoft.com/azure/aks/aksarc/delete-cluster-pdb",
			"note": "The known-issues page and the 2503 release notes give only the release with the fix; every earlier release is assumed affected. Workload identity installs a PodDisruptionBudget by default.",
		},
	},
}
