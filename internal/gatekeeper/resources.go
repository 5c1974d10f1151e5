package gatekeeper

import (
	"fmt"
	"slices"
	"strings"

	"sigs.k8s.io/yaml"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

// InstallOrder is the order in which the folders of deploy/gatekeeper are applied, each a
// kustomization: the ClusterSnapshot CRD and the ConstraintTemplates first; the Constraints only
// once Gatekeeper has made a CRD of each template's kind (docs/gatekeeper.md, "Install").
var InstallOrder = []string{"templates", "constraints"}

// PartOf is the label every generated resource carries (app.kubernetes.io/part-of): Gatekeeper
// copies a template's labels onto the Constraint CRD it makes, so one selector waits for them.
const PartOf = "aksarc-opa"

// Files returns every generated file of deploy/gatekeeper, keyed by its path there: crd/,
// templates/ and constraints/, each with a kustomization.yaml; templates/ includes ../crd.
func Files(in Inputs, areas []*Area) (map[string][]byte, error) {
	files := map[string][]byte{}
	add := func(name string, obj any) error {
		b, err := yaml.Marshal(obj)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		files[name] = append([]byte(Header), b...)
		return nil
	}
	kustomization := func(dir string, resources []string) error {
		return add(dir+"/kustomization.yaml", map[string]any{
			"apiVersion": "kustomize.config.k8s.io/v1beta1",
			"kind":       "Kustomization",
			// A name, so that tools that read every YAML file (gator test -f) tell them apart.
			"metadata":  map[string]any{"name": "aksarc-opa-" + dir},
			"resources": resources,
		})
	}
	if err := add("crd/clustersnapshot.yaml", snapshotCRD()); err != nil {
		return nil, err
	}
	if err := kustomization("crd", []string{"clustersnapshot.yaml"}); err != nil {
		return nil, err
	}
	templates := []string{"../crd"}
	for _, a := range areas {
		if err := add(a.TemplateFile(), a.template(in)); err != nil {
			return nil, err
		}
		templates = append(templates, a.Name+".yaml")
	}
	if err := kustomization("templates", templates); err != nil {
		return nil, err
	}
	var constraints []string
	for _, a := range areas {
		for _, sev := range a.severities() {
			name := a.Name + "-" + string(sev) + ".yaml"
			if err := add("constraints/"+name, a.constraint(in, sev, "")); err != nil {
				return nil, err
			}
			constraints = append(constraints, name)
		}
	}
	if err := kustomization("constraints", constraints); err != nil {
		return nil, err
	}
	return files, nil
}

// Argo CD applies a lower sync wave first and waits until it is healthy (for a
// ConstraintTemplate: Gatekeeper made its CRD); the Constraints' kinds do not exist when Argo CD
// dry-runs the sync, hence SkipDryRunOnMissingResource.
const (
	syncWave         = "argocd.argoproj.io/sync-wave"
	syncOptions      = "argocd.argoproj.io/sync-options"
	skipMissingKinds = "SkipDryRunOnMissingResource=true"
)

func partOfLabels() map[string]any { return map[string]any{"app.kubernetes.io/part-of": PartOf} }

// severities are the severities of the area's findings: a rule whose findings can also be
// warnings (warnWhen) needs the area's warn Constraint too.
func (a *Area) severities() []evaluator.Severity {
	var out []evaluator.Severity
	for _, sev := range []evaluator.Severity{evaluator.SeverityDeny, evaluator.SeverityWarn} {
		if slices.ContainsFunc(a.Rules, func(r evaluator.Rule) bool { return slices.Contains(r.Severities(), sev) }) {
			out = append(out, sev)
		}
	}
	return out
}

// ruleIDs are the rules whose findings can have the severity ("": every rule of the area).
func (a *Area) ruleIDs(sev evaluator.Severity) []string {
	var ids []string
	for _, r := range a.Rules {
		if sev == "" || slices.Contains(r.Severities(), sev) {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

// Severities are the severities of the area's findings, deny first: one Constraint each.
func (a *Area) Severities() []evaluator.Severity { return a.severities() }

// MatchKinds are the kinds the area's Constraints match; nil: every kind.
func (a *Area) MatchKinds() []string { return slices.Clone(a.kinds) }

// RuleIDs are the rules whose findings can have the severity ("": every rule of the area).
func (a *Area) RuleIDs(sev evaluator.Severity) []string { return a.ruleIDs(sev) }

// WarnFirst is true for an area whose Constraints ship with enforcementAction warn whatever
// the severity: denying there is an opt-in (docs/gatekeeper.md, "Never break the platform").
func (a *Area) WarnFirst() bool { return warnFirst[a.Name] }

// TemplateFile is the path, in Files' map, of the area's ConstraintTemplate.
func (a *Area) TemplateFile() string { return "templates/" + a.Name + ".yaml" }

// warnFirst are the areas whose Constraints ship with enforcementAction warn whatever the
// severity they report: the managed area judges every change to kube-system (AKSARC-010, 011,
// 012), and a wrong deny there could refuse what AKS Arc itself does to its components (an
// upgrade). Denying is an opt-in (docs/gatekeeper.md, "Never break the platform").
var warnFirst = map[string]bool{"managed": true}

// enforcementAction is what a Constraint of the area reporting findings of sev ships with.
func (a *Area) enforcementAction(sev evaluator.Severity) string {
	if warnFirst[a.Name] {
		return string(evaluator.SeverityWarn)
	}
	return string(sev)
}

// template is the area's ConstraintTemplate: Rego v1, the entry point and its libraries.
func (a *Area) template(in Inputs) map[string]any {
	params := map[string]any{}
	for name := range in.Evaluator.DefaultParameters() {
		params[name] = map[string]any{"type": "integer", "minimum": 0}
	}
	return map[string]any{
		"apiVersion": "templates.gatekeeper.sh/v1",
		"kind":       "ConstraintTemplate",
		"metadata": map[string]any{
			"name":   strings.ToLower(a.Kind),
			"labels": partOfLabels(),
			"annotations": map[string]any{
				"description":          fmt.Sprintf("AKS Arc support policy, %s rules: %s.", a.Name, strings.Join(a.ruleIDs(""), ", ")),
				"aksarc-opa.io/rules":  strings.Join(a.ruleIDs(""), ","),
				"aksarc-opa.io/source": "policies/" + entryDir + "/" + a.Name + ".rego",
				syncWave:               "0",
			},
		},
		"spec": map[string]any{
			"crd": map[string]any{"spec": map[string]any{
				"names": map[string]any{"kind": a.Kind},
				"validation": map[string]any{"openAPIV3Schema": map[string]any{
					"type": "object",
					"properties": map[string]any{
						"severity": map[string]any{"type": "string", "enum": []string{"deny", "warn"},
							"description": "The findings this Constraint reports: deny (with enforcementAction deny) or warn (with warn)."},
						"asOf": map[string]any{"type": "string",
							"description": "The evaluation date (YYYY-MM-DD or RFC 3339); empty: now."},
						"platform": map[string]any{"type": "string", "enum": append([]string{""}, evaluator.Platforms...),
							"description": "The platform of ClusterSnapshots that do not state one (empty: not set, as when absent)."},
						"parameters": map[string]any{"type": "object", "properties": params,
							"description": "Thresholds in days (docs/rules.md, Parameters)."},
						"catalog": map[string]any{"type": "object", "x-kubernetes-preserve-unknown-fields": true,
							"description": "Catalog overrides, merged over the embedded catalog as aksarc_settings.catalog is."},
						"exemptUsernames": map[string]any{"type": "array", "items": map[string]any{"type": "string"},
							"description": "More users whose requests are never denied (the platform's own always are)."},
						"exemptUsernamePrefixes": map[string]any{"type": "array", "items": map[string]any{"type": "string"},
							"description": "More user name prefixes whose requests are never denied."},
					},
				}},
			}},
			"targets": []any{map[string]any{
				"target": "admission.k8s.gatekeeper.sh",
				"code": []any{map[string]any{
					"engine": "Rego",
					"source": map[string]any{"version": "v1", "rego": a.entry, "libs": a.libs},
				}},
			}},
		},
	}
}

// constraint is the area's Constraint for one severity; asOf pins the date (suites), "" is now.
func (a *Area) constraint(in Inputs, sev evaluator.Severity, asOf string) map[string]any {
	params := map[string]any{"severity": string(sev), "parameters": in.Evaluator.DefaultParameters()}
	if asOf != "" {
		params["asOf"] = asOf
	}
	annotations := map[string]any{
		"aksarc-opa.io/rules": strings.Join(a.ruleIDs(sev), ","),
		syncWave:              "1",
		syncOptions:           skipMissingKinds,
	}
	if warnFirst[a.Name] && sev != evaluator.SeverityWarn {
		annotations["aksarc-opa.io/enforcement"] = "Ships with enforcementAction warn: admission warns and the audit reports. " +
			"Set deny only after a dryrun period and an AKS Arc upgrade seen to pass (docs/gatekeeper.md, Never break the platform)."
	}
	spec := map[string]any{
		"enforcementAction": a.enforcementAction(sev),
		"parameters":        params,
	}
	if len(a.kinds) > 0 {
		// Only the kinds the area's rules judge: Gatekeeper skips the template for the others.
		spec["match"] = map[string]any{"kinds": []any{map[string]any{"apiGroups": []string{"*"}, "kinds": a.kinds}}}
	}
	return map[string]any{
		"apiVersion": "constraints.gatekeeper.sh/v1beta1",
		"kind":       a.Kind,
		"metadata": map[string]any{
			"name":        "aksarc-" + a.Name + "-" + string(sev),
			"labels":      partOfLabels(),
			"annotations": annotations,
		},
		"spec": spec,
	}
}

// snapshotCRD lets a cluster hold its own ClusterSnapshot, which Gatekeeper then admits and
// audits. Its schema is permissive: `aksarc-opa check` validates snapshots against the full
// schema (evaluator/schema), whose JSON Schema features a CRD cannot express.
func snapshotCRD() map[string]any {
	return map[string]any{
		"apiVersion": "apiextensions.k8s.io/v1",
		"kind":       "CustomResourceDefinition",
		"metadata": map[string]any{
			"name":        "clustersnapshots.support.aksarc.io",
			"labels":      partOfLabels(),
			"annotations": map[string]any{syncWave: "0"},
		},
		"spec": map[string]any{
			"group": "support.aksarc.io",
			"names": map[string]any{"kind": "ClusterSnapshot", "listKind": "ClusterSnapshotList", "plural": "clustersnapshots", "singular": "clustersnapshot"},
			"scope": "Cluster",
			"versions": []any{map[string]any{
				"name": "v1alpha1", "served": true, "storage": true,
				"schema": map[string]any{"openAPIV3Schema": map[string]any{
					"type":     "object",
					"required": []string{"spec"},
					"properties": map[string]any{
						"spec": map[string]any{
							"type":                                 "object",
							"x-kubernetes-preserve-unknown-fields": true,
							"required":                             []string{"cluster"},
							"properties": map[string]any{
								"platform": map[string]any{"type": "string", "enum": evaluator.Platforms},
								"cluster": map[string]any{
									"type":                                 "object",
									"x-kubernetes-preserve-unknown-fields": true,
									"required":                             []string{"kubernetesVersion"},
									"properties":                           map[string]any{"kubernetesVersion": map[string]any{"type": "string"}},
								},
							},
						},
					},
				}},
			}},
		},
	}
}
