// Package fuzzwatch bounds the time of one input of a Go fuzz target, for the fuzz tests of
// evaluator and output. It imports only the standard library: a leaf under every package.
package fuzzwatch

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"
)

// Fuzzing reports whether this process is a fuzz worker (go test -fuzz). Only then do the
// targets bound the time of one input: go test runs the seeds with no clock at all.
var Fuzzing = sync.OnceValue(func() bool {
	f := flag.Lookup("test.fuzzworker")
	return f != nil && f.Value.String() == "true"
})

// Watchdog ends a fuzz worker whose input runs longer than limit, far beyond what the input
// costs when the code is linear: Go's fuzzing engine has no time limit per input, so a hang
// would otherwise show only as "execs: N (0/sec)" for ever. The worker panics, the engine saves
// the input under testdata/fuzz as a failing one, and since it discards a worker's output,
// every goroutine's stack is written to $TMPDIR/aksarc-opa-fuzz-hang-PID.txt.
func Watchdog(t *testing.T, limit time.Duration) {
	if !Fuzzing() {
		return
	}
	name := t.Name()
	timer := time.AfterFunc(limit, func() {
		buf := make([]byte, 16<<20)
		buf = buf[:runtime.Stack(buf, true)]
		path := filepath.Join(os.TempDir(), fmt.Sprintf("aksarc-opa-fuzz-hang-%d.txt", os.Getpid()))
		_ = os.WriteFile(path, buf, 0o644)
		panic(fmt.Sprintf("%s: one input ran longer than %v (a hang, or a cost that is not linear); stacks in %s", name, limit, path))
	})
	t.Cleanup(func() { timer.Stop() })
}
