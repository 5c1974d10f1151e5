//go:build unix

package evaluator

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A named pipe in a walk, or given as --data or --waivers, is refused at once: never read, so
// nothing blocks on it.
func TestNamedPipesAreRefused(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir+"/app.yaml", strings.Replace(cm, "%s", "app", 1))
	fifo := filepath.Join(dir, "pipe.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	done := make(chan error, 3)
	go func() {
		_, err := LoadInputs([]string{dir}, nil, LoadOptions{})
		done <- err
		_, err = LoadSettings(fifo)
		done <- err
		_, err = LoadWaivers(fifo)
		done <- err
	}()
	for i := 0; i < 3; i++ {
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "pipe.yaml: not a regular file (a named pipe)") {
				t.Errorf("err = %v", err)
			}
		case <-time.After(time.Minute): // a hang, not a timing assertion
			t.Fatal("blocked on a named pipe")
		}
	}
}

// A named pipe given as a path is read once, by the first pass of CheckInputs: the second does
// not open it again (it would wait for a writer that is gone).
func TestCheckInputsReadsANamedPipeOnce(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "dump")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	e := newEvaluator(t)
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err == nil {
			_, _ = f.WriteString(stoppedSnapshot + "---\n" + strings.Replace(cm, "%s", "app", 1))
			_ = f.Close()
		}
	}()
	done := make(chan error, 1)
	var r *Report
	go func() {
		var err error
		r, _, err = e.CheckInputs(context.Background(), []string{fifo}, nil, LoadOptions{}, AsOf(day("2025-11-01")))
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil || r.Summary.Documents != 2 {
			t.Errorf("err = %v, report %+v", err, r)
		}
	case <-time.After(time.Minute): // a hang, not a timing assertion
		t.Fatal("blocked on the named pipe")
	}
}
