package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
	"github.com/aksarc-opa/aksarc-opa/output"
)

func newRulesCommand(s streams) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "rules [-o text|json|markdown]",
		Short: "list the rules of the catalog",
		Long: "List the rules this build has: ID, severity, name, title and policy section. IDs are stable:\n" +
			"they never change meaning and are never reused. -o markdown writes docs/rules.md.",
		Example: `  aksarc-opa rules
  aksarc-opa rules -o json
  aksarc-opa rules -o markdown > docs/rules.md`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return failf(s, cmd, "unexpected argument %q", args[0])
			}
			ev, err := evaluator.New(cmd.Context())
			if err == nil {
				err = output.WriteRules(s.out, format, ev)
			}
			if err != nil {
				return failf(s, cmd, "%v", err)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&format, "output", "o", "text", "output format: "+strings.Join(output.RuleFormats, "|"))
	registerFixedCompletion(cmd, "output", output.RuleFormats...)
	return cmd
}

func newExplainCommand(s streams) *cobra.Command {
	return &cobra.Command{
		Use:   "explain RULE-ID|NAME",
		Short: "explain one rule: what fires it, the policy section, what to do",
		Long: "Explain one rule: what fires it, what it reads, the facts it needs, its parameters, the policy\n" +
			"section and its Learn URL, and what to do. Give its ID (any case) or its name.",
		Example: `  aksarc-opa explain AKSARC-010
  aksarc-opa explain stopped-control-plane-out-of-support`,
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: completeRules,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				writeUsage(s.err, cmd)
				return failf(s, cmd, "give one rule ID (e.g. AKSARC-001) or name")
			}
			ev, err := evaluator.New(cmd.Context())
			if err != nil {
				return failf(s, cmd, "%v", err)
			}
			want := args[0]
			r, ok := ev.Rule(want)
			if !ok {
				for _, c := range ev.Rules() {
					if strings.EqualFold(c.Name, want) {
						r, ok = c, true
					}
				}
			}
			if !ok {
				hint := "'aksarc-opa rules' lists them"
				if near := suggest(want, ruleWords(ev.Rules())); len(near) > 0 {
					hint = "did you mean " + orList(near) + "? " + hint
				}
				return failf(s, cmd, "no rule %q; %s", want, hint)
			}
			writeExplanation(s, ev, r)
			return nil
		},
	}
}

func writeExplanation(s streams, ev *evaluator.Evaluator, r evaluator.Rule) {
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
}

// ruleWords are the IDs and names of the rules, what --rules, --skip-rules and explain accept.
func ruleWords(rules []evaluator.Rule) []string {
	words := make([]string, 0, 2*len(rules))
	for _, r := range rules {
		words = append(words, r.ID, r.Name)
	}
	return words
}

// ruleSuggestions is " (did you mean ...?)" for each unknown rule that is near a rule's ID or
// name, or "" when none is.
func ruleSuggestions(ctx context.Context, unknown []string) string {
	ev, err := evaluator.New(ctx)
	if err != nil {
		return ""
	}
	words := ruleWords(ev.Rules())
	var hints []string
	for _, u := range unknown {
		if near := suggest(u, words); len(near) > 0 {
			hints = append(hints, fmt.Sprintf("%q: did you mean %s?", u, orList(near)))
		}
	}
	if len(hints) == 0 {
		return ""
	}
	return " (" + strings.Join(hints, " ") + ")"
}

// completeRules completes rule IDs and names (explain, --rules, --skip-rules), in any case, and
// the last of a comma-separated list.
func completeRules(cmd *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	ev, err := evaluator.New(ctxOf(cmd))
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	done, last := "", toComplete
	if i := strings.LastIndex(toComplete, ","); i >= 0 {
		done, last = toComplete[:i+1], toComplete[i+1:]
	}
	var out []string
	for _, r := range ev.Rules() {
		for _, c := range [][2]string{{r.ID, r.Name}, {r.Name, r.ID}} {
			if strings.HasPrefix(strings.ToLower(c[0]), strings.ToLower(last)) {
				out = append(out, done+c[0]+"\t"+c[1])
			}
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// registerFixedCompletion completes a flag with a fixed list of values.
func registerFixedCompletion(cmd *cobra.Command, flag string, values ...string) {
	_ = cmd.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
}

// ctxOf is the command's context, or the background context when cobra set none (completion).
func ctxOf(cmd *cobra.Command) context.Context {
	if ctx := cmd.Context(); ctx != nil {
		return ctx
	}
	return context.Background()
}
