package evaluator

import (
	"encoding/json"
	"fmt"
	"sort"
	"time"
)

// RunwayEvent is one dated change ahead of a ClusterSnapshot (its support runway): the first
// day on which a rule starts to fire if the snapshot's facts stay as they are, such as the end
// of support of its Kubernetes minor version, the 30-day connection limit or the 60-day
// subscription limit (policies/lib/runway.rego). Only dates after the evaluation day are listed.
type RunwayEvent struct {
	// Date is the day the change takes effect (YYYY-MM-DD, UTC): the rule fires from that day.
	Date string `json:"date"`
	// DaysLeft is the number of calendar days from the evaluation day to Date (at least 1).
	DaysLeft int `json:"daysLeft"`
	// RuleID is the rule that starts to fire on Date, and Severity its severity.
	RuleID   string   `json:"ruleID"`
	Severity Severity `json:"severity"`
	// Kind names the change (versionEndOfSupport, disconnectedLimit, subscriptionLimit, ...).
	Kind string `json:"kind"`
	// What says in one sentence what happens on Date.
	What     string   `json:"what"`
	Resource Resource `json:"resource"` // the ClusterSnapshot
	Source   Source   `json:"source"`   // where it is
}

// runwayFrom reads the runway the policies computed for one document: the events of a
// ClusterSnapshot, sorted by date then rule; none for other documents.
func (e *Evaluator) runwayFrom(d *Document, raw []any) ([]RunwayEvent, error) {
	events := make([]RunwayEvent, 0, len(raw))
	for _, v := range raw {
		m, _ := v.(map[string]any)
		ev := RunwayEvent{Date: str(m["date"]), RuleID: str(m["rule"]), Kind: str(m["kind"]), What: str(m["what"]),
			Resource: d.Resource(), Source: d.Source}
		days, okDays := wholeNumber(m["daysLeft"])
		rule, okRule := e.Rule(ev.RuleID)
		if _, err := time.Parse(time.DateOnly, ev.Date); err != nil || !okDays || !okRule || ev.Kind == "" || ev.What == "" {
			return nil, fmt.Errorf("a runway event needs a date (YYYY-MM-DD), daysLeft, the ID of a known rule, kind and what: %v", v)
		}
		ev.DaysLeft, ev.Severity = days, rule.Severity
		events = append(events, ev)
	}
	sortRunway(events)
	return events, nil
}

// sortRunway orders one snapshot's events by date, then rule ID, then kind.
func sortRunway(events []RunwayEvent) {
	sort.SliceStable(events, func(i, j int) bool {
		a, b := events[i], events[j]
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		return a.Kind < b.Kind
	})
}

// wholeNumber reads an integer of the policies' result (a json.Number).
func wholeNumber(v any) (int, bool) {
	switch n := v.(type) {
	case json.Number:
		i, err := n.Int64()
		return int(i), err == nil
	case int:
		return n, true
	case float64:
		return int(n), n == float64(int(n))
	}
	return 0, false
}
