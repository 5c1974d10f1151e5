# METADATA
# title: Alpha Kubernetes API in use
# description: |
#   An object's apiVersion is an alpha version (v1alpha1, v2alpha1, ...) of an API group that
#   Kubernetes itself serves at the cluster's minor version: the catalog's explicit list
#   (kubernetesApis.builtinGroups, from the Kubernetes API reference: the core group, apps,
#   batch, rbac.authorization.k8s.io, admissionregistration.k8s.io, resource.k8s.io,
#   storagemigration.k8s.io from 1.30, ...). The minor is the ClusterSnapshot's evaluated with the
#   object, else the newest the catalog knows (assumed, and the finding says so). A group is never
#   built-in because of its name: CRD groups such as gateway.networking.k8s.io,
#   snapshot.storage.k8s.io, cluster.x-k8s.io, externaldns.k8s.io, migration.k8s.io and
#   kustomize.config.k8s.io, other vendors' groups, the components' configuration file formats and
#   a ClusterSnapshot are not this rule.
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
#   remediation: Use a beta or stable version of the API, or remove the object and the feature it needs; AKS Arc supports only stable and beta upstream Kubernetes features. If the group is not one Kubernetes serves (a CRD group the catalog lists by mistake), switch it off in the catalog settings (kubernetesApis.builtinGroups.groups).
package lib.aksarc.rules.features.alpha_api_in_use

import data.lib.aksarc.apis
import data.lib.aksarc.k8s
import data.lib.aksarc.result
import data.lib.aksarc.snapshot

violations(doc, ctx) := {f |
	is_object(doc)
	not snapshot.is_snapshot(doc)
	api_version := doc.apiVersion
	apis.alpha_version(apis.version(api_version)) # cheap: the cluster's minor only for alpha versions
	minor := _minor(ctx)
	apis.alpha_builtin_api(api_version, ctx.catalog.kubernetesApis, minor.key)
	group := apis.group(api_version)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("%s uses %s, an alpha version of the %s API group, which Kubernetes %s serves itself%s: it depends on an alpha feature, and AKS Arc supports only stable and beta upstream features; move it to a beta or stable version of the API or remove it", [_label(doc), api_version, _group_label(group), _minor_text(minor), _assumed_text(minor)]),
		{
			"apiVersion": api_version,
			"group": group,
			"version": apis.version(api_version),
			"kind": _string(object.get(doc, "kind", "")),
			"minorVersion": minor.key,
			"minorAssumed": minor.assumed,
		},
	)
}

# The cluster's minor (lib.aksarc.snapshot.cluster_minor): the ClusterSnapshot's, else the
# catalog's newest (assumed); unknown (key null) when neither is known.
_minor(ctx) := m if {
	m := snapshot.cluster_minor(ctx)
} else := {"key": null, "assumed": true}

_minor_text(minor) := minor.key if is_string(minor.key)

_minor_text(minor) := "(version unknown)" if not is_string(minor.key)

_assumed_text(minor) := "" if minor.assumed == false

_assumed_text(minor) := " (the newest minor version of the catalog, assumed: no ClusterSnapshot gives the cluster's)" if {
	minor.assumed == true
	is_string(minor.key)
}

_assumed_text(minor) := "" if not is_string(minor.key)

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
