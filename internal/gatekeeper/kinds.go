package gatekeeper

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

const (
	registryFile  = "rules/registry.rego"
	snapshotKind  = "ClusterSnapshot"
	groupFindings = "group_findings"
	kindGroups    = "_kind_groups"
	anyGroup      = "any"
)

// ruleKinds reads the kind dispatch of rules/registry.rego: for each rule package, the kinds
// its group judges (a ClusterSnapshot always), or nil for a rule of the "any" group, which
// judges objects of every kind. A package the registry does not name is missing from the map.
func ruleKinds(policiesFS fs.FS) (map[string][]string, error) {
	src, err := fs.ReadFile(policiesFS, registryFile)
	if err != nil {
		return nil, err
	}
	m, err := ast.ParseModuleWithOpts(registryFile, string(src), ast.ParserOptions{RegoVersion: ast.RegoV1})
	if err != nil {
		return nil, err
	}
	alias := map[string]string{}
	for _, imp := range m.Imports {
		path := imp.Path.String()
		alias[imp.Alias.String()] = path
		if imp.Alias == "" {
			alias[path[strings.LastIndex(path, ".")+1:]] = path
		}
	}
	groupKinds := map[string][]string{} // group -> the kinds (besides snapshots) it judges
	packages := map[string]string{}     // rule package -> group
	for _, r := range m.Rules {
		switch r.Head.Name.String() {
		case kindGroups:
			obj, ok := r.Head.Value.Value.(ast.Object)
			if !ok {
				return nil, fmt.Errorf("%s: %s is not an object literal", registryFile, kindGroups)
			}
			var ferr error
			obj.Foreach(func(k, v *ast.Term) {
				kind, ok1 := k.Value.(ast.String)
				groups, ok2 := v.Value.(ast.Set)
				if !ok1 || !ok2 {
					ferr = fmt.Errorf("%s: %s maps a kind to a set of group names", registryFile, kindGroups)
					return
				}
				groups.Foreach(func(g *ast.Term) {
					if s, ok := g.Value.(ast.String); ok {
						groupKinds[string(s)] = append(groupKinds[string(s)], string(kind))
					}
				})
			})
			if ferr != nil {
				return nil, ferr
			}
		case groupFindings:
			if len(r.Head.Args) == 0 {
				continue
			}
			group, ok := r.Head.Args[0].Value.(ast.String)
			if !ok {
				return nil, fmt.Errorf("%s:%d: %s takes a group name first", registryFile, r.Location.Row, groupFindings)
			}
			ast.WalkRefs(r, func(ref ast.Ref) bool {
				if len(ref) == 2 && ref[1].Equal(ast.StringTerm("violations")) {
					if pkg, ok := alias[ref[0].String()]; ok {
						packages[pkg] = string(group)
					}
				}
				return false
			})
		}
	}
	out := map[string][]string{}
	for pkg, group := range packages {
		if group == anyGroup {
			out[pkg] = nil
			continue
		}
		out[pkg] = append([]string{snapshotKind}, groupKinds[group]...)
	}
	return out, nil
}

// matchKinds is what an area's Constraints match: the kinds its rules can fire on, or nil (every
// kind) when one of them judges any kind or is not dispatched by the registry. Gatekeeper then
// does not evaluate the template for objects none of its rules could judge. API groups are "*":
// the rules check the group themselves, so matching more groups only costs time.
func matchKinds(rules []evaluator.Rule, kinds map[string][]string) []string {
	var out []string
	for _, r := range rules {
		k, ok := kinds[r.Package]
		if !ok || k == nil {
			return nil
		}
		out = append(out, k...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
