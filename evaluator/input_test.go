package evaluator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	k8syaml "sigs.k8s.io/yaml"
)

// kubectlValues decodes a stream as kubectl does, independently of the decoder: split at ---
// lines, each document through sigs.k8s.io/yaml.YAMLToJSON, null documents dropped, the JSON
// read with exact numbers.
func kubectlValues(t *testing.T, data []byte) ([]any, error) {
	t.Helper()
	var out []any
	var chunks [][]byte
	var cur []byte
	for _, line := range bytes.SplitAfter(data, []byte("\n")) {
		if bytes.HasPrefix(line, []byte("---")) {
			chunks, cur = append(chunks, cur), nil
			continue
		}
		cur = append(cur, line...)
	}
	chunks = append(chunks, cur)
	for _, c := range chunks {
		j, err := k8syaml.YAMLToJSON(c)
		if err != nil {
			return nil, err
		}
		dec := json.NewDecoder(bytes.NewReader(j))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		if v != nil {
			out = append(out, v)
		}
	}
	return out, nil
}

// ourValues decodes a stream with the decoder, top-level documents only (Lists not unpacked).
func ourValues(data []byte) ([]any, error) {
	var out []any
	var errs InputErrors
	err := NewDecoder(Limits{}).each("in.yaml", bytes.NewReader(data), func(doc rawDoc) error {
		if doc.err != nil {
			errs = append(errs, doc.err)
		} else if v, err := resolved(doc.value); err != nil { // the items of a List, decoded
			errs = append(errs, inputError(doc.source, "%v", err))
		} else {
			out = append(out, v)
		}
		return nil
	})
	if err == nil {
		err = errs.orNil()
	}
	return out, err
}

// typeConfusion are YAML documents whose values YAML 1.1 and YAML 1.2 readers disagree on:
// the decoder must read them as kubectl does.
var typeConfusion = []string{
	"privileged: yes\nhostPID: on\nhostNetwork: Y\nreadOnly: off\nallow: NO\nn: n\n",
	"namespace: !!binary a3ViZS1zeXN0ZW0=\napiVersion: !!binary YXBwcy92MQ==\n",
	"a: 010\nb: 0x1F\nc: 1_000\nd: 0b101\ne: 1e3\nf: .5\ng: -0\nh: 12345678901234567890\ni: 1.0\n",
	"t: 2025-11-01\nu: 2025-11-01T08:00:00Z\nv: !!timestamp 2025-11-01\nw: !!str 123\nx: !!int \"42\"\n",
	"1: one\n2.5: float\ntrue: bool\n~: nothing\n",
	"dup: first\ndup: last\n",
	"base: &b {x: 1, y: 2}\nm:\n  x: 0\n  <<: *b\n  y: 3\n",
	"s: 'yes'\nq: \"on\"\nnull: ~\nempty:\n",
	"big: 1e400\n",
	"l: [yes, no, on, off, 1, 1.5, ~, \"x\"]\n",
	"!!map {a: 1}\n",
	"key: !custom value\nother: !!float 3\n",
	"text: |\n  line one\n  line two\nfolded: >\n  a\n  b\n",
	"- a\n- b\n",
	"plain",
}

// The values the decoder gives are those of kubectl (sigs.k8s.io/yaml), on every fixture and
// on the type-confusion cases, and any List read item by item equals the List read whole.
func TestDecodeMatchesKubectl(t *testing.T) {
	corpus := map[string][]byte{}
	for i, s := range typeConfusion {
		corpus[fmt.Sprintf("type-confusion-%d", i)] = []byte("apiVersion: v1\nkind: ConfigMap\n" + strings.TrimPrefix(s, "plain"))
		corpus[fmt.Sprintf("type-confusion-raw-%d", i)] = []byte(s)
		corpus[fmt.Sprintf("type-confusion-list-%d", i)] = []byte("apiVersion: v1\nkind: List\nitems:\n- " +
			strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n  ") + "\n- apiVersion: v1\n  kind: Pod\n")
	}
	err := filepath.WalkDir(fixturesDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && hasExtension(p) {
			corpus[p], err = os.ReadFile(p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	compared := 0
	for name, data := range corpus {
		if bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) {
			continue // JSON: TestDecodeJSONMatchesEncodingJSON
		}
		want, werr := kubectlValues(t, data)
		got, gerr := ourValues(data)
		if (werr != nil) != (gerr != nil) {
			t.Errorf("%s: kubectl error %v, ours %v", name, werr, gerr)
			continue
		}
		if werr == nil && !reflect.DeepEqual(got, want) {
			t.Errorf("%s: values differ\n ours:    %#v\n kubectl: %#v", name, got, want)
		}
		compared++
	}
	if compared < len(typeConfusion)*3 {
		t.Fatalf("only %d inputs compared", compared)
	}
}

// JSON inputs give what encoding/json gives (exact numbers, a duplicate key's last value).
func TestDecodeJSONMatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{
		`{"apiVersion": "v1", "kind": "List", "items": [{"a": 1.50, "b": [true, null, "x"]}, {"kind": "List", "items": [{"n": 12345678901234567890}]}]}`,
		`{"a": 1, "a": 2, "kind": "X", "apiVersion": "v1"}`,
	} {
		got, err := ourValues([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(strings.NewReader(s))
		dec.UseNumber()
		var want any
		if err := dec.Decode(&want); err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || !reflect.DeepEqual(got[0], want) {
			t.Errorf("ours %#v, encoding/json %#v", got, want)
		}
	}
}

func TestDecodeUnpacksNestedListsWithLines(t *testing.T) {
	for _, name := range []string{"../fixtures/cluster/nested-lists.yaml"} {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		docs, err := Decode(name, f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range docs {
			got = append(got, fmt.Sprintf("%s item %d line %d", d.Resource().Kind, d.Source.Item, d.Source.Line))
		}
		want := []string{"ConfigMap item 1 line 8", "DaemonSet item 2 line 20"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
	}
	js := "{\"kind\": \"List\", \"apiVersion\": \"v1\", \"items\": [\n{\"kind\": \"List\", \"apiVersion\": \"v1\", \"items\": [\n{\"kind\": \"Pod\", \"apiVersion\": \"v1\"},\n{\"kind\": \"Pod\", \"apiVersion\": \"v1\"}]},\n{\"kind\": \"Pod\", \"apiVersion\": \"v1\"}]}\n"
	docs := decodeString(t, "n.json", js)
	if len(docs) != 3 || docs[0].Source.Line != 3 || docs[1].Source.Line != 4 || docs[2].Source.Line != 5 || docs[2].Source.Item != 3 {
		t.Fatalf("sources: %+v", docs)
	}
}

// A 6 KB file of alias bombs ends with an input error, not with memory exhausted: a dense bomb
// in one document is refused by yaml.v2 (as kubectl refuses it); documents each within that
// check still spend the run's budget, which is shared by every document and input of a run.
func TestAliasBombsEndWithAnInputError(t *testing.T) {
	var b strings.Builder
	for doc := 0; b.Len() < 6000; doc++ {
		fmt.Fprintf(&b, "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb%d}\n", doc)
		b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
		for i := 1; i < 5; i++ {
			fmt.Fprintf(&b, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
		}
	}
	_, err := Decode("bomb.yaml", strings.NewReader(b.String()))
	if err == nil || !strings.Contains(err.Error(), "bomb.yaml:2 (document 1): not valid YAML: document contains excessive aliasing") {
		t.Fatalf("err = %v", err)
	}
	// 40,000 values from 4 KB: within yaml.v2's ratio, 1% of them written out.
	var doc strings.Builder
	doc.WriteString("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: wide}\npad: [" + strings.Repeat("x, ", 600) + "x]\n")
	doc.WriteString("a0: &a0 [" + strings.Repeat("yyyyyyyy, ", 39) + "yyyyyyyy]\n")
	doc.WriteString("a1: &a1 [" + strings.Repeat("*a0, ", 39) + "*a0]\n")
	doc.WriteString("a2: [" + strings.Repeat("*a1, ", 24) + "*a1]\n")
	if _, err := Decode("wide.yaml", strings.NewReader(doc.String())); err != nil {
		t.Fatalf("one document within the budget: %v", err)
	}
	d := NewDecoder(Limits{MaxExpansion: 1 << 20})
	var spent error
	files := 0
	for ; files < 100 && spent == nil; files++ {
		_, spent = d.Decode(fmt.Sprintf("part%d.yaml", files), strings.NewReader(doc.String()))
	}
	var ie *InputError
	if !errors.As(spent, &ie) || !ie.stop || !strings.Contains(spent.Error(), "YAML aliases expand the documents of this run beyond 1 MiB of JSON") {
		t.Fatalf("the budget is not the run's: %v", spent)
	}
	if files < 2 {
		t.Fatalf("one document spent the budget: %d", files)
	}
	// In a load, the run stops at once.
	dir := t.TempDir()
	for i := 0; i < 10; i++ {
		writeFile(t, fmt.Sprintf("%s/wide%d.yaml", dir, i), doc.String())
	}
	if _, err := LoadInputs([]string{dir}, nil, LoadOptions{Limits: Limits{MaxExpansion: 1 << 20}}); err == nil || !strings.Contains(err.Error(), "beyond 1 MiB") {
		t.Fatalf("load: %v", err)
	}
}

func TestSizeLimits(t *testing.T) {
	d := NewDecoder(Limits{MaxInputSize: 1 << 10})
	_, err := d.Decode("-", strings.NewReader(strings.Repeat("# padding\n", 200)))
	if err == nil || !strings.Contains(err.Error(), "-: larger than the input size limit of 1 KiB (--max-input-size)") {
		t.Fatalf("input: %v", err)
	}
	// An endless input (/dev/zero, yes |) ends at the limit.
	_, err = d.Decode("/dev/zero", zeros{})
	if err == nil || !strings.Contains(err.Error(), "larger than the input size limit") {
		t.Fatalf("endless: %v", err)
	}
	big := "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  x: " + strings.Repeat("a", 2000) + "\n"
	d = NewDecoder(Limits{MaxDocumentSize: 1 << 10})
	for name, src := range map[string]string{
		"doc.yaml":  big,
		"list.yaml": "apiVersion: v1\nkind: List\nitems:\n- " + strings.ReplaceAll(strings.TrimSuffix(big, "\n"), "\n", "\n  ") + "\n",
		"doc.json":  `{"apiVersion": "v1", "kind": "ConfigMap", "data": {"x": "` + strings.Repeat("a", 2000) + `"}}`,
		"list.json": `{"items": [{"apiVersion": "v1", "kind": "ConfigMap", "data": {"x": "` + strings.Repeat("a", 2000) + `"}}], "kind": "List", "apiVersion": "v1"}`,
	} {
		_, err := d.Decode(name, strings.NewReader(src))
		if err == nil || !strings.Contains(err.Error(), "larger than the document size limit of 1 KiB") {
			t.Errorf("%s: %v", name, err)
		}
	}
	// A List larger than the limit whose items are each within it is read.
	var items strings.Builder
	items.WriteString("apiVersion: v1\nkind: List\nitems:\n")
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&items, "- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c%d}\n", i)
	}
	if docs, err := d.Decode("dump.yaml", strings.NewReader(items.String())); err != nil || len(docs) != 50 {
		t.Fatalf("dump: %d docs, %v", len(docs), err)
	}
}

// ReadLimited reads within the limit, to the byte, from a stream or a regular file (read into
// one buffer of its size), and refuses one byte more, or an endless input, with ErrTooLarge.
func TestReadLimited(t *testing.T) {
	const limit = 3 << 20
	content := bytes.Repeat([]byte("0123456789abcdef"), (limit-1)/16+1)[:limit] // three chunks
	p := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(p, content, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for name, r := range map[string]io.Reader{"file": f, "stream": bytes.NewReader(content)} {
		if got, err := ReadLimited(r, limit); err != nil || !bytes.Equal(got, content) {
			t.Errorf("%s: %d bytes, %v", name, len(got), err)
		}
	}
	for name, r := range map[string]io.Reader{"one byte more": bytes.NewReader(append(content, 'x')), "endless": zeros{}} {
		if _, err := ReadLimited(r, limit); !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// Invalid YAML or JSON stops the run, and the error names every bad input, not only the first.
func TestLoadNamesEveryBadInput(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir+"/a.yaml", "apiVersion: v1\nkind: [unclosed\n")
	writeFile(t, dir+"/b.yaml", strings.Replace(cm, "%s", "fine", 1))
	writeFile(t, dir+"/c.json", `{"apiVersion": "v1",, }`)
	writeFile(t, dir+"/d.yaml", strings.Replace(cm, "%s", "one", 1)+"---\nkind: : :\n")
	_, err := LoadInputs([]string{dir}, nil, LoadOptions{})
	var ies InputErrors
	if !errors.As(err, &ies) || len(ies) != 3 {
		t.Fatalf("err = %v", err)
	}
	for _, want := range []string{"a.yaml", "c.json", "d.yaml:5 (document 2)"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not name %s: %v", want, err)
		}
	}
}

// Named inputs are strict; walks skip and list; --strict makes walks strict; excluded paths are
// listed; a file reached twice is read once; empty named inputs are errors.
func TestLoadInputsSkipsAndLists(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir+"/app.yaml", strings.Replace(cm, "%s", "app", 1))
	writeFile(t, dir+"/values.yaml", "replicas: 3\n")
	writeFile(t, dir+"/mixed.yaml", strings.Replace(cm, "%s", "mixed", 1)+"---\nsettings: {a: 1}\n")
	writeFile(t, dir+"/empty.yaml", "# nothing yet\n")
	writeFile(t, dir+"/vendor/deep/x.yaml", "not: [valid")
	writeFile(t, dir+"/chart/Chart.yaml", "apiVersion: v2\nname: c\n")
	writeFile(t, dir+"/chart/templates/d.yaml", "kind: {{ .Values.kind }}\n")
	in, err := LoadInputs([]string{dir, dir + "/app.yaml"}, nil, LoadOptions{Exclude: []string{"**/vendor/**"}})
	if err != nil {
		t.Fatal(err)
	}
	var names, skipped []string
	for _, d := range in.Documents {
		names = append(names, d.Resource().Name)
	}
	for _, s := range in.Skipped {
		rel, _ := filepath.Rel(dir, s.File)
		skipped = append(skipped, fmt.Sprintf("%s %s %d", s.Kind, rel, s.Document))
	}
	if want := []string{"app", "mixed"}; !reflect.DeepEqual(names, want) {
		t.Errorf("documents %q, want %q (app.yaml read once)", names, want)
	}
	want := []string{"helm-chart chart 0", "empty empty.yaml 0", "not-kubernetes-object mixed.yaml 2", "not-kubernetes-object values.yaml 1", "excluded vendor 0"}
	if !reflect.DeepEqual(skipped, want) {
		t.Errorf("skipped %q, want %q", skipped, want)
	}
	// --strict: what a walk skipped is an error, each one named.
	_, err = LoadInputs([]string{dir}, nil, LoadOptions{Strict: true, Exclude: []string{"vendor"}})
	for _, w := range []string{"chart: a Helm chart", "empty.yaml: no Kubernetes object", "mixed.yaml:5 (document 2): not a Kubernetes object", "values.yaml:1 (document 1)"} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("--strict: %v does not say %q", err, w)
		}
	}
	// A named file is strict; an empty named input is an error beside a valid one.
	for _, c := range []struct {
		paths []string
		stdin string
		want  string
	}{
		{[]string{dir + "/values.yaml"}, "", "values.yaml:1 (document 1): not a Kubernetes object"},
		{[]string{"-", dir + "/app.yaml"}, "", "-: no Kubernetes object or ClusterSnapshot: standard input is empty"},
		{[]string{"-", dir + "/app.yaml"}, "# only a comment\n---\n", "-: no Kubernetes object"},
		{[]string{dir + "/empty.yaml", dir + "/app.yaml"}, "", "empty.yaml: no Kubernetes object or ClusterSnapshot: the file is empty"},
		{[]string{"-", "-"}, strings.Replace(cm, "%s", "in", 1), "standard input is named twice"},
		{[]string{dir + "/chart"}, "", "helm template NAME " + dir + "/chart | aksarc-opa check -"},
	} {
		_, err := LoadInputs(c.paths, strings.NewReader(c.stdin), LoadOptions{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.paths, err, c.want)
		}
	}
	if _, err := LoadInputs([]string{dir}, nil, LoadOptions{Exclude: []string{"{a,b}"}}); err == nil || !strings.Contains(err.Error(), "braces") {
		t.Errorf("a brace glob: %v", err)
	}
}

// Waiver file globs match in time bounded by pattern length times name length, however many
// ** they hold: a backtracking matcher would try C(60, 8) ways to place these.
func TestWaiverGlobsAreNotExponential(t *testing.T) {
	name := strings.Repeat("a/", 60) + "b.yaml"
	pattern := strings.Repeat("**/a/", 8) + "**/c.yaml"
	if matchGlob(pattern, name) {
		t.Fatal("matched")
	}
	if !matchGlob(strings.Repeat("**/a/", 8)+"**/b.yaml", name) {
		t.Fatal("did not match")
	}
	for _, c := range []struct {
		pattern, name string
		want          bool
	}{
		{"clusters/prod/**/*.yaml", "clusters/prod/a/b/c.yaml", true},
		{"clusters/prod/**/*.yaml", "clusters/prod/c.yaml", true},
		{"clusters/prod/**/*.yaml", "clusters/stage/c.yaml", false},
		{"./x/*.yaml", "x/a.yaml", true},
		{"*.yaml", "x/a.yaml", false},
	} {
		if got := matchGlob(c.pattern, c.name); got != c.want {
			t.Errorf("%s ~ %s: %v", c.pattern, c.name, got)
		}
	}
}

// A walk lists hidden folders with the command that checks them, but a version control folder
// (a repository's history) without one.
func TestLoadInputsListsHiddenAndVersionControlFolders(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir+"/app.yaml", strings.Replace(cm, "%s", "app", 1))
	writeFile(t, dir+"/.git/config.yaml", "core: {}\n")
	writeFile(t, dir+"/.github/workflows/ci.yaml", "on: push\n")
	in, err := LoadInputs([]string{dir}, nil, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range in.Skipped {
		got[filepath.Base(s.File)] = s.Reason + " | " + s.Hint
	}
	want := map[string]string{
		".git":    "a version control folder: not searched | ",
		".github": "a hidden folder: not searched | aksarc-opa check " + filepath.Join(dir, ".github"),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("skipped %q, want %q", got, want)
	}
}

// One long string referenced thousands of times passes yaml.v2's alias check (it counts
// nodes, not bytes) and would expand to gigabytes of JSON: the expansion is measured on the
// decoded value before any JSON is written, so the refusal costs little memory.
func TestLongStringAliasBombIsRefusedBeforeItExpands(t *testing.T) {
	var b strings.Builder
	b.WriteString("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: long}\ndata:\n")
	b.WriteString("  a: &a \"" + strings.Repeat("x", 100_000) + "\"\n")
	b.WriteString("  p: [" + strings.Repeat("1,", 9_999) + "1]\n")   // plain values: yaml.v2's ratio holds
	b.WriteString("  b: [" + strings.Repeat("*a,", 7_999) + "*a]\n") // 8,000 copies: 800 MB of JSON
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := Decode("long.yaml", strings.NewReader(b.String()))
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "YAML aliases expand the documents of this run beyond 64 MiB of JSON") {
		t.Fatalf("err = %v", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Fatalf("refusing it allocated %d MiB", alloc>>20)
	}
}

// A hard link is the same file under another path: read once, as a symbolic link is.
func TestLoadInputsReadsAHardLinkOnce(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir+"/app.yaml", strings.Replace(cm, "%s", "app", 1))
	writeFile(t, dir+"/other.yaml", strings.Replace(cm, "%s", "other", 1))
	if err := os.Link(dir+"/app.yaml", dir+"/linked.yaml"); err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	in, err := LoadInputs([]string{dir, dir + "/linked.yaml"}, nil, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range in.Documents {
		names = append(names, d.Resource().Name)
	}
	if want := []string{"app", "other"}; !reflect.DeepEqual(names, want) {
		t.Errorf("documents %q, want %q", names, want)
	}
}

type endless struct{}

func (endless) Read(p []byte) (int, error) { return len(p), nil }

// An endless input stops at the size limit and costs about the limit, not the doubling of a
// growing buffer past it (which took /dev/zero to 636 MB against a 256 MiB limit).
func TestEndlessInputCostsAboutTheLimit(t *testing.T) {
	const limit = 16 << 20
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := readLimited("endless", endless{}, limit)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "larger than the input size limit of 16 MiB") {
		t.Fatalf("err = %v", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > limit+limit/4 {
		t.Fatalf("reading allocated %d MiB for a limit of 16 MiB", alloc>>20)
	}
	for _, size := range []int{0, 1, 1 << 20, 1<<20 + 1, 3<<20 + 5} {
		data, err := readLimited("x", strings.NewReader(strings.Repeat("a", size)), limit)
		if err != nil || len(data) != size {
			t.Fatalf("%d bytes: %d, %v", size, len(data), err)
		}
	}
	if _, err := readLimited("x", strings.NewReader(strings.Repeat("a", 101)), 100); err == nil {
		t.Fatal("101 bytes within a limit of 100")
	}
	if data, err := readLimited("x", strings.NewReader(strings.Repeat("a", 100)), 100); err != nil || len(data) != 100 {
		t.Fatalf("100 bytes at a limit of 100: %v", err)
	}
}

// Only documents that may hold an anchor and an alias are decoded once more to measure what
// the aliases expand to; the others (a quoted "*", the & of a URL) are not.
func TestMayAlias(t *testing.T) {
	for text, want := range map[string]bool{
		"a: &x 1\nb: *x\n":                         true,
		"&x [1]\n":                                 false, // an anchor without an alias
		"a: &x 1\nb: [*x,*x]\n":                    true,
		"a: &x 1\nb: {c:*x}\n":                     true,
		"a:\n- &x 1\n- *x\n":                       true,
		"verbs: [\"*\"]\nurl: http://h/?a=1&b=2\n": false,
		"a: 2 * 3 & 4\n":                           false,
		"a: \"&x\"\nb: \"*x\"\n":                   false,
	} {
		if got := mayAlias([]byte(text)); got != want {
			t.Errorf("mayAlias(%q) = %v, want %v", text, got, want)
		}
	}
}
