# METADATA
# title: Alpha Kubernetes feature gate enabled
# description: |
#   An upstream feature gate that is alpha at the minor version it runs on is enabled (true), or
#   AllAlpha=true (it enables every alpha gate). Read from a ClusterSnapshot's
#   spec.features.featureGates (minor: spec.cluster.kubernetesVersion); from the --feature-gates
#   flags (--feature-gates=A=true,B=false or --feature-gates A=true; the last setting of a gate
#   wins) in the command and args of any container of a Pod or workload template, such as the
#   kube-apiserver, kube-controller-manager and kube-scheduler static pods (minor: the tag of a
#   Kubernetes component image such as kube-apiserver:v1.31.10, else the ClusterSnapshot
#   evaluated with the object); and from a KubeletConfiguration's featureGates (minor: the
#   ClusterSnapshot). Without a known minor, the newest minor of the version catalog is assumed
#   and the finding says so. Stages come from the catalog's featureGates (catalog.featureGates).
#   A gate the catalog does not know, or that does not exist at that minor, is not a finding.
#   One finding per alpha gate per document.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#unsupported-preview-and-beta-kubernetes-features
#     description: Unsupported preview and beta Kubernetes features
#   - ref: https://kubernetes.io/docs/reference/command-line-tools-reference/feature-gates/
#     description: Kubernetes feature gates
# custom:
#   id: AKSARC-060
#   name: alpha-feature-gate
#   severity: deny
#   section: Unsupported preview and beta Kubernetes features
#   input: both
#   requires: [spec.features.featureGates]
#   remediation: Turn the alpha feature gate off (remove it from --feature-gates or featureGates, and do not set AllAlpha=true); AKS Arc supports only stable and beta upstream Kubernetes features, so wait for a minor version in which the feature is beta.
package lib.aksarc.rules.features.alpha_feature_gate

import data.lib.aksarc.apis
import data.lib.aksarc.k8s
import data.lib.aksarc.result
import data.lib.aksarc.snapshot
import data.lib.aksarc.versions
import data.lib.aksarc.workloads

violations(doc, ctx) := {f |
	_candidate(doc)
	some gate, by_use in _alpha_by_gate(_uses(doc, ctx), ctx)
	alpha := [u | some u in by_use]
	first := _first(alpha)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		_message(doc, gate, alpha, first, ctx),
		_details(gate, alpha, first, ctx),
	)
}

# _candidate is true for a document that can set a gate: a ClusterSnapshot, a
# KubeletConfiguration, or a workload with a container whose command or args mention
# --feature-gates. Nearly every pod mentions no such flag and is passed over.
_candidate(doc) if snapshot.is_snapshot(doc)

_candidate(doc) if doc.kind == "KubeletConfiguration"

_candidate(doc) if {
	some c in workloads.containers(workloads.pod_spec(doc))
	_mentions_flag(c.container)
}

_mentions_flag(container) if {
	some field in ["command", "args"]
	some arg in container[field]
	is_string(arg)
	contains(arg, "--feature-gates") # _flag, written out: this test runs for every container
}

# The alpha uses grouped by gate, {gate: {use as JSON: use}}, built in one pass (object.union_n
# merges the one-use objects in linear time), so that the cost stays linear in the number of
# uses however many gates a document sets.
_alpha_by_gate(uses, ctx) := object.union_n([{u.gate: {json.marshal(u): u}} |
	some u in uses
	_alpha(u, ctx)
])

# A use is one gate set to true in one place of the document, with the minor version it is
# judged at: {"gate", "setIn", "minor": {"key", "basis", "version"}}.
_uses(doc, ctx) := (_snapshot_uses(doc, ctx) | _kubelet_config_uses(doc, ctx)) | _flag_uses(doc, ctx)

_snapshot_uses(doc, ctx) := {u |
	snapshot.is_snapshot(doc)
	some name in _enabled(object.get(doc, ["spec", "features", "featureGates"], {}))
	u := {"gate": name, "setIn": "spec.features.featureGates", "minor": _snapshot_minor(doc, ctx)}
}

_kubelet_config_uses(doc, ctx) := {u |
	doc.kind == "KubeletConfiguration"
	k8s.api_group(doc) == "kubelet.config.k8s.io"
	some name in _enabled(object.get(doc, "featureGates", {}))
	u := {"gate": name, "setIn": "featureGates", "minor": _cluster_minor(ctx)}
}

_flag_uses(doc, ctx) := {u |
	spec := workloads.pod_spec(doc)
	some c in workloads.containers(spec)
	_mentions_flag(c.container)
	gates := _flag_gates(_tokens(c.container))
	count(gates) > 0
	set_in := sprintf("--feature-gates of %s %s", [c.type, _string(c.name)])
	minor := _container_minor(c.container, ctx)
	some name in gates
	u := {"gate": name, "setIn": set_in, "minor": minor}
}

# The gates a featureGates map sets to true (a boolean; anything else is not an enabled gate).
_enabled(gates) := {name |
	is_object(gates)
	some name, value in gates
	value == true
}

# The command line of a container, command before args. An argument that holds the flag further
# in (a shell string: sh -c "kube-apiserver --feature-gates=...") is split at whitespace.
_tokens(container) := [t |
	some field in ["command", "args"]
	some arg in _list(object.get(container, field, []))
	is_string(arg)
	some t in _split_arg(arg)
]

_split_arg(arg) := [t |
	some t in regex.split(`\s+`, trim_space(arg))
	t != ""
] if {
	not startswith(arg, _flag)
	contains(arg, _flag)
}

_split_arg(arg) := [arg] if startswith(arg, _flag)

_split_arg(arg) := [arg] if not contains(arg, _flag)

_flag := "--feature-gates"

# The values of the --feature-gates flags, in order: --feature-gates=<value> or
# --feature-gates <value>.
_flag_values(tokens) := [value |
	some i, t in tokens
	value := _flag_value(tokens, i, t)
]

_flag_value(_, _, t) := substring(t, count(_flag) + 1, -1) if startswith(t, concat("", [_flag, "="]))

_flag_value(tokens, i, t) := tokens[i + 1] if t == _flag

# Every name=value of the flags, in order, as component-base's feature gate parser reads them:
# comma-separated, the first "=" splits, both sides trimmed.
_assignments(tokens) := [[name, value] |
	some flag_value in _flag_values(tokens)
	some item in split(flag_value, ",")
	parts := split(item, "=")
	count(parts) == 2
	name := trim_space(parts[0])
	name != ""
	value := trim_space(parts[1])
]

# strconv.ParseBool's true values.
_true_values := {"1", "t", "T", "TRUE", "true", "True"}

# The gates the flags leave at true: a later setting of the same gate overrides an earlier one
# (object.union_n keeps the last value of a key, in one pass over the assignments).
_flag_gates(tokens) := {name |
	final := object.union_n([{assignment[0]: assignment[1]} | some assignment in _assignments(tokens)])
	some name, value in final
	value in _true_values
}

# The minor version a use is judged at: the snapshot's or the image's version, else the
# ClusterSnapshot's evaluated with the object (lib.aksarc.snapshot), else the newest minor of the
# catalog (assumed), else unknown.
_snapshot_minor(doc, ctx) := _use_minor(snapshot.snapshot_minor(doc, ctx), "spec.cluster.kubernetesVersion") if {
	snapshot.snapshot_minor(doc, ctx)
} else := _unknown_minor

_container_minor(container, ctx) := m if {
	v := _image_version(object.get(container, "image", null), ctx.catalog.kubernetesApis)
	m := {"key": v.minor_key, "basis": "container image", "version": v.text}
} else := _cluster_minor(ctx)

_cluster_minor(ctx) := _use_minor(snapshot.cluster_minor(ctx), "ClusterSnapshot") if {
	snapshot.cluster_minor(ctx)
} else := _unknown_minor

_use_minor(m, basis) := {"key": m.key, "basis": basis, "version": m.version} if not m.assumed

_use_minor(m, _) := {"key": m.key, "basis": "assumed", "version": null} if m.assumed

_unknown_minor := {"key": null, "basis": "unknown", "version": null}

_image_version(image, known) := v if {
	is_string(image)
	path := split(split(trim_space(image), "@")[0], "/")
	name_tag := split(path[count(path) - 1], ":")
	count(name_tag) == 2
	apis.component_image(name_tag[0], known)
	v := versions.parse(name_tag[1])
}

# Alpha: AllAlpha=true (every alpha gate), or a gate whose stage at the use's minor is Alpha.
_alpha(u, _) if u.gate == "AllAlpha"

_alpha(u, ctx) if _stage(ctx, u.gate, u.minor.key).stage == "Alpha"

# The catalog entry in effect at a minor: the last entry with version <= minor. Undefined for a
# gate the catalog does not know, one that does not exist yet at that minor, and malformed data.
_stage(ctx, gate, key) := entry if {
	entries := _entries(ctx, gate)
	target := versions.key_ord(key)
	top := max({o | some e in entries; o := _entry_ord(e); o <= target})
	in_effect := {e | some e in entries; _entry_ord(e) == top}
	count(in_effect) == 1
	some entry in in_effect
}

# The first entry after a minor (the stage the gate reaches next), if the catalog has one.
_next(ctx, gate, key) := entry if {
	entries := _entries(ctx, gate)
	target := versions.key_ord(key)
	top := min({o | some e in entries; o := _entry_ord(e); o > target})
	following := {e | some e in entries; _entry_ord(e) == top}
	count(following) == 1
	some entry in following
}

_entries(ctx, gate) := entries if {
	entries := object.get(ctx, ["catalog", "featureGates", "gates", gate], null)
	is_array(entries)
}

_entry_ord(e) := versions.key_ord(e.version) if is_object(e)

# The use the message describes: the first by where it is set (ties broken by the whole use).
_first(uses) := json.unmarshal(min({json.marshal(u) | some u in uses; u.setIn == lowest})) if {
	lowest := min({u.setIn | some u in uses})
}

_details(gate, uses, first, ctx) := object.union(
	{
		"gate": gate,
		"stage": _stage_label(gate),
		"setIn": sort({u.setIn | some u in uses}),
		"minorVersion": first.minor.key,
		"minorBasis": first.minor.basis,
		"kubernetesVersion": first.minor.version,
		"minorAssumed": first.minor.basis == "assumed",
	},
	_stage_details(ctx, gate, first.minor.key),
)

_stage_label("AllAlpha") := "AllAlpha (enables every alpha gate)"

_stage_label(gate) := "Alpha" if gate != "AllAlpha"

_stage_details(ctx, gate, key) := d if {
	gate != "AllAlpha"
	entry := _stage(ctx, gate, key)
	d := object.union({"alphaSince": entry.version}, _next_details(ctx, gate, key))
}

_stage_details(_, "AllAlpha", _) := {}

_next_details(ctx, gate, key) := {"nextStage": {"version": n.version, "stage": n.stage}} if {
	n := _next(ctx, gate, key)
	is_string(n.stage)
}

_next_details(ctx, gate, key) := {} if not _next_stage_known(ctx, gate, key)

_next_stage_known(ctx, gate, key) if is_string(_next(ctx, gate, key).stage)

_message(doc, "AllAlpha", uses, _, _) := sprintf("%s sets AllAlpha=true in %s, which turns on every alpha feature gate: AKS Arc supports only stable and beta upstream Kubernetes features, so a cluster running it is out of support; remove AllAlpha=true", [
	_subject(doc),
	_where(uses),
])

_message(doc, gate, uses, first, ctx) := sprintf("%s turns on the alpha feature gate %s (%s) in %s: AKS Arc supports only stable and beta upstream Kubernetes features, so a cluster running it is out of support; %s", [
	_subject(doc),
	gate,
	_alpha_in(first),
	_where(uses),
	_advice(ctx, gate, first),
]) if gate != "AllAlpha"

_where(uses) := concat(", ", sort({u.setIn | some u in uses}))

_alpha_in(first) := sprintf("alpha in Kubernetes %s", [first.minor.key]) if first.minor.basis in {"spec.cluster.kubernetesVersion", "container image", "ClusterSnapshot"}

_alpha_in(first) := sprintf("alpha in Kubernetes %s, the newest minor version of the catalog, assumed because the version it runs on is unknown", [first.minor.key]) if first.minor.basis == "assumed"

_subject(doc) := sprintf("cluster %s", [_string(k8s.name(doc))]) if snapshot.is_snapshot(doc)

_subject(doc) := trim_space(sprintf("%s %s", [_string(doc.kind), _object_name(doc)])) if not snapshot.is_snapshot(doc)

_object_name(doc) := sprintf("%s/%s", [ns, _string(k8s.name(doc))]) if {
	ns := _string(k8s.namespace(doc))
	ns != ""
}

_object_name(doc) := _string(k8s.name(doc)) if _string(k8s.namespace(doc)) == ""

_advice(ctx, gate, first) := sprintf("turn it off (it becomes %s in %s)", [lower(n.stage), n.version]) if {
	n := _next(ctx, gate, first.minor.key)
	n.stage in {"Beta", "GA"}
}

_advice(ctx, gate, first) := "turn it off" if not _graduates(ctx, gate, first.minor.key)

_graduates(ctx, gate, key) if _next(ctx, gate, key).stage in {"Beta", "GA"}

_list(x) := x if is_array(x)

_list(x) := [] if not is_array(x)

_string(s) := s if is_string(s)

_string(s) := "" if not is_string(s)
