package evaluator

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// WithRules selects the rules a report covers, by ID (AKSARC-010, any case) or name
// (kube-system-foreign-object). With include empty every rule is included; a rule in exclude is
// skipped even when it is also in include. The findings and not-evaluated entries of skipped
// rules are left out of the report, which lists the skipped rules (Report.SkippedRules) and is
// not complete (Summary.Complete false), so that a partial run is never read as a full one.
// An unknown ID or name is an *UnknownRuleError from New.
func WithRules(include, exclude []string) Option {
	return func(c *config) {
		c.include = append([]string(nil), include...)
		c.exclude = append([]string(nil), exclude...)
	}
}

// WithWaivers applies waivers (LoadWaivers, DecodeWaivers, or built in code) to every report:
// a finding a waiver in force on the evaluation date matches is kept, marked with the waiver
// (Finding.Waiver), and counted as waived instead of deny or warn. Expired waivers
// (Report.ExpiredWaivers) and waivers in force that match no finding (Report.UnusedWaivers) are
// reported. New checks each waiver (a known rule ID, the object selector, the file glob, owner,
// reason and the expiry date) and names the file and entry of any that is wrong.
func WithWaivers(waivers []Waiver) Option {
	return func(c *config) { c.waivers = append(c.waivers, waivers...) }
}

// ErrNoRulesSelected is a rule selection (WithRules) that skips every rule.
var ErrNoRulesSelected = errors.New("the rule selection leaves no rule to run (a rule both to run and to skip is skipped)")

// UnknownRuleError is a rule selection (WithRules) that names rules this build does not have.
type UnknownRuleError struct {
	// Names are the IDs or names that are not rules, as given.
	Names []string
	// Skip is true when they were given as rules to skip (exclude), false for rules to run.
	Skip bool
}

// Error names the unknown rules and says what a rule selection accepts.
func (e *UnknownRuleError) Error() string {
	which := "to run"
	if e.Skip {
		which = "to skip"
	}
	quoted := make([]string, len(e.Names))
	for i, n := range e.Names {
		quoted[i] = fmt.Sprintf("%q", n)
	}
	return fmt.Sprintf("unknown %s %s in the rules %s: give rule IDs (AKSARC-010) or names (kube-system-foreign-object); aksarc-opa rules lists them",
		plural(len(e.Names), "rule", "rules"), strings.Join(quoted, ", "), which)
}

// selectRules returns the IDs of the rules the selection skips (nil when it skips none).
func selectRules(rules []Rule, include, exclude []string) (map[string]bool, error) {
	resolve := func(names []string, skip bool) (map[string]bool, error) {
		ids := map[string]bool{}
		var unknown []string
		for _, n := range names {
			n = strings.TrimSpace(n)
			if n == "" {
				continue
			}
			r, ok := ruleByID(rules, n)
			if !ok {
				r, ok = ruleByName(rules, n)
			}
			if !ok {
				unknown = append(unknown, n)
				continue
			}
			ids[r.ID] = true
		}
		if len(unknown) > 0 {
			return nil, &UnknownRuleError{Names: unknown, Skip: skip}
		}
		return ids, nil
	}
	in, err := resolve(include, false)
	if err != nil {
		return nil, err
	}
	out, err := resolve(exclude, true)
	if err != nil {
		return nil, err
	}
	skipped := map[string]bool{}
	for _, r := range rules {
		if (len(in) > 0 && !in[r.ID]) || out[r.ID] {
			skipped[r.ID] = true
		}
	}
	if len(skipped) == len(rules) {
		return nil, ErrNoRulesSelected
	}
	if len(skipped) == 0 {
		return nil, nil
	}
	return skipped, nil
}

// sortedIDs lists the IDs of a set, sorted.
func sortedIDs(set map[string]bool) []string {
	ids := make([]string, 0, len(set))
	for id := range set {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// selected drops the findings of skipped rules.
func (e *Evaluator) selected(findings []Finding) []Finding {
	return slices.DeleteFunc(findings, func(f Finding) bool { return e.skipped[f.RuleID] })
}

// selectedNotEvaluated drops the not-evaluated entries of skipped rules.
func (e *Evaluator) selectedNotEvaluated(list []NotEvaluated) []NotEvaluated {
	return slices.DeleteFunc(list, func(n NotEvaluated) bool { return e.skipped[n.RuleID] })
}

// SkippedRules returns the IDs of the rules the rule selection (WithRules) leaves out, sorted.
func (e *Evaluator) SkippedRules() []string { return sortedIDs(e.skipped) }
