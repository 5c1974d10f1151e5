package evaluator

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

const waiversHeader = "apiVersion: aksarc-opa.io/v1alpha1\nkind: Waivers\nwaivers:\n"

// A waiver of AKSARC-040 on the stopped snapshot "paused" whose last day is 2025-11-01.
const pausedWaiver = `  - rule: AKSARC-040
    object: {kind: ClusterSnapshot, name: paused}
    owner: edge-team
    reason: restarted in change CHG-77
    expires: 2025-11-01
`

func loadWaiversString(t *testing.T, name, content string) []Waiver {
	t.Helper()
	ws, err := DecodeWaivers(name, strings.NewReader(content))
	if err != nil {
		t.Fatalf("DecodeWaivers: %v", err)
	}
	return ws
}

func waiverOf(r *Report, rule string) *Waiver {
	for _, f := range r.Findings {
		if f.RuleID == rule {
			return f.Waiver
		}
	}
	return nil
}

func TestLoadWaivers(t *testing.T) {
	dir := t.TempDir()
	file := dir + "/waivers.yaml"
	writeFile(t, file, "# accepted findings\n"+waiversHeader+pausedWaiver+`  - rule: AKSARC-010
    object: {apiVersion: apps/v1, kind: Deployment, namespace: kube-system, name: backup-*}
    file: manifests/**/*.yaml
    owner: platform-team
    reason: moves to platform-tools in Q1
    expires: "2026-01-31"
`)
	ws, err := LoadWaivers(file)
	if err != nil {
		t.Fatal(err)
	}
	want := []Waiver{
		{Rule: "AKSARC-040", Object: ObjectSelector{Kind: "ClusterSnapshot", Name: "paused"}, Owner: "edge-team",
			Reason: "restarted in change CHG-77", Expires: "2025-11-01", Source: WaiverSource{File: file, Entry: 1, Line: 5}},
		{Rule: "AKSARC-010", Object: ObjectSelector{APIVersion: "apps/v1", Kind: "Deployment", Namespace: "kube-system", Name: "backup-*"},
			File: "manifests/**/*.yaml", Owner: "platform-team", Reason: "moves to platform-tools in Q1", Expires: "2026-01-31",
			Source: WaiverSource{File: file, Entry: 2, Line: 10}},
	}
	if len(ws) != len(want) {
		t.Fatalf("got %d waivers: %+v", len(ws), ws)
	}
	for i := range want {
		if ws[i] != want[i] {
			t.Errorf("waiver %d = %+v\nwant %+v", i+1, ws[i], want[i])
		}
	}
	// JSON reads the same, with lines.
	j := loadWaiversString(t, "w.json", `{"apiVersion": "aksarc-opa.io/v1alpha1", "kind": "Waivers", "waivers": [
  {"rule": "AKSARC-040", "object": {"kind": "ClusterSnapshot", "name": "paused"},
   "owner": "edge-team", "reason": "r", "expires": "2025-11-01"}]}`)
	if len(j) != 1 || j[0].Source != (WaiverSource{File: "w.json", Entry: 1, Line: 2}) || j[0].Expires != "2025-11-01" {
		t.Errorf("JSON waivers = %+v", j)
	}
}

// Every mistake is an InputError that names the file, the entry (and its line) and the field.
func TestLoadWaiversErrors(t *testing.T) {
	cases := []struct {
		name, content string
		want          []string
	}{
		{"no header", "waivers: []\n", []string{`w.yaml:1 (document 1): apiVersion: expected "aksarc-opa.io/v1alpha1", got nothing`, `kind: expected "Waivers", got nothing`}},
		{"unknown top-level key", waiversHeader + "  []\nexceptions: []\n", []string{`unknown top-level key "exceptions"`}},
		{"not a list", "apiVersion: aksarc-opa.io/v1alpha1\nkind: Waivers\nwaivers: {rule: AKSARC-010}\n", []string{"waivers: expected a list of waivers, got an object"}},
		{"two documents", waiversHeader + "  []\n---\n" + waiversHeader + "  []\n", []string{"a waivers file holds one document, found 2"}},
		{"required fields", waiversHeader + pausedWaiver + "  - rule: AKSARC-010\n    object: {kind: Deployment}\n", []string{
			"w.yaml: entry 2 (line 9): object.name: required", "entry 2 (line 9): owner: required",
			"entry 2 (line 9): reason: required", "entry 2 (line 9): expires: required"}},
		{"bad values", waiversHeader + `  - rule: AKSARC-010
    object: {kind: Deployment, namespace: "kube-*", name: "back*up", labels: {}}
    owner: ""
    reason: 42
    expires: 31/12/2025
    until: 2025-12-31
`, []string{
			"entry 1 (line 4): until: unknown field (known: rule, object, file, owner, reason, expires)",
			"entry 1 (line 4): object.labels: unknown field",
			"entry 1 (line 4): owner: must not be empty",
			"entry 1 (line 4): reason: expected a string, got a number"}},
		{"patterns and date", waiversHeader + `  - rule: AKSARC-010
    object: {kind: Deployment, namespace: "kube-*", name: "back*up"}
    file: "manifests/[a"
    owner: me
    reason: because
    expires: 2025-02-30
`, []string{
			`entry 1 (line 4): object.name "back*up": * is allowed only at the end`,
			`object.namespace "kube-*": matched exactly, no wildcard`,
			`file "manifests/[a": not a valid glob`,
			`expires "2025-02-30": expected a date YYYY-MM-DD`}},
		{"entry not an object", waiversHeader + "  - AKSARC-010\n", []string{"w.yaml: entry 1 (line 4): expected a waiver (an object with rule, object, owner, reason, expires), got a string"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := DecodeWaivers("w.yaml", strings.NewReader(c.content))
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error = %v, want an InputError", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
	if _, err := LoadWaivers(t.TempDir() + "/missing.yaml"); err == nil || !strings.Contains(err.Error(), "missing.yaml: cannot read") {
		t.Errorf("missing file: %v", err)
	}
}

// New checks rule IDs against the rules, naming the file and the entry.
func TestWaiverRulesMustBeKnownIDs(t *testing.T) {
	ws := loadWaiversString(t, "team/waivers.yaml", waiversHeader+pausedWaiver+
		strings.Replace(pausedWaiver, "AKSARC-040", "AKSARC-999", 1)+
		strings.Replace(pausedWaiver, "AKSARC-040", "stopped-control-plane-out-of-support", 1))
	_, err := New(context.Background(), WithWaivers(ws))
	var ie *InputError
	if !errors.As(err, &ie) || ie.File != "team/waivers.yaml" {
		t.Fatalf("error = %#v", err)
	}
	for _, want := range []string{
		`team/waivers.yaml: entry 2 (line 9): rule "AKSARC-999": unknown rule ID (aksarc-opa rules lists them)`,
		`entry 3 (line 14): rule "stopped-control-plane-out-of-support": that is the name of AKSARC-040; a waiver names the rule by its ID (rule: AKSARC-040)`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	// Waivers built in code are checked too, and named by their entry.
	_, err = New(context.Background(), WithWaivers([]Waiver{{Rule: "aksarc-040", Object: ObjectSelector{Kind: "ClusterSnapshot", Name: "x"}, Owner: "o", Reason: "r", Expires: "2025-13-01"}}))
	if err == nil || !strings.Contains(err.Error(), `waivers: entry 1: expires "2025-13-01": expected a date`) {
		t.Errorf("code waiver: %v", err)
	}
}

// The expiry day itself waives; the next day the waiver has expired, the finding counts again
// and the waiver is reported.
func TestWaiverHoldsThroughItsExpiryDay(t *testing.T) {
	ws := loadWaiversString(t, "w.yaml", waiversHeader+pausedWaiver)
	e := newEvaluator(t, WithWaivers(ws))
	docs := decodeString(t, "s.yaml", stoppedSnapshot)
	for _, c := range []struct {
		asOf    time.Time
		waived  bool
		expired int
	}{
		{day("2025-10-31"), true, 0},
		{day("2025-11-01"), true, 0},
		{time.Date(2025, 11, 1, 23, 59, 59, 0, time.UTC), true, 0},
		{time.Date(2025, 11, 2, 0, 30, 0, 0, time.FixedZone("CET", 3600)), true, 0}, // 23:30 UTC on the 1st
		{day("2025-11-02"), false, 1},
		{day("2025-11-15"), false, 1},
	} {
		r, err := e.Evaluate(context.Background(), docs, AsOf(c.asOf))
		if err != nil {
			t.Fatal(err)
		}
		w := waiverOf(r, "AKSARC-040")
		if (w != nil) != c.waived || len(r.ExpiredWaivers) != c.expired {
			t.Fatalf("as of %s: waiver %+v, expired %+v", c.asOf, w, r.ExpiredWaivers)
		}
		s := r.Summary
		if c.waived {
			// AKSARC-040 is waived, kept and marked.
			if s.Deny != 0 || s.Waived != 1 || s.Verdict != VerdictOutOfSupport || len(r.Findings) != 1 || w.Owner != "edge-team" || w.Reason != "restarted in change CHG-77" ||
				w.Expires != "2025-11-01" || w.Source != (WaiverSource{File: "w.yaml", Entry: 1, Line: 4}) {
				t.Errorf("as of %s: summary %+v, waiver %+v", c.asOf, s, w)
			}
		} else {
			if s.Deny != 1 || s.Waived != 0 || s.Verdict != VerdictOutOfSupport || r.ExpiredWaivers[0].Findings != 1 || r.ExpiredWaivers[0].Rule != "AKSARC-040" ||
				r.ExpiredWaivers[0].Source.Line != 4 {
				t.Errorf("as of %s: summary %+v, expired %+v", c.asOf, s, r.ExpiredWaivers)
			}
		}
		if len(r.UnusedWaivers) != 0 {
			t.Errorf("as of %s: unused %+v", c.asOf, r.UnusedWaivers)
		}
	}
}

// Waiving every deny finding changes the verdict; the waived findings stay in the report.
// Waived findings do not count toward the exit code, but the verdict keeps the facts: the
// cluster is still out of support, its findings accepted.
func TestWaivedFindingsKeepTheVerdictButNotTheCounts(t *testing.T) {
	azureLocal := strings.Replace(stoppedSnapshot, "spec:\n", "spec:\n  platform: AzureLocal\n", 1) // AKSARC-040 and 041
	ws := loadWaiversString(t, "w.yaml", waiversHeader+pausedWaiver+strings.Replace(pausedWaiver, "AKSARC-040", "AKSARC-041", 1)+
		`  - rule: AKSARC-010
    object: {kind: Deployment, namespace: kube-system, name: backup}
    owner: me
    reason: unused
    expires: 2025-12-31
`)
	e := newEvaluator(t, WithWaivers(ws))
	r, err := e.Evaluate(context.Background(), decodeString(t, "s.yaml", azureLocal), AsOf(day("2025-11-01")))
	if err != nil {
		t.Fatal(err)
	}
	if r.Summary.Verdict != VerdictOutOfSupport || r.Summary.Deny != 0 || r.Summary.Waived != 2 || len(r.Findings) != 2 {
		t.Errorf("summary %+v, findings %v", r.Summary, ruleIDs(r))
	}
	if len(r.UnusedWaivers) != 1 || r.UnusedWaivers[0].Rule != "AKSARC-010" || r.UnusedWaivers[0].Source.Entry != 3 {
		t.Errorf("unused = %+v", r.UnusedWaivers)
	}
	// The report's waiver is a copy: changing it does not change the evaluator's.
	r.Findings[0].Waiver.Owner = "someone else"
	r2, _ := e.Evaluate(context.Background(), decodeString(t, "s.yaml", azureLocal), AsOf(day("2025-11-01")))
	if r2.Findings[0].Waiver.Owner != "edge-team" {
		t.Errorf("a report changed the evaluator's waiver")
	}
}

func TestWaiverMatching(t *testing.T) {
	f := Finding{RuleID: "AKSARC-010", Resource: Resource{APIVersion: "apps/v1", Kind: "Deployment", Namespace: "kube-system", Name: "backup-scheduler"},
		Source: Source{File: "./clusters/prod/kube-system/backup.yaml"}}
	base := Waiver{Rule: "AKSARC-010", Object: ObjectSelector{Kind: "Deployment", Namespace: "kube-system", Name: "backup-scheduler"}}
	cases := []struct {
		name string
		edit func(*Waiver)
		want bool
	}{
		{"exact", func(*Waiver) {}, true},
		{"other rule", func(w *Waiver) { w.Rule = "AKSARC-011" }, false},
		{"other kind", func(w *Waiver) { w.Object.Kind = "StatefulSet" }, false},
		{"namespace left out", func(w *Waiver) { w.Object.Namespace = "" }, false},
		{"other name", func(w *Waiver) { w.Object.Name = "backup" }, false},
		{"name prefix", func(w *Waiver) { w.Object.Name = "backup-*" }, true},
		{"any name", func(w *Waiver) { w.Object.Name = "*" }, true},
		{"other prefix", func(w *Waiver) { w.Object.Name = "restore-*" }, false},
		{"apiVersion", func(w *Waiver) { w.Object.APIVersion = "apps/v1" }, true},
		{"other apiVersion", func(w *Waiver) { w.Object.APIVersion = "extensions/v1beta1" }, false},
		{"file", func(w *Waiver) { w.File = "clusters/prod/kube-system/backup.yaml" }, true},
		{"file glob", func(w *Waiver) { w.File = "clusters/*/kube-system/*.yaml" }, true},
		{"file **", func(w *Waiver) { w.File = "clusters/**/*.yaml" }, true},
		{"file ** at the start", func(w *Waiver) { w.File = "**/backup.yaml" }, true},
		{"file ** with no directory", func(w *Waiver) { w.File = "clusters/prod/kube-system/**/backup.yaml" }, true},
		{"other file", func(w *Waiver) { w.File = "clusters/dev/**" }, false},
		{"base name only", func(w *Waiver) { w.File = "backup.yaml" }, false},
	}
	for _, c := range cases {
		w := base
		c.edit(&w)
		if got := w.matches(f); got != c.want {
			t.Errorf("%s: matches = %v, want %v", c.name, got, c.want)
		}
	}
	stdin := f
	stdin.Source.File = "-"
	if w := base; !w.matches(stdin) {
		t.Error("a waiver without file does not match standard input")
	}
	if w := base; func() bool { w.File = "**"; return w.matches(stdin) }() != true {
		t.Error("** does not match standard input")
	}
}

func TestRuleSelection(t *testing.T) {
	docs := decodeString(t, "s.yaml", stoppedSnapshot) // AKSARC-040 and 041; minimal facts, so rules not evaluated
	full, err := newEvaluator(t).Evaluate(context.Background(), docs, AsOf(day("2025-11-01")))
	if err != nil || len(full.NotEvaluated) == 0 {
		t.Fatalf("%v %+v", err, full)
	}
	if full.Summary.SkippedRules != 0 || len(full.SkippedRules) != 0 || full.SkippedRules == nil {
		t.Fatalf("a full run skips nothing: %+v %v", full.Summary, full.SkippedRules)
	}

	// Exclude by name, include by ID in any case; skip wins over include.
	e := newEvaluator(t, WithRules([]string{"aksarc-040", "AKSARC-041", "AKSARC-044"}, []string{"stopped-update-blocked"}))
	r, err := e.Evaluate(context.Background(), docs, AsOf(day("2025-11-01")))
	if err != nil {
		t.Fatal(err)
	}
	if ids := ruleIDs(r); len(ids) != 1 || ids[0] != "AKSARC-040" {
		t.Errorf("findings = %v", ids)
	}
	for _, n := range r.NotEvaluated {
		if n.RuleID != "AKSARC-044" {
			t.Errorf("not evaluated entry of a skipped rule: %+v", n)
		}
	}
	if len(r.NotEvaluated) != 1 {
		t.Errorf("not evaluated = %+v", r.NotEvaluated)
	}
	all := e.Rules()
	if len(r.SkippedRules) != len(all)-2 || r.Summary.SkippedRules != len(all)-2 || r.Summary.Complete ||
		!has(r.SkippedRules, "AKSARC-041") || has(r.SkippedRules, "AKSARC-040") || has(r.SkippedRules, "AKSARC-044") {
		t.Errorf("skipped = %v, summary %+v", r.SkippedRules, r.Summary)
	}
	if got := e.SkippedRules(); len(got) != len(r.SkippedRules) {
		t.Errorf("SkippedRules() = %v", got)
	}

	// Unknown names are errors that say which list they are in.
	_, err = New(context.Background(), WithRules(nil, []string{"AKSARC-040", "AKSARC-999", "no-such-rule"}))
	var ue *UnknownRuleError
	if !errors.As(err, &ue) || !ue.Skip || len(ue.Names) != 2 ||
		!strings.Contains(err.Error(), `unknown rules "AKSARC-999", "no-such-rule" in the rules to skip`) {
		t.Errorf("error = %v", err)
	}
	if _, err = New(context.Background(), WithRules([]string{"AKSARC-040"}, []string{"AKSARC-040"})); err == nil ||
		!strings.Contains(err.Error(), "leaves no rule to run") {
		t.Errorf("nothing left: %v", err)
	}
}

// A waiver of a skipped rule is neither used nor unused: the rule did not run.
func TestWaiverOfASkippedRuleIsNotUnused(t *testing.T) {
	ws := loadWaiversString(t, "w.yaml", waiversHeader+pausedWaiver)
	e := newEvaluator(t, WithWaivers(ws), WithRules(nil, []string{"AKSARC-040"}))
	r, err := e.Evaluate(context.Background(), decodeString(t, "s.yaml", stoppedSnapshot), AsOf(day("2025-11-01")))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.UnusedWaivers) != 0 || r.Summary.Waived != 0 || len(r.Findings) != 0 {
		t.Errorf("unused %+v, summary %+v", r.UnusedWaivers, r.Summary)
	}
}
