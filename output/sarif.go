package output

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

// SARIFSchemaURI is the $schema of the SARIF log: the OASIS SARIF 2.1.0 (errata 01) schema, a
// copy of which the tests validate against (output/testdata).
const SARIFSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// InformationURI is where aksarc-opa is described (SARIF tool.driver.informationUri).
const InformationURI = "https://github.com/aksarc-opa/aksarc-opa"

// SARIF writes a SARIF 2.1.0 log with one run: every rule of the catalog in tool.driver.rules
// (ID, name, title, description, what to do, the policy section and its Learn URL, the
// severity), one result per finding (deny is level error, warn is warning) located at the
// file and line of its object with the object as a logical location, and, as notifications of
// the invocation, the rules that could not judge a snapshot and the notes of the run. A waived
// finding is a result with an accepted external suppression (the waiver's reason as its
// justification, its owner, expiry and place as properties and location); expired and unused
// waivers are notifications at the waiver's file and line; rules skipped by the rule selection
// are disabled in the invocation's ruleConfigurationOverrides and listed in the run's properties;
// each input a directory walk skipped is a notification at its file.
type SARIF struct{ opts Options }

// Configure uses o.Rules for tool.driver.rules and o.Version for tool.driver.version and the
// driver's properties (commit, build date, OPA version, catalog review date).
func (s SARIF) Configure(o Options) Format { return SARIF{opts: o} }

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	Results     []sarifResult     `json:"results"`
	Properties  sarifRunProps     `json:"properties"`
}

type sarifRunProps struct {
	Verdict      evaluator.Verdict `json:"verdict"`
	AsOf         string            `json:"asOf"`
	Documents    int               `json:"documents"`
	Deny         int               `json:"deny"`
	Warn         int               `json:"warn"`
	NotEvaluated int               `json:"notEvaluated"`
	Complete     bool              `json:"complete"`
	Waived       int               `json:"waived"`
	SkippedRules []string          `json:"skippedRules"`
	Skipped      int               `json:"skippedInputs"`
	// CatalogReviewed and FactsThrough say how far the catalog the rules read knows.
	CatalogReviewed string `json:"catalogReviewed,omitempty"`
	FactsThrough    string `json:"factsThrough,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
	Properties     *Version    `json:"properties,omitempty"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifText      `json:"help"`
	HelpURI              string         `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
	Properties           sarifRuleProps `json:"properties"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Severity      evaluator.Severity `json:"severity"`
	PolicySection string             `json:"policySection"`
	Input         string             `json:"input,omitempty"`
	Requires      []string           `json:"requires,omitempty"`
	Tags          []string           `json:"tags"`
}

type sarifResult struct {
	RuleID       string             `json:"ruleId"`
	RuleIndex    int                `json:"ruleIndex"`
	Level        string             `json:"level"`
	Message      sarifText          `json:"message"`
	Locations    []sarifLocation    `json:"locations"`
	Suppressions []sarifSuppression `json:"suppressions,omitempty"`
	// RelatedLocations holds the owner of the object (a Pod's Deployment), when it is in the run.
	RelatedLocations []sarifRelated   `json:"relatedLocations,omitempty"`
	Properties       sarifResultProps `json:"properties"`
}

// sarifRelated is a location related to a result: the object's owner.
type sarifRelated struct {
	ID      int       `json:"id"`
	Message sarifText `json:"message"`
	sarifLocation
}

// sarifSuppression is a waiver of a result: kind external (the waiver is not in the file of the
// result), status accepted.
type sarifSuppression struct {
	Kind          string                `json:"kind"`
	Status        string                `json:"status"`
	Justification string                `json:"justification"`
	Location      *sarifLocation        `json:"location,omitempty"`
	Properties    sarifSuppressionProps `json:"properties"`
}

type sarifSuppressionProps struct {
	Owner   string `json:"owner"`
	Expires string `json:"expires"`
	Waiver  string `json:"waiver"`
	Entry   int    `json:"entry"`
}

type sarifResultProps struct {
	Severity evaluator.Severity `json:"severity"`
	Object   string             `json:"object"`
	Document int                `json:"document,omitempty"`
	Item     int                `json:"item,omitempty"`
	Details  map[string]any     `json:"details,omitempty"`
	Owner    string             `json:"owner,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation *sarifPhysical `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
}

type sarifLogical struct {
	Name               string            `json:"name"`
	FullyQualifiedName string            `json:"fullyQualifiedName"`
	Kind               string            `json:"kind"`
	Properties         sarifLogicalProps `json:"properties"`
}

type sarifLogicalProps struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Namespace  string `json:"namespace,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Overrides           []sarifOverride     `json:"ruleConfigurationOverrides,omitempty"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications"`
}

// sarifOverride disables a rule the rule selection skipped.
type sarifOverride struct {
	Descriptor    sarifRuleRef       `json:"descriptor"`
	Configuration sarifOverrideState `json:"configuration"`
}

type sarifOverrideState struct {
	Enabled bool `json:"enabled"`
}

type sarifNotification struct {
	Level          string          `json:"level"`
	Message        sarifText       `json:"message"`
	Locations      []sarifLocation `json:"locations,omitempty"`
	AssociatedRule *sarifRuleRef   `json:"associatedRule,omitempty"`
}

type sarifRuleRef struct {
	ID    string `json:"id"`
	Index int    `json:"index"`
}

// Write writes the SARIF log as indented JSON and a newline.
func (s SARIF) Write(w io.Writer, r *evaluator.Report) error {
	rules, index := sarifRules(s.opts.Rules, r)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "aksarc-opa",
			Version:        s.opts.Version.Version,
			InformationURI: InformationURI,
			Rules:          rules,
			Properties:     driverProperties(s.opts.Version),
		}},
		Invocations: []sarifInvocation{{ExecutionSuccessful: true, Notifications: []sarifNotification{}}},
		Results:     []sarifResult{},
		Properties: sarifRunProps{
			Verdict:         r.Summary.Verdict,
			AsOf:            r.Summary.AsOf.UTC().Format("2006-01-02T15:04:05Z07:00"),
			Documents:       r.Summary.Documents,
			Deny:            r.Summary.Deny,
			Warn:            r.Summary.Warn,
			NotEvaluated:    r.Summary.NotEvaluated,
			Complete:        r.Summary.Complete,
			Waived:          r.Summary.Waived,
			SkippedRules:    nonNil(r.SkippedRules),
			Skipped:         len(r.Skipped),
			CatalogReviewed: r.Summary.CatalogReviewed,
			FactsThrough:    r.Summary.FactsThrough,
		},
	}
	for _, f := range r.Findings {
		var related []sarifRelated
		owner := ""
		if f.Owner != nil {
			owner = object(f.Owner.Resource)
			related = []sarifRelated{{ID: 1, Message: sarifText{Text: "owner: " + owner},
				sarifLocation: s.locate(f.Owner.Resource, f.Owner.Source)}}
		}
		run.Results = append(run.Results, sarifResult{
			RelatedLocations: related,
			RuleID:           f.RuleID,
			RuleIndex:        index[f.RuleID],
			Level:            sarifLevel(f.Severity),
			Message:          sarifText{Text: f.Message},
			Locations:        []sarifLocation{s.locate(f.Resource, f.Source)},
			Suppressions:     sarifSuppressions(f.Waiver),
			Properties: sarifResultProps{
				Severity: f.Severity,
				Object:   object(f.Resource),
				Document: f.Source.Document,
				Item:     f.Source.Item,
				Details:  f.Details,
				Owner:    owner,
			},
		})
	}
	inv := &run.Invocations[0]
	for _, n := range r.NotEvaluated {
		ref := &sarifRuleRef{ID: n.RuleID, Index: -1}
		if i, ok := index[n.RuleID]; ok {
			ref.Index = i
		}
		inv.Notifications = append(inv.Notifications, sarifNotification{
			Level: "note",
			Message: sarifText{Text: fmt.Sprintf("%s %s was not evaluated on %s: needs %s",
				n.RuleID, n.Name, object(n.Resource), strings.Join(n.Missing, "; "))},
			Locations:      []sarifLocation{s.locate(n.Resource, n.Source)},
			AssociatedRule: ref,
		})
	}
	for _, note := range r.Notes {
		inv.Notifications = append(inv.Notifications, sarifNotification{Level: "warning", Message: sarifText{Text: note}})
	}
	for _, e := range r.ExpiredWaivers {
		inv.Notifications = append(inv.Notifications, sarifWaiverNotification("warning", "Expired waiver "+expiredText(e), e.Waiver, index))
	}
	for _, w := range r.UnusedWaivers {
		inv.Notifications = append(inv.Notifications, sarifWaiverNotification("note", "Unused waiver "+unusedText(w), w, index))
	}
	for _, sk := range r.Skipped {
		n := sarifNotification{Level: "note", Message: sarifText{Text: skippedInputText(sk)}}
		if uri, ok := artifactURI(sk.File); ok {
			loc := sarifLocation{PhysicalLocation: &sarifPhysical{ArtifactLocation: sarifArtifact{URI: uri}}}
			if sk.Line > 0 {
				loc.PhysicalLocation.Region = &sarifRegion{StartLine: sk.Line}
			}
			n.Locations = []sarifLocation{loc}
		}
		inv.Notifications = append(inv.Notifications, n)
	}
	for _, id := range r.SkippedRules {
		ref := sarifRuleRef{ID: id, Index: -1}
		if i, ok := index[id]; ok {
			ref.Index = i
		}
		inv.Overrides = append(inv.Overrides, sarifOverride{Descriptor: ref, Configuration: sarifOverrideState{Enabled: false}})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: SARIFSchemaURI, Version: "2.1.0", Runs: []sarifRun{run}})
}

// driverProperties is the version of what judged, as tool.driver's property bag; nil when unknown.
func driverProperties(v Version) *Version {
	if v.IsZero() {
		return nil
	}
	return &v
}

// sarifSuppressions turns a finding's waiver into an accepted external suppression.
func sarifSuppressions(w *evaluator.Waiver) []sarifSuppression {
	if w == nil {
		return nil
	}
	return []sarifSuppression{{
		Kind:          "external",
		Status:        "accepted",
		Justification: w.Reason,
		Location:      sarifWaiverLocation(w.Source),
		Properties:    sarifSuppressionProps{Owner: w.Owner, Expires: w.Expires, Waiver: w.String(), Entry: w.Source.Entry},
	}}
}

// sarifWaiverLocation is the file and line of a waiver, when it has a file.
func sarifWaiverLocation(src evaluator.WaiverSource) *sarifLocation {
	uri, ok := artifactURI(src.File)
	if !ok {
		return nil
	}
	loc := &sarifLocation{PhysicalLocation: &sarifPhysical{ArtifactLocation: sarifArtifact{URI: uri}}}
	if src.Line > 0 {
		loc.PhysicalLocation.Region = &sarifRegion{StartLine: src.Line}
	}
	return loc
}

func sarifWaiverNotification(level, text string, w evaluator.Waiver, index map[string]int) sarifNotification {
	n := sarifNotification{Level: level, Message: sarifText{Text: text}}
	if loc := sarifWaiverLocation(w.Source); loc != nil {
		n.Locations = []sarifLocation{*loc}
	}
	if i, ok := index[w.Rule]; ok {
		n.AssociatedRule = &sarifRuleRef{ID: w.Rule, Index: i}
	}
	return n
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// sarifRules describes the catalog's rules, in its order, and any rule of a finding the
// catalog lacks (every rule when no catalog was given), and maps each ID to its index.
func sarifRules(catalog []evaluator.Rule, r *evaluator.Report) ([]sarifRule, map[string]int) {
	rules := []sarifRule{}
	index := map[string]int{}
	add := func(rule evaluator.Rule) {
		if _, seen := index[rule.ID]; seen {
			return
		}
		index[rule.ID] = len(rules)
		rules = append(rules, sarifRuleFrom(rule))
	}
	for _, rule := range catalog {
		add(rule)
	}
	for _, f := range r.Findings {
		add(evaluator.Rule{ID: f.RuleID, Name: f.Name, Severity: f.Severity, Title: f.Title,
			PolicySection: f.PolicySection, PolicyURL: f.PolicyURL, Remediation: f.Remediation})
	}
	return rules, index
}

func sarifRuleFrom(r evaluator.Rule) sarifRule {
	description := unwrap(r.Description)
	if description == "" {
		description = r.Title
	}
	policy := r.PolicySection
	if r.PolicyURL != "" {
		policy = fmt.Sprintf("%s (%s)", r.PolicySection, r.PolicyURL)
	}
	markdownPolicy := r.PolicySection
	if r.PolicyURL != "" {
		markdownPolicy = fmt.Sprintf("[%s](%s)", r.PolicySection, r.PolicyURL)
	}
	return sarifRule{
		ID:               r.ID,
		Name:             r.Name,
		ShortDescription: sarifText{Text: r.Title},
		FullDescription:  sarifText{Text: description},
		Help: sarifText{
			Text:     fmt.Sprintf("What to do: %s\n\nPolicy: %s", unwrap(r.Remediation), policy),
			Markdown: fmt.Sprintf("%s\n\n**What to do:** %s\n\n**Policy:** %s", description, unwrap(r.Remediation), markdownPolicy),
		},
		HelpURI:              r.PolicyURL,
		DefaultConfiguration: sarifConfig{Level: sarifLevel(r.Severity)},
		Properties: sarifRuleProps{
			Severity:      r.Severity,
			PolicySection: r.PolicySection,
			Input:         r.Input,
			Requires:      r.Requires,
			Tags:          []string{"aks-arc", "support-policy"},
		},
	}
}

func sarifLevel(s evaluator.Severity) string {
	if s == evaluator.SeverityDeny {
		return "error"
	}
	return "warning"
}

// DefaultStdinName is the artifact that stands for standard input in SARIF when
// Options.StdinName is empty: code scanning needs a file for every result.
const DefaultStdinName = "stdin"

// locate places an object: its file (as given, a relative URI reference; standard input is
// Options.StdinName, else DefaultStdinName) and line, and the object itself as a logical location.
func (s SARIF) locate(res evaluator.Resource, src evaluator.Source) sarifLocation {
	loc := sarifLocation{LogicalLocations: []sarifLogical{{
		Name:               res.Name,
		FullyQualifiedName: qualifiedName(res),
		Kind:               "resource",
		Properties:         sarifLogicalProps{APIVersion: res.APIVersion, Kind: res.Kind, Namespace: res.Namespace},
	}}}
	file := src.File
	if file == "-" {
		file = cmp.Or(s.opts.StdinName, DefaultStdinName)
	}
	if uri, ok := artifactURI(file); ok {
		loc.PhysicalLocation = &sarifPhysical{ArtifactLocation: sarifArtifact{URI: uri}}
		if src.Line > 0 {
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: src.Line}
		}
	}
	return loc
}

// qualifiedName is Kind/name, or Kind/namespace/name for a namespaced object (as in
// fixtures/expected.yaml).
func qualifiedName(r evaluator.Resource) string {
	if r.Namespace != "" {
		return r.Kind + "/" + r.Namespace + "/" + r.Name
	}
	return r.Kind + "/" + r.Name
}

// artifactURI turns a file name as given on the command line into a URI reference: a relative
// path stays relative (with / separators, escaped where a URI needs it), an absolute one
// becomes a file: URI. Standard input ("-") has none.
func artifactURI(file string) (string, bool) {
	if file == "" || file == "-" {
		return "", false
	}
	p := filepath.ToSlash(file)
	if filepath.IsAbs(file) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // C:/x on Windows
		}
		return (&url.URL{Scheme: "file", Path: p}).String(), true
	}
	return (&url.URL{Path: p}).String(), true
}

// unwrap joins the lines of each paragraph of a METADATA text, which is wrapped at a fixed
// width, so that viewers can wrap it themselves.
func unwrap(s string) string {
	paragraphs := strings.Split(strings.TrimSpace(s), "\n\n")
	for i, p := range paragraphs {
		paragraphs[i] = strings.Join(strings.Fields(p), " ")
	}
	return strings.Join(paragraphs, "\n\n")
}
