package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aksarc-opa/aksarc-opa/internal/azurepolicy"
)

// deploy/azure-policy is generated (scripts/generate): every file must match what `export
// azure-policy` writes now, and no file it no longer writes may remain.
func TestDeployAzurePolicyIsCurrent(t *testing.T) {
	dir := "../../deploy/azure-policy"
	files, err := azurePolicyFiles(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	want := withGeneratedList(files)
	for name, content := range want {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil || !bytes.Equal(got, content) {
			t.Errorf("deploy/azure-policy/%s is stale or missing: run scripts/generate and commit the result", name)
		}
	}
	err = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if _, ok := want[filepath.ToSlash(rel)]; !ok {
			t.Errorf("deploy/azure-policy/%s is no longer generated: run scripts/generate", filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// export azure-policy writes the definitions, the initiative and the scripts; --scope is written
// into the initiative's definition IDs, and a scope that is no subscription or management
// group is refused (exit 2) before anything is written.
func TestExportAzurePolicy(t *testing.T) {
	out := filepath.Join(t.TempDir(), "azure-policy")
	const sub = "/subscriptions/00000000-0000-0000-0000-000000000000"
	r := cli(t, "", "export", "azure-policy", "-o", out, "--scope", sub)
	if r.code != exitOK {
		t.Fatalf("code %d: %s", r.code, r.err)
	}
	for _, want := range []string{"definitions/managed.rules.json", "definitions/managed.params.json", "create.sh", "create.ps1",
		"initiative/" + azurepolicy.InitiativeName + ".definitions.json", generatedList} {
		if _, err := os.Stat(filepath.Join(out, want)); err != nil {
			t.Errorf("export azure-policy did not write %s", want)
		}
	}
	refs, err := os.ReadFile(filepath.Join(out, "initiative", azurepolicy.InitiativeName+".definitions.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(refs), `"`+sub+"/providers/Microsoft.Authorization/policyDefinitions/aksarc-managed") ||
		strings.Contains(string(refs), azurepolicy.ScopePlaceholder) {
		t.Errorf("the initiative does not name the definitions in %s", sub)
	}
	bad := filepath.Join(t.TempDir(), "bad")
	if r := cli(t, "", "export", "azure-policy", "-o", bad, "--scope", "contoso"); r.code != exitUsage {
		t.Errorf("--scope contoso: code %d, want 2", r.code)
	}
	if _, err := os.Stat(bad); err == nil {
		t.Errorf("a refused export wrote %s", bad)
	}
}
