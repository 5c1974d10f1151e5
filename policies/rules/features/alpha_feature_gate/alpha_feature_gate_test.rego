package lib.aksarc.rules.features.alpha_feature_gate_test

import data.lib.aksarc.rules.features.alpha_feature_gate as rule
import data.lib.aksarc.testing

day := "2025-11-01"

ctx := testing.ctx(day)

# Catalog facts the tests rely on (catalog.featureGates):
#   InPlacePodVerticalScaling: Alpha 1.27, Beta 1.33, GA 1.35
#   ServiceTrafficDistribution: Alpha 1.30, Beta 1.31, GA 1.33, Removed 1.36
#   DRAAdminAccess: Alpha 1.32, Beta 1.34
#   InPlacePodVerticalScalingAllocatedStatus: Alpha 1.32, Deprecated 1.33
#   VolumeCapacityPriority: Alpha 1.21, Removed 1.34
#   StructuredAuthenticationConfiguration: Alpha 1.29, Beta 1.30, GA 1.34
#   MemoryQoS: Alpha 1.22 (never graduated)

cluster(version, gates) := testing.snapshot({"cluster": {"kubernetesVersion": version}, "features": {"featureGates": gates}})

gates_of(findings) := {f.details.gate | some f in findings}

# --- ClusterSnapshot ---

test_snapshot_alpha_gate_fires if {
	fs := rule.violations(cluster("1.31.10", {"InPlacePodVerticalScaling": true}), ctx)
	count(fs) == 1
	some f in fs
	f.id == "AKSARC-060"
	f.name == "alpha-feature-gate"
	f.severity == "deny"
	f.url == "https://learn.microsoft.com/azure/aks/aksarc/support-policies#unsupported-preview-and-beta-kubernetes-features"
	f.resource.kind == "ClusterSnapshot"
	f.resource.name == "test-cluster"
	f.details == {
		"gate": "InPlacePodVerticalScaling",
		"stage": "Alpha",
		"setIn": ["spec.features.featureGates"],
		"minorVersion": "1.31",
		"minorBasis": "spec.cluster.kubernetesVersion",
		"kubernetesVersion": "1.31.10",
		"minorAssumed": false,
		"alphaSince": "1.27",
		"nextStage": {"version": "1.33", "stage": "Beta"},
	}
	f.message == "cluster test-cluster turns on the alpha feature gate InPlacePodVerticalScaling (alpha in Kubernetes 1.31) in spec.features.featureGates: AKS Arc supports only stable and beta upstream Kubernetes features, so a cluster running it is out of support; turn it off (it becomes beta in 1.33)"
}

test_snapshot_gate_the_minor_before_and_after_beta if {
	count(rule.violations(cluster("1.30.14", {"ServiceTrafficDistribution": true}), ctx)) == 1
	count(rule.violations(cluster("1.31.10", {"ServiceTrafficDistribution": true}), ctx)) == 0
	count(rule.violations(cluster("1.32.6", {"InPlacePodVerticalScaling": true}), ctx)) == 1
	count(rule.violations(cluster("1.33.0", {"InPlacePodVerticalScaling": true}), ctx)) == 0
}

test_snapshot_gate_that_does_not_exist_yet_is_silent if {
	count(rule.violations(cluster("1.31.10", {"DRAAdminAccess": true}), ctx)) == 0
	some f in rule.violations(cluster("1.32.6", {"DRAAdminAccess": true}), ctx)
	f.details.alphaSince == "1.32"
	f.details.nextStage == {"version": "1.34", "stage": "Beta"}
}

test_snapshot_gate_deprecated_or_removed_after_alpha if {
	count(rule.violations(cluster("1.32.6", {"InPlacePodVerticalScalingAllocatedStatus": true}), ctx)) == 1
	count(rule.violations(cluster("1.33.1", {"InPlacePodVerticalScalingAllocatedStatus": true}), ctx)) == 0
	some f in rule.violations(cluster("1.33.1", {"VolumeCapacityPriority": true}), ctx)
	f.details.nextStage == {"version": "1.34", "stage": "Removed"}
	f.message == "cluster test-cluster turns on the alpha feature gate VolumeCapacityPriority (alpha in Kubernetes 1.33) in spec.features.featureGates: AKS Arc supports only stable and beta upstream Kubernetes features, so a cluster running it is out of support; turn it off"
	count(rule.violations(cluster("1.34.0", {"VolumeCapacityPriority": true}), ctx)) == 0
}

test_snapshot_gate_that_never_graduates if {
	some f in rule.violations(cluster("1.31.10", {"MemoryQoS": true}), ctx)
	not f.details.nextStage
	endswith(f.message, "; turn it off")
}

test_snapshot_beta_and_ga_gates_are_silent if {
	count(rule.violations(cluster("1.31.10", {"StructuredAuthenticationConfiguration": true, "SidecarContainers": true, "AllBeta": true}), ctx)) == 0
}

test_snapshot_disabled_and_malformed_values_are_silent if {
	count(rule.violations(cluster("1.31.10", {"InPlacePodVerticalScaling": false}), ctx)) == 0
	count(rule.violations(cluster("1.31.10", {"InPlacePodVerticalScaling": "true"}), ctx)) == 0
	count(rule.violations(cluster("1.31.10", {"InPlacePodVerticalScaling": 1}), ctx)) == 0
	count(rule.violations(cluster("1.31.10", "InPlacePodVerticalScaling=true"), ctx)) == 0
	count(rule.violations(cluster("1.31.10", ["InPlacePodVerticalScaling"]), ctx)) == 0
	count(rule.violations(testing.snapshot({"features": "on"}), ctx)) == 0
	count(rule.violations(testing.snapshot({}), ctx)) == 0
}

test_snapshot_unknown_gate_is_silent if {
	count(rule.violations(cluster("1.31.10", {"MyVendorFeature": true, "inplacepodverticalscaling": true}), ctx)) == 0
}

test_snapshot_one_finding_per_alpha_gate if {
	fs := rule.violations(
		cluster("1.32.6", {
			"InPlacePodVerticalScaling": true,
			"DRAAdminAccess": true,
			"MemoryQoS": false,
			"WatchList": true,
		}),
		ctx,
	)
	gates_of(fs) == {"InPlacePodVerticalScaling", "DRAAdminAccess"}
	count(fs) == 2
}

test_snapshot_all_alpha if {
	fs := rule.violations(cluster("1.31.10", {"AllAlpha": true, "AllBeta": true}), ctx)
	count(fs) == 1
	some f in fs
	f.id == "AKSARC-060"
	f.details.gate == "AllAlpha"
	f.details.stage == "AllAlpha (enables every alpha gate)"
	not f.details.alphaSince
	f.message == "cluster test-cluster sets AllAlpha=true in spec.features.featureGates, which turns on every alpha feature gate: AKS Arc supports only stable and beta upstream Kubernetes features, so a cluster running it is out of support; remove AllAlpha=true"
	count(rule.violations(cluster("1.31.10", {"AllAlpha": false}), ctx)) == 0
}

test_snapshot_all_alpha_with_an_alpha_gate if {
	gates_of(rule.violations(cluster("1.31.10", {"AllAlpha": true, "InPlacePodVerticalScaling": true}), ctx)) == {"AllAlpha", "InPlacePodVerticalScaling"}
}

test_snapshot_without_version_assumes_the_newest_minor if {
	doc := testing.snapshot({"cluster": {"kubernetesVersion": "latest"}, "features": {"featureGates": {"DRAAdminAccess": true}}})
	some f in rule.violations(doc, ctx)
	f.details.minorVersion == "1.32"
	f.details.minorBasis == "assumed"
	f.details.minorAssumed == true
	f.details.kubernetesVersion == null
	contains(f.message, "(alpha in Kubernetes 1.32, the newest minor version of the catalog, assumed because the version it runs on is unknown)")

	no_cluster := object.union(doc, {"spec": {"cluster": "unknown"}})
	some g in rule.violations(no_cluster, ctx)
	g.details.minorAssumed
}

test_snapshot_assumed_minor_follows_the_platform_catalog if {
	c := testing.ctx_with(day, {"catalog": {"platforms": {"AzureLocal": {"versions": {"1.33": {"released": "2025-10-01"}}}}}})

	# 1.33 (AzureLocal's newest): InPlacePodVerticalScaling is beta
	count(rule.violations(unversioned("AzureLocal"), c)) == 0
	some f in rule.violations(unversioned("WindowsServer"), c)
	f.details.minorVersion == "1.32"
}

unversioned(platform) := testing.snapshot({"platform": platform, "cluster": {"kubernetesVersion": ""}, "features": {"featureGates": {"InPlacePodVerticalScaling": true}}})

test_without_any_minor_only_all_alpha_fires if {
	no_versions := testing.ctx_with(day, {"catalog": {"versions": null}})
	doc := testing.snapshot({"cluster": {"kubernetesVersion": "x"}, "features": {"featureGates": {"MemoryQoS": true, "AllAlpha": true}}})
	fs := rule.violations(doc, no_versions)
	gates_of(fs) == {"AllAlpha"}
	some f in fs
	f.details.minorVersion == null
	f.details.minorBasis == "unknown"
	f.details.minorAssumed == false
}

# --- catalog data ---

test_catalog_override_changes_a_stage if {
	c := testing.ctx_with(day, {"catalog": {"featureGates": {"gates": {
		"MyVendorFeature": [{"version": "1.30", "stage": "Alpha"}],
		"InPlacePodVerticalScaling": [{"version": "1.27", "stage": "Alpha"}, {"version": "1.31", "stage": "Beta"}],
	}}}})
	gates_of(rule.violations(cluster("1.31.10", {"MyVendorFeature": true, "InPlacePodVerticalScaling": true, "MemoryQoS": true}), c)) == {"MyVendorFeature", "MemoryQoS"}
}

test_catalog_override_removes_a_gate if {
	c := testing.ctx_with(day, {"catalog": {"featureGates": {"gates": {"MemoryQoS": null}}}})
	count(rule.violations(cluster("1.31.10", {"MemoryQoS": true}), c)) == 0
	count(rule.violations(cluster("1.31.10", {"MemoryQoS": true}), ctx)) == 1
}

test_malformed_catalog_entries_are_silent if {
	c := testing.ctx_with(day, {"catalog": {"featureGates": {"gates": {
		"A": "Alpha",
		"B": [{"version": 1.3, "stage": "Alpha"}, "Alpha", {"stage": "Alpha"}],
		"C": [{"version": "1.30", "stage": "Alpha"}, {"version": "1.30", "stage": "Beta"}],
		"D": [{"version": "1.30", "stage": "Alpha"}, {"version": "1.31", "stage": 7}],
		"E": [{"version": "1.30", "stage": "Alpha"}, {"version": "1.32", "stage": "Beta"}, {"version": "1.32", "stage": "GA"}],
	}}}})
	fs := rule.violations(cluster("1.31.10", {"A": true, "B": true, "C": true, "D": true, "E": true}), c)
	gates_of(fs) == {"E"}
	some f in fs
	not f.details.nextStage
	endswith(f.message, "; turn it off")
	count(rule.violations(cluster("1.31.10", {"A": true}), testing.ctx_with(day, {"catalog": {"featureGates": "none"}}))) == 0
}

# --- --feature-gates of pods and workloads ---

apiserver_image := "mcr.microsoft.com/oss/kubernetes/kube-apiserver:v1.30.4"

pod(containers) := {
	"apiVersion": "v1",
	"kind": "Pod",
	"metadata": {"name": "kube-apiserver-moc-l6x2p9hq0fk", "namespace": "kube-system"},
	"spec": {"containers": containers},
}

container(image, command, args) := {"name": "kube-apiserver", "image": image, "command": command, "args": args}

apiserver(command) := pod([container(apiserver_image, command, [])])

test_static_pod_flag_fires_at_the_image_minor if {
	fs := rule.violations(apiserver(["kube-apiserver", "--secure-port=6443", "--feature-gates=InPlacePodVerticalScaling=true,StructuredAuthenticationConfiguration=true"]), ctx)
	count(fs) == 1
	some f in fs
	f.id == "AKSARC-060"
	f.severity == "deny"
	f.resource == {"apiVersion": "v1", "kind": "Pod", "namespace": "kube-system", "name": "kube-apiserver-moc-l6x2p9hq0fk"}
	f.details.gate == "InPlacePodVerticalScaling"
	f.details.setIn == ["--feature-gates of container kube-apiserver"]
	f.details.minorVersion == "1.30"
	f.details.minorBasis == "container image"
	f.details.kubernetesVersion == "1.30.4"
	f.message == "Pod kube-system/kube-apiserver-moc-l6x2p9hq0fk turns on the alpha feature gate InPlacePodVerticalScaling (alpha in Kubernetes 1.30) in --feature-gates of container kube-apiserver: AKS Arc supports only stable and beta upstream Kubernetes features, so a cluster running it is out of support; turn it off (it becomes beta in 1.33)"
}

test_image_minor_decides_the_stage if {
	flags := ["kube-apiserver", "--feature-gates=ServiceTrafficDistribution=true"]
	count(rule.violations(pod([container("registry.k8s.io/kube-apiserver:v1.30.14", flags, [])]), ctx)) == 1
	count(rule.violations(pod([container("registry.k8s.io/kube-apiserver:v1.31.10", flags, [])]), ctx)) == 0
	count(rule.violations(pod([container("registry.k8s.io/kube-apiserver:v1.30.14@sha256:0123abcd", flags, [])]), ctx)) == 1
	count(rule.violations(pod([container("localhost:5000/kube-scheduler:v1.30.1", flags, [])]), ctx)) == 1
}

test_two_argument_form if {
	fs := rule.violations(apiserver(["kube-apiserver", "--feature-gates", "InPlacePodVerticalScaling=true"]), ctx)
	gates_of(fs) == {"InPlacePodVerticalScaling"}
	count(rule.violations(apiserver(["kube-apiserver", "--feature-gates"]), ctx)) == 0
}

test_flags_in_args_and_shell_strings if {
	in_args := pod([container(apiserver_image, ["kube-apiserver"], ["--v=2", "--feature-gates=MemoryQoS=true"])])
	gates_of(rule.violations(in_args, ctx)) == {"MemoryQoS"}
	shell := pod([container(apiserver_image, ["/bin/sh", "-c"], ["exec kube-apiserver --feature-gates=MemoryQoS=true,InPlacePodVerticalScaling=false --v=2"])])
	gates_of(rule.violations(shell, ctx)) == {"MemoryQoS"}
}

test_flag_values_follow_parse_bool if {
	every value in {"true", "True", "TRUE", "t", "T", "1", " true "} {
		count(rule.violations(apiserver(["kube-apiserver", concat("", ["--feature-gates=MemoryQoS=", value])]), ctx)) == 1
	}
	every value in {"false", "0", "yes", "on", "", "true=1"} {
		count(rule.violations(apiserver(["kube-apiserver", concat("", ["--feature-gates=MemoryQoS=", value])]), ctx)) == 0
	}
	gates_of(rule.violations(apiserver(["kube-apiserver", "--feature-gates= MemoryQoS = true ,, =true,InPlacePodVerticalScaling"]), ctx)) == {"MemoryQoS"}
}

test_the_last_setting_of_a_gate_wins if {
	count(rule.violations(apiserver(["kube-apiserver", "--feature-gates=MemoryQoS=true", "--feature-gates=MemoryQoS=false"]), ctx)) == 0
	count(rule.violations(apiserver(["kube-apiserver", "--feature-gates=MemoryQoS=false,MemoryQoS=true"]), ctx)) == 1
	count(rule.violations(pod([container(apiserver_image, ["kube-apiserver", "--feature-gates=MemoryQoS=true"], ["--feature-gates=MemoryQoS=false"])]), ctx)) == 0
}

test_other_flags_are_not_feature_gates if {
	count(rule.violations(apiserver(["kube-apiserver", "--feature-gates-file=MemoryQoS=true", "-feature-gates=MemoryQoS=true", "MemoryQoS=true"]), ctx)) == 0
}

test_all_alpha_flag if {
	some f in rule.violations(apiserver(["kube-apiserver", "--feature-gates=AllAlpha=true,AllBeta=true"]), ctx)
	f.details.gate == "AllAlpha"
	startswith(f.message, "Pod kube-system/kube-apiserver-moc-l6x2p9hq0fk sets AllAlpha=true in --feature-gates of container kube-apiserver")
}

test_other_images_use_the_cluster_version if {
	app := pod([{"name": "agent", "image": "contoso.azurecr.io/tools/kube-agent:1.30.0", "args": ["--feature-gates=ServiceTrafficDistribution=true"]}])

	# the ClusterSnapshot runs 1.31: ServiceTrafficDistribution is beta there
	count(rule.violations(app, testing.ctx_for(day, testing.snapshot({})))) == 0
	on_130 := testing.ctx_for(day, testing.snapshot({"cluster": {"kubernetesVersion": "v1.30.14"}}))
	some f in rule.violations(app, on_130)
	f.details.minorVersion == "1.30"
	f.details.minorBasis == "ClusterSnapshot"
	f.details.kubernetesVersion == "1.30.14"
}

test_without_image_or_cluster_the_newest_minor_is_assumed if {
	app := pod([{"name": "agent", "image": 5, "args": ["--feature-gates=DRAAdminAccess=true"]}])
	some f in rule.violations(app, ctx)
	f.details.minorVersion == "1.32"
	f.details.minorAssumed
	startswith(f.message, "Pod kube-system/kube-apiserver-moc-l6x2p9hq0fk turns on the alpha feature gate DRAAdminAccess (alpha in Kubernetes 1.32, the newest minor version of the catalog, assumed because")

	# with a ClusterSnapshot whose version cannot be read, its platform decides the newest minor
	c := testing.ctx_with(day, {"catalog": {"platforms": {"AzureLocal": {"versions": {"1.34": {"released": "2025-10-01"}}}}}})
	al := object.union(c, {"cluster": testing.snapshot({"platform": "AzureLocal", "cluster": {"kubernetesVersion": "n/a"}})})
	count(rule.violations(app, al)) == 0
}

test_one_finding_per_gate_across_containers if {
	two := {
		"apiVersion": "apps/v1",
		"kind": "Deployment",
		"metadata": {"name": "custom-scheduler", "namespace": "scheduling"},
		"spec": {"template": {"spec": {
			"initContainers": [{"name": "warmup", "image": "registry.k8s.io/kube-scheduler:v1.31.10", "args": ["--feature-gates=MemoryQoS=true"]}],
			"containers": [
				{"name": "scheduler", "image": "registry.k8s.io/kube-scheduler:v1.31.10", "command": ["kube-scheduler", "--feature-gates=MemoryQoS=true,InPlacePodVerticalScaling=true"]},
				{"name": "next", "image": "registry.k8s.io/kube-scheduler:v1.33.1", "command": ["kube-scheduler", "--feature-gates=InPlacePodVerticalScaling=true"]},
			],
		}}},
	}
	fs := rule.violations(two, ctx)
	count(fs) == 2
	some f in fs
	f.details.gate == "MemoryQoS"
	f.details.setIn == ["--feature-gates of container scheduler", "--feature-gates of initContainer warmup"]
	contains(f.message, "in --feature-gates of container scheduler, --feature-gates of initContainer warmup:")
	f.resource.kind == "Deployment"

	# InPlacePodVerticalScaling is beta on the 1.33 container: only the 1.31 one counts
	some g in fs
	g.details.gate == "InPlacePodVerticalScaling"
	g.details.setIn == ["--feature-gates of container scheduler"]
}

test_malformed_containers_are_silent if {
	count(rule.violations(pod([{"name": "a", "command": "kube-apiserver --feature-gates=MemoryQoS=true"}]), ctx)) == 0
	count(rule.violations(pod([{"name": "a", "command": [1, true, {"x": "--feature-gates=MemoryQoS=true"}]}]), ctx)) == 0
	count(rule.violations(pod("containers"), ctx)) == 0
	count(rule.violations(pod([{"name": 7, "image": apiserver_image, "args": ["--feature-gates=MemoryQoS=true"]}]), ctx)) == 1
}

test_non_workloads_are_silent if {
	config_map := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "namespace": "default"}, "spec": {"containers": [container(apiserver_image, ["--feature-gates=MemoryQoS=true"], [])]}}
	count(rule.violations(config_map, ctx)) == 0
	crd_pod := object.union(apiserver(["kube-apiserver", "--feature-gates=MemoryQoS=true"]), {"apiVersion": "example.com/v1"})
	count(rule.violations(crd_pod, ctx)) == 0
}

# --- KubeletConfiguration ---

kubelet_config(gates) := {
	"apiVersion": "kubelet.config.k8s.io/v1beta1",
	"kind": "KubeletConfiguration",
	"featureGates": gates,
}

test_kubelet_configuration_at_the_cluster_minor if {
	on_130 := testing.ctx_for(day, testing.snapshot({"cluster": {"kubernetesVersion": "1.30.14"}}))
	fs := rule.violations(kubelet_config({"ServiceTrafficDistribution": true, "MemoryQoS": false}), on_130)
	count(fs) == 1
	some f in fs
	f.id == "AKSARC-060"
	f.details.gate == "ServiceTrafficDistribution"
	f.details.setIn == ["featureGates"]
	f.details.minorBasis == "ClusterSnapshot"
	f.resource.kind == "KubeletConfiguration"
	startswith(f.message, "KubeletConfiguration turns on the alpha feature gate ServiceTrafficDistribution (alpha in Kubernetes 1.30) in featureGates:")

	# the same file on a 1.31 cluster: beta
	count(rule.violations(kubelet_config({"ServiceTrafficDistribution": true}), testing.ctx_for(day, testing.snapshot({})))) == 0
}

test_kubelet_configuration_without_cluster_assumes_the_newest_minor if {
	some f in rule.violations(kubelet_config({"DRAAdminAccess": true}), ctx)
	f.details.minorAssumed
	named := object.union(kubelet_config({"DRAAdminAccess": true}), {"metadata": {"name": "pool-a"}})
	some g in rule.violations(named, ctx)
	startswith(g.message, "KubeletConfiguration pool-a turns on")
}

test_kubelet_configuration_without_any_minor_only_all_alpha_fires if {
	no_versions := testing.ctx_with(day, {"catalog": {"versions": null}})
	fs := rule.violations(kubelet_config({"MemoryQoS": true, "AllAlpha": true}), no_versions)
	gates_of(fs) == {"AllAlpha"}
	some f in fs
	f.details.minorVersion == null
	f.details.minorBasis == "unknown"
	f.details.minorAssumed == false
}

test_kubelet_configuration_of_other_groups_or_malformed_is_silent if {
	count(rule.violations(object.union(kubelet_config({"MemoryQoS": true}), {"apiVersion": "kubeadm.k8s.io/v1beta3"}), ctx)) == 0
	count(rule.violations(object.union(kubelet_config({"MemoryQoS": true}), {"kind": "KubeProxyConfiguration"}), ctx)) == 0
	count(rule.violations(kubelet_config("MemoryQoS=true"), ctx)) == 0
	count(rule.violations(kubelet_config({"MemoryQoS": "true"}), ctx)) == 0
	count(rule.violations(object.union(kubelet_config({"MemoryQoS": true}), {"apiVersion": 1}), ctx)) == 0
}

# --- other documents ---

test_other_documents_are_silent if {
	count(rule.violations({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "feature-gates"}, "data": {"featureGates": "MemoryQoS=true"}}, ctx)) == 0
	not_a_snapshot := object.union(cluster("1.31.10", {"MemoryQoS": true}), {"apiVersion": "example.com/v1"})
	count(rule.violations(not_a_snapshot, ctx)) == 0
	count(rule.violations("MemoryQoS=true", ctx)) == 0
	count(rule.violations(null, ctx)) == 0
	count(rule.violations([cluster("1.31.10", {"MemoryQoS": true})], ctx)) == 0
}

# --- the catalog data the rule reads ---

feature_gates := ctx.catalog.featureGates

test_catalog_feature_gates_are_well_formed if {
	startswith(feature_gates.source, "https://github.com/kubernetes/kubernetes/blob/")
	every _, url in feature_gates.sources {
		startswith(url, "https://github.com/kubernetes/kubernetes/blob/")
	}
	count(feature_gates.gates) > 200
	every name, entries in feature_gates.gates {
		regex.match(`^[A-Z][A-Za-z0-9]+$`, name)
		count(entries) > 0
		every i, e in entries {
			object.keys(e) == {"version", "stage"}
			regex.match(`^1\.[0-9]+$`, e.version)
			e.stage in {"Alpha", "Beta", "GA", "Deprecated", "Removed"}
			_follows(entries, i)
		}
	}
}

_ord(v) := to_number(split(v, ".")[1])

# An entry follows the one before it: a later minor and another stage.
_follows(_, 0)

_follows(entries, i) if {
	i > 0
	_ord(entries[i - 1].version) < _ord(entries[i].version)
	entries[i - 1].stage != entries[i].stage
}

test_catalog_has_no_special_gates if {
	not feature_gates.gates.AllAlpha
	not feature_gates.gates.AllBeta
}

# Spot checks against the sources: the 1.36-cycle list, its feature_list.md (client-go gates and
# the gate names components accept), and the older lists (gates removed since).
test_catalog_spot_checks if {
	feature_gates.gates.InPlacePodVerticalScaling == [{"version": "1.27", "stage": "Alpha"}, {"version": "1.33", "stage": "Beta"}, {"version": "1.35", "stage": "GA"}]
	feature_gates.gates.WatchListClient == [{"version": "1.30", "stage": "Beta"}]
	feature_gates.gates.CustomCPUCFSQuotaPeriod == [{"version": "1.12", "stage": "Alpha"}]
	feature_gates.gates.RuntimeClassInImageCriApi == [{"version": "1.29", "stage": "Alpha"}]
	not feature_gates.gates.CPUCFSQuotaPeriod
	feature_gates.gates.PodHostIPs[3] == {"version": "1.33", "stage": "Removed"}
	feature_gates.gates.VolumeCapacityPriority == [{"version": "1.21", "stage": "Alpha"}, {"version": "1.34", "stage": "Removed"}]
}
