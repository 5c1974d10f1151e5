// Package parity proves that every runtime of the policies decides as the Go evaluator does:
// its tests run the real tools (pinned in tools/go.mod) over every fixture and compare their
// findings with the evaluator's. It has no code of its own beyond the tests' helpers.
package parity
