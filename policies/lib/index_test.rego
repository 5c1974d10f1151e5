package lib.aksarc.index_test

import data.aksarc.catalog
import data.lib.aksarc.images
import data.lib.aksarc.index
import data.lib.aksarc.testing

ctx := testing.ctx("2025-11-01")

test_lookup_reads_the_index_the_context_carries if {
	prebuilt := object.union(ctx, {"index": {"thirdParty": {"namespaces": {"prebuilt"}}, "agentNodes": {"systemPaths": {}}}})
	index.lookup(prebuilt, "thirdParty", "namespaces") == {"prebuilt"}
	index.lookup(prebuilt, "agentNodes", "systemPaths") == {}
}

test_lookup_builds_from_the_context_catalog if {
	built := index.build(catalog.catalog)
	every part, names in built {
		every name, value in names {
			index.lookup(ctx, part, name) == value
		}
	}
	overridden := testing.ctx_with("2025-11-01", {"catalog": {"networking": {"thirdParty": {"cilium": {"namespaces": ["cilium-system"]}}}}})
	"cilium-system" in index.lookup(overridden, "thirdParty", "namespaces")
	not "cilium-system" in index.lookup(ctx, "thirdParty", "namespaces")
	index.lookup(object.union(ctx, {"index": "not built"}), "thirdParty", "namespaces") == built.thirdParty.namespaces
}

test_build_has_every_lookup if {
	{part: {name | some name, _ in names} | some part, names in index.build({})} == {
		"thirdParty": {"ignoredKinds", "namespaces", "apiGroupDomains", "labels", "annotations", "images"},
		"agentNodes": {"nodeCustomizationCapabilities", "networkCapabilities", "systemPaths", "multusApiGroups", "multusPodAnnotations", "multusImages"},
	}
}

test_third_party_lookups_merge_the_products if {
	listed := index.build(catalog.catalog).thirdParty
	{"istio-system", "linkerd", "envoy-gateway-system"} - listed.namespaces == set()
	{"istio.io", "linkerd.io", "envoyproxy.io"} - listed.apiGroupDomains == set()
	{"istio-injection", "istio.io/rev"} - listed.labels == set()
	{"linkerd.io/inject", "sidecar.istio.io/inject"} - listed.annotations == set()
	{"istio/proxyv2", "linkerd/proxy", "envoyproxy/envoy"} - listed.images == set()
	"Event" in listed.ignoredKinds
}

test_malformed_catalog_entries_list_nothing if {
	broken := {
		"networking": {"ignoredKinds": "Event", "thirdParty": {
			"istio": {"namespaces": "istio-system", "labels": ["x"], "annotations": "a", "images": "istio/pilot", "apiGroupDomains": 7},
			"off": null,
		}},
		"agentNodes": {"capabilities": {"network": "NET_ADMIN", "nodeCustomization": {"a": "SYS_ADMIN"}}, "systemPaths": {"/etc": "x", "relative": {}}, "multus": "on"},
	}
	built := index.build(broken)
	built.thirdParty == {"ignoredKinds": set(), "namespaces": set(), "apiGroupDomains": set(), "labels": set(), "annotations": set(), "images": set()}
	built.agentNodes == {
		"nodeCustomizationCapabilities": set(),
		"networkCapabilities": set(),
		"systemPaths": {},
		"multusApiGroups": set(),
		"multusPodAnnotations": set(),
		"multusImages": set(),
	}
	index.build({"networking": "none", "agentNodes": "none"}) == index.build({})
}

test_agent_node_lookups if {
	listed := index.build(catalog.catalog).agentNodes
	"SYS_ADMIN" in listed.nodeCustomizationCapabilities
	"NET_ADMIN" in listed.networkCapabilities
	listed.systemPaths["/"] == ["/"]
	"k8s.cni.cncf.io" in listed.multusApiGroups
	"k8s.v1.cni.cncf.io/networks" in listed.multusPodAnnotations
	"k8snetworkplumbingwg/multus-cni" in listed.multusImages
}

test_path_parts if {
	index.path_parts("/var/lib//kubelet/./pods/") == ["/", "var", "lib", "kubelet", "pods"]
	index.path_parts("/") == ["/"]
	index.path_parts(`C:\Windows\System32`) == ["c:", "windows", "system32"]
	index.path_parts("c:/") == ["c:"]
	not index.path_parts("var/lib")
	not index.path_parts(`\\.\pipe\docker_engine`)
}

test_suffixes if {
	index.suffixes("networking.istio.io", ".") == {"networking.istio.io", "istio.io", "io"}
	index.suffixes("", ".") == {""}
	index.suffixes("istio/proxyv2", "/") == {"istio/proxyv2", "proxyv2"}
}

test_in_domains if {
	index.in_domains("istio.io", {"istio.io"})
	index.in_domains("security.istio.io", {"istio.io"})
	not index.in_domains("notistio.io", {"istio.io"})
	not index.in_domains("istio.io.example.com", {"istio.io"})
	not index.in_domains(7, {"istio.io"})
}

# image_listed agrees with images.matches, the per-pattern test it replaces, on each case.
test_image_listed_agrees_with_images_matches if {
	patterns := ["istio/proxyv2", "envoyproxy/envoy", "pilot", "Linkerd/Proxy"]
	listed := {lower(p) | some p in patterns}
	every image in [
		"docker.io/istio/proxyv2:1.23.2",
		"gcr.io/istio-release/proxyv2:1.23.2",
		"localhost:5000/istio/proxyv2",
		"istio/proxyv2@sha256:0a1b",
		"cr.l5d.io/linkerd/proxy:edge-24.11.8",
		"myregistry.example/mirror/istio/pilot:1.0",
		"notistio/proxyv2x",
		"nginx",
		"",
		7,
	] {
		listed_by_index(image, listed) == listed_by_matches(image, patterns)
	}
}

listed_by_index(image, listed) if index.image_listed(image, listed)

else := false

listed_by_matches(image, patterns) if count(images.matches(image, patterns)) > 0

else := false
