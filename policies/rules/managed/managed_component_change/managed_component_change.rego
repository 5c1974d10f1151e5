# METADATA
# title: Change to an AKS Arc managed component
# description: |
#   A desired-state change (a manifest in a repository) creates or changes an AKS Arc managed
#   component: a kube-system object that matches the catalog's inventory (for example the coredns
#   ConfigMap or Deployment, the kube-proxy DaemonSet), or a cluster-scoped object of a kind the
#   inventory lists with one of its name prefixes (the system: ClusterRoles and
#   ClusterRoleBindings). Objects read from a cluster (they carry metadata.uid or
#   metadata.resourceVersion) are not changes and never fire; neither do Events.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#managed-features-in-aks-arc
#     description: Managed features in AKS Arc
# custom:
#   id: AKSARC-011
#   name: managed-component-change
#   severity: deny
#   section: Managed features in AKS Arc
#   input: object
#   requires: []
#   remediation: Remove the manifest, or change the component only through the AKS Arc tools where they offer the setting. AKS Arc deploys and maintains its managed components; a direct change is overwritten on the next update or leaves the cluster unsupported.
package lib.aksarc.rules.managed.managed_component_change

import data.lib.aksarc.inventory
import data.lib.aksarc.k8s
import data.lib.aksarc.result

violations(doc, ctx) := {f |
	not k8s.observed(doc)
	components := ctx.catalog.managedComponents
	inventory.managed(doc, components)
	kind := object.get(doc, "kind", "")
	name := inventory.name(doc)
	namespace := k8s.namespace(doc)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("%s %s%s is an AKS Arc managed component: AKS Arc manages it, and a change to it is overwritten or renders the cluster unsupported", [kind, name, _where(namespace)]),
		{"kind": kind, "name": name, "namespace": namespace, "matchedBy": inventory.managed_by(doc, components)},
	)
}

_where(namespace) := "" if namespace == ""

_where(namespace) := sprintf(" in %s", [namespace]) if namespace != ""
