package evaluator

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseTimeReadsWhatRFC3339AndTheRulesCan(t *testing.T) {
	for in, want := range map[string]time.Time{
		"2025-11-01":                     time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC),
		"2025-11-01T08:00:00Z":           time.Date(2025, 11, 1, 8, 0, 0, 0, time.UTC),
		"2025-11-01t08:00:00z":           time.Date(2025, 11, 1, 8, 0, 0, 0, time.UTC),
		"2025-11-01T10:00:00.5+02:00":    time.Date(2025, 11, 1, 8, 0, 0, 5e8, time.UTC),
		"1678-01-01":                     time.Date(1678, 1, 1, 0, 0, 0, 0, time.UTC),
		"2261-12-31T23:59:59Z":           time.Date(2261, 12, 31, 23, 59, 59, 0, time.UTC),
		"2025-02-28T23:59:59.999999999Z": time.Date(2025, 2, 28, 23, 59, 59, 999999999, time.UTC),
	} {
		got, err := ParseTime(in)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseTime(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for in, reason := range map[string]string{
		"2025-10-01T23:59:60Z":  "leap second",
		"1600-01-01":            "year 1600, outside",
		"1677-12-31T00:00:00Z":  "year 1677, outside",
		"2262-01-01":            "year 2262, outside",
		"9999-12-31T00:00:00Z":  "year 9999, outside",
		"2025-02-30":            "day out of range",
		"2025-11-01 08:00:00Z":  "not a date",
		"2025-11-01T08:00:00":   "not a date",
		"2025-11-1":             "not a date",
		"20251101":              "not a date",
		"2025-11-01T08:00:00+2": "not a date",
		"":                      "not a date",
	} {
		_, err := ParseTime(in)
		if err == nil || !strings.Contains(err.Error(), reason) {
			t.Errorf("ParseTime(%q) = %v; want an error saying %q", in, err, reason)
		}
	}
	for _, in := range []string{"0001-01-01T00:00:00Z", "0001-01-01T00:00:00+00:00", "0001-01-01"} {
		if _, err := ParseTime(in); !errors.Is(err, ErrNever) {
			t.Errorf("ParseTime(%q) = %v; want ErrNever", in, err)
		}
	}
	if _, err := ParseDate("2025-11-01T00:00:00Z"); err == nil {
		t.Error("ParseDate accepted a time")
	}
}

// A timestamp the schema accepts is one the policies can read: every other is an input error
// that names the field, never a rule that silently cannot compare.
func TestSnapshotTimestampsTheRulesCannotReadAreInputErrors(t *testing.T) {
	for value, want := range map[string]string{
		"2300-09-17T00:00:00Z": `spec.cluster.power.since: "2300-09-17T00:00:00Z" is in the year 2300`,
		"1600-01-01":           `spec.cluster.power.since: "1600-01-01" is in the year 1600`,
		"2025-10-01T23:59:60Z": `spec.cluster.power.since: "2025-10-01T23:59:60Z" is a leap second`,
		"2025-10-01T25:00:00Z": `spec.cluster.power.since: "2025-10-01T25:00:00Z" is not a valid date or time: hour out of range`,
	} {
		_, err := Decode("s.yaml", strings.NewReader(`apiVersion: support.aksarc.io/v1alpha1
kind: ClusterSnapshot
metadata: {name: lab}
spec:
  cluster:
    kubernetesVersion: 1.31.10
    power: {state: Stopped, since: "`+value+`"}
`))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want an error with %q", value, err, want)
		}
	}
}

// Lowercase "t" and "z" are RFC 3339: the rules read them as the uppercase form.
func TestLowercaseTimestampsAreJudged(t *testing.T) {
	ev := newEvaluator(t)
	for _, since := range []string{"2025-09-17T00:00:00Z", "2025-09-17t00:00:00z"} {
		docs := decodeString(t, "s.yaml", `apiVersion: support.aksarc.io/v1alpha1
kind: ClusterSnapshot
metadata: {name: lab}
spec:
  platform: AzureLocal
  cluster:
    kubernetesVersion: 1.31.10
    power: {state: Stopped, since: "`+since+`"}
`)
		r, err := ev.Evaluate(context.Background(), docs, AsOf(day("2025-11-01")))
		if err != nil {
			t.Fatal(err)
		}
		if ids := ruleIDs(r); !slices.Contains(ids, "AKSARC-040") {
			t.Errorf("since %s: findings %v, want AKSARC-040", since, ids)
		}
	}
}

// Azure's "never" date is a missing fact: the rules that need it are not evaluated and the
// report says why, instead of a date 2,000 years old turning a deny into a warn.
func TestAzureNeverIsAMissingFact(t *testing.T) {
	ev := newEvaluator(t)
	docs := decodeString(t, "s.yaml", `apiVersion: support.aksarc.io/v1alpha1
kind: ClusterSnapshot
metadata: {name: lab}
spec:
  cluster: {kubernetesVersion: 1.31.10}
  connectivity: {connectivityStatus: Connected, lastConnectivityTime: "0001-01-01T00:00:00Z"}
  subscription: {state: Disabled, stateChangedAt: "0001-01-01T00:00:00Z"}
`)
	if _, ok := docs[0].Object["spec"].(map[string]any)["connectivity"].(map[string]any)["lastConnectivityTime"]; ok {
		t.Error("the never value is still in the document")
	}
	r, err := ev.Evaluate(context.Background(), docs, AsOf(day("2025-11-01")))
	if err != nil {
		t.Fatal(err)
	}
	if r.Summary.Complete {
		t.Error("a run with a missing fact is complete")
	}
	var notEvaluated []string
	for _, n := range r.NotEvaluated {
		notEvaluated = append(notEvaluated, n.RuleID)
	}
	if !slices.Contains(notEvaluated, "AKSARC-044") {
		t.Errorf("not evaluated %v, want AKSARC-044", notEvaluated)
	}
	notes := strings.Join(r.Notes, "\n")
	for _, field := range []string{"spec.connectivity.lastConnectivityTime", "spec.subscription.stateChangedAt"} {
		if !strings.Contains(notes, field+` is 0001-01-01T00:00:00Z, Azure's "never" value`) {
			t.Errorf("notes lack %s:\n%s", field, notes)
		}
	}
}

func TestAsOfOutsideTheYearsTheRulesCanJudgeIsAnError(t *testing.T) {
	for _, in := range []string{"2263-01-01", "2300-01-01T00:00:00Z", "1500-01-01", "0001-01-01"} {
		if _, err := ParseAsOf(in); err == nil {
			t.Errorf("ParseAsOf(%q) accepted", in)
		}
		if _, err := New(context.Background(), WithSettings(Settings{AsOf: in})); err == nil || !strings.Contains(err.Error(), "asOf") {
			t.Errorf("settings asOf %q: %v, want an error naming asOf", in, err)
		}
	}
}
