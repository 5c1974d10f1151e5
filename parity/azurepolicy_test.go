package parity

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"

	"github.com/aksarc-opa/aksarc-opa/internal/azurepolicy"
)

// The Azure Policy side of these tests reads deploy/azure-policy as az would send it and builds
// the Constraints as the extension does from an assignment of the initiative: each reference's
// parameters resolved (assignment value, else the initiative's default), then the definition's
// (reference value, else its default), details.values as spec.parameters, apiGroups and kinds as
// spec.match.kinds, the namespace and label parameters as the rest of spec.match, and the
// effect as enforcementAction (Audit: dryrun, Deny: deny, Disabled: no Constraint). The
// extension's own exemption of kube-system, gatekeeper-system and azure-arc is not simulated:
// the assignments below set excludedNamespaces to [] (docs/azure-policy.md says what that
// exemption takes away).

var azurePolicyDir = filepath.Join(repoRoot, "deploy", "azure-policy")

type azureDefinitions struct {
	rules      map[string]azurepolicy.PolicyRule           // by definition name
	params     map[string]map[string]azurepolicy.Parameter // by definition name
	initiative azurepolicy.Initiative
}

func readJSON(t *testing.T, file string, v any) {
	t.Helper()
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

func loadAzureDefinitions(t *testing.T) azureDefinitions {
	t.Helper()
	d := azureDefinitions{rules: map[string]azurepolicy.PolicyRule{}, params: map[string]map[string]azurepolicy.Parameter{}}
	files, err := filepath.Glob(filepath.Join(azurePolicyDir, "definitions", "*.rules.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no definitions under deploy/azure-policy: %v", err)
	}
	for _, f := range files {
		area := strings.TrimSuffix(filepath.Base(f), ".rules.json")
		var rule azurepolicy.PolicyRule
		var params map[string]azurepolicy.Parameter
		readJSON(t, f, &rule)
		readJSON(t, filepath.Join(azurePolicyDir, "definitions", area+".params.json"), &params)
		d.rules[azurepolicy.DefinitionName(area)] = rule
		d.params[azurepolicy.DefinitionName(area)] = params
	}
	readJSON(t, filepath.Join(azurePolicyDir, "initiative", azurepolicy.InitiativeName+".json"), &d.initiative)
	return d
}

// decodedTemplate is a definition's templateInfo content.
func decodedTemplate(t *testing.T, rule azurepolicy.PolicyRule) []byte {
	t.Helper()
	info := rule.Then.Details.TemplateInfo
	if info.SourceType != "Base64Encoded" {
		t.Fatalf("templateInfo.sourceType %q", info.SourceType)
	}
	b, err := base64.StdEncoding.DecodeString(info.Content)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Each definition carries exactly the ConstraintTemplate of deploy/gatekeeper (the Rego v1
// form: docs/azure-policy.md, "Compatibility"), and every template is carried.
func TestAzurePolicyCarriesTheGatekeeperTemplates(t *testing.T) {
	d := loadAzureDefinitions(t)
	templates, err := filepath.Glob(filepath.Join(gatekeeperDir, "templates", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range templates {
		if filepath.Base(f) == "kustomization.yaml" {
			continue
		}
		n++
		want, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := azurepolicy.DefinitionName(strings.TrimSuffix(filepath.Base(f), ".yaml"))
		rule, ok := d.rules[name]
		if !ok {
			t.Errorf("no definition %s for %s", name, f)
			continue
		}
		if got := decodedTemplate(t, rule); !bytes.Equal(got, want) {
			t.Errorf("%s: templateInfo is not %s byte for byte", name, f)
		}
	}
	if n != len(d.rules) || n == 0 {
		t.Errorf("%d templates, %d definitions", n, len(d.rules))
	}
}

// resolve is a value of a definition or a reference: "[parameters('x')]" is x's value, any
// other value is literal. Only that expression form is generated; another one fails the test.
func resolve(t *testing.T, v any, values map[string]any) any {
	t.Helper()
	if name, ok := azurepolicy.ParameterRef(v); ok {
		x, ok := values[name]
		if !ok {
			t.Fatalf("parameter %s has no value", name)
		}
		return x
	}
	if s, ok := v.(string); ok && strings.HasPrefix(s, "[") {
		t.Fatalf("an expression the test does not resolve: %s", s)
	}
	return v
}

// withDefaults is the parameters' values: those given, else the defaults.
func withDefaults(t *testing.T, defs map[string]azurepolicy.Parameter, given map[string]any) map[string]any {
	t.Helper()
	out := map[string]any{}
	for name, p := range defs {
		out[name] = p.DefaultValue
	}
	for name, v := range given {
		p, ok := defs[name]
		if !ok {
			t.Fatalf("a value for %s, which is not a parameter", name)
		}
		if p.AllowedValues != nil && !slices.ContainsFunc(p.AllowedValues, func(a any) bool { return reflect.DeepEqual(a, v) }) {
			t.Fatalf("%v is not an allowed value of %s", v, name)
		}
		out[name] = v
	}
	return out
}

// assignConstraints builds the Constraints an assignment of the initiative with the given
// parameter values makes, keyed by reference ID, and the templates (by definition name).
func assignConstraints(t *testing.T, d azureDefinitions, assignment map[string]any) map[string]map[string]any {
	t.Helper()
	ip := d.initiative.Properties
	initiative := withDefaults(t, ip.Parameters, assignment)
	out := map[string]map[string]any{}
	for _, ref := range ip.PolicyDefinitions {
		name := ref.PolicyDefinitionID[strings.LastIndex(ref.PolicyDefinitionID, "/")+1:]
		rule, ok := d.rules[name]
		if !ok {
			t.Fatalf("%s references %s, which is not generated", ref.PolicyDefinitionReferenceID, ref.PolicyDefinitionID)
		}
		given := map[string]any{}
		for p, v := range ref.Parameters {
			given[p] = resolve(t, v.Value, initiative)
		}
		values := withDefaults(t, d.params[name], given)
		action := map[string]string{"audit": "dryrun", "deny": "deny", "disabled": ""}[strings.ToLower(resolve(t, rule.Then.Effect, values).(string))]
		if action == "" {
			continue
		}
		det := rule.Then.Details
		parameters := map[string]any{}
		for k, v := range det.Values {
			parameters[k] = resolve(t, v, values)
		}
		match := map[string]any{"kinds": []any{map[string]any{"apiGroups": det.APIGroups, "kinds": det.Kinds}}}
		for field, v := range map[string]string{"excludedNamespaces": det.ExcludedNamespaces, "namespaces": det.Namespaces, "labelSelector": det.LabelSelector} {
			x := resolve(t, v, values)
			if b, _ := json.Marshal(x); string(b) != "[]" && string(b) != "{}" {
				match[field] = x
			}
		}
		var tmpl struct {
			Spec struct {
				CRD struct {
					Spec struct {
						Names struct{ Kind string }
					}
				}
			}
		}
		if err := yaml.Unmarshal(decodedTemplate(t, rule), &tmpl); err != nil {
			t.Fatal(err)
		}
		out[ref.PolicyDefinitionReferenceID] = map[string]any{
			"apiVersion": "constraints.gatekeeper.sh/v1beta1",
			"kind":       tmpl.Spec.CRD.Spec.Names.Kind,
			"metadata":   map[string]any{"name": "azurepolicy-" + ref.PolicyDefinitionReferenceID},
			"spec":       map[string]any{"enforcementAction": action, "match": match, "parameters": parameters},
		}
	}
	return out
}

// writeAzureResources writes the decoded templates (or the given ones) and the Constraints to
// two folders for gator.
func writeAzureResources(t *testing.T, d azureDefinitions, constraints map[string]map[string]any, template func(name string, tmpl []byte) []byte) (string, string) {
	t.Helper()
	templates, cdir := t.TempDir(), t.TempDir()
	for name, rule := range d.rules {
		tmpl := decodedTemplate(t, rule)
		if template != nil {
			tmpl = template(name, tmpl)
		}
		if err := os.WriteFile(filepath.Join(templates, name+".yaml"), tmpl, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for id, c := range constraints {
		b, err := yaml.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(cdir, id+".yaml"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return templates, cdir
}

// anyKindRules are the rules that judge objects of any kind. Azure Policy takes no "*" kind, so
// the definitions of their areas list kinds (internal/azurepolicy BroadKinds and the catalog's):
// a finding of theirs on another kind (a custom resource of a third-party project, an alpha API
// of a kind nobody listed) cannot reach Azure Policy (docs/azure-policy.md, "What Azure Policy
// cannot carry").
var anyKindRules = map[string]bool{"AKSARC-010": true, "AKSARC-011": true, "AKSARC-012": true, "AKSARC-021": true, "AKSARC-031": true, "AKSARC-061": true, "AKSARC-070": true}

// kindsByRule are the kinds each rule's definition lists.
func kindsByRule(t *testing.T, d azureDefinitions) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, rule := range d.rules {
		var tmpl struct {
			Metadata struct{ Annotations map[string]string }
		}
		if err := yaml.Unmarshal(decodedTemplate(t, rule), &tmpl); err != nil {
			t.Fatal(err)
		}
		for _, id := range strings.Split(tmpl.Metadata.Annotations["aksarc-opa.io/rules"], ",") {
			out[id] = rule.Then.Details.Kinds
		}
	}
	return out
}

// The parity test through Azure Policy: the decoded templates and the Constraints an assignment
// of the initiative makes, run by real gator over every fixture, find exactly what the evaluator
// finds, but for the findings of an any-kind rule on a kind its definition does not list, which
// are logged. It also proves the kinds of each definition: any other finding on an unlisted kind
// would be missing.
func TestAzurePolicyMatchesTheEvaluatorOnEveryFixture(t *testing.T) {
	d := loadAzureDefinitions(t)
	kinds := kindsByRule(t, d)
	files := fixtureFiles(t)
	for _, asOf := range parityDates {
		t.Run(asOf, func(t *testing.T) {
			constraints := assignConstraints(t, d, map[string]any{"asOf": asOf, "excludedNamespaces": []any{}})
			templates, cdir := writeAzureResources(t, d, constraints, nil)
			got := gatorFindingsWith(t, templates, cdir, files)
			want := evaluatorFindings(t, files, asOf)
			requireFindings(t, want)
			var uncarried []string
			for file, keys := range want {
				want[file] = slices.DeleteFunc(slices.Clone(keys), func(key string) bool {
					f := strings.Fields(key) // RULE-ID severity Kind/...
					kind, _, _ := strings.Cut(f[2], "/")
					if anyKindRules[f[0]] && !slices.Contains(kinds[f[0]], kind) {
						uncarried = append(uncarried, key)
						return true
					}
					return false
				})
			}
			for _, diff := range differences(files, got, want, "azure-policy", "evaluator") {
				t.Error(diff)
			}
			slices.Sort(uncarried)
			t.Logf("findings on kinds no definition lists (not carried by Azure Policy): %q", uncarried)
		})
	}
}

// The Azure parity can fail: with the default excludedNamespaces (kube-system among them), the
// findings of the managed area on kube-system objects are missing.
func TestAzurePolicyParityCatchesExcludedNamespaces(t *testing.T) {
	d := loadAzureDefinitions(t)
	files := []string{filepath.Join(repoRoot, "fixtures", "manifests", "kube-system-foreign.yaml")}
	constraints := assignConstraints(t, d, map[string]any{"asOf": "2025-11-01"})
	templates, cdir := writeAzureResources(t, d, constraints, nil)
	diffs := differences(files, gatorFindingsWith(t, templates, cdir, files), evaluatorFindings(t, files, "2025-11-01"), "azure-policy", "evaluator")
	if len(diffs) == 0 || !strings.Contains(strings.Join(diffs, "\n"), "AKSARC-010") {
		t.Fatalf("excluding kube-system changed nothing: %q", diffs)
	}
}

// probeRego reports the Constraint's parameters as the message of one violation.
const probeRego = `package aksarc.probe

violation contains {"msg": json.marshal(input.parameters)} if true
`

// Parameters round-trip: a value set in the assignment reaches input.parameters in every
// template. Each decoded template's Rego is replaced by a probe that reports input.parameters
// (its schema, kind and name kept, so gator validates the Constraint against the real schema).
func TestAzurePolicyParametersReachTheTemplates(t *testing.T) {
	d := loadAzureDefinitions(t)
	assignment := map[string]any{
		"asOf":                   "2026-02-03",
		"platform":               "AzureLocal",
		"thresholds":             map[string]any{"catalogMaxAgeDays": 9, "disconnectWarnDays": 8, "nodeImageMaxAgeDays": 7, "stopWarnDays": 6, "versionWarnDays": 5},
		"catalog":                map[string]any{"versions": map[string]any{"note": "overridden"}},
		"exemptUsernames":        []any{"alice@contoso.com"},
		"exemptUsernamePrefixes": []any{"ci:"},
		"excludedNamespaces":     []any{},
		"denyEffect":             "Deny",
		"managedDenyEffect":      "Deny",
	}
	constraints := assignConstraints(t, d, assignment)
	templates, cdir := writeAzureResources(t, d, constraints, func(name string, tmpl []byte) []byte {
		var obj map[string]any
		if err := yaml.Unmarshal(tmpl, &obj); err != nil {
			t.Fatal(err)
		}
		targets := obj["spec"].(map[string]any)["targets"].([]any)
		source := targets[0].(map[string]any)["code"].([]any)[0].(map[string]any)["source"].(map[string]any)
		source["rego"], source["libs"] = probeRego, []any{}
		out, err := yaml.Marshal(obj)
		if err != nil {
			t.Fatal(err)
		}
		return out
	})
	bin, err := gatorBinary()
	if err != nil {
		t.Fatal(err)
	}
	object := filepath.Join(t.TempDir(), "snapshot.yaml")
	if err := os.WriteFile(object, []byte("apiVersion: support.aksarc.io/v1alpha1\nkind: ClusterSnapshot\nmetadata:\n  name: probe\nspec:\n  cluster:\n    kubernetesVersion: 1.31.5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "test", "-f", templates, "-f", cdir, "-f", object, "-o", "json")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	_ = cmd.Run()
	var results []struct {
		Msg        string
		Constraint struct{ Metadata struct{ Name string } }
	}
	if err := json.Unmarshal(stdout.Bytes(), &results); err != nil {
		t.Fatalf("gator: %v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	got := map[string]map[string]any{}
	for _, r := range results {
		var params map[string]any
		if err := json.Unmarshal([]byte(r.Msg), &params); err != nil {
			t.Fatalf("probe message %q: %v", r.Msg, err)
		}
		got[strings.TrimPrefix(r.Constraint.Metadata.Name, "azurepolicy-")] = params
	}
	if len(got) != len(d.initiative.Properties.PolicyDefinitions) {
		t.Errorf("%d of %d references reported their parameters: %v\n%s", len(got), len(d.initiative.Properties.PolicyDefinitions), slices.Sorted(maps.Keys(got)), stderr.String())
	}
	for _, ref := range d.initiative.Properties.PolicyDefinitions {
		id := ref.PolicyDefinitionReferenceID
		want := map[string]any{"severity": id[strings.LastIndex(id, "-")+1:]}
		for constraint, policy := range azurepolicy.ConstraintValues() {
			if v, ok := assignment[policy]; ok {
				want[constraint] = v
			}
		}
		wantJSON, _ := json.Marshal(want)
		gotJSON, _ := json.Marshal(got[id])
		if !bytes.Equal(wantJSON, gotJSON) {
			t.Errorf("%s: input.parameters = %s, want %s", id, gotJSON, wantJSON)
		}
		if c := constraints[id]; c["spec"].(map[string]any)["enforcementAction"] != map[bool]string{true: "deny", false: "dryrun"}[strings.HasSuffix(id, "-deny")] {
			t.Errorf("%s: enforcementAction %v", id, c["spec"].(map[string]any)["enforcementAction"])
		}
	}
}
