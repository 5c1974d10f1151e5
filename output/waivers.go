package output

import (
	"fmt"
	"strings"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

// What every format says of waivers and of the rule selection: a waived finding keeps its
// place, marked with its waiver; expired and unused waivers are listed; skipped rules are
// named, so that a partial run is never read as a full one.

// marker is a finding's level as the text formats show it: DENY, WARN, or WAIVED DENY.
func marker(f evaluator.Finding) string {
	m := strings.ToUpper(string(f.Severity))
	if f.Waiver != nil {
		return "WAIVED " + m
	}
	return m
}

// waivedBy says who accepted a finding, until when and why:
// "by platform-team until 2025-12-31: moves in Q1 (waivers.yaml:4 (entry 1))".
func waivedBy(w *evaluator.Waiver) string {
	return fmt.Sprintf("by %s until %s: %s (%s)", w.Owner, w.Expires, w.Reason, w.Source)
}

// expiredText describes an expired waiver: what it selected, when it ended, whose it was and
// how many findings it would waive.
func expiredText(e evaluator.ExpiredWaiver) string {
	matches := "it matches no finding"
	if e.Findings > 0 {
		matches = fmt.Sprintf("it matches %s, which %s again", plural(e.Findings, "finding", "findings"), pick(e.Findings == 1, "counts", "count"))
	}
	return fmt.Sprintf("%s: expired after %s (owner %s: %s); %s", e.Waiver, e.Expires, e.Owner, e.Reason, matches)
}

// unusedText describes a waiver in force that matched nothing.
func unusedText(w evaluator.Waiver) string {
	return fmt.Sprintf("%s: matches no finding (owner %s, until %s); remove it if the finding is gone", w, w.Owner, w.Expires)
}

// skippedText names the rules the selection left out.
func skippedText(ids []string) string {
	return fmt.Sprintf("%s skipped by --rules/--skip-rules (the verdict does not cover %s): %s",
		plural(len(ids), "rule", "rules"), pick(len(ids) == 1, "it", "them"), strings.Join(ids, ", "))
}

// writeRunStatus writes the lines under the verdict about waivers, skipped rules and skipped
// inputs; listed and skippedListed say where the format lists expired waivers and skipped inputs.
func writeRunStatus(b *strings.Builder, r *evaluator.Report, listed, skippedListed string) {
	if n := r.Summary.Waived; n > 0 {
		fmt.Fprintf(b, "%s waived: shown with %s, not counted.\n", plural(n, "finding", "findings"), pick(n == 1, "its waiver", "their waivers"))
	}
	if n := len(r.ExpiredWaivers); n > 0 {
		fmt.Fprintf(b, "%s expired and %s nothing (%s).\n", plural(n, "waiver has", "waivers have"), pick(n == 1, "waives", "waive"), listed)
	}
	if len(r.SkippedRules) > 0 {
		fmt.Fprintf(b, "%s.\n", skippedText(r.SkippedRules))
	}
	if n := len(r.Skipped); n > 0 {
		fmt.Fprintf(b, "%s found in directories %s skipped: not Kubernetes objects, hidden, excluded, or to be rendered first (%s).\n", plural(n, "input", "inputs"), pick(n == 1, "was", "were"), skippedListed)
	}
}

// writeSkipped lists the inputs that directory walks skipped, why, and how to check them.
func writeSkipped(b *strings.Builder, skipped []evaluator.SkippedInput) {
	if len(skipped) == 0 {
		return
	}
	fmt.Fprintf(b, "\nSkipped (%s found in directories and not judged):\n", plural(len(skipped), "input", "inputs"))
	for _, s := range skipped {
		fmt.Fprintf(b, "  %s\n", s)
		if s.Hint != "" {
			fmt.Fprintf(b, "    Check:   %s\n", s.Hint)
		}
	}
}

// skippedInputText describes a skipped input on one line, with how to check it.
func skippedInputText(s evaluator.SkippedInput) string {
	if s.Hint == "" {
		return "Skipped " + s.String()
	}
	return fmt.Sprintf("Skipped %s (check it: %s)", s, s.Hint)
}

// writeWaivers lists the expired and the unused waivers, where each is written.
func writeWaivers(b *strings.Builder, r *evaluator.Report) {
	if len(r.ExpiredWaivers) > 0 {
		fmt.Fprintf(b, "\nExpired waivers (%d: they waive nothing; renew or remove them):\n", len(r.ExpiredWaivers))
		for _, e := range r.ExpiredWaivers {
			fmt.Fprintf(b, "  %s\n    Where:   %s\n", expiredText(e), e.Source)
		}
	}
	if len(r.UnusedWaivers) > 0 {
		fmt.Fprintf(b, "\nUnused waivers (%d: in force, but they match no finding):\n", len(r.UnusedWaivers))
		for _, w := range r.UnusedWaivers {
			fmt.Fprintf(b, "  %s\n    Where:   %s\n", unusedText(w), w.Source)
		}
	}
}

func pick(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}
