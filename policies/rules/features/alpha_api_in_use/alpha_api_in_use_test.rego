package lib.aksarc.rules.features.alpha_api_in_use_test

import data.lib.aksarc.rules.features.alpha_api_in_use as rule
import data.lib.aksarc.testing

ctx := testing.ctx("2025-11-01")

obj(api_version, kind, namespace, name) := {
	"apiVersion": api_version,
	"kind": kind,
	"metadata": {"namespace": namespace, "name": name},
}

cluster_scoped(api_version, kind, name) := {"apiVersion": api_version, "kind": kind, "metadata": {"name": name}}

test_validating_admission_policy_v1alpha1_fires if {
	fs := rule.violations(cluster_scoped("admissionregistration.k8s.io/v1alpha1", "ValidatingAdmissionPolicy", "deny-host-path"), ctx)
	count(fs) == 1
	some f in fs
	f.id == "AKSARC-061"
	f.name == "alpha-api-in-use"
	f.severity == "deny"
	f.url == "https://learn.microsoft.com/azure/aks/aksarc/support-policies#unsupported-preview-and-beta-kubernetes-features"
	f.resource == {"apiVersion": "admissionregistration.k8s.io/v1alpha1", "kind": "ValidatingAdmissionPolicy", "namespace": "", "name": "deny-host-path"}
	f.details == {
		"apiVersion": "admissionregistration.k8s.io/v1alpha1",
		"group": "admissionregistration.k8s.io",
		"version": "v1alpha1",
		"kind": "ValidatingAdmissionPolicy",
		"minorVersion": "1.32",
		"minorAssumed": true,
	}
	f.message == "ValidatingAdmissionPolicy deny-host-path uses admissionregistration.k8s.io/v1alpha1, an alpha version of the admissionregistration.k8s.io API group, which Kubernetes 1.32 serves itself (the newest minor version of the catalog, assumed: no ClusterSnapshot gives the cluster's): it depends on an alpha feature, and AKS Arc supports only stable and beta upstream features; move it to a beta or stable version of the API or remove it"
}

# With a ClusterSnapshot the minor is the cluster's: storagemigration.k8s.io is served from 1.30.
test_the_cluster_minor_decides_which_groups_are_built_in if {
	migration := cluster_scoped("storagemigration.k8s.io/v1alpha1", "StorageVersionMigration", "flowschemas")
	at_129 := object.union(ctx, {"cluster": testing.snapshot({"cluster": {"kubernetesVersion": "1.29.9"}})})
	count(rule.violations(migration, at_129)) == 0
	at_131 := object.union(ctx, {"cluster": testing.snapshot({"cluster": {"kubernetesVersion": "1.31.10"}})})
	some f in rule.violations(migration, at_131)
	f.details.minorVersion == "1.31"
	f.details.minorAssumed == false
	contains(f.message, "which Kubernetes 1.31 serves itself: it depends")
}

test_unknown_minor_counts_every_listed_group if {
	no_versions := object.union(object.remove(ctx, ["catalog"]), {"catalog": object.remove(ctx.catalog, ["versions"]), "platform": "NoSuchPlatform"})
	some f in rule.violations(cluster_scoped("storagemigration.k8s.io/v1alpha1", "StorageVersionMigration", "m"), no_versions)
	f.details.minorVersion == null
	contains(f.message, "which Kubernetes (version unknown) serves itself: it depends")
}

test_namespaced_alpha_objects_fire if {
	some f in rule.violations(obj("resource.k8s.io/v1alpha3", "ResourceClaimTemplate", "ml", "gpu-claim"), ctx)
	f.details.group == "resource.k8s.io"
	f.details.version == "v1alpha3"
	startswith(f.message, "ResourceClaimTemplate ml/gpu-claim uses resource.k8s.io/v1alpha3,")
}

test_every_built_in_group_counts if {
	every api_version in {
		"v1alpha1", "apps/v1alpha1", "batch/v2alpha1", "autoscaling/v2alpha1", "policy/v1alpha1",
		"networking.k8s.io/v1alpha1", "storage.k8s.io/v1alpha1",
		"internal.apiserver.k8s.io/v1alpha1", "storagemigration.k8s.io/v1alpha1",
		"coordination.k8s.io/v1alpha2", "certificates.k8s.io/v1alpha1",
		"flowcontrol.apiserver.k8s.io/v1alpha1", "apiextensions.k8s.io/v1alpha1",
		"apiregistration.k8s.io/v1alpha1", "resource.k8s.io/v1alpha3", "scheduling.k8s.io/v1alpha2",
	} {
		count(rule.violations(obj(api_version, "Thing", "default", "x"), ctx)) == 1
	}
}

test_core_group_label if {
	some f in rule.violations(obj("v1alpha1", "Widget", "default", "w"), ctx)
	f.details.group == ""
	contains(f.message, "an alpha version of the core API group")
}

test_beta_and_stable_versions_are_silent if {
	every api_version in {
		"admissionregistration.k8s.io/v1beta1", "admissionregistration.k8s.io/v1", "resource.k8s.io/v1beta1",
		"v1", "apps/v1", "batch/v1", "networking.k8s.io/v1beta1", "kubelet.config.k8s.io/v1beta1",
	} {
		count(rule.violations(obj(api_version, "Thing", "default", "x"), ctx)) == 0
	}
}

test_crd_groups_are_silent if {
	every api_version in {
		"cluster.x-k8s.io/v1alpha4", "infrastructure.cluster.x-k8s.io/v1alpha1",
		"scheduling.sigs.k8s.io/v1alpha1", "gateway.networking.k8s.io/v1alpha2",
		"policy.networking.k8s.io/v1alpha1", "groupsnapshot.storage.k8s.io/v1alpha1",
		"objectstorage.k8s.io/v1alpha1", "cert-manager.io/v1alpha2", "metallb.io/v1alpha1",
		"snapshot.storage.k8s.io/v1alpha1", "externaldns.k8s.io/v1alpha1", "migration.k8s.io/v1alpha1",
		"kustomize.config.k8s.io/v1alpha1", "extensions/v1alpha1",
	} {
		count(rule.violations(obj(api_version, "Thing", "default", "x"), ctx)) == 0
	}
}

# The components' configuration file formats are no API objects Kubernetes serves.
test_component_configuration_is_silent if {
	proxy := {"apiVersion": "kubeproxy.config.k8s.io/v1alpha1", "kind": "KubeProxyConfiguration", "mode": "iptables"}
	count(rule.violations(proxy, ctx)) == 0
	count(rule.violations({"apiVersion": "kubelet.config.k8s.io/v1alpha1", "kind": "CredentialProviderConfig"}, ctx)) == 0
}

test_cluster_snapshot_is_silent if {
	count(rule.violations(testing.snapshot({}), ctx)) == 0
}

test_malformed_documents_are_silent if {
	count(rule.violations({"kind": "ValidatingAdmissionPolicy", "metadata": {"name": "x"}}, ctx)) == 0
	count(rule.violations({"apiVersion": 1, "kind": "Thing"}, ctx)) == 0
	count(rule.violations({"apiVersion": ["v1alpha1"], "kind": "Thing"}, ctx)) == 0
	count(rule.violations("admissionregistration.k8s.io/v1alpha1", ctx)) == 0
	count(rule.violations(null, ctx)) == 0
	count(rule.violations([obj("v1alpha1", "Thing", "default", "x")], ctx)) == 0
}

test_missing_kind_and_metadata_still_fire if {
	some g in rule.violations({"apiVersion": "resource.k8s.io/v1alpha3", "kind": "ResourceClaim"}, ctx)
	startswith(g.message, "ResourceClaim uses resource.k8s.io/v1alpha3,")

	fs := rule.violations({"apiVersion": "resource.k8s.io/v1alpha3", "metadata": "broken"}, ctx)
	count(fs) == 1
	some f in fs
	f.details.kind == ""
	startswith(f.message, "object uses resource.k8s.io/v1alpha3,")

	some h in rule.violations({"apiVersion": "v1alpha1", "kind": 7, "metadata": {"name": 8, "namespace": ["x"]}}, ctx)
	h.details.kind == ""
	startswith(h.message, "object uses v1alpha1,")
}
