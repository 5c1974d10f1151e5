package gatekeeper

import (
	"fmt"
	"io/fs"
	"slices"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

const (
	dispatchFile  = "lib/dispatch.rego"
	snapshotKind  = "ClusterSnapshot"
	dispatchRules = "rules"
	kindGroups    = "kind_groups"
	anyGroup      = "any"
)

// ruleKinds reads the kind dispatch of lib/dispatch.rego: for each rule ID, the kinds its group
// judges (a ClusterSnapshot always), or nil for a rule of the "any" group, which judges objects
// of every kind. A rule the dispatch does not name is missing from the map.
func ruleKinds(policiesFS fs.FS) (map[string][]string, error) {
	src, err := fs.ReadFile(policiesFS, dispatchFile)
	if err != nil {
		return nil, err
	}
	m, err := ast.ParseModuleWithOpts(dispatchFile, string(src), ast.ParserOptions{RegoVersion: ast.RegoV1})
	if err != nil {
		return nil, err
	}
	groupKinds := map[string][]string{} // group -> the kinds (besides snapshots) it judges
	ids := map[string]string{}          // rule ID -> group
	for _, r := range m.Rules {
		name := r.Head.Name.String()
		if name != kindGroups && name != dispatchRules {
			continue
		}
		obj, ok := r.Head.Value.Value.(ast.Object)
		if !ok {
			return nil, fmt.Errorf("%s: %s is not an object literal", dispatchFile, name)
		}
		var ferr error
		obj.Foreach(func(k, v *ast.Term) {
			key, ok := k.Value.(ast.String)
			if !ok {
				ferr = fmt.Errorf("%s: %s has a key that is not a string", dispatchFile, name)
				return
			}
			switch name {
			case kindGroups:
				groups, ok := v.Value.(ast.Set)
				if !ok {
					ferr = fmt.Errorf("%s: %s maps a kind to a set of group names", dispatchFile, kindGroups)
					return
				}
				groups.Foreach(func(g *ast.Term) {
					if s, ok := g.Value.(ast.String); ok {
						groupKinds[string(s)] = append(groupKinds[string(s)], string(key))
					}
				})
			case dispatchRules:
				var group ast.String
				if obj, ok := v.Value.(ast.Object); ok {
					if g := obj.Get(ast.StringTerm("group")); g != nil {
						group, _ = g.Value.(ast.String)
					}
				}
				if group == "" {
					ferr = fmt.Errorf("%s: %s gives rule %s no group", dispatchFile, dispatchRules, key)
					return
				}
				ids[string(key)] = string(group)
			}
		})
		if ferr != nil {
			return nil, ferr
		}
	}
	out := map[string][]string{}
	for id, group := range ids {
		if group == anyGroup {
			out[id] = nil
			continue
		}
		out[id] = append([]string{snapshotKind}, groupKinds[group]...)
	}
	return out, nil
}

// matchKinds is what an area's Constraints match: the kinds its rules can fire on, or nil (every
// kind) when one of them judges any kind or is not in the dispatch. Gatekeeper then
// does not evaluate the template for objects none of its rules could judge. API groups are "*":
// the rules check the group themselves, so matching more groups only costs time.
func matchKinds(rules []evaluator.Rule, kinds map[string][]string) []string {
	var out []string
	for _, r := range rules {
		k, ok := kinds[r.ID]
		if !ok || k == nil {
			return nil
		}
		out = append(out, k...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
