// Package evaluator checks Kubernetes objects and ClusterSnapshots against the AKS Arc support
// policy. It embeds the policies and the catalog, compiles and prepares one query once, and
// evaluates each document with the as-of date of the call; an Evaluator is safe for concurrent use.
package evaluator

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/aksarc-opa/aksarc-opa/policies"
)

// The one query of the evaluator: every rule's findings for one document.
const resultQuery = "data.aksarc.evaluator.result"

// contextBaseQuery reads the part of the rules' context that does not change between calls:
// platform, parameters and catalog with the settings applied.
const contextBaseQuery = "data.aksarc.evaluator.context_base"

// Evaluator holds the prepared query. Build it once with New and share it.
type Evaluator struct {
	query    rego.PreparedEvalQuery
	rules    []Rule
	catalog  map[string]any
	params   map[string]any // the parameters' defaults
	settings Settings
	asOf     time.Time       // default as-of; zero means the time of each call
	skipped  map[string]bool // rule IDs the rule selection leaves out (WithRules)
	waivers  []Waiver        // checked, rule IDs resolved (WithWaivers)
	// ctxBase holds the context's platform, parameters and catalog as OPA terms, converted once:
	// every call's context shares them (contextTerm).
	ctxBase [][2]*ast.Term
}

type config struct {
	settings Settings
	platform string
	asOf     time.Time
	modules  fs.FS
	include  []string // WithRules
	exclude  []string
	waivers  []Waiver // WithWaivers
}

// Option configures New.
type Option func(*config)

// WithSettings applies user settings (the aksarc_settings document of a --data file):
// as-of, platform, parameters and catalog overrides.
func WithSettings(s Settings) Option { return func(c *config) { c.settings = s } }

// WithPlatform sets the platform for documents that do not state one (WindowsServer or
// AzureLocal). A ClusterSnapshot's spec.platform wins over it.
func WithPlatform(p string) Option { return func(c *config) { c.platform = p } }

// WithAsOf sets the default evaluation date; EvaluateOption AsOf overrides it per call. Without
// either (and without settings.asOf) each call is judged as of the time of the call.
func WithAsOf(t time.Time) Option { return func(c *config) { c.asOf = t } }

// withPolicies replaces the embedded policies (tests use it to prove that checks can fail).
func withPolicies(fsys fs.FS) Option { return func(c *config) { c.modules = fsys } }

// New compiles the policies with the catalog and settings and prepares the query.
func New(ctx context.Context, opts ...Option) (*Evaluator, error) {
	cfg := config{modules: policies.FS}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.platform != "" {
		cfg.settings.Platform = cfg.platform
	}
	if err := cfg.settings.check(); err != nil {
		return nil, err
	}
	asOf := cfg.asOf
	if asOf.IsZero() && cfg.settings.AsOf != "" {
		t, err := ParseAsOf(cfg.settings.AsOf)
		if err != nil {
			return nil, fmt.Errorf("settings: asOf: %w", err)
		}
		asOf = t
	}

	compiler, err := compilePolicies(cfg.modules)
	if err != nil {
		return nil, err
	}
	rules, err := rulesFromAnnotations(compiler)
	if err != nil {
		return nil, err
	}
	store := inmem.NewFromObject(map[string]any{"aksarc_settings": cfg.settings.document()})
	r := rego.New(
		rego.Query(resultQuery),
		rego.Compiler(compiler),
		rego.Store(store),
		rego.Capabilities(capabilities()),
	)
	query, err := r.PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("preparing the policy query: %w", err)
	}
	e := &Evaluator{query: query, rules: rules, settings: cfg.settings, asOf: asOf}
	if e.catalog, err = evalValue(ctx, compiler, "data.aksarc.catalog.catalog"); err != nil {
		return nil, err
	}
	if e.params, err = evalValue(ctx, compiler, defaultParametersQuery); err != nil {
		return nil, err
	}
	if e.ctxBase, err = contextBase(ctx, compiler, store); err != nil {
		return nil, err
	}
	if err := cfg.settings.checkParameters(e.params); err != nil {
		return nil, err
	}
	if problems := checkCatalogOverride(e.catalog, cfg.settings.Catalog); len(problems) > 0 {
		return nil, &SettingsError{Problems: problems}
	}
	if e.skipped, err = selectRules(rules, cfg.include, cfg.exclude); err != nil {
		return nil, err
	}
	if e.waivers, err = prepareWaivers(cfg.waivers, rules); err != nil {
		return nil, err
	}
	return e, nil
}

// Rules returns the catalog of rules, sorted by ID.
func (e *Evaluator) Rules() []Rule { return append([]Rule(nil), e.rules...) }

// Rule returns the rule with the given ID (case-insensitive).
func (e *Evaluator) Rule(id string) (Rule, bool) {
	for _, r := range e.rules {
		if strings.EqualFold(r.ID, id) {
			return r, true
		}
	}
	return Rule{}, false
}

// Catalog returns the embedded catalog (without user overrides).
func (e *Evaluator) Catalog() map[string]any { return e.catalog }

// catalogDates returns the effective catalog's review day and the last month its facts
// describe ("" where the catalog lacks one; the schema requires both).
func (e *Evaluator) catalogDates() (reviewed, factsThrough string) {
	reviewed, _ = e.catalog["reviewed"].(string)
	factsThrough, _ = e.catalog["factsThrough"].(string)
	return reviewed, factsThrough
}

// DefaultParameters returns the thresholds a user may change, with their default values.
func (e *Evaluator) DefaultParameters() map[string]any { return e.params }

// EvaluateOption configures one Evaluate call.
type EvaluateOption func(*evalConfig)

type evalConfig struct{ asOf time.Time }

// AsOf judges the documents as of t: every date comparison of every rule uses it.
func AsOf(t time.Time) EvaluateOption { return func(c *evalConfig) { c.asOf = t } }

// Evaluate checks the documents of one cluster (or several, when no Node object needs the
// cluster's snapshot) and returns every finding. A ClusterSnapshot among the documents is the
// cluster context of the others (Node objects are judged against its control plane); with
// more than one snapshot, objects have no cluster context.
func (e *Evaluator) Evaluate(ctx context.Context, docs []*Document, opts ...EvaluateOption) (*Report, error) {
	var snapshots []*Document
	for _, d := range docs {
		if d == nil || d.value == nil {
			return nil, errors.New("evaluate: a document must come from Decode, Load or NewDocument")
		}
		if d.IsClusterSnapshot() {
			snapshots = append(snapshots, d)
		}
	}
	s, err := e.NewStream(ctx, snapshots, opts...)
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		if err := s.Add(d); err != nil {
			_, _ = s.Close()
			return nil, err
		}
	}
	return s.Close()
}

// docResult is what the policies say of one document: its findings, the facts rules reported
// they could not judge (rule ID -> facts), and a snapshot's support runway.
type docResult struct {
	findings []Finding
	unjudged map[string][]string
	runway   []RunwayEvent
}

func (e *Evaluator) evalDocument(ctx context.Context, d *Document, cluster ast.Value, ctxTerm *ast.Term, asOf time.Time) (docResult, error) {
	input := ast.NewObject(
		ast.Item(ast.StringTerm("document"), ast.NewTerm(d.value)),
		ast.Item(ast.StringTerm("cluster"), ast.NewTerm(cluster)),
		ast.Item(ast.StringTerm("context"), ctxTerm),
	)
	rs, err := e.query.Eval(ctx, rego.EvalParsedInput(input), rego.EvalTime(asOf))
	if err != nil {
		return docResult{}, fmt.Errorf("%s: evaluating the policies: %w", d.Source, err)
	}
	if len(rs) != 1 || len(rs[0].Expressions) != 1 {
		return docResult{}, fmt.Errorf("%s: the policies returned no result (a broken context: check the settings file)", d.Source)
	}
	result, ok := rs[0].Expressions[0].Value.(map[string]any)
	raw, okFindings := result["findings"].([]any)
	unjudged, okUnjudged := result["notEvaluated"].([]any)
	runway, okRunway := result["runway"].([]any)
	if !ok || !okFindings || !okUnjudged || !okRunway {
		return docResult{}, fmt.Errorf("%s: unexpected policy result %v", d.Source, rs[0].Expressions[0].Value)
	}
	out := docResult{findings: make([]Finding, 0, len(raw)), unjudged: map[string][]string{}}
	for _, r := range raw {
		f, err := findingFrom(r)
		if err != nil {
			return docResult{}, fmt.Errorf("%s: %w", d.Source, err)
		}
		f.Source = d.Source
		out.findings = append(out.findings, f)
	}
	for _, u := range unjudged {
		m, _ := u.(map[string]any)
		id, missing := str(m["id"]), str(m["missing"])
		if id == "" || missing == "" {
			return docResult{}, fmt.Errorf("%s: a not-evaluated entry lacks id or missing: %v", d.Source, u)
		}
		out.unjudged[id] = append(out.unjudged[id], missing)
	}
	if out.runway, err = e.runwayFrom(d, runway); err != nil {
		return docResult{}, fmt.Errorf("%s: %w", d.Source, err)
	}
	return out, nil
}

// findingFrom reads one finding object of the policies.
func findingFrom(v any) (Finding, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return Finding{}, fmt.Errorf("a finding is not an object: %v", v)
	}
	res, _ := m["resource"].(map[string]any)
	f := Finding{
		RuleID:        str(m["id"]),
		Name:          str(m["name"]),
		Severity:      Severity(str(m["severity"])),
		Title:         str(m["title"]),
		Message:       str(m["message"]),
		Remediation:   str(m["remediation"]),
		PolicySection: str(m["section"]),
		PolicyURL:     str(m["url"]),
		Resource: Resource{APIVersion: str(res["apiVersion"]), Kind: str(res["kind"]),
			Namespace: str(res["namespace"]), Name: str(res["name"])},
	}
	if d, ok := m["details"].(map[string]any); ok && len(d) > 0 {
		f.Details = d
	}
	if f.RuleID == "" || f.Message == "" || (f.Severity != SeverityDeny && f.Severity != SeverityWarn) {
		return Finding{}, fmt.Errorf("a finding lacks id, message or severity: %v", v)
	}
	return f, nil
}

// sortFindings orders one document's findings by rule ID, then message.
func sortFindings(fs []Finding) {
	sort.Slice(fs, func(i, j int) bool {
		if fs[i].RuleID != fs[j].RuleID {
			return fs[i].RuleID < fs[j].RuleID
		}
		return fs[i].Message < fs[j].Message
	})
}

// contextTerm is the rules' context of one call: as-of (in nanoseconds, as time.now_ns() gives
// it under rego.EvalTime), the cluster, and the platform, parameters and catalog read once.
func (e *Evaluator) contextTerm(asOf time.Time, cluster ast.Value) *ast.Term {
	items := make([][2]*ast.Term, 0, len(e.ctxBase)+2)
	items = append(items, e.ctxBase...)
	items = append(items,
		ast.Item(ast.StringTerm("asOf"), ast.NumberTerm(json.Number(strconv.FormatInt(asOf.UnixNano(), 10)))),
		ast.Item(ast.StringTerm("cluster"), ast.NewTerm(cluster)))
	return ast.ObjectTerm(items...)
}

// contextBase reads the context's platform, parameters and catalog (settings applied) once.
func contextBase(ctx context.Context, c *ast.Compiler, store storage.Store) ([][2]*ast.Term, error) {
	r := rego.New(rego.Query(contextBaseQuery), rego.Compiler(c), rego.Store(store), rego.Capabilities(capabilities()))
	rs, err := r.Eval(ctx)
	if err != nil || len(rs) != 1 {
		return nil, fmt.Errorf("reading %s: %v (undefined: check the settings)", contextBaseQuery, err)
	}
	v, err := ast.InterfaceToValue(rs[0].Expressions[0].Value)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", contextBaseQuery, err)
	}
	obj, ok := v.(ast.Object)
	if !ok {
		return nil, fmt.Errorf("reading %s: not an object", contextBaseQuery)
	}
	var items [][2]*ast.Term
	obj.Foreach(func(k, v *ast.Term) { items = append(items, [2]*ast.Term{k, v}) })
	return items, nil
}

// evalValue reads one value of the compiled policies (the catalog, the parameter defaults).
func evalValue(ctx context.Context, c *ast.Compiler, query string) (map[string]any, error) {
	r := rego.New(rego.Query(query), rego.Compiler(c), rego.Capabilities(capabilities()))
	rs, err := r.Eval(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", query, err)
	}
	if len(rs) != 1 {
		return nil, fmt.Errorf("reading %s: undefined", query)
	}
	m, ok := rs[0].Expressions[0].Value.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("reading %s: not an object", query)
	}
	return m, nil
}

// runNotes says what about the run as a whole limits the findings: several snapshots (the other
// documents then have no cluster), or a snapshot whose facts were captured after the evaluation
// date or long before it.
func runNotes(documents int, snapshots []*Document, asOf time.Time) []string {
	notes := []string{}
	if len(snapshots) > 1 && len(snapshots) < documents {
		notes = append(notes, fmt.Sprintf("%d ClusterSnapshots in one run: the other documents are judged without a cluster, so Node objects are not checked for version skew and AKSARC-060 and AKSARC-070 assume the newest minor version the catalog knows; check one cluster per run", len(snapshots)))
	}
	for _, d := range snapshots {
		for _, field := range d.never {
			notes = append(notes, fmt.Sprintf("%s: %s is 0001-01-01T00:00:00Z, Azure's \"never\" value: read as a missing fact, so the rules that need it are not evaluated", d.Source, field))
		}
	}
	for _, d := range snapshots {
		spec, _ := d.Object["spec"].(map[string]any)
		captured, err := ParseTime(str(spec["capturedAt"]))
		if err != nil {
			continue
		}
		// By day, as the rules count: facts captured later on the as-of day hold on that day.
		switch age := asOf.Sub(captured); {
		case captured.UTC().Format(time.DateOnly) > asOf.UTC().Format(time.DateOnly):
			notes = append(notes, fmt.Sprintf("%s was captured at %s, after the evaluation date %s: its facts may not hold on that date", d.Source, captured.UTC().Format(time.RFC3339), asOf.UTC().Format(time.DateOnly)))
		case age > staleFacts:
			notes = append(notes, fmt.Sprintf("%s was captured at %s, %d days before the evaluation date %s: the cluster may have changed since", d.Source, captured.UTC().Format(time.RFC3339), int(age.Hours()/24), asOf.UTC().Format(time.DateOnly)))
		}
	}
	return notes
}

// staleFacts is how old a snapshot may be before the report says its facts may be out of date.
const staleFacts = 7 * 24 * time.Hour
