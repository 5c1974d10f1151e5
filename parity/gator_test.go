package parity

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

var gatorBinary = toolBinary("github.com/open-policy-agent/gatekeeper/v3/cmd/gator")

var gatekeeperDir = filepath.Join(repoRoot, "deploy", "gatekeeper")

// pinnedConstraints copies the checked-in Constraints with the evaluation date pinned.
func pinnedConstraints(t *testing.T, asOf string) string {
	t.Helper()
	dir := t.TempDir()
	files, err := filepath.Glob(filepath.Join(gatekeeperDir, "constraints", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no constraints under deploy/gatekeeper: %v", err)
	}
	for _, f := range files {
		if filepath.Base(f) == "kustomization.yaml" {
			continue // the folder's kustomization, not a Constraint
		}
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var c map[string]any
		if err := yaml.Unmarshal(raw, &c); err != nil {
			t.Fatal(err)
		}
		c["spec"].(map[string]any)["parameters"].(map[string]any)["asOf"] = asOf
		out, err := yaml.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// gatorFindings runs `gator test` once with the checked-in templates and the pinned Constraints
// over the objects of every file (an audit: each object reviewed on its own; the items of a
// List are separate objects, as the API server has them), and returns "RULE-ID severity
// Kind/ns/name" per file.
func gatorFindings(t *testing.T, templates string, files []string, asOf string) map[string][]string {
	t.Helper()
	return gatorFindingsWith(t, templates, pinnedConstraints(t, asOf), files)
}

// gatorFindingsWith is gatorFindings with the Constraints of a folder (the Azure Policy test
// builds them as the extension does).
func gatorFindingsWith(t *testing.T, templates, constraints string, files []string) map[string][]string {
	t.Helper()
	bin, err := gatorBinary()
	if err != nil {
		t.Fatal(err)
	}
	objects := t.TempDir()
	owner := map[string]string{} // object marker -> fixture file
	for i, file := range files {
		docs, err := evaluator.Load([]string{file}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		for j, d := range docs {
			// A marker annotation ties each reviewed object back to its file.
			marker := fmt.Sprintf("%d-%d", i, j)
			owner[marker] = file
			obj := withMarker(d.Object, marker)
			out, err := yaml.Marshal(obj)
			if err != nil {
				t.Fatal(err)
			}
			b.WriteString("---\n")
			b.Write(out)
		}
		if err := os.WriteFile(filepath.Join(objects, fmt.Sprintf("%03d.yaml", i)), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(bin, "test", "-f", templates, "-f", constraints, "-f", objects, "-o", "json")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	if _, exit := err.(*exec.ExitError); err != nil && !exit {
		t.Fatalf("gator: %v", err)
	}
	var results []struct {
		Metadata struct {
			Details struct {
				ID       string
				Severity string
				Resource evaluator.Resource
			}
		}
		ViolatingObject struct {
			Metadata struct{ Annotations map[string]string }
		}
	}
	if strings.TrimSpace(stdout.String()) != "" {
		if err := json.Unmarshal(stdout.Bytes(), &results); err != nil {
			t.Fatalf("gator output is not JSON: %v\n%s\n%s", err, stdout.String(), stderr.String())
		}
	} else if err != nil {
		t.Fatalf("gator failed: %v\n%s", err, stderr.String())
	}
	got := map[string][]string{}
	for _, r := range results {
		file := owner[r.ViolatingObject.Metadata.Annotations[markerKey]]
		if file == "" {
			t.Fatalf("gator reported an object the test did not give it: %+v", r)
		}
		d := r.Metadata.Details
		got[file] = append(got[file], findingKey(d.ID, d.Severity, d.Resource))
	}
	return got
}

const markerKey = "parity.aksarc-opa.io/object"

// withMarker copies an object with the marker annotation added (no rule reads that key).
func withMarker(obj map[string]any, marker string) map[string]any {
	out := map[string]any{}
	for k, v := range obj {
		out[k] = v
	}
	meta := map[string]any{}
	if m, ok := obj["metadata"].(map[string]any); ok {
		for k, v := range m {
			meta[k] = v
		}
	}
	annotations := map[string]any{}
	if a, ok := meta["annotations"].(map[string]any); ok {
		for k, v := range a {
			annotations[k] = v
		}
	}
	annotations[markerKey] = marker
	meta["annotations"] = annotations
	out["metadata"] = meta
	return out
}

// The parity test: the generated ConstraintTemplates and Constraints, run by real gator over
// every fixture (an audit: no admission request), find exactly what the evaluator finds.
func TestGatorMatchesTheEvaluatorOnEveryFixture(t *testing.T) {
	assertParity(t, "gator", func(t *testing.T, files []string, asOf string) map[string][]string {
		return gatorFindings(t, filepath.Join(gatekeeperDir, "templates"), files, asOf)
	})
}

// The gator parity test can fail: a template whose entry point drops one rule gives a
// difference on the fixture where that rule fires.
func TestGatorParityCatchesADivergentTemplate(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(gatekeeperDir, "templates", "managed.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var tmpl map[string]any
	if err := yaml.Unmarshal(raw, &tmpl); err != nil {
		t.Fatal(err)
	}
	source := tmpl["spec"].(map[string]any)["targets"].([]any)[0].(map[string]any)["code"].([]any)[0].(map[string]any)["source"].(map[string]any)
	rego := source["rego"].(string)
	const call = "some f in aksarc_010.violations(subject, ctx)"
	if !strings.Contains(rego, call) {
		t.Fatalf("templates/managed.yaml no longer has %q: update this test", call)
	}
	source["rego"] = strings.Replace(rego, call, call+"\n  f.id != \"AKSARC-010\"", 1)
	out, err := yaml.Marshal(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "templates")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(gatekeeperDir, "templates"))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "managed.yaml"), out, 0o644); err != nil {
		t.Fatal(err)
	}
	files := []string{filepath.Join(repoRoot, "fixtures", "manifests", "kube-system-foreign.yaml")}
	diffs := differences(files, gatorFindings(t, dir, files, "2025-11-01"), evaluatorFindings(t, files, "2025-11-01"), "gator", "evaluator")
	if len(diffs) != 1 || !strings.Contains(diffs[0], "AKSARC-010") {
		t.Fatalf("the divergent template was not caught: %q", diffs)
	}
}
