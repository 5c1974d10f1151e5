package evaluator_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

// A Go tool builds one Evaluator, decodes documents and evaluates them as of a date.
func Example() {
	ctx := context.Background()
	ev, err := evaluator.New(ctx) // compiles and prepares once; share it
	if err != nil {
		panic(err)
	}
	docs, err := evaluator.Decode("snapshot.yaml", strings.NewReader(`
apiVersion: support.aksarc.io/v1alpha1
kind: ClusterSnapshot
metadata: {name: lab}
spec:
  platform: AzureLocal
  cluster:
    kubernetesVersion: 1.31.10
    power: {state: Stopped, since: "2025-09-17T00:00:00Z"}
`))
	if err != nil {
		panic(err)
	}
	report, err := ev.Evaluate(ctx, docs, evaluator.AsOf(time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		panic(err)
	}
	fmt.Println(report.Summary.Verdict)
	for _, f := range report.Findings {
		fmt.Println(f.RuleID, f.Severity, f.Resource.Name, "line", f.Source.Line)
	}
	// Output:
	// out of support
	// AKSARC-040 deny lab line 2
	// AKSARC-041 deny lab line 2
}

// Bad input is an error value that names the file, the document and the problem.
func ExampleDecode_error() {
	_, err := evaluator.Decode("cluster.yaml", strings.NewReader(`apiVersion: support.aksarc.io/v1alpha1
kind: ClusterSnapshot
metadata: {name: lab}
spec:
  cluster: {kubernetesVersion: 1.31.10, power: {state: Paused}}
`))
	fmt.Println(err)
	// Output:
	// cluster.yaml:1 (document 1): ClusterSnapshot does not fit the schema; spec.cluster.power.state: value must be one of 'Running', 'Stopped'
}

// Settings change thresholds and the catalog without touching the policies.
func ExampleWithSettings() {
	ev, err := evaluator.New(context.Background(), evaluator.WithSettings(evaluator.Settings{
		Parameters: map[string]any{"versionWarnDays": 30},
		Catalog:    map[string]any{"versions": map[string]any{"1.31": map[string]any{"endOfSupport": "2025-11-20"}}},
	}))
	if err != nil {
		panic(err)
	}
	docs, _ := evaluator.Decode("s.yaml", strings.NewReader("apiVersion: support.aksarc.io/v1alpha1\nkind: ClusterSnapshot\nmetadata: {name: lab}\nspec: {platform: AzureLocal, cluster: {kubernetesVersion: 1.31.10}}\n"))
	report, _ := ev.Evaluate(context.Background(), docs, evaluator.AsOf(time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)))
	for _, f := range report.Findings {
		fmt.Println(f.RuleID, f.Details["daysLeft"])
	}
	// Output:
	// AKSARC-003 19
}
