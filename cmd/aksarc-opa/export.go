package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
	"github.com/aksarc-opa/aksarc-opa/internal/gatekeeper"
	"github.com/aksarc-opa/aksarc-opa/policies"
)

func runExport(ctx context.Context, args []string, s streams) int {
	fs := newFlags("export", "gatekeeper", s)
	dir := fs.StringP("output-dir", "o", "deploy/gatekeeper", "the directory to write (its generated files are replaced)")
	fixtures := fs.String("suites-from", "", "a fixtures directory: also write gator suites whose samples are its documents")
	if code, done := parseFlags(fs, args, s); done {
		return code
	}
	if fs.NArg() != 1 || fs.Arg(0) != "gatekeeper" {
		fs.Usage()
		fmt.Fprintln(s.err, "aksarc-opa export: say what to export: gatekeeper")
		return exitUsage
	}
	files, err := gatekeeperFiles(ctx, *fixtures)
	if err == nil {
		err = writeGenerated(*dir, files)
	}
	if err != nil {
		fmt.Fprintf(s.err, "aksarc-opa export gatekeeper: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(s.out, "wrote %d files to %s\n", len(files), *dir)
	return exitOK
}

// gatekeeperFiles generates deploy/gatekeeper from the embedded policies and catalog, and the
// suites when a fixtures directory is given.
func gatekeeperFiles(ctx context.Context, fixturesDir string) (map[string][]byte, error) {
	ev, err := evaluator.New(ctx)
	if err != nil {
		return nil, err
	}
	in := gatekeeper.Inputs{Evaluator: ev, Policies: policies.FS}
	areas, err := gatekeeper.Areas(in)
	if err != nil {
		return nil, err
	}
	files, err := gatekeeper.Files(in, areas)
	if err != nil || fixturesDir == "" {
		return files, err
	}
	// The fixture files that hold objects: what a walk of the directory judges (expected.yaml,
	// charts, kustomizations, hidden and other non-Kubernetes files are skipped).
	loaded, err := evaluator.LoadInputs([]string{fixturesDir}, nil, evaluator.LoadOptions{})
	if err != nil {
		return nil, err
	}
	var inputs []string
	for _, d := range loaded.Documents {
		if !slices.Contains(inputs, d.Source.File) {
			inputs = append(inputs, d.Source.File)
		}
	}
	slices.Sort(inputs)
	suites, err := gatekeeper.Suites(in, areas, inputs)
	if err != nil {
		return nil, err
	}
	for name, b := range suites {
		files[name] = b
	}
	return files, nil
}

func writesSuites(files map[string][]byte) bool {
	for name := range files {
		if strings.HasPrefix(name, "suites/") {
			return true
		}
	}
	return false
}

// writeGenerated replaces the generated files of dir with files: a file that starts with the
// generated header and is no longer generated is removed; other files are left alone.
func writeGenerated(dir string, files map[string][]byte) error {
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		if _, keep := files[rel]; keep {
			return nil
		}
		// Without --suites-from this run writes no suites: leave the ones there alone.
		if strings.HasPrefix(rel, "suites/") && !writesSuites(files) {
			return nil
		}
		b, err := os.ReadFile(path)
		if err == nil && len(b) >= len(gatekeeper.Header) && string(b[:len(gatekeeper.Header)]) == gatekeeper.Header {
			return os.Remove(path)
		}
		return err
	})
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	for name, b := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
