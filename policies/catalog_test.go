package policies_test

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/aksarc-opa/aksarc-opa/policies"
)

// TestCatalogModuleIsCurrent fails while catalog/catalog.rego is not what scripts/generate
// writes from the catalog's YAML files (which LoadCatalog also checks against the schema).
func TestCatalogModuleIsCurrent(t *testing.T) {
	catalog, err := policies.LoadCatalog(policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	want, err := policies.CatalogRego(catalog)
	if err != nil {
		t.Fatal(err)
	}
	got, err := fs.ReadFile(policies.FS, policies.CatalogModule)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("policies/%s is stale: run scripts/generate", policies.CatalogModule)
	}
}

// catalogWith is the embedded catalog's files with one file replaced (or added).
func catalogWith(t *testing.T, file, content string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	files, err := fs.Glob(policies.FS, policies.CatalogDir+"/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no catalog files: %v", err)
	}
	for _, f := range files {
		b, err := fs.ReadFile(policies.FS, f)
		if err != nil {
			t.Fatal(err)
		}
		m[f] = &fstest.MapFile{Data: b}
	}
	m[policies.CatalogDir+"/"+file] = &fstest.MapFile{Data: []byte(content)}
	return m
}

func TestLoadCatalogRefuses(t *testing.T) {
	versions, err := fs.ReadFile(policies.FS, policies.CatalogDir+"/versions.yaml")
	if err != nil {
		t.Fatal(err)
	}
	edit := func(old, new string) string {
		if !strings.Contains(string(versions), old) {
			t.Fatalf("versions.yaml no longer contains %q", old)
		}
		return strings.Replace(string(versions), old, new, 1)
	}
	for name, c := range map[string]struct{ file, content, want string }{
		"a date that is no date":       {"versions.yaml", edit("released: \"2025-03-31\"\n    removed", "released: \"2025-13-31\"\n    removed"), "/versions/1.30/released"},
		"a month that is no month":     {"versions.yaml", edit("endOfSupport: \"2026-04\"", "endOfSupport: \"2026-13\""), "/platforms/AzureLocal/releases/2510/endOfSupport"},
		"an unquoted minor (a number)": {"versions.yaml", edit(`"1.30":`, `1.30:`), `key "1.30" must be a string`},
		"a field of no entry":          {"versions.yaml", edit("removed: \"2026-02-17\"", "removed: \"2026-02-17\"\n    releasd: \"2025-03-01\""), "releasd"},
		"an entry without its source":  {"versions.yaml", edit("    source: https://learn.microsoft.com/azure/aks/aksarc/aks-whats-new-local\n", ""), "/versions/1.28"},
		"a key of two files":           {"extra.yaml", "reviewed: \"2025-10-09\"\n", `catalog key "reviewed" is also defined in`},
		"a key twice in one file":      {"extra.yaml", "x: 1\nx: 2\n", `key "x" appears twice`},
		"an unknown top-level key":     {"extra.yaml", "extras: {}\n", "extras"},
		"not a mapping":                {"extra.yaml", "- a\n", "expected one YAML document holding a mapping"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := policies.LoadCatalog(catalogWith(t, c.file, c.content))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("LoadCatalog: got %v, want an error containing %q", err, c.want)
			}
		})
	}
}
