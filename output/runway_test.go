package output

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

func textOf(t *testing.T, f Format, r *evaluator.Report) string {
	t.Helper()
	var b bytes.Buffer
	if err := f.Write(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// The runway section: per snapshot, after the summary, the next change first and every change
// as a date with the days left.
func TestTextRunway(t *testing.T) {
	snap := func(name, file string) (evaluator.Resource, evaluator.Source) {
		return evaluator.Resource{APIVersion: "support.aksarc.io/v1alpha1", Kind: "ClusterSnapshot", Name: name},
			evaluator.Source{File: file, Document: 1, Line: 2}
	}
	ra, sa := snap("edge", "a.yaml")
	rb, sb := snap("core", "b.yaml")
	r := &evaluator.Report{
		Summary: evaluator.Summary{Verdict: evaluator.VerdictSupported, AsOf: time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC), Documents: 2, Complete: true},
		Runway: []evaluator.RunwayEvent{
			{Date: "2025-11-02", DaysLeft: 1, RuleID: "AKSARC-045", Severity: evaluator.SeverityWarn, What: "first", Resource: ra, Source: sa},
			{Date: "2025-11-09", DaysLeft: 8, RuleID: "AKSARC-044", Severity: evaluator.SeverityDeny, What: "second", Resource: ra, Source: sa},
			{Date: "2026-02-07", DaysLeft: 98, RuleID: "AKSARC-090", Severity: evaluator.SeverityWarn, What: "third", Resource: ra, Source: sa},
			{Date: "2026-08-01", DaysLeft: 273, RuleID: "AKSARC-001", Severity: evaluator.SeverityDeny, What: "only", Resource: rb, Source: sb},
		},
	}
	want := `Verdict: SUPPORTED (as of 2025-11-01)
0 findings denied, 0 findings at risk, in 2 documents checked.

Support runway of ClusterSnapshot edge (a.yaml:2 (document 1)):
  Next:  2025-11-02 (1 day): first
  Then:  2025-11-09 (8 days): second
         2026-02-07 (98 days): third

Support runway of ClusterSnapshot core (b.yaml:2 (document 1)):
  Next:  2026-08-01 (273 days): only

No findings: nothing the rules check puts this input out of support.
`
	if got := textOf(t, Text{}, r); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	r.Runway = nil
	if got := textOf(t, Text{}, r); strings.Contains(got, "runway") {
		t.Errorf("a report without a runway has a runway section:\n%s", got)
	}
}

// Colour: verdict and severities (deny red, warn yellow, supported green) only when the format
// is configured with it; waived findings keep their plain marker.
func TestTextColor(t *testing.T) {
	_, _, denied := evaluate(t, "fixtures/snapshots/stopped-45-days-azure-local.yaml")
	_, _, warned := evaluate(t, "fixtures/snapshots/stopped-nearing-limit.yaml")
	_, _, clean := evaluate(t, "fixtures/snapshots/clean-azure-local.yaml")
	color := Configure(Text{}, Options{Color: true})
	for _, c := range []struct {
		report *evaluator.Report
		want   []string
	}{
		{denied, []string{"Verdict: \x1b[31mOUT OF SUPPORT\x1b[0m", "  \x1b[31mDENY\x1b[0m AKSARC-040", "  Next:  \x1b[33m2025-11-24 (23 days)\x1b[0m: ", "\x1b[31m2025-12-01 (30 days)\x1b[0m: "}},
		// stopped-nearing-limit is on Windows Server, whose Kubernetes calendar is not published:
		// AKSARC-001 to 004 are not evaluated, so the verdict is "as far as checked".
		{warned, []string{"Verdict: \x1b[33mAT RISK AS FAR AS CHECKED\x1b[0m", "  \x1b[33mWARN\x1b[0m AKSARC-042"}},
		{clean, []string{"Verdict: \x1b[32mSUPPORTED\x1b[0m"}},
	} {
		got := textOf(t, color, c.report)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("coloured report lacks %q:\n%q", w, got)
			}
		}
		plain := textOf(t, Text{}, c.report)
		if strings.Contains(plain, "\x1b") {
			t.Errorf("plain report has escape codes:\n%q", plain)
		}
		if strip(got) != plain {
			t.Errorf("colour changed more than the colour:\n%s\n---\n%s", strip(got), plain)
		}
	}
	for _, name := range Names() {
		if name == "text" {
			continue
		}
		if got := render(t, name, Options{Color: true}, denied); bytes.Contains(got, []byte("\x1b")) {
			t.Errorf("%s has escape codes with Options.Color", name)
		}
	}
	waived := *denied
	waived.Findings = append([]evaluator.Finding(nil), denied.Findings...)
	waived.Findings[0].Waiver = &evaluator.Waiver{}
	if got := textOf(t, color, &waived); !strings.Contains(got, "  WAIVED DENY "+waived.Findings[0].RuleID) {
		t.Errorf("a waived finding is coloured:\n%q", got)
	}
}

func strip(s string) string {
	for _, code := range []string{ansiRed, ansiYellow, ansiGreen, ansiReset} {
		s = strings.ReplaceAll(s, code, "")
	}
	return s
}
