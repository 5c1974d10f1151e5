package output

import "github.com/aksarc-opa/aksarc-opa/evaluator"

// ANSI colours of the text report: deny in red, warn in yellow, supported in green. The text
// format writes them only when Options.Color is set; the command decides that (a terminal, and
// NO_COLOR unset or empty, or --color always), so goldens and pipes never see an escape code.
const (
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiGreen  = "\x1b[32m"
	ansiReset  = "\x1b[0m"
)

// Configure returns the text format with colour as the options say.
func (t Text) Configure(o Options) Format {
	t.Color = o.Color
	return t
}

// paint wraps s in the colour when colour is on and there is one.
func (t Text) paint(color, s string) string {
	if !t.Color || color == "" || s == "" {
		return s
	}
	return color + s + ansiReset
}

// verdictColor is the colour of a verdict: out of support red, at risk yellow, supported green.
func verdictColor(v evaluator.Verdict) string {
	switch v {
	case evaluator.VerdictOutOfSupport:
		return ansiRed
	case evaluator.VerdictAtRisk:
		return ansiYellow
	case evaluator.VerdictSupported:
		return ansiGreen
	}
	return ""
}

// severityColor is the colour of a severity: deny red, warn yellow.
func severityColor(s evaluator.Severity) string {
	switch s {
	case evaluator.SeverityDeny:
		return ansiRed
	case evaluator.SeverityWarn:
		return ansiYellow
	}
	return ""
}

// findingColor is the colour of a finding's marker: its severity's, none once waived.
func findingColor(f evaluator.Finding) string {
	if f.Waiver != nil {
		return ""
	}
	return severityColor(f.Severity)
}
