package evaluator

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

func TestParseRequirement(t *testing.T) {
	r, err := parseRequirement("AzureLocal: spec.host.azureLocalRelease | spec.cluster.release when spec.platform=AzureLocal,x")
	if err != nil {
		t.Fatal(err)
	}
	want := requirement{
		text:       r.text,
		platform:   "AzureLocal",
		anyOf:      [][]string{{"spec", "host", "azureLocalRelease"}, {"spec", "cluster", "release"}},
		whenPath:   []string{"spec", "platform"},
		whenValues: []string{"AzureLocal", "x"},
	}
	if !reflect.DeepEqual(r, want) {
		t.Fatalf("got %+v, want %+v", r, want)
	}
	if r.facts() != "spec.host.azureLocalRelease or spec.cluster.release" {
		t.Errorf("facts = %q", r.facts())
	}
	for _, bad := range []string{"kind", "status.nodeInfo", "Linux: spec.x", "spec..x", "spec.x when spec.y", "spec.x when spec.y=", "spec.x | ", "spec.[]"} {
		if _, err := parseRequirement(bad); err == nil {
			t.Errorf("parseRequirement(%q) accepted", bad)
		}
	}
}

func TestRequirementMissing(t *testing.T) {
	doc := map[string]any{"spec": map[string]any{
		"cluster": map[string]any{
			"power":             map[string]any{"state": "Running"},
			"agentPoolProfiles": []any{map[string]any{"name": "a"}, map[string]any{"name": "b", "nodeImageDate": "2025-10-02"}},
			"release":           "",
		},
		"nodes":    []any{},
		"features": map[string]any{"featureGates": map[string]any{}, "previewFeatures": []any{"x"}},
	}}
	cases := []struct {
		entry, platform string
		missing         bool
	}{
		{"spec.cluster.power.state", "WindowsServer", false},
		{"spec.cluster.power.since", "WindowsServer", true},
		{"spec.cluster.power.since when spec.cluster.power.state=Stopped", "WindowsServer", false},
		{"spec.cluster.power.since when spec.cluster.power.state=Running,Stopped", "WindowsServer", true},
		{"spec.cluster.power.since when spec.nothing=Stopped", "WindowsServer", false},
		{"spec.cluster.agentPoolProfiles[].nodeImageDate", "WindowsServer", false},
		{"spec.cluster.agentPoolProfiles[].nodeImageVersion", "WindowsServer", true},
		{"spec.cluster.release", "WindowsServer", true},        // empty string
		{"spec.nodes", "WindowsServer", false},                 // an empty list is a fact
		{"spec.features.featureGates", "WindowsServer", false}, // so is an empty object
		{"spec.nothing", "WindowsServer", true},
		{"spec.features.previewFeatures", "WindowsServer", false},
		{"spec.nodes | spec.cluster.agentPoolProfiles", "WindowsServer", false},
		{"AzureLocal: spec.host.azureLocalRelease", "WindowsServer", false},
		{"AzureLocal: spec.host.azureLocalRelease", "AzureLocal", true},
		{"spec.cluster.power.state.deeper", "WindowsServer", true}, // a string has no fields
		{"spec.features.previewFeatures[].name", "WindowsServer", true},
	}
	for _, c := range cases {
		r, err := parseRequirement(c.entry)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.missing(doc, c.platform); got != c.missing {
			t.Errorf("%q on %s: missing = %v, want %v", c.entry, c.platform, got, c.missing)
		}
	}
}

// A snapshot with only the required fields: every rule that needs more is listed as not
// evaluated, with the facts it needs; a rule that fired is not listed.
func TestReportListsRulesNotEvaluated(t *testing.T) {
	e := newEvaluator(t)
	minimal := decodeString(t, "minimal.yaml", `apiVersion: support.aksarc.io/v1alpha1
kind: ClusterSnapshot
metadata: {name: bare}
spec:
  platform: AzureLocal
  cluster: {kubernetesVersion: 1.31.10}
`)
	r, err := e.Evaluate(context.Background(), minimal, AsOf(day("2025-11-01")))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, n := range r.NotEvaluated {
		got[n.RuleID] = strings.Join(n.Missing, "; ")
		if n.Resource.Name != "bare" || n.Source.File != "minimal.yaml" {
			t.Errorf("%s: resource %+v source %+v", n.RuleID, n.Resource, n.Source)
		}
	}
	want := map[string]string{
		"AKSARC-005": "spec.controlPlane.components or spec.nodes or spec.cluster.agentPoolProfiles",
		"AKSARC-006": "spec.host.azureLocalRelease",
		"AKSARC-040": "spec.cluster.power.state",
		"AKSARC-044": "spec.connectivity.lastConnectivityTime",
		"AKSARC-045": "spec.connectivity.lastConnectivityTime or spec.connectivity.connectivityStatus",
		"AKSARC-050": "spec.subscription.state",
		"AKSARC-062": "spec.features.previewFeatures",
	}
	for id, missing := range want {
		if got[id] != missing {
			t.Errorf("%s: missing %q, want %q", id, got[id], missing)
		}
	}
	for _, id := range []string{"AKSARC-001", "AKSARC-003", "AKSARC-010", "AKSARC-090"} {
		if _, listed := got[id]; listed {
			t.Errorf("%s listed as not evaluated: %q", id, got[id])
		}
	}
	if r.Summary.NotEvaluated != len(r.NotEvaluated) || r.Summary.Verdict != VerdictSupported {
		t.Errorf("summary %+v", r.Summary)
	}

	// The same snapshot on AzureLocal needs the release, not the OS; a stopped cluster without
	// its stop date cannot be judged; a rule that fires is never "not evaluated".
	al := decodeString(t, "al.yaml", `apiVersion: support.aksarc.io/v1alpha1
kind: ClusterSnapshot
metadata: {name: edge}
spec:
  platform: AzureLocal
  cluster:
    kubernetesVersion: 1.31.10
    power: {state: Stopped}
  subscription: {state: Deleted}
`)
	if r, err = e.Evaluate(context.Background(), al, AsOf(day("2025-11-01"))); err != nil {
		t.Fatal(err)
	}
	got = map[string]string{}
	for _, n := range r.NotEvaluated {
		got[n.RuleID] = strings.Join(n.Missing, "; ")
	}
	if got["AKSARC-006"] != "spec.host.azureLocalRelease" || got["AKSARC-040"] != "spec.cluster.power.since" ||
		got["AKSARC-043"] != "spec.cluster.power.method; spec.cluster.power.since" || got["AKSARC-050"] != "spec.subscription.stateChangedAt" {
		t.Errorf("not evaluated: %v", got)
	}
	if _, listed := got["AKSARC-052"]; listed || !has(ruleIDs(r), "AKSARC-052") {
		t.Errorf("AKSARC-052 fired %v and is listed %v", ruleIDs(r), got)
	}
}

// Objects are never "not evaluated": object rules judge what is there.
func TestObjectsAreNotListedAsNotEvaluated(t *testing.T) {
	docs := decodeString(t, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: shop}\n")
	r, err := newEvaluator(t).Evaluate(context.Background(), docs, AsOf(day("2025-11-01")))
	if err != nil || len(r.NotEvaluated) != 0 {
		t.Fatalf("err %v, not evaluated %+v", err, r.NotEvaluated)
	}
}

// A rule may report facts it could not judge itself: a node pool whose image name carries no
// date is listed even though the rule judged (and fired on) another pool of the snapshot.
func TestRulesReportFactsTheyCouldNotJudge(t *testing.T) {
	docs := decodeString(t, "pools.yaml", `apiVersion: support.aksarc.io/v1alpha1
kind: ClusterSnapshot
metadata: {name: edge}
spec:
  platform: AzureLocal
  cluster:
    kubernetesVersion: 1.31.10
    agentPoolProfiles:
      - {name: old, kubernetesVersion: 1.31.10, nodeImageDate: "2025-06-01"}
      - {name: gallery, kubernetesVersion: 1.31.10, nodeImageVersion: linux-cblmariner-0.11.26.10605}
`)
	r, err := newEvaluator(t).Evaluate(context.Background(), docs, AsOf(day("2025-11-01")))
	if err != nil {
		t.Fatal(err)
	}
	if !has(ruleIDs(r), "AKSARC-022") {
		t.Fatalf("AKSARC-022 did not fire on pool old: %v", ruleIDs(r))
	}
	for _, n := range r.NotEvaluated {
		if n.RuleID == "AKSARC-022" {
			want := []string{"spec.cluster.agentPoolProfiles[gallery].nodeImageDate (nodeImageVersion linux-cblmariner-0.11.26.10605 carries no date the catalog can read)"}
			if !reflect.DeepEqual(n.Missing, want) {
				t.Errorf("missing = %q, want %q", n.Missing, want)
			}
			return
		}
	}
	t.Errorf("AKSARC-022 not listed as not evaluated: %+v", r.NotEvaluated)
}
