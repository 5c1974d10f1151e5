# METADATA
# description: |
#   The managed-component inventory (catalog.managedComponents) as a matcher: which objects are
#   AKS Arc's own, and which are customer configuration Microsoft documents in kube-system. Rules
#   pass the inventory they read from their context (ctx.catalog.managedComponents), so a user's
#   catalog override or a Gatekeeper Constraint's parameters change what matches. Entries are
#   keyed objects (names, prefixes, label values, customerConfig, clusterScoped names and
#   prefixes); an entry whose value is null or false is switched off. AKSARC-010 reports
#   kube-system objects that match nothing; AKSARC-011 reports desired changes to managed ones.
package lib.aksarc.inventory

import data.lib.aksarc.k8s
import data.lib.aksarc.snapshot

# subject is true for a Kubernetes object the inventory rules judge: it has metadata, and it is
# not a record (a kind in ignoredKinds, such as Event of any group), not a Namespace (kube-system
# itself is no workload) and not a ClusterSnapshot (this project's own input document).
subject(obj, inventory) if {
	is_object(obj.metadata)
	k := object.get(obj, "kind", "")
	not k in _list(object.get(inventory, "ignoredKinds", []))
	k != "Namespace"
	not snapshot.is_snapshot(obj)
}

# name is the object's metadata.name, or its metadata.generateName when it has no name (the API
# server completes such a name with a random suffix); "" when it has neither. Never a non-string,
# so that the string built-ins below cannot fail on a malformed document.
name(obj) := obj.metadata.name if _named(obj)

name(obj) := g if {
	not _named(obj)
	g := _string(object.get(obj, ["metadata", "generateName"], ""))
}

_named(obj) if {
	is_string(obj.metadata.name)
	obj.metadata.name != ""
}

_string(s) := s if is_string(s)

_string(s) := "" if not is_string(s)

_list(l) := l if is_array(l)

_object(o) := o if is_object(o)

_object(o) := {} if not is_object(o)

_list(l) := [] if not is_array(l)

# kind is the object's kind as a string ("" when missing or malformed).
kind(obj) := _string(object.get(obj, "kind", ""))

# api_group is the group of the object's apiVersion ("" for the core group "v1"); undefined
# when apiVersion is not a string.
api_group(obj) := "" if {
	is_string(obj.apiVersion)
	not contains(obj.apiVersion, "/")
}

api_group(obj) := split(obj.apiVersion, "/")[0] if {
	is_string(obj.apiVersion)
	contains(obj.apiVersion, "/")
}

# on is the set of keys of a keyed inventory object whose entries are switched on (any value
# but null and false). Empty for anything that is not an object.
on(entries) := {k | some k, v in entries; _enabled(v)} if is_object(entries)

on(entries) := set() if not is_object(entries)

_enabled(v) if {
	v != null
	v != false
}

# in_namespace is true for an object in the inventory's namespace (kube-system).
in_namespace(obj, inventory) if k8s.namespace(obj) == inventory.namespace

# namespaced_matches is the set of inventory entries an object's name and labels match, each
# described as "name <n>", "prefix <p>" or "label <key>=<value>". Empty: nothing matches.
namespaced_matches(obj, inventory) := (_by_name(obj, inventory) | _by_prefix(obj, inventory)) | _by_label(obj, inventory)

_by_name(obj, inventory) := {sprintf("name %s", [n]) |
	n := name(obj)
	entry := object.get(_object(object.get(inventory, "names", {})), n, null)
	_enabled(entry)
	kind_covered(obj, entry)
}

_by_prefix(obj, inventory) := {sprintf("prefix %s", [p]) |
	n := name(obj)
	some p, entry in _object(object.get(inventory, "prefixes", {}))
	_enabled(entry)
	startswith(n, p)
	kind_covered(obj, entry)
}

# kind_covered is true when an inventory entry covers the object's kind: its kinds list names
# it, or the entry gives no kinds (an override that covers every kind). kinds that is not a list
# covers nothing (a malformed entry must not widen what matches).
kind_covered(obj, entry) if {
	is_array(entry.kinds)
	kind(obj) in entry.kinds
}

kind_covered(_, entry) if not _has_kinds(entry)

_has_kinds(entry) if {
	is_object(entry)
	"kinds" in object.keys(entry)
}

# A label matches when the inventory lists its key with its value or with "*" (any value), for
# the object's kind. The inventory's keys are looked up in the object's labels, so the cost does
# not grow with the number of labels an object carries.
_by_label(obj, inventory) := {sprintf("label %s=%s", [key, value]) |
	labels := k8s.labels(obj)
	is_object(labels)
	some key, values in _object(object.get(inventory, "labels", {}))
	value := labels[key]
	some accepted in [value, "*"]
	entry := object.get(_object(values), accepted, null)
	_enabled(entry)
	kind_covered(obj, entry)
}

# customer_config is the set of customerConfig entries (by key, e.g. "container-insights") that
# an object in the inventory's namespace matches: configuration Microsoft documents there. An
# entry matches an object of its apiGroup (absent: any), of one of its kinds (absent or empty:
# any) and with one of its names (absent or empty: any); it must give an apiGroup or names, so
# that an empty entry does not admit everything.
customer_config(obj, inventory) := {id |
	in_namespace(obj, inventory)
	entries := object.get(inventory, "customerConfig", {})
	some id in on(entries)
	entry := entries[id]
	is_object(entry)
	_constrained(entry)
	_group_fits(obj, entry)
	_fits(kind(obj), entry, "kinds")
	_fits(name(obj), entry, "names")
}

_constrained(entry) if is_string(entry.apiGroup)

_constrained(entry) if count(_list(object.get(entry, "names", []))) > 0

_group_fits(_, entry) if not "apiGroup" in object.keys(entry)

_group_fits(obj, entry) if api_group(obj) == entry.apiGroup

# _fits: an absent or empty list accepts every value; otherwise the value must be listed. A
# field that is not a list accepts nothing (a malformed entry must not widen what matches).
_fits(_, entry, field) if not field in object.keys(entry)

_fits(_, entry, field) if entry[field] == []

_fits(value, entry, field) if {
	is_array(entry[field])
	value in entry[field]
}

# cluster_matches is the set of clusterScoped entries of the object's kind that it matches,
# described as "clusterScoped <kind> name <n>" or "clusterScoped <kind> prefix <p>".
cluster_matches(obj, inventory) := _cluster_by_name(obj, inventory) | _cluster_by_prefix(obj, inventory)

_cluster_by_name(obj, inventory) := {sprintf("clusterScoped %s name %s", [kind(obj), n]) |
	n := name(obj)
	n in on(object.get(inventory, ["clusterScoped", kind(obj), "names"], {}))
}

_cluster_by_prefix(obj, inventory) := {sprintf("clusterScoped %s prefix %s", [kind(obj), p]) |
	some p in on(object.get(inventory, ["clusterScoped", kind(obj), "prefixes"], {}))
	startswith(name(obj), p)
}

# foreign is true for an object in the inventory's namespace that matches no entry and is no
# documented customer configuration (AKSARC-010).
foreign(obj, inventory) if {
	in_namespace(obj, inventory) # first: most objects are in other namespaces
	subject(obj, inventory)
	count(namespaced_matches(obj, inventory)) == 0
	count(customer_config(obj, inventory)) == 0
}

# well_known is the set of well-known patterns (catalog wellKnownPatterns) an object in the
# inventory's namespace follows: objects that run nothing and alter no managed component, which
# well-known projects put in kube-system. Empty: none.
well_known(obj, inventory) := (((_wk_kind(obj, wk) | _wk_owned(obj)) | _wk_role(obj, wk)) | _wk_binding(obj, inventory, wk)) | _wk_service(obj) if {
	wk := _object(object.get(inventory, "wellKnownPatterns", {}))
}

# A record of a listed kind and group (a Lease, a Service's Endpoints or EndpointSlices).
_wk_kind(obj, wk) := {sprintf("%s (a record)", [kind(obj)]) |
	entry := object.get(_object(object.get(wk, "kinds", {})), kind(obj), null)
	is_object(entry)
	api_group(obj) == entry.apiGroup
}

# An object a controller owns (a ControllerRevision, a Secret a controller writes): judged with
# its owner.
_wk_owned(obj) := {"owned by a controller" |
	some ref in _list(object.get(obj, ["metadata", "ownerReferences"], []))
	ref.controller == true
}

# A Role whose every rule only reads or only takes part in leader election.
_wk_role(obj, wk) := {"Role that only reads or takes part in leader election" |
	obj.kind == "Role"
	api_group(obj) == "rbac.authorization.k8s.io"
	every rule in _list(object.get(obj, "rules", [])) {
		_quiet_rule(rule, wk)
	}
}

_quiet_rule(rule, wk) if {
	read := _list(object.get(wk, "readVerbs", []))
	every verb in _list(object.get(rule, "verbs", [])) {
		verb in read
	}
}

_quiet_rule(rule, wk) if {
	election := _object(object.get(wk, "leaderElection", {}))
	_within(rule, election, "apiGroups")
	_within(rule, election, "resources")
	_within(rule, election, "verbs")
}

# Every value of the rule's field is one of the pattern's, and there is at least one.
_within(rule, pattern, field) if {
	values := _list(object.get(rule, field, []))
	count(values) > 0
	allowed := _list(object.get(pattern, field, []))
	every v in values {
		v in allowed
	}
}

# A RoleBinding to a role listed in roleRefs (extension-apiserver-authentication-reader), or to
# a Role of the namespace that is no managed component: that Role is judged on its own.
_wk_binding(obj, inventory, wk) := _wk_listed_role(obj, wk) | _wk_own_role(obj, inventory)

_wk_listed_role(obj, wk) := {sprintf("RoleBinding to %s %s", [ref.kind, ref.name]) |
	obj.kind == "RoleBinding"
	api_group(obj) == "rbac.authorization.k8s.io"
	ref := obj.roleRef
	is_object(object.get(_object(object.get(_object(object.get(wk, "roleRefs", {})), ref.kind, {})), ref.name, null))
}

_wk_own_role(obj, inventory) := {sprintf("RoleBinding to the Role %s, judged on its own", [ref.name]) |
	obj.kind == "RoleBinding"
	api_group(obj) == "rbac.authorization.k8s.io"
	ref := obj.roleRef
	ref.kind == "Role"
	is_string(ref.name)
	role := {
		"apiVersion": "rbac.authorization.k8s.io/v1",
		"kind": "Role",
		"metadata": {"name": ref.name, "namespace": k8s.namespace(obj)},
	}
	count(namespaced_matches(role, inventory)) == 0
}

# A headless Service (clusterIP None): no virtual IP, only the DNS records monitoring scrapes by.
_wk_service(obj) := {"headless Service" |
	obj.kind == "Service"
	api_group(obj) == ""
	object.get(obj, ["spec", "clusterIP"], "") == "None"
}

# managed_by is the sorted list of entries that make an object a managed component: the name,
# prefix and label entries when it is in the inventory's namespace, and the clusterScoped
# entries of its kind. Empty for customer configuration (it may share a prefix with the
# component it configures) and for unmanaged objects; undefined for an object that is not a
# subject.
managed_by(obj, inventory) := [] if {
	subject(obj, inventory)
	count(customer_config(obj, inventory)) > 0
}

managed_by(obj, inventory) := sort(_namespaced(obj, inventory) | cluster_matches(obj, inventory)) if {
	subject(obj, inventory)
	count(customer_config(obj, inventory)) == 0
}

_namespaced(obj, inventory) := namespaced_matches(obj, inventory) if in_namespace(obj, inventory)

_namespaced(obj, inventory) := set() if not in_namespace(obj, inventory)

# managed is true for an AKS Arc managed component: a kube-system object that matches the
# inventory (and is not customer configuration), or a cluster-scoped object of a clusterScoped
# kind with one of its names or name prefixes.
managed(obj, inventory) if count(managed_by(obj, inventory)) > 0
