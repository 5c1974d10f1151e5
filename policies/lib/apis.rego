# METADATA
# description: |
#   API groups and versions of an object's apiVersion: which groups Kubernetes itself serves at
#   a minor version (the catalog's explicit list, kubernetesApis.builtinGroups), and which
#   versions are alpha versions. Tolerant of malformed input: a non-string apiVersion has no group or version.
package lib.aksarc.apis

import data.lib.aksarc.versions

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

# builtin_group holds for a group Kubernetes itself serves at a minor version ("1.31"): the
# catalog lists it in kubernetesApis.builtinGroups.groups (an entry set to null counts as
# absent), and the minor is within its since and until minors. A minor that is not a string
# (unknown) is within every range. Nothing is built-in because of its name.
builtin_group(g, known, minor) if {
	is_string(g)
	entry := known.builtinGroups.groups[g]
	is_object(entry)
	_from(entry, minor)
	_to(entry, minor)
}

_from(entry, _) if not is_string(object.get(entry, "since", null))

_from(_, minor) if not is_string(minor)

_from(entry, minor) if {
	is_string(entry.since)
	is_string(minor)
	versions.key_ord(entry.since) <= versions.key_ord(minor)
}

_to(entry, _) if not is_string(object.get(entry, "until", null))

_to(_, minor) if not is_string(minor)

_to(entry, minor) if {
	is_string(entry.until)
	is_string(minor)
	versions.key_ord(minor) <= versions.key_ord(entry.until)
}

# alpha_version holds for Kubernetes alpha versions: v1alpha1, v2alpha1, v1alpha3, ...
alpha_version(v) if {
	is_string(v)
	contains(v, "alpha") # cheap: the regular expression only for versions that can match
	regex.match(`^v[0-9]+alpha[0-9]+$`, v)
}

# alpha_builtin_api holds for an apiVersion that is an alpha version of a group Kubernetes
# serves at the minor (builtin_group).
alpha_builtin_api(api_version, known, minor) if {
	builtin_group(group(api_version), known, minor)
	alpha_version(version(api_version))
}

# component_image holds for an image name (the last path element, without tag) that is a
# Kubernetes component whose tag is its Kubernetes version.
component_image(name, known) if _listed(known, "componentImages", lower(name))

_listed(known, list, key) if is_object(known[list][key])
