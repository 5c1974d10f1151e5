//go:build unix

package evaluator

import (
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
