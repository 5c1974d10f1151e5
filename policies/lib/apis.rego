# METADATA
# description: |
#   API groups and versions of an object's apiVersion: which groups are Kubernetes built-in
#   groups (served by kube-apiserver itself or read by its components), and which versions are
#   alpha versions. Tolerant of malformed input: a non-string apiVersion has no group or version.
package lib.aksarc.apis

# The built-in groups whose names do not end in .k8s.io (the core group is "").
# https://kubernetes.io/docs/reference/using-api/#api-groups
_plain_builtin_groups := {"", "apps", "batch", "autoscaling", "policy", "extensions"}

# Groups under .k8s.io that belong to SIG projects shipped as CustomResourceDefinitions, not to
# Kubernetes itself; like *.x-k8s.io and *.sigs.k8s.io they are not built-in groups.
_crd_groups := {
	# Gateway API: https://github.com/kubernetes-sigs/gateway-api
	"gateway.networking.k8s.io",
	# Network Policy API (AdminNetworkPolicy): https://github.com/kubernetes-sigs/network-policy-api
	"policy.networking.k8s.io",
	# CSI external-snapshotter: https://github.com/kubernetes-csi/external-snapshotter
	"snapshot.storage.k8s.io",
	"groupsnapshot.storage.k8s.io",
	# Container Object Storage Interface: https://github.com/kubernetes-sigs/container-object-storage-interface
	"objectstorage.k8s.io",
}

# Component configuration groups whose only version is v1alpha1 and that depend on no alpha
# feature: kube-proxy's KubeProxyConfiguration (the file kubeadm writes and AKS Arc ships), and
# the controller managers' configuration types.
# https://kubernetes.io/docs/reference/config-api/kube-proxy-config.v1alpha1/
_alpha_only_component_configs := {
	"kubeproxy.config.k8s.io",
	"kubecontrollermanager.config.k8s.io",
	"cloudcontrollermanager.config.k8s.io",
}

# group is the API group of an apiVersion ("" for the core group: "v1").
group(api_version) := "" if {
	is_string(api_version)
	not contains(api_version, "/")
}

group(api_version) := split(api_version, "/")[0] if {
	is_string(api_version)
	count(split(api_version, "/")) == 2
}

# version is the version part of an apiVersion ("v1alpha1" of "resource.k8s.io/v1alpha1").
version(api_version) := api_version if {
	is_string(api_version)
	not contains(api_version, "/")
}

version(api_version) := split(api_version, "/")[1] if {
	is_string(api_version)
	count(split(api_version, "/")) == 2
}

# builtin_group holds for the groups of Kubernetes itself: the core group, apps, batch,
# autoscaling, policy, extensions and the groups ending in .k8s.io, except the SIG projects'
# CRD groups (*.x-k8s.io, *.sigs.k8s.io and the few listed above).
builtin_group(g) if g in _plain_builtin_groups

builtin_group(g) if {
	is_string(g)
	endswith(g, ".k8s.io")
	not endswith(g, ".x-k8s.io")
	not endswith(g, ".sigs.k8s.io")
	not g in _crd_groups
}

# alpha_version holds for Kubernetes alpha versions: v1alpha1, v2alpha1, v1alpha3, ...
alpha_version(v) if {
	is_string(v)
	regex.match(`^v[0-9]+alpha[0-9]+$`, v)
}

# alpha_builtin_api holds for an apiVersion that is an alpha version of a built-in group, other
# than the component configurations that only exist as v1alpha1.
alpha_builtin_api(api_version) if {
	g := group(api_version)
	builtin_group(g)
	not g in _alpha_only_component_configs
	alpha_version(version(api_version))
}
