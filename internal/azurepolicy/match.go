package azurepolicy

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"sigs.k8s.io/yaml"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
	"github.com/aksarc-opa/aksarc-opa/internal/gatekeeper"
)

// Azure Policy takes one apiGroups list and one kinds list per definition, never "*"; the
// Constraint then matches every pair of them. An area whose rules judge named kinds (the kind
// dispatch of policies/lib/dispatch.rego, as in deploy/gatekeeper) matches those kinds in their
// API groups.
// An area with a rule that judges objects of any kind (namespace, labels, API version) matches
// BroadKinds plus what the catalog names: the kinds whose API versions are removed
// (apiRemovals, AKSARC-070) and the cluster-scoped managed kinds (managedComponents,
// AKSARC-011). docs/azure-policy.md says what that leaves out.

// kindGroups are the API groups of the kinds the dispatch names and of BroadKinds.
var kindGroups = map[string][]string{
	"ClusterSnapshot":                  {"support.aksarc.io"},
	"Pod":                              {""},
	"PodTemplate":                      {""},
	"ReplicationController":            {""},
	"Node":                             {""},
	"Namespace":                        {""},
	"ConfigMap":                        {""},
	"Secret":                           {""},
	"Service":                          {""},
	"ServiceAccount":                   {""},
	"Deployment":                       {"apps"},
	"ReplicaSet":                       {"apps"},
	"StatefulSet":                      {"apps"},
	"DaemonSet":                        {"apps"},
	"Job":                              {"batch"},
	"CronJob":                          {"batch"},
	"Role":                             {"rbac.authorization.k8s.io"},
	"RoleBinding":                      {"rbac.authorization.k8s.io"},
	"ClusterRole":                      {"rbac.authorization.k8s.io"},
	"ClusterRoleBinding":               {"rbac.authorization.k8s.io"},
	"CustomResourceDefinition":         {"apiextensions.k8s.io"},
	"MutatingWebhookConfiguration":     {"admissionregistration.k8s.io"},
	"ValidatingWebhookConfiguration":   {"admissionregistration.k8s.io"},
	"ValidatingAdmissionPolicy":        {"admissionregistration.k8s.io"},
	"ValidatingAdmissionPolicyBinding": {"admissionregistration.k8s.io"},
	"NetworkAttachmentDefinition":      {"k8s.cni.cncf.io"},
	"KubeletConfiguration":             nil, // a kubelet file, never an API object
}

// BroadKinds are what an area matches when one of its rules judges any kind: the workloads and
// objects the rules read (pod templates, Nodes, Namespaces, configuration, RBAC, CRDs,
// admission configuration, Multus networks, ClusterSnapshots).
var BroadKinds = []string{
	"ClusterSnapshot", "Pod", "PodTemplate", "ReplicationController", "Deployment", "ReplicaSet",
	"StatefulSet", "DaemonSet", "Job", "CronJob", "Node", "Namespace", "ConfigMap", "Secret",
	"Service", "ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding",
	"CustomResourceDefinition", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
	"ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "NetworkAttachmentDefinition",
}

// match is the apiGroups and kinds of an area's definition, sorted.
func match(ev *evaluator.Evaluator, a *gatekeeper.Area) (groups, kinds []string, err error) {
	set := map[string]map[string]bool{} // kind -> groups
	addKind := func(kind string, gs ...string) {
		if set[kind] == nil {
			set[kind] = map[string]bool{}
		}
		for _, g := range gs {
			set[kind][g] = true
		}
	}
	named := a.MatchKinds()
	if named == nil {
		named = BroadKinds
		pairs, err := catalogKinds(ev.Catalog())
		if err != nil {
			return nil, nil, err
		}
		for _, p := range pairs {
			addKind(p[1], p[0])
		}
	}
	for _, k := range named {
		gs, ok := kindGroups[k]
		if !ok {
			return nil, nil, fmt.Errorf("the kind %s has no known API group (internal/azurepolicy kindGroups)", k)
		}
		if gs == nil {
			continue
		}
		addKind(k, gs...)
	}
	g := map[string]bool{}
	for k, gs := range set {
		if len(gs) == 0 {
			continue
		}
		kinds = append(kinds, k)
		maps.Copy(g, gs)
	}
	slices.Sort(kinds)
	return slices.Sorted(maps.Keys(g)), kinds, nil
}

// catalogKinds are the [group, kind] pairs the catalog names for rules that judge any kind: the
// removed API versions (apiRemovals.removals: apiVersion -> kind) and the cluster-scoped managed
// components (managedComponents.clusterScoped: kind -> ...), whose groups kindGroups gives.
func catalogKinds(catalog map[string]any) ([][2]string, error) {
	var out [][2]string
	removals, _ := dig(catalog, "apiRemovals", "removals").(map[string]any)
	if len(removals) == 0 {
		return nil, fmt.Errorf("the catalog has no apiRemovals.removals")
	}
	for apiVersion, kinds := range removals {
		group := ""
		if i := strings.LastIndex(apiVersion, "/"); i >= 0 {
			group = apiVersion[:i]
		}
		byKind, ok := kinds.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("catalog apiRemovals.removals[%s] is not an object", apiVersion)
		}
		for kind := range byKind {
			out = append(out, [2]string{group, kind})
		}
	}
	scoped, _ := dig(catalog, "managedComponents", "clusterScoped").(map[string]any)
	for kind := range scoped {
		gs := kindGroups[kind]
		if len(gs) == 0 {
			return nil, fmt.Errorf("the managed cluster-scoped kind %s has no known API group (internal/azurepolicy kindGroups)", kind)
		}
		for _, g := range gs {
			out = append(out, [2]string{g, kind})
		}
	}
	return out, nil
}

func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func yamlToStruct(b []byte, v any) error { return yaml.Unmarshal(b, v) }
