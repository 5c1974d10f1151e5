# METADATA
# title: System-created metadata changed
# description: |
#   A label or annotation under a system prefix (catalog managedComponents.systemMetadataPrefixes:
#   kubernetes.io/, k8s.io/, node.kubernetes.io/, node-role.kubernetes.io/, msft.microsoft/,
#   cluster.x-k8s.io/, ...) is set, changed or removed on a Node or on an object in kube-system
#   (the kube-system Namespace included). A manifest (no uid or resourceVersion) sets every such
#   key it carries; an admission request changes the keys whose values differ between object and
#   oldObject. Objects observed in a cluster dump are not changes. Other labels and annotations
#   may be added freely.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#shared-responsibility
#     description: Shared responsibility
#   - ref: https://kubernetes.io/docs/reference/labels-annotations-taints/
#     description: Well-known labels, annotations and taints
# custom:
#   id: AKSARC-012
#   name: system-metadata-change
#   severity: deny
#   section: Shared responsibility
#   input: object
#   requires: []
#   remediation: Leave system-created labels and annotations to the components that own them; add your own keys under your own prefix instead (for node pools, set node labels through the AKS Arc node pool API).
package lib.aksarc.rules.managed.system_metadata_change

import data.lib.aksarc.k8s
import data.lib.aksarc.result
import data.lib.aksarc.snapshot

# violations judges one document: a manifest is a desired change from nothing known, so every
# system key it carries is "set". Observed objects (cluster dumps) change nothing.
violations(doc, ctx) := {f |
	not k8s.observed(doc)
	some f in change_violations(doc, null, ctx)
}

# change_violations compares an object with its previous state (oldObject of an admission
# request; null when unknown) and reports the system keys that differ. Gatekeeper calls this.
change_violations(obj, old, ctx) := {f |
	inventory := ctx.catalog.managedComponents
	_in_scope(obj, inventory)
	changes := _changes(obj, old, inventory)
	count(changes) > 0
	f := result.finding(
		rego.metadata.chain(),
		obj,
		sprintf("%s %s %s system-created metadata: %s; system labels and annotations belong to Kubernetes and AKS Arc, and changing them renders the cluster unsupported", [obj.kind, _display_name(obj), _verb(old), _summary(changes)]),
		{"changes": changes},
	)
}

# Nodes, and objects in kube-system (and the kube-system Namespace itself).
_in_scope(obj, _) if {
	obj.kind == "Node"
	k8s.api_group(obj) == ""
}

_in_scope(obj, inventory) if {
	k8s.namespace(obj) == inventory.namespace
	not snapshot.is_snapshot(obj)
	not object.get(obj, "kind", "") in object.get(inventory, "ignoredKinds", [])
}

_in_scope(obj, inventory) if {
	obj.kind == "Namespace"
	k8s.api_group(obj) == ""
	k8s.name(obj) == inventory.namespace
}

_display_name(obj) := sprintf("%s/%s", [k8s.namespace(obj), k8s.name(obj)]) if k8s.namespace(obj) != ""

_display_name(obj) := k8s.name(obj) if k8s.namespace(obj) == ""

_verb(null) := "sets"

_verb(old) := "changes" if old != null

# The changed system keys, by field and key: {field, key, change (set|added|changed|removed), value, oldValue}.
# Each field's system keys are picked out first and only those are sorted, so the cost stays
# linear in the number of keys an object carries.
_changes(obj, old, inventory) := array.concat(
	_field_changes("annotations", _map(obj, "annotations"), _old_map(old, "annotations"), old == null, inventory),
	_field_changes("labels", _map(obj, "labels"), _old_map(old, "labels"), old == null, inventory),
)

_field_changes(field, new, old, unknown_old, inventory) := [c |
	prefixes := {p | some p in _list(object.get(inventory, "systemMetadataPrefixes", []))}
	some key in sort({k | some k in (object.keys(new) | object.keys(old)); _system_key(k, prefixes)})
	change := _change(key, new, old, unknown_old)
	c := {
		"field": field,
		"key": key,
		"change": change,
		"value": object.get(new, key, null),
		"oldValue": object.get(old, key, null),
	}
]

_change(key, new, _, true) := "set" if _has(new, key)

_change(key, new, old, false) := "added" if {
	_has(new, key)
	not _has(old, key)
}

_change(key, new, old, false) := "changed" if {
	_has(new, key)
	_has(old, key)
	new[key] != old[key]
}

_change(key, new, old, false) := "removed" if {
	not _has(new, key)
	_has(old, key)
}

_has(m, key) if _ = m[key]

_map(obj, field) := m if {
	m := obj.metadata[field]
	is_object(m)
}

_map(obj, field) := {} if not is_object(object.get(obj, ["metadata", field], null))

_old_map(null, _) := {}

_old_map(old, field) := _map(old, field) if old != null

# A key is a system key when the part before its slash, slash included, is a listed prefix.
_system_key(key, prefixes) if {
	is_string(key)
	i := indexof(key, "/")
	i >= 0
	substring(key, 0, i + 1) in prefixes
}

_list(x) := x if is_array(x)

_list(x) := [] if not is_array(x)

# _summary describes the first changes one by one and counts the rest (details.changes has them all).
_summary(changes) := concat(", ", [_describe(c) | some c in changes]) if count(changes) <= _described

_summary(changes) := sprintf("%s and %d more", [
	concat(", ", [_describe(c) | some c in array.slice(changes, 0, _described)]),
	count(changes) - _described,
]) if count(changes) > _described

_described := 10

_describe(c) := sprintf("%s %s %s (was %s)", [_singular(c.field), c.key, c.change, _text(c.oldValue)]) if c.change == "changed"

_describe(c) := sprintf("%s %s %s", [_singular(c.field), c.key, c.change]) if c.change != "changed"

_singular("labels") := "label"

_singular("annotations") := "annotation"

_text(v) := sprintf("%q", [v]) if is_string(v)

_text(v) := sprintf("%v", [v]) if not is_string(v)
