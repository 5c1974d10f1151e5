package evaluator

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func decodeString(t *testing.T, name, src string) []*Document {
	t.Helper()
	docs, err := Decode(name, strings.NewReader(src))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	return docs
}

func decodeError(t *testing.T, name, src string) *InputError {
	t.Helper()
	_, err := Decode(name, strings.NewReader(src))
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Fatalf("Decode(%q) error = %v, want an *InputError", src, err)
	}
	return ie
}

func TestDecodeMultiDocumentYAMLKeepsDocumentsAndLines(t *testing.T) {
	docs := decodeString(t, "m.yaml", `# leading comment
---
apiVersion: v1
kind: ConfigMap
metadata: {name: a, namespace: shop}
---
# an empty document holds no object
---

apiVersion: v1
kind: Secret
metadata: {name: b}
`)
	if len(docs) != 2 {
		t.Fatalf("got %d documents, want 2", len(docs))
	}
	want := []Source{{File: "m.yaml", Document: 1, Line: 3}, {File: "m.yaml", Document: 3, Line: 10}}
	for i, d := range docs {
		if d.Source != want[i] {
			t.Errorf("document %d source = %+v, want %+v", i, d.Source, want[i])
		}
	}
	if r := docs[0].Resource(); r != (Resource{APIVersion: "v1", Kind: "ConfigMap", Namespace: "shop", Name: "a"}) {
		t.Errorf("resource = %+v", r)
	}
}

func TestDecodeUnpacksListsWithItemLines(t *testing.T) {
	docs := decodeString(t, "dump.yaml", `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: one, namespace: kube-system}
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: two, namespace: kube-system}
metadata:
  resourceVersion: ""
`)
	if len(docs) != 2 {
		t.Fatalf("got %d documents, want 2", len(docs))
	}
	if docs[1].Source != (Source{File: "dump.yaml", Document: 1, Item: 2, Line: 7}) {
		t.Errorf("item 2 source = %+v", docs[1].Source)
	}
	if docs[1].Resource().Kind != "Deployment" {
		t.Errorf("item 2 kind = %q", docs[1].Resource().Kind)
	}
}

func TestDecodeTypedListFillsKindAndAPIVersion(t *testing.T) {
	docs := decodeString(t, "pods.json", `{"apiVersion": "v1", "kind": "PodList", "items": [{"metadata": {"name": "p"}}]}`)
	if len(docs) != 1 || docs[0].Resource().Kind != "Pod" || docs[0].Resource().APIVersion != "v1" {
		t.Fatalf("got %+v", docs)
	}
}

func TestDecodeJSONWithTabsFallsBackToJSON(t *testing.T) {
	src := "{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"Namespace\",\n\t\"metadata\": {\"name\": \"shop\"}\n}\n{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"two\"}}\n"
	docs := decodeString(t, "ns.json", src)
	if len(docs) != 2 || docs[1].Resource().Name != "two" || docs[1].Source.Line != 6 {
		t.Fatalf("got %d docs, second %+v", len(docs), docs[len(docs)-1].Source)
	}
}

func TestDecodeJSONKeepsNumbersExact(t *testing.T) {
	docs := decodeString(t, "n.json", `{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "n", "generation": 12345678901234567890}}`)
	meta := docs[0].Object["metadata"].(map[string]any)
	if got := meta["generation"]; got == nil || toString(got) != "12345678901234567890" {
		t.Fatalf("generation = %v (%T)", got, got)
	}
}

func toString(v any) string {
	if s, ok := v.(interface{ String() string }); ok {
		return s.String()
	}
	return ""
}

// Values are what kubectl reads (sigs.k8s.io/yaml on yaml.v2): YAML 1.1 booleans, keys written
// as strings, timestamps kept as text, !!binary decoded.
func TestDecodeYAMLScalarsAsKubectlReadsThem(t *testing.T) {
	docs := decodeString(t, "s.yaml", `apiVersion: v1
kind: ConfigMap
metadata: {name: s}
data:
  on: yes
  privileged: Yes
  hostPID: off
  quoted: "no"
  when: 2025-11-01
  namespace: !!binary a3ViZS1zeXN0ZW0=
  1: one
`)
	data := docs[0].Object["data"].(map[string]any)
	want := map[string]any{"true": true, "privileged": true, "hostPID": false, "quoted": "no",
		"when": "2025-11-01", "namespace": "kube-system", "1": "one"}
	if !reflect.DeepEqual(data, want) {
		t.Fatalf("data = %#v", data)
	}
}

func TestDecodeMergeKeys(t *testing.T) {
	docs := decodeString(t, "merge.yaml", `base: &base {team: a, tier: web}
apiVersion: v1
kind: ConfigMap
metadata:
  name: m
  labels:
    <<: *base
    tier: api
`)
	labels := docs[0].Object["metadata"].(map[string]any)["labels"].(map[string]any)
	if labels["team"] != "a" || labels["tier"] != "api" {
		t.Fatalf("labels = %#v", labels)
	}
}

func TestDecodeErrorsNameFileDocumentAndProblem(t *testing.T) {
	cases := []struct {
		name, src, want string
		doc             int
	}{
		{"bad YAML", "apiVersion: v1\nkind: [unclosed\n", "not valid YAML", 1},
		{"bad YAML in second document", "apiVersion: v1\nkind: A\nmetadata: {name: a}\n---\nkind: : :\n", "not valid YAML", 2},
		{"a list is not an object", "- a\n- b\n", "expected a Kubernetes object (a mapping), found a list", 1},
		{"a scalar is not an object", "hello\n", "found a string", 1},
		{"no kind", "apiVersion: v1\nmetadata: {name: a}\n", "apiVersion and kind are required", 1},
		{"apiVersion not a string", "apiVersion: 1\nkind: ConfigMap\n", "apiVersion must be a non-empty string, found a number", 1},
		{"list items not a list", "apiVersion: v1\nkind: List\nitems: {a: 1}\n", "items must be a list", 1},
		{"list item not an object", "apiVersion: v1\nkind: List\nitems: [3]\n", "list item is not an object", 1},
		{"infinity", "apiVersion: v1\nkind: A\nx: .inf\n", "not a number JSON can hold", 1},
		{"bad JSON", `{"apiVersion": "v1", "kind": "A",, }`, "not valid JSON", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ie := decodeError(t, "in.yaml", c.src)
			if ie.File != "in.yaml" || ie.Document != c.doc || !strings.Contains(ie.Error(), c.want) {
				t.Fatalf("error = %q (document %d), want document %d and %q", ie.Error(), ie.Document, c.doc, c.want)
			}
		})
	}
}

func TestDecodeRefusesAliasExplosion(t *testing.T) {
	var b strings.Builder
	b.WriteString("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 9; i++ {
		b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	ie := decodeError(t, "bomb.yaml", b.String())
	if !strings.Contains(ie.Error(), "too many values") && !strings.Contains(ie.Error(), "not valid YAML") {
		t.Fatalf("error = %v", ie)
	}
}

func TestSnapshotSchemaErrorsNameTheField(t *testing.T) {
	cases := []struct{ name, spec, want string }{
		{"unquoted version", "  cluster:\n    kubernetesVersion: 1.30\n", "spec.cluster.kubernetesVersion: got number, want string"},
		{"missing version", "  cluster: {}\n", "spec.cluster: missing property 'kubernetesVersion'"},
		{"bad platform", "  platform: Azure\n  cluster: {kubernetesVersion: 1.31.2}\n", "spec.platform: value must be one of"},
		{"typo", "  cluster: {kubernetesVersion: 1.31.2, kubernetesVerison: 1.31.2}\n", "additional properties 'kubernetesVerison' not allowed"},
		{"bad time", "  cluster:\n    kubernetesVersion: 1.31.2\n    power: {state: Stopped, since: last tuesday}\n", "spec.cluster.power.since"},
		{"bad count", "  cluster:\n    kubernetesVersion: 1.31.2\n    agentPoolProfiles: [{name: p, count: three}]\n", "spec.cluster.agentPoolProfiles[0].count: got string, want integer"},
		{"bad version", "  cluster: {kubernetesVersion: latest}\n", `spec.cluster.kubernetesVersion: "latest" is not a Kubernetes version, e.g. 1.30.4 or v1.30.4 (quote it in YAML)`},
		{"bad node version", "  cluster: {kubernetesVersion: 1.31.2}\n  nodes: [{name: n, kubeProxyVersion: x}]\n", `spec.nodes[0].kubeProxyVersion: "x" is not a Kubernetes version`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := "apiVersion: support.aksarc.io/v1alpha1\nkind: ClusterSnapshot\nmetadata: {name: c}\nspec:\n" + c.spec
			ie := decodeError(t, "snap.yaml", src)
			if !strings.Contains(ie.Error(), "ClusterSnapshot does not fit the schema") || !strings.Contains(ie.Error(), c.want) {
				t.Fatalf("error = %q, want it to contain %q", ie.Error(), c.want)
			}
		})
	}
}

// kubectl reports kubeProxyVersion "" once a node stops reporting it: a fact that is missing,
// not a malformed snapshot; and the schema error names no regular expression.
func TestSnapshotAcceptsAnEmptyReportedVersion(t *testing.T) {
	src := "apiVersion: support.aksarc.io/v1alpha1\nkind: ClusterSnapshot\nmetadata: {name: c}\nspec:\n  cluster: {kubernetesVersion: 1.31.2}\n  nodes: [{name: n1, kubeletVersion: v1.31.2, kubeProxyVersion: \"\"}]\n"
	if _, err := Decode("snap.yaml", strings.NewReader(src)); err != nil {
		t.Fatal(err)
	}
	ie := decodeError(t, "snap.yaml", strings.Replace(src, `kubeProxyVersion: ""`, "kubeProxyVersion: v1.x", 1))
	if strings.Contains(ie.Error(), "pattern") || strings.Contains(ie.Error(), "value must be") {
		t.Errorf("error = %v", ie)
	}
}

func TestSnapshotAcceptsIntegerReleasesAndDates(t *testing.T) {
	decodeString(t, "snap.yaml", `apiVersion: support.aksarc.io/v1alpha1
kind: ClusterSnapshot
metadata: {name: c}
spec:
  host: {azureLocalRelease: 2510}
  cluster:
    kubernetesVersion: v1.31.2
    release: 2510
    power: {state: Stopped, since: 2025-10-01}
`)
}

func TestDecodeJSONListKnowsItemLines(t *testing.T) {
	docs := decodeString(t, "nodes.json", `{
    "apiVersion": "v1",
    "items": [
        {
            "apiVersion": "v1",
            "kind": "Node",
            "metadata": {"name": "a"}
        },
        {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "b"}}
    ],
    "kind": "List"
}`)
	if len(docs) != 2 || docs[0].Source.Line != 4 || docs[1].Source.Line != 9 || docs[1].Source.Item != 2 {
		t.Fatalf("sources = %+v, %+v", docs[0].Source, docs[len(docs)-1].Source)
	}
}

func TestDecodeJSONWithByteOrderMark(t *testing.T) {
	docs := decodeString(t, "bom.json", "\ufeff{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"bom\"}}")
	if len(docs) != 1 || docs[0].Resource().Name != "bom" {
		t.Fatalf("got %+v", docs)
	}
}

func TestDecodeYAMLFlowMappingAndJSONFollowedByYAML(t *testing.T) {
	docs := decodeString(t, "flow.yaml", "{apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n")
	if len(docs) != 2 || docs[1].Resource().Name != "b" {
		t.Fatalf("got %d docs", len(docs))
	}
	// A .json file is JSON: YAML leniency does not apply.
	if _, err := Decode("x.json", strings.NewReader(`{"apiVersion": "v1", "kind": }`)); err == nil || !strings.Contains(err.Error(), "not valid JSON") {
		t.Fatalf("x.json: %v", err)
	}
}

func TestEvaluateRefusesDocumentsNotMadeByTheDecoder(t *testing.T) {
	e := newEvaluator(t)
	_, err := e.Evaluate(context.Background(), []*Document{{Object: map[string]any{"apiVersion": "v1", "kind": "ConfigMap"}}})
	if err == nil || !strings.Contains(err.Error(), "NewDocument") {
		t.Fatalf("err = %v", err)
	}
}

func TestDecodeEmptyListIsNoDocumentsNotAnError(t *testing.T) {
	if docs := decodeString(t, "empty.yaml", "apiVersion: v1\nkind: List\nitems: []\n"); len(docs) != 0 {
		t.Fatalf("got %d docs", len(docs))
	}
}

func TestSourceString(t *testing.T) {
	cases := map[Source]string{
		{File: "a.yaml", Document: 2, Line: 7}:          "a.yaml:7 (document 2)",
		{File: "a.yaml", Document: 1, Item: 3, Line: 9}: "a.yaml:9 (document 1, item 3)",
		{File: "a.yaml", Document: 1}:                   "a.yaml (document 1)",
		{File: "a.yaml"}:                                "a.yaml",
	}
	for src, want := range cases {
		if got := src.String(); got != want {
			t.Errorf("%+v: %q, want %q", src, got, want)
		}
	}
}
