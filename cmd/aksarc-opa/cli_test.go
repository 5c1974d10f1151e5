package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aksarc-opa/aksarc-opa/internal/gatekeeper"
)

type result struct {
	code        int
	stdout, err string
}

func cli(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errw bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errw)
	return result{code, out.String(), errw.String()}
}

const fixtures = "../../fixtures"

func TestCheckCleanClusterExitsZero(t *testing.T) {
	r := cli(t, "", "check", "--as-of", "2025-11-01", fixtures+"/snapshots/clean-azure-local.yaml")
	if r.code != exitOK || !strings.HasPrefix(r.stdout, "Verdict: SUPPORTED (as of 2025-11-01; catalog reviewed ") {
		t.Fatalf("code %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.err)
	}
}

func TestCheckDeniedClusterExitsOneWithAReport(t *testing.T) {
	file := fixtures + "/snapshots/stopped-45-days-azure-local.yaml"
	r := cli(t, "", "check", "--as-of", "2025-11-01", file)
	if r.code != exitFindings {
		t.Fatalf("code %d, stderr %s", r.code, r.err)
	}
	for _, want := range []string{
		"Verdict: OUT OF SUPPORT (as of 2025-11-01; catalog reviewed ",
		"DENY AKSARC-040 stopped-control-plane-out-of-support",
		"DENY AKSARC-041 stopped-update-blocked",
		"Object:  ClusterSnapshot edge-store-paused",
		"Where:   " + file + ":2 (document 1)",
		"Policy:  Stopped or disconnected clusters (https://learn.microsoft.com/azure/aks/aksarc/support-policies#stopped-or-disconnected-clusters)",
		"Fix:     ",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestCheckWarnOnlyExitsZeroUnlessFailOnWarn(t *testing.T) {
	file := fixtures + "/snapshots/stopped-nearing-limit.yaml"
	if r := cli(t, "", "check", "--as-of", "2025-11-01", file); r.code != exitOK || !strings.Contains(r.stdout, "Verdict: AT RISK") {
		t.Fatalf("code %d\n%s%s", r.code, r.stdout, r.err)
	}
	if r := cli(t, "", "check", "--as-of", "2025-11-01", "--fail-on-warn", file); r.code != exitFindings {
		t.Fatalf("--fail-on-warn: code %d", r.code)
	}
}

func TestCheckJSONOutput(t *testing.T) {
	r := cli(t, "", "check", "-o", "json", "--as-of", "2025-11-01", fixtures+"/snapshots/subscription-deleted.yaml")
	if r.code != exitFindings {
		t.Fatalf("code %d: %s", r.code, r.err)
	}
	var got struct {
		Schema  string
		Summary struct {
			Verdict string
			AsOf    string
			Deny    int
		}
		Findings []struct {
			RuleID, Severity, PolicyURL string
			Resource                    struct{ Kind, Name string }
			Source                      struct {
				File           string
				Document, Line int
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	if got.Schema != "aksarc-opa.report/v1" || got.Summary.Verdict != "out of support" || got.Summary.AsOf != "2025-11-01T00:00:00Z" {
		t.Errorf("header = %+v %+v", got.Schema, got.Summary)
	}
	if len(got.Findings) != 1 || got.Findings[0].RuleID != "AKSARC-052" || got.Findings[0].Severity != "deny" ||
		got.Findings[0].Resource.Name != "orphaned" || got.Findings[0].Source.Line != 2 {
		t.Errorf("findings = %+v", got.Findings)
	}
}

func TestCheckReadsStdin(t *testing.T) {
	src, err := os.ReadFile(fixtures + "/snapshots/subscription-deleted.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r := cli(t, string(src), "check", "--as-of", "2025-11-01", "-")
	if r.code != exitFindings || !strings.Contains(r.stdout, "Where:   -:2") {
		t.Fatalf("code %d\n%s%s", r.code, r.stdout, r.err)
	}
}

// Code scanning needs a file for every SARIF result: standard input is located at "stdin", or at
// the file --stdin-name gives (the chart that was rendered, say).
func TestCheckSARIFFromStdinHasAPhysicalLocation(t *testing.T) {
	src, err := os.ReadFile(fixtures + "/snapshots/subscription-deleted.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"": "stdin", "charts/shop": "charts/shop"} {
		args := []string{"check", "-o", "sarif", "--as-of", "2025-11-01"}
		if name != "" {
			args = append(args, "--stdin-name", name)
		}
		r := cli(t, string(src), append(args, "-")...)
		var log struct {
			Runs []struct {
				Results []struct {
					Locations []struct {
						PhysicalLocation *struct {
							ArtifactLocation struct{ URI string }
							Region           struct{ StartLine int }
						}
					}
				}
			}
		}
		if err := json.Unmarshal([]byte(r.stdout), &log); err != nil || len(log.Runs) != 1 || len(log.Runs[0].Results) == 0 {
			t.Fatalf("--stdin-name %q: %v\n%s%s", name, err, r.stdout, r.err)
		}
		for _, res := range log.Runs[0].Results {
			loc := res.Locations[0].PhysicalLocation
			if loc == nil || loc.ArtifactLocation.URI != want || loc.Region.StartLine != 2 {
				t.Errorf("--stdin-name %q: location %+v, want %s line 2", name, loc, want)
			}
		}
	}
}

// -o table writes one line per finding, owned objects too, then the verdict.
func TestCheckTableIsOneLinePerFinding(t *testing.T) {
	r := cli(t, "", "check", "-o", "table", "--as-of", "2025-11-01", fixtures+"/cluster/deployment-dump.yaml")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != exitFindings || len(lines) != 1+9+1 || !strings.HasPrefix(lines[0], "SEVERITY") ||
		!strings.HasPrefix(lines[len(lines)-1], "Verdict: OUT OF SUPPORT") {
		t.Fatalf("code %d, %d lines\n%s%s", r.code, len(lines), r.stdout, r.err)
	}
}

func TestCheckPlatformFlagAppliesToSnapshotsWithoutPlatform(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "s.yaml")
	snap := "apiVersion: support.aksarc.io/v1alpha1\nkind: ClusterSnapshot\nmetadata: {name: s}\nspec:\n  cluster:\n    kubernetesVersion: 1.31.10\n    power: {state: Stopped, since: \"2025-09-17T00:00:00Z\"}\n"
	if err := os.WriteFile(file, []byte(snap), 0o644); err != nil {
		t.Fatal(err)
	}
	ws := cli(t, "", "check", "--as-of", "2025-11-01", file)
	al := cli(t, "", "check", "--as-of", "2025-11-01", "--platform", "AzureLocal", file)
	if strings.Contains(ws.stdout, "DENY AKSARC-041") || !strings.Contains(al.stdout, "DENY AKSARC-041") {
		t.Fatalf("WindowsServer:\n%s\nAzureLocal:\n%s", ws.stdout, al.stdout)
	}
}

func TestCheckDataFileOverridesCatalogAndParameters(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "settings.yaml")
	// 25 days stopped: a 3-day warning window no longer covers it.
	if err := os.WriteFile(data, []byte("aksarc_settings:\n  asOf: 2025-11-01\n  parameters: {stopWarnDays: 3}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := cli(t, "", "check", "--data", data, fixtures+"/snapshots/stopped-nearing-limit.yaml")
	if r.code != exitOK || strings.Contains(r.stdout, "WARN AKSARC-042") || !strings.Contains(r.stdout, "(as of 2025-11-01; ") {
		t.Fatalf("code %d\n%s%s", r.code, r.stdout, r.err)
	}
	// A catalog override: 1.32 ends on 2025-11-20, so a 1.32 cluster is 19 days from its end.
	if err := os.WriteFile(data, []byte("aksarc_settings:\n  catalog:\n    versions:\n      \"1.32\": {endOfSupport: \"2025-11-20\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = cli(t, "", "check", "--as-of", "2025-11-01", "--data", data, fixtures+"/snapshots/clean-azure-local.yaml")
	if r.code != exitOK || !strings.Contains(r.stdout, "WARN AKSARC-003") {
		t.Fatalf("catalog override: code %d\n%s%s", r.code, r.stdout, r.err)
	}
}

func TestUsageAndInputErrorsExitTwo(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: support.aksarc.io/v1alpha1\nkind: ClusterSnapshot\nmetadata: {name: b}\nspec:\n  cluster: {kubernetesVersion: 1.31}\n"), 0o644)
	empty := t.TempDir()
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"no command", nil, "Usage: aksarc-opa <command>"},
		{"unknown command", []string{"chekc"}, `unknown command "chekc"`},
		{"no input", []string{"check"}, "no input"},
		{"empty stdin", []string{"check", "-"}, "-: no Kubernetes object or ClusterSnapshot: standard input is empty or holds only comments"},
		{"empty --rules", []string{"check", "--rules", "", "-"}, "--rules: no rule given (an empty value)"},
		{"unknown flag", []string{"check", "--asof", "2025-11-01", bad}, "unknown flag: --asof"},
		{"bad as-of", []string{"check", "--as-of", "11/01/2025", bad}, `--as-of: "11/01/2025" is not a date`},
		{"bad platform", []string{"check", "--platform", "Azure", bad}, `platform "Azure": expected one of WindowsServer, AzureLocal`},
		{"bad format", []string{"check", "-o", "xml", bad}, `unknown output format "xml"`},
		{"missing file", []string{"check", filepath.Join(dir, "nope.yaml")}, "nope.yaml: cannot read: no such file or directory"},
		{"bad snapshot", []string{"check", bad}, "bad.yaml:5 (document 2): ClusterSnapshot does not fit the schema; spec.cluster.kubernetesVersion: got number, want string"},
		{"empty directory", []string{"check", empty}, empty + ": no Kubernetes object or ClusterSnapshot in this directory"},
		{"missing data file", []string{"check", "--data", filepath.Join(dir, "none.yaml"), bad}, "none.yaml: cannot read: no such file or directory"},
		{"bad parameter in data file", []string{"check", "--data", writeTemp(t, dir, "params.yaml", "aksarc_settings:\n  parameters: {stopWarnDays: \"3\"}\n"), bad},
			`params.yaml: settings: parameters.stopWarnDays: expected a whole number of days, 0 or more, got a string "3"`},
		{"explain unknown", []string{"explain", "AKSARC-999"}, `no rule "AKSARC-999"`},
		{"rules argument", []string{"rules", "x"}, `unexpected argument "x"`},
		{"rules format", []string{"rules", "-o", "xml"}, `unknown output format "xml" (known: json, markdown, text)`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := cli(t, "", c.args...)
			if r.code != exitUsage || !strings.Contains(r.err, c.want) {
				t.Fatalf("code %d, stderr:\n%s\nwant %q", r.code, r.err, c.want)
			}
		})
	}
}

func TestRulesAndExplain(t *testing.T) {
	r := cli(t, "", "rules")
	if r.code != exitOK || !strings.Contains(r.stdout, "AKSARC-040  deny") {
		t.Fatalf("rules: %d\n%s", r.code, r.stdout)
	}
	r = cli(t, "", "rules", "-o", "json")
	var rules []struct{ ID, Severity, PolicyURL string }
	if err := json.Unmarshal([]byte(r.stdout), &rules); err != nil || len(rules) == 0 {
		t.Fatalf("rules -o json: %v\n%s", err, r.stdout)
	}
	r = cli(t, "", "explain", "stopped-control-plane-out-of-support")
	if r.code != exitOK || !strings.HasPrefix(r.stdout, "AKSARC-040 stopped-control-plane-out-of-support (deny)") || !strings.Contains(r.stdout, "What to do:") {
		t.Fatalf("explain: %d\n%s", r.code, r.stdout)
	}
	r = cli(t, "", "explain", "aksarc-042")
	for _, want := range []string{"Needs:      spec.cluster.power.state; spec.cluster.power.since when spec.cluster.power.state=Stopped", "Parameter:  stopWarnDays (default 7)"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("explain AKSARC-042 lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestHelpAndVersion(t *testing.T) {
	if r := cli(t, "", "help"); r.code != exitOK || !strings.Contains(r.stdout, "check") {
		t.Fatalf("help: %d %s", r.code, r.stdout)
	}
	if r := cli(t, "", "check", "--help"); r.code != exitOK || !strings.Contains(r.stdout, "--as-of") || r.err != "" {
		t.Fatalf("check --help: %d %s %s", r.code, r.stdout, r.err)
	}
	if r := cli(t, "", "version"); r.code != exitOK || !strings.HasPrefix(r.stdout, "aksarc-opa ") {
		t.Fatalf("version: %d %s", r.code, r.stdout)
	}
}

func writeTemp(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// A snapshot with few facts is not "supported" in silence: the report lists the rules that
// could not judge it, in text and JSON, and the exit code follows the findings alone.
func TestCheckListsRulesNotEvaluated(t *testing.T) {
	snapshot := "apiVersion: support.aksarc.io/v1alpha1\nkind: ClusterSnapshot\nmetadata: {name: bare}\nspec:\n  cluster: {kubernetesVersion: 1.31.10}\n"
	r := cli(t, snapshot, "check", "--as-of", "2025-11-01", "-")
	if r.code != exitOK {
		t.Fatalf("code %d: %s", r.code, r.err)
	}
	for _, want := range []string{
		"Verdict: SUPPORTED AS FAR AS CHECKED (as of 2025-11-01; catalog reviewed ",
		"rules were not evaluated: facts are missing (listed at the end).",
		"No findings from the rules that could judge",
		"Not evaluated (",
		"  ClusterSnapshot bare in -:1 (document 1)\n",
		"    AKSARC-040, AKSARC-041, AKSARC-042, AKSARC-043: needs spec.cluster.power.state\n",
		"    AKSARC-006: needs spec.host.os\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, r.stdout)
		}
	}
	r = cli(t, snapshot, "check", "-o", "json", "--as-of", "2025-11-01", "-")
	var got struct {
		Summary struct {
			NotEvaluated int
			Complete     bool
		}
		NotEvaluated []struct {
			RuleID  string
			Missing []string
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}
	if got.Summary.NotEvaluated == 0 || got.Summary.Complete || got.Summary.NotEvaluated != len(got.NotEvaluated) || got.NotEvaluated[0].RuleID == "" || len(got.NotEvaluated[0].Missing) == 0 {
		t.Errorf("json: %+v", got)
	}
}

// docs/rules.md is generated (scripts/generate); it must match the rules and catalog as built.
func TestDocsRulesIsCurrent(t *testing.T) {
	r := cli(t, "", "rules", "-o", "markdown")
	if r.code != exitOK {
		t.Fatalf("code %d: %s", r.code, r.err)
	}
	checkedIn, err := os.ReadFile("../../docs/rules.md")
	if err != nil {
		t.Fatal(err)
	}
	if string(checkedIn) != r.stdout {
		t.Fatal("docs/rules.md is stale: run scripts/generate and commit the result")
	}
	for _, want := range []string{"## AKSARC-001 version-outside-support", "| `versionWarnDays` | 60 | AKSARC-003, AKSARC-024 |", "# Catalog"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("rules -o markdown lacks %q", want)
		}
	}
}

// docs/coverage.md maps the policy to the rules: every rule of this build appears in it, and it
// names no rule that does not exist.
func TestDocsCoverageNamesEveryRule(t *testing.T) {
	doc, err := os.ReadFile("../../docs/coverage.md")
	if err != nil {
		t.Fatal(err)
	}
	r := cli(t, "", "rules", "-o", "json")
	var rules []struct{ ID string }
	if err := json.Unmarshal([]byte(r.stdout), &rules); err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, rule := range rules {
		known[rule.ID] = true
		if !strings.Contains(string(doc), rule.ID) {
			t.Errorf("docs/coverage.md does not name %s", rule.ID)
		}
	}
	for _, id := range regexp.MustCompile(`AKSARC-\d{3}`).FindAllString(string(doc), -1) {
		if !known[id] {
			t.Errorf("docs/coverage.md names %s, which is not a rule", id)
			known[id] = true // once is enough
		}
	}
}

// deploy/gatekeeper and deploy/gatekeeper-suites are generated (scripts/generate): every
// generated file must match what `export gatekeeper --suites-from fixtures` writes now, and no
// file it no longer writes may remain.
func TestDeployGatekeeperIsCurrent(t *testing.T) {
	dir, suitesDir := "../../deploy/gatekeeper", "../../deploy/gatekeeper-suites"
	files, suites, err := gatekeeperFiles(context.Background(), dir, fixtures, suitesDir)
	if err != nil {
		t.Fatal(err)
	}
	for folder, want := range map[string]map[string][]byte{dir: withGeneratedList(files), suitesDir: withGeneratedList(suites)} {
		for name, content := range want {
			got, err := os.ReadFile(filepath.Join(folder, filepath.FromSlash(name)))
			if err != nil || !bytes.Equal(got, content) {
				t.Errorf("%s/%s is stale or missing: run scripts/generate and commit the result", folder, name)
			}
		}
		err = filepath.WalkDir(folder, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(folder, path)
			if _, ok := want[filepath.ToSlash(rel)]; !ok {
				t.Errorf("%s/%s is no longer generated: run scripts/generate", folder, filepath.ToSlash(rel))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// export gatekeeper writes the resources, replaces what the last export wrote, removes what it
// no longer writes, and leaves alone what it did not write (the suites of another folder, a
// file of the user's).
func TestExportGatekeeperWritesTheResources(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "gatekeeper")
	stale := filepath.Join(out, "templates", "gone.yaml")
	mine := filepath.Join(out, "templates", "patch.yaml") // a user's file, not in the list
	for _, f := range []string{stale, mine} {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte(gatekeeper.Header+"kind: X\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeTemp(t, out, generatedList, "# an earlier export\ntemplates/gone.yaml\n") // out exists: the files above made it
	r := cli(t, "", "export", "gatekeeper", "-o", out)
	if r.code != exitOK {
		t.Fatalf("code %d: %s", r.code, r.err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Errorf("export left a template it no longer generates")
	}
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("export removed a file it did not write: %v", err)
	}
	for _, want := range []string{"crd/kustomization.yaml", "crd/clustersnapshot.yaml", "templates/kustomization.yaml",
		"templates/managed.yaml", "constraints/kustomization.yaml", "constraints/managed-deny.yaml", generatedList} {
		if _, err := os.Stat(filepath.Join(out, want)); err != nil {
			t.Errorf("export gatekeeper did not write %s", want)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "kustomization.yaml")); err == nil {
		t.Errorf("export gatekeeper wrote a top-level kustomization, which would apply Constraints before their kinds exist")
	}
	if _, err := os.Stat(out + "-suites"); err == nil {
		t.Errorf("export gatekeeper without --suites-from wrote suites")
	}

	r = cli(t, "", "export", "gatekeeper", "-o", out, "--suites-from", fixtures)
	suite := filepath.Join(out+"-suites", "managed", "suite.yaml")
	b, err := os.ReadFile(suite)
	if r.code != exitOK || err != nil || !strings.Contains(string(b), "template: ../../gatekeeper/templates/managed.yaml") {
		t.Fatalf("suites: code %d %s %v\n%s", r.code, r.err, err, b)
	}
	if _, err := os.Stat(filepath.Join(out, "suites")); err == nil {
		t.Errorf("the suites are inside the resources")
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"export"}, "say what to export: gatekeeper, azure-policy or bundle"},
		{[]string{"export", "gatekeper"}, `unknown export "gatekeper": gatekeeper, azure-policy or bundle; did you mean gatekeeper?`},
		{[]string{"export", "gatekeeper", "extra"}, `unknown command "extra"`},
	} {
		if r := cli(t, "", c.args...); r.code != exitUsage || !strings.Contains(r.err, c.want) {
			t.Errorf("%v: code %d, %s", c.args, r.code, r.err)
		}
	}
}

// check -o sarif|junit|github: the same exit codes as the text report; SARIF describes the
// whole catalog and the build; JUnit fails warnings exactly when --fail-on-warn makes the run
// fail; GitHub writes one workflow command per finding and a summary.
func TestCheckOutputFormatsForCI(t *testing.T) {
	denied := fixtures + "/snapshots/stopped-45-days-azure-local.yaml"
	warnOnly := fixtures + "/snapshots/stopped-nearing-limit.yaml"

	r := cli(t, "", "check", "-o", "sarif", "--as-of", "2025-11-01", denied)
	var sarif struct {
		Version string
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name, Version string
					Rules         []struct{ ID string }
				}
			}
			Results []struct {
				RuleID, Level string
				Locations     []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine int }
					}
				}
			}
		}
	}
	if r.code != exitFindings {
		t.Fatalf("sarif: code %d: %s", r.code, r.err)
	}
	if err := json.Unmarshal([]byte(r.stdout), &sarif); err != nil {
		t.Fatalf("sarif: not JSON: %v", err)
	}
	var rules []struct{ ID string }
	if err := json.Unmarshal([]byte(cli(t, "", "rules", "-o", "json").stdout), &rules); err != nil {
		t.Fatal(err)
	}
	run := sarif.Runs[0]
	if sarif.Version != "2.1.0" || run.Tool.Driver.Name != "aksarc-opa" || run.Tool.Driver.Version != buildVersion().Version ||
		len(run.Tool.Driver.Rules) != len(rules) || len(run.Results) != 2 || run.Results[0].RuleID != "AKSARC-040" ||
		run.Results[0].Level != "error" || run.Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI != denied ||
		run.Results[0].Locations[0].PhysicalLocation.Region.StartLine != 2 {
		t.Errorf("sarif: %+v", sarif)
	}

	r = cli(t, "", "check", "-o", "junit", "--as-of", "2025-11-01", warnOnly, fixtures+"/manifests/app-clean.yaml")
	if r.code != exitOK || !strings.HasPrefix(r.stdout, `<?xml version="1.0" encoding="UTF-8"?>`) ||
		!strings.Contains(r.stdout, `<testcase name="AKSARC-042 `) || strings.Contains(r.stdout, "<failure") ||
		strings.Count(r.stdout, `<testcase name="no findings"`) != 3 {
		t.Errorf("junit: code %d\n%s%s", r.code, r.stdout, r.err)
	}
	r = cli(t, "", "check", "-o", "junit", "--fail-on-warn", "--as-of", "2025-11-01", warnOnly)
	if r.code != exitFindings || !strings.Contains(r.stdout, `type="warn"`) || !strings.Contains(r.stdout, `failures="1"`) {
		t.Errorf("junit --fail-on-warn: code %d\n%s%s", r.code, r.stdout, r.err)
	}

	r = cli(t, "", "check", "-o", "github", "--as-of", "2025-11-01", denied)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if r.code != exitFindings || len(lines) != 3 ||
		!strings.HasPrefix(lines[0], "::error file="+denied+",line=2,title=AKSARC-040 stopped-control-plane-out-of-support%3A ") ||
		!strings.HasPrefix(lines[2], "::notice title=aksarc-opa%3A out of support::OUT OF SUPPORT as of 2025-11-01") {
		t.Errorf("github: code %d\n%s%s", r.code, r.stdout, r.err)
	}
	if r := cli(t, "", "check", "-o", "github", "--as-of", "2025-11-01", warnOnly); r.code != exitOK || !strings.HasPrefix(r.stdout, "::warning file=") {
		t.Errorf("github warn: code %d\n%s", r.code, r.stdout)
	}

	help := cli(t, "", "check", "--help")
	for _, name := range []string{"github", "json", "junit", "sarif", "text"} {
		if !regexp.MustCompile(`(?m)^\s+` + name + `\s+\S`).MatchString(help.stdout) {
			t.Errorf("check --help does not describe -o %s:\n%s", name, help.stdout)
		}
	}
}

// A catalog override that switches a release off (null) leaves it unknown to the catalog: the
// host check judges the release as one it does not support, never as an entry without dates
// that nothing fires on (issue 11.3).
func TestCheckNullReleaseInOverrideIsUnknownNotSilent(t *testing.T) {
	data := filepath.Join(t.TempDir(), "settings.yaml")
	if err := os.WriteFile(data, []byte("aksarc_settings:\n  catalog:\n    platforms:\n      AzureLocal:\n        releases:\n          \"2510\": null\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := cli(t, "", "check", "--as-of", "2026-06-01", "--data", data, fixtures+"/snapshots/clean-azure-local.yaml")
	if r.code != exitFindings || !strings.Contains(r.stdout, "DENY AKSARC-006") || !strings.Contains(r.stdout, "release 2510 is not a supported Azure Local release") {
		t.Fatalf("code %d\n%s%s", r.code, r.stdout, r.err)
	}
}
