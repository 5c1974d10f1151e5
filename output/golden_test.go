package output

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

var update = flag.Bool("update", false, "rewrite the goldens under testdata/golden from the current output")

// asOf pins every golden: the wall clock never reaches them.
var asOf = time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)

// goldenCases are the inputs of the goldens, as `aksarc-opa check --as-of 2025-11-01 <inputs>`
// run from the root of the repository would read them (files are named relative to it), with
// --waivers, --rules and --skip-rules where a case gives them.
var goldenCases = []struct {
	name        string
	inputs      []string
	waivers     string
	rules, skip []string
}{
	{"clean", []string{"fixtures/snapshots/clean-azure-local.yaml"}, "", nil, nil},
	{"denied-snapshot", []string{"fixtures/snapshots/stopped-45-days-azure-local.yaml"}, "", nil, nil},
	{"manifest-objects", []string{"fixtures/manifests/alpha-api-in-use.yaml"}, "", nil, nil},
	{"not-evaluated", []string{"fixtures/snapshots/minimal.yaml"}, "", nil, nil},
	{"deny-and-warn", []string{"fixtures/snapshots/cni-not-supported-azure-local.yaml", "fixtures/manifests/cni-cilium.yaml"}, "", nil, nil},
	// Waived findings (deny and warn, one on the waiver's last day), an expired waiver whose
	// findings count again, an unused waiver.
	{"waived", []string{"fixtures/snapshots/cni-not-supported-azure-local.yaml", "fixtures/manifests/cni-cilium.yaml",
		"fixtures/manifests/kube-system-foreign.yaml"}, "output/testdata/waivers.yaml", nil, nil},
	// A cluster dump: Deployments with their ReplicaSets and Pods (owners in the run).
	{"owned-dump", []string{"fixtures/cluster/deployment-dump.yaml"}, "", nil, nil},
	// A partial run: rules skipped by ID and by name, their findings and not-evaluated entries left out.
	{"rules-skipped", []string{"fixtures/snapshots/minimal.yaml", "fixtures/manifests/cni-cilium.yaml"}, "",
		nil, []string{"AKSARC-010", "disconnected-too-long", "AKSARC-045"}},
	// A directory walk of a repository tree: a chart, a kustomization, hidden and
	// non-Kubernetes files skipped and listed; and an empty List, noted.
	{"inputs-skipped", []string{"fixtures/repo-tree", "fixtures/cluster/empty-list.yaml"}, "", nil, nil},
}

// goldenExt is the file extension of each format's goldens.
var goldenExt = map[string]string{
	"text":   ".txt",
	"json":   ".json",
	"sarif":  ".sarif",
	"junit":  ".junit.xml",
	"github": ".github.txt",
	"table":  ".table.txt",
}

var testEvaluator = sync.OnceValues(func() (*evaluator.Evaluator, error) {
	return evaluator.New(context.Background(), evaluator.WithAsOf(asOf))
})

// evaluate loads the inputs from the repository root under their relative names, so that no
// absolute path reaches a report.
func evaluate(t *testing.T, inputs ...string) (*evaluator.Evaluator, []*evaluator.Document, *evaluator.Report) {
	t.Helper()
	ev, err := testEvaluator()
	if err != nil {
		t.Fatal(err)
	}
	return evaluateWith(t, ev, inputs...)
}

// evaluatorWith builds an evaluator with a waivers file (named relative to the repository root)
// and a rule selection, as `check --waivers FILE --rules ... --skip-rules ...` does.
func evaluatorWith(t *testing.T, waivers string, rules, skip []string) *evaluator.Evaluator {
	t.Helper()
	opts := []evaluator.Option{evaluator.WithAsOf(asOf), evaluator.WithRules(rules, skip)}
	if waivers != "" {
		f, err := os.Open(filepath.Join("..", filepath.FromSlash(waivers)))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		ws, err := evaluator.DecodeWaivers(waivers, f)
		if err != nil {
			t.Fatal(err)
		}
		opts = append(opts, evaluator.WithWaivers(ws))
	}
	ev, err := evaluator.New(context.Background(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func evaluateWith(t *testing.T, ev *evaluator.Evaluator, inputs ...string) (*evaluator.Evaluator, []*evaluator.Document, *evaluator.Report) {
	t.Helper()
	// Read from the repository root, so that the paths in the reports are relative to it.
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(".."); err != nil {
		t.Fatal(err)
	}
	in, err := evaluator.LoadInputs(inputs, nil, evaluator.LoadOptions{})
	if cerr := os.Chdir(wd); cerr != nil {
		t.Fatal(cerr)
	}
	if err != nil {
		t.Fatal(err)
	}
	report, err := ev.EvaluateInputs(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return ev, in.Documents, report
}

// goldenVersion stands for the build in the goldens: a real one would tie them to a commit, an
// OPA release and a catalog review.
var goldenVersion = Version{
	Version:         "v1.2.3",
	Commit:          "0123456789abcdef0123456789abcdef01234567",
	CommitTime:      "2026-01-02T03:04:05Z",
	BuildDate:       "2026-01-03T04:05:06Z",
	Go:              "go1.26.0",
	OPA:             "1.22.2",
	CatalogReviewed: "2025-10-09",
}

// render writes the report in a format configured with the options given.
func render(t *testing.T, format string, o Options, r *evaluator.Report) []byte {
	t.Helper()
	f, err := NewWithOptions(format, o)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.Write(&b, r); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return b.Bytes()
}

func TestGoldens(t *testing.T) {
	for _, c := range goldenCases {
		ev, docs, report := evaluate(t, c.inputs...)
		if c.waivers != "" || c.rules != nil || c.skip != nil {
			ev, docs, report = evaluateWith(t, evaluatorWith(t, c.waivers, c.rules, c.skip), c.inputs...)
		}
		for _, format := range Names() {
			t.Run(c.name+"/"+format, func(t *testing.T) {
				got := render(t, format, Options{Rules: rulesOf(ev.Rules(), report), Documents: docs, Version: goldenVersion}, report)
				file := filepath.Join("testdata", "golden", c.name+goldenExt[format])
				if *update {
					if err := os.WriteFile(file, got, 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(file)
				if err != nil {
					t.Fatalf("%v (run go test ./output -update to create it)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from the output:\n%s\nIf the change is intended, run go test ./output -update and review the diff.",
						file, firstDifference(string(want), string(got)))
				}
			})
		}
	}
}

// rulesOf keeps the rules of the catalog that the report names. `check` gives SARIF the whole
// catalog (TestSARIFRulesAndResults checks that); the goldens hold only the rules of their
// findings and not-evaluated entries, so that a change to one rule's METADATA changes only the
// goldens that concern it.
func rulesOf(catalog []evaluator.Rule, r *evaluator.Report) []evaluator.Rule {
	named := map[string]bool{}
	for _, f := range r.Findings {
		named[f.RuleID] = true
	}
	for _, n := range r.NotEvaluated {
		named[n.RuleID] = true
	}
	var rules []evaluator.Rule
	for _, rule := range catalog {
		if named[rule.ID] {
			rules = append(rules, rule)
		}
	}
	return rules
}

// Every format has a golden for every case, and no golden is left over from a removed one.
func TestGoldensAreComplete(t *testing.T) {
	if len(goldenExt) != len(Names()) {
		t.Fatalf("goldenExt covers %d formats, there are %d", len(goldenExt), len(Names()))
	}
	want := map[string]bool{}
	for _, c := range goldenCases {
		for _, format := range Names() {
			want[c.name+goldenExt[format]] = true
		}
	}
	entries, err := os.ReadDir(filepath.Join("testdata", "golden"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !want[e.Name()] {
			t.Errorf("testdata/golden/%s belongs to no case", e.Name())
		}
	}
}

// goldens returns every golden file's name and content.
func goldens(t *testing.T) map[string][]byte {
	t.Helper()
	dir := filepath.Join("testdata", "golden")
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) == 0 {
		t.Fatalf("no goldens under %s: %v", dir, err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

// Goldens must not depend on where the repository is checked out (the clock is pinned by
// asOf, and no format writes the time of the run), and hold no escape code: they are rendered
// as check renders a file or a pipe.
func TestGoldensHoldNoAbsolutePathOrEscapeCode(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Dir(filepath.Dir(wd))
	for name, b := range goldens(t) {
		if strings.Contains(string(b), root) || strings.Contains(string(b), "file://") {
			t.Errorf("%s holds an absolute path", name)
		}
		if strings.Contains(string(b), "\x1b") {
			t.Errorf("%s holds an escape code", name)
		}
	}
}

func firstDifference(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  golden: %s\n  output: %s", i+1, w, g)
		}
	}
	return "(same lines, different bytes)"
}
