package lib.aksarc.apis_test

import data.aksarc.catalog
import data.lib.aksarc.apis

known := catalog.catalog.kubernetesApis

test_group_and_version if {
	apis.group("v1") == ""
	apis.version("v1") == "v1"
	apis.group("apps/v1") == "apps"
	apis.version("apps/v1") == "v1"
	apis.group("resource.k8s.io/v1alpha3") == "resource.k8s.io"
	apis.version("resource.k8s.io/v1alpha3") == "v1alpha3"
}

test_no_group_or_version_for_malformed_api_versions if {
	not apis.group(1)
	not apis.version(null)
	not apis.group("a/b/c")
	not apis.version("a/b/c")
}

test_builtin_groups if {
	every g in {
		"", "apps", "batch", "autoscaling", "policy", "admissionregistration.k8s.io",
		"apiextensions.k8s.io", "apiregistration.k8s.io", "resource.k8s.io", "networking.k8s.io",
		"internal.apiserver.k8s.io", "flowcontrol.apiserver.k8s.io", "coordination.k8s.io",
	} {
		apis.builtin_group(g, known, "1.31")
	}
}

# Only listed groups are built-in: a name ending in k8s.io makes nothing built-in.
test_crd_groups_and_config_formats_are_not_builtin if {
	every g in {
		"cluster.x-k8s.io", "infrastructure.cluster.x-k8s.io", "secrets-store.csi.x-k8s.io",
		"scheduling.sigs.k8s.io", "gateway.networking.k8s.io", "policy.networking.k8s.io",
		"snapshot.storage.k8s.io", "groupsnapshot.storage.k8s.io", "objectstorage.k8s.io",
		"externaldns.k8s.io", "migration.k8s.io", "kustomize.config.k8s.io",
		"kubelet.config.k8s.io", "kubeproxy.config.k8s.io", "apiserver.config.k8s.io",
		"admission.k8s.io", "imagepolicy.k8s.io", "extensions",
		"cert-manager.io", "support.aksarc.io", "k8s.io", "x-k8s.io", "appsv1", "policy.example.com",
	} {
		not apis.builtin_group(g, known, "1.31")
	}
	not apis.builtin_group(7, known, "1.31")
}

# storagemigration.k8s.io is served from 1.30; without a known minor every listed group counts.
test_builtin_groups_per_minor if {
	not apis.builtin_group("storagemigration.k8s.io", known, "1.29")
	apis.builtin_group("storagemigration.k8s.io", known, "1.30")
	apis.builtin_group("storagemigration.k8s.io", known, "1.36")
	apis.builtin_group("storagemigration.k8s.io", known, null)
	apis.builtin_group("apps", known, "1.20")
	apis.builtin_group("apps", known, "1.40")

	# an until minor ends a group
	until := {"builtinGroups": {"groups": {"old.k8s.io": {"until": "1.28"}}}}
	apis.builtin_group("old.k8s.io", until, "1.28")
	not apis.builtin_group("old.k8s.io", until, "1.29")
	apis.builtin_group("old.k8s.io", until, null)
}

test_alpha_versions if {
	every v in {"v1alpha1", "v2alpha1", "v1alpha3", "v10alpha12"} {
		apis.alpha_version(v)
	}
	every v in {"v1", "v1beta1", "v2beta2", "alpha1", "v1alpha", "v1alpha1x", "xv1alpha1"} {
		not apis.alpha_version(v)
	}
	not apis.alpha_version(1)
}

test_alpha_builtin_api if {
	apis.alpha_builtin_api("admissionregistration.k8s.io/v1alpha1", known, "1.31")
	apis.alpha_builtin_api("resource.k8s.io/v1alpha3", known, "1.31")
	apis.alpha_builtin_api("batch/v2alpha1", known, "1.31")
	apis.alpha_builtin_api("v1alpha1", known, "1.31")
	apis.alpha_builtin_api("storagemigration.k8s.io/v1alpha1", known, "1.31")
	not apis.alpha_builtin_api("storagemigration.k8s.io/v1alpha1", known, "1.29")
	not apis.alpha_builtin_api("admissionregistration.k8s.io/v1beta1", known, "1.31")
	not apis.alpha_builtin_api("apps/v1", known, "1.31")
	not apis.alpha_builtin_api("cluster.x-k8s.io/v1alpha4", known, "1.31")
	not apis.alpha_builtin_api("gateway.networking.k8s.io/v1alpha2", known, "1.31")
	not apis.alpha_builtin_api("migration.k8s.io/v1alpha1", known, "1.31")
	not apis.alpha_builtin_api("kubeproxy.config.k8s.io/v1alpha1", known, "1.31")
	not apis.alpha_builtin_api("support.aksarc.io/v1alpha1", known, "1.31")
	not apis.alpha_builtin_api(null, known, "1.31")
}

test_catalog_overrides_change_what_is_built_in if {
	with_gateway := {"builtinGroups": {"groups": {"gateway.networking.k8s.io": {}}}}
	apis.builtin_group("gateway.networking.k8s.io", with_gateway, "1.31")
	not apis.builtin_group("apps", {"builtinGroups": {"groups": {"apps": null}}}, "1.31")
	not apis.builtin_group("apps", {"builtinGroups": {"groups": "apps"}}, "1.31")
	not apis.builtin_group("apps", {}, "1.31")
}

test_component_images if {
	apis.component_image("kube-apiserver", known)
	apis.component_image("Kube-Scheduler", known)
	not apis.component_image("nginx", known)
	not apis.component_image("kube-apiserver", {"componentImages": {"kube-apiserver": null}})
}
