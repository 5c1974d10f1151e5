package output

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

// Text is the report a person reads: the verdict first, then the findings grouped by object
// (in input order): the object and where it is, then each rule that fired on it, deny before
// warn, with what it found, the policy section and what to do. Several findings of one rule on
// one object (two outdated node pools) share the rule's policy and fix. Each snapshot's support
// runway (the dated changes ahead) follows the summary.
type Text struct {
	// Color writes the verdict and severities in colour (color.go); the command sets it only
	// for a terminal.
	Color bool
}

// Write writes the text report.
func (t Text) Write(w io.Writer, r *evaluator.Report) error {
	r = defused(r) // names and messages come from the input (escape.go)
	s := r.Summary
	var b strings.Builder
	verdict := strings.ToUpper(string(s.Verdict))
	if !s.Complete && s.Verdict != evaluator.VerdictOutOfSupport {
		verdict += " AS FAR AS CHECKED" // some rules could not judge: see Not evaluated
	}
	if (s.Verdict == evaluator.VerdictOutOfSupport && s.Deny == 0) || (s.Verdict == evaluator.VerdictAtRisk && s.Warn == 0) {
		verdict += " (ACCEPTED BY WAIVERS)" // the findings behind the verdict are all waived
	}
	fmt.Fprintf(&b, "Verdict: %s (as of %s%s)\n", t.paint(verdictColor(s.Verdict), verdict), s.AsOf.Format("2006-01-02"), catalogNote(s, "; ", ""))
	fmt.Fprintf(&b, "%s denied, %s at risk, in %s checked.\n",
		plural(s.Deny, "finding", "findings"), plural(s.Warn, "finding", "findings"), plural(s.Documents, "document", "documents"))
	if s.NotEvaluated > 0 {
		fmt.Fprintf(&b, "%s not evaluated: facts are missing (listed at the end).\n", plural(s.NotEvaluated, "rule was", "rules were"))
	}
	writeRunStatus(&b, r, "listed at the end", "listed at the end") // waived findings, expired waivers, skipped rules
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "Note: %s.\n", n)
	}
	t.writeRunway(&b, r.Runway)
	for _, blk := range byOwner(r.Findings) {
		t.writeBlock(&b, blk)
	}
	if len(r.Findings) == 0 {
		if s.Complete {
			b.WriteString("\nNo findings: nothing the rules check puts this input out of support.\n")
		} else if s.NotEvaluated == 0 {
			b.WriteString("\nNo findings from the rules that ran; the skipped rules did not judge.\n")
		} else {
			b.WriteString("\nNo findings from the rules that could judge; the rules listed under Not evaluated could not.\n")
		}
	}
	writeNotEvaluated(&b, r.NotEvaluated)
	writeWaivers(&b, r)
	writeSkipped(&b, r.Skipped)
	_, err := io.WriteString(w, b.String())
	return err
}

// byObject splits the findings, which come in input order, into runs that concern one object.
func byObject(findings []evaluator.Finding) [][]evaluator.Finding {
	var groups [][]evaluator.Finding
	for i := 0; i < len(findings); {
		key := findings[i].Source
		j := i + 1
		for j < len(findings) && sameDocument(findings[j].Source, key) {
			j++
		}
		groups = append(groups, append([]evaluator.Finding(nil), findings[i:j]...))
		i = j
	}
	return groups
}

// block is what the text report shows under one object: its own findings and those of the
// objects of the run it owns (a Deployment's ReplicaSets and Pods).
type block struct {
	resource evaluator.Resource
	source   evaluator.Source
	own      []evaluator.Finding
	owned    []evaluator.Finding
}

// byOwner gathers the findings by object, in input order, with the findings of owned objects
// under their owner (which appears where its first finding, or its first owned object's, does).
func byOwner(findings []evaluator.Finding) []*block {
	var blocks []*block
	index := map[evaluator.Source]*block{}
	get := func(res evaluator.Resource, src evaluator.Source) *block {
		key := evaluator.Source{File: src.File, Document: src.Document, Item: src.Item}
		if b, ok := index[key]; ok {
			return b
		}
		b := &block{resource: res, source: src}
		index[key] = b
		blocks = append(blocks, b)
		return b
	}
	for _, group := range byObject(findings) {
		f := group[0]
		if f.Owner != nil {
			b := get(f.Owner.Resource, f.Owner.Source)
			b.owned = append(b.owned, group...)
			continue
		}
		b := get(f.Resource, f.Source)
		b.own = append(b.own, group...)
	}
	return blocks
}

// writeBlock writes one object and its findings: per rule, the object's own findings, then the
// objects it owns that have the same finding, counted by kind ("Also on: 1 ReplicaSet and 12
// Pods of it"); a rule that fired only on owned objects shows the first one's finding.
func (t Text) writeBlock(b *strings.Builder, blk *block) {
	b.WriteString("\n")
	head := counts(blk.own)
	if len(blk.owned) > 0 {
		more := fmt.Sprintf("%s on %s of it", plural(len(blk.owned), "more finding", "more findings"), kindCounts(blk.owned))
		if head == "" {
			head = more
		} else {
			head += "; " + more
		}
	}
	fmt.Fprintf(b, "Object:  %s (%s)\n", object(blk.resource), head)
	fmt.Fprintf(b, "Where:   %s\n", blk.source)
	all := append(append([]evaluator.Finding(nil), blk.own...), blk.owned...)
	// Deny, warn, waived; by rule within each, so that owned objects' findings join their
	// rule's group (each object's own findings come by rule ID already).
	sort.SliceStable(all, func(i, j int) bool {
		if ri, rj := rank(all[i]), rank(all[j]); ri != rj {
			return ri < rj
		}
		return all[i].RuleID < all[j].RuleID
	})
	for i := 0; i < len(all); {
		f := all[i]
		j := i + 1
		for j < len(all) && all[j].RuleID == f.RuleID && (all[j].Waiver == nil) == (f.Waiver == nil) {
			j++
		}
		var own, owned []evaluator.Finding
		for _, g := range all[i:j] {
			if g.Owner == nil {
				own = append(own, g)
			} else {
				owned = append(owned, g)
			}
		}
		fmt.Fprintf(b, "  %s %s %s: %s\n", t.paint(findingColor(f), marker(f)), f.RuleID, f.Name, f.Title)
		for _, g := range own {
			fmt.Fprintf(b, "    Finding: %s\n", g.Message)
		}
		if len(owned) > 0 {
			if len(own) == 0 {
				fmt.Fprintf(b, "    Finding: %s\n", owned[0].Message)
				fmt.Fprintf(b, "    On:      %s of it (the first: %s)\n", kindCounts(owned), owned[0].Source)
			} else {
				fmt.Fprintf(b, "    Also on: %s of it\n", kindCounts(owned))
			}
		}
		if f.Waiver != nil {
			fmt.Fprintf(b, "    Waived:  %s\n", waivedBy(f.Waiver))
		}
		fmt.Fprintf(b, "    Policy:  %s (%s)\n", f.PolicySection, f.PolicyURL)
		fmt.Fprintf(b, "    Fix:     %s\n", f.Remediation)
		i = j
	}
}

// kindCounts counts the distinct objects of the findings by kind, in order of appearance:
// "1 ReplicaSet and 12 Pods".
func kindCounts(findings []evaluator.Finding) string {
	var kinds []string
	n := map[string]int{}
	seen := map[evaluator.Source]bool{}
	for _, f := range findings {
		key := evaluator.Source{File: f.Source.File, Document: f.Source.Document, Item: f.Source.Item}
		if seen[key] {
			continue
		}
		seen[key] = true
		if n[f.Resource.Kind] == 0 {
			kinds = append(kinds, f.Resource.Kind)
		}
		n[f.Resource.Kind]++
	}
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = plural(n[k], k, k+"s")
	}
	switch len(parts) {
	case 1:
		return parts[0]
	default:
		return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
	}
}

func sameDocument(a, b evaluator.Source) bool {
	return a.File == b.File && a.Document == b.Document && a.Item == b.Item
}

// rank orders deny before warn, and waived after both.
func rank(f evaluator.Finding) int {
	r := 0
	if f.Severity != evaluator.SeverityDeny {
		r = 1
	}
	if f.Waiver != nil {
		r += 2
	}
	return r
}

// counts says how many findings of each severity an object has: "2 denied, 1 at risk, 1 waived".
func counts(group []evaluator.Finding) string {
	deny, warn, waived := 0, 0, 0
	for _, f := range group {
		switch {
		case f.Waiver != nil:
			waived++
		case f.Severity == evaluator.SeverityDeny:
			deny++
		default:
			warn++
		}
	}
	var parts []string
	if deny > 0 {
		parts = append(parts, fmt.Sprintf("%d denied", deny))
	}
	if warn > 0 {
		parts = append(parts, fmt.Sprintf("%d at risk", warn))
	}
	if waived > 0 {
		parts = append(parts, fmt.Sprintf("%d waived", waived))
	}
	return strings.Join(parts, ", ")
}

// writeNotEvaluated lists, per snapshot, the rules that could not judge it and the facts that
// would let them (rules that need the same facts share a line), so that silence is never
// mistaken for a clean bill of health.
func writeNotEvaluated(b *strings.Builder, list []evaluator.NotEvaluated) {
	if len(list) == 0 {
		return
	}
	fmt.Fprintf(b, "\nNot evaluated (%s could not judge a snapshot: facts are missing from it):\n", plural(len(list), "rule", "rules"))
	for i := 0; i < len(list); {
		doc := list[i].Source
		fmt.Fprintf(b, "  %s in %s\n", object(list[i].Resource), doc)
		var needs []string
		rules := map[string][]string{}
		for ; i < len(list) && list[i].Source == doc; i++ {
			need := strings.Join(list[i].Missing, "; ")
			if _, seen := rules[need]; !seen {
				needs = append(needs, need)
			}
			rules[need] = append(rules[need], list[i].RuleID)
		}
		for _, need := range needs {
			fmt.Fprintf(b, "    %s: needs %s\n", strings.Join(rules[need], ", "), need)
		}
	}
}

func object(r evaluator.Resource) string {
	name := r.Name
	if r.Namespace != "" {
		name = r.Namespace + "/" + r.Name
	}
	return fmt.Sprintf("%s %s", r.Kind, name)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// catalogNote is how far the catalog knows ("catalog reviewed 2026-12-05, facts through
// 2026-05") between open and close, or "" when the summary carries neither: every format states
// it, as a verdict holds only as far as the catalog's facts go.
func catalogNote(s evaluator.Summary, open, close string) string {
	var parts []string
	if s.CatalogReviewed != "" {
		parts = append(parts, "catalog reviewed "+s.CatalogReviewed)
	}
	if s.FactsThrough != "" {
		parts = append(parts, "facts through "+s.FactsThrough)
	}
	if len(parts) == 0 {
		return ""
	}
	return open + strings.Join(parts, ", ") + close
}
