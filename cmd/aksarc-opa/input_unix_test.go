//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An error names the input file, and a file in a pull request can be named so that its name
// holds a line break and a workflow command (Windows forbids such names; Unix allows them).
// Standard error is in the CI log too: no line of it may start a workflow command or carry a
// terminal escape.
func TestCheckErrorsCannotBeSteeredByFileNames(t *testing.T) {
	dir := t.TempDir()
	names := []string{"n\n::error file=x.yaml::walked.yaml", "e\n::add-mask::secret\x1b[2J.yaml"}
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("apiVersion: v1\nkind: ConfigMap\nmetadata: [\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := cli(t, "", "check", "--as-of", "2025-11-01", dir)
	if r.code != exitUsage {
		t.Fatalf("code %d, want %d (invalid YAML)\nstderr:\n%s", r.code, exitUsage, r.err)
	}
	for _, want := range []string{`:\:error file=x.yaml:\:walked.yaml`, `:\:add-mask:\:secret\x1b[2J.yaml`} {
		if !strings.Contains(r.err, want) {
			t.Errorf("stderr lacks the defused name %q:\n%s", want, r.err)
		}
	}
	for _, line := range strings.Split(r.err, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "::") || strings.ContainsAny(line, "\r\x1b") {
			t.Errorf("stderr line %q can steer a CI log:\n%s", line, r.err)
		}
	}
}

// An endless input (a device, an endless pipe) ends snapshot with exit 2 at the input size
// limit instead of growing without end.
func TestSnapshotStopsAnEndlessInput(t *testing.T) {
	r := cli(t, "", "snapshot", "--az-show", "/dev/zero", "--max-input-size", "1MiB")
	if want := "--az-show /dev/zero: cannot read: larger than the input size limit of 1MiB (--max-input-size)"; r.code != exitUsage || !strings.Contains(r.err, want) {
		t.Fatalf("code %d\nstderr:\n%s\nwant %q", r.code, r.err, want)
	}
}
