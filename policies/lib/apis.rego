# METADATA
# description: |
#   API groups and versions of an object's apiVersion: which groups are Kubernetes built-in
#   groups (served by kube-apiserver itself or read by its components), and which versions are
#   alpha versions. Tolerant of malformed input: a non-string apiVersion has no group or version.
package lib.aksarc.apis

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

# builtin_group holds for the groups of Kubernetes itself: the catalog's plain built-in groups
# (the core group, apps, batch, ...) and the groups ending in .k8s.io, except the SIG projects'
# CRD groups (*.x-k8s.io, *.sigs.k8s.io and the catalog's crdGroups). known is the catalog's
# kubernetesApis (ctx.catalog.kubernetesApis); an entry set to null counts as absent.
builtin_group(g, known) if _listed(known, "plainBuiltinGroups", g)

builtin_group(g, known) if {
	is_string(g)
	endswith(g, ".k8s.io")
	not endswith(g, ".x-k8s.io")
	not endswith(g, ".sigs.k8s.io")
	not _listed(known, "crdGroups", g)
}

_listed(known, list, key) if is_object(known[list][key])

# alpha_version holds for Kubernetes alpha versions: v1alpha1, v2alpha1, v1alpha3, ...
alpha_version(v) if {
	is_string(v)
	regex.match(`^v[0-9]+alpha[0-9]+$`, v)
}

# alpha_builtin_api holds for an apiVersion that is an alpha version of a built-in group, other
# than the component configurations that only exist as v1alpha1.
alpha_builtin_api(api_version, known) if {
	g := group(api_version)
	builtin_group(g, known)
	not _listed(known, "alphaOnlyComponentConfigs", g)
	alpha_version(version(api_version))
}

# component_image holds for an image name (the last path element, without tag) that is a
# Kubernetes component whose tag is its Kubernetes version.
component_image(name, known) if _listed(known, "componentImages", lower(name))
