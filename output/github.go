package output

import (
	"fmt"
	"io"
	"strings"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

// GitHub writes GitHub Actions workflow commands, which the runner turns into annotations on
// the files of a pull request: `::error` for each deny finding and `::warning` for each warn
// finding, with the file (as given; none for standard input), the line, and the rule as the
// title; the message names the object, says what is wrong, what to do and the policy section.
// A final `::notice` sums up the run: the verdict, the counts, the rules that could not judge
// a snapshot and the notes. A waived finding is a `::notice` (it does not fail the run) that
// says who waived it, until when and why; an expired waiver is a `::warning` and an unused one a
// `::notice` on the waiver's own file and line; each input a directory walk skipped is a
// `::notice` on its file. Data and properties are escaped as the Actions
// toolkit does.
type GitHub struct{}

// Write writes the workflow commands, one per line.
func (GitHub) Write(w io.Writer, r *evaluator.Report) error {
	r = defused(r) // values from the input stay on their line (escape.go); the commands escape the rest
	var b strings.Builder
	for _, f := range r.Findings {
		command := "warning"
		if f.Severity == evaluator.SeverityDeny {
			command = "error"
		}
		title := fmt.Sprintf("%s %s: %s", f.RuleID, f.Name, f.Title)
		message := fmt.Sprintf("%s: %s\nFix: %s\nPolicy: %s (%s)", object(f.Resource), f.Message, f.Remediation, f.PolicySection, f.PolicyURL)
		if f.Waiver != nil {
			command = "notice"
			title = fmt.Sprintf("%s (waived %s)", title, f.Severity)
			message = fmt.Sprintf("Waived %s\n%s", waivedBy(f.Waiver), message)
		}
		var props []string
		if f.Source.File != "" && f.Source.File != "-" {
			props = append(props, "file="+escapeProperty(f.Source.File))
			if f.Source.Line > 0 {
				props = append(props, fmt.Sprintf("line=%d", f.Source.Line))
			}
		}
		props = append(props, "title="+escapeProperty(title))
		fmt.Fprintf(&b, "::%s %s::%s\n", command, strings.Join(props, ","), escapeData(message))
	}
	for _, e := range r.ExpiredWaivers {
		writeWaiverCommand(&b, "warning", "Expired waiver "+e.Rule, e.Source, expiredText(e))
	}
	for _, u := range r.UnusedWaivers {
		writeWaiverCommand(&b, "notice", "Unused waiver "+u.Rule, u.Source, unusedText(u))
	}
	for _, sk := range r.Skipped {
		var props []string
		if sk.File != "" && sk.File != "-" {
			props = append(props, "file="+escapeProperty(sk.File))
			if sk.Line > 0 {
				props = append(props, fmt.Sprintf("line=%d", sk.Line))
			}
		}
		props = append(props, "title="+escapeProperty("Skipped: "+sk.Kind))
		fmt.Fprintf(&b, "::notice %s::%s\n", strings.Join(props, ","), escapeData(skippedInputText(sk)))
	}

	s := r.Summary
	verdict := strings.ToUpper(string(s.Verdict))
	if !s.Complete && s.Verdict != evaluator.VerdictOutOfSupport {
		verdict += " AS FAR AS CHECKED"
	}
	var sum strings.Builder
	fmt.Fprintf(&sum, "%s as of %s%s: %s denied, %s at risk, in %s checked.", verdict, s.AsOf.Format("2006-01-02"),
		catalogNote(s, " (", ")"), plural(s.Deny, "finding", "findings"), plural(s.Warn, "finding", "findings"), plural(s.Documents, "document", "documents"))
	if len(r.NotEvaluated) > 0 {
		fmt.Fprintf(&sum, "\n%s not evaluated: facts are missing.", plural(len(r.NotEvaluated), "rule was", "rules were"))
		var ne strings.Builder
		writeNotEvaluated(&ne, r.NotEvaluated)
		lines := strings.Split(strings.TrimSpace(ne.String()), "\n")
		sum.WriteString("\n" + strings.Join(lines[1:], "\n")) // without the heading
	}
	var status strings.Builder
	writeRunStatus(&status, r, "annotated on the waivers file", "each a notice on its file")
	if status.Len() > 0 {
		sum.WriteString("\n" + strings.TrimSuffix(status.String(), "\n"))
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&sum, "\nNote: %s.", n)
	}
	fmt.Fprintf(&b, "::notice title=%s::%s\n", escapeProperty("aksarc-opa: "+string(s.Verdict)), escapeData(sum.String()))
	_, err := io.WriteString(w, b.String())
	return err
}

// writeWaiverCommand annotates a waiver on its own file and line.
func writeWaiverCommand(b *strings.Builder, command, title string, src evaluator.WaiverSource, message string) {
	var props []string
	if src.File != "" && src.File != "-" {
		props = append(props, "file="+escapeProperty(src.File))
		if src.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", src.Line))
		}
	}
	props = append(props, "title="+escapeProperty(title))
	fmt.Fprintf(b, "::%s %s::%s\n", command, strings.Join(props, ","), escapeData(message+" ("+src.String()+")"))
}

// escapeData escapes the message of a workflow command (@actions/core escapeData).
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a property value of a workflow command (@actions/core
// escapeProperty): as data, and also ':' and ','.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
