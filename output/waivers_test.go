package output

import (
	"encoding/json"
	"strings"
	"testing"
)

// Every format shows a waived finding as waived, never as a failure, and lists the expired and
// unused waivers; --fail-on-warn does not fail a waived warning.
func TestWaivedFindingsInEveryFormat(t *testing.T) {
	ev := evaluatorWith(t, "output/testdata/waivers.yaml", nil, nil)
	_, docs, report := evaluateWith(t, ev, "fixtures/snapshots/cni-not-supported-azure-local.yaml", "fixtures/manifests/cni-cilium.yaml",
		"fixtures/manifests/kube-system-foreign.yaml")
	if report.Summary.Waived != 2 || len(report.ExpiredWaivers) != 1 || len(report.UnusedWaivers) != 1 {
		t.Fatalf("summary %+v, expired %d, unused %d", report.Summary, len(report.ExpiredWaivers), len(report.UnusedWaivers))
	}
	o := Options{Rules: ev.Rules(), Documents: docs, FailOnWarn: true}

	// SARIF: an accepted external suppression with the reason as justification.
	var sarif struct {
		Runs []struct {
			Results []struct {
				RuleID       string
				Suppressions []struct {
					Kind, Status, Justification string
					Properties                  struct{ Owner, Expires string }
				}
			}
			Invocations []struct {
				ToolExecutionNotifications []struct {
					Level   string
					Message struct{ Text string }
				}
			}
		}
	}
	b := render(t, "sarif", o, report)
	validateSARIF(t, "waived SARIF", b)
	if err := json.Unmarshal(b, &sarif); err != nil {
		t.Fatal(err)
	}
	suppressed := 0
	for _, r := range sarif.Runs[0].Results {
		for _, s := range r.Suppressions {
			suppressed++
			if s.Kind != "external" || s.Status != "accepted" || s.Justification == "" || s.Properties.Owner == "" || s.Properties.Expires == "" {
				t.Errorf("suppression of %s: %+v", r.RuleID, s)
			}
		}
	}
	var levels []string
	for _, n := range sarif.Runs[0].Invocations[0].ToolExecutionNotifications {
		if strings.HasPrefix(n.Message.Text, "Expired waiver ") || strings.HasPrefix(n.Message.Text, "Unused waiver ") {
			levels = append(levels, n.Level)
		}
	}
	if suppressed != 2 || strings.Join(levels, ",") != "warning,note" {
		t.Errorf("sarif: %d suppressions, waiver notifications %v", suppressed, levels)
	}

	// JUnit: a waived finding is skipped, with the waiver; the failures are the unwaived deny and
	// the two unwaived warnings (--fail-on-warn).
	d := parseJUnit(t, render(t, "junit", o, report))
	failures, waived := 0, 0
	for _, s := range d.Suites {
		for _, c := range s.Cases {
			if c.Failure != nil {
				failures++
			}
			if c.Skipped != nil && strings.HasPrefix(c.Skipped.Message, "waived by ") {
				waived++
				if c.Failure != nil || !strings.Contains(c.SystemOut, "Waived:  by ") {
					t.Errorf("waived case %s: %+v", c.Name, c)
				}
			}
		}
	}
	if failures != 3 || waived != 2 {
		t.Errorf("junit: %d failures, %d waived", failures, waived)
	}

	// GitHub: notices for the waived findings, a warning on the waivers file for the expired one;
	// one error, for the unwaived deny (the ConfigMap beside it is a warning).
	gh := string(render(t, "github", o, report))
	if strings.Count(gh, "(waived ") != 2 || !strings.Contains(gh, "::warning file=output/testdata/waivers.yaml,line=19,title=Expired waiver AKSARC-010::") ||
		!strings.Contains(gh, "::notice file=output/testdata/waivers.yaml,line=25,title=Unused waiver AKSARC-020::") ||
		strings.Count(gh, "::error ") != 1 {
		t.Errorf("github:\n%s", gh)
	}
}

// A partial run says so in every format.
func TestSkippedRulesInEveryFormat(t *testing.T) {
	ev := evaluatorWith(t, "", nil, []string{"AKSARC-010"})
	_, docs, report := evaluateWith(t, ev, "fixtures/manifests/cni-cilium.yaml")
	o := Options{Rules: ev.Rules(), Documents: docs}
	for format, want := range map[string]string{
		"text":   "1 rule skipped by --rules/--skip-rules (the verdict does not cover it): AKSARC-010.",
		"github": "1 rule skipped by --rules/--skip-rules (the verdict does not cover it): AKSARC-010.",
		"junit":  `<property name="skippedRules" value="1 rule skipped by --rules/--skip-rules`,
		"json":   "\"skippedRules\": [\n    \"AKSARC-010\"\n  ]",
		"sarif":  "\"ruleConfigurationOverrides\": [\n            {\n              \"descriptor\": {\n                \"id\": \"AKSARC-010\",",
	} {
		if got := string(render(t, format, o, report)); !strings.Contains(got, want) || strings.Contains(got, "AKSARC-010 kube-system-foreign-object") {
			t.Errorf("%s lacks %q or has a finding of the skipped rule:\n%s", format, want, got)
		}
	}
}
