# METADATA
# title: Foreign object in kube-system
# description: |
#   An object in kube-system is not one of the AKS Arc managed components (the catalog's
#   inventory of names, name prefixes and labels). AKS Arc maintains every add-on and system
#   component in kube-system; users must not add workloads there. Fires for manifests and for
#   objects read from a cluster alike. Events are records, not workloads, and never fire.
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
#   remediation: Move the workload and its configuration to a namespace of your own; kube-system holds only the components AKS Arc deploys and maintains. If the object is an AKS Arc component the inventory does not know, add its name, prefix or label to managedComponents in the catalog settings.
package lib.aksarc.rules.managed.kube_system_foreign_object

import data.lib.aksarc.inventory
import data.lib.aksarc.result

violations(doc, ctx) := {f |
	components := ctx.catalog.managedComponents
	inventory.foreign(doc, components)
	kind := object.get(doc, "kind", "")
	name := inventory.name(doc)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("%s %s in %s is not an AKS Arc managed component; users must not add workloads to %s", [kind, name, components.namespace, components.namespace]),
		{"kind": kind, "name": name},
	)
}
