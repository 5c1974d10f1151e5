package evaluator

import (
	"fmt"
	"time"
)

// Severity is the level of a finding: deny (out of support, or an operation is blocked) or
// warn (supported, but at risk).
type Severity string

const (
	SeverityDeny Severity = "deny"
	SeverityWarn Severity = "warn"
)

// Resource identifies the object a finding is about.
type Resource struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Namespace  string `json:"namespace,omitempty"`
	Name       string `json:"name"`
}

// Source says where a document came from: the file ("-" for standard input), the YAML or JSON
// document in it (1-based), the item of a List (1-based, 0 when the document is not a List)
// and the line the object starts on.
type Source struct {
	File     string `json:"file"`
	Document int    `json:"document"`
	Item     int    `json:"item,omitempty"`
	Line     int    `json:"line"`
}

// String says where the document is: "file:line (document 2, item 3)", or without the line
// when it is not known.
func (s Source) String() string {
	where := s.File
	if s.Line > 0 {
		where = fmt.Sprintf("%s:%d", s.File, s.Line)
	}
	if s.Document == 0 {
		return where
	}
	if s.Item > 0 {
		return fmt.Sprintf("%s (document %d, item %d)", where, s.Document, s.Item)
	}
	return fmt.Sprintf("%s (document %d)", where, s.Document)
}

// Finding is one rule's verdict on one object.
type Finding struct {
	RuleID        string         `json:"ruleID"`
	Name          string         `json:"name"`
	Severity      Severity       `json:"severity"`
	Title         string         `json:"title"`
	Message       string         `json:"message"`
	Remediation   string         `json:"remediation"`
	PolicySection string         `json:"policySection"`
	PolicyURL     string         `json:"policyURL"`
	Resource      Resource       `json:"resource"`
	Source        Source         `json:"source"`
	Details       map[string]any `json:"details,omitempty"`
	// Owner, when set, is the object of the same run that owns this one (through
	// metadata.ownerReferences, to the top: a Pod's Deployment); the text report shows the
	// finding under it.
	Owner *Owner `json:"owner,omitempty"`
	// Waiver, when set, is the waiver in force that accepts this finding: it stays in the
	// report but counts as waived, not toward the verdict or the exit code.
	Waiver *Waiver `json:"waiver,omitempty"`
}

// Verdict sums up a report the way a support engineer would.
type Verdict string

const (
	VerdictSupported    Verdict = "supported"
	VerdictAtRisk       Verdict = "at risk"
	VerdictOutOfSupport Verdict = "out of support"
)

// Summary counts the findings of a report.
type Summary struct {
	Verdict   Verdict   `json:"verdict"`
	AsOf      time.Time `json:"asOf"`
	Documents int       `json:"documents"`
	Deny      int       `json:"deny"`
	Warn      int       `json:"warn"`
	// Waived counts the findings a waiver accepts; Deny and Warn count the others.
	Waived int `json:"waived"`
	// SkippedRules counts the rules the rule selection (WithRules) left out.
	SkippedRules int `json:"skippedRules"`
	// NotEvaluated counts the rules that could not judge a snapshot for lack of facts.
	NotEvaluated int `json:"notEvaluated"`
	// Skipped counts the inputs a directory walk skipped (Report.Skipped).
	Skipped int `json:"skipped"`
	// Complete is true when every rule could judge every document (none skipped, none short
	// of facts): a "supported" verdict with Complete false holds only as far as checked.
	Complete bool `json:"complete"`
}

// Report is the result of one evaluation: every finding, in the order of the input documents
// and, within a document, of the rule IDs.
type Report struct {
	Summary  Summary   `json:"summary"`
	Findings []Finding `json:"findings"`
	// NotEvaluated lists the snapshot rules that stayed silent only because facts were missing.
	NotEvaluated []NotEvaluated `json:"notEvaluated"`
	// Notes say what about the run as a whole limits the findings (several snapshots, facts
	// captured after or long before the evaluation date).
	Notes []string `json:"notes"`
	// ExpiredWaivers are waivers whose last day is before the evaluation date: they waive
	// nothing. UnusedWaivers are waivers in force that match no finding.
	ExpiredWaivers []ExpiredWaiver `json:"expiredWaivers"`
	UnusedWaivers  []Waiver        `json:"unusedWaivers"`
	// SkippedRules are the IDs of the rules the rule selection left out, sorted.
	SkippedRules []string `json:"skippedRules"`
	// Skipped are the files, folders and documents that directory walks found and did not
	// judge, with why and how to check them (EvaluateInputs fills it from Inputs).
	Skipped []SkippedInput `json:"skipped"`
	// Runway is the support runway of each ClusterSnapshot: the dated changes ahead of it (a
	// version's end of support, the connection and subscription limits, ...), per snapshot in
	// input order and, within one, by date then rule ID (runway.go).
	Runway []RunwayEvent `json:"runway"`
}

func summarize(findings []Finding, documents int, asOf time.Time) Summary {
	s := Summary{Verdict: VerdictSupported, AsOf: asOf.UTC(), Documents: documents}
	// A waiver accepts a finding for the run (it fails nothing) but does not change the facts:
	// the verdict still counts waived findings; the deny and warn counts, which decide the exit
	// code, do not.
	deny, warn := 0, 0
	for _, f := range findings {
		switch f.Severity {
		case SeverityDeny:
			deny++
		case SeverityWarn:
			warn++
		}
		if f.Waiver != nil {
			s.Waived++
			continue
		}
		switch f.Severity {
		case SeverityDeny:
			s.Deny++
		case SeverityWarn:
			s.Warn++
		}
	}
	switch {
	case deny > 0:
		s.Verdict = VerdictOutOfSupport
	case warn > 0:
		s.Verdict = VerdictAtRisk
	}
	return s
}
