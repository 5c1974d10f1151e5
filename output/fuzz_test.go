package output

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
	"github.com/aksarc-opa/aksarc-opa/internal/fuzzwatch"
)

// fuzzWaivers are in force, expired and unused on asOf, on objects fuzzed input easily makes
// (any DaemonSet in kube-system, any snapshot, any Pod), so that reports hold waived findings,
// expired and unused waivers.
const fuzzWaivers = `apiVersion: aksarc-opa.io/v1alpha1
kind: Waivers
waivers:
  - rule: AKSARC-010
    object: {kind: DaemonSet, namespace: kube-system, name: "*"}
    owner: "team\n::error::owner"
    reason: "reason ::add-mask:: x"
    expires: 2026-01-31
  - rule: AKSARC-044
    object: {kind: ClusterSnapshot, name: "*"}
    file: "**/*.yaml"
    owner: edge
    reason: booked
    expires: 2025-12-31
  - rule: AKSARC-020
    object: {kind: Pod, namespace: default, name: "*"}
    owner: apps
    reason: expired
    expires: 2025-10-31
  - rule: AKSARC-061
    object: {kind: CustomResourceDefinition, name: never-there}
    owner: apps
    reason: unused
    expires: 2026-01-31
`

// fuzzEvaluators are built once per process, pinned to asOf: [0] with every rule, [1] with the
// waivers above and two rules skipped. Compiling per input would leave almost no fuzzing.
var fuzzEvaluators = sync.OnceValues(func() ([2]*evaluator.Evaluator, error) {
	var evs [2]*evaluator.Evaluator
	ws, err := evaluator.DecodeWaivers("waivers\n::error::.yaml", strings.NewReader(fuzzWaivers))
	if err != nil {
		return evs, err
	}
	ctx := context.Background()
	if evs[0], err = evaluator.New(ctx, evaluator.WithAsOf(asOf)); err != nil {
		return evs, err
	}
	evs[1], err = evaluator.New(ctx, evaluator.WithAsOf(asOf), evaluator.WithWaivers(ws),
		evaluator.WithRules(nil, []string{"AKSARC-090", "AKSARC-045"}))
	return evs, err
})

// fuzzDates are the as-of dates a FuzzCheck input picks from: the goldens' day, today's
// issue, and the edges --as-of accepts.
var fuzzDates = []time.Time{asOf, time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC),
	time.Date(1678, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2261, 12, 31, 23, 59, 59, 0, time.UTC)}

// FuzzCheck is the whole check: a fuzzed input (under a fuzzed file name, since names reach
// every report too) is decoded as `aksarc-opa check` decodes it, evaluated by an evaluator
// built once and pinned (with or without waivers and skipped rules, as of one of fuzzDates),
// and written in every format of Names(). Decoding gives documents or an input error; every
// format writes without error; JSON and SARIF are JSON, SARIF fits the SARIF 2.1.0 schema,
// JUnit is well-formed XML; in text, junit, table and github no line starts with "::" unless
// the github format wrote that command itself, and no terminal escape or bidirectional
// control reaches them (colour aside).
//
//	go test ./output -run '^$' -fuzz '^FuzzCheck$' -fuzztime 10m -fuzzminimizetime 2s -parallel 2
func FuzzCheck(f *testing.F) {
	root := filepath.Join("..", "fixtures")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err == nil && len(b) <= 32<<10 { // the kube-system dumps cost 0.5 s an input
			rel, _ := filepath.Rel("..", p)
			f.Add(b, filepath.ToSlash(rel), uint8(0))
		}
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	evil := "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: \"evil\\n::add-mask::secret\\r\\n::error file=x::pwned\\e[2J</system-out>]]>\\u202e\"\n  namespace: kube-system\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: \"x\\n::warning::img\", securityContext: {privileged: true}}]\n"
	f.Add([]byte(evil), "pr\n::error::file.yaml", uint8(1))
	f.Add([]byte(evil), "-", uint8(0x0e))
	f.Add([]byte("apiVersion: support.aksarc.io/v1alpha1\nkind: ClusterSnapshot\nmetadata: {name: \"::stop-commands::x\"}\nspec: {cluster: {kubernetesVersion: 1.31.10}}\n"), "C:\\repo\\snap shot.yaml", uint8(0x31))
	f.Add([]byte("{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": []}"), "ü/%2e/x.json", uint8(0x07))
	f.Fuzz(func(t *testing.T, data []byte, name string, flags uint8) {
		fuzzwatch.Watchdog(t, 30*time.Second)
		if name == "" {
			name = "-" // the CLI names every input; standard input is "-"
		}
		evs, err := fuzzEvaluators()
		if err != nil {
			t.Fatal(err)
		}
		// As `aksarc-opa check - --stdin-name NAME` reads it: a named input, strict.
		in, err := evaluator.LoadInputs([]string{"-"}, bytes.NewReader(data), evaluator.LoadOptions{
			Limits: evaluator.Limits{MaxInputSize: 1 << 20, MaxDocumentSize: 256 << 10, MaxExpansion: 4 << 20}})
		if err != nil {
			if ie := (*evaluator.InputError)(nil); !errors.As(err, &ie) {
				t.Fatalf("reading: an error that is not an input error, so not exit 2 (%T): %v", err, err)
			} else if ie.File != "-" {
				t.Fatalf("reading: the error names %q, not the input: %v", ie.File, err)
			}
			return
		}
		if len(in.Documents) == 0 && len(in.Notes) == 0 {
			t.Fatalf("a named input with no object (and no empty List) was read without error")
		}
		if flags&0x08 != 0 { // a walk skipped a file too
			in.Skipped = []evaluator.SkippedInput{{File: name + ".d/values.yaml", Document: 1, Line: 1,
				Kind: evaluator.SkipNotKubernetes, Reason: "not a Kubernetes object: apiVersion and kind are required"}}
			in.Notes = append(in.Notes, "an empty List in "+name)
		}
		ev := evs[(flags>>2)&1]
		when := fuzzDates[(flags>>4)&3]
		report, err := ev.EvaluateInputs(context.Background(), in, evaluator.AsOf(when))
		if err != nil {
			t.Fatalf("documents read are not evaluated as of %s: %v", when.Format(time.RFC3339), err)
		}
		checkSummary(t, report, len(in.Documents))
		color := flags&0x02 != 0
		for _, format := range Names() {
			f, err := NewWithOptions(format, Options{Rules: ev.Rules(), Documents: in.Documents, FailOnWarn: flags&0x01 != 0,
				Version: Version{Version: "fuzz"}, StdinName: name, Color: color})
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := f.Write(&b, report); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			checkReport(t, format, b.Bytes(), color)
			checkAllFindings(t, format, b.Bytes(), report)
		}
	})
}

// checkSummary: the summary counts what the report holds; "supported" only without findings,
// "complete" only when every selected rule judged every document.
func checkSummary(t *testing.T, r *evaluator.Report, docs int) {
	t.Helper()
	s := r.Summary
	if s.Documents != docs {
		t.Fatalf("%d documents read, %d judged", docs, s.Documents)
	}
	if s.Deny+s.Warn+s.Waived != len(r.Findings) {
		t.Fatalf("summary counts %d+%d+%d findings, the report holds %d", s.Deny, s.Warn, s.Waived, len(r.Findings))
	}
	if s.Complete != (len(r.NotEvaluated) == 0 && len(r.SkippedRules) == 0) || s.NotEvaluated != len(r.NotEvaluated) ||
		s.SkippedRules != len(r.SkippedRules) || s.Skipped != len(r.Skipped) {
		t.Fatalf("summary %+v does not say what the report holds: %d not evaluated, %d rules and %d inputs skipped",
			s, len(r.NotEvaluated), len(r.SkippedRules), len(r.Skipped))
	}
	if (s.Verdict == evaluator.VerdictSupported) != (len(r.Findings) == 0) {
		t.Fatalf("verdict %q with %d findings", s.Verdict, len(r.Findings))
	}
}

// checkAllFindings: every finding reaches every format. JSON holds the report's findings and
// summary; text has the counts and every rule (it folds findings on owned objects under their
// owner); in the other formats each rule ID shows at least once per finding of that rule.
// The text report says "SUPPORTED" plainly only for a complete run.
func checkAllFindings(t *testing.T, format string, out []byte, r *evaluator.Report) {
	t.Helper()
	switch format {
	case "json":
		var got struct {
			Summary  evaluator.Summary `json:"summary"`
			Findings []json.RawMessage `json:"findings"`
		}
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("json: %v", err)
		}
		if len(got.Findings) != len(r.Findings) || got.Summary.Verdict != r.Summary.Verdict || got.Summary.Complete != r.Summary.Complete {
			t.Fatalf("json: %d findings, verdict %q, complete %v; the report has %d, %q, %v", len(got.Findings),
				got.Summary.Verdict, got.Summary.Complete, len(r.Findings), r.Summary.Verdict, r.Summary.Complete)
		}
		return
	case "text":
		first, _, _ := strings.Cut(string(out), "\n")
		if strings.Contains(first, "SUPPORTED") && !strings.Contains(first, "OUT OF SUPPORT") &&
			!strings.Contains(first, "AS FAR AS CHECKED") && !r.Summary.Complete {
			t.Fatalf("text: %q for a run that is not complete", first)
		}
		// Findings on objects a workload owns are folded under it ("Also on:"), so the text
		// report counts them and names each rule.
		want := fmt.Sprintf("%s denied, %s at risk,", plural(r.Summary.Deny, "finding", "findings"), plural(r.Summary.Warn, "finding", "findings"))
		if lines := strings.SplitN(string(out), "\n", 3); len(lines) < 2 || !strings.HasPrefix(lines[1], want) {
			t.Fatalf("text: the counts line is not %q:\n%s", want, out)
		}
		for _, f := range r.Findings {
			if !bytes.Contains(out, []byte(f.RuleID)) {
				t.Fatalf("text: %s is not shown:\n%s", f.RuleID, out)
			}
		}
		return
	}
	perRule := map[string]int{}
	for _, f := range r.Findings {
		perRule[f.RuleID]++
	}
	for id, n := range perRule {
		if got := bytes.Count(out, []byte(id)); got < n {
			t.Fatalf("%s: %s shows %d times for %d findings:\n%s", format, id, got, n, out)
		}
	}
}

// checkReport checks one written report as FuzzCheck says.
func checkReport(t *testing.T, format string, out []byte, color bool) {
	t.Helper()
	switch format {
	case "json", "sarif":
		if !json.Valid(out) {
			t.Fatalf("%s: not JSON:\n%s", format, out)
		}
		if format == "sarif" {
			validateSARIF(t, format, out)
		}
		return
	case "junit":
		if err := wellFormedXML(out); err != nil {
			t.Fatalf("junit: not well-formed XML: %v\n%s", err, out)
		}
	}
	s := string(out)
	if !(format == "text" && color) && strings.ContainsAny(s, "\x1b\u202e\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d") {
		t.Fatalf("%s: a terminal escape or bidirectional control reached the report:\n%q", format, s)
	}
	for i, line := range strings.Split(s, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "::") && (format != "github" || !isOwnCommand(trimmed)) {
			t.Fatalf("%s line %d is a workflow command from the input: %q", format, i+1, line)
		}
	}
}

// wellFormedXML reads every token of an XML document, strictly: one root element.
func wellFormedXML(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	roots, depth := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			if roots != 1 {
				return fmt.Errorf("%d root elements", roots)
			}
			return nil
		}
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
}
