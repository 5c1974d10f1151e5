package policies_test

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/aksarc-opa/aksarc-opa/policies"
)

// minCoverage is the share of Rego lines the unit tests must run (opa test --coverage).
const minCoverage = 95.0

// TestRego runs every *_test.rego of the policies with OPA's test runner, one Go subtest per
// Rego test, and reports line coverage of the policies.
func TestRego(t *testing.T) {
	modules, err := policies.ParseModules(policies.FS, true)
	if err != nil {
		t.Fatal(err)
	}
	cov := cover.New()
	ch, err := tester.NewRunner().
		SetModules(modules).
		SetCoverageQueryTracer(cov).
		// As in the evaluator, a built-in error (a malformed date) makes an expression undefined.
		RaiseBuiltinErrors(false).
		Run(context.Background(), modules)
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for r := range ch {
		ran++
		name := strings.TrimPrefix(r.Package, "data.") + "." + r.Name
		t.Run(name, func(t *testing.T) {
			if r.Error != nil {
				t.Fatalf("%s:%d: error: %v", r.Location.File, r.Location.Row, r.Error)
			}
			if !r.Pass() {
				t.Fatalf("%s:%d: FAIL", r.Location.File, r.Location.Row)
			}
		})
	}
	if ran == 0 {
		t.Fatal("no Rego tests found")
	}

	// Coverage counts the policies, not the tests or their helpers.
	report := cov.Report(modules)
	covered, total := 0, 0
	var uncovered []string
	for file, fr := range report.Files {
		if strings.HasSuffix(file, "_test.rego") || file == "lib/testing.rego" {
			continue
		}
		c, n := fr.CoveredLines, fr.CoveredLines+fr.NotCoveredLines
		covered += c
		total += n
		if c < n {
			uncovered = append(uncovered, file)
		}
	}
	sort.Strings(uncovered)
	pct := 100.0
	if total > 0 {
		pct = 100 * float64(covered) / float64(total)
	}
	t.Logf("Rego tests: %d; coverage of the policies: %.1f%% (%d of %d lines); files not fully covered: %v", ran, pct, covered, total, uncovered)
	if pct < minCoverage {
		t.Errorf("Rego coverage %.1f%% is below %.0f%%", pct, minCoverage)
	}
}
