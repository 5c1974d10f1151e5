package output

import (
	"context"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

func TestDefuse(t *testing.T) {
	for in, want := range map[string]string{
		"coredns":                  "coredns",
		"a\n::error::x":            `a\n:\:error:\:x`,
		"::add-mask::s":            `:\:add-mask:\:s`,
		"red\x1b[31m":              `red\x1b[31m`,
		"line\u2028sep":            `line\u2028sep`,
		"rtl\u202eevil":            `rtl\u202eevil`,
		"tab\there":                `tab\there`,
		"bad\xffbyte":              `bad\xffbyte`,
		"ünïcode ok: a:b":          "ünïcode ok: a:b",
		"image: registry:5000/app": "image: registry:5000/app",
	} {
		if got := defuse(in); got != want {
			t.Errorf("defuse(%q) = %q, want %q", in, got, want)
		}
	}
}

// DefuseLines keeps the message's own line breaks and defuses each line.
func TestDefuseLines(t *testing.T) {
	for in, want := range map[string]string{
		"2 inputs are not valid:\n  a.yaml: x\n  b.yaml: y": "2 inputs are not valid:\n  a.yaml: x\n  b.yaml: y",
		"dir/n\n::error::walked.yaml:1: not valid YAML":     "dir/n\n:\\:error:\\:walked.yaml:1: not valid YAML",
		"x\r\n::add-mask::s\x1b[2J":                         "x\\r\n:\\:add-mask:\\:s\\x1b[2J",
	} {
		got := DefuseLines(in)
		if got != want {
			t.Errorf("DefuseLines(%q) = %q, want %q", in, got, want)
		}
		for _, line := range strings.Split(got, "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "::") || strings.ContainsAny(line, "\r\x1b") {
				t.Errorf("DefuseLines(%q): line %q can steer a log", in, line)
			}
		}
	}
}

// A manifest in a pull request must not be able to write workflow commands, terminal escapes or
// XML into a report: every line-oriented format keeps each value on its line.
func TestReportsCannotBeSteeredByTheInput(t *testing.T) {
	ctx := context.Background()
	ev, err := evaluator.New(ctx, evaluator.WithAsOf(time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		t.Fatal(err)
	}
	const evil = "evil\n::add-mask::secret\r\n::stop-commands::tok\n::error file=x::pwned\x1b[2J</system-out>]]>\u202e"
	docs, err := evaluator.Decode("pr\n::error::file.yaml", strings.NewReader(`apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: "evil\n::add-mask::secret\r\n::stop-commands::tok\n::error file=x::pwned\e[2J</system-out>]]>\u202e"
  namespace: kube-system
spec:
  template:
    spec:
      containers: [{name: c, image: "x\n::warning::img", securityContext: {privileged: true}}]
`))
	if err != nil {
		t.Fatal(err)
	}
	if name := docs[0].Resource().Name; name != evil {
		t.Fatalf("the test input decoded as %q", name)
	}
	report, err := ev.Evaluate(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	if len(report.Findings) == 0 {
		t.Fatal("no finding: the test would prove nothing")
	}
	for _, name := range Names() {
		f, err := NewWithOptions(name, Options{Rules: ev.Rules(), Documents: docs})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := f.Write(&b, report); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if name != "json" && name != "sarif" && strings.ContainsAny(out, "\x1b\u202e") {
			t.Errorf("%s: a terminal escape or bidirectional control reached the report", name)
		}
		for i, line := range strings.Split(out, "\n") {
			trimmed := strings.TrimSpace(line)
			if strings.HasPrefix(trimmed, "::") && (name != "github" || !isOwnCommand(trimmed)) {
				t.Errorf("%s line %d is a workflow command from the input: %q", name, i+1, line)
			}
		}
		if name == "junit" {
			if err := xml.Unmarshal([]byte(out), new(any)); err != nil {
				t.Errorf("junit: not well-formed XML: %v", err)
			}
			if strings.Contains(out, "]]>\u202e") || strings.Contains(out, "</system-out>]]>") {
				t.Error("junit: the input closed an element")
			}
		}
	}
	if got := report.Findings[0].Resource.Name; got != evil {
		t.Errorf("writing a report changed the report: %q", got)
	}
}

// isOwnCommand is a command the github format writes, with the input in its escaped data.
func isOwnCommand(line string) bool {
	for _, c := range []string{"::error ", "::warning ", "::notice ", "::notice::"} {
		if strings.HasPrefix(line, c) {
			return !strings.Contains(line, "\n")
		}
	}
	return false
}
