package snapshotbuild

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

// reader reads one input. A value that is missing or null is not given; a value of the wrong
// type or outside what the schema allows is left out, with a note that says so. Only what
// identifies the command's output (its shape, its type, its name) makes an error.
type reader struct {
	b    *builder
	kind Kind
	in   *Input
}

func (r *reader) fail(format string, args ...any) error { return r.in.fail(r.kind, format, args...) }

func (r *reader) leftOut(where, format string, args ...any) {
	r.b.note("%s %s: %s %s; left out", r.kind.Flag(), baseName(r.in.Name), where, fmt.Sprintf(format, args...))
}

func (r *reader) str(m map[string]any, key, where string) string {
	v, ok := m[key]
	if !ok || v == nil {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		r.leftOut(where, "is %s, not a string", describeJSON(v))
		return ""
	}
	return strings.TrimSpace(s)
}

// enum reads a string that must be one of allowed (compared without case; written as allowed
// spells it).
func (r *reader) enum(m map[string]any, key, where string, allowed []string) string {
	s := r.str(m, key, where)
	if s == "" {
		return ""
	}
	for _, a := range allowed {
		if strings.EqualFold(s, a) {
			return a
		}
	}
	r.leftOut(where, "is %q, which a snapshot cannot hold (%s)", s, strings.Join(allowed, ", "))
	return ""
}

func (r *reader) versionField(m map[string]any, key, where string) string {
	s := r.str(m, key, where)
	if s != "" && !versionPattern.MatchString(s) {
		r.leftOut(where, "is %q, not a Kubernetes version", s)
		return ""
	}
	return s
}

func (r *reader) count(m map[string]any, key, where string) *int64 {
	v, ok := m[key]
	if !ok || v == nil {
		return nil
	}
	n, isNumber := v.(json.Number)
	if !isNumber {
		r.leftOut(where, "is %s, not a number", describeJSON(v))
		return nil
	}
	i, err := n.Int64()
	if err != nil || i < 0 {
		r.leftOut(where, "is %s, not a whole number of at least 0", n)
		return nil
	}
	return &i
}

func (r *reader) boolean(m map[string]any, key, where string) *bool {
	v, ok := m[key]
	if !ok || v == nil {
		return nil
	}
	x, ok := v.(bool)
	if !ok {
		r.leftOut(where, "is %s, not true or false", describeJSON(v))
		return nil
	}
	return &x
}

func (r *reader) object(m map[string]any, key, where string) map[string]any {
	v, ok := m[key]
	if !ok || v == nil {
		return nil
	}
	o, ok := v.(map[string]any)
	if !ok {
		r.leftOut(where, "is %s, not an object", describeJSON(v))
		return nil
	}
	return o
}

func (r *reader) strings(m map[string]any, key, where string) []string {
	v, ok := m[key]
	if !ok || v == nil {
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		r.leftOut(where, "is %s, not a list", describeJSON(v))
		return nil
	}
	out := []string{}
	for i, e := range arr {
		s, ok := e.(string)
		if !ok {
			r.leftOut(fmt.Sprintf("%s[%d]", where, i), "is %s, not a string", describeJSON(e))
			continue
		}
		out = append(out, s)
	}
	return out
}

func (r *reader) stringMap(m map[string]any, key, where string) map[string]string {
	o := r.object(m, key, where)
	if o == nil {
		return nil
	}
	out := map[string]string{}
	for k, v := range o {
		s, ok := v.(string)
		if !ok {
			r.leftOut(where+"."+k, "is %s, not a string", describeJSON(v))
			continue
		}
		out[k] = s
	}
	return out
}

// timestamp reads an ARM time ("2022-11-04T14:59:59.050000+00:00") as RFC 3339 in UTC, to the
// second (rounded down, so never later than it was). Azure's "never" (0001-01-01T00:00:00Z) and
// a time the rules cannot judge are left out, never written as a date.
func (r *reader) timestamp(m map[string]any, key, where string) string {
	s := r.str(m, key, where)
	if s == "" {
		return ""
	}
	// RFC 3339 allows a lowercase t and z (check reads them too, evaluator.ParseTime).
	t, err := time.Parse(time.RFC3339Nano, strings.ToUpper(s))
	if err != nil {
		if t, err = time.Parse("2006-01-02T15:04:05.999999999", strings.ToUpper(s)); err == nil {
			r.b.note("%s %s: %s %q has no time zone; read as UTC (Azure Resource Manager times are UTC)", r.kind.Flag(), baseName(r.in.Name), where, s)
		}
	}
	if err != nil {
		r.leftOut(where, "is %q, not a time (RFC 3339, e.g. 2022-11-04T14:59:59.050000+00:00)", s)
		return ""
	}
	out := t.UTC().Truncate(time.Second).Format(time.RFC3339)
	if _, err := evaluator.ParseTime(out); errors.Is(err, evaluator.ErrNever) {
		r.leftOut(where, "is %q, Azure's \"never\" value, not a date: the fact is missing", s)
		return ""
	} else if err != nil {
		r.leftOut(where, "%v", err)
		return ""
	}
	return out
}

// showFacts is what az aksarc show says.
type showFacts struct {
	clusterName       string
	subscriptionID    string
	kubernetesVersion string
	provisioningState string
	network           *networkProfile
	vnetSubnetIDs     []string
	pools             []pool
}

const (
	typeProvisionedCluster = "microsoft.hybridcontainerservice/provisionedclusterinstances"
	typeAgentPool          = "microsoft.hybridcontainerservice/provisionedclusterinstances/agentpools"
	typeConnectedCluster   = "microsoft.kubernetes/connectedclusters"
)

func (r *reader) show(v any) (*showFacts, error) {
	obj, err := r.in.object(r.kind, v, typeProvisionedCluster)
	if err != nil {
		return nil, err
	}
	props, ok := obj["properties"].(map[string]any)
	if !ok {
		if _, present := obj["connectivityStatus"]; present {
			return nil, r.fail("has no properties object but a connectivityStatus: the output of `%s`? give it with %s", ConnectedK8s.Command(), ConnectedK8s.Flag())
		}
		return nil, r.fail("has no properties object: not the output of `%s -o json`", r.kind.Command())
	}
	if _, typed := obj["type"]; !typed {
		if _, hasVersion := props["kubernetesVersion"]; !hasVersion {
			return nil, r.fail("has neither a type nor properties.kubernetesVersion: not the output of `%s -o json`", r.kind.Command())
		}
	}
	f := &showFacts{}
	id, _ := obj["id"].(string)
	if m := connectedClusterSeg.FindStringSubmatch(id); m != nil {
		// az aksarc show names the instance "default"; the cluster is the connected cluster it extends.
		f.clusterName = m[1]
	} else if name, _ := obj["name"].(string); name != "" && !strings.EqualFold(name, "default") {
		f.clusterName = name
	}
	if m := subscriptionSeg.FindStringSubmatch(id); m != nil {
		f.subscriptionID = m[1]
	}

	if kv := r.str(props, "kubernetesVersion", "properties.kubernetesVersion"); kv != "" {
		if !versionPattern.MatchString(kv) {
			return nil, r.fail("properties.kubernetesVersion is %q, not a Kubernetes version (e.g. 1.32.6)", kv)
		}
		f.kubernetesVersion = kv
	}
	f.provisioningState = r.enum(props, "provisioningState", "properties.provisioningState", provisioningStates)
	if f.provisioningState == "" {
		if status := r.object(props, "status", "properties.status"); status != nil {
			f.provisioningState = r.enum(status, "currentState", "properties.status.currentState", provisioningStates)
		}
	}
	if np := r.object(props, "networkProfile", "properties.networkProfile"); np != nil {
		n := &networkProfile{
			NetworkPolicy: r.str(np, "networkPolicy", "properties.networkProfile.networkPolicy"),
			PodCidr:       r.str(np, "podCidr", "properties.networkProfile.podCidr"),
		}
		if lb := r.object(np, "loadBalancerProfile", "properties.networkProfile.loadBalancerProfile"); lb != nil {
			if c := r.count(lb, "count", "properties.networkProfile.loadBalancerProfile.count"); c != nil {
				n.LoadBalancerProfile = &loadBalancerProfile{Count: c}
			}
		}
		if n.NetworkPolicy != "" || n.PodCidr != "" || n.LoadBalancerProfile != nil {
			f.network = n
		}
	}
	if cp := r.object(props, "cloudProviderProfile", "properties.cloudProviderProfile"); cp != nil {
		if inp := r.object(cp, "infraNetworkProfile", "properties.cloudProviderProfile.infraNetworkProfile"); inp != nil {
			f.vnetSubnetIDs = r.strings(inp, "vnetSubnetIds", "properties.cloudProviderProfile.infraNetworkProfile.vnetSubnetIds")
		}
	}
	if raw, present := props["agentPoolProfiles"]; present && raw != nil {
		arr, ok := raw.([]any)
		if !ok {
			r.leftOut("properties.agentPoolProfiles", "is %s, not a list", describeJSON(raw))
		}
		for i, e := range arr {
			where := fmt.Sprintf("properties.agentPoolProfiles[%d]", i)
			p, ok := e.(map[string]any)
			if !ok {
				r.leftOut(where, "is %s, not an object", describeJSON(e))
				continue
			}
			name := r.str(p, "name", where+".name")
			if name == "" {
				r.leftOut(where, "has no name")
				continue
			}
			f.pools = append(f.pools, r.pool(p, name, where))
		}
	}
	return f, nil
}

// pool reads the properties of a node pool (az aksarc nodepool list .properties, or an entry of
// az aksarc show .properties.agentPoolProfiles).
func (r *reader) pool(p map[string]any, name, where string) pool {
	osSKUKey := "osSKU"
	if _, ok := p[osSKUKey]; !ok {
		osSKUKey = "osSku" // older clients spell it so
	}
	return pool{
		Name:              name,
		Count:             r.count(p, "count", where+".count"),
		VMSize:            r.str(p, "vmSize", where+".vmSize"),
		OSType:            r.enum(p, "osType", where+".osType", osTypes),
		OSSKU:             r.str(p, osSKUKey, where+"."+osSKUKey),
		KubernetesVersion: r.versionField(p, "kubernetesVersion", where+".kubernetesVersion"),
		NodeImageVersion:  r.str(p, "nodeImageVersion", where+".nodeImageVersion"),
		NodeLabels:        r.stringMap(p, "nodeLabels", where+".nodeLabels"),
		NodeTaints:        r.strings(p, "nodeTaints", where+".nodeTaints"),
		EnableAutoScaling: r.boolean(p, "enableAutoScaling", where+".enableAutoScaling"),
		MinCount:          r.count(p, "minCount", where+".minCount"),
		MaxCount:          r.count(p, "maxCount", where+".maxCount"),
		MaxPods:           r.count(p, "maxPods", where+".maxPods"),
	}
}

func (r *reader) nodePools(v any) ([]pool, error) {
	arr, ok := v.([]any)
	if !ok {
		hint := ""
		if obj, isObject := v.(map[string]any); isObject {
			if what, isK8s := kubernetesObject(obj); isK8s {
				return nil, r.fail("this is %s, not the output of `%s -o json`", what, r.kind.Command())
			}
			if t, _ := obj["type"].(string); strings.EqualFold(t, typeAgentPool) {
				hint = " (one pool from `az aksarc nodepool show`? give `az aksarc nodepool list -o json`)"
			} else {
				hint = wrongFlagHint(t)
			}
		}
		return nil, r.fail("expected a JSON array (the output of `%s -o json`), found %s%s", r.kind.Command(), describeJSON(v), hint)
	}
	var pools []pool
	for i, e := range arr {
		obj, ok := e.(map[string]any)
		if !ok {
			return nil, r.fail("item %d is %s, not a node pool (an object)", i+1, describeJSON(e))
		}
		if what, isK8s := kubernetesObject(obj); isK8s {
			return nil, r.fail("item %d is %s, not a node pool of `%s -o json`", i+1, what, r.kind.Command())
		}
		if t, present := obj["type"]; present {
			if s, _ := t.(string); !strings.EqualFold(s, typeAgentPool) {
				return nil, r.fail("item %d has type %s, not %s: not a node pool of `%s -o json`%s", i+1, quoteValue(t), typeAgentPool, r.kind.Command(), wrongFlagHint(s))
			}
		}
		name, _ := obj["name"].(string)
		if strings.TrimSpace(name) == "" {
			return nil, r.fail("item %d has no name: not a node pool of `%s -o json`", i+1, r.kind.Command())
		}
		props, ok := obj["properties"].(map[string]any)
		if !ok {
			return nil, r.fail("item %d (%s) has no properties object: not a node pool of `%s -o json`", i+1, name, r.kind.Command())
		}
		pools = append(pools, r.pool(props, strings.TrimSpace(name), fmt.Sprintf("[%d] %s properties", i, name)))
	}
	if len(pools) == 0 {
		r.b.note("%s %s lists no node pools: spec.cluster.agentPoolProfiles left out", r.kind.Flag(), baseName(r.in.Name))
	}
	return pools, nil
}

// connectedFacts is what az connectedk8s show says.
type connectedFacts struct {
	name                 string
	status               string
	lastConnectivityTime string
	infrastructure       string
	kubernetesVersion    string
}

func (r *reader) connectedK8s(v any) (*connectedFacts, error) {
	obj, err := r.in.object(r.kind, v, typeConnectedCluster)
	if err != nil {
		return nil, err
	}
	// az prints the properties at the top level; the REST API (az rest, az resource show) nests them.
	props := obj
	where := ""
	if p, ok := obj["properties"].(map[string]any); ok {
		if _, flat := obj["connectivityStatus"]; !flat {
			props, where = p, "properties."
		}
	}
	if _, typed := obj["type"]; !typed {
		if _, present := props["connectivityStatus"]; !present {
			return nil, r.fail("has neither a type nor a connectivityStatus: not the output of `%s -o json`", r.kind.Command())
		}
	}
	f := &connectedFacts{
		status:               r.enum(props, "connectivityStatus", where+"connectivityStatus", connectivityStates),
		lastConnectivityTime: r.timestamp(props, "lastConnectivityTime", where+"lastConnectivityTime"),
		infrastructure:       r.str(props, "infrastructure", where+"infrastructure"),
		kubernetesVersion:    r.versionField(props, "kubernetesVersion", where+"kubernetesVersion"),
	}
	f.name, _ = obj["name"].(string)
	f.name = strings.TrimSpace(f.name)
	return f, nil
}

// accountFacts is what az account show says.
type accountFacts struct {
	id, state string
}

func (r *reader) account(v any) (*accountFacts, error) {
	obj, err := r.in.object(r.kind, v, "")
	if err != nil {
		return nil, err
	}
	if t, present := obj["type"]; present {
		s, _ := t.(string)
		return nil, r.fail("is an Azure resource of type %s: not the output of `%s -o json`%s", quoteValue(t), r.kind.Command(), wrongFlagHint(s))
	}
	id, _ := obj["id"].(string)
	tenant, _ := obj["tenantId"].(string)
	if strings.TrimSpace(id) == "" || strings.TrimSpace(tenant) == "" {
		return nil, r.fail("has no id or no tenantId: not the output of `%s -o json`", r.kind.Command())
	}
	return &accountFacts{
		id:    strings.TrimSpace(id),
		state: r.enum(obj, "state", "state", subscriptionStates),
	}, nil
}

func (r *reader) nodes(v any) ([]node, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, r.fail("expected a JSON object (a List of Nodes from `kubectl get nodes -o json`), found %s", describeJSON(v))
	}
	what, isK8s := kubernetesObject(obj)
	if !isK8s {
		return nil, r.fail("has no apiVersion and kind: not the output of `kubectl get nodes -o json`%s", wrongFlagHint(fmt.Sprint(obj["type"])))
	}
	kind, _ := obj["kind"].(string)
	var items []any
	switch kind {
	case "Node":
		items = []any{obj}
	case "List", "NodeList":
		raw, present := obj["items"]
		items, ok = raw.([]any)
		if !ok && present && raw != nil {
			return nil, r.fail("items is %s, not a list", describeJSON(raw))
		}
	default:
		return nil, r.fail("this is %s, not a Node or a list of Nodes (`kubectl get nodes -o json`)", what)
	}
	var out []node
	for i, e := range items {
		item, ok := e.(map[string]any)
		if !ok {
			return nil, r.fail("item %d is %s, not a Node", i+1, describeJSON(e))
		}
		itemKind, _ := item["kind"].(string)
		apiVersion, _ := item["apiVersion"].(string)
		typedList := kind == "NodeList" && itemKind == "" // the API's NodeList leaves kind out of its items
		if !typedList && (itemKind != "Node" || apiVersion != "v1") {
			desc := "an object without apiVersion and kind"
			if w, ok := kubernetesObject(item); ok {
				desc = w
			}
			return nil, r.fail("item %d is %s, not a Node (give `kubectl get nodes -o json`)", i+1, desc)
		}
		n, err := r.node(item, i+1)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	if len(out) == 0 {
		r.b.note("%s %s lists no nodes: spec.nodes left out", r.kind.Flag(), baseName(r.in.Name))
	}
	return out, nil
}

func (r *reader) node(item map[string]any, index int) (node, error) {
	meta, _ := item["metadata"].(map[string]any)
	name, _ := meta["name"].(string)
	if strings.TrimSpace(name) == "" {
		return node{}, r.fail("item %d is a Node without metadata.name", index)
	}
	where := "Node " + name
	n := node{Name: name}
	if labels := r.object(meta, "labels", where+" metadata.labels"); labels != nil {
		n.NodePool = r.str(labels, "msft.microsoft/nodepool-name", where+" label msft.microsoft/nodepool-name")
	}
	if spec := r.object(item, "spec", where+" spec"); spec != nil {
		n.ProviderID = r.str(spec, "providerID", where+" spec.providerID")
	}
	status := r.object(item, "status", where+" status")
	if info := r.object(status, "nodeInfo", where+" status.nodeInfo"); info != nil {
		n.KubeletVersion = r.reported(info, "kubeletVersion", where+" status.nodeInfo.kubeletVersion")
		n.KubeProxyVersion = r.reported(info, "kubeProxyVersion", where+" status.nodeInfo.kubeProxyVersion")
		n.OSImage = r.str(info, "osImage", where+" status.nodeInfo.osImage")
	}
	return n, nil
}

// reported reads a version a node reports: a Kubernetes version, or "" when the node reports
// none (kubeProxyVersion since Kubernetes 1.31); missing when the Node does not have the field.
func (r *reader) reported(m map[string]any, key, where string) *string {
	v, present := m[key]
	if !present || v == nil {
		return nil
	}
	s, ok := v.(string)
	if !ok {
		r.leftOut(where, "is %s, not a string", describeJSON(v))
		return nil
	}
	s = strings.TrimSpace(s)
	if s != "" && !versionPattern.MatchString(s) {
		r.leftOut(where, "is %q, not a Kubernetes version", s)
		return nil
	}
	return &s
}

// version reads the apiserver's version from kubectl version.
func (r *reader) version(v any) (string, error) {
	obj, err := r.in.object(r.kind, v, "")
	if err != nil {
		return "", err
	}
	raw, present := obj["serverVersion"]
	if !present || raw == nil {
		if _, client := obj["clientVersion"]; client {
			return "", r.fail("has a clientVersion but no serverVersion: kubectl did not reach the cluster (run `kubectl version -o json` with the cluster's kubeconfig)")
		}
		return "", r.fail("has neither clientVersion nor serverVersion: not the output of `%s -o json`", r.kind.Command())
	}
	server, ok := raw.(map[string]any)
	if !ok {
		return "", r.fail("serverVersion is %s, not an object", describeJSON(raw))
	}
	gitVersion, _ := server["gitVersion"].(string)
	gitVersion = strings.TrimSpace(gitVersion)
	if gitVersion == "" {
		return "", r.fail("serverVersion has no gitVersion: not the output of `%s -o json`", r.kind.Command())
	}
	if !versionPattern.MatchString(gitVersion) {
		r.leftOut("serverVersion.gitVersion", "is %q, not a Kubernetes version", gitVersion)
		return "", nil
	}
	return gitVersion, nil
}
