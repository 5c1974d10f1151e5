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
		"", "apps", "batch", "autoscaling", "policy", "extensions",
		"admissionregistration.k8s.io", "resource.k8s.io", "networking.k8s.io",
		"internal.apiserver.k8s.io", "storagemigration.k8s.io", "kubelet.config.k8s.io",
	} {
		apis.builtin_group(g, known)
	}
}

test_crd_groups_are_not_builtin if {
	every g in {
		"cluster.x-k8s.io", "infrastructure.cluster.x-k8s.io", "secrets-store.csi.x-k8s.io",
		"scheduling.sigs.k8s.io", "gateway.networking.k8s.io", "policy.networking.k8s.io",
		"snapshot.storage.k8s.io", "groupsnapshot.storage.k8s.io", "objectstorage.k8s.io",
		"cert-manager.io", "support.aksarc.io", "k8s.io", "x-k8s.io", "appsv1", "policy.example.com",
	} {
		not apis.builtin_group(g, known)
	}
	not apis.builtin_group(7, known)
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
	apis.alpha_builtin_api("admissionregistration.k8s.io/v1alpha1", known)
	apis.alpha_builtin_api("resource.k8s.io/v1alpha3", known)
	apis.alpha_builtin_api("batch/v2alpha1", known)
	apis.alpha_builtin_api("v1alpha1", known)
	apis.alpha_builtin_api("apiserver.config.k8s.io/v1alpha1", known)
	not apis.alpha_builtin_api("admissionregistration.k8s.io/v1beta1", known)
	not apis.alpha_builtin_api("apps/v1", known)
	not apis.alpha_builtin_api("cluster.x-k8s.io/v1alpha4", known)
	not apis.alpha_builtin_api("gateway.networking.k8s.io/v1alpha2", known)
	not apis.alpha_builtin_api("support.aksarc.io/v1alpha1", known)
	not apis.alpha_builtin_api(null, known)
}

test_alpha_only_component_configs_are_not_alpha_features if {
	not apis.alpha_builtin_api("kubeproxy.config.k8s.io/v1alpha1", known)
	not apis.alpha_builtin_api("kubecontrollermanager.config.k8s.io/v1alpha1", known)
	not apis.alpha_builtin_api("cloudcontrollermanager.config.k8s.io/v1alpha1", known)

	# their group is still a built-in group
	apis.builtin_group("kubeproxy.config.k8s.io", known)
}

test_catalog_overrides_change_what_is_built_in if {
	apis.builtin_group("gateway.networking.k8s.io", {"crdGroups": {"gateway.networking.k8s.io": null}})
	not apis.builtin_group("gateway.networking.k8s.io", known)
	not apis.builtin_group("apps", {"plainBuiltinGroups": {"apps": null}})
	apis.alpha_builtin_api("kubeproxy.config.k8s.io/v1alpha1", {"alphaOnlyComponentConfigs": {}})
	not apis.alpha_builtin_api("kubeproxy.config.k8s.io/v1alpha1", known)
}

test_component_images if {
	apis.component_image("kube-apiserver", known)
	apis.component_image("Kube-Scheduler", known)
	not apis.component_image("nginx", known)
	not apis.component_image("kube-apiserver", {"componentImages": {"kube-apiserver": null}})
}
