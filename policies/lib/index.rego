# METADATA
# description: |
#   Lookups derived from the catalog alone (sets of names, namespaces, label keys, API group
#   domains and image repositories), so that a rule tests an object against the catalog with a
#   few set lookups instead of rebuilding sets from catalog lists for every object. build(catalog)
#   makes them; third_party(ctx) and agent_nodes(ctx) read the index the context carries (the
#   Go evaluator builds it once per run, in data.aksarc.evaluator.context_base), else build their
#   part from ctx.catalog, once per query (conftest, Gatekeeper, opa, unit tests). Every lookup gives exactly what the catalog
#   lists say, so findings do not depend on where the index was built.
package lib.aksarc.index

import data.lib.aksarc.images

# third_party and agent_nodes are the parts of the index of the context's catalog: the part the
# context carries, else the one built from ctx.catalog (each part only when a rule asks for it).
third_party(ctx) := ctx.index.thirdParty if {
	is_object(object.get(ctx, ["index", "thirdParty"], null))
} else := _third_party(_object(object.get(ctx.catalog, "networking", {})))

agent_nodes(ctx) := ctx.index.agentNodes if {
	is_object(object.get(ctx, ["index", "agentNodes"], null))
} else := _agent_nodes(_object(object.get(ctx.catalog, "agentNodes", {})))

# build derives the lookups from an (effective) catalog.
build(catalog) := {
	"thirdParty": _third_party(_object(object.get(catalog, "networking", {}))),
	"agentNodes": _agent_nodes(_object(object.get(catalog, "agentNodes", {}))),
}

# thirdParty (AKSARC-031): what any product of networking.thirdParty lists, merged over the
# products: a document that matches none of these cannot be evidence of any product.
_third_party(networking) := {
	"ignoredKinds": _strings(object.get(networking, "ignoredKinds", [])),
	"namespaces": {ns | some entry in _products(networking); some ns in _strings(object.get(entry, "namespaces", []))},
	"apiGroupDomains": {d | some entry in _products(networking); some d in _strings(object.get(entry, "apiGroupDomains", []))},
	"labels": {k | some entry in _products(networking); some k, _ in _object(object.get(entry, "labels", {}))},
	"annotations": {k | some entry in _products(networking); some k, _ in _object(object.get(entry, "annotations", {}))},
	"images": {lower(p) | some entry in _products(networking); some p in object.get(entry, "images", []); is_string(p)},
}

_products(networking) := [entry | some entry in _object(object.get(networking, "thirdParty", {})); is_object(entry)]

# agentNodes (AKSARC-020, AKSARC-021): watched capabilities, system paths split into parts,
# and the Multus API groups, pod annotations and images.
_agent_nodes(agent_nodes) := {
	"nodeCustomizationCapabilities": {upper(x) | some x in _list(object.get(agent_nodes, ["capabilities", "nodeCustomization"], [])); is_string(x)},
	"networkCapabilities": {upper(x) | some x in _strings(object.get(agent_nodes, ["capabilities", "network"], []))},
	"systemPaths": {key: parts |
		some key, entry in _object(object.get(agent_nodes, "systemPaths", {}))
		is_object(entry)
		parts := path_parts(key)
	},
	"multusApiGroups": _strings(object.get(_multus(agent_nodes), "apiGroups", [])),
	"multusPodAnnotations": _strings(object.get(_multus(agent_nodes), "podAnnotations", [])),
	"multusImages": {lower(p) | some p in object.get(_multus(agent_nodes), "images", []); is_string(p)},
}

_multus(agent_nodes) := _object(object.get(agent_nodes, "multus", {}))

# path_parts splits a host path into its parts: ["/", "var", "lib"] for /var/lib/, the lower-case
# drive and folders for a Windows path (C:\Windows -> ["c:", "windows"]); undefined for a
# relative path.
path_parts(path) := array.concat(["/"], _segments(path)) if startswith(path, "/")

path_parts(path) := _segments(replace(lower(path), "\\", "/")) if regex.match(`^[A-Za-z]:([\\/]|$)`, path)

_segments(path) := [s | some s in split(path, "/"); not s in {"", "."}]

# image_listed is true when an image's repository is one of the listed (lower-case) repositories,
# or ends with "/" and one of them: as lib.aksarc.images.matches, with one lookup per path suffix.
image_listed(image, listed) if {
	repo := images.repository(image)
	some suffix in suffixes(repo, "/")
	suffix in listed
}

# in_domains is true when a group is one of the domains or a subdomain of one (ends with "." and
# the domain), with one lookup per suffix of the group.
in_domains(group, domains) if {
	is_string(group)
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
