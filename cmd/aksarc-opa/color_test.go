package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The colour decision: never and always are what they say (always wins over NO_COLOR, as
// no-color.org asks of flags); auto colours only a character device (a terminal), and not when
// NO_COLOR is set to anything but "".
func TestColorOutput(t *testing.T) {
	tty, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0) // a character device, like a terminal
	if err != nil {
		t.Fatal(err)
	}
	defer tty.Close()
	file, err := os.Create(filepath.Join(t.TempDir(), "report.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	env := func(noColor string) func(string) string {
		return func(k string) string {
			if k == "NO_COLOR" {
				return noColor
			}
			return ""
		}
	}
	for _, c := range []struct {
		name    string
		mode    string
		out     io.Writer
		noColor string
		want    bool
	}{
		{"auto, terminal", "auto", tty, "", true},
		{"auto, terminal, NO_COLOR=1", "auto", tty, "1", false},
		{"auto, terminal, NO_COLOR=0 (any value)", "auto", tty, "0", false},
		{"auto, file", "auto", file, "", false},
		{"auto, pipe", "auto", pw, "", false},
		{"auto, buffer", "auto", &bytes.Buffer{}, "", false},
		{"never, terminal", "never", tty, "", false},
		{"always, buffer", "always", &bytes.Buffer{}, "", true},
		{"always, file, NO_COLOR=1", "always", file, "1", true},
	} {
		got, err := colorOutput(c.mode, c.out, env(c.noColor))
		if err != nil || got != c.want {
			t.Errorf("%s: colour %v, %v; want %v", c.name, got, err, c.want)
		}
	}
	if _, err := colorOutput("yes", tty, env("")); err == nil {
		t.Error("--color yes: no error")
	}
}

// check --color: escape codes only when asked for (the tests' stdout is a buffer, never a
// terminal), whatever NO_COLOR says; a wrong value is a usage error.
func TestCheckColorFlag(t *testing.T) {
	denied := fixtures + "/snapshots/stopped-45-days-azure-local.yaml"
	clean := fixtures + "/snapshots/clean-azure-local.yaml"
	for _, noColor := range []string{"", "1"} {
		t.Setenv("NO_COLOR", noColor)
		r := cli(t, "", "check", "--as-of", "2025-11-01", "--color", "always", denied)
		if r.code != exitFindings || !strings.Contains(r.stdout, "Verdict: \x1b[31mOUT OF SUPPORT\x1b[0m") ||
			!strings.Contains(r.stdout, "\x1b[31mDENY\x1b[0m AKSARC-040") {
			t.Errorf("NO_COLOR=%q, --color always: code %d\n%q", noColor, r.code, r.stdout)
		}
		if r := cli(t, "", "check", "--as-of", "2025-11-01", "--color", "always", clean); !strings.HasPrefix(r.stdout, "Verdict: \x1b[32mSUPPORTED\x1b[0m") {
			t.Errorf("NO_COLOR=%q, --color always, supported: %q", noColor, r.stdout)
		}
		for _, args := range [][]string{{"--color", "never"}, {"--color=auto"}, {}} {
			r := cli(t, "", append(append([]string{"check", "--as-of", "2025-11-01"}, args...), denied)...)
			if r.code != exitFindings || strings.Contains(r.stdout, "\x1b") || !strings.Contains(r.stdout, "Verdict: OUT OF SUPPORT") {
				t.Errorf("NO_COLOR=%q %v: code %d, escape codes in a buffer:\n%q", noColor, args, r.code, r.stdout)
			}
		}
	}
	// Other formats never colour, even when asked.
	if r := cli(t, "", "check", "--as-of", "2025-11-01", "--color", "always", "-o", "json", denied); strings.Contains(r.stdout, "\x1b") {
		t.Errorf("JSON with --color always: %q", r.stdout)
	}
	if r := cli(t, "", "check", "--color", "sometimes", denied); r.code != exitUsage || !strings.Contains(r.err, `--color: "sometimes" is not auto, always or never`) {
		t.Errorf("--color sometimes: code %d, stderr %s", r.code, r.err)
	}
}

// The text report shows each snapshot's support runway, the next change first.
func TestCheckTextShowsTheRunway(t *testing.T) {
	file := fixtures + "/snapshots/stopped-45-days-azure-local.yaml"
	r := cli(t, "", "check", "--as-of", "2025-11-01", file)
	for _, want := range []string{
		"\nSupport runway of ClusterSnapshot edge-store-paused (" + file + ":2 (document 1)):\n",
		"  Next:  2025-11-24 (23 days): unless the cluster connects to Azure again",
		"  Then:  2025-12-01 (30 days): unless the cluster connects to Azure again",
		"         2026-10-22 (355 days): Kubernetes 1.32 reaches its end of support (last supported day 2026-10-21): AKSARC-001 denies from 2026-10-22\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Index(r.stdout, "Support runway") > strings.Index(r.stdout, "Object:") {
		t.Errorf("the runway does not follow the summary:\n%s", r.stdout)
	}
}
