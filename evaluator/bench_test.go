package evaluator

import (
	"context"
	"testing"
)

// BenchmarkEvaluateKubeSystemDump measures one evaluation of a ~100-object cluster dump
// (bench/run.sh runs it with benchstat-friendly settings).
func BenchmarkEvaluateKubeSystemDump(b *testing.B) {
	e, err := New(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	docs, err := Load([]string{fixturesDir + "/cluster/kube-system-dump.yaml", fixturesDir + "/snapshots/clean-windows-server.yaml"}, nil)
	if err != nil {
		b.Fatal(err)
	}
	asOf := day("2025-11-01")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Evaluate(context.Background(), docs, AsOf(asOf)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(docs)), "docs/op")
}

// BenchmarkNew measures compiling and preparing the policies, paid once per Evaluator.
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}
