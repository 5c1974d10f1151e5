package main

import (
	"context"
	"encoding/json"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

// Shell completion for the four shells users have, PowerShell included; completion of rule IDs.
func TestCompletion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		r := cli(t, "", "completion", shell)
		if r.code != exitOK || !strings.Contains(r.stdout, "aksarc-opa") || len(r.stdout) < 500 {
			t.Errorf("completion %s: code %d, %d bytes, stderr %s", shell, r.code, len(r.stdout), r.err)
		}
	}
	r := cli(t, "", "__complete", "explain", "aksarc-01")
	for _, want := range []string{"AKSARC-010\tkube-system-foreign-object", "AKSARC-012\t"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("explain completion lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "AKSARC-001") {
		t.Errorf("explain completion ignores what was typed:\n%s", r.stdout)
	}
	r = cli(t, "", "__complete", "check", "--rules", "AKSARC-040,stopped-u")
	if !strings.Contains(r.stdout, "AKSARC-040,stopped-update-blocked\tAKSARC-041") {
		t.Errorf("--rules completion:\n%s", r.stdout)
	}
	r = cli(t, "", "__complete", "check", "--platform", "")
	if !strings.Contains(r.stdout, "WindowsServer") || !strings.Contains(r.stdout, "AzureLocal") {
		t.Errorf("--platform completion:\n%s", r.stdout)
	}
}

// A mistyped command, flag or rule gets the nearest names.
func TestDidYouMean(t *testing.T) {
	denied := fixtures + "/snapshots/stopped-45-days-azure-local.yaml"
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"chekc"}, "Did you mean this?\n\tcheck"},
		{[]string{"expain", "AKSARC-010"}, "Did you mean this?\n\texplain"},
		{[]string{"check", "--asof", "2025-11-01", denied}, "unknown flag: --asof (did you mean --as-of?)"},
		{[]string{"check", "--fail-on-warning", denied}, "did you mean --fail-on-warn?"},
		{[]string{"explain", "AKSARC-01"}, `no rule "AKSARC-01"; did you mean AKSARC-010, AKSARC-011 or AKSARC-012?`},
		{[]string{"explain", "kube-system-foreign"}, "did you mean kube-system-foreign-object?"},
		{[]string{"check", "--skip-rules", "kube-system-foreign", denied}, `"kube-system-foreign": did you mean kube-system-foreign-object?`},
		{[]string{"check", "--rules", "AKSARC-40", denied}, `"AKSARC-40": did you mean AKSARC-040`},
	} {
		r := cli(t, "", c.args...)
		if r.code != exitUsage || !strings.Contains(r.err, c.want) {
			t.Errorf("%v: code %d, stderr:\n%s\nwant %q", c.args, r.code, r.err, c.want)
		}
	}
	// Nothing near: no guess.
	if r := cli(t, "", "explain", "zzzzzzzz"); strings.Contains(r.err, "did you mean") {
		t.Errorf("a guess for nothing near: %s", r.err)
	}
}

func TestSuggest(t *testing.T) {
	words := []string{"AKSARC-010", "AKSARC-011", "AKSARC-040", "kube-system-foreign-object", "check", "explain"}
	for _, c := range []struct {
		word string
		want string
	}{
		{"chekc", "check"},
		{"aksarc-04", "AKSARC-040"},
		{"AKSARC-401", "AKSARC-010 AKSARC-011 AKSARC-040"}, // all at distance 2: in the order given
		{"kube-system", "kube-system-foreign-object"},
		{"completely-else", ""},
		{"", ""},
	} {
		if got := strings.Join(suggest(c.word, words), " "); got != c.want {
			t.Errorf("suggest(%q) = %q, want %q", c.word, got, c.want)
		}
	}
	if d := editDistance("kitten", "sitting"); d != 3 {
		t.Errorf("editDistance = %d", d)
	}
}

// --platform takes the platform in any case, in check and snapshot alike.
func TestPlatformIsCaseInsensitive(t *testing.T) {
	snap := "apiVersion: support.aksarc.io/v1alpha1\nkind: ClusterSnapshot\nmetadata: {name: s}\nspec:\n  cluster:\n    kubernetesVersion: 1.31.10\n    power: {state: Stopped, since: \"2025-09-17T00:00:00Z\"}\n"
	for _, p := range []string{"azurelocal", "AZURELOCAL", "Azure-Local", "azure local"} {
		r := cli(t, snap, "check", "--as-of", "2025-11-01", "--platform", p, "-")
		if r.code != exitFindings || !strings.Contains(r.stdout, "DENY AKSARC-041") {
			t.Errorf("--platform %q: code %d\n%s%s", p, r.code, r.stdout, r.err)
		}
	}
	if got := normalizePlatform("windowsserver"); got != "WindowsServer" {
		t.Errorf("normalizePlatform = %q", got)
	}
	if got := normalizePlatform("HCI"); got != "HCI" {
		t.Errorf("normalizePlatform(HCI) = %q: an unknown platform must reach the evaluator as given", got)
	}
}

// --no-fail reports only: the same report, exit 0, but a usage or input error is still 2.
func TestNoFail(t *testing.T) {
	denied := fixtures + "/snapshots/stopped-45-days-azure-local.yaml"
	warnOnly := fixtures + "/snapshots/stopped-nearing-limit.yaml"
	plain := cli(t, "", "check", "--as-of", "2025-11-01", denied)
	r := cli(t, "", "check", "--as-of", "2025-11-01", "--no-fail", denied)
	if plain.code != exitFindings || r.code != exitOK || r.stdout != plain.stdout {
		t.Errorf("--no-fail on a denied cluster: code %d (without: %d), same report %v", r.code, plain.code, r.stdout == plain.stdout)
	}
	if r := cli(t, "", "check", "--as-of", "2025-11-01", "--fail-on-warn", "--no-fail", warnOnly); r.code != exitOK {
		t.Errorf("--no-fail with --fail-on-warn: code %d", r.code)
	}
	if r := cli(t, "", "check", "--no-fail", "--as-of", "someday", denied); r.code != exitUsage {
		t.Errorf("--no-fail hides a usage error: code %d", r.code)
	}
	if r := cli(t, "", "check", "--no-fail", fixtures+"/nope.yaml"); r.code != exitUsage {
		t.Errorf("--no-fail hides an input error: code %d", r.code)
	}
}

// Every command's help shows how to use it.
func TestHelpHasExamples(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"check", "--help"}, {"snapshot", "--help"}, {"rules", "--help"},
		{"explain", "--help"}, {"export", "--help"}, {"export", "gatekeeper", "--help"}, {"export", "bundle", "--help"},
		{"version", "--help"}, {"help", "check"}} {
		r := cli(t, "", args...)
		if r.code != exitOK || !strings.Contains(r.stdout, "Examples:\n  ") || r.err != "" {
			t.Errorf("%v: code %d\n%s%s", args, r.code, r.stdout, r.err)
		}
	}
}

// withBuildInfo makes the binary look built from a commit, as `go install` in a clone or
// `go install ...@v1.2.0` build it.
func withBuildInfo(t *testing.T, main string, settings ...debug.BuildSetting) {
	t.Helper()
	saved := readBuildInfo
	t.Cleanup(func() { readBuildInfo = saved })
	readBuildInfo = func() (*debug.BuildInfo, bool) {
		return &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Path: "github.com/aksarc-opa/aksarc-opa", Version: main},
			Deps:     []*debug.Module{{Path: "github.com/open-policy-agent/opa", Version: "v1.22.2"}},
			Settings: settings}, true
	}
}

// version and --version say what judges: module version, commit, OPA and the catalog's review
// date, the last read through the evaluator.
func TestVersionSaysWhatJudges(t *testing.T) {
	withBuildInfo(t, "v1.2.0",
		debug.BuildSetting{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
		debug.BuildSetting{Key: "vcs.time", Value: "2026-12-01T10:00:00Z"},
		debug.BuildSetting{Key: "vcs.modified", Value: "true"})
	ev, err := evaluator.New(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	reviewed, _ := ev.Catalog()["reviewed"].(string)
	if reviewed == "" {
		t.Fatal("the catalog has no reviewed date")
	}
	r := cli(t, "", "version")
	for _, want := range []string{"aksarc-opa v1.2.0\n", "commit:           0123456789abcdef0123456789abcdef01234567 (2026-12-01T10:00:00Z), with uncommitted changes",
		"opa:              1.22.2", "catalog reviewed: " + reviewed, "go:               go1.26.0"} {
		if r.code != exitOK || !strings.Contains(r.stdout, want) {
			t.Errorf("version lacks %q:\n%s", want, r.stdout)
		}
	}
	if v := cli(t, "", "--version"); v.code != exitOK || v.stdout != r.stdout {
		t.Errorf("--version differs from version:\n%s", v.stdout)
	}
	var got map[string]any
	r = cli(t, "", "version", "-o", "json")
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("version -o json: %v\n%s", err, r.stdout)
	}
	if got["version"] != "v1.2.0" || got["commit"] != "0123456789abcdef0123456789abcdef01234567" || got["modified"] != true ||
		got["opa"] != "1.22.2" || got["catalogReviewed"] != reviewed || got["commitTime"] != "2026-12-01T10:00:00Z" {
		t.Errorf("version -o json: %v", got)
	}
	if r := cli(t, "", "version", "-o", "xml"); r.code != exitUsage {
		t.Errorf("version -o xml: code %d", r.code)
	}

	// A release build: the link-time version and build date win.
	version, buildDate = "v1.2.1", "2026-12-05T10:00:00Z"
	t.Cleanup(func() { version, buildDate = "", "" })
	if r := cli(t, "", "version"); !strings.HasPrefix(r.stdout, "aksarc-opa v1.2.1\n") || !strings.Contains(r.stdout, "built:            2026-12-05T10:00:00Z") {
		t.Errorf("release build:\n%s", r.stdout)
	}
}

// Every report of check carries the same version as `version -o json`.
func TestReportsCarryTheVersion(t *testing.T) {
	withBuildInfo(t, "v1.2.0", debug.BuildSetting{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"})
	var want map[string]any
	if err := json.Unmarshal([]byte(cli(t, "", "version", "-o", "json").stdout), &want); err != nil {
		t.Fatal(err)
	}
	file := fixtures + "/snapshots/stopped-45-days-azure-local.yaml"
	var report struct{ Summary struct{ Tool map[string]any } }
	if err := json.Unmarshal([]byte(cli(t, "", "check", "-o", "json", "--as-of", "2025-11-01", file).stdout), &report); err != nil {
		t.Fatal(err)
	}
	for k, v := range want {
		if report.Summary.Tool[k] != v {
			t.Errorf("json summary.tool.%s = %v, version says %v", k, report.Summary.Tool[k], v)
		}
	}
	var sarif struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Version    string
					Properties map[string]any
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(cli(t, "", "check", "-o", "sarif", "--as-of", "2025-11-01", file).stdout), &sarif); err != nil {
		t.Fatal(err)
	}
	driver := sarif.Runs[0].Tool.Driver
	if driver.Version != "v1.2.0" || driver.Properties["commit"] != want["commit"] || driver.Properties["catalogReviewed"] != want["catalogReviewed"] {
		t.Errorf("sarif driver: %+v", driver)
	}
	junit := cli(t, "", "check", "-o", "junit", "--as-of", "2025-11-01", file).stdout
	for _, prop := range []string{`<property name="version" value="v1.2.0">`, `<property name="commit" value="0123456789abcdef0123456789abcdef01234567">`,
		`<property name="catalogReviewed" value="` + want["catalogReviewed"].(string) + `">`, `<property name="opa" value="1.22.2">`} {
		if !strings.Contains(junit, prop) {
			t.Errorf("junit lacks %s", prop)
		}
	}
}
