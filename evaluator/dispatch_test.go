package evaluator

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"path/filepath"
	"slices"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/aksarc-opa/aksarc-opa/bench/dumpgen"
	"github.com/aksarc-opa/aksarc-opa/policies"
)

// TestKindDispatchLosesNoFinding holds the registry's kind dispatch to asking every rule: on
// every fixture document and every object of a generated cluster dump, with and without a
// cluster, findings(doc, ctx) equals all_findings(doc, ctx). And the dispatched groups do fire
// on the kinds they are kept for, so the comparison means something.
func TestKindDispatchLosesNoFinding(t *testing.T) {
	if testing.Short() {
		t.Skip("judges a 2,000-object dump twice")
	}
	e := newEvaluator(t)
	compiler, err := compilePolicies(policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	q, err := rego.New(
		rego.Query(`some_ := data.lib.aksarc.registry.findings(input.document, input.context)
all_ := data.lib.aksarc.registry.all_findings(input.document, input.context)`),
		rego.Compiler(compiler), rego.Capabilities(capabilities()),
	).PrepareForEval(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var docs []*Document
	for _, dir := range []string{"snapshots", "manifests", "cluster"} {
		d, err := Load([]string{filepath.Join(fixturesDir, dir)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d...)
	}
	var buf bytes.Buffer
	if err := dumpgen.WriteYAML(&buf, 2000, 1); err != nil {
		t.Fatal(err)
	}
	dump, err := Decode("dump.yaml", &buf)
	if err != nil {
		t.Fatal(err)
	}
	docs = append(docs, dump...)
	snapshot := dump[len(dump)-1]
	if !snapshot.IsClusterSnapshot() {
		t.Fatal("the generated dump does not end with its ClusterSnapshot")
	}
	asOf := day(dumpgen.AsOf)
	fired := map[string]bool{} // rule IDs found on documents that are not snapshots
	for _, cluster := range []ast.Value{ast.Null{}, snapshot.value} {
		ctxTerm := e.contextTerm(asOf, cluster)
		for _, d := range docs {
			input := ast.NewObject(ast.Item(ast.StringTerm("document"), ast.NewTerm(d.value)), ast.Item(ast.StringTerm("context"), ctxTerm))
			rs, err := q.Eval(context.Background(), rego.EvalParsedInput(input), rego.EvalTime(asOf))
			if err != nil || len(rs) != 1 {
				t.Fatalf("%s: %v (%d results)", d.Source, err, len(rs))
			}
			some, _ := json.Marshal(rs[0].Bindings["some_"])
			all, _ := json.Marshal(rs[0].Bindings["all_"])
			if !bytes.Equal(some, all) {
				t.Errorf("%s: the kind dispatch gives %s, every rule gives %s", d.Source, some, all)
			}
			if !d.IsClusterSnapshot() {
				for _, f := range rs[0].Bindings["all_"].([]any) {
					fired[f.(map[string]any)["id"].(string)] = true
				}
			}
		}
	}
	// One rule of each group that skips some kinds: podSpec, featureGates, nodes, daemonSets.
	for _, id := range []string{"AKSARC-020", "AKSARC-060", "AKSARC-005", "AKSARC-023", "AKSARC-030", "AKSARC-010", "AKSARC-061", "AKSARC-070"} {
		if !fired[id] {
			t.Errorf("%s fired on no document that is not a snapshot: the comparison does not cover its group (fired: %v)", id, slices.Sorted(maps.Keys(fired)))
		}
	}
}
