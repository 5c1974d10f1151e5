package lib.aksarc.images_test

import data.lib.aksarc.images

test_repository_drops_registry_tag_and_digest if {
	images.repository("quay.io/cilium/cilium:v1.16.3@sha256:0a1b2c") == "cilium/cilium"
	images.repository("docker.io/flannel/flannel:v0.25.6") == "flannel/flannel"
	images.repository("mcr.microsoft.com/oss/calico/node:v3.28.2") == "oss/calico/node"
	images.repository("localhost:5000/istio/proxyv2:1.23.2") == "istio/proxyv2"
	images.repository("localhost/istio/pilot") == "istio/pilot"
	images.repository("registry:5000/envoyproxy/envoy") == "envoyproxy/envoy"
}

test_repository_keeps_paths_without_registry if {
	images.repository("weaveworks/weave-kube:2.8.1") == "weaveworks/weave-kube"
	images.repository("nginx") == "nginx"
	images.repository("nginx:1.27") == "nginx"
	images.repository("  Istio/ProxyV2:1.23 ") == "istio/proxyv2"

	# a single component is a repository, even with a dot
	images.repository("registry.example") == "registry.example"
}

test_repository_undefined_for_malformed if {
	not images.repository(42)
	not images.repository(null)
	not images.repository("")
	not images.repository(":latest")
}

test_matches_whole_path_or_tail if {
	images.matches("quay.io/cilium/cilium:v1.16.3", ["cilium/cilium"]) == {"cilium/cilium"}
	images.matches("contoso.azurecr.io/mirror/cilium/cilium:v1.16.3", ["cilium/cilium", "cilium/operator"]) == {"cilium/cilium"}
	images.matches("mcr.microsoft.com/oss/calico/node:v3.28.2", ["Calico/Node"]) == {"Calico/Node"}
}

test_matches_nothing_on_partial_names if {
	images.matches("quay.io/cilium/cilium-envoy:v1.30", ["cilium/cilium"]) == set()
	images.matches("contoso.azurecr.io/notcilium/cilium:v1", ["cilium/cilium"]) == set()
	images.matches("quay.io/cilium/cilium:v1", []) == set()
	images.matches("quay.io/cilium/cilium:v1", [7, null]) == set()
	images.matches(7, ["cilium/cilium"]) == set()
}

test_name_is_the_last_component_of_the_repository if {
	images.name("quay.io/cilium/cilium:v1.16.3@sha256:0a1b2c") == "cilium"
	images.name("  Istio/ProxyV2:1.23 ") == "proxyv2"
	images.name("localhost:5000/istio/proxyv2") == "proxyv2"
	images.name("nginx") == "nginx"
	images.name("") == ""
	not images.name(42)
	every image in ["quay.io/cilium/cilium:v1.16.3@sha256:0a1b2c", "localhost:5000/istio/proxyv2:1.23.2", "registry.example", "nginx:1.27"] {
		endswith(images.repository(image), images.name(image))
	}
}
