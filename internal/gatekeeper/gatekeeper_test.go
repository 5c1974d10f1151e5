package gatekeeper

import (
	"context"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"sigs.k8s.io/yaml"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
	"github.com/aksarc-opa/aksarc-opa/policies"
)

func inputs(t *testing.T) Inputs {
	t.Helper()
	ev, err := evaluator.New(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return Inputs{Evaluator: ev, Policies: policies.FS}
}

// Every rule is in exactly one template, and a template inlines what Gatekeeper cannot read:
// the catalog as a value and the rules' METADATA in place of rego.metadata.chain().
func TestEveryRuleIsInOneTemplate(t *testing.T) {
	in := inputs(t)
	areas, err := Areas(in)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, a := range areas {
		for _, r := range a.Rules {
			if other, dup := seen[r.ID]; dup {
				t.Errorf("%s is in %s and %s", r.ID, other, a.Name)
			}
			seen[r.ID] = a.Name
		}
		libs := strings.Join(a.libs, "\n")
		if strings.Contains(libs, chainCall) || strings.Contains(a.entry, chainCall) {
			t.Errorf("%s: a library still calls %s", a.Name, chainCall)
		}
		if !strings.Contains(libs, "package lib.aksarc.embedded_catalog") || strings.Contains(libs, "import data.aksarc.catalog") {
			t.Errorf("%s: the catalog is not written out", a.Name)
		}
		if strings.Contains(libs, "\t") || strings.Contains(a.entry, "\t") {
			t.Errorf("%s: tabs left in the Rego (YAML would quote it)", a.Name)
		}
	}
	for _, r := range in.Evaluator.Rules() {
		if seen[r.ID] == "" {
			t.Errorf("%s is in no Gatekeeper template", r.ID)
		}
	}
}

func TestSpaces(t *testing.T) {
	if got := spaces("a\n\tb\n\t\tc  \n"); got != "a\n  b\n    c\n" {
		t.Errorf("spaces = %q", got)
	}
}

// Constraints match only the kinds their area's rules judge, as lib/dispatch.rego groups them:
// snapshot-only areas the ClusterSnapshot, versions the Node too (AKSARC-005), and areas with a
// rule of the "any" group every kind.
func TestConstraintsMatchTheKindsTheirRulesJudge(t *testing.T) {
	areas, err := Areas(inputs(t))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"catalog": {"ClusterSnapshot"}, "lifecycle": {"ClusterSnapshot"}, "subscription": {"ClusterSnapshot"},
		"versions": {"ClusterSnapshot", "Node"},
		"features": nil, "managed": nil, "networking": nil, "nodes": nil, "upgrades": nil,
	}
	for _, a := range areas {
		w, known := want[a.Name]
		if !known {
			t.Errorf("area %s: no expectation", a.Name)
			continue
		}
		if strings.Join(a.kinds, ",") != strings.Join(w, ",") {
			t.Errorf("area %s matches %v, want %v", a.Name, a.kinds, w)
		}
	}
}

// The Constraints that judge kube-system (the managed area: AKSARC-010, 011, 012) ship with
// enforcementAction warn, the deny one included; every other Constraint enforces its severity.
// The managed area has a warn Constraint for AKSARC-010's warnings.
func TestManagedConstraintsShipAsWarn(t *testing.T) {
	in := inputs(t)
	areas, err := Areas(in)
	if err != nil {
		t.Fatal(err)
	}
	files, err := Files(in, areas)
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for name, raw := range files {
		if !strings.HasPrefix(name, "constraints/") {
			continue
		}
		var c struct {
			Metadata struct{ Annotations map[string]string }
			Spec     struct {
				EnforcementAction string
				Parameters        struct{ Severity string }
			}
		}
		if err := yaml.Unmarshal(raw, &c); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want := c.Spec.Parameters.Severity
		if strings.HasPrefix(name, "constraints/managed-") {
			want = "warn"
			seen++
		}
		if c.Spec.EnforcementAction != want {
			t.Errorf("%s: enforcementAction %q, want %q", name, c.Spec.EnforcementAction, want)
		}
		if name == "constraints/managed-deny.yaml" && !strings.Contains(c.Metadata.Annotations["aksarc-opa.io/enforcement"], "dryrun") {
			t.Errorf("%s: the opt-in to deny is not explained: %v", name, c.Metadata.Annotations)
		}
		if name == "constraints/managed-warn.yaml" && c.Metadata.Annotations["aksarc-opa.io/rules"] != "AKSARC-010" {
			t.Errorf("%s: rules %q, want AKSARC-010", name, c.Metadata.Annotations["aksarc-opa.io/rules"])
		}
	}
	if seen != 2 {
		t.Errorf("%d managed Constraints, want a deny and a warn one", seen)
	}
}

// Every rule a template calls is asked first (admission.asks with the rule's own ID), so that a
// Constraint evaluates only the rules that can give it a violation, and every rule of the area
// is called.
func TestTemplatesAskEachRuleFirst(t *testing.T) {
	in := inputs(t)
	areas, err := Areas(in)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{} // rule package -> ID
	for _, r := range in.Evaluator.Rules() {
		ids[r.Package] = r.ID
	}
	for _, a := range areas {
		m, err := ast.ParseModuleWithOpts(a.Name, a.entry, ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			t.Fatalf("%s: %v", a.Name, err)
		}
		alias := map[string]string{} // import alias -> rule ID
		for _, imp := range m.Imports {
			alias[imp.Alias.String()] = ids[imp.Path.String()]
		}
		called := map[string]bool{}
		for _, rule := range m.Rules {
			type call struct{ id, groups, parameters string }
			var calls, asked []call
			// A call is an expression of its own (admission.asks(...)) or a term inside one
			// (some f in aksarc_010.violations(...)).
			visit := func(c []*ast.Term) {
				if len(c) < 2 {
					return
				}
				op, _ := c[0].Value.(ast.Ref)
				switch {
				case op.String() == "admission.asks" && len(c) == 4:
					id, _ := c[1].Value.(ast.String)
					asked = append(asked, call{string(id), c[2].String(), c[3].String()})
				case len(op) == 2 && (op[1].Equal(ast.StringTerm("violations")) || op[1].Equal(ast.StringTerm("change_violations"))) && alias[op[0].String()] != "":
					// asked with the groups of what the rule judges: the subject's, computed
					// once, or those of the object it is given (dispatch.groups(changed))
					groups := "groups"
					if arg := c[1].String(); arg != "subject" {
						groups = "dispatch.groups(" + arg + ")"
					}
					calls = append(calls, call{alias[op[0].String()], groups, "input.parameters"})
				}
			}
			ast.WalkExprs(rule, func(x *ast.Expr) bool {
				if terms, ok := x.Terms.([]*ast.Term); ok {
					visit(terms)
				}
				return false
			})
			ast.WalkTerms(rule, func(t *ast.Term) bool {
				if c, ok := t.Value.(ast.Call); ok {
					visit(c)
				}
				return false
			})
			for _, c := range calls {
				called[c.id] = true
				if len(asked) != 1 || asked[0] != c {
					t.Errorf("%s:%d: calls %s's violations (asking would be %v) but asks %v first", a.Name, rule.Location.Row, c.id, c, asked)
				}
			}
		}
		for _, r := range a.Rules {
			if !called[r.ID] {
				t.Errorf("%s: the template never calls %s", a.Name, r.ID)
			}
		}
	}
}
