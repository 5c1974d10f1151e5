package parity

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
	"github.com/aksarc-opa/aksarc-opa/policies"
)

const repoRoot = ".."

// conftestInvocations are the ways the README runs conftest: with no --namespace (conftest's
// default namespace is main), naming main, and over every namespace of policies/. Each must
// find exactly what the evaluator finds: no rule missing, none reported twice.
var conftestInvocations = []struct {
	name string
	args []string
}{
	{"default", nil},
	{"namespace-main", []string{"--namespace", "main"}},
	{"all-namespaces", []string{"--all-namespaces"}},
}

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

// fixtureFiles lists every fixture file that holds Kubernetes objects or ClusterSnapshots: the
// files a walk of fixtures/ judges (expected.yaml, the Helm chart, the kustomization, hidden
// and other non-Kubernetes files of fixtures/repo-tree are skipped by the walk, as by users).
func fixtureFiles(t *testing.T) []string {
	t.Helper()
	in, err := evaluator.LoadInputs([]string{filepath.Join(repoRoot, "fixtures")}, nil, evaluator.LoadOptions{})
	if err != nil {
		t.Fatalf("reading fixtures: %v", err)
	}
	var files []string
	for _, d := range in.Documents {
		if len(files) == 0 || files[len(files)-1] != d.Source.File {
			files = append(files, d.Source.File)
		}
	}
	if len(files) == 0 {
		t.Fatal("no fixture files")
	}
	return files
}

// conftestNestedLists are the fixtures with a List inside a List: the conftest entry point
// unpacks one level of List, so their inner items are judged by the CLI and Gatekeeper only
// (README, "Use in pull requests").
var conftestNestedLists = map[string]bool{"cluster/nested-lists.yaml": true}

// conftestFindings runs conftest once over the files, as the README tells users to (with the
// extra arguments of an invocation), with the evaluation date pinned by a data file, and
// returns "RULE-ID severity Kind/ns/name" per file.
func conftestFindings(t *testing.T, policyDir string, files []string, asOf string, extra ...string) map[string][]string {
	t.Helper()
	bin, err := conftestBinary()
	if err != nil {
		t.Fatal(err)
	}
	settings := filepath.Join(t.TempDir(), "aksarc-settings.yaml")
	if err := os.WriteFile(settings, []byte("aksarc_settings:\n  asOf: \""+asOf+"\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"test", "--policy", policyDir}, extra...)
	args = append(append(args, "--data", settings, "--output", "json", "--no-color"), files...)
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
// of the dates (the parity dates when none is given).
func assertParity(t *testing.T, runtime string, findings func(t *testing.T, files []string, asOf string) map[string][]string, dates ...string) {
	files := fixtureFiles(t)
	if strings.HasPrefix(runtime, "conftest") {
		files = slices.DeleteFunc(files, func(f string) bool {
			rel, _ := filepath.Rel(filepath.Join(repoRoot, "fixtures"), f)
			return conftestNestedLists[filepath.ToSlash(rel)]
		})
	}
	if len(dates) == 0 {
		dates = parityDates
	}
	for _, asOf := range dates {
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
// what the evaluator finds, in each invocation: with no --namespace on two dates (so that the
// date-driven rules fire on some of them), naming main and with --all-namespaces on the first.
func TestConftestMatchesTheEvaluatorOnEveryFixture(t *testing.T) {
	for i, inv := range conftestInvocations {
		t.Run(inv.name, func(t *testing.T) {
			dates := parityDates
			if i > 0 {
				dates = parityDates[:1]
			}
			assertParity(t, "conftest "+inv.name, func(t *testing.T, files []string, asOf string) map[string][]string {
				return conftestFindings(t, filepath.Join(repoRoot, "policies"), files, asOf, inv.args...)
			}, dates...)
		})
	}
}

// Under --all-namespaces conftest queries every package of policies/: a library function named
// like a conftest rule (deny, warn, violation) is an evaluation error there, and a second
// package with deny or warn rules reports each finding twice. The policies define those names
// in package main only.
func TestConftestRuleNamesOnlyInMain(t *testing.T) {
	modules, err := policies.ParseModules(policies.FS, false)
	if err != nil {
		t.Fatal(err)
	}
	conftestRule := regexp.MustCompile(`^(deny|violation|warn)(_[a-zA-Z0-9]+)*$`)
	found := false
	for file, m := range modules {
		pkg := strings.TrimPrefix(m.Package.Path.String(), "data.")
		for _, r := range m.Rules {
			name := r.Head.Name.String()
			if len(r.Head.Reference) > 0 {
				name = r.Head.Reference[0].Value.(ast.Var).String()
			}
			if !conftestRule.MatchString(name) {
				continue
			}
			switch {
			case pkg == "main" && len(r.Head.Args) == 0:
				found = true
			case strings.HasPrefix(pkg, "aksarc.gatekeeper.") && name == "violation" && len(r.Head.Args) == 0:
				// Gatekeeper entry points: their violation rules read input.review, which a
				// conftest input does not have, so they report nothing there.
			default:
				t.Errorf("%s: package %s defines %s, which conftest --all-namespaces would query", file, pkg, name)
			}
		}
	}
	if !found {
		t.Error("no deny or warn rule in package main: conftest without --namespace would run nothing")
	}
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
