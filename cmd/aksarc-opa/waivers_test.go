package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// subscription-deleted.yaml gives one deny finding: AKSARC-052 on the ClusterSnapshot "orphaned".
const orphaned = fixtures + "/snapshots/subscription-deleted.yaml"

const orphanedWaiver = `apiVersion: aksarc-opa.io/v1alpha1
kind: Waivers
waivers:
  - rule: AKSARC-052
    object: {kind: ClusterSnapshot, name: orphaned}
    owner: finance-team
    reason: the subscription is reinstated in ticket 4711
    expires: 2025-11-01
`

// A waiver in force turns the run green and the finding is shown as waived; from the day after
// its expiry the finding fails the run again and the waiver is reported as expired.
func TestCheckWaivers(t *testing.T) {
	file := writeTemp(t, t.TempDir(), "waivers.yaml", orphanedWaiver)

	r := cli(t, "", "check", "--as-of", "2025-11-01", "--waivers", file, orphaned)
	if r.code != exitOK {
		t.Fatalf("on the expiry day: code %d\n%s%s", r.code, r.stdout, r.err)
	}
	for _, want := range []string{
		"Verdict: OUT OF SUPPORT (ACCEPTED BY WAIVERS)",
		"1 finding waived: shown with its waiver, not counted.",
		"Object:  ClusterSnapshot orphaned (1 waived)",
		"  WAIVED DENY AKSARC-052 ",
		"    Waived:  by finance-team until 2025-11-01: the subscription is reinstated in ticket 4711 (" + file + ":4 (entry 1))",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, r.stdout)
		}
	}

	r = cli(t, "", "check", "--as-of", "2025-11-02", "--waivers", file, orphaned)
	if r.code != exitFindings {
		t.Fatalf("the day after: code %d\n%s%s", r.code, r.stdout, r.err)
	}
	for _, want := range []string{
		"Verdict: OUT OF SUPPORT",
		"1 waiver has expired and waives nothing (listed at the end).",
		"  DENY AKSARC-052 ",
		"Expired waivers (1: they waive nothing; renew or remove them):\n  AKSARC-052 ClusterSnapshot orphaned: expired after 2025-11-01 (owner finance-team: the subscription is reinstated in ticket 4711); it matches 1 finding, which counts again\n    Where:   " + file + ":4 (entry 1)",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, r.stdout)
		}
	}

	// JSON: the waiver on the finding, the counts, and the other formats agree on the exit code.
	r = cli(t, "", "check", "-o", "json", "--as-of", "2025-11-01", "--waivers", file, orphaned)
	var got struct {
		Summary struct {
			Verdict            string
			Deny, Warn, Waived int
		}
		Findings []struct {
			RuleID string
			Waiver *struct {
				Rule, Owner, Reason, Expires string
				Source                       struct {
					File        string
					Entry, Line int
				}
			}
		}
		UnusedWaivers, ExpiredWaivers []any
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}
	if r.code != exitOK || got.Summary.Verdict != "out of support" || got.Summary.Deny != 0 || got.Summary.Waived != 1 ||
		len(got.Findings) != 1 || got.Findings[0].Waiver == nil || got.Findings[0].Waiver.Owner != "finance-team" ||
		got.Findings[0].Waiver.Source.Line != 4 || len(got.UnusedWaivers) != 0 || len(got.ExpiredWaivers) != 0 {
		t.Errorf("json: code %d %+v", r.code, got)
	}
	for _, format := range []string{"sarif", "junit", "github"} {
		if r := cli(t, "", "check", "-o", format, "--as-of", "2025-11-01", "--waivers", file, orphaned); r.code != exitOK {
			t.Errorf("-o %s: code %d", format, r.code)
		}
	}
	r = cli(t, "", "check", "-o", "github", "--as-of", "2025-11-01", "--waivers", file, orphaned)
	if !strings.HasPrefix(r.stdout, "::notice file="+orphaned+",line=2,title=AKSARC-052 ") || strings.Contains(r.stdout, "::error") {
		t.Errorf("github:\n%s", r.stdout)
	}

	// A waiver that matches nothing is reported; the run is judged as without it.
	r = cli(t, "", "check", "--as-of", "2025-11-01", "--waivers", file, fixtures+"/snapshots/clean-windows-server.yaml")
	if r.code != exitOK || !strings.Contains(r.stdout, "Unused waivers (1: in force, but they match no finding):\n  AKSARC-052 ClusterSnapshot orphaned: matches no finding") {
		t.Errorf("unused: code %d\n%s", r.code, r.stdout)
	}
}

func TestCheckWaiversErrorsExitTwo(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, content string
		want          []string
	}{
		{"unknown rule", strings.Replace(orphanedWaiver, "AKSARC-052", "AKSARC-952", 1),
			[]string{`waivers.yaml: entry 1 (line 4): rule "AKSARC-952": unknown rule ID`}},
		{"no owner, bad date", strings.Replace(strings.Replace(orphanedWaiver, "    owner: finance-team\n", "", 1), "2025-11-01", "soon", 1),
			[]string{"waivers.yaml: entry 1 (line 4): owner: required", `expires "soon": expected a date YYYY-MM-DD`}},
		{"no header", "waivers: []\n", []string{`waivers.yaml:1 (document 1): apiVersion: expected "aksarc-opa.io/v1alpha1"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			file := writeTemp(t, dir, "waivers.yaml", c.content)
			r := cli(t, "", "check", "--as-of", "2025-11-01", "--waivers", file, orphaned)
			if r.code != exitUsage {
				t.Fatalf("code %d\n%s", r.code, r.err)
			}
			for _, w := range c.want {
				if !strings.Contains(r.err, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.err)
				}
			}
		})
	}
	if r := cli(t, "", "check", "--waivers", dir+"/none.yaml", orphaned); r.code != exitUsage || !strings.Contains(r.err, "none.yaml: cannot read") {
		t.Errorf("missing waivers file: code %d %s", r.code, r.err)
	}
}

// --rules and --skip-rules: IDs or names, comma-separated and repeated; skip wins; the report
// says which rules were skipped; an unknown rule is a usage error that names it.
func TestCheckRuleSelection(t *testing.T) {
	denied := fixtures + "/snapshots/stopped-45-days-azure-local.yaml" // AKSARC-040 and 041

	r := cli(t, "", "check", "--as-of", "2025-11-01", "--skip-rules", "AKSARC-040,stopped-update-blocked", denied)
	if r.code != exitOK || strings.Contains(r.stdout, "AKSARC-040 ") ||
		!strings.Contains(r.stdout, "2 rules skipped by --rules/--skip-rules (the verdict does not cover them): AKSARC-040, AKSARC-041.") ||
		!strings.Contains(r.stdout, "AS FAR AS CHECKED") {
		t.Errorf("--skip-rules: code %d\n%s%s", r.code, r.stdout, r.err)
	}

	r = cli(t, "", "check", "-o", "json", "--as-of", "2025-11-01", "--rules", "aksarc-040", "--rules", "AKSARC-041,AKSARC-042", "--skip-rules", "AKSARC-041", denied)
	var got struct {
		Summary struct {
			SkippedRules int
			Complete     bool
		}
		Findings     []struct{ RuleID string }
		SkippedRules []string
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("%v\n%s", err, r.err)
	}
	var rules []struct{ ID string }
	if err := json.Unmarshal([]byte(cli(t, "", "rules", "-o", "json").stdout), &rules); err != nil {
		t.Fatal(err)
	}
	if r.code != exitFindings || len(got.Findings) != 1 || got.Findings[0].RuleID != "AKSARC-040" || got.Summary.Complete ||
		got.Summary.SkippedRules != len(rules)-2 || len(got.SkippedRules) != len(rules)-2 {
		t.Errorf("--rules with --skip-rules: code %d %+v", r.code, got)
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--rules", "AKSARC-040,AKSARC-999"}, `--rules: unknown rule "AKSARC-999" in the rules to run`},
		{[]string{"--skip-rules", "kube-system-foreign"}, `--skip-rules: unknown rule "kube-system-foreign" in the rules to skip`},
		{[]string{"--rules", "AKSARC-040", "--skip-rules", "AKSARC-040"}, "--rules, --skip-rules: the rule selection leaves no rule to run"},
	} {
		r := cli(t, "", append(append([]string{"check", "--as-of", "2025-11-01"}, c.args...), denied)...)
		if r.code != exitUsage || !strings.Contains(r.err, c.want) {
			t.Errorf("%v: code %d, stderr %s", c.args, r.code, r.err)
		}
	}

	help := cli(t, "", "check", "--help")
	for _, flag := range []string{"--waivers", "--rules", "--skip-rules"} {
		if !strings.Contains(help.stdout, flag) {
			t.Errorf("check --help lacks %s", flag)
		}
	}
}
