// Command gencatalog writes policies/catalog/catalog.rego from the catalog's YAML files
// (scripts/generate runs it from the repository root); a test fails while it is stale.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/aksarc-opa/aksarc-opa/policies"
)

func main() {
	dir := "policies"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	catalog, err := policies.LoadCatalog(os.DirFS(dir))
	if err == nil {
		var src []byte
		if src, err = policies.CatalogRego(catalog); err == nil {
			err = os.WriteFile(filepath.Join(dir, filepath.FromSlash(policies.CatalogModule)), src, 0o644)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencatalog:", err)
		os.Exit(1)
	}
	fmt.Println("generated", filepath.ToSlash(filepath.Join(dir, policies.CatalogModule)))
}
