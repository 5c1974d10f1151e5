package gatekeeper

import (
	"context"
	"fmt"
	"path"
	"path/filepath"
	"strings"
	"time"

	"sigs.k8s.io/yaml"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

// SuitesDates are the dates the suites' Constraints pin: the date the fixtures describe, and a
// later ones on which the date-driven rules (an ending version, a stale catalog, a retired
// Windows node pool OS, a date past the catalog's facts) fire.
var SuitesDates = []string{"2025-11-01", "2026-01-15", "2026-03-01", "2026-04-01", "2026-06-01"}

// A sample is one fixture document and the rules the evaluator finds in it alone, per date.
type sample struct {
	doc   *evaluator.Document
	fired map[string]map[string]bool // date -> rule ID, and firedKey(rule ID, severity) -> fired
}

// Suites returns the gator suites (<area>/suite.yaml with their Constraints and samples, for
// a folder of their own outside the resources, so that `gator test` on the resources loads no
// sample) for every rule: a sample from the fixtures on which the evaluator finds the rule
// (disallowed), one on which it does not (allowed) and, for rules an admission request can
// trigger, the disallowed object requested by the platform's own identity (never denied) and
// by a user (denied). templates is the folder of the ConstraintTemplates as a suite's folder
// reaches it (slash-separated, relative: ../../gatekeeper/templates).
func Suites(in Inputs, areas []*Area, fixtureFiles []string, templates string) (map[string][]byte, error) {
	samples, err := loadSamples(in.Evaluator, fixtureFiles)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	add := func(name string, obj any) error {
		b, err := yaml.Marshal(obj)
		if err != nil {
			return err
		}
		files[name] = append([]byte(Header), b...)
		return nil
	}
	for _, a := range areas {
		dir := a.Name
		var tests []any
		for _, r := range a.Rules {
			// A rule whose findings can also be warnings (warnWhen) gets a test under the
			// warn Constraint too, on a document where it warns.
			for _, sev := range r.Severities() {
				tag := strings.ToLower(r.ID)
				if sev != r.Severity {
					tag += "-" + string(sev)
				}
				date, bad, good := pick(r.ID, sev, samples)
				if bad == nil || good == nil {
					return nil, fmt.Errorf("%s (%s): the fixtures have no document the rule fires on alone with this severity, or none it does not", r.ID, sev)
				}
				constraint := fmt.Sprintf("constraint-%s-%s.yaml", sev, date)
				if _, done := files[dir+"/"+constraint]; !done {
					if err := add(dir+"/"+constraint, a.constraint(in, sev, date)); err != nil {
						return nil, err
					}
				}
				cases, err := ruleCases(r, tag, bad, good, dir, add)
				if err != nil {
					return nil, err
				}
				tests = append(tests, map[string]any{
					"name":       tag + "-" + r.Name,
					"template":   path.Join(templates, a.Name+".yaml"),
					"constraint": constraint,
					"cases":      cases,
				})
			}
		}
		if err := add(dir+"/suite.yaml", map[string]any{
			"apiVersion": "test.gatekeeper.sh/v1alpha1",
			"kind":       "Suite",
			"metadata":   map[string]any{"name": "aksarc-" + a.Name},
			"tests":      tests,
		}); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// firedKey is how a sample records that a rule fired with a severity.
func firedKey(id string, sev evaluator.Severity) string { return id + " " + string(sev) }

func ruleCases(r evaluator.Rule, id string, bad, good *sample, dir string, add func(string, any) error) ([]any, error) {
	mine := "^" + r.ID + " "
	cases := []any{}
	for _, c := range []struct {
		name     string
		obj      any
		violates bool
	}{
		{"disallowed", bad.doc.Object, true},
		{"allowed", good.doc.Object, false},
	} {
		file := fmt.Sprintf("samples/%s-%s.yaml", id, c.name)
		if err := add(dir+"/"+file, c.obj); err != nil {
			return nil, err
		}
		cases = append(cases, testCase(c.name+" ("+bad.doc.Source.File+")", file, mine, c.violates, c.name == "allowed", good))
	}
	// Admission requests: the platform's own identity is never denied; a user's request is
	// judged like the object itself (a change to a stored object, with a uid, included).
	// A ClusterSnapshot is never refused in admission (the audit reports it); a deletion is
	// refused only when it removes a managed component (AKSARC-011).
	if r.Input != "snapshot" {
		isSnapshot := bad.doc.IsClusterSnapshot()
		for _, c := range []struct {
			name, user, operation string
			violates              bool
		}{
			{"system-identity", "system:serviceaccount:kube-system:generic-garbage-collector", "CREATE", false},
			{"user-request", "alice@contoso.com", "CREATE", !isSnapshot},
			{"user-delete", "alice@contoso.com", "DELETE", r.ID == "AKSARC-011" && !isSnapshot},
		} {
			file := fmt.Sprintf("samples/%s-%s.yaml", id, c.name)
			if err := add(dir+"/"+file, admissionReview(bad.doc.Object, c.user, c.operation)); err != nil {
				return nil, err
			}
			cases = append(cases, testCase(c.name, file, mine, c.violates, false, nil))
		}
	}
	return cases, nil
}

func testCase(name, file, message string, violates, allowed bool, good *sample) map[string]any {
	if allowed && good != nil {
		name = "allowed (" + good.doc.Source.File + ")"
	}
	v := "no"
	if violates {
		v = "yes"
	}
	return map[string]any{
		"name":       name,
		"object":     file,
		"assertions": []any{map[string]any{"violations": v, "message": message}},
	}
}

// admissionReview is the creation (or deletion) of the object by the user, as the API server
// sends it: the object already carries its uid, which must not make it look like an observed
// object; on a DELETE, Gatekeeper puts the deleted object in both object and oldObject.
func admissionReview(obj map[string]any, user, operation string) map[string]any {
	stored := map[string]any{}
	for k, v := range obj {
		stored[k] = v
	}
	meta := map[string]any{}
	if m, ok := obj["metadata"].(map[string]any); ok {
		for k, v := range m {
			meta[k] = v
		}
	}
	meta["uid"] = "8f6c2a9e-0000-4000-8000-000000000001"
	stored["metadata"] = meta
	apiVersion, _ := obj["apiVersion"].(string)
	group, version := "", apiVersion
	if i := strings.Index(apiVersion, "/"); i >= 0 {
		group, version = apiVersion[:i], apiVersion[i+1:]
	}
	kind, _ := obj["kind"].(string)
	request := map[string]any{
		"uid":       "5a1b2c3d-0000-4000-8000-000000000002",
		"kind":      map[string]any{"group": group, "version": version, "kind": kind},
		"operation": operation,
		"userInfo":  map[string]any{"username": user},
		"object":    stored,
	}
	if operation == "DELETE" {
		request["oldObject"] = stored
	}
	if ns, ok := meta["namespace"].(string); ok && ns != "" {
		request["namespace"] = ns
	}
	if name, ok := meta["name"].(string); ok {
		request["name"] = name
	}
	return map[string]any{"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": request}
}

// pick chooses the first date on which, in fixture order, a document makes the rule fire with
// the severity (the Constraint of that severity reports it; a deny rule that warns before a date
// is not reported by the deny Constraint then), that document, and one of the same kind (else
// any) on which the rule does not fire at all on that date.
func pick(id string, sev evaluator.Severity, samples []sample) (date string, bad, good *sample) {
	key := firedKey(id, sev)
	for _, date := range SuitesDates {
		for i := range samples {
			if samples[i].fired[date][key] {
				bad = &samples[i]
				break
			}
		}
		if bad == nil {
			continue
		}
		for _, sameKind := range []bool{true, false} {
			for i := range samples {
				s := &samples[i]
				if !s.fired[date][id] && (!sameKind || s.doc.Resource().Kind == bad.doc.Resource().Kind) {
					return date, bad, s
				}
			}
		}
		return date, bad, nil
	}
	return "", nil, nil
}

func loadSamples(ev *evaluator.Evaluator, files []string) ([]sample, error) {
	var out []sample
	for _, file := range files {
		docs, err := evaluator.Load([]string{file}, nil)
		if err != nil {
			return nil, err
		}
		for _, d := range docs {
			s := sample{doc: d, fired: map[string]map[string]bool{}}
			s.doc.Source.File = path.Join("fixtures", relFixture(file))
			for _, date := range SuitesDates {
				asOf, err := time.Parse(time.DateOnly, date)
				if err != nil {
					return nil, err
				}
				r, err := ev.Evaluate(context.Background(), []*evaluator.Document{d}, evaluator.AsOf(asOf))
				if err != nil {
					return nil, err
				}
				s.fired[date] = map[string]bool{}
				for _, f := range r.Findings {
					s.fired[date][f.RuleID] = true
					s.fired[date][firedKey(f.RuleID, f.Severity)] = true
				}
			}
			out = append(out, s)
		}
	}
	return out, nil
}

// relFixture is a fixture's path below fixtures/, for sample names that do not depend on where
// the generator runs.
func relFixture(file string) string {
	slash := filepath.ToSlash(file)
	if i := strings.LastIndex(slash, "fixtures/"); i >= 0 {
		return slash[i+len("fixtures/"):]
	}
	return path.Base(slash)
}
