// Package policies holds the Rego source of aksarc-opa: the rules, their shared library, the
// catalog and the entry points. The files are embedded so that the evaluator (and any Go tool
// that imports it) carries exactly the policies in this folder, with nothing to install.
package policies

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// FS holds every .rego file of the policies, tests included (ParseModules filters them), and
// the catalog's YAML files and schema (LoadCatalog), from which catalog/catalog.rego is generated.
//
//go:embed catalog lib rules entrypoints
var FS embed.FS

// ParseModules parses every .rego file of fsys (FS, or a copy in tests) as Rego v1 with its
// METADATA, keyed by path. Unit tests (*_test.rego) are included only when withTests is true.
func ParseModules(fsys fs.FS, withTests bool) (map[string]*ast.Module, error) {
	modules := map[string]*ast.Module{}
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".rego") {
			return err
		}
		if !withTests && strings.HasSuffix(path, "_test.rego") {
			return nil
		}
		src, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		m, err := ast.ParseModuleWithOpts(path, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			return err
		}
		modules[path] = m
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("loading the policies: %w", err)
	}
	return modules, nil
}
