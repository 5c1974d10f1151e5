package output

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// RuleFormats are the formats of `aksarc-opa rules`.
var RuleFormats = []string{"json", "markdown", "text"}

// WriteRules lists the catalog of rules: a table for people, the rules as JSON, or the rule
// book in Markdown (docs/rules.md).
func WriteRules(w io.Writer, format string, book RuleBook) error {
	rules := book.Rules()
	switch format {
	case "markdown":
		return WriteRuleBook(w, book)
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
	return fmt.Errorf("unknown output format %q (known: %s)", format, strings.Join(RuleFormats, ", "))
}
