package evaluator

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	k8syaml "sigs.k8s.io/yaml"

	"github.com/aksarc-opa/aksarc-opa/bench/dumpgen"
)

// dumpObjects is the size of the generated dumps here: the smallest with a Node whose kubelet
// is ahead of the control plane (dumpgen: a Node per 200 objects, the eighth is ahead).
const dumpObjects = 1600

// streamDump writes a generated cluster dump whose ClusterSnapshot comes last.
func streamDump(t *testing.T, format string, n int) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "dump."+map[string]string{"yaml": "yaml", "list": "json"}[format])
	if err := dumpgen.Write(p, format, n, 1); err != nil {
		t.Fatal(err)
	}
	return p
}

// checkBothWays judges paths as CheckInputs does (each document as it is read) and as
// LoadInputs and EvaluateInputs do (every document held), and fails unless the reports are the
// same and Checked lists every document loaded.
func checkBothWays(t *testing.T, e *Evaluator, paths []string, stdin func() *bytes.Reader, opts ...EvaluateOption) *Report {
	t.Helper()
	var in1, in2 *bytes.Reader
	if stdin != nil {
		in1, in2 = stdin(), stdin()
	}
	loaded, err := LoadInputs(paths, in1, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := e.EvaluateInputs(context.Background(), loaded, opts...)
	if err != nil {
		t.Fatal(err)
	}
	got, checked, err := e.CheckInputs(context.Background(), paths, in2, LoadOptions{}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	w, _ := json.Marshal(want)
	g, _ := json.Marshal(got)
	if !bytes.Equal(w, g) {
		t.Errorf("CheckInputs gives a report other than EvaluateInputs:\n got %.2000s\nwant %.2000s", g, w)
	}
	if len(checked) != len(loaded.Documents) {
		t.Fatalf("Checked lists %d documents, %d were loaded", len(checked), len(loaded.Documents))
	}
	for i, d := range loaded.Documents {
		if c := (Checked{Source: d.Source, Resource: d.Resource()}); checked[i] != c {
			t.Errorf("Checked[%d] = %+v, want %+v", i, checked[i], c)
		}
	}
	return got
}

// checkSnapshotFiles writes each file (name -> text) and checks it both ways (checkBothWays):
// the snapshot in it must be the cluster of its Nodes (AKSARC-005 fires), and, when documents
// is not 0, that many documents are judged.
func checkSnapshotFiles(t *testing.T, e *Evaluator, files map[string]string, documents int) {
	t.Helper()
	for name, text := range files {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), name)
			writeFile(t, p, text)
			r := checkBothWays(t, e, []string{p}, nil, AsOf(day(dumpgen.AsOf)))
			if !fired(r, "AKSARC-005") || (documents != 0 && r.Summary.Documents != documents) {
				t.Errorf("documents %d of %d, AKSARC-005 fired %v: the snapshot was not the cluster of the Nodes", r.Summary.Documents, documents, fired(r, "AKSARC-005"))
			}
		})
	}
}

func fired(r *Report, id string) bool {
	return slices.ContainsFunc(r.Findings, func(f Finding) bool { return f.RuleID == id })
}

// CheckInputs judges each document as it reads it; the ClusterSnapshot that comes last in a
// dump is still the cluster of every object before it (the first pass finds it): the Node
// whose kubelet is ahead of the control plane gets AKSARC-005, which needs the cluster.
func TestCheckInputsFindsTheSnapshotFirst(t *testing.T) {
	e := newEvaluator(t)
	asOf := AsOf(day(dumpgen.AsOf))
	for _, format := range []string{"yaml", "list"} {
		t.Run(format, func(t *testing.T) {
			r := checkBothWays(t, e, []string{streamDump(t, format, dumpObjects)}, nil, asOf)
			if !fired(r, "AKSARC-005") || r.Summary.Documents != dumpObjects {
				t.Errorf("documents %d, AKSARC-005 fired %v: the snapshot at the end was not the cluster", r.Summary.Documents, fired(r, "AKSARC-005"))
			}
		})
	}
	t.Run("fixtures", func(t *testing.T) {
		for _, dir := range []string{"snapshots", "manifests", "cluster"} {
			checkBothWays(t, e, []string{filepath.Join(fixturesDir, dir)}, nil, AsOf(day("2025-11-01")))
		}
	})
}

// nodesAndSnapshot are the Nodes of a generated dump, then its ClusterSnapshot, as YAML.
// decodeTest decodes the text of a test's documents (failing the test when it does not decode).
func decodeTest(t *testing.T, text string) []*Document {
	t.Helper()
	docs, err := Decode("dump.yaml", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func nodesAndSnapshot(t *testing.T) (nodes, snapshot string) {
	t.Helper()
	dump, err := os.ReadFile(streamDump(t, "yaml", dumpObjects))
	if err != nil {
		t.Fatal(err)
	}
	docs := strings.Split(string(dump), "\n---\n")
	for _, d := range docs[:len(docs)-1] {
		if strings.Contains(d, "\nkind: Node\n") {
			nodes += d + "\n---\n"
		}
	}
	return nodes, docs[len(docs)-1]
}

// Standard input cannot be read twice: the first pass keeps what it read for the second.
func TestCheckInputsReadsStdinOnce(t *testing.T) {
	e := newEvaluator(t)
	nodes, snapshot := nodesAndSnapshot(t)
	data := []byte(nodes + snapshot)
	r := checkBothWays(t, e, []string{"-"}, func() *bytes.Reader { return bytes.NewReader(data) }, AsOf(day(dumpgen.AsOf)))
	if !fired(r, "AKSARC-005") || r.Summary.Documents != strings.Count(nodes, "kind: Node")+1 {
		t.Errorf("documents %d, AKSARC-005 fired %v", r.Summary.Documents, fired(r, "AKSARC-005"))
	}
}

// A snapshot whose kind or group is not written plainly (a YAML escape, a !!binary tag, even
// with its URI escaped) is still found by the first pass, which decodes every document that
// could spell one. Among the Nodes before it, only its own document is decoded twice.
func TestCheckInputsFindsSnapshotsSpelledOtherwise(t *testing.T) {
	e := newEvaluator(t)
	objects, snap := nodesAndSnapshot(t)
	if !strings.Contains(snap, "kind: ClusterSnapshot\n") || !strings.Contains(snap, "apiVersion: support.aksarc.io/v1alpha1\n") {
		t.Fatalf("the generated snapshot is not written as this test expects:\n%.300s", snap)
	}
	files := map[string]string{}
	for name, spelled := range map[string]string{
		"escape": `kind: "Cluster\x53napshot"`,
		"binary": `kind: !!binary Q2x1c3RlclNuYXBzaG90`,
		"tag":    `kind: !<tag:yaml.org,2002:bin%61ry> Q2x1c3RlclNuYXBzaG90`, // a tag's URI may be escaped
		"folded": "kind: \"Cluster\\\n  Snapshot\"",
	} {
		s := strings.Replace(snap, "kind: ClusterSnapshot", spelled, 1)
		s = strings.Replace(s, "apiVersion: support.aksarc.io/v1alpha1", `apiVersion: "support.aks\x61rc.io/v1alpha1"`, 1)
		if strings.Contains(s, snapshotKind) || strings.Contains(s, snapshotGroup) {
			t.Fatalf("%s: the snapshot still names its kind or group", name)
		}
		files[name+".yaml"] = objects + s
	}
	checkSnapshotFiles(t, e, files, 0)
}

// A snapshot the stream meets that it was not started with (an input changed between the two
// passes) fails the run rather than judging without the cluster.
func TestStreamFailsWhenTheSnapshotsChange(t *testing.T) {
	e := newEvaluator(t)
	docs := decodeTest(t, stoppedSnapshot)
	for _, start := range [][]*Document{nil, {docs[0], docs[0]}} {
		s, err := e.NewStream(context.Background(), start, AsOf(day("2025-11-01")))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Add(docs[0]); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Close(); err == nil || !strings.Contains(err.Error(), "are not those the run started with") {
			t.Errorf("started with %d snapshots: err = %v", len(start), err)
		}
	}
	s, err := e.NewStream(context.Background(), docs, AsOf(day("2025-11-01")))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Add(docs[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Close(); err != nil {
		t.Errorf("the same snapshot: %v", err)
	}
	if err := s.Add(docs[0]); err == nil {
		t.Error("Add after Close: no error")
	}
	if _, err := s.Close(); err == nil {
		t.Error("Close twice: no error")
	}
}

// The items of a List (`kubectl get -o yaml` or `-o json`) are decoded one at a time as the
// List is unpacked; a snapshot among them, spelled plainly or not, is still every item's
// cluster, and the report is EvaluateInputs'.
func TestCheckInputsListsWithTheSnapshotInside(t *testing.T) {
	e := newEvaluator(t)
	nodes, snapshot := nodesAndSnapshot(t)
	docs := decodeTest(t, nodes+snapshot)
	var yamlList strings.Builder
	yamlList.WriteString("apiVersion: v1\nitems:\n")
	items := []any{}
	for _, d := range docs {
		items = append(items, d.Object)
		j, _ := json.Marshal(d.Object) // JSON is YAML: one line per item
		yamlList.WriteString("- " + string(j) + "\n")
	}
	yamlList.WriteString("kind: List\nmetadata: {resourceVersion: \"\"}\n")
	jsonList, err := json.Marshal(map[string]any{"apiVersion": "v1", "items": items, "kind": "List"})
	if err != nil {
		t.Fatal(err)
	}
	escaped := bytes.Replace(jsonList, []byte(`"kind":"ClusterSnapshot"`), []byte(`"kind":"\u0043lusterSnapshot"`), 1)
	escaped = bytes.Replace(escaped, []byte(`"apiVersion":"support.aksarc.io/v1alpha1"`), []byte(`"apiVersion":"support.aks\u0061rc.io/v1alpha1"`), 1)
	if bytes.Contains(escaped, []byte(snapshotKind)) || bytes.Contains(escaped, []byte(snapshotGroup)) {
		t.Fatal("the escaped List still names the snapshot's kind or group")
	}
	checkSnapshotFiles(t, e, map[string]string{"list.yaml": yamlList.String(), "list.json": string(jsonList), "escaped.json": string(escaped)}, len(docs))
}

// An item of a typed list takes its kind and apiVersion from the list: a ClusterSnapshot in a
// ClusterSnapshotList whose item text names neither is still found by the first pass.
func TestCheckInputsTypedListOfSnapshots(t *testing.T) {
	e := newEvaluator(t)
	nodes, snapshot := nodesAndSnapshot(t)
	docs := decodeTest(t, nodes+snapshot)
	var objects []any
	for _, d := range docs[:len(docs)-1] {
		objects = append(objects, d.Object)
	}
	snap := docs[len(docs)-1].Object
	delete(snap, "kind")
	delete(snap, "apiVersion")
	nodeList, _ := json.Marshal(map[string]any{"apiVersion": "v1", "kind": "List", "items": objects})
	typed, _ := json.Marshal(map[string]any{"apiVersion": "support.aksarc.io/v1alpha1", "kind": "ClusterSnapshotList", "items": []any{snap}})
	item, _ := json.Marshal(snap)
	if bytes.Contains(item, []byte(snapshotKind)) || bytes.Contains(item, []byte(snapshotGroup)) || bytes.ContainsAny(item, "\\!") {
		t.Fatal("the item names the snapshot's kind or group itself")
	}
	checkSnapshotFiles(t, e, map[string]string{
		"typed.json": string(nodeList) + "\n" + string(typed),
		"typed.yaml": string(nodeList) + "\n---\napiVersion: support.aksarc.io/v1alpha1\nkind: ClusterSnapshotList\nitems:\n- " + string(item) + "\n",
	}, len(docs))
}

// A List item that is a snapshot only through an alias or a merge key (its own text names
// neither kind nor group) is still found by the first pass: an item with an alias is never
// left out.
func TestCheckInputsSnapshotThroughAnAlias(t *testing.T) {
	e := newEvaluator(t)
	nodes, snapshot := nodesAndSnapshot(t)
	docs := decodeTest(t, snapshot)
	snap := docs[0].Object
	delete(snap, "kind")
	delete(snap, "apiVersion")
	body, _ := json.Marshal(snap)
	rest := strings.TrimSuffix(strings.TrimPrefix(string(body), "{"), "}") // the snapshot's other keys, in flow style
	head := "apiVersion: v1\nkind: List\nmetadata: {annotations: {k: &k ClusterSnapshot, g: &g support.aksarc.io/v1alpha1}}\nitems:\n"
	files := map[string]string{}
	for name, item := range map[string]string{
		"alias": "- {apiVersion: *g, kind: *k, " + rest + "}\n",
		"merge": "- <<: {apiVersion: *g, kind: *k}\n  " + strings.ReplaceAll(strings.TrimSuffix(toYAML(t, snap), "\n"), "\n", "\n  ") + "\n",
	} {
		if strings.Contains(item, snapshotKind) || strings.Contains(item, snapshotGroup) {
			t.Fatalf("%s: the item names the snapshot's kind or group itself", name)
		}
		files[name+".yaml"] = nodes + head + "- {apiVersion: v1, kind: ConfigMap, metadata: {name: cm}}\n" + item
	}
	checkSnapshotFiles(t, e, files, 0)
}

func toYAML(t *testing.T, v any) string {
	t.Helper()
	b, err := k8syaml.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Add may run in several goroutines and while Close runs: no send on a closed channel, and
// every document Add accepted is in the report.
func TestStreamAddWhileClosing(t *testing.T) {
	e := newEvaluator(t)
	docs, err := Decode("cm.yaml", strings.NewReader(strings.Replace(cm, "%s", "app", 1)))
	if err != nil {
		t.Fatal(err)
	}
	s, err := e.NewStream(context.Background(), nil, AsOf(day("2025-11-01")))
	if err != nil {
		t.Fatal(err)
	}
	var accepted atomic.Int64
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s.Add(docs[0]) == nil {
				accepted.Add(1)
			}
		}()
	}
	for accepted.Load() < 20 {
		runtime.Gosched()
	}
	r, err := s.Close()
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if int64(r.Summary.Documents) != accepted.Load() {
		t.Errorf("the report has %d documents, Add accepted %d", r.Summary.Documents, accepted.Load())
	}
}
