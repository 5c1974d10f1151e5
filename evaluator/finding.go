package evaluator

import (
	"fmt"
	"time"
)

// Severity is the level of a finding: deny (out of support, or an operation is blocked) or
// warn (supported, but at risk).
type Severity string

// The severities a rule can have.
const (
	// SeverityDeny: out of support, or a support-relevant operation is blocked. Deny findings
	// make check exit 1.
	SeverityDeny Severity = "deny"
	// SeverityWarn: supported, but at risk. Warn findings make check exit 1 only with
	// --fail-on-warn.
	SeverityWarn Severity = "warn"
)

// Resource identifies the object a finding is about.
type Resource struct {
	APIVersion string `json:"apiVersion"`          // the object's apiVersion
	Kind       string `json:"kind"`                // the object's kind
	Namespace  string `json:"namespace,omitempty"` // metadata.namespace; empty for cluster-scoped objects
	Name       string `json:"name"`                // metadata.name
}

// Source says where a document came from: the file ("-" for standard input), the YAML or JSON
// document in it (1-based), the item of a List (1-based, 0 when the document is not a List)
// and the line the object starts on.
type Source struct {
	File     string `json:"file"`           // as given or found; "-" for standard input
	Document int    `json:"document"`       // the YAML or JSON document in the file, from 1
	Item     int    `json:"item,omitempty"` // the item of a List, from 1; 0 when not a List
	Line     int    `json:"line"`           // the line the object starts on, from 1; 0 when unknown
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
	RuleID        string   `json:"ruleID"`        // the rule's stable ID (AKSARC-010)
	Name          string   `json:"name"`          // the rule's stable name (kube-system-foreign-object)
	Severity      Severity `json:"severity"`      // deny or warn
	Title         string   `json:"title"`         // the rule's title, one line
	Message       string   `json:"message"`       // what is wrong with this object, naming it and the facts
	Remediation   string   `json:"remediation"`   // what to do, from the rule's METADATA
	PolicySection string   `json:"policySection"` // the section of the support policy the rule checks
	PolicyURL     string   `json:"policyURL"`     // the Learn URL of that section
	Resource      Resource `json:"resource"`      // the object the finding is about
	Source        Source   `json:"source"`        // where that object is
	// Details are facts the rule used (versions, dates, day counts), for display; their keys
	// depend on the rule.
	Details map[string]any `json:"details,omitempty"`
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

// The verdicts of a report.
const (
	VerdictSupported    Verdict = "supported"      // no finding
	VerdictAtRisk       Verdict = "at risk"        // warn findings only
	VerdictOutOfSupport Verdict = "out of support" // a deny finding (waived or not)
)

// Summary counts the findings of a report.
type Summary struct {
	Verdict   Verdict   `json:"verdict"`   // out of support, at risk or supported
	AsOf      time.Time `json:"asOf"`      // the evaluation date and time
	Documents int       `json:"documents"` // how many documents were checked
	Deny      int       `json:"deny"`      // deny findings without a waiver
	Warn      int       `json:"warn"`      // warn findings without a waiver
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
	// CatalogReviewed is the day the catalog's facts were last checked against their sources
	// (YYYY-MM-DD, the catalog's "reviewed" key), and FactsThrough the last month its sources
	// describe (YYYY-MM): every report states both, as the judgement holds only as far as
	// the catalog knows.
	CatalogReviewed string `json:"catalogReviewed"`
	FactsThrough    string `json:"factsThrough"`
}

// Report is the result of one evaluation: every finding, in the order of the input documents
// and, within a document, of the rule IDs.
type Report struct {
	// Summary is the verdict and the counts.
	Summary Summary `json:"summary"`
	// Findings are every finding, in the order of the input documents, then of rule ID.
	Findings []Finding `json:"findings"`
	// NotEvaluated lists the snapshot rules that stayed silent only because facts were missing.
	NotEvaluated []NotEvaluated `json:"notEvaluated"`
	// Notes say what about the run as a whole limits the findings (several snapshots, facts
	// captured after or long before the evaluation date).
	Notes []string `json:"notes"`
	// ExpiredWaivers are waivers whose last day is before the evaluation date: they waive
	// nothing. UnusedWaivers are waivers in force that match no finding.
	ExpiredWaivers []ExpiredWaiver `json:"expiredWaivers"`
	UnusedWaivers  []Waiver        `json:"unusedWaivers"` // waivers in force that match no finding
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
