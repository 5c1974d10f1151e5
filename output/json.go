package output

import (
	"encoding/json"
	"io"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

// JSONSchemaVersion is the version of the JSON report's shape; it changes when a field is
// removed or changes meaning (adding a field does not change it).
const JSONSchemaVersion = "aksarc-opa.report/v1"

// JSON writes {"schema", "summary", "findings", "notEvaluated", "notes", "expiredWaivers",
// "unusedWaivers", "skippedRules", "runway", "skipped"}: the evaluator's types with their JSON tags; lists are [] when
// empty, never null. docs/report-json.md documents every field.
type JSON struct{ opts Options }

// Configure uses o.Version for summary.tool.
func (j JSON) Configure(o Options) Format { return JSON{opts: o} }

// jsonSummary is the summary with the version of what judged (summary.tool), when known.
type jsonSummary struct {
	evaluator.Summary
	Tool *Version `json:"tool,omitempty"`
}

// Write writes the report as one indented JSON object and a newline.
func (j JSON) Write(w io.Writer, r *evaluator.Report) error {
	findings := r.Findings
	if findings == nil {
		findings = []evaluator.Finding{}
	}
	notEvaluated := r.NotEvaluated
	if notEvaluated == nil {
		notEvaluated = []evaluator.NotEvaluated{}
	}
	notes := r.Notes
	if notes == nil {
		notes = []string{}
	}
	expired, unused, skipped := r.ExpiredWaivers, r.UnusedWaivers, r.SkippedRules
	if expired == nil {
		expired = []evaluator.ExpiredWaiver{}
	}
	if unused == nil {
		unused = []evaluator.Waiver{}
	}
	if skipped == nil {
		skipped = []string{}
	}
	skippedInputs := r.Skipped
	if skippedInputs == nil {
		skippedInputs = []evaluator.SkippedInput{}
	}
	runway := r.Runway
	if runway == nil {
		runway = []evaluator.RunwayEvent{}
	}
	summary := jsonSummary{Summary: r.Summary}
	if !j.opts.Version.IsZero() {
		v := j.opts.Version
		summary.Tool = &v
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Schema         string                    `json:"schema"`
		Summary        jsonSummary               `json:"summary"`
		Findings       []evaluator.Finding       `json:"findings"`
		NotEvaluated   []evaluator.NotEvaluated  `json:"notEvaluated"`
		Notes          []string                  `json:"notes"`
		ExpiredWaivers []evaluator.ExpiredWaiver `json:"expiredWaivers"`
		UnusedWaivers  []evaluator.Waiver        `json:"unusedWaivers"`
		SkippedRules   []string                  `json:"skippedRules"`
		Runway         []evaluator.RunwayEvent   `json:"runway"`
		Skipped        []evaluator.SkippedInput  `json:"skipped"`
	}{JSONSchemaVersion, summary, findings, notEvaluated, notes, expired, unused, skipped, runway, skippedInputs})
}
