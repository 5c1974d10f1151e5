package aksarc.catalog

# API versions of the Kubernetes built-in groups that upstream Kubernetes stopped serving, per
# kind (AKSARC-070), from the Deprecated API Migration Guide. Keyed apiVersion -> kind, so that a
# user can override or add one entry (aksarc_settings.catalog.apiRemovals.removals), or switch
# one off by setting it to null.
#
# Each entry: removedIn - the first minor version that no longer serves the apiVersion for the
# kind; replacements - the API versions the guide names to migrate to, the preferred one first,
# each with "since" (the first minor that serves it) where the guide gives it; [] when the API
# has no replacement; instead - what to migrate to when there is no replacement API; source -
# the guide's section. A replacement that is itself removed later (flowcontrol v1beta2) is
# followed to its own replacements by the rule.
_apirm_guide_url := "https://kubernetes.io/docs/reference/using-api/deprecation-guide/"

_apirm_guide(anchor) := concat("", [_apirm_guide_url, "#", anchor])

_apirm_to(api_version, since) := {"apiVersion": api_version, "since": since}

# One entry per kind: every kind of a guide section shares its removal and replacements.
_apirm_each(kinds, entry) := {kind: entry | some kind in kinds}

api_removals := {
	"source": _apirm_guide_url,
	"sourceFile": "https://github.com/kubernetes/website/blob/main/content/en/docs/reference/using-api/deprecation-guide.md",
	"note": "Every removal the guide lists, v1.16 to v1.32. As published, the guide lists no removal after v1.32, so no entry has removedIn 1.33 or later. The guide gives no 'since' for flowcontrol.apiserver.k8s.io/v1beta2 (the v1.26 replacement); it is left out.",
	"removals": {
		# v1.32
		"flowcontrol.apiserver.k8s.io/v1beta3": _apirm_each(["FlowSchema", "PriorityLevelConfiguration"], {
			"removedIn": "1.32",
			"replacements": [_apirm_to("flowcontrol.apiserver.k8s.io/v1", "1.29")],
			"source": _apirm_guide("flowcontrol-resources-v132"),
		}),
		# v1.29
		"flowcontrol.apiserver.k8s.io/v1beta2": _apirm_each(["FlowSchema", "PriorityLevelConfiguration"], {
			"removedIn": "1.29",
			"replacements": [
				_apirm_to("flowcontrol.apiserver.k8s.io/v1", "1.29"),
				_apirm_to("flowcontrol.apiserver.k8s.io/v1beta3", "1.26"),
			],
			"source": _apirm_guide("flowcontrol-resources-v129"),
		}),
		# v1.26
		"flowcontrol.apiserver.k8s.io/v1beta1": _apirm_each(["FlowSchema", "PriorityLevelConfiguration"], {
			"removedIn": "1.26",
			"replacements": [{"apiVersion": "flowcontrol.apiserver.k8s.io/v1beta2"}],
			"source": _apirm_guide("flowcontrol-resources-v126"),
			"note": "The guide names v1beta2, itself removed in 1.29; the rule follows it to v1 or v1beta3.",
		}),
		"autoscaling/v2beta2": {"HorizontalPodAutoscaler": {
			"removedIn": "1.26",
			"replacements": [_apirm_to("autoscaling/v2", "1.23")],
			"source": _apirm_guide("horizontalpodautoscaler-v126"),
		}},
		# v1.25
		"batch/v1beta1": {"CronJob": {
			"removedIn": "1.25",
			"replacements": [_apirm_to("batch/v1", "1.21")],
			"source": _apirm_guide("cronjob-v125"),
		}},
		"discovery.k8s.io/v1beta1": {"EndpointSlice": {
			"removedIn": "1.25",
			"replacements": [_apirm_to("discovery.k8s.io/v1", "1.21")],
			"source": _apirm_guide("endpointslice-v125"),
		}},
		"events.k8s.io/v1beta1": {"Event": {
			"removedIn": "1.25",
			"replacements": [_apirm_to("events.k8s.io/v1", "1.19")],
			"source": _apirm_guide("event-v125"),
		}},
		"autoscaling/v2beta1": {"HorizontalPodAutoscaler": {
			"removedIn": "1.25",
			"replacements": [_apirm_to("autoscaling/v2", "1.23")],
			"source": _apirm_guide("horizontalpodautoscaler-v125"),
		}},
		"policy/v1beta1": {
			"PodDisruptionBudget": {
				"removedIn": "1.25",
				"replacements": [_apirm_to("policy/v1", "1.21")],
				"source": _apirm_guide("poddisruptionbudget-v125"),
			},
			"PodSecurityPolicy": {
				"removedIn": "1.25",
				"replacements": [],
				"instead": "Pod Security Admission or a third-party admission webhook",
				"source": _apirm_guide("psp-v125"),
				"note": "No replacement API: the PodSecurityPolicy admission controller was removed as well.",
			},
		},
		"node.k8s.io/v1beta1": {"RuntimeClass": {
			"removedIn": "1.25",
			"replacements": [_apirm_to("node.k8s.io/v1", "1.20")],
			"source": _apirm_guide("runtimeclass-v125"),
		}},
		# v1.22
		"admissionregistration.k8s.io/v1beta1": _apirm_each(["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"], {
			"removedIn": "1.22",
			"replacements": [_apirm_to("admissionregistration.k8s.io/v1", "1.16")],
			"source": _apirm_guide("webhook-resources-v122"),
		}),
		"apiextensions.k8s.io/v1beta1": {"CustomResourceDefinition": {
			"removedIn": "1.22",
			"replacements": [_apirm_to("apiextensions.k8s.io/v1", "1.16")],
			"source": _apirm_guide("customresourcedefinition-v122"),
		}},
		"apiregistration.k8s.io/v1beta1": {"APIService": {
			"removedIn": "1.22",
			"replacements": [_apirm_to("apiregistration.k8s.io/v1", "1.10")],
			"source": _apirm_guide("apiservice-v122"),
		}},
		"authentication.k8s.io/v1beta1": {"TokenReview": {
			"removedIn": "1.22",
			"replacements": [_apirm_to("authentication.k8s.io/v1", "1.6")],
			"source": _apirm_guide("tokenreview-v122"),
		}},
		"authorization.k8s.io/v1beta1": _apirm_each(["LocalSubjectAccessReview", "SelfSubjectAccessReview", "SubjectAccessReview", "SelfSubjectRulesReview"], {
			"removedIn": "1.22",
			"replacements": [_apirm_to("authorization.k8s.io/v1", "1.6")],
			"source": _apirm_guide("subjectaccessreview-resources-v122"),
		}),
		"certificates.k8s.io/v1beta1": {"CertificateSigningRequest": {
			"removedIn": "1.22",
			"replacements": [_apirm_to("certificates.k8s.io/v1", "1.19")],
			"source": _apirm_guide("certificatesigningrequest-v122"),
		}},
		"coordination.k8s.io/v1beta1": {"Lease": {
			"removedIn": "1.22",
			"replacements": [_apirm_to("coordination.k8s.io/v1", "1.14")],
			"source": _apirm_guide("lease-v122"),
		}},
		"networking.k8s.io/v1beta1": {
			"Ingress": {
				"removedIn": "1.22",
				"replacements": [_apirm_to("networking.k8s.io/v1", "1.19")],
				"source": _apirm_guide("ingress-v122"),
			},
			"IngressClass": {
				"removedIn": "1.22",
				"replacements": [_apirm_to("networking.k8s.io/v1", "1.19")],
				"source": _apirm_guide("ingressclass-v122"),
			},
		},
		"rbac.authorization.k8s.io/v1beta1": _apirm_each(["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"], {
			"removedIn": "1.22",
			"replacements": [_apirm_to("rbac.authorization.k8s.io/v1", "1.8")],
			"source": _apirm_guide("rbac-resources-v122"),
		}),
		"scheduling.k8s.io/v1beta1": {"PriorityClass": {
			"removedIn": "1.22",
			"replacements": [_apirm_to("scheduling.k8s.io/v1", "1.14")],
			"source": _apirm_guide("priorityclass-v122"),
		}},
		"storage.k8s.io/v1beta1": {
			"CSIDriver": _apirm_storage_v122("1.19"),
			"CSINode": _apirm_storage_v122("1.17"),
			"StorageClass": _apirm_storage_v122("1.6"),
			"VolumeAttachment": _apirm_storage_v122("1.13"),
			# v1.27
			"CSIStorageCapacity": {
				"removedIn": "1.27",
				"replacements": [_apirm_to("storage.k8s.io/v1", "1.24")],
				"source": _apirm_guide("csistoragecapacity-v127"),
			},
		},
		# v1.22 (Ingress) and v1.16 (the others): extensions/v1beta1 was removed kind by kind.
		"extensions/v1beta1": {
			"Ingress": {
				"removedIn": "1.22",
				"replacements": [_apirm_to("networking.k8s.io/v1", "1.19")],
				"source": _apirm_guide("ingress-v122"),
			},
			"NetworkPolicy": {
				"removedIn": "1.16",
				"replacements": [_apirm_to("networking.k8s.io/v1", "1.8")],
				"source": _apirm_guide("networkpolicy-v116"),
			},
			"DaemonSet": _apirm_apps_v116("daemonset-v116"),
			"Deployment": _apirm_apps_v116("deployment-v116"),
			"ReplicaSet": _apirm_apps_v116("replicaset-v116"),
			"PodSecurityPolicy": {
				"removedIn": "1.16",
				"replacements": [_apirm_to("policy/v1beta1", "1.10")],
				"source": _apirm_guide("psp-v116"),
				"note": "The guide names policy/v1beta1, itself removed in 1.25 without a replacement API.",
			},
		},
		# v1.16
		"apps/v1beta1": {
			"Deployment": _apirm_apps_v116("deployment-v116"),
			"StatefulSet": _apirm_apps_v116("statefulset-v116"),
			"ReplicaSet": _apirm_apps_v116("replicaset-v116"),
		},
		"apps/v1beta2": {
			"DaemonSet": _apirm_apps_v116("daemonset-v116"),
			"Deployment": _apirm_apps_v116("deployment-v116"),
			"StatefulSet": _apirm_apps_v116("statefulset-v116"),
			"ReplicaSet": _apirm_apps_v116("replicaset-v116"),
		},
	},
}

_apirm_storage_v122(since) := {
	"removedIn": "1.22",
	"replacements": [_apirm_to("storage.k8s.io/v1", since)],
	"source": _apirm_guide("storage-resources-v122"),
}

_apirm_apps_v116(anchor) := {
	"removedIn": "1.16",
	"replacements": [_apirm_to("apps/v1", "1.9")],
	"source": _apirm_guide(anchor),
}
