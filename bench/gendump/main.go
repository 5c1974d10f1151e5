// Command gendump writes a deterministic, realistic AKS Arc cluster dump for benchmarks
// (bench/run.sh): `go run ./bench/gendump -n 10000 -format yaml -o /tmp/dump.yaml`. Formats:
// yaml (multi-document), list (the JSON List of `kubectl get -o json`), dir (a file per object).
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/aksarc-opa/aksarc-opa/bench/dumpgen"
)

func main() {
	n := flag.Int("n", 10000, "number of objects, the ClusterSnapshot included")
	format := flag.String("format", "yaml", "output format: "+strings.Join(dumpgen.Formats, ", "))
	out := flag.String("o", "", "output file (a directory for -format dir)")
	seed := flag.Uint64("seed", 1, "seed of names, sizes and timestamps")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gendump: -o is required")
		os.Exit(2)
	}
	if err := dumpgen.Write(*out, *format, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gendump:", err)
		os.Exit(1)
	}
}
