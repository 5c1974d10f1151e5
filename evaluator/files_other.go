//go:build !unix

package evaluator

// nonBlocking is not needed where named pipes are not files of the file system.
const nonBlocking = 0
