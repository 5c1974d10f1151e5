# METADATA
# title: Foreign object in kube-system
# description: |
#   An object in kube-system (a workload or any configuration: ConfigMap, Secret, Service,
#   RoleBinding, NetworkPolicy, custom resource, ...) is neither one of the AKS Arc managed
#   components (the catalog's inventory of names, name prefixes and labels) nor customer
#   configuration that Microsoft documents there (catalog customerConfig: the Container insights
#   and managed Prometheus ConfigMaps and TLS Secret, the Prometheus pod and service monitors,
#   the MetalLB load balancers and BGP peers of the Arc networking extension). AKS Arc maintains
#   every add-on and system component in kube-system; users must not add their own objects
#   there. Fires for manifests and for objects read from a cluster alike. Events are records and
#   never fire.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#managed-features-in-aks-arc
#     description: Managed features in AKS Arc
# custom:
#   id: AKSARC-010
#   name: kube-system-foreign-object
#   severity: deny
#   section: Managed features in AKS Arc
#   input: object
#   requires: []
#   remediation: Move the object (and the workload it belongs to) to a namespace of your own; kube-system holds only the components AKS Arc deploys and maintains and the configuration Microsoft documents there. If it is an AKS Arc component or documented configuration the inventory does not know, add it to managedComponents (names, prefixes, labels or customerConfig) in the catalog settings.
package lib.aksarc.rules.managed.kube_system_foreign_object

import data.lib.aksarc.inventory
import data.lib.aksarc.result

violations(doc, ctx) := {f |
	components := ctx.catalog.managedComponents
	inventory.foreign(doc, components)
	kind := inventory.kind(doc)
	name := inventory.name(doc)
	namespace := components.namespace
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("%s %s in %s is neither an AKS Arc managed component nor configuration Microsoft documents for %s; AKS Arc maintains what runs in %s, so your own workloads and configuration belong in a namespace of your own", [kind, name, namespace, namespace, namespace]),
		{"kind": kind, "name": name},
	)
}
