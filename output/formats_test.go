package output

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifSchema is the official SARIF 2.1.0 schema, vendored (testdata/README.md): no network.
var sarifSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	f, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	c.UseLoader(noLoader{}) // the schema refers only to itself; fetch nothing
	const url = "file:///sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		return nil, err
	}
	return c.Compile(url)
})

type noLoader struct{}

func (noLoader) Load(url string) (any, error) {
	return nil, &os.PathError{Op: "load", Path: url, Err: os.ErrNotExist}
}

func validateSARIF(t *testing.T, name string, b []byte) {
	t.Helper()
	sch, err := sarifSchema()
	if err != nil {
		t.Fatalf("the SARIF schema does not compile: %v", err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: not JSON: %v", name, err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Errorf("%s does not fit SARIF 2.1.0:\n%v", name, err)
	}
}

// Every SARIF golden and the SARIF of odd inputs (standard input, absolute paths, no catalog)
// fit the SARIF 2.1.0 schema.
func TestSARIFFitsTheSchema(t *testing.T) {
	for _, c := range goldenCases {
		file := filepath.Join("testdata", "golden", c.name+goldenExt["sarif"])
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		validateSARIF(t, file, b)
	}
	_, _, report := evaluate(t, "fixtures/snapshots/minimal.yaml", "fixtures/manifests/cni-cilium.yaml")
	for i := range report.Findings {
		switch i % 3 {
		case 0:
			report.Findings[i].Source.File = "-"
		case 1:
			report.Findings[i].Source.File = "/abs/dir with space/x:y.yaml"
			report.Findings[i].Source.Line = 0
		}
	}
	report.NotEvaluated[0].Source.File = "-"
	validateSARIF(t, "odd sources", render(t, "sarif", Options{Version: goldenVersion}, report))

	// The schema is not a formality: a result without a message, a level SARIF does not know
	// or a negative line fail it.
	good := render(t, "sarif", Options{}, report)
	sch, _ := sarifSchema()
	for _, mutation := range [][2]string{
		{`"message": {`, `"messag": {`},
		{`"level": "error"`, `"level": "fatal"`},
		{`"startLine": `, `"startLine": -`},
	} {
		bad := bytes.Replace(good, []byte(mutation[0]), []byte(mutation[1]), 1)
		if bytes.Equal(bad, good) {
			t.Fatalf("%s is not in the SARIF log", mutation[0])
		}
		doc, _ := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
		if sch.Validate(doc) == nil {
			t.Errorf("a SARIF log with %s passed the schema", mutation[1])
		}
	}
}

type sarifDoc struct {
	Schema string `json:"$schema"`
	Runs   []struct {
		Tool struct {
			Driver struct {
				Name    string
				Version string
				Rules   []struct {
					ID, Name, HelpURI                 string
					ShortDescription, FullDescription struct{ Text string }
					Help                              struct{ Text, Markdown string }
					DefaultConfiguration              struct{ Level string }
					Properties                        struct{ Severity, PolicySection string }
				}
			}
		}
		Invocations []struct {
			ToolExecutionNotifications []struct {
				Level          string
				Message        struct{ Text string }
				AssociatedRule struct {
					ID    string
					Index int
				}
			}
		}
		Results []struct {
			RuleID    string
			RuleIndex int
			Level     string
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation *struct {
					ArtifactLocation struct{ URI string }
					Region           *struct{ StartLine int }
				}
				LogicalLocations []struct{ Name, FullyQualifiedName, Kind string }
			}
		}
	}
}

// SARIF describes every rule of the catalog, and each result points at its rule, its file and
// line and its object.
func TestSARIFRulesAndResults(t *testing.T) {
	ev, docs, report := evaluate(t, "fixtures/snapshots/minimal.yaml", "fixtures/snapshots/cni-not-supported-azure-local.yaml", "fixtures/manifests/cni-cilium.yaml")
	var got sarifDoc
	if err := json.Unmarshal(render(t, "sarif", Options{Rules: ev.Rules(), Documents: docs, Version: Version{Version: "v9.9.9"}}, report), &got); err != nil {
		t.Fatal(err)
	}
	run := got.Runs[0]
	driver := run.Tool.Driver
	if driver.Name != "aksarc-opa" || driver.Version != "v9.9.9" {
		t.Errorf("driver %q %q", driver.Name, driver.Version)
	}
	catalog := ev.Rules()
	if len(driver.Rules) != len(catalog) {
		t.Fatalf("%d rules, the catalog has %d", len(driver.Rules), len(catalog))
	}
	for i, r := range catalog {
		d := driver.Rules[i]
		level := map[evaluator.Severity]string{evaluator.SeverityDeny: "error", evaluator.SeverityWarn: "warning"}[r.Severity]
		if d.ID != r.ID || d.Name != r.Name || d.ShortDescription.Text != r.Title || d.HelpURI != r.PolicyURL ||
			d.FullDescription.Text == "" || strings.Contains(d.FullDescription.Text, "\n") ||
			!strings.Contains(d.Help.Text, r.PolicySection) || !strings.Contains(d.Help.Text, "What to do: ") ||
			d.DefaultConfiguration.Level != level || d.Properties.Severity != string(r.Severity) {
			t.Errorf("rule %d: %+v\ncatalog: %+v", i, d, r)
		}
	}
	if len(run.Results) != len(report.Findings) {
		t.Fatalf("%d results for %d findings", len(run.Results), len(report.Findings))
	}
	for i, res := range run.Results {
		f := report.Findings[i]
		loc := res.Locations[0]
		if res.RuleID != f.RuleID || driver.Rules[res.RuleIndex].ID != f.RuleID || res.Message.Text != f.Message ||
			res.Level != map[evaluator.Severity]string{"deny": "error", "warn": "warning"}[f.Severity] ||
			loc.PhysicalLocation == nil || loc.PhysicalLocation.ArtifactLocation.URI != f.Source.File ||
			loc.PhysicalLocation.Region == nil || loc.PhysicalLocation.Region.StartLine != f.Source.Line ||
			loc.LogicalLocations[0].Name != f.Resource.Name || loc.LogicalLocations[0].Kind != "resource" {
			t.Errorf("result %d: %+v\nfinding: %+v", i, res, f)
		}
	}
	if run.Results[1].Locations[0].LogicalLocations[0].FullyQualifiedName != "DaemonSet/kube-system/cilium" {
		t.Errorf("logical location %+v", run.Results[1].Locations[0].LogicalLocations)
	}
	notes := run.Invocations[0].ToolExecutionNotifications
	if len(notes) != len(report.NotEvaluated)+len(report.Notes) || len(report.NotEvaluated) == 0 || len(report.Notes) == 0 {
		t.Fatalf("%d notifications for %d not evaluated and %d notes", len(notes), len(report.NotEvaluated), len(report.Notes))
	}
	n := notes[0]
	if n.Level != "note" || n.AssociatedRule.ID != report.NotEvaluated[0].RuleID || driver.Rules[n.AssociatedRule.Index].ID != n.AssociatedRule.ID ||
		!strings.Contains(n.Message.Text, "needs "+report.NotEvaluated[0].Missing[0]) {
		t.Errorf("notification %+v", n)
	}
	if last := notes[len(notes)-1]; last.Level != "warning" || last.Message.Text != report.Notes[len(report.Notes)-1] {
		t.Errorf("note %+v", last)
	}
}

// Without options (output.New), SARIF describes the rules of its findings, from them.
func TestSARIFWithoutCatalog(t *testing.T) {
	_, _, report := evaluate(t, "fixtures/manifests/cni-cilium.yaml")
	var b bytes.Buffer
	f, err := New("sarif")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Write(&b, report); err != nil {
		t.Fatal(err)
	}
	var got sarifDoc
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range got.Runs[0].Tool.Driver.Rules {
		ids = append(ids, r.ID)
	}
	if strings.Join(ids, " ") != "AKSARC-010 AKSARC-030" || got.Runs[0].Results[1].RuleIndex != 1 {
		t.Errorf("rules %v, results %+v", ids, got.Runs[0].Results)
	}
	validateSARIF(t, "no catalog", b.Bytes())
}

func TestArtifactURI(t *testing.T) {
	for file, want := range map[string]string{
		"fixtures/a.yaml":          "fixtures/a.yaml",
		"../x/b c.yaml":            "../x/b%20c.yaml",
		"c:d.yaml":                 "./c:d.yaml",
		"dir/50%.yaml":             "dir/50%25.yaml",
		"/abs/path/x.yaml":         "file:///abs/path/x.yaml",
		"-":                        "",
		"":                         "",
		"deploy/app#1/kustom.yaml": "deploy/app%231/kustom.yaml",
	} {
		got, ok := artifactURI(file)
		if got != want || ok != (want != "") {
			t.Errorf("artifactURI(%q) = %q, %v; want %q", file, got, ok, want)
		}
	}
}

type junitDoc struct {
	Tests    int `xml:"tests,attr"`
	Failures int `xml:"failures,attr"`
	Skipped  int `xml:"skipped,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Skipped  int    `xml:"skipped,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			File      string `xml:"file,attr"`
			Line      int    `xml:"line,attr"`
			Failure   *struct {
				Type    string `xml:"type,attr"`
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Skipped *struct {
				Message string `xml:"message,attr"`
			} `xml:"skipped"`
			SystemOut string `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func parseJUnit(t *testing.T, b []byte) junitDoc {
	t.Helper()
	var d junitDoc
	if err := xml.Unmarshal(b, &d); err != nil {
		t.Fatalf("not XML: %v\n%s", err, b)
	}
	return d
}

// JUnit: a suite per file, a case per object and rule; deny fails, warn passes with the finding
// in system-out unless --fail-on-warn, when it fails as the exit code does; counts add up.
func TestJUnit(t *testing.T) {
	_, docs, report := evaluate(t, "fixtures/snapshots/minimal.yaml", "fixtures/manifests/cni-cilium.yaml", "fixtures/manifests/app-clean.yaml")
	for _, failOnWarn := range []bool{false, true} {
		d := parseJUnit(t, render(t, "junit", Options{Documents: docs, FailOnWarn: failOnWarn}, report))
		var names []string
		tests, failures, skipped := 0, 0, 0
		for _, s := range d.Suites {
			names = append(names, s.Name)
			f, sk := 0, 0
			for _, c := range s.Cases {
				if c.Failure != nil {
					f++
				}
				if c.Skipped != nil {
					sk++
				}
			}
			if s.Tests != len(s.Cases) || s.Failures != f || s.Skipped != sk {
				t.Errorf("suite %s counts %d/%d/%d, cases say %d/%d/%d", s.Name, s.Tests, s.Failures, s.Skipped, len(s.Cases), f, sk)
			}
			tests, failures, skipped = tests+s.Tests, failures+f, skipped+sk
		}
		if d.Tests != tests || d.Failures != failures || d.Skipped != skipped {
			t.Errorf("testsuites counts %d/%d/%d, suites say %d/%d/%d", d.Tests, d.Failures, d.Skipped, tests, failures, skipped)
		}
		if strings.Join(names, " ") != "fixtures/snapshots/minimal.yaml fixtures/manifests/cni-cilium.yaml fixtures/manifests/app-clean.yaml" {
			t.Errorf("suites %v", names)
		}
		if skipped != len(report.NotEvaluated) || !strings.HasPrefix(d.Suites[0].Cases[0].Skipped.Message, "not evaluated: needs ") {
			t.Errorf("skipped %d, not evaluated %d", skipped, len(report.NotEvaluated))
		}
		cilium := d.Suites[1].Cases
		if len(cilium) != 2 || cilium[0].Name != "AKSARC-010 kube-system-foreign-object" || cilium[0].Classname != "DaemonSet kube-system/cilium" ||
			cilium[0].File != "fixtures/manifests/cni-cilium.yaml" || cilium[0].Line != 6 ||
			cilium[0].Failure == nil || cilium[0].Failure.Type != "deny" || !strings.Contains(cilium[0].Failure.Text, "Fix:     ") {
			t.Fatalf("cilium cases %+v", cilium)
		}
		warn := cilium[1]
		if failOnWarn != (warn.Failure != nil) || (!failOnWarn && !strings.HasPrefix(warn.SystemOut, "WARN AKSARC-030")) ||
			(failOnWarn && warn.Failure.Type != "warn") {
			t.Errorf("fail on warn %v: warn case %+v", failOnWarn, warn)
		}
		clean := d.Suites[2].Cases
		if len(clean) != 3 {
			t.Fatalf("app-clean cases %+v", clean)
		}
		for _, c := range clean {
			if c.Name != "no findings" || c.Failure != nil || c.Skipped != nil {
				t.Errorf("clean case %+v", c)
			}
		}
	}
}

// Several findings of one rule on one object are one test case; without documents only the
// objects with findings appear, and a run with nothing to name still has a passing case.
func TestJUnitGroupsAndFallsBack(t *testing.T) {
	_, _, report := evaluate(t, "fixtures/snapshots/patch-not-current.yaml")
	d := parseJUnit(t, render(t, "junit", Options{}, report))
	if len(report.Findings) != 2 || len(d.Suites) != 1 || len(d.Suites[0].Cases) != 1+len(report.NotEvaluated) {
		t.Fatalf("findings %d, suites %+v", len(report.Findings), d.Suites)
	}
	c := d.Suites[0].Cases[0]
	if c.Failure != nil || strings.Count(c.SystemOut, "WARN AKSARC-004") != 2 {
		t.Errorf("grouped case %+v", c)
	}
	_, _, clean := evaluate(t, "fixtures/manifests/app-clean.yaml")
	d = parseJUnit(t, render(t, "junit", Options{}, clean))
	if d.Tests != 1 || d.Failures != 0 || len(d.Suites) != 1 || d.Suites[0].Cases[0].Name != "no findings" {
		t.Errorf("no documents, no findings: %+v", d)
	}
}

func TestGitHubEscaping(t *testing.T) {
	if got := escapeData("50% done\r\nnext: a,b"); got != "50%25 done%0D%0Anext: a,b" {
		t.Errorf("escapeData = %q", got)
	}
	if got := escapeProperty("dir/50%,x:y\nz.yaml"); got != "dir/50%25%2Cx%3Ay%0Az.yaml" {
		t.Errorf("escapeProperty = %q", got)
	}
}

// Every line is one workflow command: ::error for deny, ::warning for warn, with the file and
// line, then one ::notice; properties hold no raw ':' or ','; no message spans lines.
func TestGitHubCommands(t *testing.T) {
	_, _, report := evaluate(t, "fixtures/snapshots/minimal.yaml", "fixtures/manifests/cni-cilium.yaml")
	report.Findings[0].Source = evaluator.Source{File: "-", Document: 1, Line: 6}
	out := string(render(t, "github", Options{}, report))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(report.Findings)+1 {
		t.Fatalf("%d lines for %d findings:\n%s", len(lines), len(report.Findings), out)
	}
	command := regexp.MustCompile(`^::(error|warning|notice) ([^:,]+=[^:,]*(,[^:,]+=[^:,]*)*)::(.*)$`)
	for i, line := range lines {
		m := command.FindStringSubmatch(line)
		if m == nil || strings.ContainsAny(m[4], "\r\n") {
			t.Errorf("line %d is not a workflow command: %q", i+1, line)
			continue
		}
		if i == len(lines)-1 {
			if m[1] != "notice" || !strings.HasPrefix(m[4], "OUT OF SUPPORT AS FAR AS CHECKED") && !strings.HasPrefix(m[4], "OUT OF SUPPORT as of") {
				t.Errorf("summary %q", line)
			}
			continue
		}
		f := report.Findings[i]
		want := map[evaluator.Severity]string{"deny": "error", "warn": "warning"}[f.Severity]
		if m[1] != want || !strings.Contains(m[2], "title="+f.RuleID+" ") {
			t.Errorf("line %d: %q for %s %s", i+1, line, f.Severity, f.RuleID)
		}
	}
	if strings.Contains(lines[0], "file=") || !strings.Contains(lines[1], "file=fixtures/manifests/cni-cilium.yaml,line=6,") {
		t.Errorf("file properties:\n%s\n%s", lines[0], lines[1])
	}
	if !strings.Contains(lines[len(lines)-1], "%0A    AKSARC-040, AKSARC-041, AKSARC-042, AKSARC-043: needs spec.cluster.power.state") {
		t.Errorf("the summary lacks the rules not evaluated: %s", lines[len(lines)-1])
	}
}

// Every format works as output.New gives it (no options), as callers of the library use it.
func TestNewWithoutOptions(t *testing.T) {
	_, _, report := evaluate(t, "fixtures/snapshots/minimal.yaml", "fixtures/manifests/cni-cilium.yaml")
	for _, name := range Names() {
		f, err := New(name)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := f.Write(&b, report); err != nil || b.Len() == 0 {
			t.Errorf("%s: %v, %d bytes", name, err, b.Len())
		}
		if Descriptions[name] == "" {
			t.Errorf("%s has no description", name)
		}
	}
	if _, err := NewWithOptions("xml", Options{}); err == nil || !strings.Contains(err.Error(), `unknown output format "xml"`) {
		t.Errorf("NewWithOptions(xml): %v", err)
	}
}
