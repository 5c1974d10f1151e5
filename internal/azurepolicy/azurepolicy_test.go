package azurepolicy

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
	"github.com/aksarc-opa/aksarc-opa/internal/gatekeeper"
	"github.com/aksarc-opa/aksarc-opa/policies"
)

type built struct {
	areas []*gatekeeper.Area
	files map[string][]byte // gatekeeper.Files
	out   *Output
}

func build(t *testing.T) built {
	t.Helper()
	ev, err := evaluator.New(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	in := gatekeeper.Inputs{Evaluator: ev, Policies: policies.FS}
	areas, err := gatekeeper.Areas(in)
	if err != nil {
		t.Fatal(err)
	}
	files, err := gatekeeper.Files(in, areas)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Build(in, areas, files, "")
	if err != nil {
		t.Fatal(err)
	}
	return built{areas, files, out}
}

// The fields of a Microsoft.Kubernetes.Data audit or deny effect, as the effect pages document
// them (docs/azure-policy.md, "Sources"); the generator uses no other.
var documentedDetails = []string{"templateInfo", "apiGroups", "kinds", "excludedNamespaces", "namespaces", "labelSelector", "values", "scope"}

// Every definition follows the documented shape: the mode, an if on the Arc cluster type, the
// effect parameter (Audit, Deny, Disabled; Audit by default), documented details only, the
// template byte for byte, explicit kinds, every Constraint parameter exposed, within the limits.
func TestDefinitionsFollowTheDocumentedFields(t *testing.T) {
	b := build(t)
	if len(b.out.Definitions) != len(b.areas) {
		t.Fatalf("%d definitions for %d areas", len(b.out.Definitions), len(b.areas))
	}
	for i, d := range b.out.Definitions {
		a := b.areas[i]
		if err := CheckDefinition(d); err != nil {
			t.Error(err)
		}
		p := d.Properties
		if d.Name != "aksarc-"+a.Name || p.Mode != "Microsoft.Kubernetes.Data" || p.PolicyType != "Custom" {
			t.Errorf("%s: name, mode or type: %s %s %s", a.Name, d.Name, p.Mode, p.PolicyType)
		}
		if want := map[string]any{"field": "type", "equals": "Microsoft.Kubernetes/connectedClusters"}; !maps.Equal(p.PolicyRule.If, want) {
			t.Errorf("%s: if = %v", d.Name, p.PolicyRule.If)
		}
		effect := p.Parameters["effect"]
		if p.PolicyRule.Then.Effect != "[parameters('effect')]" || effect.DefaultValue != "Audit" ||
			!slices.Equal(anysToStrings(effect.AllowedValues), []string{"Audit", "Deny", "Disabled"}) {
			t.Errorf("%s: effect %q, parameter %+v", d.Name, p.PolicyRule.Then.Effect, effect)
		}
		if a.WarnFirst() != strings.Contains(effect.Metadata.Description, "opt-in") {
			t.Errorf("%s: the effect's description says deny is an opt-in only for the managed area", d.Name)
		}
		raw, err := json.Marshal(p.PolicyRule.Then.Details)
		if err != nil {
			t.Fatal(err)
		}
		var details map[string]any
		if err := json.Unmarshal(raw, &details); err != nil {
			t.Fatal(err)
		}
		for key := range details {
			if !slices.Contains(documentedDetails, key) {
				t.Errorf("%s: details.%s is not a documented field", d.Name, key)
			}
		}
		tmpl, err := base64.StdEncoding.DecodeString(p.PolicyRule.Then.Details.TemplateInfo.Content)
		if err != nil || string(tmpl) != string(b.files[a.TemplateFile()]) {
			t.Errorf("%s: templateInfo is not %s byte for byte (%v)", d.Name, a.TemplateFile(), err)
		}
		if named := a.MatchKinds(); named != nil && !slices.Equal(p.PolicyRule.Then.Details.Kinds, named) {
			t.Errorf("%s: kinds %v, the area matches %v", d.Name, p.PolicyRule.Then.Details.Kinds, named)
		}
		var sevs []string
		for _, s := range a.Severities() {
			sevs = append(sevs, string(s))
		}
		if sev := p.Parameters["severity"]; !slices.Equal(anysToStrings(sev.AllowedValues), sevs) || sev.DefaultValue != sevs[0] {
			t.Errorf("%s: severity %+v, the area reports %v", d.Name, sev, sevs)
		}
		body, _ := json.Marshal(d)
		t.Logf("%s: %d bytes (%.0f%% of %d), %d parameters, %d kinds in %d API groups", d.Name, len(body),
			100*float64(len(body))/MaxRequestBytes, MaxRequestBytes, len(p.Parameters), len(p.PolicyRule.Then.Details.Kinds), len(p.PolicyRule.Then.Details.APIGroups))
	}
}

// The areas that judge any kind list at least BroadKinds and the catalog's kinds, never "*".
func TestBroadAreasListTheirKinds(t *testing.T) {
	b := build(t)
	for i, d := range b.out.Definitions {
		if b.areas[i].MatchKinds() != nil {
			continue
		}
		det := d.Properties.PolicyRule.Then.Details
		for _, k := range append(slices.Clone(BroadKinds), "FlowSchema", "PodSecurityPolicy", "ClusterRoleBinding") {
			if !slices.Contains(det.Kinds, k) {
				t.Errorf("%s lists no %s", d.Name, k)
			}
		}
		for _, g := range []string{"", "apps", "batch", "extensions", "support.aksarc.io", "flowcontrol.apiserver.k8s.io"} {
			if !slices.Contains(det.APIGroups, g) {
				t.Errorf("%s lists no API group %q", d.Name, g)
			}
		}
	}
}

// The check refuses what Azure Policy or the extension would refuse: it can fail.
func TestCheckDefinitionRefuses(t *testing.T) {
	good := build(t).out.Definitions[0]
	if err := CheckDefinition(good); err != nil {
		t.Fatal(err)
	}
	copyOf := func() Definition {
		raw, err := json.Marshal(good)
		if err != nil {
			t.Fatal(err)
		}
		var d Definition
		if err := json.Unmarshal(raw, &d); err != nil {
			t.Fatal(err)
		}
		return d
	}
	for name, tc := range map[string]struct {
		change func(d *Definition)
		want   string
	}{
		"too big": {func(d *Definition) {
			d.Properties.PolicyRule.Then.Details.TemplateInfo.Content = base64.StdEncoding.EncodeToString(make([]byte, MaxRequestBytes))
		}, "request body"},
		"too many parameters": {func(d *Definition) {
			for i := range MaxDefinitionParams {
				d.Properties.Parameters[strings.Repeat("x", i+1)] = Parameter{Type: "String", DefaultValue: ""}
			}
		}, "parameters, more than 20"},
		"a wildcard kind":     {func(d *Definition) { d.Properties.PolicyRule.Then.Details.Kinds = []string{"*"} }, `may not hold "*"`},
		"a wildcard group":    {func(d *Definition) { d.Properties.PolicyRule.Then.Details.APIGroups = []string{"*"} }, `may not hold "*"`},
		"no kinds":            {func(d *Definition) { d.Properties.PolicyRule.Then.Details.Kinds = nil }, "required with templateInfo"},
		"an unknown value":    {func(d *Definition) { d.Properties.PolicyRule.Then.Details.Values["nope"] = "[parameters('asOf')]" }, "nope is not a property"},
		"a value unexposed":   {func(d *Definition) { delete(d.Properties.PolicyRule.Then.Details.Values, "asOf") }, "asOf is not exposed"},
		"a value of no param": {func(d *Definition) { d.Properties.PolicyRule.Then.Details.Values["asOf"] = "[parameters('when')]" }, "not a parameter"},
		"a long display name": {func(d *Definition) { d.Properties.DisplayName = strings.Repeat("a", 129) }, "displayName of 129"},
		"a long description":  {func(d *Definition) { d.Properties.Description = strings.Repeat("a", 513) }, "description of 513"},
		"a fixed effect":      {func(d *Definition) { d.Properties.PolicyRule.Then.Effect = "deny" }, "effect"},
		"indexed mode":        {func(d *Definition) { d.Properties.Mode = "Indexed" }, "mode"},
		"a URL template":      {func(d *Definition) { d.Properties.PolicyRule.Then.Details.TemplateInfo.SourceType = "PublicURL" }, "Base64Encoded"},
		"a disallowed default": {func(d *Definition) {
			p := d.Properties.Parameters["effect"]
			p.DefaultValue = "Mutate"
			d.Properties.Parameters["effect"] = p
		}, "not allowed"},
		"a schema on a string": {func(d *Definition) {
			p := d.Properties.Parameters["asOf"]
			p.Schema = map[string]any{}
			d.Properties.Parameters["asOf"] = p
		}, "schema on a String"},
		"a long metadata value": {func(d *Definition) { d.Properties.Metadata["note"] = strings.Repeat("a", 1025) }, "metadata note"},
	} {
		d := copyOf()
		tc.change(&d)
		if err := CheckDefinition(d); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error with %q", name, err, tc.want)
		}
	}
}

// The initiative references each area's definition once per severity it reports, with that
// severity fixed: deny references take the deny effect (the managed area its own, Audit unless
// opted in), warn references an effect that cannot deny.
func TestInitiativeReferencesEachAreaPerSeverity(t *testing.T) {
	b := build(t)
	p := b.out.Initiative.Properties
	if n := len(p.Parameters); n > 300 {
		t.Errorf("%d initiative parameters, more than the 300 of the older limit", n)
	}
	if slices.Contains(p.Parameters[warnEffect].AllowedValues, any("Deny")) {
		t.Error("warn findings may be denied")
	}
	refs := map[string]Reference{}
	for _, r := range p.PolicyDefinitions {
		refs[r.PolicyDefinitionReferenceID] = r
	}
	n := 0
	for _, a := range b.areas {
		if !slices.ContainsFunc(p.PolicyDefinitionGroups, func(g Group) bool { return g.Name == a.Name }) {
			t.Errorf("no group %s", a.Name)
		}
		for _, sev := range a.Severities() {
			n++
			r, ok := refs[a.Name+"-"+string(sev)]
			if !ok {
				t.Errorf("no reference %s-%s", a.Name, sev)
				continue
			}
			if r.PolicyDefinitionID != ScopePlaceholder+"/providers/Microsoft.Authorization/policyDefinitions/aksarc-"+a.Name {
				t.Errorf("%s: id %s", r.PolicyDefinitionReferenceID, r.PolicyDefinitionID)
			}
			if r.Parameters["severity"].Value != string(sev) {
				t.Errorf("%s: severity %v", r.PolicyDefinitionReferenceID, r.Parameters["severity"].Value)
			}
			want := map[bool]string{true: denyEffect, false: warnEffect}[sev == evaluator.SeverityDeny]
			if sev == evaluator.SeverityDeny && a.WarnFirst() {
				want = managedEffect
			}
			if r.Parameters["effect"].Value != "[parameters('"+want+"')]" {
				t.Errorf("%s: effect %v, want %s", r.PolicyDefinitionReferenceID, r.Parameters["effect"].Value, want)
			}
			def := b.out.Definitions[slices.IndexFunc(b.out.Definitions, func(d Definition) bool { return d.Name == "aksarc-"+a.Name })]
			for name := range r.Parameters {
				if _, ok := def.Properties.Parameters[name]; !ok {
					t.Errorf("%s passes %s, which the definition does not have", r.PolicyDefinitionReferenceID, name)
				}
			}
		}
	}
	if n != len(refs) {
		t.Errorf("%d references, want %d", len(refs), n)
	}
	raw, _ := json.Marshal(b.out.Initiative)
	t.Logf("initiative: %d bytes, %d parameters, %d references", len(raw), len(p.Parameters), len(refs))
}

// The catalog's kinds come with their API groups; a catalog without removals, or a managed kind
// of unknown group, stops the export (fail closed) rather than write a definition without them.
func TestCatalogKinds(t *testing.T) {
	pairs, err := catalogKinds(map[string]any{
		"apiRemovals":       map[string]any{"removals": map[string]any{"batch/v1beta1": map[string]any{"CronJob": map[string]any{}}, "v1beta9": map[string]any{"Thing": nil}}},
		"managedComponents": map[string]any{"clusterScoped": map[string]any{"ClusterRole": map[string]any{}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(pairs, func(a, b [2]string) int { return strings.Compare(a[1], b[1]) })
	if want := [][2]string{{"rbac.authorization.k8s.io", "ClusterRole"}, {"batch", "CronJob"}, {"", "Thing"}}; !slices.Equal(pairs, want) {
		t.Errorf("pairs = %v, want %v", pairs, want)
	}
	if _, err := catalogKinds(map[string]any{}); err == nil {
		t.Error("a catalog without apiRemovals gave kinds")
	}
	if _, err := catalogKinds(map[string]any{
		"apiRemovals":       map[string]any{"removals": map[string]any{"batch/v1beta1": map[string]any{"CronJob": map[string]any{}}}},
		"managedComponents": map[string]any{"clusterScoped": map[string]any{"PriorityClass": map[string]any{}}},
	}); err == nil {
		t.Error("a managed kind of unknown group was accepted")
	}
}
