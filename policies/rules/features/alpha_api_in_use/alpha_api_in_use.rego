# METADATA
# title: Alpha Kubernetes API in use
# description: |
#   An object's apiVersion is an alpha version (v1alpha1, v2alpha1, ...) of a Kubernetes built-in
#   API group: the core group, apps, batch, autoscaling, policy, extensions, or a group ending in
#   .k8s.io. Not: groups of SIG projects shipped as CRDs (*.x-k8s.io, *.sigs.k8s.io, Gateway API,
#   Network Policy API, CSI snapshots, COSI), the component configurations that exist only as
#   v1alpha1 (KubeProxyConfiguration, the controller managers' configuration), CRD groups of
#   other vendors, and a ClusterSnapshot.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#unsupported-preview-and-beta-kubernetes-features
#     description: Unsupported preview and beta Kubernetes features
#   - ref: https://kubernetes.io/docs/reference/using-api/#api-versioning
#     description: Kubernetes API versioning (alpha, beta, stable)
# custom:
#   id: AKSARC-061
#   name: alpha-api-in-use
#   severity: deny
#   section: Unsupported preview and beta Kubernetes features
#   input: object
#   remediation: Use a beta or stable version of the API, or remove the object and the feature it needs; AKS Arc supports only stable and beta upstream Kubernetes features.
package lib.aksarc.rules.features.alpha_api_in_use

import data.lib.aksarc.apis
import data.lib.aksarc.k8s
import data.lib.aksarc.result
import data.lib.aksarc.snapshot

violations(doc, ctx) := {f |
	is_object(doc)
	not snapshot.is_snapshot(doc)
	api_version := doc.apiVersion
	apis.alpha_builtin_api(api_version, ctx.catalog.kubernetesApis)
	group := apis.group(api_version)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("%s uses %s, an alpha version of the Kubernetes %s API group: it depends on an alpha feature, and AKS Arc supports only stable and beta upstream features; move it to a beta or stable version of the API or remove it", [_label(doc), api_version, _group_label(group)]),
		{
			"apiVersion": api_version,
			"group": group,
			"version": apis.version(api_version),
			"kind": _string(object.get(doc, "kind", "")),
		},
	)
}

# "<Kind> <namespace>/<name>", leaving out what is missing ("object" when nothing is left).
_label(doc) := concat(" ", _label_parts(doc)) if count(_label_parts(doc)) > 0

_label(doc) := "object" if count(_label_parts(doc)) == 0

_label_parts(doc) := [p | some p in [_string(object.get(doc, "kind", "")), _name(doc)]; p != ""]

_name(doc) := sprintf("%s/%s", [ns, name]) if {
	ns := _string(k8s.namespace(doc))
	ns != ""
	name := _string(k8s.name(doc))
}

_name(doc) := _string(k8s.name(doc)) if _string(k8s.namespace(doc)) == ""

_group_label("") := "core"

_group_label(group) := group if group != ""

_string(s) := s if is_string(s)

_string(s) := "" if not is_string(s)
