//go:build unix

package evaluator

import "syscall"

// nonBlocking opens a named pipe without waiting for a writer, so that it can be refused.
const nonBlocking = syscall.O_NONBLOCK
