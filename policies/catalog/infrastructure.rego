package aksarc.catalog

# How AKS Arc provisions nodes and infrastructure networks (AKSARC-022, AKSARC-023, AKSARC-032).
# Rules read it as ctx.catalog.infrastructure, so a user's catalog override changes it.
infrastructure := {
	# AKSARC-023: the providerID AKS Arc gives its nodes. The Cluster API provider of AKS Arc sets
	# each machine's providerID to moc://<vm name>, and a Node is linked to its machine by that ID.
	# A providerID scheme is compared case-insensitively (URI schemes are).
	"nodeProvider": {
		"providerIDPrefixes": ["moc://"],
		"source": "https://github.com/microsoft/cluster-api-provider-azurestackhci/blob/main/controllers/azurestackhcimachine_controller.go",
		# With an external cloud provider the kubelet registers the Node with this taint and no
		# providerID; the cloud controller manager (moc-cloud-controller-manager) sets the
		# providerID and removes the taint. A Node without providerID that still carries the taint
		# is being initialized, not foreign.
		"uninitializedTaint": "node.cloudprovider.kubernetes.io/uninitialized",
		"uninitializedTaintSource": "https://kubernetes.io/docs/reference/labels-annotations-taints/#node-cloudprovider-kubernetes-io-uninitialized",
	},
	# AKSARC-022: where a node image name carries the image's date. Each pattern is an RE2
	# expression whose first three groups are the year (4 digits), month and day; the first
	# pattern that matches and gives a real date wins. Names that match none carry no date (the
	# pool is then judged only from nodeImageDate).
	"nodeImageDatePatterns": [
		{
			"name": "version-suffix",
			"pattern": `(?i)-v([0-9]{4})([0-9]{2})([0-9]{2})$`,
			"example": "Linux-K8s-1.30.4-v20251002",
			"source": "https://github.com/aksarc-opa/aksarc-opa/blob/main/docs/snapshot.md",
			"note": "The node image naming of this project's ClusterSnapshot documentation (the image build date as a -vYYYYMMDD suffix). No public AKS Arc source shows this format: the gallery images AKS Arc on Azure Local reports (linux-cblmariner-0.11.26.10605, windows-windows2022-0.2.0.10503, see https://learn.microsoft.com/azure/aks/aksarc/aks-arc-image-not-ready) carry no date, so give nodeImageDate for them.",
		},
		{
			"name": "windows-k8s-vhd",
			"pattern": `(?i)^windows_k8s_.*_([0-9]{4})([0-9]{2})([0-9]{2})[0-9]{4}(?:\.vhdx)?$`,
			"example": "Windows_K8s_17763.2928.220505-1621_202205101158",
			"source": "https://github.com/MicrosoftDocs/azure-stack-docs/blob/main/azure-stack/hci/manage/virtual-machine-image-local-share.md",
			"note": "A Windows Kubernetes node VHD name: OS build, the Windows build label (YYMMDD-HHMM) and a trailing YYYYMMDDHHMM build timestamp, read here as the image date. The format is inferred from the one published example.",
		},
	],
	# AKSARC-032: the ARM resource types an AKS Arc cluster's infrastructure network
	# (cloudProviderProfile.infraNetworkProfile.vnetSubnetIds) may be, per platform. ARM compares
	# provider namespaces and types case-insensitively, and so does the rule. Both AKS Arc defined
	# network types are accepted on both platforms (the rule table: "an AKS Arc logical network /
	# virtual network resource ID"); "expected" is the platform's own wording in messages.
	"infraNetworks": {
		"WindowsServer": {
			"expected": "AKS Arc defined subnets",
			"types": ["Microsoft.HybridContainerService/virtualNetworks", "Microsoft.AzureStackHCI/logicalNetworks"],
			"source": "https://github.com/Azure/azure-rest-api-specs/blob/main/specification/hybridaks/resource-manager/Microsoft.HybridContainerService/stable/2024-01-01/provisionedClusterInstances.json",
			"note": "The policy allows network customization only through \"AKS Arc defined subnets\". The 2024-01-01 API accepts as vnetSubnetIds (x-ms-arm-id-details.allowedResources) Microsoft.AzureStackHCI/logicalNetworks, Microsoft.HybridContainerService/virtualNetworks and Microsoft.ConnectedVMwarevSphere/virtualNetworks. The first two are the AKS Arc defined networks (the AKS Arc virtual network resource, and the Arc logical network AKS Arc uses on Azure Local) and are both accepted here. The VMware one (AKS Arc on VMware) belongs to neither platform of this policy and is left out.",
		},
		"AzureLocal": {
			"expected": "AKS Arc defined logical networks",
			"types": ["Microsoft.AzureStackHCI/logicalNetworks", "Microsoft.HybridContainerService/virtualNetworks"],
			"source": "https://learn.microsoft.com/azure/aks/aksarc/aks-networks",
			"apiSource": "https://github.com/Azure/azure-rest-api-specs/blob/main/specification/hybridaks/resource-manager/Microsoft.HybridContainerService/stable/2024-01-01/provisionedClusterInstances.json",
			"note": "AKS on Azure Local uses Arc VM logical networks (aks-networks) and its policy names \"AKS Arc defined logical networks\" (aks-on-azure-local-support-policy). The 2024-01-01 API (apiSource) also accepts Microsoft.HybridContainerService/virtualNetworks, the AKS Arc virtual network resource: an AKS Arc defined network as well, so it is accepted too. Microsoft.ConnectedVMwarevSphere/virtualNetworks (AKS Arc on VMware) is left out.",
		},
	},
}
