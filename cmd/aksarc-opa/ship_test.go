package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"
)

const repoRoot = "../.."

type workflowStep struct {
	Name  string
	ID    string
	Uses  string
	Run   string
	Shell string
	If    string
	With  map[string]any
}

// The workflows and the Action parse, and every job has what GitHub needs to run it (no
// actionlint here: these are the checks that catch the usual slips).
func TestWorkflowsParse(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(repoRoot, ".github", "workflows", "*.yml"))
	if err != nil || len(files) < 3 {
		t.Fatalf("workflows: %v %v", files, err)
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var wf struct {
			Name string
			Jobs map[string]struct {
				RunsOn any `json:"runs-on"`
				Steps  []workflowStep
			}
		}
		if err := yaml.Unmarshal(raw, &wf); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var top map[string]any
		if err := yaml.Unmarshal(raw, &top); err != nil {
			t.Fatal(err)
		}
		// YAML 1.1 reads the key on as true; GitHub reads it as "on".
		_, on := top["on"]
		if _, onTrue := top["true"]; onTrue {
			on = true
		}
		if wf.Name == "" || !on || len(wf.Jobs) == 0 {
			t.Errorf("%s: a workflow needs name, on and jobs", f)
		}
		for name, job := range wf.Jobs {
			if job.RunsOn == nil || len(job.Steps) == 0 {
				t.Errorf("%s: job %s needs runs-on and steps", f, name)
			}
			for i, s := range job.Steps {
				if (s.Uses == "") == (s.Run == "") {
					t.Errorf("%s: job %s step %d needs uses or run (not both)", f, name, i+1)
				}
			}
		}
	}
}

// The release workflow builds every platform with plain go build (scripts/build-release),
// attaches the bundle and checksums; CI runs the same build steps and the tests on Windows.
func TestReleaseWorkflow(t *testing.T) {
	release := readFile(t, ".github/workflows/release.yml")
	for _, want := range []string{`tags: ["v*"]`, "goos: [linux, darwin, windows]", "goarch: [amd64, arm64]",
		"./scripts/build-release", "export bundle -o dist/aksarc-opa-bundle.tar.gz", "sha256sum", "gh release create", "--notes-file"} {
		if !strings.Contains(release, want) {
			t.Errorf("release.yml lacks %q", want)
		}
	}
	build := readFile(t, "scripts/build-release")
	for _, want := range []string{"go build -trimpath", "README.md LICENSE NOTICE", ".zip", ".tar.gz", "-X main.version=", "-X main.buildDate="} {
		if !strings.Contains(build, want) {
			t.Errorf("scripts/build-release lacks %q", want)
		}
	}
	ci := readFile(t, ".github/workflows/ci.yml")
	for _, want := range []string{"runs-on: windows-latest", "go test ./...", "./scripts/build-release", "uses: ./"} {
		if !strings.Contains(ci, want) {
			t.Errorf("ci.yml lacks %q", want)
		}
	}
	for _, f := range []string{"LICENSE", "NOTICE", "README.md"} {
		if _, err := os.Stat(filepath.Join(repoRoot, f)); err != nil {
			t.Errorf("the archives ship %s: %v", f, err)
		}
	}
}

// action.yml is a composite action whose steps all run in bash (Windows runners too), that
// uploads SARIF even when the check fails, ends with check's exit code, declares every input it
// reads, and passes check only flags check has.
func TestActionMatchesTheCLI(t *testing.T) {
	raw := readFile(t, "action.yml")
	var action struct {
		Name    string
		Inputs  map[string]struct{ Required bool }
		Outputs map[string]struct{ Value string }
		Runs    struct {
			Using string
			Steps []workflowStep
		}
	}
	if err := yaml.Unmarshal([]byte(raw), &action); err != nil {
		t.Fatal(err)
	}
	if action.Runs.Using != "composite" || !action.Inputs["paths"].Required {
		t.Errorf("action.yml: using %q, paths required %v", action.Runs.Using, action.Inputs["paths"].Required)
	}
	var upload, final *workflowStep
	for i, s := range action.Runs.Steps {
		if s.Run != "" && s.Shell != "bash" {
			t.Errorf("step %q runs in %q: every run step uses bash, which every runner has", s.Name, s.Shell)
		}
		if strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@") {
			upload = &action.Runs.Steps[i]
		}
		if strings.Contains(s.Run, `exit "$CODE"`) {
			final = &action.Runs.Steps[i]
		}
	}
	if upload == nil || !strings.HasPrefix(upload.If, "always()") {
		t.Errorf("the SARIF upload must run even when the check fails (if: always()): %+v", upload)
	}
	if final == nil || !strings.HasPrefix(final.If, "always()") {
		t.Errorf("no final step that exits with check's exit code: %+v", final)
	}
	for _, m := range regexp.MustCompile(`inputs\.([a-z-]+)`).FindAllStringSubmatch(raw, -1) {
		if _, ok := action.Inputs[m[1]]; !ok {
			t.Errorf("action.yml reads inputs.%s, which it does not declare", m[1])
		}
	}
	check := newCheckCommand(streams{})
	var used []string
	for _, m := range regexp.MustCompile(`opts\+=\((--[a-z-]+)`).FindAllStringSubmatch(raw, -1) {
		used = append(used, m[1])
	}
	used = append(used, "--no-fail")
	if !strings.Contains(raw, "aksarc-opa check \"${opts[@]}\" --no-fail") || len(used) < 8 {
		t.Errorf("action.yml does not run check as expected (flags %v)", used)
	}
	for _, flag := range slices.Compact(used) {
		if check.Flags().Lookup(strings.TrimPrefix(flag, "--")) == nil {
			t.Errorf("action.yml passes %s, which check does not have", flag)
		}
	}
	readme := readFile(t, "README.md")
	if !strings.Contains(readme, "## Use in GitHub Actions") || !strings.Contains(readme, "uses: aksarc-opa/aksarc-opa@") {
		t.Error(`README lacks "Use in GitHub Actions" with a uses: example`)
	}
	for name := range action.Inputs {
		if !strings.Contains(readme, "`"+name+"`") {
			t.Errorf("README does not document the input %s", name)
		}
	}
}

func readFile(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
