# METADATA
# description: |
#   Lookups derived from the catalog alone (sets of names, namespaces, label keys, API group
#   domains and image repositories), so that a rule tests an object against the catalog with a
#   few set lookups instead of rebuilding sets from catalog lists for every object. build(catalog)
#   makes all of them; lookup(ctx, part, name) reads one from the index the context carries (the
#   Go evaluator builds it once per run, in data.aksarc.evaluator.context_base), else builds that
#   one alone from ctx.catalog, once per query (conftest, Gatekeeper, opa, unit tests): an object
#   that needs only a few lookups pays only for those. Every lookup gives exactly what the
#   catalog lists say, so findings do not depend on where the index was built.
package lib.aksarc.index

import data.lib.aksarc.images

# lookup is one lookup of the index of the context's catalog, by part and name (_names).
lookup(ctx, part, name) := v if {
	v := ctx.index[part][name]
} else := _lookup(part, name, ctx.catalog)

# build derives every lookup from an (effective) catalog.
build(catalog) := {part: {name: _lookup(part, name, catalog) | some name in names} | some part, names in _names}

_names := {
	"thirdParty": ["ignoredKinds", "namespaces", "apiGroupDomains", "labels", "annotations", "images"],
	"agentNodes": [
		"nodeCustomizationCapabilities", "networkCapabilities", "systemPaths",
		"multusApiGroups", "multusPodAnnotations", "multusImages",
	],
}

# thirdParty (AKSARC-031): what any product of networking.thirdParty lists, merged over the
# products: a document that matches none of these cannot be evidence of any product.
_lookup("thirdParty", "ignoredKinds", catalog) := _strings(object.get(_networking(catalog), "ignoredKinds", []))

_lookup("thirdParty", "namespaces", catalog) := {ns |
	some entry in _products(catalog)
	some ns in _strings(object.get(entry, "namespaces", []))
}

_lookup("thirdParty", "apiGroupDomains", catalog) := {d |
	some entry in _products(catalog)
	some d in _strings(object.get(entry, "apiGroupDomains", []))
}

_lookup("thirdParty", "labels", catalog) := {k |
	some entry in _products(catalog)
	some k, _ in _object(object.get(entry, "labels", {}))
}

_lookup("thirdParty", "annotations", catalog) := {k |
	some entry in _products(catalog)
	some k, _ in _object(object.get(entry, "annotations", {}))
}

_lookup("thirdParty", "images", catalog) := {lower(p) |
	some entry in _products(catalog)
	some p in object.get(entry, "images", [])
	is_string(p)
}

_networking(catalog) := _object(object.get(catalog, "networking", {}))

_products(catalog) := [entry | some entry in _object(object.get(_networking(catalog), "thirdParty", {})); is_object(entry)]

# agentNodes (AKSARC-020, AKSARC-021): watched capabilities, system paths split into parts,
# and the Multus API groups, pod annotations and images.
_lookup("agentNodes", "nodeCustomizationCapabilities", catalog) := {upper(x) |
	some x in _list(object.get(_agent_nodes(catalog), ["capabilities", "nodeCustomization"], []))
	is_string(x)
}

_lookup("agentNodes", "networkCapabilities", catalog) := {upper(x) |
	some x in _strings(object.get(_agent_nodes(catalog), ["capabilities", "network"], []))
}

_lookup("agentNodes", "systemPaths", catalog) := {key: parts |
	some key, entry in _object(object.get(_agent_nodes(catalog), "systemPaths", {}))
	is_object(entry)
	parts := path_parts(key)
}

_lookup("agentNodes", "multusApiGroups", catalog) := _strings(object.get(_multus(catalog), "apiGroups", []))

_lookup("agentNodes", "multusPodAnnotations", catalog) := _strings(object.get(_multus(catalog), "podAnnotations", []))

_lookup("agentNodes", "multusImages", catalog) := {lower(p) | some p in object.get(_multus(catalog), "images", []); is_string(p)}

_agent_nodes(catalog) := _object(object.get(catalog, "agentNodes", {}))

_multus(catalog) := _object(object.get(_agent_nodes(catalog), "multus", {}))

# path_parts splits a host path into its parts: ["/", "var", "lib"] for /var/lib/, the lower-case
# drive and folders for a Windows path (C:\Windows -> ["c:", "windows"]); undefined for a
# relative path.
path_parts(path) := array.concat(["/"], _segments(path)) if startswith(path, "/")

path_parts(path) := _segments(replace(lower(path), "\\", "/")) if regex.match(`^[A-Za-z]:([\\/]|$)`, path)

_segments(path) := [s | some s in split(path, "/"); not s in {"", "."}]

# image_listed is true when an image's repository is one of the listed (lower-case) repositories,
# or ends with "/" and one of them: as lib.aksarc.images.matches, with one lookup per path suffix.
# A listed repository that matches ends with the image's name (lib.aksarc.images.name, its last
# component): one builtin call passes over nearly every image before the repository is parsed.
image_listed(image, listed) if {
	strings.any_suffix_match(listed, images.name(image))
	repo := images.repository(image)
	some suffix in suffixes(repo, "/")
	suffix in listed
}

# in_domains is true when a group is one of the domains or a subdomain of one (ends with "." and
# the domain), with one lookup per suffix of the group; a group without a dot is its only suffix.
in_domains(group, domains) if {
	is_string(group)
	group in domains
}

in_domains(group, domains) if {
	is_string(group)
	contains(group, ".")
	some suffix in suffixes(group, ".")
	suffix in domains
}

# suffixes are the whole string and each part of it that follows a separator: "a.b.c" gives
# "a.b.c", "b.c" and "c".
suffixes(s, sep) := {concat(sep, array.slice(parts, i, count(parts))) |
	parts := split(s, sep)
	some i in numbers.range(0, count(parts) - 1)
}

_strings(x) := {s | some s in _list(x); is_string(s)}

_list(x) := x if is_array(x)

_list(x) := [] if not is_array(x)

_object(x) := x if is_object(x)

_object(x) := {} if not is_object(x)
