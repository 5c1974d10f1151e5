# METADATA
# title: Third-party open-source networking deployed
# description: |
#   An object deploys or configures third-party open-source networking software that the policy
#   does not support (networking.thirdParty: Istio, Linkerd, Envoy). Evidence, any one is
#   enough: the object is in one of the product's namespaces or is such a Namespace; its API
#   group is one of the product's domains or a subdomain (*.istio.io, *.linkerd.io,
#   *.envoyproxy.io), or it is the CustomResourceDefinition of such a group; the object or its
#   pod template carries one of the product's labels or annotations with an accepted value
#   (istio-injection=enabled, istio.io/rev, linkerd.io/inject=enabled, ...); or a container runs
#   one of the product's images (envoyproxy/envoy, istio/proxyv2, ...). Helm is not flagged: the
#   policy gives it best-effort support. Records (networking.ignoredKinds: Event) and
#   ClusterSnapshots never fire. One finding per object names every product found.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#aks-arc-support-coverage
#     description: AKS Arc support coverage (third-party open-source projects)
# custom:
#   id: AKSARC-031
#   name: third-party-oss
#   severity: warn
#   section: AKS Arc support coverage
#   input: object
#   requires: []
#   remediation: Get support for this software from its project or a commercial vendor; Microsoft does not support third-party open-source projects that AKS Arc does not deploy. Before opening an AKS Arc networking case, check that the issue reproduces without it.
package lib.aksarc.rules.networking.third_party_oss

import data.lib.aksarc.images
import data.lib.aksarc.index
import data.lib.aksarc.k8s
import data.lib.aksarc.pods
import data.lib.aksarc.result
import data.lib.aksarc.snapshot
import data.lib.aksarc.workloads

violations(doc, ctx) := {f |
	is_object(doc)
	not snapshot.is_snapshot(doc)
	kind := object.get(doc, "kind", "")
	not kind in index.lookup(ctx, "thirdParty", "ignoredKinds")
	_candidate(doc, ctx)
	networking := _object(object.get(ctx.catalog, "networking", {}))
	products := _products(doc, _object(object.get(networking, "thirdParty", {})))
	count(products) > 0
	names := [p.displayName | some p in products]
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("%s %s uses %s, third-party open-source networking (%s): Microsoft does not provide technical support for third-party open-source projects that AKS Arc does not deploy, such as Istio or Envoy; get support for it from its project or a vendor", [kind, _ref(doc), concat(" and ", names), concat("; ", [_describe(e) | some p in products; some e in p.evidence])]),
		{
			"kind": kind,
			"namespace": k8s.namespace(doc),
			"name": k8s.name(doc),
			"products": products,
		},
	)
}

# _candidate is true when the document shows something that some product lists (its namespace or
# name, API group, CRD group, label or annotation key, image): every other document, nearly all of
# a cluster, is passed over with these lookups instead of the evidence of each product.
_candidate(doc, ctx) if k8s.namespace(doc) in index.lookup(ctx, "thirdParty", "namespaces")

_candidate(doc, ctx) if k8s.name(doc) in index.lookup(ctx, "thirdParty", "namespaces")

_candidate(doc, ctx) if index.in_domains(k8s.api_group(doc), index.lookup(ctx, "thirdParty", "apiGroupDomains"))

_candidate(doc, ctx) if index.in_domains(doc.spec.group, index.lookup(ctx, "thirdParty", "apiGroupDomains"))

_candidate(doc, ctx) if _listed_key(doc.metadata, "labels", index.lookup(ctx, "thirdParty", "labels"))

_candidate(doc, ctx) if _listed_key(doc.metadata, "annotations", index.lookup(ctx, "thirdParty", "annotations"))

# A pod template's metadata; a Pod's is its own metadata, tested above.
_candidate(doc, ctx) if {
	doc.kind != "Pod"
	_listed_key(pods.template_metadata(doc), "labels", index.lookup(ctx, "thirdParty", "labels"))
}

_candidate(doc, ctx) if {
	doc.kind != "Pod"
	_listed_key(pods.template_metadata(doc), "annotations", index.lookup(ctx, "thirdParty", "annotations"))
}

_candidate(doc, ctx) if {
	some c in workloads.containers(workloads.pod_spec(doc))
	index.image_listed(c.container.image, index.lookup(ctx, "thirdParty", "images"))
}

# _listed_key is true when a metadata object's labels or annotations (field) has a listed key:
# object.filter keeps the listed keys in one builtin call, however many the object carries.
_listed_key(metadata, field, listed) if {
	present := metadata[field]
	is_object(present)
	count(object.filter(present, listed)) > 0
}

_ref(doc) := sprintf("%s/%s", [k8s.namespace(doc), k8s.name(doc)]) if k8s.namespace(doc) != ""

_ref(doc) := sprintf("%s", [k8s.name(doc)]) if k8s.namespace(doc) == ""

# _products lists, sorted by key, each product with its display name and the evidence found.
_products(doc, catalog) := [p |
	some key in sort(object.keys(catalog))
	entry := catalog[key]
	is_object(entry)
	evidence := sort(_evidence(doc, entry))
	count(evidence) > 0
	p := {"product": key, "displayName": _display(key, entry), "evidence": evidence}
]

_display(key, entry) := name if {
	name := entry.displayName
	is_string(name)
} else := key

_evidence(doc, entry) := (((_namespace(doc, entry) | _api_group(doc, entry)) | _metadata(doc, entry, "labels")) | _metadata(doc, entry, "annotations")) | _images(doc, entry)

# In one of the product's namespaces, or the Namespace itself.
_namespace(doc, entry) := {{"type": "namespace", "value": ns} |
	ns := k8s.namespace(doc)
	ns in _strings(object.get(entry, "namespaces", []))
} | {{"type": "namespace", "value": name} |
	doc.kind == "Namespace"
	k8s.api_group(doc) == ""
	name := k8s.name(doc)
	name in _strings(object.get(entry, "namespaces", []))
}

# An object of the product's API groups, or the CustomResourceDefinition that defines one.
_api_group(doc, entry) := {{"type": "apiGroup", "value": group} |
	group := k8s.api_group(doc)
	_in_domains(group, entry)
} | {{"type": "crd", "value": group} |
	doc.kind == "CustomResourceDefinition"
	k8s.api_group(doc) == "apiextensions.k8s.io"
	group := doc.spec.group
	is_string(group)
	_in_domains(group, entry)
}

_in_domains(group, entry) if {
	some domain in _strings(object.get(entry, "apiGroupDomains", []))
	_in_domain(group, domain)
}

_in_domain(group, domain) if group == domain

_in_domain(group, domain) if endswith(group, concat("", [".", domain]))

# A label or annotation (field) on the object or its pod template with an accepted value
# ("*" accepts any value). Each key the product lists is looked up in the object's map, so the
# cost does not grow with the number of labels an object carries.
_metadata(doc, entry, field) := {{"type": _singular[field], "value": sprintf("%s=%s", [key, value])} |
	some metadata in _metadatas(doc)
	present := _object(object.get(metadata, field, {}))
	some key, listed in _object(object.get(entry, field, {}))
	value := present[key]
	_accepted(value, _strings(listed))
}

_singular := {"labels": "label", "annotations": "annotation"}

_metadatas(doc) := [m | some m in [object.get(doc, "metadata", {}), pods.template_metadata(doc)]; is_object(m)] if {
	workloads.pod_spec(doc)
}

_metadatas(doc) := [m | some m in [object.get(doc, "metadata", {})]; is_object(m)] if {
	not workloads.pod_spec(doc)
}

_accepted(value, accepted) if value in accepted

_accepted(_, accepted) if "*" in accepted

# A container running one of the product's images.
_images(doc, entry) := {{"type": "image", "value": image.image, "container": image.container} |
	spec := workloads.pod_spec(doc)
	some image in pods.images(spec)
	count(images.matches(image.image, object.get(entry, "images", []))) > 0
}

_describe(e) := sprintf("%s %s", [e.type, e.value]) if e.type != "image"

_describe(e) := sprintf("image %s in container %s", [e.value, e.container]) if e.type == "image"

_strings(x) := {s | some s in _list(x); is_string(s)}

_object(x) := x if is_object(x)

_object(x) := {} if not is_object(x)

_list(x) := x if is_array(x)

_list(x) := [] if not is_array(x)
