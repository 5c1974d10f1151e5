package output

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

// Table is one line per finding, for big runs (a cluster dump): severity, rule, object, where
// and what was found, in aligned columns, then the verdict. Every finding keeps its line (owned
// objects too: the text report is the one that folds them under their owner); values from the
// input are defused as in the text report.
type Table struct{}

func (Table) Write(w io.Writer, r *evaluator.Report) error {
	r = defused(r)
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SEVERITY\tRULE\tOBJECT\tWHERE\tFINDING")
	for _, f := range r.Findings {
		severity := strings.ToUpper(string(f.Severity))
		if f.Waiver != nil {
			severity = "WAIVED-" + severity
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", severity, f.RuleID, object(f.Resource), f.Source, f.Message)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	s := r.Summary
	verdict := strings.ToUpper(string(s.Verdict))
	if !s.Complete && s.Verdict != evaluator.VerdictOutOfSupport {
		verdict += " AS FAR AS CHECKED"
	}
	fmt.Fprintf(&b, "Verdict: %s (as of %s%s): %s denied, %s at risk, %d waived, in %s checked",
		verdict, s.AsOf.Format("2006-01-02"), catalogNote(s, "; ", ""), plural(s.Deny, "finding", "findings"), plural(s.Warn, "finding", "findings"),
		s.Waived, plural(s.Documents, "document", "documents"))
	if s.NotEvaluated > 0 {
		fmt.Fprintf(&b, "; %s not evaluated (-o text lists the facts they need)", plural(s.NotEvaluated, "rule", "rules"))
	}
	if s.SkippedRules > 0 {
		fmt.Fprintf(&b, "; %s skipped", plural(s.SkippedRules, "rule", "rules"))
	}
	b.WriteString(".\n")
	_, err := io.WriteString(w, b.String())
	return err
}
