# METADATA
# description: |
#   The managed-component inventory (catalog.managedComponents) as a matcher: which objects are
#   AKS Arc's own. Rules pass the inventory they read from their context
#   (ctx.catalog.managedComponents), so a user's catalog override or a Gatekeeper Constraint's
#   parameters change what matches. AKSARC-010 reports kube-system objects that match nothing;
#   AKSARC-011 reports desired changes to objects that match.
package lib.aksarc.inventory

import data.lib.aksarc.k8s
import data.lib.aksarc.snapshot

# subject is true for a Kubernetes object the inventory rules judge: it has metadata, and it is
# not a record (a kind in ignoredKinds, such as Event of any group), not a Namespace (kube-system
# itself is no workload) and not a ClusterSnapshot (this project's own input document).
subject(obj, inventory) if {
	is_object(obj.metadata)
	kind := object.get(obj, "kind", "")
	not kind in object.get(inventory, "ignoredKinds", [])
	kind != "Namespace"
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

# in_namespace is true for an object in the inventory's namespace (kube-system).
in_namespace(obj, inventory) if k8s.namespace(obj) == inventory.namespace

# namespaced_matches is the set of inventory entries an object's name and labels match, each
# described as "name <n>", "prefix <p>" or "label <key>=<value>". Empty: nothing matches.
namespaced_matches(obj, inventory) := (_by_name(obj, inventory) | _by_prefix(obj, inventory)) | _by_label(obj, inventory)

_by_name(obj, inventory) := {sprintf("name %s", [n]) |
	n := name(obj)
	n in object.get(inventory, "names", [])
}

_by_prefix(obj, inventory) := {sprintf("prefix %s", [p]) |
	some p in object.get(inventory, "prefixes", [])
	startswith(name(obj), p)
}

# A label matches when the inventory lists its key and either its value or "*" (any value).
_by_label(obj, inventory) := {sprintf("label %s=%s", [key, value]) |
	some key, value in k8s.labels(obj)
	accepted := object.get(inventory, ["labels", key], [])
	_label_value_accepted(value, accepted)
}

_label_value_accepted(value, accepted) if value in accepted

_label_value_accepted(_, accepted) if "*" in accepted

# cluster_matches is the set of clusterScoped entries (kind -> name prefixes) an object matches,
# described as "clusterScoped <kind> <prefix>".
cluster_matches(obj, inventory) := {sprintf("clusterScoped %s %s", [obj.kind, p]) |
	some p in object.get(inventory, ["clusterScoped", obj.kind], [])
	startswith(name(obj), p)
}

# foreign is true for an object in the inventory's namespace that matches no entry (AKSARC-010).
foreign(obj, inventory) if {
	subject(obj, inventory)
	in_namespace(obj, inventory)
	count(namespaced_matches(obj, inventory)) == 0
}

# managed_by is the sorted list of entries that make an object a managed component: the name,
# prefix and label entries when it is in the inventory's namespace, and the clusterScoped
# entries of its kind. Undefined for an object that is not a subject; empty when unmanaged.
managed_by(obj, inventory) := sort(_namespaced(obj, inventory) | cluster_matches(obj, inventory)) if {
	subject(obj, inventory)
}

_namespaced(obj, inventory) := namespaced_matches(obj, inventory) if in_namespace(obj, inventory)

_namespaced(obj, inventory) := set() if not in_namespace(obj, inventory)

# managed is true for an AKS Arc managed component: a kube-system object that matches the
# inventory, or a cluster-scoped object of a clusterScoped kind with one of its name prefixes.
managed(obj, inventory) if count(managed_by(obj, inventory)) > 0
