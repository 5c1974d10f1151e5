package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
	"github.com/aksarc-opa/aksarc-opa/output"
)

func runRules(ctx context.Context, args []string, s streams) int {
	fs := newFlags("rules", "", s)
	format := fs.StringP("output", "o", "text", "output format: "+strings.Join(output.RuleFormats, "|"))
	if code, done := parseFlags(fs, args, s); done {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(s.err, "aksarc-opa rules: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	ev, err := evaluator.New(ctx)
	if err == nil {
		err = output.WriteRules(s.out, *format, ev)
	}
	if err != nil {
		fmt.Fprintf(s.err, "aksarc-opa rules: %v\n", err)
		return exitUsage
	}
	return exitOK
}

func runExplain(ctx context.Context, args []string, s streams) int {
	fs := newFlags("explain", "RULE-ID|NAME", s)
	if code, done := parseFlags(fs, args, s); done {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		fmt.Fprintln(s.err, "aksarc-opa explain: give one rule ID (e.g. AKSARC-001) or name")
		return exitUsage
	}
	ev, err := evaluator.New(ctx)
	if err != nil {
		fmt.Fprintf(s.err, "aksarc-opa explain: %v\n", err)
		return exitUsage
	}
	want := fs.Arg(0)
	r, ok := ev.Rule(want)
	if !ok {
		for _, c := range ev.Rules() {
			if strings.EqualFold(c.Name, want) {
				r, ok = c, true
			}
		}
	}
	if !ok {
		fmt.Fprintf(s.err, "aksarc-opa explain: no rule %q; 'aksarc-opa rules' lists them\n", want)
		return exitUsage
	}
	fmt.Fprintf(s.out, "%s %s (%s)\n%s\n\n", r.ID, r.Name, r.Severity, r.Title)
	fmt.Fprintf(s.out, "Fires when: %s\n\n", strings.TrimSpace(r.Description))
	fmt.Fprintf(s.out, "Reads:      %s\n", r.Input)
	if len(r.Requires) > 0 {
		fmt.Fprintf(s.out, "Needs:      %s (from a ClusterSnapshot; without them: not evaluated)\n", strings.Join(r.Requires, "; "))
	}
	for _, p := range r.Parameters {
		fmt.Fprintf(s.out, "Parameter:  %s (default %v)\n", p, ev.DefaultParameters()[p])
	}
	fmt.Fprintf(s.out, "Policy:     %s\n            %s\n", r.PolicySection, r.PolicyURL)
	fmt.Fprintf(s.out, "What to do: %s\n", r.Remediation)
	return exitOK
}
