package aksarc.catalog

# Facts about Kubernetes' own APIs and components that rules need to tell built-in from
# add-on (AKSARC-060, 061). Keyed objects, so that a catalog override adds an entry or switches
# one off with null.
kubernetes_apis := {
	"source": "https://kubernetes.io/docs/reference/using-api/#api-groups",
	# The API groups Kubernetes itself serves (kube-apiserver, with its extension and aggregation
	# servers), by minor version (AKSARC-061): an alpha version of one of them depends on an
	# alpha feature. Explicit: a group is built-in because it is listed, never because of its
	# name (gateway.networking.k8s.io, snapshot.storage.k8s.io, cluster.x-k8s.io,
	# externaldns.k8s.io, migration.k8s.io, kustomize.config.k8s.io are CRD groups of SIG
	# projects or tool configuration). A group is served from its since minor (absent: every
	# minor of checkedMinors and before) up to its until minor (absent: still served); for a minor
	# newer than checkedMinors the newest list holds until the catalog is updated. Not listed:
	# groups with types but no REST resource (admission.k8s.io and imagepolicy.k8s.io webhook
	# payloads; extensions, which serves nothing since 1.22) and the components' configuration
	# file formats (kubelet.config.k8s.io, kubeproxy.config.k8s.io, ...), which are no API objects.
	"builtinGroups": {
		"source": "https://kubernetes.io/docs/reference/generated/kubernetes-api/v1.34/",
		"note": "Checked 2026-12-05 for every minor from 1.26 to 1.36 against the Kubernetes API reference (https://kubernetes.io/docs/reference/generated/kubernetes-api/v1.NN/, the API groups list) and the GroupName of each version package of k8s.io/api, k8s.io/apiextensions-apiserver and k8s.io/kube-aggregator at tag v0.NN.0.",
		"checkedMinors": {"first": "1.26", "last": "1.36"},
		"groups": object.union(
			{g: {} | some g in [
				"", "admissionregistration.k8s.io", "apidiscovery.k8s.io", "apiextensions.k8s.io",
				"apiregistration.k8s.io", "apps", "authentication.k8s.io", "authorization.k8s.io",
				"autoscaling", "batch", "certificates.k8s.io", "coordination.k8s.io",
				"discovery.k8s.io", "events.k8s.io", "flowcontrol.apiserver.k8s.io",
				"internal.apiserver.k8s.io", "networking.k8s.io", "node.k8s.io", "policy",
				"rbac.authorization.k8s.io", "resource.k8s.io", "scheduling.k8s.io", "storage.k8s.io",
			]},
			{"storagemigration.k8s.io": {
				"since": "1.30",
				"source": "https://kubernetes.io/docs/reference/generated/kubernetes-api/v1.30/",
				"note": "StorageVersionMigration, v1alpha1 from 1.30, v1beta1 from 1.35.",
			}},
		),
	},
	# Kubernetes component images whose tag is the Kubernetes version they run (AKSARC-060 reads
	# a --feature-gates flag's minor from it).
	"componentImages": {
		"kube-apiserver": {}, "kube-controller-manager": {}, "kube-scheduler": {}, "kube-proxy": {},
		"kubelet": {}, "cloud-controller-manager": {}, "hyperkube": {},
	},
}
