package evaluator

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"
)

const fixturesDir = "../fixtures"

type fixtureCases struct {
	AsOf  string `json:"asOf"`
	Cases []struct {
		Inputs   []string `json:"inputs"`
		AsOf     string   `json:"asOf"`
		Findings []string `json:"findings"`
		// NotEvaluated, when given, is the exact list of "RULE-ID Kind/name" the report must
		// list as not evaluated; when absent, that list is not checked.
		NotEvaluated *[]string `json:"notEvaluated"`
		// Skipped, when given, is the exact list of "kind path" (path under fixtures/, with
		// :line for a skipped document) that directory walks of the inputs skip; when absent,
		// nothing may be skipped.
		Skipped []string `json:"skipped"`
		// Notes is how many notes about the inputs (empty Lists) the run has.
		InputNotes int `json:"inputNotes"`
	} `json:"cases"`
}

// TestFixturesGiveTheirExpectedFindings holds every fixture to fixtures/expected.yaml: the
// same multiset of "RULE-ID severity resource", nothing dropped, nothing invented.
func TestFixturesGiveTheirExpectedFindings(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(fixturesDir, "expected.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var exp fixtureCases
	if err := yaml.UnmarshalStrict(raw, &exp); err != nil {
		t.Fatalf("fixtures/expected.yaml: %v", err)
	}
	e := newEvaluator(t)
	rules := map[string]Rule{}
	for _, r := range e.Rules() {
		rules[r.ID] = r
	}
	covered := map[string]bool{}
	fired := map[string]bool{}
	for _, c := range exp.Cases {
		asOf := exp.AsOf
		if c.AsOf != "" {
			asOf = c.AsOf
		}
		t.Run(strings.Join(c.Inputs, "+")+"@"+asOf, func(t *testing.T) {
			var paths []string
			for _, in := range c.Inputs {
				covered[in] = true
				paths = append(paths, filepath.Join(fixturesDir, in))
			}
			in, err := LoadInputs(paths, nil, LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			r, err := e.EvaluateInputs(context.Background(), in, AsOf(day(asOf)))
			if err != nil {
				t.Fatal(err)
			}
			var skipped []string
			for _, s := range r.Skipped {
				rel, _ := filepath.Rel(fixturesDir, s.File)
				key := s.Kind + " " + filepath.ToSlash(rel)
				if s.Line > 0 {
					key += fmt.Sprintf(":%d", s.Line)
				}
				skipped = append(skipped, key)
			}
			if !slices.Equal(skipped, c.Skipped) {
				t.Errorf("skipped inputs differ\n got: %q\nwant: %q", skipped, c.Skipped)
			}
			if len(in.Notes) != c.InputNotes {
				t.Errorf("notes about the inputs: %q, want %d", in.Notes, c.InputNotes)
			}
			var got []string
			for _, f := range r.Findings {
				got = append(got, findingKey(f))
				// The severities a rule declares (severity, and warn with warnWhen) are all its
				// findings can have: Gatekeeper asks a rule only for the severities it declares.
				if !slices.Contains(rules[f.RuleID].Severities(), f.Severity) {
					t.Errorf("%s: severity %s, but the rule's METADATA declares %v (add warnWhen)", findingKey(f), f.Severity, rules[f.RuleID].Severities())
				}
			}
			for _, w := range c.Findings {
				fired[strings.Fields(w)[0]] = true
			}
			if c.NotEvaluated != nil {
				var gotNE []string
				for _, n := range r.NotEvaluated {
					gotNE = append(gotNE, n.RuleID+" "+n.Resource.Kind+"/"+n.Resource.Name)
				}
				wantNE := slices.Clone(*c.NotEvaluated)
				slices.Sort(gotNE)
				slices.Sort(wantNE)
				if !slices.Equal(gotNE, wantNE) {
					t.Errorf("not evaluated differs\n got: %q\nwant: %q", gotNE, wantNE)
				}
			}
			want := slices.Clone(c.Findings)
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("findings differ\n got: %q\nwant: %q", got, want)
				for _, f := range r.Findings {
					t.Logf("%s: %s", findingKey(f), f.Message)
				}
			}
		})
	}
	// A fixture per rule: every rule fires in at least one case.
	for _, rule := range e.Rules() {
		if !fired[rule.ID] {
			t.Errorf("%s fires in no case of fixtures/expected.yaml", rule.ID)
		}
	}
	err = filepath.WalkDir(fixturesDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(fixturesDir, path)
		inCoveredDir := false // a directory among a case's inputs covers every file under it
		for dir := filepath.Dir(filepath.ToSlash(rel)); dir != "." && dir != "/"; dir = filepath.Dir(dir) {
			inCoveredDir = inCoveredDir || covered[dir]
		}
		if rel != "expected.yaml" && !covered[filepath.ToSlash(rel)] && !inCoveredDir {
			t.Errorf("fixtures/%s is in no case of fixtures/expected.yaml", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func findingKey(f Finding) string {
	res := f.Resource.Kind + "/" + f.Resource.Name
	if f.Resource.Namespace != "" {
		res = fmt.Sprintf("%s/%s/%s", f.Resource.Kind, f.Resource.Namespace, f.Resource.Name)
	}
	return fmt.Sprintf("%s %s %s", f.RuleID, f.Severity, res)
}
