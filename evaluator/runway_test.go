package evaluator

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
)

const runwaySnapshot = `apiVersion: support.aksarc.io/v1alpha1
kind: ClusterSnapshot
metadata: {name: edge}
spec:
  platform: AzureLocal
  host: {azureLocalRelease: "2510"}
  cluster:
    kubernetesVersion: 1.32.6
    power: {state: Stopped, since: "2025-10-25T10:00:00Z"}
  connectivity: {connectivityStatus: Connected, lastConnectivityTime: "2025-10-31T10:00:00Z"}
`

type runwayRow struct {
	Date     string
	DaysLeft int
	RuleID   string
	Severity Severity
}

func runwayRows(events []RunwayEvent) []runwayRow {
	var rows []runwayRow
	for _, ev := range events {
		rows = append(rows, runwayRow{ev.Date, ev.DaysLeft, ev.RuleID, ev.Severity})
	}
	return rows
}

// A snapshot's runway: every dated change ahead, by date then rule, with the severity of the rule
// that starts to fire, the snapshot it concerns and where it is; objects have none.
func TestReportRunway(t *testing.T) {
	e := newEvaluator(t)
	docs := decodeString(t, "fixtures/edge.yaml", runwaySnapshot+"---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: shop}\n")
	r, err := e.Evaluate(context.Background(), docs, AsOf(day("2025-11-01")))
	if err != nil {
		t.Fatal(err)
	}
	want := []runwayRow{
		{"2025-11-17", 16, "AKSARC-042", SeverityWarn},
		{"2025-11-23", 22, "AKSARC-045", SeverityWarn},
		{"2025-11-24", 23, "AKSARC-040", SeverityDeny},
		{"2025-11-24", 23, "AKSARC-041", SeverityDeny},
		{"2025-11-30", 29, "AKSARC-044", SeverityDeny},
		{"2026-05-01", 181, "AKSARC-006", SeverityDeny},
		{"2026-06-01", 212, "AKSARC-090", SeverityWarn},
		{"2026-08-22", 294, "AKSARC-003", SeverityWarn},
		{"2026-10-22", 355, "AKSARC-001", SeverityDeny},
		{"2027-04-05", 520, "AKSARC-090", SeverityWarn},
	}
	if got := runwayRows(r.Runway); !slices.Equal(got, want) {
		t.Fatalf("runway:\n got %v\nwant %v", got, want)
	}
	for _, ev := range r.Runway {
		if ev.Resource != docs[0].Resource() || ev.Source != docs[0].Source || ev.Kind == "" || !strings.Contains(ev.What, ev.RuleID) {
			t.Errorf("event %+v: want the snapshot's resource and source, a kind and a sentence naming the rule", ev)
		}
	}
	if r.Runway[0].What != "if the cluster stays stopped (since 2025-10-25), it comes within 7 days of the 30-day limit after which its control plane is out of support: AKSARC-042 warns from 2025-11-17" {
		t.Errorf("what = %q", r.Runway[0].What)
	}

	// A day later every event is a day closer; the warning due that day (at the stop's time of
	// day, 10:00) is still ahead at midnight.
	later, err := e.Evaluate(context.Background(), docs, AsOf(day("2025-11-17")))
	if err != nil {
		t.Fatal(err)
	}
	if got := later.Runway[0]; got.RuleID != "AKSARC-042" || got.DaysLeft != 0 || has(ruleIDs(later), "AKSARC-042") {
		t.Errorf("as of 2025-11-17 the runway starts with %+v, want AKSARC-042 today", got)
	}
	if got := later.Runway[1]; got.RuleID != "AKSARC-045" || got.DaysLeft != 6 {
		t.Errorf("as of 2025-11-17 the runway goes on with %+v, want AKSARC-045 in 6 days", got)
	}
}

// Several snapshots: each has its own runway, in input order, each sorted by date.
func TestReportRunwayPerSnapshot(t *testing.T) {
	e := newEvaluator(t)
	other := strings.NewReplacer("name: edge", "name: core", "1.32.6", "1.31.10").Replace(runwaySnapshot)
	docs := decodeString(t, "s.yaml", runwaySnapshot+"---\n"+other)
	r, err := e.Evaluate(context.Background(), docs, AsOf(day("2025-11-01")))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for i, ev := range r.Runway {
		if len(names) == 0 || names[len(names)-1] != ev.Resource.Name {
			names = append(names, ev.Resource.Name)
		} else if prev := r.Runway[i-1]; prev.Date > ev.Date || (prev.Date == ev.Date && prev.RuleID > ev.RuleID) {
			t.Errorf("%s: %+v before %+v", ev.Resource.Name, prev, ev)
		}
	}
	if !slices.Equal(names, []string{"edge", "core"}) {
		t.Errorf("snapshots in the runway: %v, want edge then core", names)
	}
}

// The runway is always a list in JSON, empty without a snapshot, and a rule the selection leaves
// out says nothing about the days ahead either.
func TestReportRunwayEmptyAndSelection(t *testing.T) {
	e := newEvaluator(t)
	r, err := e.Evaluate(context.Background(), decodeString(t, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n"), AsOf(day("2025-11-01")))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(r)
	if r.Runway == nil || !strings.Contains(string(b), `"runway":[]`) {
		t.Errorf("runway of a ConfigMap: %v (JSON %s)", r.Runway, b)
	}

	e = newEvaluator(t, WithRules(nil, []string{"AKSARC-090", "AKSARC-001"}))
	r, err = e.Evaluate(context.Background(), decodeString(t, "s.yaml", runwaySnapshot), AsOf(day("2025-11-01")))
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range r.Runway {
		if ev.RuleID == "AKSARC-090" || ev.RuleID == "AKSARC-001" {
			t.Errorf("skipped rule in the runway: %+v", ev)
		}
	}
	if len(r.Runway) != 7 {
		t.Errorf("runway with two rules skipped: %v", runwayRows(r.Runway))
	}
}

// Settings move the runway as they move the rules: parameters and catalog overrides.
func TestReportRunwayFollowsSettings(t *testing.T) {
	e := newEvaluator(t, WithSettings(Settings{
		Parameters: map[string]any{"catalogMaxAgeDays": 30},
		Catalog: map[string]any{
			"reviewed":     "2025-10-09",
			"factsThrough": "2030-12",
			"versions":     map[string]any{"1.32": map[string]any{"endOfSupport": "2026-03-31"}},
		},
	}))
	r, err := e.Evaluate(context.Background(), decodeString(t, "s.yaml", runwaySnapshot), AsOf(day("2025-11-01")))
	if err != nil {
		t.Fatal(err)
	}
	dates := map[string]string{} // the first event of each rule
	for _, ev := range r.Runway {
		if _, seen := dates[ev.RuleID]; !seen {
			dates[ev.RuleID] = ev.Date
		}
	}
	if dates["AKSARC-001"] != "2026-04-01" || dates["AKSARC-003"] != "2026-01-30" || dates["AKSARC-090"] != "2025-11-09" {
		t.Errorf("runway with settings: %v", runwayRows(r.Runway))
	}
}

// A malformed event from the policies is an error, not a silent gap.
func TestRunwayFromRejectsMalformedEvents(t *testing.T) {
	e := newEvaluator(t)
	d := decodeString(t, "s.yaml", runwaySnapshot)[0]
	good := map[string]any{"date": "2026-01-02", "daysLeft": json.Number("3"), "rule": "AKSARC-001", "kind": "k", "what": "w"}
	if evs, err := e.runwayFrom(d, []any{good}); err != nil || len(evs) != 1 || evs[0].Severity != SeverityDeny || evs[0].DaysLeft != 3 {
		t.Fatalf("good event: %v %v", evs, err)
	}
	for _, bad := range []map[string]any{
		{"date": "2026-1-2"},
		{"daysLeft": "3"},
		{"daysLeft": json.Number("1.5")},
		{"rule": "AKSARC-999"},
		{"kind": ""},
		{"what": nil},
	} {
		ev := map[string]any{}
		for k, v := range good {
			ev[k] = v
		}
		for k, v := range bad {
			ev[k] = v
		}
		if _, err := e.runwayFrom(d, []any{ev}); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
	if _, err := e.runwayFrom(d, []any{"x"}); err == nil {
		t.Error("a string event: no error")
	}
}

// A change due today stays on the runway until its rule fires: judged at midnight the 30-day
// connection limit passed at 14:59:59 is still ahead; judged at 16:00 it is a finding.
func TestRunwayKeepsTodaysChangeUntilItsRuleFires(t *testing.T) {
	docs := decodeString(t, "s.yaml", `apiVersion: support.aksarc.io/v1alpha1
kind: ClusterSnapshot
metadata: {name: edge}
spec:
  platform: AzureLocal
  cluster: {kubernetesVersion: 1.31.10}
  connectivity: {connectivityStatus: Connected, lastConnectivityTime: "2025-10-06T14:59:59Z"}
`)
	e := newEvaluator(t)
	onRunway := func(r *Report) bool {
		for _, ev := range r.Runway {
			if ev.RuleID == "AKSARC-044" && ev.DaysLeft == 0 {
				return true
			}
		}
		return false
	}
	midnight, err := e.Evaluate(context.Background(), docs, AsOf(day("2025-11-05")))
	if err != nil {
		t.Fatal(err)
	}
	if has(ruleIDs(midnight), "AKSARC-044") || !onRunway(midnight) {
		t.Errorf("at midnight: findings %v, AKSARC-044 due today on the runway: %v", ruleIDs(midnight), onRunway(midnight))
	}
	afternoon, err := e.Evaluate(context.Background(), docs, AsOf(day("2025-11-05").Add(16*time.Hour)))
	if err != nil {
		t.Fatal(err)
	}
	if !has(ruleIDs(afternoon), "AKSARC-044") || onRunway(afternoon) {
		t.Errorf("at 16:00: findings %v, AKSARC-044 still on the runway: %v", ruleIDs(afternoon), onRunway(afternoon))
	}
}
