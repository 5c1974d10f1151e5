package parity

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

const (
	repoRoot  = ".."
	namespace = "aksarc.conftest"
)

// toolBinary builds a tool of tools/go.mod once per test run (the Go module proxy is its only
// source) into a temporary directory.
func toolBinary(pkg string) func() (string, error) {
	return sync.OnceValues(func() (string, error) {
		dir, err := os.MkdirTemp("", "aksarc-tool-")
		if err != nil {
			return "", err
		}
		bin := filepath.Join(dir, path.Base(pkg))
		if runtime.GOOS == "windows" {
			bin += ".exe"
		}
		cmd := exec.Command("go", "build", "-modfile=tools/go.mod", "-o", bin, pkg)
		cmd.Dir = repoRoot
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", fmt.Errorf("building %s from tools/go.mod: %v\n%s", pkg, err, out)
		}
		return bin, nil
	})
}

var conftestBinary = toolBinary("github.com/open-policy-agent/conftest")

// fixtureFiles lists every input file under fixtures/ (expected.yaml is the tests' own).
func fixtureFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(filepath.Join(repoRoot, "fixtures"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "expected.yaml" {
			return err
		}
		files = append(files, path)
		return nil
	})
	if err != nil || len(files) == 0 {
		t.Fatalf("listing fixtures: %v (%d files)", err, len(files))
	}
	return files
}

// conftestFindings runs conftest once over the files, as the README tells users to, with the
// evaluation date pinned by a data file, and returns "RULE-ID severity Kind/ns/name" per file.
func conftestFindings(t *testing.T, policyDir string, files []string, asOf string) map[string][]string {
	t.Helper()
	bin, err := conftestBinary()
	if err != nil {
		t.Fatal(err)
	}
	settings := filepath.Join(t.TempDir(), "aksarc-settings.yaml")
	if err := os.WriteFile(settings, []byte("aksarc_settings:\n  asOf: \""+asOf+"\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"test", "--policy", policyDir, "--namespace", namespace, "--data", settings, "--output", "json", "--no-color"}, files...)
	cmd := exec.Command(bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	if _, exit := err.(*exec.ExitError); err != nil && !exit {
		t.Fatalf("conftest: %v", err)
	}
	var results []struct {
		Filename string
		Failures []conftestResult
		Warnings []conftestResult
	}
	if err := json.Unmarshal(stdout.Bytes(), &results); err != nil {
		t.Fatalf("conftest output is not JSON: %v\nstdout:\n%s\nstderr:\n%s", err, stdout.String(), stderr.String())
	}
	got := map[string][]string{}
	for _, r := range results {
		for _, list := range [][]conftestResult{r.Failures, r.Warnings} {
			for _, f := range list {
				got[r.Filename] = append(got[r.Filename], f.key())
			}
		}
	}
	return got
}

type conftestResult struct {
	Msg      string
	Metadata struct {
		ID       string
		Severity string
		Resource evaluator.Resource
	}
}

func (r conftestResult) key() string {
	return findingKey(r.Metadata.ID, r.Metadata.Severity, r.Metadata.Resource)
}

func findingKey(id, severity string, res evaluator.Resource) string {
	name := res.Name
	if res.Namespace != "" {
		name = res.Namespace + "/" + res.Name
	}
	return fmt.Sprintf("%s %s %s/%s", id, severity, res.Kind, name)
}

// evaluatorFindings judges each file on its own, as conftest does, with the Go evaluator.
func evaluatorFindings(t *testing.T, files []string, asOf string) map[string][]string {
	t.Helper()
	ev, err := evaluator.New(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	day, err := time.Parse(time.DateOnly, asOf)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, file := range files {
		docs, err := evaluator.Load([]string{file}, nil)
		if err != nil {
			t.Fatal(err)
		}
		r, err := ev.Evaluate(context.Background(), docs, evaluator.AsOf(day))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range r.Findings {
			got[file] = append(got[file], findingKey(f.RuleID, string(f.Severity), f.Resource))
		}
	}
	return got
}

// differences compares the findings of two runtimes file by file (as multisets) and describes
// every file where they differ, with both sides.
func differences(files []string, a, b map[string][]string, aName, bName string) []string {
	var diffs []string
	for _, file := range files {
		x, y := slices.Clone(a[file]), slices.Clone(b[file])
		slices.Sort(x)
		slices.Sort(y)
		if !slices.Equal(x, y) {
			diffs = append(diffs, fmt.Sprintf("%s\n  %s: %q\n  %s: %q", file, aName, x, bName, y))
		}
	}
	return diffs
}

// parityDates are the dates the parity tests judge the fixtures on: the date they describe, and
// a later one on which the date-driven rules fire on some of them.
var parityDates = []string{"2025-11-01", "2026-03-01"}

// requireFindings stops a parity test whose reference side found nothing: equality would then
// prove nothing.
func requireFindings(t *testing.T, byFile map[string][]string) {
	t.Helper()
	for _, fs := range byFile {
		if len(fs) > 0 {
			return
		}
	}
	t.Fatal("the evaluator found nothing in the fixtures: the comparison would prove nothing")
}

// assertParity compares a runtime's findings with the evaluator's on every fixture, on each
// parity date.
func assertParity(t *testing.T, runtime string, findings func(t *testing.T, files []string, asOf string) map[string][]string) {
	files := fixtureFiles(t)
	for _, asOf := range parityDates {
		t.Run(asOf, func(t *testing.T) {
			got := findings(t, files, asOf)
			want := evaluatorFindings(t, files, asOf)
			requireFindings(t, want)
			for _, d := range differences(files, got, want, runtime, "evaluator") {
				t.Error(d)
			}
		})
	}
}

// The parity test: conftest, given policies/ as the README says, finds on every fixture exactly
// what the evaluator finds, on two dates (so that the date-driven rules fire on some of them).
func TestConftestMatchesTheEvaluatorOnEveryFixture(t *testing.T) {
	assertParity(t, "conftest", func(t *testing.T, files []string, asOf string) map[string][]string {
		return conftestFindings(t, filepath.Join(repoRoot, "policies"), files, asOf)
	})
}

// The parity test can fail: a copy of the policies whose conftest entry point drops one rule
// gives a difference on the fixture where that rule fires.
func TestConftestParityCatchesADivergentEntryPoint(t *testing.T) {
	copyDir := filepath.Join(t.TempDir(), "policies")
	if err := os.CopyFS(copyDir, os.DirFS(filepath.Join(repoRoot, "policies"))); err != nil {
		t.Fatal(err)
	}
	entry := filepath.Join(copyDir, "entrypoints", "conftest.rego")
	src, err := os.ReadFile(entry)
	if err != nil {
		t.Fatal(err)
	}
	const rule = "\tf.severity == \"deny\"\n"
	if !bytes.Contains(src, []byte(rule)) {
		t.Fatalf("entrypoints/conftest.rego no longer has %q: update this test", rule)
	}
	diverged := bytes.Replace(src, []byte(rule), []byte(rule+"\tf.id != \"AKSARC-010\"\n"), 1)
	if err := os.WriteFile(entry, diverged, 0o644); err != nil {
		t.Fatal(err)
	}
	files := []string{filepath.Join(repoRoot, "fixtures", "manifests", "kube-system-foreign.yaml")}
	diffs := differences(files, conftestFindings(t, copyDir, files, "2025-11-01"), evaluatorFindings(t, files, "2025-11-01"), "conftest", "evaluator")
	if len(diffs) != 1 || !strings.Contains(diffs[0], "AKSARC-010") {
		t.Fatalf("the divergent copy was not caught: %q", diffs)
	}
}
