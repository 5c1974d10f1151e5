package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// export bundle writes a .tar.gz bundle: the policies without their tests, and a manifest with
// the revision (version and catalog review date) and the roots.
func TestExportBundle(t *testing.T) {
	file := filepath.Join(t.TempDir(), "out", "bundle.tar.gz")
	r := cli(t, "", "export", "bundle", "-o", file)
	if r.code != exitOK || !strings.Contains(r.err, "wrote the OPA bundle "+file) {
		t.Fatalf("code %d: %s", r.code, r.err)
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	files := untar(t, raw)
	var manifest struct {
		Revision    string
		Roots       []string
		RegoVersion int `json:"rego_version"`
		Metadata    map[string]map[string]any
	}
	if err := json.Unmarshal(files["/.manifest"], &manifest); err != nil {
		t.Fatalf(".manifest: %v\n%s", err, files["/.manifest"])
	}
	reviewed, _ := manifest.Metadata["aksarc-opa"]["catalogReviewed"].(string)
	if reviewed == "" || !strings.HasSuffix(manifest.Revision, " catalog "+reviewed) ||
		strings.Join(manifest.Roots, ",") != "aksarc,lib/aksarc" || manifest.RegoVersion != 1 {
		t.Errorf("manifest: %+v", manifest)
	}
	for _, want := range []string{"/entrypoints/evaluator.rego", "/catalog/catalog.rego", "/lib/context.rego", "/data.json"} {
		if _, ok := files[want]; !ok {
			t.Errorf("the bundle lacks %s", want)
		}
	}
	for name := range files {
		if strings.HasSuffix(name, "_test.rego") {
			t.Errorf("the bundle holds the test %s", name)
		}
	}
	// The same build writes the same bytes (no timestamps), to standard output too.
	if again := cli(t, "", "export", "bundle", "-o", "-"); again.code != exitOK || again.stdout != string(raw) {
		t.Errorf("export bundle -o - differs from the file (code %d)", again.code)
	}
}

func untar(t *testing.T, raw []byte) map[string][]byte {
	t.Helper()
	gz, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	files := map[string][]byte{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return files
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Typeflag != tar.TypeReg {
			t.Errorf("%s is not a regular file in the archive", h.Name)
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		files[h.Name] = b
	}
}

// The list of generated files is all export reads, and it may name only files inside the folder.
func TestExportRefusesAListThatLeavesItsFolder(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "gatekeeper")
	outside := writeTemp(t, dir, "keep.yaml", "kind: Mine\n")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	writeTemp(t, out, generatedList, "../keep.yaml\n")
	r := cli(t, "", "export", "gatekeeper", "-o", out)
	if r.code != exitUsage || !strings.Contains(r.err, `names "../keep.yaml", which is not a file inside the folder`) {
		t.Errorf("code %d: %s", r.code, r.err)
	}
	if _, err := os.Stat(outside); err != nil {
		t.Errorf("export removed a file outside its folder: %v", err)
	}
}

// A directory where export writes a file is an error that names it, not a crash.
func TestExportRefusesToReplaceADirectory(t *testing.T) {
	out := filepath.Join(t.TempDir(), "gatekeeper")
	if err := os.MkdirAll(filepath.Join(out, "templates", "managed.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	r := cli(t, "", "export", "gatekeeper", "-o", out)
	if r.code != exitUsage || !strings.Contains(r.err, "managed.yaml: exists and is not a regular file (a directory)") {
		t.Errorf("code %d: %s", r.code, r.err)
	}
}
