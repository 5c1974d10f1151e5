# METADATA
# title: CNI without AKS Arc support
# description: |
#   The cluster's CNI is not one AKS Arc supports on its platform (networking.platforms:
#   Calico or Flannel on WindowsServer, Calico only on AzureLocal): a ClusterSnapshot whose
#   spec.cluster.networkProfile.networkPolicy (compared without regard to case) is not a
#   supported CNI of the snapshot's platform; or a DaemonSet of another CNI (networking.cnis,
#   recognised by the DaemonSet's upstream name, else by a container image: Cilium, Weave Net,
#   Antrea, kube-router, Canal, Kube-OVN, and Flannel on AzureLocal), judged for the platform of
#   the ClusterSnapshot evaluated with it, else the default platform. Calico DaemonSets never fire.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#aks-arc-support-coverage
#     description: AKS Arc support coverage (Windows Server)
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/aks-on-azure-local-support-policy#aks-arc-support-coverage
#     description: AKS Arc support coverage (Azure Local)
# custom:
#   id: AKSARC-030
#   name: cni-not-supported
#   severity: warn
#   section: AKS Arc support coverage
#   input: both
#   requires: [spec.cluster.networkProfile.networkPolicy]
#   remediation: Keep the CNI that AKS Arc deploys (Calico; Flannel only on Windows Server hosts) and remove other CNI plugins; Microsoft gives only basic installation and configuration support even for those, and none for other CNIs.
package lib.aksarc.rules.networking.cni_not_supported

import data.lib.aksarc.images
import data.lib.aksarc.k8s
import data.lib.aksarc.pods
import data.lib.aksarc.result
import data.lib.aksarc.snapshot
import data.lib.aksarc.workloads

violations(doc, ctx) := _snapshot_findings(doc, ctx) | _daemonset_findings(doc, ctx)

# The networking catalog, and the CNIs a platform supports (undefined for an unknown platform).
_networking(ctx) := _object(object.get(ctx.catalog, "networking", {}))

_supported(ctx, platform) := [lower(c) | some c in _list(object.get(entry, "supportedCnis", [])); is_string(c)] if {
	entry := _networking(ctx).platforms[platform]
	is_object(entry)
}

_cnis(ctx) := _object(object.get(_networking(ctx), "cnis", {}))

# _display is a CNI's display name, else its key (the value as written for unknown CNIs).
_display(ctx, key) := name if {
	name := _cnis(ctx)[key].displayName
	is_string(name)
} else := key

_displays(ctx, keys) := concat(" or ", [_display(ctx, k) | some k in keys])

_snapshot_findings(doc, ctx) := {f |
	snapshot.is_snapshot(doc)
	policy := snapshot.cluster(doc).networkProfile.networkPolicy
	is_string(policy)
	cni := lower(trim_space(policy))
	cni != ""
	platform := snapshot.platform(doc, ctx)
	supported := _supported(ctx, platform)
	not cni in supported
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("cluster %s uses the %s CNI (networkProfile.networkPolicy %q): on %s, AKS Arc gives basic installation support only to %s; Microsoft does not support networking issues of other CNIs; run the cluster on %s", [k8s.name(doc), _display(ctx, cni), policy, platform, _displays(ctx, supported), _displays(ctx, supported)]),
		{
			"networkPolicy": policy,
			"cni": cni,
			"platform": platform,
			"supportedCnis": supported,
		},
	)
}

_daemonset_findings(doc, ctx) := {f |
	doc.kind == "DaemonSet"
	spec := workloads.pod_spec(doc)
	platform := snapshot.cluster_platform(ctx)
	supported := _supported(ctx, platform)
	found := _identify(doc, spec, _cnis(ctx))
	unsupported := sort({k | some k in found.cnis; not k in supported})
	count(unsupported) > 0
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("DaemonSet %s runs the %s CNI: on %s, AKS Arc gives basic installation support only to %s; replacing or adding a CNI is a network customization Microsoft does not support; remove it and keep the CNI AKS Arc deployed", [_ref(doc), _displays(ctx, unsupported), platform, _displays(ctx, supported)]),
		{
			"kind": "DaemonSet",
			"namespace": k8s.namespace(doc),
			"name": k8s.name(doc),
			"cnis": unsupported,
			"recognisedBy": found.by,
			"platform": platform,
			"supportedCnis": supported,
		},
	)
}

_ref(doc) := sprintf("%s/%s", [k8s.namespace(doc), k8s.name(doc)]) if k8s.namespace(doc) != ""

_ref(doc) := sprintf("%s", [k8s.name(doc)]) if k8s.namespace(doc) == ""

# _identify names the CNIs a DaemonSet runs: those whose upstream DaemonSet name it has, else
# those whose images its containers run.
_identify(doc, _, cnis) := {"cnis": by_name, "by": "name"} if {
	by_name := _by_name(doc, cnis)
	count(by_name) > 0
}

_identify(doc, spec, cnis) := {"cnis": by_image, "by": "image"} if {
	count(_by_name(doc, cnis)) == 0
	by_image := {key |
		some key, entry in cnis
		is_object(entry)
		some image in pods.images(spec)
		count(images.matches(image.image, object.get(entry, "images", []))) > 0
	}
}

_by_name(doc, cnis) := {key |
	some key, entry in cnis
	is_object(entry)
	k8s.name(doc) in _list(object.get(entry, "daemonSets", []))
}

_object(x) := x if is_object(x)

_object(x) := {} if not is_object(x)

_list(x) := x if is_array(x)

_list(x) := [] if not is_array(x)
