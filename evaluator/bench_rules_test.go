package evaluator

import (
	"context"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/aksarc-opa/aksarc-opa/policies"
)

// BenchmarkRule judges one object of a kind of the generated dump by one rule at a time, with the
// context built once, as Evaluate passes it: the cost of each rule per object.
func BenchmarkRule(b *testing.B) {
	e, docs, asOf := benchSetup(b)
	compiler, err := compilePolicies(policies.FS)
	if err != nil {
		b.Fatal(err)
	}
	ctxTerm := e.contextTerm(asOf, ast.Null{})
	// A typical object of each kind: the middle one of the dump, outside kube-system (where the
	// dump's findings are rare).
	byKind := map[string][]*Document{}
	for _, d := range docs {
		if k := d.Resource().Kind; d.Resource().Namespace != "kube-system" {
			byKind[k] = append(byKind[k], d)
		}
	}
	pick := map[string]*Document{}
	for k, ds := range byKind {
		pick[k] = ds[len(ds)/2]
	}
	queries := map[string]string{
		"result": "data.aksarc.evaluator.result",
	}
	for _, r := range []string{"managed.kube_system_foreign_object", "managed.managed_component_change", "managed.system_metadata_change",
		"nodes.nic_level_network_change", "networking.third_party_oss", "features.alpha_api_in_use", "upgrades.api_removed_in_next_minor",
		"nodes.privileged_node_customization", "features.alpha_feature_gate"} {
		queries[r] = "data.lib.aksarc.rules." + r + ".violations(input.document, input.context)"
	}
	for _, kind := range []string{"ConfigMap", "Pod"} {
		d := pick[kind]
		input := ast.NewObject(
			ast.Item(ast.StringTerm("document"), ast.NewTerm(d.value)),
			ast.Item(ast.StringTerm("cluster"), ast.NullTerm()),
			ast.Item(ast.StringTerm("context"), ctxTerm),
		)
		for name, q := range queries {
			pq, err := rego.New(rego.Query(q), rego.Compiler(compiler), rego.Store(inmem.New()), rego.Capabilities(capabilities())).PrepareForEval(context.Background())
			if err != nil {
				b.Fatal(err)
			}
			b.Run(kind+"/"+name, func(b *testing.B) {
				b.ReportAllocs()
				cpu := processCPU()
				for b.Loop() {
					if _, err := pq.Eval(context.Background(), rego.EvalParsedInput(input), rego.EvalTime(asOf)); err != nil {
						b.Fatal(err)
					}
				}
				reportCPU(b, processCPU()-cpu, 1)
			})
		}
	}
}
