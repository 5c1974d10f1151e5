package aksarc.catalog

# Facts about Kubernetes' own APIs and components that rules need to tell built-in from
# add-on (AKSARC-060, 061). Keyed objects, so that a catalog override adds an entry or switches
# one off with null.
kubernetes_apis := {
	"source": "https://kubernetes.io/docs/reference/using-api/#api-groups",
	# The built-in groups whose names do not end in .k8s.io (the core group is "").
	"plainBuiltinGroups": {
		"": {}, "apps": {}, "batch": {}, "autoscaling": {}, "policy": {}, "extensions": {},
	},
	# Groups under .k8s.io that belong to SIG projects shipped as CustomResourceDefinitions, not
	# to Kubernetes itself; like *.x-k8s.io and *.sigs.k8s.io they are not built-in groups.
	"crdGroups": {
		"gateway.networking.k8s.io": {"source": "https://github.com/kubernetes-sigs/gateway-api"},
		"policy.networking.k8s.io": {"source": "https://github.com/kubernetes-sigs/network-policy-api"},
		"snapshot.storage.k8s.io": {"source": "https://github.com/kubernetes-csi/external-snapshotter"},
		"groupsnapshot.storage.k8s.io": {"source": "https://github.com/kubernetes-csi/external-snapshotter"},
		"objectstorage.k8s.io": {"source": "https://github.com/kubernetes-sigs/container-object-storage-interface"},
	},
	# Component configuration groups whose only version is v1alpha1 and that depend on no alpha
	# feature: kube-proxy's KubeProxyConfiguration (the file kubeadm writes and AKS Arc ships),
	# and the controller managers' configuration types.
	"alphaOnlyComponentConfigs": {
		"kubeproxy.config.k8s.io": {"source": "https://kubernetes.io/docs/reference/config-api/kube-proxy-config.v1alpha1/"},
		"kubecontrollermanager.config.k8s.io": {"source": "https://kubernetes.io/docs/reference/config-api/kube-controller-manager-config.v1alpha1/"},
		"cloudcontrollermanager.config.k8s.io": {"source": "https://kubernetes.io/docs/reference/config-api/"},
	},
	# Kubernetes component images whose tag is the Kubernetes version they run (AKSARC-060 reads
	# a --feature-gates flag's minor from it).
	"componentImages": {
		"kube-apiserver": {}, "kube-controller-manager": {}, "kube-scheduler": {}, "kube-proxy": {},
		"kubelet": {}, "cloud-controller-manager": {}, "hyperkube": {},
	},
}
