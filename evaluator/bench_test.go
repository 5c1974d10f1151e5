package evaluator

import (
	"bytes"
	"context"
	"errors"
	"io"
	"runtime"
	"sort"
	"sync"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/aksarc-opa/aksarc-opa/bench/dumpgen"
)

// benchDump is a generated cluster dump (bench/dumpgen), decoded once for every benchmark.
var benchDump = sync.OnceValues(func() ([]*Document, error) {
	var buf bytes.Buffer
	if err := dumpgen.WriteYAML(&buf, 2000, 1); err != nil {
		return nil, err
	}
	return Decode("dump.yaml", &buf)
})

func benchSetup(b *testing.B) (*Evaluator, []*Document, time.Time) {
	b.Helper()
	e, err := New(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	docs, err := benchDump()
	if err != nil {
		b.Fatal(err)
	}
	asOf, err := ParseAsOf(dumpgen.AsOf)
	if err != nil {
		b.Fatal(err)
	}
	return e, docs, asOf
}

// benchEvaluate evaluates docs b.N times and reports the cost per object and the objects per
// second per core (Evaluate uses GOMAXPROCS workers: run with -cpu 1 for one core).
func benchEvaluate(b *testing.B, e *Evaluator, docs []*Document, asOf time.Time) {
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		if _, err := e.Evaluate(context.Background(), docs, AsOf(asOf)); err != nil {
			b.Fatal(err)
		}
	}
	cpu = processCPU() - cpu
	perObject := float64(b.Elapsed().Nanoseconds()) / float64(b.N) / float64(len(docs))
	b.ReportMetric(perObject, "ns/object")
	b.ReportMetric(1e9/perObject/float64(runtime.GOMAXPROCS(0)), "objects/s/core")
	reportCPU(b, cpu, len(docs))
}

// reportCPU reports the CPU time (all threads, the garbage collector's included) per object and
// the objects judged per CPU second: unlike wall time, it does not grow with the load that other
// processes put on a shared machine.
func reportCPU(b *testing.B, cpu time.Duration, objects int) {
	if cpu <= 0 {
		return
	}
	perObject := float64(cpu.Nanoseconds()) / float64(b.N) / float64(objects)
	b.ReportMetric(perObject, "cpu-ns/object")
	b.ReportMetric(1e9/perObject, "objects/cpu-s")
}

// BenchmarkEvaluateDump judges a generated 2,000-object cluster dump with its ClusterSnapshot.
func BenchmarkEvaluateDump(b *testing.B) {
	e, docs, asOf := benchSetup(b)
	benchEvaluate(b, e, docs, asOf)
}

// BenchmarkEvaluateKind judges the objects of one kind of the dump (up to 200) on their own (so
// Nodes have no cluster), and the dump's ClusterSnapshot alone.
func BenchmarkEvaluateKind(b *testing.B) {
	e, docs, asOf := benchSetup(b)
	byKind := map[string][]*Document{}
	var snapshot *Document
	for _, d := range docs {
		if d.IsClusterSnapshot() {
			snapshot = d
			continue
		}
		k := d.Resource().Kind
		if len(byKind[k]) < 200 {
			byKind[k] = append(byKind[k], d)
		}
	}
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range append(kinds, "ClusterSnapshot") {
		set := byKind[k]
		if k == "ClusterSnapshot" {
			set = []*Document{snapshot}
		}
		b.Run(k, func(b *testing.B) { benchEvaluate(b, e, set, asOf) })
	}
}

// BenchmarkDecodeDump decodes the generated dump as multi-document YAML and as the JSON List of
// kubectl, next to a bare yaml.v3 decode of the same YAML bytes (the floor the issue measures
// decode + evaluate against).
func BenchmarkDecodeDump(b *testing.B) {
	const n = 2000
	var y, l bytes.Buffer
	if err := dumpgen.WriteYAML(&y, n, 1); err != nil {
		b.Fatal(err)
	}
	if err := dumpgen.WriteList(&l, n, 1); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data []byte
		bare bool
	}{{"yaml", y.Bytes(), false}, {"list", l.Bytes(), false}, {"bare-yaml.v3", y.Bytes(), true}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.data)))
			for b.Loop() {
				if c.bare {
					dec := yaml.NewDecoder(bytes.NewReader(c.data))
					for {
						var v any
						if err := dec.Decode(&v); err != nil {
							if errors.Is(err, io.EOF) {
								break
							}
							b.Fatal(err)
						}
					}
					continue
				}
				if _, err := Decode("dump", bytes.NewReader(c.data)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/object")
		})
	}
}

// BenchmarkEvaluateKubeSystemDump measures one evaluation of the ~100-object kube-system fixture
// dump with a snapshot.
func BenchmarkEvaluateKubeSystemDump(b *testing.B) {
	e, err := New(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	docs, err := Load([]string{fixturesDir + "/cluster/kube-system-dump.yaml", fixturesDir + "/snapshots/clean-windows-server.yaml"}, nil)
	if err != nil {
		b.Fatal(err)
	}
	benchEvaluate(b, e, docs, day("2025-11-01"))
}

// BenchmarkNew measures compiling and preparing the policies, paid once per Evaluator.
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}
