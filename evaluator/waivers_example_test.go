package evaluator_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

// Waivers accept findings until a date: the finding stays in the report, marked, and counts as
// waived instead of deny; the day after its expiry the waiver no longer waives.
func ExampleWithWaivers() {
	waivers, err := evaluator.DecodeWaivers("waivers.yaml", strings.NewReader(`apiVersion: aksarc-opa.io/v1alpha1
kind: Waivers
waivers:
  - rule: AKSARC-040
    object: {kind: ClusterSnapshot, name: lab}
    owner: edge-team
    reason: the lab cluster is started again in change CHG-77
    expires: 2025-11-01
`))
	if err != nil {
		panic(err)
	}
	ev, err := evaluator.New(context.Background(), evaluator.WithWaivers(waivers))
	if err != nil {
		panic(err)
	}
	docs, _ := evaluator.Decode("s.yaml", strings.NewReader("apiVersion: support.aksarc.io/v1alpha1\nkind: ClusterSnapshot\nmetadata: {name: lab}\nspec: {cluster: {kubernetesVersion: 1.31.10, power: {state: Stopped, since: \"2025-09-01T00:00:00Z\"}}}\n"))
	for _, day := range []string{"2025-11-01", "2025-11-02"} {
		asOf, _ := time.Parse(time.DateOnly, day)
		report, _ := ev.Evaluate(context.Background(), docs, evaluator.AsOf(asOf))
		for _, f := range report.Findings {
			if f.Waiver != nil {
				fmt.Println(day, f.RuleID, "waived by", f.Waiver.Owner, "until", f.Waiver.Expires)
			} else {
				fmt.Println(day, f.RuleID, f.Severity)
			}
		}
		fmt.Println(day, report.Summary.Verdict, "- expired waivers:", len(report.ExpiredWaivers))
	}
	// Output:
	// 2025-11-01 AKSARC-040 waived by edge-team until 2025-11-01
	// 2025-11-01 out of support - expired waivers: 0
	// 2025-11-02 AKSARC-040 deny
	// 2025-11-02 out of support - expired waivers: 1
}
