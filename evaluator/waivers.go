package evaluator

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	yaml "go.yaml.in/yaml/v3"
)

// WaiversAPIVersion and WaiversKind head a waivers file:
//
//	apiVersion: aksarc-opa.io/v1alpha1
//	kind: Waivers
//	waivers:
//	  - rule: AKSARC-010
//	    object: {kind: DaemonSet, namespace: kube-system, name: cilium}
//	    file: "manifests/**/*.yaml"     # optional
//	    owner: network-team
//	    reason: Cilium is replaced by Calico in change CHG-1234
//	    expires: "2025-12-31"           # the last day the waiver holds
const (
	WaiversAPIVersion = "aksarc-opa.io/v1alpha1"
	WaiversKind       = "Waivers"
)

// Waiver accepts the findings of one rule on the objects it selects until it expires: a waived
// finding stays in the report, marked with its waiver, but does not count toward the verdict or
// the exit code. An expired waiver waives nothing and is reported itself; one in force that
// matches no finding is reported as unused.
type Waiver struct {
	// Rule is the ID of the rule whose findings are waived (AKSARC-010).
	Rule string `json:"rule"`
	// Object selects the objects of those findings.
	Object ObjectSelector `json:"object"`
	// File, when set, limits the waiver to findings in input files that match this glob
	// (*, ? and [...] within a folder, ** across folders; glob.go).
	File string `json:"file,omitempty"`
	// Owner is who answers for the waiver (a team, a person).
	Owner string `json:"owner"`
	// Reason says why the finding is accepted (a ticket, a change, a plan).
	Reason string `json:"reason"`
	// Expires is the last day the waiver holds (YYYY-MM-DD, UTC): on the next day it no
	// longer waives.
	Expires string `json:"expires"`
	// Source is where the waiver is written.
	Source WaiverSource `json:"source"`
}

// ObjectSelector selects objects by kind, namespace and name. Kind and name are required; name
// is exact, or a prefix when it ends in *. Namespace is exact: empty selects objects without a
// namespace (cluster-scoped objects, snapshots, manifests that leave it to kubectl). APIVersion,
// when set, must match too.
type ObjectSelector struct {
	APIVersion string `json:"apiVersion,omitempty"` // optional: any apiVersion when empty
	Kind       string `json:"kind"`                 // exact
	Namespace  string `json:"namespace,omitempty"`  // exact; empty for objects without one
	Name       string `json:"name"`                 // exact, or a prefix when it ends in *
}

// WaiverSource says where a waiver is written: the file, its entry under waivers (from 1) and
// the line the entry starts on (0 when not known).
type WaiverSource struct {
	File  string `json:"file,omitempty"` // the waivers file as given; empty for a waiver built in Go
	Entry int    `json:"entry"`          // the entry under waivers, from 1
	Line  int    `json:"line,omitempty"` // the line the entry starts on; 0 when not known
}

// String is "file:line (entry 3)", or "entry 3" for a waiver given in code.
func (s WaiverSource) String() string {
	entry := fmt.Sprintf("entry %d", s.Entry)
	switch {
	case s.File == "":
		return entry
	case s.Line > 0:
		return fmt.Sprintf("%s:%d (%s)", s.File, s.Line, entry)
	}
	return fmt.Sprintf("%s (%s)", s.File, entry)
}

// String names the waiver's rule and objects: "AKSARC-010 DaemonSet kube-system/cilium".
func (w Waiver) String() string {
	name := w.Object.Name
	if w.Object.Namespace != "" {
		name = w.Object.Namespace + "/" + name
	}
	s := fmt.Sprintf("%s %s %s", w.Rule, w.Object.Kind, name)
	if w.File != "" {
		s += " in " + w.File
	}
	return s
}

// ExpiredWaiver is a waiver whose last day is before the evaluation date: it waives nothing.
type ExpiredWaiver struct {
	Waiver
	// Findings is how many findings of the run the waiver matches: they count again.
	Findings int `json:"findings"`
}

// LoadWaivers reads a waivers file (YAML or JSON). Errors name the file, the entry and what is
// wrong with it; rule IDs are checked against the rules when the evaluator is built (New).
func LoadWaivers(path string) ([]Waiver, error) {
	f, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return DecodeWaivers(path, f)
}

// DecodeWaivers reads a waivers document from r; name is the file name used in errors and in
// each waiver's Source.
func DecodeWaivers(name string, r io.Reader) ([]Waiver, error) {
	data, err := readLimited(name, r, DefaultMaxInputSize)
	if err != nil {
		return nil, err
	}
	raws, err := decodeObjects(name, data)
	if err != nil {
		return nil, err
	}
	if len(raws) != 1 {
		return nil, &InputError{File: name, Problems: []string{fmt.Sprintf("a waivers file holds one document, found %d", len(raws))}}
	}
	doc, src := raws[0].value.(map[string]any), raws[0].source
	var problems []string
	for _, k := range sortedKeys(doc) {
		switch k {
		case "apiVersion", "kind", "waivers":
		default:
			problems = append(problems, fmt.Sprintf("unknown top-level key %q (known: apiVersion, kind, waivers)", k))
		}
	}
	if v, _ := doc["apiVersion"].(string); v != WaiversAPIVersion {
		problems = append(problems, fmt.Sprintf("apiVersion: expected %q, got %s", WaiversAPIVersion, shown(doc["apiVersion"])))
	}
	if v, _ := doc["kind"].(string); v != WaiversKind {
		problems = append(problems, fmt.Sprintf("kind: expected %q, got %s", WaiversKind, shown(doc["kind"])))
	}
	list, ok := doc["waivers"].([]any)
	if !ok {
		problems = append(problems, fmt.Sprintf("waivers: expected a list of waivers, got %s", shown(doc["waivers"])))
	}
	if len(problems) > 0 {
		return nil, &InputError{File: name, Document: src.Document, Line: src.Line, Problems: problems}
	}
	lines := entryLines(data)
	waivers := make([]Waiver, 0, len(list))
	for i, item := range list {
		ws := WaiverSource{File: name, Entry: i + 1}
		if i < len(lines) {
			ws.Line = lines[i]
		}
		w, entryProblems := waiverFrom(item)
		w.Source = ws
		for _, p := range entryProblems {
			problems = append(problems, fmt.Sprintf("%s: %s", entryName(ws), p))
		}
		waivers = append(waivers, w)
	}
	if len(problems) > 0 {
		return nil, &InputError{File: name, Problems: problems}
	}
	return waivers, nil
}

// waiverFrom reads one entry; the problems are in the order of the fields.
func waiverFrom(item any) (Waiver, []string) {
	var w Waiver
	m, ok := item.(map[string]any)
	if !ok {
		return w, []string{fmt.Sprintf("expected a waiver (an object with rule, object, owner, reason, expires), got %s", describe(item))}
	}
	var problems []string
	for _, k := range sortedKeys(m) {
		switch k {
		case "rule", "object", "file", "owner", "reason", "expires":
		default:
			problems = append(problems, fmt.Sprintf("%s: unknown field (known: rule, object, file, owner, reason, expires)", k))
		}
	}
	text := func(key string, required bool) string { return stringField(m, "", key, required, &problems) }
	w.Rule = text("rule", true)
	if v, present := m["object"]; !present || v == nil {
		problems = append(problems, "object: required (kind and name, namespace for namespaced objects)")
	} else if o, ok := v.(map[string]any); !ok {
		problems = append(problems, fmt.Sprintf("object: expected an object (kind, name, namespace, apiVersion), got %s", describe(v)))
	} else {
		for _, k := range sortedKeys(o) {
			switch k {
			case "apiVersion", "kind", "namespace", "name":
			default:
				problems = append(problems, fmt.Sprintf("object.%s: unknown field (known: apiVersion, kind, namespace, name)", k))
			}
		}
		field := func(key string, required bool) string { return stringField(o, "object.", key, required, &problems) }
		w.Object = ObjectSelector{APIVersion: field("apiVersion", false), Kind: field("kind", true),
			Namespace: field("namespace", false), Name: field("name", true)}
	}
	w.File = text("file", false)
	w.Owner = text("owner", true)
	w.Reason = text("reason", true)
	w.Expires = text("expires", true) // YYYY-MM-DD, the last day the waiver holds
	return w, append(problems, w.checkValues()...)
}

// stringField reads a string field of a waiver entry, noting what is wrong with it.
func stringField(m map[string]any, prefix, key string, required bool, problems *[]string) string {
	v, present := m[key]
	s, ok := v.(string)
	switch {
	case !present || v == nil:
		if required {
			*problems = append(*problems, prefix+key+": required")
		}
	case !ok:
		*problems = append(*problems, fmt.Sprintf("%s%s: expected a string, got %s", prefix, key, describe(v)))
	case required && strings.TrimSpace(s) == "":
		*problems = append(*problems, prefix+key+": must not be empty")
	}
	return strings.TrimSpace(s)
}

// check validates a waiver given in code as a file's entry is validated.
func (w Waiver) check() []string {
	var problems []string
	for _, f := range []struct{ key, v string }{{"rule", w.Rule}, {"object.kind", w.Object.Kind},
		{"object.name", w.Object.Name}, {"owner", w.Owner}, {"reason", w.Reason}, {"expires", w.Expires}} {
		if f.v == "" {
			problems = append(problems, f.key+": required")
		}
	}
	return append(problems, w.checkValues()...)
}

// checkValues validates the values that are set: the name and namespace patterns, the file
// glob and the expiry date.
func (w Waiver) checkValues() []string {
	var problems []string
	if i := strings.Index(w.Object.Name, "*"); i >= 0 && i != len(w.Object.Name)-1 {
		problems = append(problems, fmt.Sprintf("object.name %q: * is allowed only at the end (a prefix)", w.Object.Name))
	}
	for _, f := range []struct{ key, v string }{{"kind", w.Object.Kind}, {"namespace", w.Object.Namespace}, {"apiVersion", w.Object.APIVersion}} {
		if strings.Contains(f.v, "*") {
			problems = append(problems, fmt.Sprintf("object.%s %q: matched exactly, no wildcard (only name may end in *)", f.key, f.v))
		}
	}
	if w.File != "" {
		if err := checkGlob(w.File); err != nil {
			problems = append(problems, fmt.Sprintf("file %q: %v", w.File, err))
		}
	}
	if _, err := ParseDate(w.Expires); w.Expires != "" && err != nil {
		var te *TimeError
		if errors.As(err, &te) && te.OutOfRange {
			problems = append(problems, fmt.Sprintf("expires %v", err))
		} else {
			problems = append(problems, fmt.Sprintf("expires %q: expected a date YYYY-MM-DD (the last day the waiver holds)", w.Expires))
		}
	}
	return problems
}

// inForce reports whether the waiver holds at t: through the whole of its expiry day, UTC.
func (w Waiver) inForce(t time.Time) bool {
	last, err := ParseDate(w.Expires)
	return err == nil && t.Before(last.AddDate(0, 0, 1))
}

// matches reports whether the waiver selects the finding (its rule, object and file).
func (w Waiver) matches(f Finding) bool {
	o, r := w.Object, f.Resource
	if w.Rule != f.RuleID || o.Kind != r.Kind || o.Namespace != r.Namespace {
		return false
	}
	if o.APIVersion != "" && o.APIVersion != r.APIVersion {
		return false
	}
	if prefix, wildcard := strings.CutSuffix(o.Name, "*"); wildcard {
		if !strings.HasPrefix(r.Name, prefix) {
			return false
		}
	} else if o.Name != r.Name {
		return false
	}
	return w.File == "" || matchGlob(w.File, f.Source.File)
}

// entryLines returns the line of each item of the top-level waivers list (YAML or JSON: both
// parse as YAML here, and a failure only loses the lines).
func entryLines(data []byte) []int {
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil || len(doc.Content) == 0 {
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "waivers" && root.Content[i+1].Kind == yaml.SequenceNode {
			var lines []int
			for _, n := range root.Content[i+1].Content {
				lines = append(lines, n.Line)
			}
			return lines
		}
	}
	return nil
}

// entryName names an entry in an error: "entry 3 (line 14)".
func entryName(s WaiverSource) string {
	if s.Line > 0 {
		return fmt.Sprintf("entry %d (line %d)", s.Entry, s.Line)
	}
	return fmt.Sprintf("entry %d", s.Entry)
}

// prepareWaivers checks waivers given to New and resolves each rule to its ID. Every problem
// names the waiver's file and entry.
func prepareWaivers(waivers []Waiver, rules []Rule) ([]Waiver, error) {
	out := make([]Waiver, len(waivers))
	byFile := map[string][]string{}
	var files []string
	for i, w := range waivers {
		if w.Source.Entry == 0 {
			w.Source.Entry = i + 1
		}
		problems := w.check()
		if w.Rule != "" {
			if r, ok := ruleByID(rules, w.Rule); ok {
				w.Rule = r.ID
			} else if r, ok := ruleByName(rules, w.Rule); ok {
				problems = append(problems, fmt.Sprintf("rule %q: that is the name of %s; a waiver names the rule by its ID (rule: %s)", w.Rule, r.ID, r.ID))
			} else {
				problems = append(problems, fmt.Sprintf("rule %q: unknown rule ID (aksarc-opa rules lists them)", w.Rule))
			}
		}
		if _, seen := byFile[w.Source.File]; !seen {
			files = append(files, w.Source.File)
		}
		for _, p := range problems {
			byFile[w.Source.File] = append(byFile[w.Source.File], fmt.Sprintf("%s: %s", entryName(w.Source), p))
		}
		out[i] = w
	}
	var errs []error
	for _, f := range files {
		if len(byFile[f]) > 0 {
			errs = append(errs, &InputError{File: firstNonEmpty(f, "waivers"), Problems: byFile[f]})
		}
	}
	switch len(errs) {
	case 0:
	case 1:
		return nil, errs[0]
	default:
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// applyWaivers marks the findings that a waiver in force at asOf matches, and returns the
// expired waivers (with how many findings each matches) and the waivers in force that match
// nothing. Waivers of rules that did not run (ran false) are not reported as unused.
func applyWaivers(waivers []Waiver, findings []Finding, asOf time.Time, ran func(rule string) bool) (expired []ExpiredWaiver, unused []Waiver) {
	expired, unused = []ExpiredWaiver{}, []Waiver{}
	for i := range waivers {
		w := &waivers[i]
		live := w.inForce(asOf)
		matched := 0
		var copied *Waiver // the report's own copy: a caller may change it
		for j := range findings {
			if !w.matches(findings[j]) {
				continue
			}
			matched++
			if live && findings[j].Waiver == nil {
				if copied == nil {
					c := *w
					copied = &c
				}
				findings[j].Waiver = copied
			}
		}
		switch {
		case !live:
			expired = append(expired, ExpiredWaiver{Waiver: *w, Findings: matched})
		case matched == 0 && ran(w.Rule):
			unused = append(unused, *w)
		}
	}
	return expired, unused
}

func ruleByID(rules []Rule, id string) (Rule, bool) {
	for _, r := range rules {
		if strings.EqualFold(r.ID, id) {
			return r, true
		}
	}
	return Rule{}, false
}

func ruleByName(rules []Rule, name string) (Rule, bool) {
	for _, r := range rules {
		if strings.EqualFold(r.Name, name) {
			return r, true
		}
	}
	return Rule{}, false
}

func sortedKeys(m map[string]any) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// shown is a value for an error message: a string in quotes, anything else by its type.
func shown(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	if v == nil {
		return "nothing"
	}
	return describe(v)
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
