package output

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

// RuleFormats are the formats of `aksarc-opa rules`.
var RuleFormats = []string{"json", "text"}

// WriteRules lists the catalog of rules: a table for people, or the rules as JSON.
func WriteRules(w io.Writer, format string, rules []evaluator.Rule) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rules)
	case "text":
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tSEVERITY\tNAME\tTITLE\tPOLICY SECTION")
		for _, r := range rules {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Name, r.Title, r.PolicySection)
		}
		return tw.Flush()
	}
	return fmt.Errorf("unknown output format %q (known: json, text)", format)
}
