package output

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

// JUnit writes JUnit XML for the test reports of CI systems (GitLab, Jenkins, Azure Pipelines,
// GitHub test-report actions): a <testsuite> per input file, in input order, holding
//   - a test case per object and rule that fired (classname: the object, name: the rule). A
//     deny finding is a <failure type="deny">. A warn finding passes, with the finding in
//     <system-out>, since it does not fail the run either; with FailOnWarn (`--fail-on-warn`)
//     it is a <failure type="warn">, so the test report fails exactly when the exit code does.
//     Several findings of one rule on one object (two outdated node pools) are one test case.
//   - a waived finding (one a waiver in force accepts) is a <skipped> test case whose message
//     names the waiver's owner, expiry and reason, with the finding and the waiver in
//     <system-out>: it neither passes nor fails the report, as it does not fail the run.
//   - a <skipped> test case per rule that could not judge a snapshot for lack of facts, with
//     the facts it needs: not passed, not failed.
//   - a passing test case "no findings" per object without findings or skipped rules (when
//     Options.Checked or Options.Documents is given), so that every object checked is in the report.
//   - a <skipped> test case per input a directory walk skipped (a document that is not a
//     Kubernetes object, a Helm chart, a hidden file, ...), with why and how to check it.
//
// Each suite's <properties> carry the verdict, the as-of date, the version of what judged
// (Options.Version: version, commit, commitTime, modified, buildDate, go, opa,
// catalogReviewed), the notes of the run, the rules
// the rule selection skipped, and each expired and unused waiver with its place. No
// time or timestamp is written: the report depends on its input and as-of date only.
type JUnit struct{ opts Options }

// Configure uses o.Checked and o.Documents for the passing test cases, o.FailOnWarn for warn findings and
// o.Version for the properties.
func (j JUnit) Configure(o Options) Format { return JUnit{opts: o} }

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitMessage `xml:"failure"`
	Skipped   *junitMessage `xml:"skipped"`
	SystemOut *junitText    `xml:"system-out"`
}

type junitText struct {
	Text string `xml:",cdata"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",cdata"`
}

// junitObject is one checked object: its findings and the rules that could not judge it.
type junitObject struct {
	resource     evaluator.Resource
	source       evaluator.Source
	findings     []evaluator.Finding
	notEvaluated []evaluator.NotEvaluated
}

// Write writes the JUnit XML document, with its XML header.
func (j JUnit) Write(w io.Writer, r *evaluator.Report) error {
	r = defused(r) // names and messages come from the input (escape.go)
	// Objects in input order: the documents checked, else the objects the report names.
	var files []string
	objects := map[string][]*junitObject{} // by file
	byKey := map[evaluator.Source]*junitObject{}
	get := func(res evaluator.Resource, src evaluator.Source) *junitObject {
		key := evaluator.Source{File: src.File, Document: src.Document, Item: src.Item}
		if o, ok := byKey[key]; ok {
			return o
		}
		o := &junitObject{resource: res, source: src}
		byKey[key] = o
		if _, seen := objects[src.File]; !seen {
			files = append(files, src.File)
		}
		objects[src.File] = append(objects[src.File], o)
		return o
	}
	for _, d := range j.opts.Documents {
		get(defusedCopy(d.Resource()), defusedCopy(d.Source))
	}
	for _, c := range j.opts.Checked {
		get(defusedCopy(c.Resource), defusedCopy(c.Source))
	}
	for _, f := range r.Findings {
		o := get(f.Resource, f.Source)
		o.findings = append(o.findings, f)
	}
	for _, n := range r.NotEvaluated {
		o := get(n.Resource, n.Source)
		o.notEvaluated = append(o.notEvaluated, n)
	}

	props := []junitProperty{
		{"verdict", string(r.Summary.Verdict)},
		{"asOf", r.Summary.AsOf.UTC().Format("2006-01-02T15:04:05Z07:00")},
		{"complete", fmt.Sprint(r.Summary.Complete)},
	}
	for _, p := range j.opts.Version.properties() {
		props = append(props, junitProperty{p[0], p[1]})
	}
	if r.Summary.CatalogReviewed != "" && j.opts.Version.CatalogReviewed == "" {
		props = append(props, junitProperty{"catalogReviewed", r.Summary.CatalogReviewed})
	}
	if r.Summary.FactsThrough != "" {
		props = append(props, junitProperty{"factsThrough", r.Summary.FactsThrough})
	}
	for _, n := range r.Notes {
		props = append(props, junitProperty{"note", n})
	}
	if r.Summary.Waived > 0 {
		props = append(props, junitProperty{"waived", fmt.Sprint(r.Summary.Waived)})
	}
	if len(r.SkippedRules) > 0 {
		props = append(props, junitProperty{"skippedRules", skippedText(r.SkippedRules)})
	}
	for _, e := range r.ExpiredWaivers {
		props = append(props, junitProperty{"expiredWaiver", fmt.Sprintf("%s (%s)", expiredText(e), e.Source)})
	}
	for _, u := range r.UnusedWaivers {
		props = append(props, junitProperty{"unusedWaiver", fmt.Sprintf("%s (%s)", unusedText(u), u.Source)})
	}
	// Inputs that directory walks skipped: a <skipped> case in the suite of their file.
	skippedIn := map[string][]junitCase{}
	for _, sk := range r.Skipped {
		if _, seen := objects[sk.File]; !seen {
			if _, seen := skippedIn[sk.File]; !seen {
				files = append(files, sk.File)
			}
		}
		name := "skipped: " + sk.Kind
		if sk.Document > 0 {
			name = fmt.Sprintf("document %d skipped: %s", sk.Document, sk.Kind)
		}
		message := sk.Reason
		if sk.Hint != "" {
			message += " (check it: " + sk.Hint + ")"
		}
		skippedIn[sk.File] = append(skippedIn[sk.File], junitCase{Name: name, Classname: "input " + sk.File,
			File: sk.File, Line: sk.Line, Skipped: &junitMessage{Message: message}})
	}
	out := junitSuites{Name: "aksarc-opa"}
	for _, file := range files {
		suite := junitSuite{Name: file, Properties: props}
		for _, o := range objects[file] {
			suite.Cases = append(suite.Cases, j.cases(o)...)
		}
		suite.Cases = append(suite.Cases, skippedIn[file]...)
		for _, c := range suite.Cases {
			switch {
			case c.Failure != nil:
				suite.Failures++
			case c.Skipped != nil:
				suite.Skipped++
			}
		}
		suite.Tests = len(suite.Cases)
		out.Tests += suite.Tests
		out.Failures += suite.Failures
		out.Skipped += suite.Skipped
		out.Suites = append(out.Suites, suite)
	}
	if len(out.Suites) == 0 {
		// Nothing to name (no documents given, nothing found): one passing case says what ran.
		out.Suites = []junitSuite{{Name: "aksarc-opa", Tests: 1, Properties: props, Cases: []junitCase{{
			Name:      "no findings",
			Classname: "aksarc-opa",
			SystemOut: &junitText{fmt.Sprintf("%s checked, no findings.", plural(r.Summary.Documents, "document", "documents"))},
		}}}}
		out.Tests = 1
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// cases are the test cases of one object: one per rule that fired (in rule order, as the
// findings are), one per rule that could not judge it, or one passing case.
func (j JUnit) cases(o *junitObject) []junitCase {
	var cases []junitCase
	base := junitCase{Classname: object(o.resource), File: o.source.File, Line: o.source.Line}
	if base.File == "-" {
		base.File = ""
	}
	for i := 0; i < len(o.findings); {
		rule := o.findings[i].RuleID
		var group []evaluator.Finding
		waived := o.findings[i].Waiver != nil
		for ; i < len(o.findings) && o.findings[i].RuleID == rule && (o.findings[i].Waiver != nil) == waived; i++ {
			group = append(group, o.findings[i])
		}
		f := group[0]
		c := base
		c.Name = fmt.Sprintf("%s %s", f.RuleID, f.Name)
		var body strings.Builder
		for k, g := range group {
			if k > 0 {
				body.WriteString("\n")
			}
			writeFinding(&body, g)
		}
		message := f.Message
		if len(group) > 1 {
			message = fmt.Sprintf("%d findings: %s", len(group), f.Title)
		}
		switch {
		case f.Waiver != nil:
			c.Skipped = &junitMessage{Message: "waived " + waivedBy(f.Waiver)}
			c.SystemOut = &junitText{body.String()}
		case f.Severity == evaluator.SeverityDeny || j.opts.FailOnWarn:
			c.Failure = &junitMessage{Message: message, Type: string(f.Severity), Text: body.String()}
		default:
			c.SystemOut = &junitText{body.String()}
		}
		cases = append(cases, c)
	}
	for _, n := range o.notEvaluated {
		c := base
		c.Name = fmt.Sprintf("%s %s", n.RuleID, n.Name)
		c.Skipped = &junitMessage{Message: "not evaluated: needs " + strings.Join(n.Missing, "; ")}
		cases = append(cases, c)
	}
	if len(cases) == 0 {
		c := base
		c.Name = "no findings"
		cases = append(cases, c)
	}
	return cases
}

// writeFinding writes one finding as the text report does.
func writeFinding(b *strings.Builder, f evaluator.Finding) {
	fmt.Fprintf(b, "%s %s %s: %s\n", marker(f), f.RuleID, f.Name, f.Title)
	fmt.Fprintf(b, "  Object:  %s\n", object(f.Resource))
	fmt.Fprintf(b, "  Where:   %s\n", f.Source)
	if f.Owner != nil {
		fmt.Fprintf(b, "  Owner:   %s (%s)\n", object(f.Owner.Resource), f.Owner.Source)
	}
	fmt.Fprintf(b, "  Finding: %s\n", f.Message)
	fmt.Fprintf(b, "  Policy:  %s (%s)\n", f.PolicySection, f.PolicyURL)
	fmt.Fprintf(b, "  Fix:     %s\n", f.Remediation)
	if f.Waiver != nil {
		fmt.Fprintf(b, "  Waived:  %s\n", waivedBy(f.Waiver))
	}
}
