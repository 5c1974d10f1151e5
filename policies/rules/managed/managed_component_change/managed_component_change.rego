# METADATA
# title: Change to an AKS Arc managed component
# description: |
#   A desired-state change (a manifest in a repository) creates or changes an AKS Arc managed
#   component: a kube-system object that matches the catalog's inventory (for example the coredns
#   ConfigMap or Deployment, the kube-proxy DaemonSet), or a cluster-scoped RBAC object that
#   Kubernetes creates and maintains for its own components (catalog clusterScoped: the API
#   server's default ClusterRoles and ClusterRoleBindings such as system:node or cluster-admin,
#   the system:controller: roles, kubeadm's). A user's own ClusterRole or ClusterRoleBinding is
#   not one, even under the system: prefix. Customer configuration that Microsoft documents in
#   kube-system (catalog customerConfig, such as the container-azm-ms-agentconfig ConfigMap or
#   the MetalLB IPAddressPools of the Arc networking extension) is the customer's to change and
#   never fires. Objects read from a cluster (they carry metadata.uid or
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
	some f in change_violations(doc, ctx)
}

# change_violations judges an object that is being created, changed or deleted (in Gatekeeper,
# every admission request, whose objects carry a uid): a managed component is not the user's to
# change.
change_violations(doc, ctx) := {f |
	components := ctx.catalog.managedComponents
	inventory.managed(doc, components)
	kind := inventory.kind(doc)
	name := inventory.name(doc)
	namespace := _string(k8s.namespace(doc))
	f := result.finding(
		rego.metadata.chain(),
		doc,
		_message(doc, components, kind, name, namespace),
		{"kind": kind, "name": name, "namespace": namespace, "matchedBy": inventory.managed_by(doc, components)},
	)
}

_message(doc, components, kind, name, namespace) := msg if {
	inventory.in_namespace(doc, components)
	msg := sprintf("%s %s in %s is an AKS Arc managed component: AKS Arc manages it, and a change to it is overwritten or renders the cluster unsupported", [kind, name, namespace])
}

# Cluster-scoped: one of the RBAC objects Kubernetes creates for its own components, which AKS
# Arc manages ("Microsoft maintains all Kubernetes components").
_message(doc, components, kind, name, _) := msg if {
	not inventory.in_namespace(doc, components)
	msg := sprintf("%s %s is an RBAC object that Kubernetes creates and maintains for its own components, which AKS Arc manages: altering it is not supported, and the control plane or the next AKS Arc update may revert the change", [kind, name])
}

_string(s) := s if is_string(s)

_string(s) := "" if not is_string(s)
