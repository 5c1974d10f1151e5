package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

func runRules(ctx context.Context, args []string, s streams) int {
	fs := newFlags("rules", "", s)
	format := fs.StringP("output", "o", "text", "output format: text|json")
	if code, done := parseFlags(fs, args, s); done {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(s.err, "aksarc-opa rules: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	ev, err := evaluator.New(ctx)
	if err != nil {
		fmt.Fprintf(s.err, "aksarc-opa rules: %v\n", err)
		return exitUsage
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(s.out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(ev.Rules()); err != nil {
			fmt.Fprintf(s.err, "aksarc-opa rules: %v\n", err)
			return exitUsage
		}
	case "text":
		tw := tabwriter.NewWriter(s.out, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tSEVERITY\tNAME\tTITLE\tPOLICY SECTION")
		for _, r := range ev.Rules() {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Name, r.Title, r.PolicySection)
		}
		tw.Flush()
	default:
		fmt.Fprintf(s.err, "aksarc-opa rules: unknown output format %q (known: json, text)\n", *format)
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
		fmt.Fprintf(s.out, "Needs:      %s\n", strings.Join(r.Requires, ", "))
	}
	fmt.Fprintf(s.out, "Policy:     %s\n            %s\n", r.PolicySection, r.PolicyURL)
	fmt.Fprintf(s.out, "What to do: %s\n", r.Remediation)
	return exitOK
}
