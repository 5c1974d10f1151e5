package lib.aksarc.rules.networking.third_party_oss_test

import data.lib.aksarc.rules.networking.third_party_oss as rule
import data.lib.aksarc.testing

ctx := testing.ctx("2025-11-01")

url := "https://learn.microsoft.com/azure/aks/aksarc/support-policies#aks-arc-support-coverage"

obj(api, kind, namespace, name) := {"apiVersion": api, "kind": kind, "metadata": {"namespace": namespace, "name": name}}

deployment(namespace, name, template_metadata, images) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"namespace": namespace, "name": name, "labels": {"app.kubernetes.io/managed-by": "Helm"}},
	"spec": {"template": {
		"metadata": template_metadata,
		"spec": {"containers": [{"name": sprintf("c%d", [i]), "image": image} | some i, image in images]},
	}},
}

only(findings) := f if {
	count(findings) == 1
	some f in findings
}

evidence(doc) := {[p.product, e.type, e.value] | some f in rule.violations(doc, ctx); some p in f.details.products; some e in p.evidence}

test_fires_for_istiod if {
	istiod := deployment("istio-system", "istiod", {"labels": {"app": "istiod", "istio.io/rev": "default"}}, ["docker.io/istio/pilot:1.23.2"])
	f := only(rule.violations(istiod, ctx))
	f.id == "AKSARC-031"
	f.name == "third-party-oss"
	f.severity == "warn"
	f.section == "AKS Arc support coverage"
	f.url == url
	f.resource == {"apiVersion": "apps/v1", "kind": "Deployment", "namespace": "istio-system", "name": "istiod"}
	f.details == {
		"kind": "Deployment",
		"namespace": "istio-system",
		"name": "istiod",
		"products": [{
			"product": "istio",
			"displayName": "Istio",
			"evidence": [
				{"type": "image", "value": "docker.io/istio/pilot:1.23.2", "container": "c0"},
				{"type": "label", "value": "istio.io/rev=default"},
				{"type": "namespace", "value": "istio-system"},
			],
		}],
	}
	f.message == "Deployment istio-system/istiod uses Istio, third-party open-source networking (image docker.io/istio/pilot:1.23.2 in container c0; label istio.io/rev=default; namespace istio-system): Microsoft does not provide technical support for third-party open-source projects that AKS Arc does not deploy, such as Istio or Envoy; get support for it from its project or a vendor"
}

test_istio_namespace_and_any_object_in_it if {
	evidence({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "istio-system"}}) == {["istio", "namespace", "istio-system"]}
	evidence(obj("v1", "ConfigMap", "istio-system", "istio")) == {["istio", "namespace", "istio-system"]}
	evidence(obj("v1", "Service", "istio-ingress", "istio-ingressgateway")) == {["istio", "namespace", "istio-ingress"]}
	count(rule.violations(obj("v1", "ConfigMap", "istio-systems", "x"), ctx)) == 0
}

test_istio_api_groups if {
	evidence(obj("networking.istio.io/v1", "VirtualService", "shop", "storefront")) == {["istio", "apiGroup", "networking.istio.io"]}
	evidence(obj("security.istio.io/v1", "PeerAuthentication", "shop", "default")) == {["istio", "apiGroup", "security.istio.io"]}
	evidence(obj("install.istio.io/v1alpha1", "IstioOperator", "", "control-plane")) == {["istio", "apiGroup", "install.istio.io"]}
	count(rule.violations(obj("notistio.io/v1", "Thing", "shop", "x"), ctx)) == 0
	count(rule.violations(obj("istio.io.example.com/v1", "Thing", "shop", "x"), ctx)) == 0
}

test_crd_of_a_product_group if {
	crd := {
		"apiVersion": "apiextensions.k8s.io/v1",
		"kind": "CustomResourceDefinition",
		"metadata": {"name": "virtualservices.networking.istio.io"},
		"spec": {"group": "networking.istio.io"},
	}
	evidence(crd) == {["istio", "crd", "networking.istio.io"]}
	count(rule.violations(json.patch(crd, [{"op": "replace", "path": "/spec/group", "value": "gateway.networking.k8s.io"}]), ctx)) == 0
	count(rule.violations(json.patch(crd, [{"op": "replace", "path": "/spec/group", "value": 1}]), ctx)) == 0
}

ns(labels) := {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop", "labels": labels}}

test_istio_injection_labels if {
	evidence(ns({"istio-injection": "enabled"})) == {["istio", "label", "istio-injection=enabled"]}
	evidence(ns({"istio.io/rev": "canary"})) == {["istio", "label", "istio.io/rev=canary"]}
	evidence(ns({"istio.io/dataplane-mode": "ambient"})) == {["istio", "label", "istio.io/dataplane-mode=ambient"]}
	count(rule.violations(ns({"istio-injection": "disabled"}), ctx)) == 0
	count(rule.violations(ns({"istio.io/dataplane-mode": "none"}), ctx)) == 0
}

test_pod_template_labels_and_annotations if {
	web := deployment("shop", "web", {"labels": {"sidecar.istio.io/inject": "true"}}, ["contoso.azurecr.io/web:1.0"])
	evidence(web) == {["istio", "label", "sidecar.istio.io/inject=true"]}
	annotated := deployment("shop", "web", {"annotations": {"sidecar.istio.io/inject": "true"}}, ["contoso.azurecr.io/web:1.0"])
	evidence(annotated) == {["istio", "annotation", "sidecar.istio.io/inject=true"]}
	opted_out := deployment("shop", "web", {"labels": {"sidecar.istio.io/inject": "false"}}, ["contoso.azurecr.io/web:1.0"])
	count(rule.violations(opted_out, ctx)) == 0
}

test_injected_pod_from_a_cluster_dump if {
	pod := {
		"apiVersion": "v1",
		"kind": "Pod",
		"metadata": {"namespace": "shop", "name": "web-6d9f7c8b5-x2k9m", "labels": {"security.istio.io/tlsMode": "istio"}},
		"spec": {
			"initContainers": [{"name": "istio-init", "image": "docker.io/istio/proxyv2:1.23.2"}],
			"containers": [{"name": "web", "image": "contoso.azurecr.io/web:1.0"}, {"name": "istio-proxy", "image": "docker.io/istio/proxyv2:1.23.2"}],
		},
	}
	f := only(rule.violations(pod, ctx))
	[e.container | some e in f.details.products[0].evidence] == ["istio-init", "istio-proxy"]
}

test_linkerd if {
	evidence(obj("v1", "ServiceAccount", "linkerd", "linkerd-destination")) == {["linkerd", "namespace", "linkerd"]}
	evidence(obj("policy.linkerd.io/v1beta3", "Server", "shop", "web-http")) == {["linkerd", "apiGroup", "policy.linkerd.io"]}
	evidence(obj("linkerd.io/v1alpha2", "ServiceProfile", "shop", "web")) == {["linkerd", "apiGroup", "linkerd.io"]}
	injected := deployment("shop", "web", {"annotations": {"linkerd.io/inject": "enabled"}}, ["contoso.azurecr.io/web:1.0"])
	evidence(injected) == {["linkerd", "annotation", "linkerd.io/inject=enabled"]}
	not_injected := deployment("shop", "web", {"annotations": {"linkerd.io/inject": "disabled"}}, ["contoso.azurecr.io/web:1.0"])
	count(rule.violations(not_injected, ctx)) == 0
	evidence(deployment("shop", "x", {}, ["cr.l5d.io/linkerd/proxy:edge-24.11.8"])) == {["linkerd", "image", "cr.l5d.io/linkerd/proxy:edge-24.11.8"]}
}

test_envoy if {
	contour := deployment("projectcontour", "envoy", {}, ["docker.io/envoyproxy/envoy:v1.31.3"])
	f := only(rule.violations(contour, ctx))
	f.details.products == [{"product": "envoy", "displayName": "Envoy", "evidence": [{"type": "image", "value": "docker.io/envoyproxy/envoy:v1.31.3", "container": "c0"}]}]
	contains(f.message, "Deployment projectcontour/envoy uses Envoy, third-party open-source networking (image docker.io/envoyproxy/envoy:v1.31.3 in container c0)")
	evidence(obj("gateway.envoyproxy.io/v1alpha1", "EnvoyProxy", "shop", "proxy")) == {["envoy", "apiGroup", "gateway.envoyproxy.io"]}
	evidence(obj("v1", "Service", "envoy-gateway-system", "envoy-gateway")) == {["envoy", "namespace", "envoy-gateway-system"]}

	# Cilium's own Envoy is Cilium's (AKSARC-030), not this rule's
	count(rule.violations(deployment("kube-system", "cilium-envoy", {}, ["quay.io/cilium/cilium-envoy:v1.30.7"]), ctx)) == 0
}

test_several_products_in_one_finding if {
	gw := deployment("istio-system", "gateway", {}, ["docker.io/envoyproxy/envoy:v1.31.3"])
	f := only(rule.violations(gw, ctx))
	[p.product | some p in f.details.products] == ["envoy", "istio"]
	contains(f.message, "uses Envoy and Istio, third-party")
}

test_helm_is_not_flagged if {
	release := {
		"apiVersion": "v1",
		"kind": "Secret",
		"type": "helm.sh/release.v1",
		"metadata": {"namespace": "shop", "name": "sh.helm.release.v1.storefront.v3", "labels": {"owner": "helm", "name": "storefront"}},
	}
	count(rule.violations(release, ctx)) == 0
	count(rule.violations(deployment("shop", "storefront", {"labels": {"app.kubernetes.io/managed-by": "Helm", "helm.sh/chart": "storefront-1.2.0"}}, ["contoso.azurecr.io/web:1.0"]), ctx)) == 0
}

test_events_and_snapshots_never_fire if {
	count(rule.violations(obj("v1", "Event", "istio-system", "istiod.17a9b3c5d7e9f1a3"), ctx)) == 0
	count(rule.violations(obj("events.k8s.io/v1", "Event", "istio-system", "istiod.17a9b3c5d7e9f1a3"), ctx)) == 0
	snap := object.union(testing.snapshot({}), {"metadata": {"namespace": "istio-system"}})
	count(rule.violations(snap, ctx)) == 0

	# control: a ConfigMap there fires
	count(rule.violations(obj("v1", "ConfigMap", "istio-system", "istiod.17a9b3c5d7e9f1a3"), ctx)) == 1
}

test_third_party_data_from_the_catalog if {
	custom := testing.ctx_with("2025-11-01", {"catalog": {"networking": {
		"ignoredKinds": ["Event", "ConfigMap"],
		"thirdParty": {
			"envoy": null,
			"kuma": {"displayName": "Kuma", "namespaces": ["kuma-system"]},
			"consul": {"namespaces": ["consul"]},
		},
	}}})
	count(rule.violations(obj("v1", "ConfigMap", "istio-system", "x"), custom)) == 0
	count(rule.violations(deployment("projectcontour", "envoy", {}, ["docker.io/envoyproxy/envoy:v1.31.3"]), custom)) == 0
	only(rule.violations(obj("v1", "Service", "kuma-system", "control-plane"), custom)).details.products[0].displayName == "Kuma"
	f := only(rule.violations(obj("v1", "Service", "consul", "server"), custom))
	f.details.products[0].displayName == "consul"
	contains(f.message, "uses consul, third-party")
}

test_message_without_namespace if {
	f := only(rule.violations(obj("install.istio.io/v1alpha1", "IstioOperator", "", "control-plane"), ctx))
	startswith(f.message, "IstioOperator control-plane uses Istio")
}

test_silent_for_ordinary_objects if {
	count(rule.violations(deployment("shop", "web", {"labels": {"app": "web"}}, ["contoso.azurecr.io/web:1.0"]), ctx)) == 0
	count(rule.violations(obj("gateway.networking.k8s.io/v1", "HTTPRoute", "shop", "web"), ctx)) == 0
	count(rule.violations(obj("networking.k8s.io/v1", "Ingress", "shop", "web"), ctx)) == 0
}

test_malformed_documents_are_silent if {
	count(rule.violations("istio-system", ctx)) == 0
	count(rule.violations(null, ctx)) == 0
	count(rule.violations({"apiVersion": "v1", "kind": "ConfigMap", "metadata": "istio-system"}, ctx)) == 0
	count(rule.violations({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop", "labels": "istio-injection=enabled"}}, ctx)) == 0
	count(rule.violations({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "w"}, "spec": {"template": {"metadata": [], "spec": {"containers": [{"image": 4}, 1]}}}}, ctx)) == 0
	broken := testing.ctx_with("2025-11-01", {"catalog": {"networking": {"thirdParty": {"istio": {"namespaces": "istio-system", "labels": ["x"], "images": "istio/pilot"}}}}})
	count(rule.violations(obj("v1", "ConfigMap", "istio-system", "x"), broken)) == 0
}
