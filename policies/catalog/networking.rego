package aksarc.catalog

# CNIs and third-party networking software (AKSARC-030, AKSARC-031). Microsoft gives basic
# installation support for the CNIs AKS Arc deploys (Flannel and Calico on Windows Server hosts,
# Calico only on Azure Local) and no support for third-party open-source projects such as Istio
# or Envoy. Keyed entries merge with a user's catalog override (add a key, or set one to null to
# drop it); lists inside an entry are replaced whole.
networking := {
	"source": "https://learn.microsoft.com/azure/aks/aksarc/support-policies#aks-arc-support-coverage",
	# The CNIs (keys of cnis below) with basic installation support, per platform. The snapshot's
	# networkProfile.networkPolicy is compared with them without regard to case.
	"platforms": {
		"WindowsServer": {
			"supportedCnis": ["calico", "flannel"],
			"source": "https://learn.microsoft.com/azure/aks/aksarc/support-policies#aks-arc-support-coverage",
		},
		"AzureLocal": {
			"supportedCnis": ["calico"],
			"source": "https://learn.microsoft.com/azure/aks/aksarc/aks-on-azure-local-support-policy#aks-arc-support-coverage",
			"note": "The Azure Local policy names Calico only; Flannel was retired on Azure Local in December 2023 (the retirement notice itself was not found; the date is the project's facts). The HybridContainerService API lists 'calico' as the only networkPolicy value: https://github.com/Azure/azure-rest-api-specs/blob/main/specification/hybridaks/HybridContainerService.Management/models.tsp",
		},
	},
	# How to recognise a CNI's DaemonSet: by its upstream name, else by a container image (the
	# repository path without registry, tag or digest; a mirror such as
	# contoso.azurecr.io/mirror/cilium/cilium matches cilium/cilium). A DaemonSet whose name matches
	# a CNI is that CNI only (Canal runs calico/node and flannel images under the name canal).
	# Multus is not a CNI replacement (it chains the existing CNI): AKSARC-021 judges it.
	"cnis": {
		"calico": {
			"displayName": "Calico",
			"daemonSets": ["calico-node", "calico-node-windows"],
			"images": ["calico/node", "calico/node-windows", "calico/cni", "calico/cni-windows"],
			"source": "https://docs.tigera.io/calico/latest/getting-started/kubernetes/self-managed-onprem/onpremises",
			"note": "AKS Arc runs calico-node from mcr.microsoft.com/oss/calico/node in kube-system.",
		},
		"flannel": {
			"displayName": "Flannel",
			"daemonSets": ["kube-flannel-ds", "kube-flannel-ds-amd64", "kube-flannel-ds-windows-amd64"],
			"images": ["flannel/flannel", "flannel-io/flannel", "coreos/flannel", "flannelcni/flannel", "sigwindowstools/flannel"],
			"source": "https://github.com/flannel-io/flannel/blob/master/Documentation/kube-flannel.yml",
			"note": "coreos/flannel (quay.io) and flannelcni/flannel are the images of older releases; sigwindowstools/flannel is the Windows DaemonSet of kubernetes-sigs/sig-windows-tools.",
		},
		"cilium": {
			"displayName": "Cilium",
			"daemonSets": ["cilium", "cilium-envoy"],
			"images": ["cilium/cilium", "cilium/cilium-envoy"],
			"source": "https://docs.cilium.io/en/stable/installation/k8s-install-helm/",
		},
		"weave": {
			"displayName": "Weave Net",
			"daemonSets": ["weave-net"],
			"images": ["weaveworks/weave-kube", "weaveworks/weave-npc", "weaveworks/launcher/weave-kube", "weaveworks/launcher/weave-npc"],
			"source": "https://github.com/weaveworks/weave/blob/master/site/kubernetes/kube-addon.md",
			"note": "Weaveworks closed in 2024; the project is archived. weaveworks/launcher/* are the images on ghcr.io.",
		},
		"antrea": {
			"displayName": "Antrea",
			"daemonSets": ["antrea-agent", "antrea-agent-windows"],
			"images": ["antrea/antrea-agent-ubuntu", "antrea/antrea-ubuntu", "antrea/antrea-windows"],
			"source": "https://antrea.io/docs/main/docs/getting-started/",
			"note": "antrea/antrea-ubuntu is the single image of releases before the agent and controller images were split.",
		},
		"kube-router": {
			"displayName": "kube-router",
			"daemonSets": ["kube-router"],
			"images": ["cloudnativelabs/kube-router"],
			"source": "https://github.com/cloudnativelabs/kube-router/blob/master/docs/user-guide.md",
		},
		"canal": {
			"displayName": "Canal (Calico policy with Flannel networking)",
			"daemonSets": ["canal"],
			"images": [],
			"source": "https://docs.tigera.io/calico/latest/getting-started/kubernetes/flannel/install-for-flannel",
			"note": "Canal runs the calico/node and flannel images, so it is recognised by its DaemonSet name only. It is neither the Calico nor the Flannel that AKS Arc deploys.",
		},
		"kube-ovn": {
			"displayName": "Kube-OVN",
			"daemonSets": ["kube-ovn-cni"],
			"images": ["kubeovn/kube-ovn"],
			"source": "https://kubeovn.github.io/docs/stable/en/start/one-step-install/",
		},
	},
	# Third-party open-source networking the policy does not support ("Istio, Helm, Envoy, or
	# others"; Helm gets best-effort support and is not listed). Evidence, any one is enough:
	# the object is in (or is) one of the namespaces; its API group is one of apiGroupDomains or a
	# subdomain of one (a CustomResourceDefinition counts by spec.group); the object or its pod
	# template carries one of the labels or annotations with one of the values ("*": any value);
	# a container runs one of the images.
	"thirdParty": {
		"istio": {
			"displayName": "Istio",
			"namespaces": ["istio-system", "istio-ingress"],
			"apiGroupDomains": ["istio.io"],
			"labels": {
				"istio-injection": ["enabled"],
				"istio.io/rev": ["*"],
				"sidecar.istio.io/inject": ["true"],
				"istio.io/dataplane-mode": ["ambient"],
			},
			"annotations": {"sidecar.istio.io/inject": ["true"]},
			"images": ["istio/pilot", "istio/proxyv2", "istio/install-cni", "istio/ztunnel", "istio/operator", "istio-release/pilot", "istio-release/proxyv2"],
			"source": "https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/",
			"note": "istio-ingress is the namespace of the gateway in Istio's Helm installation guide; istio-release/* are the images on gcr.io.",
		},
		"linkerd": {
			"displayName": "Linkerd",
			"namespaces": ["linkerd", "linkerd-viz", "linkerd-jaeger", "linkerd-multicluster"],
			"apiGroupDomains": ["linkerd.io"],
			"labels": {},
			"annotations": {"linkerd.io/inject": ["enabled", "ingress"]},
			"images": ["linkerd/proxy", "linkerd/controller", "linkerd/policy-controller", "linkerd/proxy-init"],
			"source": "https://linkerd.io/2/features/proxy-injection/",
			"note": "linkerd-viz, linkerd-jaeger and linkerd-multicluster are the default namespaces of Linkerd's extensions.",
		},
		"envoy": {
			"displayName": "Envoy",
			"namespaces": ["envoy-gateway-system"],
			"apiGroupDomains": ["envoyproxy.io"],
			"labels": {},
			"annotations": {},
			"images": ["envoyproxy/envoy", "envoyproxy/envoy-distroless", "envoyproxy/gateway"],
			"source": "https://gateway.envoyproxy.io/docs/install/install-helm/",
			"note": "Envoy Gateway's namespace and group (gateway.envoyproxy.io); other products that run the envoyproxy/envoy image (Contour, for one) count by image.",
		},
	},
	# Records, not deployments: never third-party software by themselves.
	"ignoredKinds": ["Event"],
}
