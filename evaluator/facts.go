package evaluator

import (
	"fmt"
	"slices"
	"strings"
)

// A requirement is one entry of a rule's METADATA `requires`: a ClusterSnapshot fact without
// which the rule cannot judge the snapshot. The grammar (docs/rules.md, "Facts a rule needs"):
//
//	[<Platform>: ] <path> [ | <path> ...] [ when <path>=<value>[,<value>...] ]
//
// A path is dotted from the document root ("spec.cluster.power.since"); "name[]" walks every
// item of an array. Alternatives separated by " | " are satisfied by any one; a platform prefix
// limits the entry to snapshots of that platform; a "when" clause limits it to snapshots whose
// field has one of the values (the stop date only matters for a stopped cluster).
type requirement struct {
	text       string     // as written in the METADATA
	platform   string     // "" for every platform
	anyOf      [][]string // alternative paths, split into segments
	whenPath   []string
	whenValues []string
}

func parseRequirement(s string) (requirement, error) {
	r := requirement{text: s}
	rest := strings.TrimSpace(s)
	if p, after, ok := strings.Cut(rest, ":"); ok {
		if !validPlatform(strings.TrimSpace(p)) {
			return r, fmt.Errorf("requires %q: %q is not a platform (%s)", s, strings.TrimSpace(p), strings.Join(Platforms, ", "))
		}
		r.platform, rest = strings.TrimSpace(p), after
	}
	if facts, cond, ok := strings.Cut(rest, " when "); ok {
		path, values, found := strings.Cut(cond, "=")
		if !found || strings.TrimSpace(values) == "" {
			return r, fmt.Errorf("requires %q: expected \"when <path>=<value>[,<value>]\"", s)
		}
		var err error
		if r.whenPath, err = splitPath(s, path); err != nil {
			return r, err
		}
		for _, v := range strings.Split(values, ",") {
			r.whenValues = append(r.whenValues, strings.TrimSpace(v))
		}
		rest = facts
	}
	for _, alt := range strings.Split(rest, "|") {
		path, err := splitPath(s, alt)
		if err != nil {
			return r, err
		}
		r.anyOf = append(r.anyOf, path)
	}
	return r, nil
}

// splitPath checks one snapshot path: dotted, non-empty segments, rooted at spec.
func splitPath(entry, path string) ([]string, error) {
	segs := strings.Split(strings.TrimSpace(path), ".")
	if len(segs) < 2 || segs[0] != "spec" {
		return nil, fmt.Errorf("requires %q: %q is not a ClusterSnapshot path (spec.<field>...)", entry, strings.TrimSpace(path))
	}
	for _, seg := range segs {
		if strings.TrimSuffix(seg, "[]") == "" || strings.ContainsAny(seg, " \t") {
			return nil, fmt.Errorf("requires %q: %q has an empty or malformed segment", entry, strings.TrimSpace(path))
		}
	}
	return segs, nil
}

// Facts returns the text of the entry without its platform prefix and condition: what the
// report shows as missing.
func (r requirement) facts() string {
	var paths []string
	for _, p := range r.anyOf {
		paths = append(paths, strings.Join(p, "."))
	}
	return strings.Join(paths, " or ")
}

// missing reports whether the snapshot lacks the fact although the requirement applies to it.
func (r requirement) missing(doc map[string]any, platform string) bool {
	if r.platform != "" && r.platform != platform {
		return false
	}
	if r.whenPath != nil && !slices.ContainsFunc(lookup(doc, r.whenPath), func(v any) bool {
		s, ok := v.(string)
		return ok && slices.Contains(r.whenValues, s)
	}) {
		return false
	}
	for _, p := range r.anyOf {
		if slices.ContainsFunc(lookup(doc, p), present) {
			return false
		}
	}
	return true
}

// lookup returns every value at the path ("name[]" walks the items of an array).
func lookup(v any, path []string) []any {
	if len(path) == 0 {
		return []any{v}
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	key, walk := strings.CutSuffix(path[0], "[]")
	next, ok := m[key]
	if !ok {
		return nil
	}
	if !walk {
		return lookup(next, path[1:])
	}
	items, _ := next.([]any)
	var out []any
	for _, item := range items {
		out = append(out, lookup(item, path[1:])...)
	}
	return out
}

// present is false for null and "": a fact nobody filled in. An empty list or object is a fact
// ("no preview features are on").
func present(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case string:
		return strings.TrimSpace(x) != ""
	}
	return true
}

// NotEvaluated is a rule that could not judge a ClusterSnapshot because facts it needs are
// missing from it. It is listed only when the rule gave no finding on that snapshot: its
// silence there means "unknown", not "fine".
type NotEvaluated struct {
	RuleID   string   `json:"ruleID"`   // the rule that could not judge
	Name     string   `json:"name"`     // its name
	Resource Resource `json:"resource"` // the document it could not judge
	Source   Source   `json:"source"`   // where that document is
	// Missing are the facts that would let the rule judge, one per requirement, alternatives
	// joined with "or".
	Missing []string `json:"missing"`
}

// notEvaluated lists, for one document, the facts its rules could not judge: for a snapshot,
// every snapshot rule that gave no finding and lacks a fact of its METADATA requires; for any
// document, what a rule reported itself (a node pool whose image carries no date), whether or
// not it fired elsewhere in the document.
func (e *Evaluator) notEvaluated(d *Document, res docResult) []NotEvaluated {
	var out []NotEvaluated
	snapshot := d.IsClusterSnapshot()
	var platform string
	if snapshot {
		platform = e.snapshotPlatform(d)
	}
	fired := map[string]bool{}
	for _, f := range res.findings {
		fired[f.RuleID] = true
	}
	for _, r := range e.rules {
		var missing []string
		if snapshot && !fired[r.ID] && (r.Input == "snapshot" || r.Input == "both") {
			for _, req := range r.requirements {
				if req.missing(d.Object, platform) {
					missing = append(missing, req.facts())
				}
			}
		}
		reported := slices.Clone(res.unjudged[r.ID])
		slices.Sort(reported)
		missing = append(missing, reported...)
		if len(missing) > 0 {
			out = append(out, NotEvaluated{RuleID: r.ID, Name: r.Name, Resource: d.Resource(), Source: d.Source, Missing: missing})
		}
	}
	return out
}

// snapshotPlatform is the platform the policies judge a snapshot for: its own, else the
// settings', else the default (lib.aksarc.snapshot.platform, lib.aksarc.context).
func (e *Evaluator) snapshotPlatform(d *Document) string {
	spec, _ := d.Object["spec"].(map[string]any)
	if p, ok := spec["platform"].(string); ok && p != "" {
		return p
	}
	if e.settings.Platform != "" {
		return e.settings.Platform
	}
	return Platforms[0]
}
