package evaluator

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/aksarc-opa/aksarc-opa/internal/fuzzwatch"
	"github.com/aksarc-opa/aksarc-opa/policies"
)

// Fuzz targets beyond the decoder (decode_fuzz_test.go): the snapshot schema, the settings file
// and New, waivers and their matching, the one timestamp parser. `go test` runs their seeds
// only; docs/architecture.md ("Tests") says how to fuzz them long, one at a time:
//
//	go test ./evaluator -run '^$' -fuzz '^FuzzSnapshot$' -fuzztime 10m -fuzzminimizetime 2s -parallel 2
//
// The whole check (decode, evaluate, every report format) is FuzzCheck in output/.

// fuzzAsOf pins every evaluation of the fuzz targets that does not take its date from the input.
var fuzzAsOf = time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)

// fuzzEvaluator is built once per process: a fuzz worker runs many inputs, and compiling the
// policies costs about half a second, which per input would leave almost no fuzzing.
var fuzzEvaluator = sync.OnceValues(func() (*Evaluator, error) {
	return New(context.Background(), WithAsOf(fuzzAsOf))
})

func sharedEvaluator(t *testing.T) *Evaluator {
	t.Helper()
	ev, err := fuzzEvaluator()
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return ev
}

// maxSeed is the largest fixture used as a fuzz seed. Every mutation of the two kube-system
// dumps (120 and 170 KB) costs 0.1-0.2 s and cannot be minimized in the time given; the
// decoder's own tests read them whole.
const maxSeed = 32 << 10

// fixtureSeeds returns the fixture files under fixtures/<dir> ("" for all) that are seeds, in
// lexical order.
func fixtureSeeds(f *testing.F, dir string) [][]byte {
	f.Helper()
	var out [][]byte
	err := filepath.WalkDir(filepath.Join(fixturesDir, dir), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err == nil && len(b) <= maxSeed {
			out = append(out, b)
		}
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	if len(out) == 0 {
		f.Fatalf("no seed under %s", filepath.Join(fixturesDir, dir))
	}
	return out
}

// mustInputError fails unless err is an input error (or several): bad input is named, never
// reported as something else.
func mustInputError(t *testing.T, what string, err error) {
	t.Helper()
	if ie := (*InputError)(nil); !errors.As(err, &ie) {
		t.Fatalf("%s: an error that is not an input error (%T): %v", what, err, err)
	}
}

// extremeSnapshot has every date at the edges of what ParseTime accepts.
const extremeSnapshot = `apiVersion: support.aksarc.io/v1alpha1
kind: ClusterSnapshot
metadata: {name: edges}
spec:
  platform: AzureLocal
  capturedAt: "2261-12-31T23:59:59Z"
  host: {os: Azure Local, release: "2510"}
  cluster:
    kubernetesVersion: 1.31.10
    power: {state: Stopped, since: "1678-01-01T00:00:00Z"}
  connectivity: {connectivityStatus: Disconnected, lastConnectivityTime: "1678-01-01"}
  subscription: {id: 6b1f2c1e-3f4a-4c8e-9d0b-2f7c4a1e5d90, state: Warned, stateChangedAt: "2261-12-31"}
`

// fuzzNode is a Node of the cluster: with a snapshot beside it, the snapshot is its cluster.
var fuzzNode = sync.OnceValues(func() (*Document, error) {
	docs, err := Decode("node.yaml", strings.NewReader(`apiVersion: v1
kind: Node
metadata: {name: moc-fuzz, uid: 0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0, resourceVersion: "1"}
spec: {providerID: "moc://moc-fuzz"}
status: {nodeInfo: {kubeletVersion: v1.31.10, kubeProxyVersion: v1.31.10}}
`))
	if err != nil {
		return nil, err
	}
	return docs[0], nil
})

// FuzzSnapshot: NewDocument on arbitrary snapshot-shaped objects (a snapshot's YAML, mutated;
// made to claim the snapshot's kind and group or left as it is; numbers as json.Number or
// float64) gives an input error or a document, never a panic; and a document it gives is
// evaluated without error, alone and as the cluster of a Node, as of any date --as-of accepts.
func FuzzSnapshot(f *testing.F) {
	for _, b := range fixtureSeeds(f, "snapshots") {
		f.Add(b, uint8(0), "2025-11-01")
	}
	f.Add([]byte(extremeSnapshot), uint8(3), "2261-12-31T23:59:59Z")
	f.Add([]byte(extremeSnapshot), uint8(0), "1678-01-01")
	f.Add([]byte("apiVersion: support.aksarc.io/v1alpha1\nkind: ClusterSnapshot\nmetadata: {name: n}\nspec: {cluster: {kubernetesVersion: 1.31.10}, connectivity: {lastConnectivityTime: \"0001-01-01T00:00:00Z\"}}\n"), uint8(4), "2026-12-05")
	f.Add([]byte("kind: ClusterSnapshot\nspec: {}\n"), uint8(1), "")
	f.Fuzz(func(t *testing.T, data []byte, mode uint8, asOf string) {
		fuzzwatch.Watchdog(t, 30*time.Second)
		if len(data) > 64<<10 {
			return
		}
		obj, ok := snapshotShaped(data, mode)
		if !ok {
			return
		}
		claims := claimsSnapshot(obj)
		doc, err := NewDocument(obj, Source{File: "fuzz.yaml", Document: 1, Line: 1})
		if err != nil {
			mustInputError(t, "NewDocument", err)
			return
		}
		if doc.IsClusterSnapshot() != claims {
			t.Fatalf("IsClusterSnapshot = %v for an object that claims %v", doc.IsClusterSnapshot(), claims)
		}
		when, err := ParseAsOf(asOf)
		if err != nil {
			when = fuzzAsOf
		}
		node, err := fuzzNode()
		if err != nil {
			t.Fatal(err)
		}
		for _, docs := range [][]*Document{{doc}, {doc, node}} {
			if _, err := sharedEvaluator(t).Evaluate(context.Background(), docs, AsOf(when)); err != nil {
				t.Fatalf("a document NewDocument accepted is not evaluated as of %s: %v", when.Format(time.RFC3339), err)
			}
		}
	})
}

// snapshotShaped reads data as the decoder reads a YAML document and shapes it by mode: bit 0
// sets the snapshot's apiVersion, bit 1 its kind, bit 2 makes every number a float64.
func snapshotShaped(data []byte, mode uint8) (map[string]any, bool) {
	v, ierr := NewDecoder(Limits{MaxExpansion: 4 << 20}).yamlValue(Source{File: "fuzz.yaml"}, data)
	if ierr != nil {
		return nil, false
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, false
	}
	if mode&1 != 0 {
		obj["apiVersion"] = snapshotGroup + "/v1alpha1"
	}
	if mode&2 != 0 {
		obj["kind"] = snapshotKind
	}
	if mode&4 != 0 {
		obj = floats(obj).(map[string]any)
	}
	return obj, true
}

// floats turns every json.Number into a float64 (NewDocument takes both).
func floats(v any) any {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return x
		}
		return f
	case map[string]any:
		for k, e := range x {
			x[k] = floats(e)
		}
	case []any:
		for i, e := range x {
			x[i] = floats(e)
		}
	}
	return v
}

// settingsSeeds are settings files as users write them (README, "Settings"), and some that
// must be refused.
var settingsSeeds = []string{
	"aksarc_settings:\n  asOf: 2025-11-01\n  platform: AzureLocal\n  parameters: {stopWarnDays: 3}\n  catalog:\n    reviewed: \"2025-11-01\"\n",
	"aksarc_settings:\n  asOf: \"2025-11-01T08:00:00Z\"\n  platform: WindowsServer\n  parameters:\n    versionWarnDays: 30\n    stopWarnDays: 7\n    disconnectWarnDays: 7\n    nodeImageMaxAgeDays: 60\n    catalogMaxAgeDays: 120\n  catalog:\n    versions:\n      \"1.30\": {endOfSupport: \"2026-02-15\"}\n",
	"aksarc_settings:\n  catalog:\n    versions:\n      \"1.33\": {released: \"2026-02-01\", patches: [\"1.33.2\"], source: \"https://example.org/notes\"}\n      \"1.29\": {removed: null}\n",
	"aksarc_settings:\n  catalog:\n    platforms:\n      WindowsServer:\n        limits: {stoppedOutOfSupportDays: 30}\n    nodePoolOS:\n      skus:\n        Windows2019: {retired: \"2026-03\"}\n",
	"{\"aksarc_settings\": {\"asOf\": \"2261-12-31\", \"platform\": \"AzureLocal\", \"parameters\": {\"versionWarnDays\": 0}}}\n",
	"aksarc_settings:\n  asOf: 1678-01-01\n",
	"aksarc_settings:\n  catalog:\n    versions:\n      # \"1.30\": {endOfSupport: \"2026-02-15\"}\n",
	"aksarc_settings:\n  catalog: {networking: null}\n",
	"catalog: {}\naksarc_settings:\n  asof: 2025-11-01\n",
	"aksarc_settings: {parameters: {stopWarnDays: -1, versionWarnDay: 3}}\n",
	"aksarc_settings: {asOf: 0001-01-01T00:00:00Z}\n",
	"aksarc_settings: {}\n---\naksarc_settings: {}\n",
}

// compiledPolicies are the embedded policies compiled once per process, with what New reads
// from them alone (rules, catalog, parameter defaults).
type compiledPolicies struct {
	compiler *ast.Compiler
	rules    []Rule
	catalog  map[string]any
	params   map[string]any
}

var fuzzCompiled = sync.OnceValues(func() (*compiledPolicies, error) {
	ctx := context.Background()
	c, err := compilePolicies(policies.FS)
	if err != nil {
		return nil, err
	}
	p := &compiledPolicies{compiler: c}
	if p.rules, err = rulesFromAnnotations(c); err != nil {
		return nil, err
	}
	if p.catalog, err = evalValue(ctx, c, "data.aksarc.catalog.catalog"); err != nil {
		return nil, err
	}
	if p.params, err = evalValue(ctx, c, defaultParametersQuery); err != nil {
		return nil, err
	}
	return p, nil
})

// newWithSettings builds what New(ctx, WithSettings(s)) builds, in the same steps, on policies
// compiled once: New compiles the policies on every call (about half a second), which per
// fuzzed input left FuzzSettings at a few execs per second. FuzzSettings' seeds hold it to New:
// the same error, or evaluators that give the same reports.
func newWithSettings(ctx context.Context, s Settings) (*Evaluator, error) {
	p, err := fuzzCompiled()
	if err != nil {
		return nil, err
	}
	if err := s.check(); err != nil {
		return nil, err
	}
	var asOf time.Time
	if s.AsOf != "" {
		if asOf, err = ParseAsOf(s.AsOf); err != nil {
			return nil, fmt.Errorf("settings: asOf: %w", err)
		}
	}
	store := inmem.NewFromObject(map[string]any{"aksarc_settings": s.document()})
	query, err := rego.New(rego.Query(resultQuery), rego.Compiler(p.compiler), rego.Store(store),
		rego.Capabilities(capabilities())).PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("preparing the policy query: %w", err)
	}
	e := &Evaluator{query: query, rules: p.rules, settings: s, asOf: asOf, catalog: p.catalog, params: p.params}
	if e.ctxBase, err = contextBase(ctx, p.compiler, store); err != nil {
		return nil, err
	}
	if err := s.checkParameters(e.params); err != nil {
		return nil, err
	}
	if problems := checkCatalogOverride(e.catalog, s.Catalog); len(problems) > 0 {
		return nil, &SettingsError{Problems: problems}
	}
	if e.skipped, err = selectRules(p.rules, nil, nil); err != nil {
		return nil, err
	}
	return e, nil
}

// TestNewWithSettings: newWithSettings, which FuzzSettings runs in place of New, gives New's
// error, or an evaluator that judges as New's does: on settings that New accepts (with a
// catalog override and parameters), and on settings refused for their parameters and for
// their catalog override.
func TestNewWithSettings(t *testing.T) {
	for _, i := range []int{1, 7, 9} {
		dir := t.TempDir()
		writeFile(t, dir+"/s.yaml", settingsSeeds[i])
		s, err := LoadSettings(dir + "/s.yaml")
		if err != nil {
			t.Fatalf("seed %d: %v", i, err)
		}
		ev, err := newWithSettings(context.Background(), s)
		real, rerr := New(context.Background(), WithSettings(s))
		if fmt.Sprint(err) != fmt.Sprint(rerr) {
			t.Fatalf("seed %d: newWithSettings and New disagree: %v; %v", i, err, rerr)
		}
		if err == nil {
			sameReports(t, ev, real)
		} else {
			t.Logf("seed %d: %v", i, err)
		}
	}
}

// sameReports fails unless a and b judge the settings probe alike, as of the fuzz date.
func sameReports(t *testing.T, a, b *Evaluator) {
	t.Helper()
	docs, err := settingsProbe()
	if err != nil {
		t.Fatal(err)
	}
	ra, erra := a.Evaluate(context.Background(), docs, AsOf(fuzzAsOf))
	rb, errb := b.Evaluate(context.Background(), docs, AsOf(fuzzAsOf))
	ja, _ := json.Marshal(ra)
	jb, _ := json.Marshal(rb)
	if fmt.Sprint(erra) != fmt.Sprint(errb) || !bytes.Equal(ja, jb) {
		t.Fatalf("newWithSettings and New judge alike:\n%s %v\n%s %v", ja, erra, jb, errb)
	}
}

// FuzzSettings: the settings file reader (LoadSettings) gives settings or an input error, never
// a panic; New with settings that load gives an error or an evaluator, never a panic; and an
// evaluator New accepts judges a snapshot, a manifest and a Node without error (settings New
// takes cannot break the evaluation), as of the settings' asOf. It runs newWithSettings in
// place of New (TestNewWithSettings holds the two together).
func FuzzSettings(f *testing.F) {
	for _, s := range settingsSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzwatch.Watchdog(t, 10*time.Second)
		path := filepath.Join(t.TempDir(), "settings.yaml")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := LoadSettings(path)
		if err != nil {
			mustInputError(t, "LoadSettings", err)
			if !strings.Contains(err.Error(), path) {
				t.Fatalf("the error does not name the file: %v", err)
			}
			return
		}
		ev, err := newWithSettings(context.Background(), s)
		if err != nil {
			return
		}
		when := fuzzAsOf
		if s.AsOf != "" {
			if when, err = ParseAsOf(s.AsOf); err != nil {
				t.Fatalf("New took an asOf that ParseAsOf refuses: %v", err)
			}
		}
		docs, err := settingsProbe()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ev.Evaluate(context.Background(), docs, AsOf(when)); err != nil {
			t.Fatalf("settings New accepted break the evaluation as of %s: %v", when.Format(time.RFC3339), err)
		}
	})
}

// settingsProbe are the documents an evaluator built with fuzzed settings judges: a full
// snapshot, a kube-system manifest with a privileged pod and a Node of the cluster.
var settingsProbe = sync.OnceValues(func() ([]*Document, error) {
	docs, err := Load([]string{fixturesDir + "/snapshots/clean-windows-server.yaml", fixturesDir + "/manifests/privileged-node-customization.yaml"}, nil)
	if err != nil {
		return nil, err
	}
	node, err := fuzzNode()
	if err != nil {
		return nil, err
	}
	return append(docs, node), nil
})

// waiverSeeds are waivers files (README, "Waivers"; output/testdata/waivers.yaml is read too).
var waiverSeeds = []string{
	"apiVersion: aksarc-opa.io/v1alpha1\nkind: Waivers\nwaivers:\n  - rule: AKSARC-010\n    object:\n      kind: DaemonSet\n      namespace: kube-system\n      name: cilium\n    file: \"clusters/prod/**/*.yaml\"\n    owner: network-team\n    reason: Cilium is replaced by Calico in change CHG-1234\n    expires: \"2025-12-31\"\n",
	"{\"apiVersion\": \"aksarc-opa.io/v1alpha1\", \"kind\": \"Waivers\", \"waivers\": [{\"rule\": \"AKSARC-040\", \"object\": {\"kind\": \"ClusterSnapshot\", \"name\": \"lab*\"}, \"owner\": \"edge\", \"reason\": \"CHG-77\", \"expires\": \"2025-10-31\"}]}\n",
	"apiVersion: aksarc-opa.io/v1alpha1\nkind: Waivers\nwaivers:\n  - rule: disconnected-too-long\n    object: {kind: Deploy*ment, name: a*b}\n    file: \"{a,b}/**\"\n    owner: \"\"\n    expires: 31/12/2025\n    extra: 1\n  - 42\n",
	"apiVersion: aksarc-opa.io/v1alpha1\nkind: Waivers\nwaivers: []\n",
	"apiVersion: aksarc-opa.io/v1alpha1\nkind: Waivers\nwaivers:\n  - {rule: aksarc-020, object: {apiVersion: apps/v1, kind: DaemonSet, namespace: kube-system, name: \"*\"}, file: \"**/**/**/**/*.yaml\", owner: o, reason: r, expires: 2261-12-31}\n",
}

// FuzzWaivers: DecodeWaivers gives waivers or an input error, never a panic; waivers it gives
// (with rule IDs this build has) are accepted by New, and matched as the README says: a finding
// is waived only by a waiver in force that selects its rule, object and file, a finding made to
// fit a waiver in force is waived, expired and unused waivers are the ones they should be.
// Globs match in bounded time: a pattern and a name from the input, and that name repeated to
// 16 KiB in folders, under the watchdog.
func FuzzWaivers(f *testing.F) {
	seeds := append([]string{}, waiverSeeds...)
	if b, err := os.ReadFile(filepath.Join("..", "output", "testdata", "waivers.yaml")); err == nil {
		seeds = append(seeds, string(b))
	} else {
		f.Fatal(err)
	}
	for _, s := range seeds {
		f.Add([]byte(s), "clusters/prod/**/*.yaml", "clusters/prod/east/app.yaml")
	}
	f.Add([]byte(waiverSeeds[4]), "**/a/**/b/**/c/**/*.yaml", strings.Repeat("a/", 40)+"x.yml")
	f.Add([]byte(waiverSeeds[0]), "[!a-z]?\\*/**", "-")
	f.Fuzz(func(t *testing.T, data []byte, glob, file string) {
		fuzzwatch.Watchdog(t, 10*time.Second)
		ws, err := DecodeWaivers("waivers.yaml", bytes.NewReader(data))
		if err != nil {
			mustInputError(t, "DecodeWaivers", err)
		} else {
			if len(ws) > 32 {
				ws = ws[:32] // the reference matching below is quadratic; the order stays
			}
			checkWaiverMatching(t, ws, file)
		}
		if checkGlob(glob) == nil {
			unit := "/" + file + "a" // built once: growing it by += was quadratic, 0.1-0.4 s an input
			long := file + strings.Repeat(unit, (16<<10)/len(unit)+1)
			for _, name := range []string{file, long} {
				matchGlob(glob, name)
				excludes(glob, name)
			}
		}
	})
}

func checkWaiverMatching(t *testing.T, ws []Waiver, file string) {
	t.Helper()
	rules := sharedEvaluator(t).Rules()
	for i := range ws {
		if ws[i].Source.File != "waivers.yaml" || ws[i].Source.Entry != i+1 {
			t.Fatalf("waiver %d: source %+v", i+1, ws[i].Source)
		}
		_ = ws[i].String() + ws[i].Source.String()
		if _, ok := ruleByID(rules, ws[i].Rule); !ok {
			ws[i].Rule = rules[i%len(rules)].ID // any selector reaches the matching
		}
	}
	prepared, err := prepareWaivers(ws, rules)
	if err != nil {
		t.Fatalf("waivers DecodeWaivers accepted, with rule IDs this build has, are refused by New: %v", err)
	}
	// For each waiver, a finding made to fit its selector, and findings that differ from it in
	// one thing each: the rule, the namespace, the kind, the apiVersion, the name.
	var findings []Finding
	for _, w := range prepared {
		name := w.Object.Name
		if prefix, ok := strings.CutSuffix(name, "*"); ok {
			name = prefix + "x"
		}
		res := Resource{APIVersion: w.Object.APIVersion, Kind: w.Object.Kind, Namespace: w.Object.Namespace, Name: name}
		if res.APIVersion == "" {
			res.APIVersion = "v1"
		}
		src := Source{File: file, Document: 1, Line: 1}
		fits := Finding{RuleID: w.Rule, Severity: SeverityDeny, Message: "m", Resource: res, Source: src}
		findings = append(findings, fits)
		for _, change := range []func(*Finding){
			func(f *Finding) { f.RuleID = "AKSARC-000" },
			func(f *Finding) { f.Resource.Namespace += "x" },
			func(f *Finding) { f.Resource.Kind += "x" },
			func(f *Finding) { f.Resource.APIVersion += "x" },
			func(f *Finding) { f.Resource.Name += "x" },
			func(f *Finding) { f.Resource.Name = f.Resource.Name[:len(f.Resource.Name)-1] },
		} {
			other := fits
			change(&other)
			findings = append(findings, other)
		}
	}
	// As of the fuzz date, and of the first waiver's last day and the day after it.
	dates := []time.Time{fuzzAsOf}
	if len(prepared) > 0 {
		if last, err := time.Parse(time.DateOnly, prepared[0].Expires); err == nil {
			dates = append(dates, last.Add(24*time.Hour-time.Nanosecond), last.Add(24*time.Hour))
		}
	}
	for _, asOf := range dates {
		got := append([]Finding(nil), findings...)
		expired, unused := applyWaivers(prepared, got, asOf, func(string) bool { return true })
		var wantExpired, wantUnused []Waiver
		used := make([]bool, len(prepared))
		for j, f := range got {
			var want *Waiver
			for k, w := range prepared {
				selects, live := refWaives(w, f, asOf)
				used[k] = used[k] || selects
				if selects && live && want == nil {
					want = &prepared[k]
				}
			}
			switch {
			case want == nil && f.Waiver != nil:
				t.Fatalf("as of %s, finding %d (%s %+v in %q) is waived by %s, which does not select it or is not in force",
					asOf.Format(time.RFC3339Nano), j, f.RuleID, f.Resource, file, f.Waiver.Source)
			case want != nil && f.Waiver == nil:
				t.Fatalf("as of %s, finding %d (%s %+v in %q) is not waived, but %s (%s) is in force and selects it",
					asOf.Format(time.RFC3339Nano), j, f.RuleID, f.Resource, file, want, want.Source)
			case want != nil && f.Waiver.Source != want.Source:
				t.Fatalf("finding %d is waived by %s, not by the first waiver that selects it, %s", j, f.Waiver.Source, want.Source)
			}
		}
		for k, w := range prepared {
			if _, live := refWaives(w, Finding{}, asOf); !live {
				wantExpired = append(wantExpired, w)
			} else if !used[k] {
				wantUnused = append(wantUnused, w)
			}
		}
		if len(expired) != len(wantExpired) || len(unused) != len(wantUnused) {
			t.Fatalf("as of %s: %d expired and %d unused waivers, want %d and %d", asOf.Format(time.RFC3339Nano),
				len(expired), len(unused), len(wantExpired), len(wantUnused))
		}
		for i := range expired {
			if expired[i].Source != wantExpired[i].Source {
				t.Fatalf("expired waiver %d is %s, want %s", i, expired[i].Source, wantExpired[i].Source)
			}
		}
		for i := range unused {
			if unused[i].Source != wantUnused[i].Source {
				t.Fatalf("unused waiver %d is %s, want %s", i, unused[i].Source, wantUnused[i].Source)
			}
		}
	}
}

// refWaives is the README's reading of a waiver, written apart from waivers.go: it selects a
// finding of its rule on an object of its kind and namespace (and apiVersion, when it names
// one) whose name is its name, or starts with it less a final *, in a file its glob matches;
// it is in force through the whole of its expiry day, UTC.
func refWaives(w Waiver, f Finding, asOf time.Time) (selects, live bool) {
	last, err := time.Parse(time.DateOnly, w.Expires)
	live = err == nil && asOf.Before(last.Add(24*time.Hour))
	o, r := w.Object, f.Resource
	name := o.Name == r.Name || (strings.HasSuffix(o.Name, "*") && strings.HasPrefix(r.Name, strings.TrimSuffix(o.Name, "*")))
	selects = w.Rule == f.RuleID && o.Kind == r.Kind && o.Namespace == r.Namespace &&
		(o.APIVersion == "" || o.APIVersion == r.APIVersion) && name && (w.File == "" || matchGlob(w.File, f.Source.File))
	return selects, live
}

// timeSeeds are timestamps from the snapshot fixtures, and the edges the README names.
var timeSeedShape = regexp.MustCompile(`[0-9]{4}-[0-9]{2}-[0-9]{2}[^"'\s,}]*`)

// FuzzParseTime: ParseTime never panics; what it accepts lies in MinYear to MaxYear (in UTC),
// fits the policies' 64-bit nanoseconds, and round-trips: written as RFC 3339 (and a date as a
// date, and the same text in lower or upper case) it reads back as the same instant. What it
// refuses is a TimeError, or ErrNever for Azure's 0001-01-01; ParseDate and ParseAsOf agree
// with it.
func FuzzParseTime(f *testing.F) {
	for _, b := range fixtureSeeds(f, "snapshots") {
		for _, s := range timeSeedShape.FindAll(b, -1) {
			f.Add(string(s))
		}
	}
	for _, s := range []string{"2025-11-01", "2025-11-01T08:00:00Z", "2025-11-01t08:00:00z", "2025-11-01T08:00:00.123456789+05:30",
		"1678-01-01T00:00:00Z", "1677-12-31T23:59:59Z", "1678-01-01T00:00:00+01:00", "2261-12-31T23:59:59Z", "2261-12-31T23:00:00-01:00",
		"2262-01-01", "0001-01-01T00:00:00Z", "0001-01-01", "2016-12-31T23:59:60Z", "2025-02-29", "2024-02-29", "2025-11-01T24:00:00Z",
		"2025-11-01T08:00:00+24:00", "9999-12-31T23:59:59Z", "2025-11-01 08:00:00", "2025-11", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := ParseTime(s)
		if err != nil {
			if te := (*TimeError)(nil); !errors.As(err, &te) && !errors.Is(err, ErrNever) {
				t.Fatalf("ParseTime(%q): an error that is neither a TimeError nor ErrNever: %v", s, err)
			}
			if errors.Is(err, ErrNever) && !strings.HasPrefix(s, "0001-01-01") {
				t.Fatalf("ParseTime(%q) = ErrNever", s)
			}
			if _, derr := ParseDate(s); derr == nil {
				t.Fatalf("ParseDate(%q) accepts what ParseTime refuses", s)
			}
			if _, aerr := ParseAsOf(s); aerr == nil {
				t.Fatalf("ParseAsOf(%q) accepts what ParseTime refuses", s)
			}
			return
		}
		if y := tm.UTC().Year(); y < MinYear || y > MaxYear {
			t.Fatalf("ParseTime(%q) = %v: the year %d is outside %d to %d", s, tm, y, MinYear, MaxYear)
		}
		if ns := tm.UnixNano(); !time.Unix(0, ns).Equal(tm) {
			t.Fatalf("ParseTime(%q) = %v does not fit in 64-bit nanoseconds", s, tm)
		}
		again := []string{tm.Format(time.RFC3339Nano), tm.UTC().Format(time.RFC3339Nano), strings.ToLower(s), strings.ToUpper(s)}
		if dateShape.MatchString(s) {
			if d := tm.Format(time.DateOnly); d != s {
				t.Fatalf("ParseTime(%q) = %v, written back as %q", s, tm, d)
			}
			if d, err := ParseDate(s); err != nil || !d.Equal(tm) {
				t.Fatalf("ParseDate(%q) = %v, %v; ParseTime gives %v", s, d, err, tm)
			}
		} else if _, err := ParseDate(s); err == nil {
			t.Fatalf("ParseDate(%q) accepts a value that is not YYYY-MM-DD", s)
		}
		for _, a := range again {
			back, err := ParseTime(a)
			if err != nil || !back.Equal(tm) {
				t.Fatalf("ParseTime(%q) = %v, but %q reads as %v, %v", s, tm, a, back, err)
			}
		}
		if a, err := ParseAsOf(s); err != nil || !a.Equal(tm) {
			t.Fatalf("ParseAsOf(%q) = %v, %v; ParseTime gives %v", s, a, err, tm)
		}
	})
}
