package evaluator

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aksarc-opa/aksarc-opa/internal/fuzzwatch"
)

// seedFixtures adds the fixture files (up to maxSeed) and the type-confusion cases to a fuzz
// corpus.
func seedFixtures(f *testing.F) {
	f.Helper()
	for _, b := range fixtureSeeds(f, "") {
		f.Add(b)
	}
	for _, s := range typeConfusion {
		f.Add([]byte("apiVersion: v1\nkind: List\nitems:\n- " + strings.ReplaceAll(s, "\n", "\n  ")))
	}
}

// FuzzDecode: the decoder never panics or hangs on any input, every document it gives is a
// Kubernetes object with a place, and a stream's values are kubectl's (read item by item when
// a List allows, they equal the List read whole).
//
//	go test ./evaluator -run '^$' -fuzz '^FuzzDecode$' -fuzztime 10m -fuzzminimizetime 2s -parallel 2
func FuzzDecode(f *testing.F) {
	seedFixtures(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzwatch.Watchdog(t, 10*time.Second)
		d := NewDecoder(Limits{MaxInputSize: 1 << 20, MaxDocumentSize: 256 << 10, MaxExpansion: 4 << 20})
		docs, err := d.Decode("fuzz.yaml", bytes.NewReader(data))
		if err == nil {
			for _, doc := range docs {
				if notAnObject(doc.Object) != "" || doc.Source.Document < 1 || doc.Source.Line < 1 {
					t.Fatalf("document %+v: %v", doc.Source, notAnObject(doc.Object))
				}
			}
		}
		if bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) {
			return // JSON and the JSON-then-YAML reading are kubectl's stream logic, not YAMLToJSON's
		}
		got, gerr := ourValues(data)
		want, werr := kubectlValues(t, data)
		if werr == nil && !kubectlDeterministic(t, data, want) {
			return // kubectl's own reading is left to chance: nothing to compare with
		}
		if gerr == nil && werr == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("values differ from kubectl's\n ours:    %#v\n kubectl: %#v", got, want)
		}
		if gerr == nil && werr != nil {
			t.Fatalf("kubectl refuses what we read: %v", werr)
		}
	})
}

// FuzzLoad: a small tree of one fuzzed file beside a manifest, in a folder and a hidden
// folder, loads or fails with an input error; never a panic.
//
//	go test ./evaluator -run '^$' -fuzz '^FuzzLoad$' -fuzztime 10m -fuzzminimizetime 2s -parallel 2
func FuzzLoad(f *testing.F) {
	seedFixtures(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzwatch.Watchdog(t, 10*time.Second)
		dir := t.TempDir()
		writeFile(t, dir+"/app.yaml", strings.Replace(cm, "%s", "app", 1))
		for _, name := range []string{"/x.yaml", "/sub/y.json", "/.hidden/z.yaml"} {
			if err := os.MkdirAll(filepath.Dir(dir+name), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(dir+name, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		in, err := LoadInputs([]string{dir}, nil, LoadOptions{Limits: Limits{MaxInputSize: 1 << 20, MaxDocumentSize: 256 << 10, MaxExpansion: 4 << 20}})
		if err != nil {
			return
		}
		if len(in.Documents) == 0 {
			t.Fatal("the manifest beside the fuzzed files was lost")
		}
	})
}

// kubectlDeterministic reports whether kubectl reads data the same way a few more times. Two
// keys that YAML reads as different values but JSON writes alike (000 and 0E0, both "0")
// reach sigs.k8s.io/yaml's conversion in Go map order, so which value kubectl keeps is chance.
func kubectlDeterministic(t *testing.T, data []byte, first []any) bool {
	for range 7 {
		again, err := kubectlValues(t, data)
		if err != nil || !reflect.DeepEqual(again, first) {
			return false
		}
	}
	return true
}
