package output_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
	"github.com/aksarc-opa/aksarc-opa/output"
)

// A Go tool writes a report in any format of `aksarc-opa check -o`, exactly as the CLI does.
func Example() {
	ctx := context.Background()
	ev, err := evaluator.New(ctx)
	if err != nil {
		panic(err)
	}
	docs, err := evaluator.Decode("cluster.yaml", strings.NewReader(`apiVersion: support.aksarc.io/v1alpha1
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
	// Options are optional: with the rule catalog, SARIF describes every rule; with the
	// documents, JUnit gives each clean object a passing case.
	format, err := output.NewWithOptions("github", output.Options{Rules: ev.Rules(), Documents: docs})
	if err != nil {
		panic(err)
	}
	var b strings.Builder
	if err := format.Write(&b, report); err != nil {
		panic(err)
	}
	// Print each annotation's command and title only, to keep the example short.
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(line, "::error ") {
			head, _, _ := strings.Cut(line[len("::error "):], "::")
			fmt.Println("::error " + head)
		}
	}
	// Output:
	// ::error file=cluster.yaml,line=1,title=AKSARC-040 stopped-control-plane-out-of-support%3A Control plane out of support after 30 days stopped
	// ::error file=cluster.yaml,line=1,title=AKSARC-041 stopped-update-blocked%3A Stopped cluster can no longer be updated
}
