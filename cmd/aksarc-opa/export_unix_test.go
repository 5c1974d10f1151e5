//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A FIFO in the output folder never hangs export: export reads nothing there but its list of
// generated files, and refuses to write where a FIFO is.
func TestExportIgnoresAndRefusesFIFOs(t *testing.T) {
	out := filepath.Join(t.TempDir(), "gatekeeper")
	if err := os.MkdirAll(filepath.Join(out, "templates"), 0o755); err != nil {
		t.Fatal(err)
	}
	stranger := filepath.Join(out, "templates", "zz-pipe.yaml")
	if err := syscall.Mkfifo(stranger, 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	done := make(chan result, 1)
	go func() { done <- cli(t, "", "export", "gatekeeper", "-o", out) }()
	select {
	case r := <-done:
		if r.code != exitOK {
			t.Fatalf("a FIFO export did not write: code %d: %s", r.code, r.err)
		}
	case <-time.After(2 * time.Minute): // a bound on a hang, not a timing: the export takes seconds
		t.Fatal("export hangs on a FIFO in its folder")
	}
	if fi, err := os.Lstat(stranger); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("export touched a FIFO it did not write: %v", err)
	}

	// A FIFO where a generated file goes: refused, and the list naming a FIFO is refused too.
	target := filepath.Join(out, "constraints", "managed-deny.yaml")
	if err := os.Remove(target); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(target, 0o644); err != nil {
		t.Fatal(err)
	}
	r := cli(t, "", "export", "gatekeeper", "-o", out)
	if r.code != exitUsage || !strings.Contains(r.err, "managed-deny.yaml: exists and is not a regular file (a named pipe)") {
		t.Errorf("code %d: %s", r.code, r.err)
	}
	list := filepath.Join(out, generatedList)
	if err := os.Remove(list); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(list, 0o644); err != nil {
		t.Fatal(err)
	}
	if r := cli(t, "", "export", "gatekeeper", "-o", out); r.code != exitUsage || !strings.Contains(r.err, "not a regular file") {
		t.Errorf("a FIFO as the list: code %d: %s", r.code, r.err)
	}
	bundle := filepath.Join(t.TempDir(), "bundle.tar.gz")
	if err := syscall.Mkfifo(bundle, 0o644); err != nil {
		t.Fatal(err)
	}
	if r := cli(t, "", "export", "bundle", "-o", bundle); r.code != exitUsage || !strings.Contains(r.err, "not a regular file (a named pipe)") {
		t.Errorf("export bundle onto a FIFO: code %d: %s", r.code, r.err)
	}
}

// Export writes nothing through a symbolic link: not a file linked to one outside, not into a
// folder linked to one outside.
func TestExportFollowsNoLinkOut(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(dir, "outside")
	if err := os.MkdirAll(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	victim := writeTemp(t, outside, "victim.yaml", "kind: Precious\n")

	out := filepath.Join(dir, "a")
	if err := os.MkdirAll(filepath.Join(out, "constraints"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(victim, filepath.Join(out, "constraints", "managed-deny.yaml")); err != nil {
		t.Fatal(err)
	}
	r := cli(t, "", "export", "gatekeeper", "-o", out)
	if r.code != exitUsage || !strings.Contains(r.err, "managed-deny.yaml: exists and is not a regular file (a symbolic link)") {
		t.Errorf("a linked file: code %d: %s", r.code, r.err)
	}

	out = filepath.Join(dir, "b")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(out, "templates")); err != nil {
		t.Fatal(err)
	}
	if r := cli(t, "", "export", "gatekeeper", "-o", out); r.code != exitUsage {
		t.Errorf("a linked folder: code %d: %s", r.code, r.err)
	}

	b, err := os.ReadFile(victim)
	entries, _ := os.ReadDir(outside)
	if err != nil || string(b) != "kind: Precious\n" || len(entries) != 1 {
		t.Errorf("export wrote outside its folder: %q, %d entries", b, len(entries))
	}
	bundleLink := filepath.Join(dir, "bundle.tar.gz")
	if err := os.Symlink(victim, bundleLink); err != nil {
		t.Fatal(err)
	}
	if r := cli(t, "", "export", "bundle", "-o", bundleLink); r.code != exitUsage || !strings.Contains(r.err, "(a symbolic link)") {
		t.Errorf("export bundle onto a link: code %d: %s", r.code, r.err)
	}
	if b, _ := os.ReadFile(victim); string(b) != "kind: Precious\n" {
		t.Errorf("export bundle wrote through a link")
	}
}
