package evaluator

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

const cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: %s}\n"

func TestLoadWalksDirectoriesInOrderAndSkipsHiddenFolders(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir+"/b.yaml", strings.Replace(cm, "%s", "b", 1))
	writeFile(t, dir+"/a/x.yml", strings.Replace(cm, "%s", "x", 1))
	writeFile(t, dir+"/c.json", `{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}}`)
	writeFile(t, dir+"/notes.txt", "not a manifest")
	writeFile(t, dir+"/.git/config.yaml", "not: [valid")
	docs, err := Load([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range docs {
		names = append(names, d.Resource().Name)
	}
	if strings.Join(names, ",") != "x,b,c" {
		t.Fatalf("names = %v", names)
	}
}

func TestLoadReadsStdinAndNamesMissingFiles(t *testing.T) {
	docs, err := Load([]string{"-"}, strings.NewReader(strings.Replace(cm, "%s", "in", 1)))
	if err != nil || len(docs) != 1 || docs[0].Source.File != "-" {
		t.Fatalf("stdin: %v %v", docs, err)
	}
	_, err = Load([]string{"does/not/exist.yaml"}, nil)
	var ie *InputError
	if !errors.As(err, &ie) || ie.File != "does/not/exist.yaml" || !strings.Contains(err.Error(), "no such file") {
		t.Fatalf("missing file: %v", err)
	}
}

func TestLoadExplicitFileOfAnyName(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir+"/manifest.txt", strings.Replace(cm, "%s", "t", 1))
	docs, err := Load([]string{dir + "/manifest.txt"}, nil)
	if err != nil || len(docs) != 1 {
		t.Fatalf("%v %v", docs, err)
	}
}

func TestLoadRefusesLinksToDirectoriesAndEmptyDirectories(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir+"/real/a.yaml", strings.Replace(cm, "%s", "a", 1))
	writeFile(t, dir+"/top/b.yaml", strings.Replace(cm, "%s", "b", 1))
	if err := os.Symlink(dir+"/real", dir+"/top/linked"); err != nil {
		t.Skip("no symlinks here:", err)
	}
	_, err := Load([]string{dir + "/top"}, nil)
	if err == nil || !strings.Contains(err.Error(), "a link to a directory is not followed") {
		t.Fatalf("err = %v", err)
	}
	_, err = Load([]string{t.TempDir()}, nil)
	if err == nil || !strings.Contains(err.Error(), "no Kubernetes object or ClusterSnapshot in this directory") {
		t.Fatalf("empty dir: %v", err)
	}
}
