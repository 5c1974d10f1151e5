// Package bundle writes the policies as an OPA bundle (`aksarc-opa export bundle`): every
// policy module but the tests, the catalog, and a .manifest with the revision, the roots and the
// Rego version, in the .tar.gz format that `opa run --bundle`, `opa eval --bundle` and OPA's
// bundle service read. A fleet of OPA agents then judges documents with the same Rego as the
// CLI: the query data.aksarc.evaluator.result with input {"document": ..., "cluster": ...}
// (docs/bundle.md).
package bundle

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	opabundle "github.com/open-policy-agent/opa/v1/bundle"
	"sigs.k8s.io/yaml"

	"github.com/aksarc-opa/aksarc-opa/policies"
)

// Roots are the data paths the bundle owns (its manifest's roots): the aksarc packages (the
// catalog and the entry points) and the shared library under lib/aksarc. Everything else is
// free for other bundles and data, in particular aksarc_settings, which the entry points read
// for a pinned date, the platform, thresholds and catalog overrides.
var Roots = []string{"aksarc", "lib/aksarc"}

// ConftestOnly is the package of conftest's default namespace (policies/entrypoints/
// conftest_main.rego): conftest needs it, an OPA agent does not, and data.main belongs to the
// agent's own policies, so the bundle leaves it out.
const ConftestOnly = "data.main"

// Query is what an OPA agent asks of the bundle for one document.
const Query = "data.aksarc.evaluator.result"

// Info is what the manifest says of the bundle.
type Info struct {
	// Revision identifies the bundle (the version of aksarc-opa and the catalog's review
	// date); OPA reports it in its status and decision logs.
	Revision string
	// Metadata is written into the manifest's metadata under "aksarc-opa".
	Metadata any
}

// Build assembles the bundle from a policies tree (policies.FS): every .rego file but the
// *_test.rego files and conftest's entry point in package main (ConftestOnly), and every
// data.json or data.yaml file, at its path in the tree. Every other package and data file must
// lie under Roots.
func Build(fsys fs.FS, info Info) (*opabundle.Bundle, error) {
	modules, err := policies.ParseModules(fsys, false)
	if err != nil {
		return nil, err
	}
	b := &opabundle.Bundle{Data: map[string]any{}}
	roots := slices.Clone(Roots)
	b.Manifest.Roots = &roots
	b.Manifest.Revision = info.Revision
	b.Manifest.SetRegoVersion(ast.RegoV1)
	if info.Metadata != nil {
		b.Manifest.Metadata = map[string]any{"aksarc-opa": info.Metadata}
	}
	files := make([]string, 0, len(modules))
	for file := range modules {
		files = append(files, file)
	}
	slices.Sort(files)
	for _, file := range files {
		m := modules[file]
		if m.Package.Path.String() == ConftestOnly {
			continue
		}
		if !underRoots(strings.Join(packagePath(m), "/")) {
			return nil, fmt.Errorf("%s: package %s is outside the bundle's roots %v", file, m.Package.Path, Roots)
		}
		raw, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, err
		}
		b.Modules = append(b.Modules, opabundle.ModuleFile{URL: "/" + file, Path: "/" + file, Raw: raw, Parsed: m})
	}
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || (d.Name() != "data.json" && d.Name() != "data.yaml") {
			return err
		}
		dir := path.Dir(p)
		if dir == "." || !underRoots(dir) {
			return fmt.Errorf("%s: data outside the bundle's roots %v", p, Roots)
		}
		raw, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		var value any
		if err := yaml.Unmarshal(raw, &value); err != nil { // JSON is YAML
			return fmt.Errorf("%s: %w", p, err)
		}
		return insert(b.Data, strings.Split(dir, "/"), value, p)
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}

// Write writes the bundle of Build as a .tar.gz to w. The archive has no timestamps: the same
// policies and info give the same bytes.
func Write(w io.Writer, fsys fs.FS, info Info) error {
	b, err := Build(fsys, info)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := opabundle.NewWriter(&buf).UseModulePath(true).Write(*b); err != nil {
		return fmt.Errorf("writing the bundle: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// insert puts a data file's value at its folder's path in data, as OPA reads a bundle.
func insert(data map[string]any, at []string, value any, file string) error {
	node := data
	for _, seg := range at[:len(at)-1] {
		next, ok := node[seg].(map[string]any)
		if !ok {
			if _, taken := node[seg]; taken {
				return fmt.Errorf("%s: %s is already a value", file, seg)
			}
			next = map[string]any{}
			node[seg] = next
		}
		node = next
	}
	last := at[len(at)-1]
	if _, taken := node[last]; taken {
		return fmt.Errorf("%s: data at %s twice", file, strings.Join(at, "/"))
	}
	node[last] = value
	return nil
}

// packagePath is a module's package as path segments below data (aksarc, catalog).
func packagePath(m *ast.Module) []string {
	var segs []string
	for _, t := range m.Package.Path[1:] {
		s, ok := t.Value.(ast.String)
		if !ok {
			return nil
		}
		segs = append(segs, string(s))
	}
	return segs
}

func underRoots(p string) bool {
	for _, r := range Roots {
		if p == r || strings.HasPrefix(p, r+"/") {
			return true
		}
	}
	return false
}
