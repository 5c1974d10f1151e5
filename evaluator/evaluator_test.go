package evaluator

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/aksarc-opa/aksarc-opa/policies"
)

func newEvaluator(t *testing.T, opts ...Option) *Evaluator {
	t.Helper()
	e, err := New(context.Background(), opts...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return e
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

const stoppedSnapshot = `apiVersion: support.aksarc.io/v1alpha1
kind: ClusterSnapshot
metadata: {name: paused}
spec:
  cluster:
    kubernetesVersion: 1.31.10
    power: {state: Stopped, since: "2025-09-01T00:00:00Z"}
`

func ruleIDs(r *Report) []string {
	var ids []string
	for _, f := range r.Findings {
		ids = append(ids, f.RuleID)
	}
	return ids
}

func has(ids []string, id string) bool {
	for _, i := range ids {
		if i == id {
			return true
		}
	}
	return false
}

// The as-of date of each call, not the wall clock, decides: the same evaluator and document
// give different findings on different dates.
func TestAsOfIsPassedPerEvaluation(t *testing.T) {
	e := newEvaluator(t)
	docs := decodeString(t, "s.yaml", stoppedSnapshot)
	early, err := e.Evaluate(context.Background(), docs, AsOf(day("2025-09-20")))
	if err != nil {
		t.Fatal(err)
	}
	late, err := e.Evaluate(context.Background(), docs, AsOf(day("2025-11-01")))
	if err != nil {
		t.Fatal(err)
	}
	if has(ruleIDs(early), "AKSARC-040") || !has(ruleIDs(late), "AKSARC-040") {
		t.Fatalf("2025-09-20: %v; 2025-11-01: %v", ruleIDs(early), ruleIDs(late))
	}
	if !late.Summary.AsOf.Equal(day("2025-11-01")) || late.Summary.Verdict != VerdictOutOfSupport {
		t.Fatalf("summary = %+v", late.Summary)
	}
}

func TestSettingsAsOfIsTheDefaultAndWithAsOfWins(t *testing.T) {
	docs := decodeString(t, "s.yaml", stoppedSnapshot)
	e := newEvaluator(t, WithSettings(Settings{AsOf: "2025-09-20"}))
	r, err := e.Evaluate(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	if has(ruleIDs(r), "AKSARC-040") {
		t.Fatalf("settings asOf 2025-09-20 ignored: %v", ruleIDs(r))
	}
	e = newEvaluator(t, WithSettings(Settings{AsOf: "2025-09-20"}), WithAsOf(day("2025-11-01")))
	if r, err = e.Evaluate(context.Background(), docs); err != nil || !has(ruleIDs(r), "AKSARC-040") {
		t.Fatalf("WithAsOf did not win: %v %v", err, r)
	}
}

func TestFindingsCarryRuleMetadataAndSource(t *testing.T) {
	e := newEvaluator(t)
	docs := decodeString(t, "fixtures/s.yaml", "# comment\n"+stoppedSnapshot)
	r, err := e.Evaluate(context.Background(), docs, AsOf(day("2025-11-01")))
	if err != nil || len(r.Findings) == 0 {
		t.Fatalf("err %v, findings %v", err, r)
	}
	var f Finding
	for _, x := range r.Findings {
		if x.RuleID == "AKSARC-040" {
			f = x
		}
	}
	rule, _ := e.Rule("AKSARC-040")
	if f.Severity != SeverityDeny || f.Name != rule.Name || f.Title != rule.Title || f.Remediation != rule.Remediation ||
		f.PolicySection != rule.PolicySection || f.PolicyURL != rule.PolicyURL || f.Message == "" {
		t.Errorf("finding %+v does not match rule %+v", f, rule)
	}
	if f.Resource != (Resource{APIVersion: "support.aksarc.io/v1alpha1", Kind: "ClusterSnapshot", Name: "paused"}) {
		t.Errorf("resource = %+v", f.Resource)
	}
	if f.Source != (Source{File: "fixtures/s.yaml", Document: 1, Line: 2}) {
		t.Errorf("source = %+v", f.Source)
	}
	if f.Details["stoppedDays"] == nil {
		t.Errorf("details = %v", f.Details)
	}
}

// Policies cannot reach out of the process: a module that calls http.send does not compile.
func TestCapabilitiesExcludeNetworkAndNondeterministicBuiltins(t *testing.T) {
	for _, call := range []string{
		`http.send({"method": "GET", "url": "http://127.0.0.1:1"})`,
		`net.lookup_ip_addr("localhost")`,
		`rand.intn("x", 10)`,
		`uuid.rfc4122("x")`,
		`opa.runtime()`,
	} {
		fsys := fstest.MapFS{}
		copyFS(t, fsys)
		fsys["lib/leak.rego"] = &fstest.MapFile{Data: []byte("package lib.aksarc.leak\n\nx := " + call + "\n")}
		_, err := New(context.Background(), withPolicies(fsys))
		name := strings.SplitN(call, "(", 2)[0]
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: New() error = %v, want a compile error naming it", name, err)
		}
	}
}

func copyFS(t *testing.T, dst fstest.MapFS) {
	t.Helper()
	err := fs.WalkDir(policies.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(policies.FS, path)
		dst[path] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Every rule package with an ID is wired into the registry, and the registry names no other.
func TestRegistryNamesEveryRule(t *testing.T) {
	e := newEvaluator(t)
	src, err := fs.ReadFile(policies.FS, "rules/registry.rego")
	if err != nil {
		t.Fatal(err)
	}
	m, err := ast.ParseModuleWithOpts("registry.rego", string(src), ast.ParserOptions{RegoVersion: ast.RegoV1})
	if err != nil {
		t.Fatal(err)
	}
	imported := map[string]bool{}
	for _, imp := range m.Imports {
		p := imp.Path.String()
		if strings.HasPrefix(p, "data.lib.aksarc.rules.") {
			imported[p] = true
		}
	}
	for _, r := range e.Rules() {
		if !imported[r.Package] {
			t.Errorf("%s (%s) is not imported by rules/registry.rego", r.ID, r.Package)
		}
		delete(imported, r.Package)
	}
	for p := range imported {
		t.Errorf("rules/registry.rego imports %s, which declares no rule", p)
	}
	if body := string(src); strings.Count(body, ".violations(doc, ctx)") != len(e.Rules()) {
		t.Errorf("rules/registry.rego calls violations %d times for %d rules", strings.Count(body, ".violations(doc, ctx)"), len(e.Rules()))
	}

	// Each rule is called in the group_findings of the group lib/dispatch.rego gives it, and
	// the dispatch gives it the severities of its METADATA (the Gatekeeper entry points and the
	// Constraints' kinds read the dispatch, the CLI the registry and the METADATA).
	pkgID := map[string]string{}
	for _, r := range e.Rules() {
		pkgID[r.Package] = r.ID
	}
	aliasPkg, alias := map[string]string{}, map[string]string{} // alias -> package, and back
	for _, imp := range m.Imports {
		aliasPkg[imp.Alias.String()] = imp.Path.String()
		alias[imp.Path.String()] = imp.Alias.String()
	}
	called := map[string]string{} // rule ID -> the group whose group_findings calls it
	for _, rule := range m.Rules {
		if rule.Head.Name.String() != "group_findings" || len(rule.Head.Args) == 0 {
			continue
		}
		group := strings.Trim(rule.Head.Args[0].String(), `"`)
		ast.WalkRefs(rule, func(ref ast.Ref) bool {
			if len(ref) == 2 && ref[1].Equal(ast.StringTerm("violations")) {
				called[pkgID[aliasPkg[ref[0].String()]]] = group
			}
			return false
		})
	}
	compiler, err := compilePolicies(policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := rego.New(rego.Query("x := data.lib.aksarc.dispatch.rules"), rego.Compiler(compiler)).Eval(context.Background())
	if err != nil || len(rs) != 1 {
		t.Fatalf("data.lib.aksarc.dispatch.rules: %v", err)
	}
	type dispatchRule struct {
		Group      string     `json:"group"`
		Severities []Severity `json:"severities"`
	}
	var dispatched map[string]dispatchRule
	if b, err := json.Marshal(rs[0].Bindings["x"]); err != nil || json.Unmarshal(b, &dispatched) != nil {
		t.Fatalf("data.lib.aksarc.dispatch.rules is not an object of {group, severities}: %v", err)
	}
	for _, r := range e.Rules() {
		d, ok := dispatched[r.ID]
		if !ok || d.Group != called[r.ID] {
			t.Errorf("%s: lib/dispatch.rego gives group %q, rules/registry.rego calls it in group_findings(%q)", r.ID, d.Group, called[r.ID])
		}
		if want := r.Severities(); !slices.Equal(slices.Sorted(slices.Values(d.Severities)), slices.Sorted(slices.Values(want))) {
			t.Errorf("%s: lib/dispatch.rego gives severities %v, its METADATA %v", r.ID, d.Severities, want)
		}
		delete(dispatched, r.ID)
	}
	for id := range dispatched {
		t.Errorf("lib/dispatch.rego gives a group to %s, which is no rule", id)
	}

	// A rule that reports what it could not judge (a not_evaluated function) is called by the
	// registry's not_evaluated, under the alias it is imported as.
	modules, err := policies.ParseModules(policies.FS, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, mod := range modules {
		for _, rule := range mod.Rules {
			if rule.Head.Name.String() != "not_evaluated" || !strings.HasPrefix(mod.Package.Path.String(), "data.lib.aksarc.rules.") {
				continue
			}
			call := alias[mod.Package.Path.String()] + ".not_evaluated(doc, ctx)"
			if !strings.Contains(string(src), call) {
				t.Errorf("rules/registry.rego does not call %s (%s)", call, mod.Package.Path)
			}
			break
		}
	}
}

func TestRulesHaveCompleteMetadata(t *testing.T) {
	rules := newEvaluator(t).Rules()
	if len(rules) == 0 {
		t.Fatal("no rules")
	}
	for _, r := range rules {
		if !strings.HasPrefix(r.ID, "AKSARC-") || r.Input == "" || !strings.HasPrefix(r.PolicyURL, "https://learn.microsoft.com/") {
			t.Errorf("%s: incomplete metadata %+v", r.ID, r)
		}
	}
}

func TestEvaluateIsSafeForConcurrentUse(t *testing.T) {
	e := newEvaluator(t)
	docs, err := Load([]string{fixturesDir + "/cluster/kube-system-dump-with-foreign.yaml", fixturesDir + "/snapshots/stopped-45-days-azure-local.yaml"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	dates := []time.Time{day("2025-09-20"), day("2025-11-01")}
	want := map[time.Time][]string{}
	for _, d := range dates {
		r, err := e.Evaluate(context.Background(), docs, AsOf(d))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range r.Findings {
			want[d] = append(want[d], findingKey(f)+" "+f.Message)
		}
	}
	if strings.Join(want[dates[0]], "\n") == strings.Join(want[dates[1]], "\n") {
		t.Fatal("the two dates must give different findings for this test to mean anything")
	}
	var wg sync.WaitGroup
	errs := make(chan string, 32)
	for i := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := dates[i%2]
			r, err := e.Evaluate(context.Background(), docs, AsOf(d))
			if err != nil {
				errs <- err.Error()
				return
			}
			var got []string
			for _, f := range r.Findings {
				got = append(got, findingKey(f)+" "+f.Message)
			}
			if strings.Join(got, "\n") != strings.Join(want[d], "\n") {
				errs <- fmt.Sprintf("as of %s: findings differ under concurrency", d.Format(time.DateOnly))
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestSettingsAreChecked(t *testing.T) {
	everyVersion := map[string]any{}
	for minor := range newEvaluator(t).Catalog()["versions"].(map[string]any) {
		everyVersion[minor] = nil
	}
	cases := []struct {
		name string
		s    Settings
		want string
	}{
		{"platform", Settings{Platform: "Azure"}, `platform "Azure": expected one of WindowsServer, AzureLocal`},
		{"asOf", Settings{AsOf: "next week"}, `"next week" is not a date`},
		{"unknown parameter", Settings{Parameters: map[string]any{"versionWarnDay": 3}}, "parameters.versionWarnDay: unknown parameter (known: catalogMaxAgeDays,"},
		{"negative parameter", Settings{Parameters: map[string]any{"stopWarnDays": -1}}, "parameters.stopWarnDays: expected a whole number of days"},
		{"catalog: unknown key", Settings{Catalog: map[string]any{"versionz": map[string]any{}}}, "catalog.versionz: unknown catalog key"},
		{"catalog: list for map", Settings{Catalog: map[string]any{"versions": []any{}}}, "catalog.versions: expected an object, got a list"},
		{"catalog: bad date", Settings{Catalog: map[string]any{"versions": map[string]any{"1.29": map[string]any{"endOfSupport": "31/10/2025"}}}}, `catalog.versions["1.29"].endOfSupport: expected a date (YYYY-MM-DD, or YYYY-MM for a month), got "31/10/2025"`},
		{"catalog: string for number", Settings{Catalog: map[string]any{"platforms": map[string]any{"WindowsServer": map[string]any{"limits": map[string]any{"stoppedOutOfSupportDays": "30"}}}}}, "catalog.platforms.WindowsServer.limits.stoppedOutOfSupportDays: expected a number, got a string"},
		{"catalog: a month that is not one", Settings{Catalog: map[string]any{"nodePoolOS": map[string]any{"skus": map[string]any{"Windows2019": map[string]any{"retired": "soon"}}}}}, `catalog.nodePoolOS.skus.Windows2019.retired: expected a date (YYYY-MM-DD, or YYYY-MM for a month), got "soon"`},
		{"catalog: a section set to null", Settings{Catalog: map[string]any{"networking": nil}}, "catalog.networking: null would leave the rules that read it with nothing to judge; to leave a rule out, use --skip-rules"},
		{"catalog: the inventory set to null", Settings{Catalog: map[string]any{"managedComponents": nil}}, "catalog.managedComponents: null would leave"},
		{"catalog: a limit set to null", Settings{Catalog: map[string]any{"platforms": map[string]any{"WindowsServer": map[string]any{"limits": map[string]any{"disconnectedDays": nil}}}}}, "catalog.platforms.WindowsServer.limits.disconnectedDays: null would leave"},
		{"catalog: a platform set to null", Settings{Catalog: map[string]any{"platforms": map[string]any{"AzureLocal": nil}}}, "catalog.platforms.AzureLocal: null would leave"},
		{"catalog: every version set to null", Settings{Catalog: map[string]any{"versions": everyVersion}}, "catalog.versions: every entry is set to null"},
		{"catalog: new version unlike its siblings", Settings{Catalog: map[string]any{"versions": map[string]any{"1.33": map[string]any{"released": "2026-02-01", "eos": "2027-02-01"}}}}, `catalog.versions["1.33"].eos: unknown catalog key`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := New(context.Background(), WithSettings(c.s))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error = %v, want %q", err, c.want)
			}
		})
	}
}

func TestLoadSettingsFile(t *testing.T) {
	dir := t.TempDir()
	good := dir + "/settings.yaml"
	writeFile(t, good, "aksarc_settings:\n  asOf: 2025-11-01\n  platform: AzureLocal\n  parameters: {stopWarnDays: 3}\n  catalog:\n    reviewed: \"2025-11-01\"\n")
	s, err := LoadSettings(good)
	if err != nil || s.AsOf != "2025-11-01" || s.Platform != "AzureLocal" || s.Catalog["reviewed"] != "2025-11-01" {
		t.Fatalf("LoadSettings = %+v, %v", s, err)
	}
	bad := dir + "/bad.yaml"
	writeFile(t, bad, "catalog: {}\naksarc_settings:\n  asof: 2025-11-01\n")
	_, err = LoadSettings(bad)
	if err == nil || !strings.Contains(err.Error(), "bad.yaml") || !strings.Contains(err.Error(), `unknown top-level key "catalog"`) ||
		!strings.Contains(err.Error(), "aksarc_settings.asof: unknown setting") {
		t.Fatalf("error = %v", err)
	}
}

// A section whose every entry is commented out reads as null in YAML: an error naming the file
// and the section, never a run that quietly judges nothing.
func TestSettingsFileThatNullsASectionIsAnError(t *testing.T) {
	file := t.TempDir() + "/settings.yaml"
	writeFile(t, file, "aksarc_settings:\n  catalog:\n    versions:\n      # \"1.30\": {endOfSupport: \"2026-02-15\"}\n")
	s, err := LoadSettings(file)
	if err != nil {
		t.Fatal(err)
	}
	_, err = New(context.Background(), WithSettings(s))
	if err == nil || !strings.Contains(err.Error(), "catalog.versions: null would leave the rules that read it with nothing to judge") {
		t.Fatalf("error = %v", err)
	}
}

func TestCatalogOverrideMayAddAVersionAndClearADate(t *testing.T) {
	_, err := New(context.Background(), WithSettings(Settings{Catalog: map[string]any{"versions": map[string]any{
		"1.34": map[string]any{"released": "2026-06", "patches": []any{map[string]any{"version": "1.34.2", "available": "2026-06-15"}}, "source": "https://example.org/notes"},
		"1.29": map[string]any{"removed": nil},
	}}}))
	if err != nil {
		t.Fatal(err)
	}
}

func TestCancelledEvaluationIsOneError(t *testing.T) {
	e := newEvaluator(t)
	docs, err := Load([]string{fixturesDir + "/cluster/kube-system-dump.yaml"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = e.Evaluate(ctx, docs)
	if err == nil || err.Error() != "evaluate: context canceled" {
		t.Fatalf("err = %v", err)
	}
}

// A rule's METADATA `parameters` names exactly the thresholds its Rego reads, each one a
// parameter the policies define; and every parameter is read by some rule.
func TestRuleParametersMatchTheirSource(t *testing.T) {
	e := newEvaluator(t)
	used := map[string]bool{}
	refs := regexp.MustCompile(`ctx\.parameters\.([A-Za-z]+)`)
	for _, r := range e.Rules() {
		src, err := fs.ReadFile(policies.FS, r.File)
		if err != nil {
			t.Fatalf("%s: %v", r.ID, err)
		}
		read := map[string]bool{}
		for _, m := range refs.FindAllStringSubmatch(string(src), -1) {
			read[m[1]] = true
		}
		declared := map[string]bool{}
		for _, p := range r.Parameters {
			declared[p] = true
			used[p] = true
			if _, ok := e.DefaultParameters()[p]; !ok {
				t.Errorf("%s: parameter %s is not defined in lib.aksarc.context.default_parameters", r.ID, p)
			}
		}
		if !maps.Equal(read, declared) {
			t.Errorf("%s: METADATA parameters %v, the Rego reads %v", r.ID, r.Parameters, slices.Sorted(maps.Keys(read)))
		}
	}
	for p := range e.DefaultParameters() {
		if !used[p] {
			t.Errorf("parameter %s is read by no rule", p)
		}
	}
}

// The rule catalog is a contract (IDs never change meaning): every ID, name and severity of the
// specification is a rule of this build, and the build has no other.
func TestRulesAreTheCatalogContract(t *testing.T) {
	contract := map[string][2]string{
		"AKSARC-001": {"version-outside-support", "deny"},
		"AKSARC-002": {"version-removed", "deny"},
		"AKSARC-003": {"version-support-ending", "warn"},
		"AKSARC-004": {"patch-not-current", "warn"},
		"AKSARC-005": {"version-skew", "deny"},
		"AKSARC-006": {"host-unsupported", "deny"},
		"AKSARC-010": {"kube-system-foreign-object", "deny"},
		"AKSARC-011": {"managed-component-change", "deny"},
		"AKSARC-012": {"system-metadata-change", "deny"},
		"AKSARC-020": {"privileged-node-customization", "warn"},
		"AKSARC-021": {"nic-level-network-change", "warn"},
		"AKSARC-022": {"node-image-outdated", "warn"},
		"AKSARC-023": {"node-not-managed", "deny"},
		"AKSARC-024": {"windows-node-pool-os-retired", "deny"},
		"AKSARC-030": {"cni-not-supported", "warn"},
		"AKSARC-031": {"third-party-oss", "warn"},
		"AKSARC-032": {"network-outside-defined-subnets", "warn"},
		"AKSARC-040": {"stopped-control-plane-out-of-support", "deny"},
		"AKSARC-041": {"stopped-update-blocked", "deny"},
		"AKSARC-042": {"stopped-nearing-limit", "warn"},
		"AKSARC-043": {"nodes-deallocated-outside-api", "deny"},
		"AKSARC-044": {"disconnected-too-long", "deny"},
		"AKSARC-045": {"disconnected-nearing-limit", "warn"},
		"AKSARC-050": {"subscription-out-of-support", "deny"},
		"AKSARC-051": {"subscription-suspended", "warn"},
		"AKSARC-052": {"subscription-deleted", "deny"},
		"AKSARC-053": {"subscription-at-risk", "warn"},
		"AKSARC-060": {"alpha-feature-gate", "deny"},
		"AKSARC-061": {"alpha-api-in-use", "deny"},
		"AKSARC-062": {"preview-feature-enabled", "warn"},
		"AKSARC-070": {"api-removed-in-next-minor", "warn"},
		"AKSARC-080": {"known-issue", "warn"},
		"AKSARC-090": {"catalog-stale", "warn"},
		"AKSARC-091": {"version-unknown-newer", "warn"},
	}
	rules := newEvaluator(t).Rules()
	for _, r := range rules {
		want, ok := contract[r.ID]
		if !ok {
			t.Errorf("%s %s is not in the catalog contract", r.ID, r.Name)
			continue
		}
		if r.Name != want[0] || string(r.Severity) != want[1] {
			t.Errorf("%s is %s/%s, the contract says %s/%s", r.ID, r.Name, r.Severity, want[0], want[1])
		}
		delete(contract, r.ID)
	}
	for id, want := range contract {
		t.Errorf("%s %s is missing", id, want[0])
	}
}

// The report says what limits a run as a whole: several snapshots, facts captured after the
// evaluation date or long before it.
func TestRunNotes(t *testing.T) {
	e := newEvaluator(t)
	snap := func(name, captured string) string {
		return "apiVersion: support.aksarc.io/v1alpha1\nkind: ClusterSnapshot\nmetadata: {name: " + name + "}\nspec:\n  capturedAt: \"" + captured + "\"\n  cluster: {kubernetesVersion: 1.31.10}\n"
	}
	node := "apiVersion: v1\nkind: Node\nmetadata: {name: n1}\n"
	cases := []struct {
		name, input string
		want        []string
	}{
		{"one fresh snapshot", snap("a", "2025-10-31T08:00:00Z") + "---\n" + node, nil},
		{"two snapshots and a node", snap("a", "2025-10-31T08:00:00Z") + "---\n" + snap("b", "2025-10-31T08:00:00Z") + "---\n" + node, []string{"2 ClusterSnapshots in one run"}},
		{"two snapshots only", snap("a", "2025-10-31T08:00:00Z") + "---\n" + snap("b", "2025-10-31T08:00:00Z"), nil},
		{"captured after as-of", snap("a", "2025-11-02T00:00:00Z"), []string{"after the evaluation date 2025-11-01"}},
		{"captured later on the as-of day", snap("a", "2025-11-01T09:20:00Z"), nil},
		{"captured long before", snap("a", "2025-10-24T23:59:59Z"), []string{"7 days before the evaluation date 2025-11-01"}},
		{"captured a week before", snap("a", "2025-10-25T00:00:00Z"), nil},
	}
	for _, c := range cases {
		r, err := e.Evaluate(context.Background(), decodeString(t, "s.yaml", c.input), AsOf(day("2025-11-01")))
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Notes) != len(c.want) {
			t.Errorf("%s: notes %q, want %d", c.name, r.Notes, len(c.want))
			continue
		}
		for i, w := range c.want {
			if !strings.Contains(r.Notes[i], w) {
				t.Errorf("%s: note %q lacks %q", c.name, r.Notes[i], w)
			}
		}
	}
}
