package evaluator

import (
	"fmt"
	"sort"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Rule is one entry of the catalog, read from the METADATA of its Rego package.
type Rule struct {
	ID            string   `json:"id"`                   // the stable ID, AKSARC-NNN
	Name          string   `json:"name"`                 // the stable name, kebab-case
	Severity      Severity `json:"severity"`             // deny or warn
	WarnWhen      string   `json:"warnWhen,omitempty"`   // when a deny rule's findings are warnings (Severities)
	Title         string   `json:"title"`                // one line
	Description   string   `json:"description"`          // what fires it
	PolicySection string   `json:"policySection"`        // the support policy section it checks
	PolicyURL     string   `json:"policyURL"`            // the Learn URL of that section
	Remediation   string   `json:"remediation"`          // what to do
	Input         string   `json:"input"`                // snapshot, object or both
	Requires      []string `json:"requires,omitempty"`   // the snapshot facts it needs (facts.go)
	Parameters    []string `json:"parameters,omitempty"` // the thresholds it reads
	Package       string   `json:"package"`              // its Rego package (data.lib.aksarc.rules...)
	File          string   `json:"file"`                 // its Rego file, relative to policies/

	requirements []requirement
}

// rulesFromAnnotations collects every package annotation that carries a rule ID.
func rulesFromAnnotations(c *ast.Compiler) ([]Rule, error) {
	var rules []Rule
	seen := map[string]string{}
	for _, ref := range c.GetAnnotationSet().Flatten() {
		a := ref.Annotations
		if a == nil || a.Scope != "package" {
			continue
		}
		id, _ := a.Custom["id"].(string)
		if id == "" {
			continue
		}
		pkg := ref.Path.String()
		if other, dup := seen[id]; dup {
			return nil, fmt.Errorf("rule %s is declared twice: %s and %s", id, other, pkg)
		}
		seen[id] = pkg
		r := Rule{
			ID:            id,
			Name:          str(a.Custom["name"]),
			Severity:      Severity(str(a.Custom["severity"])),
			WarnWhen:      str(a.Custom["warnWhen"]),
			Title:         a.Title,
			Description:   a.Description,
			PolicySection: str(a.Custom["section"]),
			Remediation:   str(a.Custom["remediation"]),
			Input:         str(a.Custom["input"]),
			Package:       pkg,
			Parameters:    strs(a.Custom["parameters"]),
		}
		if a.Location != nil {
			r.File = a.Location.File
		}
		if len(a.RelatedResources) > 0 {
			r.PolicyURL = a.RelatedResources[0].Ref.String()
		}
		if req, ok := a.Custom["requires"].([]any); ok {
			for _, f := range req {
				r.Requires = append(r.Requires, str(f))
			}
		}
		for _, text := range r.Requires {
			req, err := parseRequirement(text)
			if err != nil {
				return nil, fmt.Errorf("rule %s (%s): %w", id, pkg, err)
			}
			r.requirements = append(r.requirements, req)
		}
		if r.Name == "" || r.Title == "" || r.PolicySection == "" || r.PolicyURL == "" || r.Remediation == "" ||
			(r.Severity != SeverityDeny && r.Severity != SeverityWarn) {
			return nil, fmt.Errorf("rule %s (%s): METADATA needs title, related_resources and custom name, severity (deny|warn), section and remediation", id, pkg)
		}
		if r.WarnWhen != "" && r.Severity != SeverityDeny {
			return nil, fmt.Errorf("rule %s (%s): warnWhen is for a deny rule whose findings are sometimes warnings", id, pkg)
		}
		rules = append(rules, r)
	}
	sort.Slice(rules, func(i, j int) bool { return rules[i].ID < rules[j].ID })
	return rules, nil
}

// Severities are the severities the rule's findings can have: its own, and warn when WarnWhen
// (METADATA custom warnWhen) says when a deny rule's statement has a milder case (AKSARC-010 on
// objects that run nothing, AKSARC-043 inside a maintenance window).
func (r Rule) Severities() []Severity {
	if r.WarnWhen != "" && r.Severity != SeverityWarn {
		return []Severity{r.Severity, SeverityWarn}
	}
	return []Severity{r.Severity}
}

func strs(v any) []string {
	list, _ := v.([]any)
	var out []string
	for _, x := range list {
		out = append(out, str(x))
	}
	return out
}

func str(v any) string {
	s, _ := v.(string)
	return s
}
