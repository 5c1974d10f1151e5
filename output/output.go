// Package output renders an evaluation report (evaluator.Report) in the formats of
// `aksarc-opa check -o`: text, json, sarif, junit and github. Every format implements Format, so
// a program picks one by name and knows nothing of the others; Go tools outside this module use
// it to write exactly what the CLI writes.
package output

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

// Format writes a report.
type Format interface {
	Write(w io.Writer, r *evaluator.Report) error
}

// Options is what a format may need beyond the report. Every field is optional: a format
// works without them, and says less.
type Options struct {
	// Rules is the rule catalog (Evaluator.Rules): SARIF describes every rule in
	// tool.driver.rules. Without it, SARIF describes the rules that have findings, from them.
	Rules []evaluator.Rule
	// Checked are the documents that were checked (Stream.Checked, CheckInputs): JUnit gives
	// each object without findings a passing test case. Without them (and Documents), only
	// objects with findings appear.
	Checked []evaluator.Checked
	// Documents are documents that were checked, for callers that hold them (Evaluate): JUnit
	// reads them as Checked.
	Documents []*evaluator.Document
	// FailOnWarn is `check --fail-on-warn`: JUnit then reports warn findings as failures,
	// as the exit code does.
	FailOnWarn bool
	// Version identifies the build, OPA and catalog that judged: JSON writes it as
	// summary.tool, SARIF as tool.driver's version and properties, JUnit as properties.
	// Omitted when zero.
	Version Version
	// StdinName is the file SARIF locates documents read from standard input at (code scanning
	// needs a file for every result): the chart or folder that was rendered, say; default
	// DefaultStdinName. The other formats show standard input as "-".
	StdinName string
	// Color is colour in the text report (deny red, warn yellow, supported green). The command
	// sets it only for a terminal without NO_COLOR, or for --color always; never in a file.
	Color bool
}

// Configurable is implemented by a format that uses Options; Configure returns the format
// configured, leaving the receiver as it was.
type Configurable interface {
	Format
	Configure(Options) Format
}

// Configure returns f with the options when it uses them, else f itself.
func Configure(f Format, o Options) Format {
	if c, ok := f.(Configurable); ok {
		return c.Configure(o)
	}
	return f
}

var formats = map[string]Format{
	"text":   Text{},
	"json":   JSON{},
	"sarif":  SARIF{},
	"junit":  JUnit{},
	"github": GitHub{},
	"table":  Table{},
}

// Descriptions says in a few words what each format is (`check --help`).
var Descriptions = map[string]string{
	"text":   "the report a person reads: verdict, findings, what to do",
	"json":   JSONSchemaVersion + ", see docs/report-json.md",
	"sarif":  "SARIF 2.1.0 for code scanning (every rule, results with file and line)",
	"junit":  "JUnit XML for CI test reports (a test suite per file, a test case per object and rule)",
	"github": "GitHub Actions workflow commands (annotations with file and line)",
	"table":  "one line per finding (severity, rule, object, where, finding), for big runs",
}

// Names lists the formats, sorted.
func Names() []string {
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// New returns the format with the given name.
func New(name string) (Format, error) {
	f, ok := formats[name]
	if !ok {
		return nil, fmt.Errorf("unknown output format %q (known: %s)", name, strings.Join(Names(), ", "))
	}
	return f, nil
}

// NewWithOptions returns the format with the given name, configured with o.
func NewWithOptions(name string, o Options) (Format, error) {
	f, err := New(name)
	if err != nil {
		return nil, err
	}
	return Configure(f, o), nil
}
