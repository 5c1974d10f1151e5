# METADATA
# title: Foreign object in kube-system
# description: |
#   A workload (an object that runs containers: Pod, Deployment, DaemonSet, StatefulSet,
#   ReplicaSet, Job, CronJob, ReplicationController) in kube-system is not one of the AKS Arc
#   managed components (the catalog's inventory of names, name prefixes and labels, each entry
#   with the kinds it covers, so that a user's CronJob named etcd-defrag is not taken for the
#   etcd static Pod): deny. AKS Arc maintains every add-on and system component in kube-system;
#   users must not add workloads there. An object that runs nothing (a Role, RoleBinding,
#   Service, ServiceAccount, ConfigMap, Secret, custom resource, ...) alters no managed component
#   and is never denied: the well-known patterns of widely used projects get no finding (catalog
#   wellKnownPatterns: a Role that only reads or only takes part in leader election, a
#   RoleBinding to extension-apiserver-authentication-reader or to a Role that is no managed
#   component, a headless Service, Leases and a Service's endpoints, objects a controller owns),
#   and any other is a warning that says what a support engineer would ask about it. Customer
#   configuration that Microsoft documents there (catalog customerConfig: the Container insights
#   and managed Prometheus ConfigMaps and TLS Secret, the Prometheus pod and service monitors, the
#   MetalLB load balancers and BGP peers of the Arc networking extension) is not foreign. Fires
#   for manifests and for objects read from a cluster alike. Events are records and never fire.
#   A change to a managed component itself is AKSARC-011.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#managed-features-in-aks-arc
#     description: Managed features in AKS Arc
# custom:
#   id: AKSARC-010
#   name: kube-system-foreign-object
#   severity: deny
#   warnWhen: the foreign object runs nothing and follows none of the well-known patterns
#   section: Managed features in AKS Arc
#   input: object
#   requires: []
#   remediation: Move your workloads, and the objects that serve only them, to a namespace of your own; kube-system holds only the components AKS Arc deploys and maintains and the configuration Microsoft documents there. If it is an AKS Arc component or documented configuration the inventory does not know, add it to managedComponents (names, prefixes, labels or customerConfig, with its kinds) in the catalog settings.
package lib.aksarc.rules.managed.kube_system_foreign_object

import data.lib.aksarc.inventory
import data.lib.aksarc.result
import data.lib.aksarc.workloads

violations(doc, ctx) := {f |
	components := ctx.catalog.managedComponents
	inventory.foreign(doc, components)
	some f in _findings(doc, components)
}

_findings(doc, components) := _workload(doc, components) | _runs_nothing(doc, components)

# A foreign workload: deny.
_workload(doc, components) := {f |
	workloads.runs_containers(doc)
	kind := inventory.kind(doc)
	name := inventory.name(doc)
	namespace := components.namespace
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("%s %s in %s runs containers and is not an AKS Arc managed component: AKS Arc maintains what runs in %s and users must not add workloads there, so the cluster is out of support while it runs; move it to a namespace of your own", [kind, name, namespace, namespace]),
		{"kind": kind, "name": name, "workload": true},
	)
}

# A foreign object that runs nothing and follows no well-known pattern: warn, with the question
# support would ask about it.
_runs_nothing(doc, components) := {f |
	not workloads.runs_containers(doc)
	count(inventory.well_known(doc, components)) == 0
	kind := inventory.kind(doc)
	name := inventory.name(doc)
	namespace := components.namespace
	question := _question(doc)
	f := result.with_severity(
		result.finding(
			rego.metadata.chain(),
			doc,
			sprintf("%s %s in %s is not an AKS Arc managed component; it runs nothing, so it does not take the cluster out of support, but a support engineer will ask %s; keep your own objects in a namespace of your own where you can", [kind, name, namespace, question]),
			{"kind": kind, "name": name, "workload": false, "question": question},
		),
		"warn",
	)
}

_question(doc) := sprintf("what %s lets %s do in kube-system", [_role_ref(doc.roleRef), _subjects(doc)]) if {
	doc.kind == "RoleBinding"
	is_object(doc.roleRef)
} else := "what it lets its subjects change in kube-system (it grants more than reading and leader election)" if {
	doc.kind == "Role"
} else := "what it exposes (it is not headless: it puts a virtual IP in front of pods in kube-system)" if {
	doc.kind == "Service"
} else := "which workload uses it (pods use the service accounts of their own namespace, and your workloads do not belong in kube-system)" if {
	doc.kind == "ServiceAccount"
} else := "which component reads it" if {
	doc.kind in {"ConfigMap", "Secret"}
} else := "which pods it selects (a disruption budget over AKS Arc's pods can block node drains during an upgrade)" if {
	doc.kind == "PodDisruptionBudget"
} else := "which traffic it blocks (a network policy in kube-system can cut AKS Arc's components off)" if {
	doc.kind == "NetworkPolicy"
} else := "what it does in kube-system and which of your components needs it there"

_role_ref(ref) := trim_space(sprintf("the %s %s", [_string(object.get(ref, "kind", "")), _string(object.get(ref, "name", ""))]))

# The subjects of a binding, "ServiceAccount monitoring/prometheus-k8s, Group system:authenticated".
_subjects(doc) := concat(", ", [s |
	some subject in _list(object.get(doc, "subjects", []))
	s := _subject(subject)
]) if count(_list(object.get(doc, "subjects", []))) > 0

_subjects(doc) := "no one" if count(_list(object.get(doc, "subjects", []))) == 0

_subject(s) := sprintf("%s %s/%s", [_string(object.get(s, "kind", "")), ns, _string(object.get(s, "name", ""))]) if {
	ns := _string(object.get(s, "namespace", ""))
	ns != ""
}

_subject(s) := sprintf("%s %s", [_string(object.get(s, "kind", "")), _string(object.get(s, "name", ""))]) if {
	_string(object.get(s, "namespace", "")) == ""
}

_list(x) := x if is_array(x)

_list(x) := [] if not is_array(x)

_string(s) := s if is_string(s)

_string(s) := "" if not is_string(s)
