//go:build unix

package evaluator

import (
	"syscall"
	"time"
)

// processCPU is the CPU time (user and system) the test process has used so far: on a shared
// machine it says more about a benchmark's cost than wall time does.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
