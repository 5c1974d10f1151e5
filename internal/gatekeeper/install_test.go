package gatekeeper

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"
)

const deployDir = "../../deploy/gatekeeper"

// kustomizeObject is what the install test needs of a resource.
type kustomizeObject struct {
	file       string
	apiVersion string
	kind       string
	name       string
	crdKind    string // a ConstraintTemplate's Constraint kind, a CRD's kind
}

// resolve reads a kustomization folder (slash path below deploy/gatekeeper) as kubectl apply -k
// does: its resources in order, folders with their own kustomization included where they are
// listed. Every file must be reached once.
func resolve(t *testing.T, dir string, seen map[string]bool) []kustomizeObject {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(deployDir, filepath.FromSlash(dir), "kustomization.yaml"))
	if err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	var k struct {
		Kind      string
		Resources []string
	}
	if err := yaml.Unmarshal(raw, &k); err != nil || k.Kind != "Kustomization" {
		t.Fatalf("%s/kustomization.yaml: %v (kind %q)", dir, err, k.Kind)
	}
	var out []kustomizeObject
	for _, r := range k.Resources {
		p := path.Clean(path.Join(dir, r))
		if strings.HasPrefix(p, "..") {
			t.Fatalf("%s lists %s, outside deploy/gatekeeper", dir, r)
		}
		info, err := os.Stat(filepath.Join(deployDir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatalf("%s lists %s: %v", dir, r, err)
		}
		if info.IsDir() {
			out = append(out, resolve(t, p, seen)...)
			continue
		}
		if seen[p] {
			t.Errorf("%s is applied twice", p)
		}
		seen[p] = true
		b, err := os.ReadFile(filepath.Join(deployDir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		var obj struct {
			APIVersion string `json:"apiVersion"`
			Kind       string
			Metadata   struct{ Name string }
			Spec       struct {
				Names struct{ Kind string } // a CRD
				CRD   struct {
					Spec struct{ Names struct{ Kind string } }
				} // a ConstraintTemplate
			}
		}
		if err := yaml.Unmarshal(b, &obj); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		o := kustomizeObject{file: p, apiVersion: obj.APIVersion, kind: obj.Kind, name: obj.Metadata.Name}
		switch obj.Kind {
		case "ConstraintTemplate":
			o.crdKind = obj.Spec.CRD.Spec.Names.Kind
		case "CustomResourceDefinition":
			o.crdKind = obj.Spec.Names.Kind
		}
		out = append(out, o)
	}
	return out
}

// documentedOrder is the order in which a document applies the folders of deploy/gatekeeper
// (kubectl apply -k .../deploy/gatekeeper/<folder>), and whether a kubectl wait for the
// Constraint kinds stands between each two.
func documentedOrder(t *testing.T, doc string) (folders []string, waits []bool) {
	t.Helper()
	b, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	apply := regexp.MustCompile(`kubectl apply .*-k\s+'?\S*deploy/gatekeeper/([a-z]+)`)
	waited := false
	for _, line := range strings.Split(string(b), "\n") {
		if strings.Contains(line, "kubectl wait") && strings.Contains(line, "established") {
			waited = true
		}
		if m := apply.FindStringSubmatch(line); m != nil {
			if len(folders) > 0 {
				waits = append(waits, waited)
			}
			folders = append(folders, m[1])
			waited = false
		}
	}
	return folders, waits
}

// installProblems applies the folders in order (as kubectl apply -k would, one after the other)
// and says where a Constraint comes before the template that makes its kind (Gatekeeper creates
// that CRD only after the template is stored) or has no template; it also returns the files
// applied.
func installProblems(t *testing.T, order []string) (problems []string, applied map[string]bool) {
	t.Helper()
	applied = map[string]bool{}
	defined := map[string]int{} // Constraint kind -> the stage whose template makes it
	type placed struct {
		kustomizeObject
		stage int
	}
	var constraints []placed
	templates := 0
	for stage, folder := range order {
		for _, o := range resolve(t, folder, applied) {
			switch {
			case o.kind == "ConstraintTemplate":
				templates++
				if _, dup := defined[o.crdKind]; dup {
					problems = append(problems, "two templates make "+o.crdKind)
				}
				defined[o.crdKind] = stage
			case strings.HasPrefix(o.apiVersion, "constraints.gatekeeper.sh/"):
				constraints = append(constraints, placed{o, stage})
			}
		}
	}
	if templates == 0 || len(constraints) == 0 {
		t.Fatalf("%d templates, %d constraints: nothing to check", templates, len(constraints))
	}
	for _, c := range constraints {
		stage, ok := defined[c.kind]
		switch {
		case !ok:
			problems = append(problems, c.file+" ("+c.kind+" "+c.name+"): no template makes its kind")
		case stage >= c.stage:
			problems = append(problems, c.file+" ("+c.kind+" "+c.name+") is applied in "+order[c.stage]+
				", not after the template that makes its kind ("+order[stage]+"): kubectl apply fails the first time")
		}
	}
	return problems, applied
}

// kubectl apply -k works the first time: applied in InstallOrder, every Constraint comes in a
// later kustomization than the ConstraintTemplate that makes its kind, each generated resource
// is applied exactly once, and the docs apply the folders in InstallOrder with a wait between.
func TestInstallOrderPutsEveryConstraintAfterItsKind(t *testing.T) {
	if _, err := os.Stat(filepath.Join(deployDir, "kustomization.yaml")); err == nil {
		t.Error("deploy/gatekeeper/kustomization.yaml applies templates and Constraints in one run: the Constraints fail the first time")
	}
	problems, applied := installProblems(t, InstallOrder)
	for _, p := range problems {
		t.Error(p)
	}
	// Every generated resource is in a kustomization of the install.
	err := filepath.WalkDir(deployDir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") || d.Name() == "kustomization.yaml" {
			return err
		}
		rel, _ := filepath.Rel(deployDir, p)
		if !applied[filepath.ToSlash(rel)] {
			t.Errorf("%s is in no kustomization of the install", filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range []string{"../../docs/gatekeeper.md", "../../README.md"} {
		folders, waits := documentedOrder(t, doc)
		if !slices.Equal(folders, InstallOrder) {
			t.Errorf("%s applies %v; the install order is %v", doc, folders, InstallOrder)
		}
		if doc == "../../docs/gatekeeper.md" && slices.Contains(waits, false) {
			t.Errorf("%s does not wait for the Constraint kinds (kubectl wait --for condition=established) between %v", doc, folders)
		}
	}
}

// The check can fail: the folders applied the other way round put every Constraint first.
func TestInstallOrderCatchesConstraintsFirst(t *testing.T) {
	reversed := slices.Clone(InstallOrder)
	slices.Reverse(reversed)
	if problems, _ := installProblems(t, reversed); len(problems) == 0 {
		t.Fatal("the reversed order gives no problem: the install test could not fail")
	}
}
