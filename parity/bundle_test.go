package parity

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
	"github.com/aksarc-opa/aksarc-opa/internal/bundle"
	"github.com/aksarc-opa/aksarc-opa/policies"
)

var opaBinary = toolBinary("github.com/open-policy-agent/opa")

// writeBundle writes the bundle of `aksarc-opa export bundle` (the same code) for a policies tree.
func writeBundle(t *testing.T, fsys fs.FS) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "aksarc-opa-bundle.tar.gz")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := bundle.Write(f, fsys, bundle.Info{Revision: "parity"}); err != nil {
		t.Fatal(err)
	}
	return file
}

// settingsBundle is a second bundle that pins the evaluation date, as docs/bundle.md shows: its
// root aksarc_settings lies outside the policy bundle's roots.
func settingsBundle(t *testing.T, asOf string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "aksarc_settings"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".manifest"), []byte(`{"roots": ["aksarc_settings"]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "aksarc_settings", "data.json"), []byte(`{"asOf": "`+asOf+`"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// bundleInput is one query's input: a document of a file, and the file's one ClusterSnapshot as
// its cluster (as the evaluator judges a file on its own).
type bundleInput struct {
	file  string
	input map[string]any
}

func bundleInputs(t *testing.T, files []string) []bundleInput {
	t.Helper()
	var out []bundleInput
	for _, file := range files {
		docs, err := evaluator.Load([]string{file}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var cluster any
		var snapshots int
		for _, d := range docs {
			if d.IsClusterSnapshot() {
				snapshots++
				cluster = d.Object
			}
		}
		if snapshots != 1 {
			cluster = nil
		}
		for _, d := range docs {
			out = append(out, bundleInput{file, map[string]any{"document": d.Object, "cluster": cluster}})
		}
	}
	return out
}

// findingKeys reads the findings of one data.aksarc.evaluator.result.
func findingKeys(t *testing.T, result json.RawMessage) []string {
	t.Helper()
	var r struct {
		Findings []struct {
			ID, Severity string
			Resource     evaluator.Resource
		}
	}
	if err := json.Unmarshal(result, &r); err != nil {
		t.Fatalf("not a result: %v\n%s", err, result)
	}
	keys := make([]string, 0, len(r.Findings))
	for _, f := range r.Findings {
		keys = append(keys, findingKey(f.ID, f.Severity, f.Resource))
	}
	return keys
}

// opaEvalFindings runs, for every document, the command docs/bundle.md gives:
// opa eval --bundle FILE --input IN 'data.aksarc.evaluator.result', with the settings bundle.
func opaEvalFindings(t *testing.T, bundleFile string, files []string, asOf string) map[string][]string {
	t.Helper()
	bin, err := opaBinary()
	if err != nil {
		t.Fatal(err)
	}
	settings := settingsBundle(t, asOf)
	inputs := bundleInputs(t, files)
	dir := t.TempDir()
	results := make([][]string, len(inputs))
	errs := make([]error, len(inputs))
	var wg sync.WaitGroup
	work := make(chan int)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				in := filepath.Join(dir, fmt.Sprintf("input-%03d.json", i))
				b, err := json.Marshal(inputs[i].input)
				if err == nil {
					err = os.WriteFile(in, b, 0o644)
				}
				if err != nil {
					errs[i] = err
					continue
				}
				cmd := exec.Command(bin, "eval", "--bundle", bundleFile, "--bundle", settings, "--input", in,
					"--format", "json", bundle.Query)
				var stdout, stderr bytes.Buffer
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				if err := cmd.Run(); err != nil {
					errs[i] = fmt.Errorf("opa eval on %s: %v\n%s", inputs[i].file, err, stderr.String())
					continue
				}
				var out struct {
					Result []struct {
						Expressions []struct{ Value json.RawMessage }
					}
				}
				if err := json.Unmarshal(stdout.Bytes(), &out); err != nil || len(out.Result) != 1 || len(out.Result[0].Expressions) != 1 {
					errs[i] = fmt.Errorf("opa eval on %s: no result (%v)\n%s", inputs[i].file, err, stdout.String())
					continue
				}
				results[i] = findingKeys(t, out.Result[0].Expressions[0].Value)
			}
		}()
	}
	for i := range inputs {
		work <- i
	}
	close(work)
	wg.Wait()
	got := map[string][]string{}
	for i, in := range inputs {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		got[in.file] = append(got[in.file], results[i]...)
	}
	return got
}

// opaEvalAllFindings runs opa eval once over every document: the same query with each
// document's input in turn (`with input as`), so that one process judges all the fixtures.
func opaEvalAllFindings(t *testing.T, bundleFile string, files []string, asOf string) map[string][]string {
	t.Helper()
	bin, err := opaBinary()
	if err != nil {
		t.Fatal(err)
	}
	inputs := bundleInputs(t, files)
	all := make([]any, len(inputs))
	for i, in := range inputs {
		all[i] = in.input
	}
	b, err := json.Marshal(map[string]any{"inputs": all})
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(t.TempDir(), "inputs.json")
	if err := os.WriteFile(in, b, 0o644); err != nil {
		t.Fatal(err)
	}
	query := "[r | some x in input.inputs; r := " + bundle.Query + " with input as x]"
	cmd := exec.Command(bin, "eval", "--bundle", bundleFile, "--bundle", settingsBundle(t, asOf), "--input", in, "--format", "json", query)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("opa eval: %v\n%s", err, stderr.String())
	}
	var out struct {
		Result []struct {
			Expressions []struct{ Value []json.RawMessage }
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil || len(out.Result) != 1 || len(out.Result[0].Expressions) != 1 ||
		len(out.Result[0].Expressions[0].Value) != len(inputs) {
		t.Fatalf("opa eval: not one result per document (%v)\n%.2000s", err, stdout.String())
	}
	got := map[string][]string{}
	for i, r := range out.Result[0].Expressions[0].Value {
		got[inputs[i].file] = append(got[inputs[i].file], findingKeys(t, r)...)
	}
	return got
}

// The bundle parity test: real opa, given the bundle that `aksarc-opa export bundle` writes,
// finds on every fixture exactly what the evaluator finds, on every parity date.
func TestOPABundleMatchesTheEvaluatorOnEveryFixture(t *testing.T) {
	bundleFile := writeBundle(t, policies.FS)
	assertParity(t, "opa eval", func(t *testing.T, files []string, asOf string) map[string][]string {
		return opaEvalAllFindings(t, bundleFile, files, asOf)
	})
}

// The command docs/bundle.md gives, run as written for each document of a few fixtures (a
// process per document is slow; the test above judges them all): the same findings.
func TestOPAEvalAsDocumented(t *testing.T) {
	bundleFile := writeBundle(t, policies.FS)
	var files []string
	for _, f := range []string{"snapshots/stopped-45-days-azure-local.yaml", "manifests/kube-system-foreign.yaml", "snapshots/clean-windows-server.yaml"} {
		files = append(files, filepath.Join(repoRoot, "fixtures", filepath.FromSlash(f)))
	}
	got := opaEvalFindings(t, bundleFile, files, parityDates[0])
	want := evaluatorFindings(t, files, parityDates[0])
	requireFindings(t, want)
	for _, d := range differences(files, got, want, "opa eval", "evaluator") {
		t.Error(d)
	}
}

// opaServer runs `opa run --server --bundle FILE` on a loopback port the test chooses and stops
// it when the test ends; it returns the server's URL.
func opaServer(t *testing.T, bundleFile string) string {
	t.Helper()
	bin, err := opaBinary()
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "run", "--server", "--addr", addr, "--bundle", bundleFile,
		"--skip-version-check", "--log-level", "error")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cancel()
		<-exited
	})
	url := "http://" + addr
	// Wait until the server answers (the bundle is loaded before it listens): a bound on a
	// start that failed, not a timing of the test.
	deadline := time.Now().Add(2 * time.Minute)
	for {
		resp, err := http.Get(url + "/health")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return url
			}
		}
		select {
		case err := <-exited:
			t.Fatalf("opa run --server stopped: %v\n%s", err, stderr.String())
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("opa run --server did not answer on %s\n%s", addr, stderr.String())
		}
	}
}

func httpJSON(t *testing.T, method, url string, body any) []byte {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(method, url, bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode/100 != 2 {
		t.Fatalf("%s %s: %s\n%s", method, url, resp.Status, out)
	}
	return out
}

// serverFindings asks the server for the result of every document, with the date pinned through
// the Data API (aksarc_settings is outside the bundle's roots, so it may be written).
func serverFindings(t *testing.T, url string, files []string, asOf string) map[string][]string {
	t.Helper()
	httpJSON(t, http.MethodPut, url+"/v1/data/aksarc_settings", map[string]any{"asOf": asOf})
	path := "/v1/data/" + strings.ReplaceAll(strings.TrimPrefix(bundle.Query, "data."), ".", "/")
	got := map[string][]string{}
	for _, in := range bundleInputs(t, files) {
		var out struct{ Result json.RawMessage }
		if err := json.Unmarshal(httpJSON(t, http.MethodPost, url+path, map[string]any{"input": in.input}), &out); err != nil {
			t.Fatal(err)
		}
		if len(out.Result) == 0 {
			t.Fatalf("%s: the server gave no result", in.file)
		}
		got[in.file] = append(got[in.file], findingKeys(t, out.Result)...)
	}
	return got
}

// opa run --server with the bundle answers over OPA's REST API what the evaluator finds, on
// every fixture and every parity date.
func TestOPAServerWithTheBundleMatchesTheEvaluator(t *testing.T) {
	url := opaServer(t, writeBundle(t, policies.FS))
	assertParity(t, "opa run --server", func(t *testing.T, files []string, asOf string) map[string][]string {
		return serverFindings(t, url, files, asOf)
	})
}

// The bundle parity can fail: a bundle whose evaluator entry point drops one rule gives a
// difference on the fixture where that rule fires, in opa eval and in the server.
func TestOPABundleParityCatchesADivergentBundle(t *testing.T) {
	copied := fstest.MapFS{}
	err := fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(policies.FS, p)
		copied[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	const entry, line = "entrypoints/evaluator.rego", "findings := registry.findings(input.document, ctx)"
	src := string(copied[entry].Data)
	if !strings.Contains(src, line) {
		t.Fatalf("%s no longer has %q: update this test", entry, line)
	}
	copied[entry] = &fstest.MapFile{Data: []byte(strings.Replace(src, line,
		`findings := [f | some f in registry.findings(input.document, ctx); f.id != "AKSARC-010"]`, 1))}
	diverged := writeBundle(t, copied)
	files := []string{filepath.Join(repoRoot, "fixtures", "manifests", "kube-system-foreign.yaml")}
	want := evaluatorFindings(t, files, "2025-11-01")
	for name, got := range map[string]map[string][]string{
		"opa eval":         opaEvalFindings(t, diverged, files, "2025-11-01"),
		"opa eval (all)":   opaEvalAllFindings(t, diverged, files, "2025-11-01"),
		"opa run --server": serverFindings(t, opaServer(t, diverged), files, "2025-11-01"),
	} {
		diffs := differences(files, got, want, name, "evaluator")
		if len(diffs) != 1 || !strings.Contains(diffs[0], "AKSARC-010") {
			t.Errorf("%s: the divergent bundle was not caught: %q", name, diffs)
		}
	}
}
