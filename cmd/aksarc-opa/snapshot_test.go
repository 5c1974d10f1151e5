package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var updateSnapshot = flag.Bool("update-snapshot", false, "rewrite fixtures/az/edge-store-051.yaml from the current output of the snapshot command")

// The az and kubectl JSON of one AKS Arc cluster on Azure Local.
const azInputs = "../../internal/snapshotbuild/testdata/edge-store-051"

// goldenSnapshot is what `snapshot` builds from azInputs; fixtures/expected.yaml holds what
// `check` finds in it.
const goldenSnapshot = fixtures + "/az/edge-store-051.yaml"

func snapshotArgs(extra ...string) []string {
	args := []string{"snapshot",
		"--az-show", azInputs + "/az-aksarc-show.json",
		"--nodepools", azInputs + "/az-aksarc-nodepool-list.json",
		"--connectedk8s", azInputs + "/az-connectedk8s-show.json",
		"--account", azInputs + "/az-account-show.json",
		"--nodes", azInputs + "/kubectl-get-nodes.json",
		"--version", azInputs + "/kubectl-version.json",
		"--azure-local-release", "2510",
		"--captured-at", "2025-10-31T18:30:00Z",
	}
	return append(args, extra...)
}

func TestSnapshotBuildsTheGoldenSnapshot(t *testing.T) {
	r := cli(t, "", snapshotArgs()...)
	if r.code != exitOK {
		t.Fatalf("code %d: %s", r.code, r.err)
	}
	if *updateSnapshot {
		if err := os.WriteFile(goldenSnapshot, []byte(r.stdout), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	golden, err := os.ReadFile(goldenSnapshot)
	if err != nil {
		t.Fatal(err)
	}
	if r.stdout != string(golden) {
		t.Errorf("the snapshot differs from %s (go test ./cmd/aksarc-opa -run TestSnapshotBuildsTheGoldenSnapshot -update-snapshot rewrites it):\n%s", goldenSnapshot, r.stdout)
	}
	if !strings.Contains(r.err, "aksarc-opa snapshot: note: no input gives spec.cluster.power") {
		t.Errorf("stderr lacks the note on facts no input gives:\n%s", r.err)
	}
}

// The snapshot built from the az and kubectl JSON goes straight into check.
func TestSnapshotPipesIntoCheck(t *testing.T) {
	built := cli(t, "", snapshotArgs()...)
	if built.code != exitOK {
		t.Fatalf("snapshot: code %d: %s", built.code, built.err)
	}
	r := cli(t, built.stdout, "check", "--as-of", "2025-11-01", "-o", "json", "-")
	if r.code != exitFindings {
		t.Fatalf("check: code %d\n%s%s", r.code, r.stdout, r.err)
	}
	var report struct {
		Summary struct {
			Verdict  string
			Complete bool
		}
		Findings []struct {
			RuleID, Severity string
			Resource         struct{ Kind, Name string }
		}
		NotEvaluated []struct{ RuleID string }
		Notes        []string
	}
	if err := json.Unmarshal([]byte(r.stdout), &report); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	var got, notEvaluated []string
	for _, f := range report.Findings {
		got = append(got, f.RuleID+" "+f.Severity+" "+f.Resource.Kind+"/"+f.Resource.Name)
	}
	for _, n := range report.NotEvaluated {
		notEvaluated = append(notEvaluated, n.RuleID)
	}
	slices.Sort(got)
	slices.Sort(notEvaluated)
	wantFindings := []string{"AKSARC-023 deny ClusterSnapshot/edge-store-051", "AKSARC-045 warn ClusterSnapshot/edge-store-051"}
	wantNotEvaluated := []string{"AKSARC-040", "AKSARC-041", "AKSARC-042", "AKSARC-043", "AKSARC-060", "AKSARC-062"}
	if !slices.Equal(got, wantFindings) || !slices.Equal(notEvaluated, wantNotEvaluated) {
		t.Errorf("findings %q, not evaluated %q\nwant %q, %q", got, notEvaluated, wantFindings, wantNotEvaluated)
	}
	if report.Summary.Verdict != "out of support" || report.Summary.Complete || len(report.Notes) != 0 {
		t.Errorf("summary %+v, notes %q", report.Summary, report.Notes)
	}
}

func TestSnapshotReadsOneInputFromStdinAndWritesAFile(t *testing.T) {
	nodes, err := os.ReadFile(azInputs + "/kubectl-get-nodes.json")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "snap.yaml")
	r := cli(t, string(nodes), "snapshot", "--az-show", azInputs+"/az-aksarc-show.json", "--nodes", "-",
		"--captured-at", "2025-11-01", "-o", out)
	if r.code != exitOK || r.stdout != "" {
		t.Fatalf("code %d\nstdout %s\nstderr %s", r.code, r.stdout, r.err)
	}
	written, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"#   kubectl get nodes        standard input\n", "  capturedAt: \"2025-11-01T00:00:00Z\"\n", "    - name: moc-lp9x3d6vje\n"} {
		if !strings.Contains(string(written), want) {
			t.Errorf("snapshot lacks %q:\n%s", want, written)
		}
	}
	for _, want := range []string{
		"aksarc-opa snapshot: note: not given: --connectedk8s (`az connectedk8s show -o json`): spec.connectivity left out\n",
		"aksarc-opa snapshot: wrote ClusterSnapshot edge-store-051 to " + out + "\n",
	} {
		if !strings.Contains(r.err, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.err)
		}
	}
}

func TestSnapshotCapturedAtDefaultsToNow(t *testing.T) {
	defer func(saved func() time.Time) { snapshotNow = saved }(snapshotNow)
	snapshotNow = func() time.Time { return time.Date(2025, 11, 2, 9, 15, 30, 999, time.FixedZone("CET", 3600)) }
	r := cli(t, "", "snapshot", "--az-show", azInputs+"/az-aksarc-show.json")
	if r.code != exitOK || !strings.Contains(r.stdout, "  capturedAt: \"2025-11-02T08:15:30Z\"\n") {
		t.Fatalf("code %d\n%s%s", r.code, r.stdout, r.err)
	}
}

func TestSnapshotErrorsExitTwo(t *testing.T) {
	dir := t.TempDir()
	deployment := filepath.Join(dir, "deployment.json")
	if err := os.WriteFile(deployment, []byte(`{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	show := azInputs + "/az-aksarc-show.json"
	for _, c := range []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"a Deployment for --nodes", "", []string{"--az-show", show, "--nodes", deployment},
			"aksarc-opa snapshot: --nodes " + deployment + ": this is a Kubernetes Deployment (apps/v1), not a Node or a list of Nodes (`kubectl get nodes -o json`)\n"},
		{"a node pool list for --az-show", "", []string{"--az-show", azInputs + "/az-aksarc-nodepool-list.json"},
			"aksarc-opa snapshot: --az-show " + azInputs + "/az-aksarc-nodepool-list.json: expected a JSON object (the output of `az aksarc show -o json`), found an array"},
		{"not JSON from stdin", "kubectl: command not found\n", []string{"--version", "-", "--az-show", show},
			"aksarc-opa snapshot: --version (standard input): not JSON"},
		{"two inputs from stdin", "{}", []string{"--az-show", "-", "--nodes", "-"}, "--az-show and --nodes both read standard input"},
		{"a missing file", "", []string{"--az-show", filepath.Join(dir, "nope.json")}, "--az-show " + filepath.Join(dir, "nope.json") + ": cannot read: no such file or directory"},
		{"an empty flag", "", []string{"--az-show", ""}, "--az-show: give a file, or - for standard input"},
		{"no input", "", nil, "no input: give at least --az-show"},
		{"an argument", "", []string{"--az-show", show, "nodes.json"}, `unexpected argument "nodes.json"`},
		{"a bad platform", "", []string{"--az-show", show, "--platform", "HCI"}, `--platform "HCI": expected one of WindowsServer, AzureLocal`},
		{"a bad date", "", []string{"--az-show", show, "--captured-at", "yesterday"}, `--captured-at: "yesterday" is not a date`},
		{"an unknown flag", "", []string{"--az-show", show, "--cluster", "x"}, "unknown flag: --cluster"},
		{"stdin beyond --max-input-size", "{" + strings.Repeat(" ", 2048) + "}", []string{"--az-show", "-", "--max-input-size", "1KiB"},
			"--az-show -: cannot read: larger than the input size limit of 1KiB (--max-input-size)"},
		{"a file beyond --max-input-size", "", []string{"--az-show", show, "--max-input-size", "64"},
			"--az-show " + show + ": cannot read: larger than the input size limit of 64 (--max-input-size)"},
		{"a bad size", "", []string{"--az-show", show, "--max-input-size", "0"}, `--max-input-size: "0" is not a size`},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := cli(t, c.stdin, append([]string{"snapshot"}, c.args...)...)
			if r.code != exitUsage || r.stdout != "" || !strings.Contains(r.err, c.want) {
				t.Errorf("code %d, stdout %q\nstderr:\n%s\nwant %q", r.code, r.stdout, r.err, c.want)
			}
		})
	}
}

func TestSnapshotIsInTheHelp(t *testing.T) {
	r := cli(t, "", "help")
	if !strings.Contains(r.stdout, "  snapshot build a ClusterSnapshot from the JSON of az aksarc") {
		t.Errorf("help:\n%s", r.stdout)
	}
	r = cli(t, "", "snapshot", "--help")
	for _, flag := range []string{"--az-show FILE", "--nodepools FILE", "--connectedk8s FILE", "--account FILE", "--nodes FILE", "--version FILE",
		"--platform", "--host-os", "--azure-local-release", "--name", "--captured-at", "-o, --output FILE"} {
		if r.code != exitOK || !strings.Contains(r.stdout, flag) {
			t.Errorf("snapshot --help lacks %q (code %d):\n%s", flag, r.code, r.stdout)
		}
	}
}
