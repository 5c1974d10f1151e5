package snapshotbuild

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
	"sigs.k8s.io/yaml"
)

// The outputs of one AKS Arc cluster on Azure Local, as az and kubectl print them.
const testdata = "testdata/edge-store-051"

var testFiles = map[Kind]string{
	AzShow:       "az-aksarc-show.json",
	NodePools:    "az-aksarc-nodepool-list.json",
	ConnectedK8s: "az-connectedk8s-show.json",
	Account:      "az-account-show.json",
	Nodes:        "kubectl-get-nodes.json",
	Version:      "kubectl-version.json",
}

var captured = time.Date(2025, 10, 31, 18, 30, 0, 0, time.UTC)

func file(t *testing.T, k Kind) *Input {
	t.Helper()
	path := filepath.Join(testdata, testFiles[k])
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return &Input{Name: path, Data: data}
}

// edited is the test file of k, changed by edit (which gets the decoded JSON).
func edited(t *testing.T, k Kind, edit func(v any) any) *Input {
	t.Helper()
	in := file(t, k)
	var v any
	if err := json.Unmarshal(in.Data, &v); err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(edit(v))
	if err != nil {
		t.Fatal(err)
	}
	return &Input{Name: in.Name, Data: data}
}

func raw(name, data string) *Input { return &Input{Name: name, Data: []byte(data)} }

func inputs(ins map[Kind]*Input) Inputs {
	var out Inputs
	for k, in := range ins {
		out[k] = in
	}
	return out
}

// build builds and decodes the snapshot; it fails the test unless the evaluator accepts it.
func build(t *testing.T, in Inputs, opts Options) (map[string]any, *Result) {
	t.Helper()
	if opts.CapturedAt.IsZero() {
		opts.CapturedAt = captured
	}
	res, err := Build(in, opts)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	docs, err := evaluator.Decode("built.yaml", bytes.NewReader(res.YAML))
	if err != nil || len(docs) != 1 || !docs[0].IsClusterSnapshot() {
		t.Fatalf("the evaluator does not accept the snapshot (%v):\n%s", err, res.YAML)
	}
	var m map[string]any
	if err := yaml.Unmarshal(res.YAML, &m); err != nil {
		t.Fatal(err)
	}
	return m, res
}

// at returns the value at a dotted path ("spec.nodes.0.name"), nil when there is none.
func at(m any, path string) any {
	for _, p := range strings.Split(path, ".") {
		switch x := m.(type) {
		case map[string]any:
			m = x[p]
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			m = x[i]
		default:
			return nil
		}
	}
	return m
}

func want(t *testing.T, m map[string]any, path string, expected any) {
	t.Helper()
	got := at(m, path)
	if !reflect.DeepEqual(got, expected) {
		t.Errorf("%s = %#v, want %#v", path, got, expected)
	}
}

func absent(t *testing.T, m map[string]any, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if got := at(m, p); got != nil {
			t.Errorf("%s = %#v, want it left out", p, got)
		}
	}
}

func noteContaining(t *testing.T, res *Result, parts ...string) {
	t.Helper()
	for _, n := range res.Notes {
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(n, p)
		}
		if ok {
			return
		}
	}
	t.Errorf("no note contains %q; notes:\n%s", parts, strings.Join(res.Notes, "\n"))
}

func inputError(t *testing.T, err error, k Kind, parts ...string) {
	t.Helper()
	var ie *InputError
	if !errors.As(err, &ie) || ie.Kind != k {
		t.Fatalf("error %v: want an InputError of %s", err, k.Flag())
	}
	for _, p := range append([]string{k.Flag()}, parts...) {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q lacks %q", err, p)
		}
	}
}

func TestAzAksarcShowMapsTheCluster(t *testing.T) {
	m, res := build(t, inputs(map[Kind]*Input{AzShow: file(t, AzShow)}), Options{})
	want(t, m, "apiVersion", "support.aksarc.io/v1alpha1")
	want(t, m, "kind", "ClusterSnapshot")
	// az aksarc show names the instance "default": the name is the connected cluster's, from the id.
	want(t, m, "metadata.name", "edge-store-051")
	want(t, m, "spec.capturedAt", "2025-10-31T18:30:00Z")
	want(t, m, "spec.cluster.kubernetesVersion", "1.32.6")
	want(t, m, "spec.cluster.provisioningState", "Succeeded")
	want(t, m, "spec.cluster.networkProfile", map[string]any{"networkPolicy": "calico", "podCidr": "10.244.0.0/16", "loadBalancerProfile": map[string]any{"count": float64(0)}})
	want(t, m, "spec.cluster.cloudProviderProfile.infraNetworkProfile.vnetSubnetIds", []any{
		"/subscriptions/3f6e1c2a-8b4d-4e7f-9a1c-5d2b7e8f0a13/resourceGroups/rg-edge-051/providers/Microsoft.AzureStackHCI/logicalNetworks/lnet-store-051"})
	// Without the node pool list, the pools of az aksarc show; its nulls are not facts.
	want(t, m, "spec.cluster.agentPoolProfiles", []any{map[string]any{
		"name": "nodepool1", "count": float64(2), "vmSize": "Standard_A4_v2", "osType": "Linux", "osSKU": "CBLMariner", "enableAutoScaling": false}})
	// An Azure Local logical network tells the platform.
	want(t, m, "spec.platform", "AzureLocal")
	absent(t, m, "spec.host", "spec.nodes", "spec.controlPlane", "spec.connectivity", "spec.subscription", "spec.cluster.power", "spec.features")
	noteContaining(t, res, "not given: --nodepools", "from --az-show only")
	noteContaining(t, res, "not given: --connectedk8s", "spec.connectivity left out")
	noteContaining(t, res, "not given: --account", "spec.subscription left out")
	noteContaining(t, res, "not given: --nodes", "spec.nodes left out")
	noteContaining(t, res, "not given: --version", "spec.controlPlane.components left out")
	noteContaining(t, res, "not given: --host-os or --azure-local-release")
	noteContaining(t, res, "no input gives spec.cluster.power, spec.cluster.release, spec.features")
	for _, line := range []string{
		"# ClusterSnapshot built by `aksarc-opa snapshot` from:\n",
		"#   az aksarc show           az-aksarc-show.json\n",
		"# - not given: --account",
	} {
		if !bytes.Contains(res.YAML, []byte(line)) {
			t.Errorf("header lacks %q:\n%s", line, res.YAML)
		}
	}
}

func TestAzAksarcShowVersionKeepsItsLeadingV(t *testing.T) {
	show := edited(t, AzShow, func(v any) any {
		v.(map[string]any)["properties"].(map[string]any)["kubernetesVersion"] = "v1.31.10"
		return v
	})
	m, _ := build(t, inputs(map[Kind]*Input{AzShow: show}), Options{})
	want(t, m, "spec.cluster.kubernetesVersion", "v1.31.10")
}

func TestProvisioningStateFallsBackToStatusCurrentState(t *testing.T) {
	show := edited(t, AzShow, func(v any) any {
		props := v.(map[string]any)["properties"].(map[string]any)
		delete(props, "provisioningState")
		props["status"].(map[string]any)["currentState"] = "upgrading"
		return v
	})
	m, _ := build(t, inputs(map[Kind]*Input{AzShow: show}), Options{})
	want(t, m, "spec.cluster.provisioningState", "Upgrading")
}

func TestValuesASnapshotCannotHoldAreLeftOutWithANote(t *testing.T) {
	show := edited(t, AzShow, func(v any) any {
		props := v.(map[string]any)["properties"].(map[string]any)
		props["provisioningState"] = "InProgress"
		props["status"].(map[string]any)["currentState"] = nil
		props["networkProfile"].(map[string]any)["podCidr"] = 42
		return v
	})
	m, res := build(t, inputs(map[Kind]*Input{AzShow: show}), Options{})
	absent(t, m, "spec.cluster.provisioningState", "spec.cluster.networkProfile.podCidr")
	noteContaining(t, res, "--az-show az-aksarc-show.json: properties.provisioningState is \"InProgress\", which a snapshot cannot hold", "left out")
	noteContaining(t, res, "properties.networkProfile.podCidr is a number, not a string; left out")
}

func TestNodePoolListGivesThePools(t *testing.T) {
	m, _ := build(t, inputs(map[Kind]*Input{AzShow: file(t, AzShow), NodePools: file(t, NodePools)}), Options{})
	want(t, m, "spec.cluster.agentPoolProfiles", []any{
		map[string]any{"name": "nodepool1", "count": float64(2), "vmSize": "Standard_A4_v2", "osType": "Linux", "osSKU": "CBLMariner",
			"kubernetesVersion": "1.32.6", "nodeImageVersion": "Linux-K8s-1.32.6-v20251020", "enableAutoScaling": false},
		// Added after the cluster was created: only the list knows it.
		map[string]any{"name": "winpool", "count": float64(1), "vmSize": "Standard_A4_v2", "osType": "Windows", "osSKU": "Windows2022",
			"kubernetesVersion": "1.32.6", "nodeImageVersion": "Windows-K8s-1.32.6-v20251020", "nodeLabels": map[string]any{"workload": "pos"},
			"nodeTaints": []any{"os=windows:NoSchedule"}, "enableAutoScaling": false, "maxPods": float64(110)},
	})
}

func TestNodePoolFieldsAndTheirSpellings(t *testing.T) {
	pools := raw("pools.json", `[{"name": "gpu", "type": "Microsoft.HybridContainerService/provisionedClusterInstances/agentPools",
	  "properties": {"count": 1, "osType": "linux", "osSku": "CBLMariner", "kubernetesVersion": "v1.31.10", "enableAutoScaling": true,
	    "minCount": 1, "maxCount": 3, "maxPods": 30, "nodeLabels": {}, "nodeTaints": [], "status": {"readyReplicas": []}}}]`)
	m, _ := build(t, inputs(map[Kind]*Input{NodePools: pools, Version: file(t, Version)}), Options{Name: "c", Platform: "WindowsServer", HostOS: "Windows Server 2022 Datacenter"})
	// osSku (older clients) is osSKU; an empty label map or taint list says nothing.
	want(t, m, "spec.cluster.agentPoolProfiles", []any{map[string]any{"name": "gpu", "count": float64(1), "osType": "Linux", "osSKU": "CBLMariner",
		"kubernetesVersion": "v1.31.10", "enableAutoScaling": true, "minCount": float64(1), "maxCount": float64(3), "maxPods": float64(30)}})
}

func TestAnEmptyNodePoolListIsNoted(t *testing.T) {
	m, res := build(t, inputs(map[Kind]*Input{AzShow: file(t, AzShow), NodePools: raw("pools.json", "[]")}), Options{})
	absent(t, m, "spec.cluster.agentPoolProfiles")
	noteContaining(t, res, "--nodepools pools.json lists no node pools")
}

func TestConnectedK8sGivesConnectivity(t *testing.T) {
	m, _ := build(t, inputs(map[Kind]*Input{ConnectedK8s: file(t, ConnectedK8s)}), Options{})
	want(t, m, "metadata.name", "edge-store-051")
	// "2025-10-06T14:59:59.050000+00:00": RFC 3339, UTC, to the second.
	want(t, m, "spec.connectivity", map[string]any{"connectivityStatus": "Offline", "lastConnectivityTime": "2025-10-06T14:59:59Z"})
	// Without az aksarc show, the version az connectedk8s show reports.
	want(t, m, "spec.cluster.kubernetesVersion", "1.32.6")
	// infrastructure azure_stack_hci: Azure Local.
	want(t, m, "spec.platform", "AzureLocal")
}

func TestConnectivityTimesAreNormalizedToUTC(t *testing.T) {
	for in, out := range map[string]string{
		"2022-11-04T14:59:59.050000+00:00": "2022-11-04T14:59:59Z",
		"2022-11-04T16:59:59.999+02:00":    "2022-11-04T14:59:59Z",
		"2022-11-04T14:59:59Z":             "2022-11-04T14:59:59Z",
		"2022-11-04T14:59:59.05":           "2022-11-04T14:59:59Z", // no zone: UTC, with a note
		"2022-11-04t14:59:59z":             "2022-11-04T14:59:59Z", // RFC 3339 allows lowercase t and z, as check reads them
	} {
		ck := edited(t, ConnectedK8s, func(v any) any { v.(map[string]any)["lastConnectivityTime"] = in; return v })
		m, _ := build(t, inputs(map[Kind]*Input{ConnectedK8s: ck}), Options{})
		want(t, m, "spec.connectivity.lastConnectivityTime", out)
	}
	ck := edited(t, ConnectedK8s, func(v any) any { v.(map[string]any)["lastConnectivityTime"] = "last Tuesday"; return v })
	m, res := build(t, inputs(map[Kind]*Input{ConnectedK8s: ck}), Options{})
	absent(t, m, "spec.connectivity.lastConnectivityTime")
	noteContaining(t, res, `lastConnectivityTime is "last Tuesday", not a time`)
}

// Azure prints 0001-01-01T00:00:00Z for a cluster that never connected: a missing fact, so the
// snapshot leaves it out (AKSARC-044 is then not evaluated), never a date 2,000 years old.
func TestAzureNeverIsLeftOutNotWrittenAsADate(t *testing.T) {
	for in, note := range map[string]string{
		"0001-01-01T00:00:00Z":      `"never" value`,
		"0001-01-01T00:00:00+00:00": `"never" value`,
		"2300-01-01T00:00:00Z":      "outside what can be judged",
	} {
		ck := edited(t, ConnectedK8s, func(v any) any { v.(map[string]any)["lastConnectivityTime"] = in; return v })
		m, res := build(t, inputs(map[Kind]*Input{ConnectedK8s: ck}), Options{})
		absent(t, m, "spec.connectivity.lastConnectivityTime")
		noteContaining(t, res, note)
	}
}

func TestConnectedK8sFromTheRESTAPINestsItsProperties(t *testing.T) {
	ck := raw("rest.json", `{"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/lab-1",
	  "name": "lab-1", "type": "Microsoft.Kubernetes/connectedClusters",
	  "properties": {"connectivityStatus": "Connected", "lastConnectivityTime": "2025-10-31T23:10:00Z", "kubernetesVersion": "1.31.10", "infrastructure": "generic"}}`)
	m, res := build(t, inputs(map[Kind]*Input{ConnectedK8s: ck}), Options{})
	want(t, m, "metadata.name", "lab-1")
	want(t, m, "spec.connectivity", map[string]any{"connectivityStatus": "Connected", "lastConnectivityTime": "2025-10-31T23:10:00Z"})
	absent(t, m, "spec.platform")
	noteContaining(t, res, "spec.platform is left out: no input tells the platform")
}

func TestAccountGivesTheSubscription(t *testing.T) {
	acct := edited(t, Account, func(v any) any { v.(map[string]any)["state"] = "PastDue"; return v })
	m, res := build(t, inputs(map[Kind]*Input{AzShow: file(t, AzShow), Account: acct}), Options{})
	want(t, m, "spec.subscription", map[string]any{"id": "3f6e1c2a-8b4d-4e7f-9a1c-5d2b7e8f0a13", "state": "PastDue"})
	noteContaining(t, res, "spec.subscription.stateChangedAt")

	other := edited(t, Account, func(v any) any { v.(map[string]any)["id"] = "0c8d4a52-8e11-4f0e-a3b2-91d5c7e6f4a8"; return v })
	// Another subscription's state is not this cluster's: an error, not a note.
	_, err := Build(inputs(map[Kind]*Input{AzShow: file(t, AzShow), Account: other}), Options{CapturedAt: captured})
	if err == nil || !strings.Contains(err.Error(), "is subscription 0c8d4a52-8e11-4f0e-a3b2-91d5c7e6f4a8 but the cluster of --az-show") {
		t.Errorf("a subscription mismatch: err = %v", err)
	}
}

func TestKubectlGetNodesGivesTheNodes(t *testing.T) {
	m, _ := build(t, inputs(map[Kind]*Input{AzShow: file(t, AzShow), Nodes: file(t, Nodes)}), Options{})
	nodes, _ := at(m, "spec.nodes").([]any)
	if len(nodes) != 5 {
		t.Fatalf("spec.nodes = %v", nodes)
	}
	// The control plane node belongs to no pool; kube-proxy no longer reports its version ("").
	want(t, m, "spec.nodes.0", map[string]any{"name": "moc-k4v8c2n6xd", "providerID": "moc://moc-k4v8c2n6xd",
		"kubeletVersion": "v1.32.6", "kubeProxyVersion": "", "osImage": "CBL-Mariner/Linux"})
	// A node without providerID keeps none.
	want(t, m, "spec.nodes.3", map[string]any{"name": "moc-lp9x3d6vje", "nodePool": "nodepool1",
		"kubeletVersion": "v1.32.6", "kubeProxyVersion": "", "osImage": "CBL-Mariner/Linux"})
	want(t, m, "spec.nodes.4.nodePool", "winpool")
	want(t, m, "spec.nodes.4.osImage", "Windows Server 2022 Datacenter")
}

func TestNodeShapes(t *testing.T) {
	one := `{"apiVersion": "v1", "kind": "Node", "metadata": {"name": "moc-a", "labels": {"msft.microsoft/nodepool-name": "p"}},
	  "spec": {"providerID": "moc://moc-a"}, "status": {"nodeInfo": {"kubeletVersion": "v1.31.10", "kubeProxyVersion": "v1.31.10"}}}`
	typed := `{"apiVersion": "v1", "kind": "NodeList", "metadata": {}, "items": [{"metadata": {"name": "moc-b"}, "status": {}}]}`
	m, _ := build(t, inputs(map[Kind]*Input{AzShow: file(t, AzShow), Nodes: raw("node.json", one)}), Options{})
	want(t, m, "spec.nodes", []any{map[string]any{"name": "moc-a", "nodePool": "p", "providerID": "moc://moc-a", "kubeletVersion": "v1.31.10", "kubeProxyVersion": "v1.31.10"}})
	m, _ = build(t, inputs(map[Kind]*Input{AzShow: file(t, AzShow), Nodes: raw("nodelist.json", typed)}), Options{})
	want(t, m, "spec.nodes", []any{map[string]any{"name": "moc-b"}})
}

func TestKubectlVersionGivesTheAPIServer(t *testing.T) {
	m, _ := build(t, inputs(map[Kind]*Input{AzShow: file(t, AzShow), Version: file(t, Version)}), Options{})
	want(t, m, "spec.controlPlane.components", []any{map[string]any{"name": "kube-apiserver", "version": "v1.32.6"}})
	// Alone, it also gives the cluster's version, and there is no name.
	_, err := Build(inputs(map[Kind]*Input{Version: file(t, Version)}), Options{CapturedAt: captured})
	if err == nil || !strings.Contains(err.Error(), "no cluster name: give --name") {
		t.Fatalf("err = %v", err)
	}
	m, res := build(t, inputs(map[Kind]*Input{Version: file(t, Version)}), Options{Name: "lab"})
	want(t, m, "spec.cluster.kubernetesVersion", "v1.32.6")
	noteContaining(t, res, "spec.cluster.kubernetesVersion is the apiserver's version from kubectl version")
}

func TestPlatform(t *testing.T) {
	// --platform wins, with a note where the inputs suggest otherwise.
	m, res := build(t, inputs(map[Kind]*Input{AzShow: file(t, AzShow), ConnectedK8s: file(t, ConnectedK8s)}), Options{Platform: "WindowsServer"})
	want(t, m, "spec.platform", "WindowsServer")
	noteContaining(t, res, "spec.platform is WindowsServer as --platform says, although --connectedk8s (infrastructure azure_stack_hci) suggests AzureLocal")
	// A Windows Server host OS tells WindowsServer; an Azure Local release tells AzureLocal.
	plain := raw("ck.json", `{"name": "c", "type": "microsoft.kubernetes/connectedclusters", "connectivityStatus": "Connected", "kubernetesVersion": "1.31.10"}`)
	m, _ = build(t, inputs(map[Kind]*Input{ConnectedK8s: plain}), Options{HostOS: "Windows Server 2022 Datacenter"})
	want(t, m, "spec.platform", "WindowsServer")
	want(t, m, "spec.host", map[string]any{"os": "Windows Server 2022 Datacenter"})
	m, _ = build(t, inputs(map[Kind]*Input{ConnectedK8s: plain}), Options{AzureLocalRelease: "2510"})
	want(t, m, "spec.platform", "AzureLocal")
	want(t, m, "spec.host", map[string]any{"azureLocalRelease": "2510"})
	// Inputs that disagree, and no --platform: an error.
	_, err := Build(inputs(map[Kind]*Input{ConnectedK8s: file(t, ConnectedK8s)}), Options{HostOS: "Windows Server 2022 Datacenter", CapturedAt: captured})
	if err == nil || !strings.Contains(err.Error(), "the inputs disagree on the platform: --connectedk8s (infrastructure azure_stack_hci) suggest AzureLocal, --host-os") {
		t.Fatalf("err = %v", err)
	}
}

func TestOptionsAreChecked(t *testing.T) {
	in := inputs(map[Kind]*Input{AzShow: file(t, AzShow)})
	for _, c := range []struct {
		opts Options
		want string
	}{
		{Options{Platform: "azurelocal", CapturedAt: captured}, `--platform "azurelocal": expected one of WindowsServer, AzureLocal`},
		{Options{AzureLocalRelease: "25H2", CapturedAt: captured}, `--azure-local-release "25H2": expected a release as YYMM`},
		{Options{}, "no capture time"},
	} {
		if _, err := Build(in, c.opts); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: err = %v, want %q", c.opts, err, c.want)
		}
	}
}

func TestNameComesFromTheFlagOrTheInputsThatMustAgree(t *testing.T) {
	m, _ := build(t, inputs(map[Kind]*Input{AzShow: file(t, AzShow)}), Options{Name: "store-51"})
	want(t, m, "metadata.name", "store-51")
	other := edited(t, ConnectedK8s, func(v any) any { v.(map[string]any)["name"] = "edge-store-052"; return v })
	_, err := Build(inputs(map[Kind]*Input{AzShow: file(t, AzShow), ConnectedK8s: other}), Options{Name: "x", CapturedAt: captured})
	if err == nil || !strings.Contains(err.Error(), `is cluster "edge-store-051" but --connectedk8s `+filepath.Join(testdata, testFiles[ConnectedK8s])+` is cluster "edge-store-052": give the outputs of one cluster`) {
		t.Fatalf("err = %v", err)
	}
	// A show output without the connected cluster in its id: its own name, unless "default".
	named := raw("show.json", `{"name": "lab-2", "type": "microsoft.hybridcontainerservice/provisionedclusterinstances", "properties": {"kubernetesVersion": "1.31.10"}}`)
	m, _ = build(t, inputs(map[Kind]*Input{AzShow: named}), Options{})
	want(t, m, "metadata.name", "lab-2")
}

func TestNoVersionIsAnError(t *testing.T) {
	_, err := Build(inputs(map[Kind]*Input{Account: file(t, Account)}), Options{Name: "x", CapturedAt: captured})
	if err == nil || !strings.Contains(err.Error(), "no Kubernetes version: give --az-show") {
		t.Fatalf("err = %v", err)
	}
}

func TestUnknownShapesAreErrorsNamingFlagFileAndProblem(t *testing.T) {
	deployment := `{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}, "spec": {}}`
	for _, c := range []struct {
		name string
		kind Kind
		in   *Input
		want []string
	}{
		{"deployment as show", AzShow, raw("deploy.json", deployment), []string{"deploy.json: this is a Kubernetes Deployment (apps/v1), not the output of `az aksarc show -o json`"}},
		{"deployment as nodes", Nodes, raw("deploy.json", deployment), []string{"this is a Kubernetes Deployment (apps/v1), not a Node or a list of Nodes"}},
		{"deployment as pools", NodePools, raw("deploy.json", deployment), []string{"this is a Kubernetes Deployment (apps/v1), not the output of `az aksarc nodepool list -o json`"}},
		{"array as show", AzShow, raw("list.json", `[{"name": "a"}]`), []string{"expected a JSON object (the output of `az aksarc show -o json`), found an array"}},
		{"account list", Account, raw("accounts.json", `[{"id": "s", "tenantId": "t"}]`), []string{"found an array (the output of `az account list`? give `az account show -o json`)"}},
		{"one pool", NodePools, raw("pool.json", `{"name": "p", "type": "microsoft.hybridcontainerservice/provisionedclusterinstances/agentpools", "properties": {}}`),
			[]string{"expected a JSON array", "found an object (one pool from `az aksarc nodepool show`?"}},
		{"connectedk8s as show", AzShow, file(t, ConnectedK8s), []string{`type is "microsoft.kubernetes/connectedclusters", not microsoft.hybridcontainerservice/provisionedclusterinstances`, "give it with --connectedk8s"}},
		{"show as connectedk8s", ConnectedK8s, file(t, AzShow), []string{"not the output of `az connectedk8s show -o json` (it is the output of `az aksarc show`: give it with --az-show)"}},
		{"show as account", Account, file(t, AzShow), []string{"is an Azure resource of type", "give it with --az-show"}},
		{"show without properties", AzShow, raw("s.json", `{"name": "x", "type": "microsoft.hybridcontainerservice/provisionedclusterinstances"}`), []string{"has no properties object"}},
		{"unknown object as show", AzShow, raw("s.json", `{"properties": {"foo": 1}}`), []string{"has neither a type nor properties.kubernetesVersion"}},
		{"bad version", AzShow, raw("s.json", `{"type": "microsoft.hybridcontainerservice/provisionedclusterinstances", "properties": {"kubernetesVersion": "latest"}}`),
			[]string{`properties.kubernetesVersion is "latest", not a Kubernetes version`}},
		{"pool without properties", NodePools, raw("p.json", `[{"name": "p"}]`), []string{"item 1 (p) has no properties object"}},
		{"pool without name", NodePools, raw("p.json", `[{"properties": {}}]`), []string{"item 1 has no name"}},
		{"cluster in pool list", NodePools, raw("p.json", `[{"name": "c", "type": "Microsoft.Kubernetes/connectedClusters", "properties": {}}]`), []string{"item 1 has type", "give it with --connectedk8s"}},
		{"unknown object as connectedk8s", ConnectedK8s, raw("c.json", `{"name": "c"}`), []string{"has neither a type nor a connectivityStatus"}},
		{"account without tenant", Account, raw("a.json", `{"id": "s", "state": "Enabled"}`), []string{"has no id or no tenantId"}},
		{"pods as nodes", Nodes, raw("pods.json", `{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}}]}`),
			[]string{"item 1 is a Kubernetes Pod (v1), not a Node"}},
		{"plain JSON as nodes", Nodes, raw("n.json", `{"items": []}`), []string{"has no apiVersion and kind"}},
		{"node without name", Nodes, raw("n.json", `{"apiVersion": "v1", "kind": "Node", "metadata": {}}`), []string{"item 1 is a Node without metadata.name"}},
		{"client only", Version, raw("v.json", `{"clientVersion": {"gitVersion": "v1.32.2"}, "kustomizeVersion": "v5.5.0"}`), []string{"has a clientVersion but no serverVersion"}},
		{"not a version", Version, raw("v.json", `{"major": "1"}`), []string{"has neither clientVersion nor serverVersion"}},
		{"not JSON", AzShow, raw("show.txt", "Name    ResourceGroup\n------  ------\nlab     rg\n"), []string{"show.txt: not JSON (expected the output of `az aksarc show -o json`): line 1: invalid character"}},
		{"truncated", AzShow, raw("show.json", `{"properties": {`), []string{"the JSON ends early"}},
		{"two values", Account, raw("a.json", `{"id": "s"} {"id": "t"}`), []string{"more than one JSON value"}},
		{"empty", Version, raw("-", "  \n"), []string{"--version (standard input): empty"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := inputs(map[Kind]*Input{c.kind: c.in})
			_, err := Build(in, Options{Name: "x", CapturedAt: captured})
			inputError(t, err, c.kind, c.want...)
		})
	}
}

func TestAByteOrderMarkIsRead(t *testing.T) {
	in := file(t, AzShow)
	in.Data = append([]byte("\ufeff"), in.Data...)
	m, _ := build(t, inputs(map[Kind]*Input{AzShow: in}), Options{})
	want(t, m, "metadata.name", "edge-store-051")
}

func TestAFileNameCannotBreakTheHeaderComment(t *testing.T) {
	in := file(t, AzShow)
	in.Name = "show\napiVersion: v1\nkind: Secret.json"
	_, res := build(t, inputs(map[Kind]*Input{AzShow: in}), Options{})
	if !bytes.Contains(res.YAML, []byte("#   az aksarc show           show?apiVersion: v1?kind: Secret.json\n")) {
		t.Errorf("header:\n%s", res.YAML)
	}
}
