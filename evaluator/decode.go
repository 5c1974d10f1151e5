package evaluator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	yaml "go.yaml.in/yaml/v3"
)

// Document is one Kubernetes object or ClusterSnapshot, decoded once and converted once to the
// OPA value every evaluation reads. Object is what was decoded; changing it after NewDocument
// does not change what is evaluated.
type Document struct {
	Source Source         // where the document is
	Object map[string]any // the decoded object (JSON types)
	value  ast.Value
}

// Resource identifies the document as findings do.
func (d *Document) Resource() Resource {
	meta, _ := d.Object["metadata"].(map[string]any)
	str := func(m map[string]any, k string) string { s, _ := m[k].(string); return s }
	return Resource{APIVersion: str(d.Object, "apiVersion"), Kind: str(d.Object, "kind"),
		Namespace: str(meta, "namespace"), Name: str(meta, "name")}
}

// IsClusterSnapshot reports whether the document is a ClusterSnapshot.
func (d *Document) IsClusterSnapshot() bool { return claimsSnapshot(d.Object) }

// NewDocument checks an already decoded object (JSON types: map[string]any, []any, string,
// bool, nil, float64, json.Number or Go integers) and converts it for evaluation.
// A ClusterSnapshot must fit the published schema.
func NewDocument(obj map[string]any, src Source) (*Document, error) {
	if obj == nil {
		return nil, inputError(src, "empty object")
	}
	for _, field := range []string{"apiVersion", "kind"} {
		v, present := obj[field]
		if s, ok := v.(string); !ok || s == "" {
			if present {
				return nil, inputError(src, "not a Kubernetes object: %s must be a non-empty string, found %s", field, describe(v))
			}
			return nil, inputError(src, "not a Kubernetes object: apiVersion and kind are required")
		}
	}
	// Whatever claims to be a snapshot must fit the schema, so the Rego test of kind and group
	// (lib/snapshot.rego) holds for every snapshot that reaches the policies.
	if claimsSnapshot(obj) {
		if problems := validateSnapshot(obj); len(problems) > 0 {
			return nil, &InputError{File: src.File, Document: src.Document, Item: src.Item, Line: src.Line,
				Problems: append([]string{"ClusterSnapshot does not fit the schema"}, problems...)}
		}
	}
	v, err := ast.InterfaceToValue(obj)
	if err != nil {
		return nil, inputError(src, "cannot convert for evaluation: %v", err)
	}
	return &Document{Source: src, Object: obj, value: v}, nil
}

// Decode reads every document of a YAML (multi-document) or JSON stream. kind: List documents
// and typed lists (PodList, ...) from `kubectl get -o yaml|json` are unpacked into their items.
// name is used in errors and sources ("-" for standard input).
func Decode(name string, r io.Reader) ([]*Document, error) {
	objects, err := decodeRaw(name, r)
	if err != nil {
		return nil, err
	}
	var docs []*Document
	for _, o := range objects {
		unpacked, err := unpackList(o)
		if err != nil {
			return nil, err
		}
		for _, u := range unpacked {
			d, err := NewDocument(u.object, u.source)
			if err != nil {
				return nil, err
			}
			docs = append(docs, d)
		}
	}
	return docs, nil
}

// decodeRaw reads a stream into its top-level objects.
func decodeRaw(name string, r io.Reader) ([]rawObject, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &InputError{File: name, Problems: []string{fmt.Sprintf("cannot read: %v", err)}}
	}
	return decodeStream(name, data)
}

type rawObject struct {
	object map[string]any
	source Source
	// itemLines are the lines of the elements of a top-level "items" list, when there is one.
	itemLines []int
}

// decodeStream splits a stream into documents with their lines. A stream that starts with "{"
// or "[" is read as JSON (strictly, numbers exact); if that fails but the stream is valid YAML
// (a flow mapping, or JSON followed by YAML documents), the YAML reading counts.
func decodeStream(name string, data []byte) ([]rawObject, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // PowerShell writes UTF-8 with a byte order mark
	if trimmed := bytes.TrimLeft(data, " \t\r\n"); len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
		objs, jerr := decodeJSON(name, data)
		if jerr == nil || strings.EqualFold(filepath.Ext(name), ".json") {
			return objs, jerr
		}
		if objs, yerr := decodeYAML(name, data); yerr == nil {
			return objs, nil
		}
		return nil, jerr
	}
	return decodeYAML(name, data)
}

func decodeYAML(name string, data []byte) ([]rawObject, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var out []rawObject
	for index := 1; ; index++ {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, &InputError{File: name, Document: index, Problems: []string{"not valid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}}
		}
		if len(doc.Content) == 0 || isNull(doc.Content[0]) {
			continue // an empty document (only "---" or comments) holds no object
		}
		root := doc.Content[0]
		src := Source{File: name, Document: index, Line: root.Line}
		c := converter{budget: maxValues}
		v, err := c.value(root)
		if err != nil {
			return nil, inputError(src, "%v", err)
		}
		m, ok := v.(map[string]any)
		if !ok {
			return nil, inputError(src, "expected a Kubernetes object (a mapping), found %s", describe(v))
		}
		var itemLines []int
		for _, n := range listItemNodes(root) {
			itemLines = append(itemLines, n.Line)
		}
		out = append(out, rawObject{object: m, source: src, itemLines: itemLines})
	}
}

// decodeJSON reads one or more concatenated JSON values, token by token, so that it knows the
// line of each document and of each item of a List.
func decodeJSON(name string, data []byte) ([]rawObject, error) {
	j := jsonReader{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	j.dec.UseNumber()
	var out []rawObject
	for index := 1; ; index++ {
		src := Source{File: name, Document: index, Line: j.nextLine()}
		j.items = nil
		v, err := j.value(0, false)
		if errors.Is(err, io.EOF) && j.depthSeen == 0 {
			return out, nil
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return nil, inputError(src, "not valid JSON (near line %d): %v", j.nextLine(), err)
		}
		j.depthSeen = 0
		m, ok := v.(map[string]any)
		if !ok {
			return nil, inputError(src, "expected a Kubernetes object (a JSON object), found %s", describe(v))
		}
		out = append(out, rawObject{object: m, source: src, itemLines: j.items})
	}
}

type jsonReader struct {
	data      []byte
	dec       *json.Decoder
	items     []int // lines of the elements of the top-level "items" array
	depthSeen int   // tokens read of the current document
}

// nextLine is the line of the next token after the decoder's offset.
func (j *jsonReader) nextLine() int {
	off := int(j.dec.InputOffset())
	for off < len(j.data) && strings.IndexByte(" \t\r\n,:", j.data[off]) >= 0 {
		off++
	}
	return 1 + bytes.Count(j.data[:off], []byte("\n"))
}

func (j *jsonReader) value(depth int, noteItemLines bool) (any, error) {
	if depth > 10000 {
		return nil, errors.New("nested too deeply")
	}
	tok, err := j.dec.Token()
	if err != nil {
		return nil, err
	}
	j.depthSeen++
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			m := map[string]any{}
			for j.dec.More() {
				k, err := j.dec.Token()
				if err != nil {
					return nil, err
				}
				key, ok := k.(string)
				if !ok {
					return nil, fmt.Errorf("object key %v is not a string", k)
				}
				if _, dup := m[key]; dup {
					return nil, fmt.Errorf("duplicate key %q", key)
				}
				// The elements of a top-level "items" list are the objects of a List: note their lines.
				v, err := j.value(depth+1, depth == 0 && key == "items")
				if err != nil {
					return nil, err
				}
				m[key] = v
			}
			_, err := j.dec.Token() // '}'
			return m, err
		case '[':
			a := []any{}
			for j.dec.More() {
				if noteItemLines {
					j.items = append(j.items, j.nextLine())
				}
				v, err := j.value(depth+1, false)
				if err != nil {
					return nil, err
				}
				a = append(a, v)
			}
			_, err := j.dec.Token() // ']'
			return a, err
		}
		return nil, fmt.Errorf("unexpected %v", t)
	default:
		return t, nil // string, json.Number, bool or nil
	}
}

// unpackList returns the items of a List (with their own lines), or the object itself.
func unpackList(o rawObject) ([]rawObject, error) {
	kind, _ := o.object["kind"].(string)
	itemsValue, hasItems := o.object["items"]
	if !strings.HasSuffix(kind, "List") || !hasItems {
		return []rawObject{o}, nil
	}
	items, ok := itemsValue.([]any)
	if itemsValue != nil && !ok {
		return nil, inputError(o.source, "%s: items must be a list, found %s", kind, describe(itemsValue))
	}
	apiVersion, _ := o.object["apiVersion"].(string)
	out := make([]rawObject, 0, len(items))
	for i, item := range items {
		src := o.source
		src.Item = i + 1
		if i < len(o.itemLines) {
			src.Line = o.itemLines[i]
		}
		m, ok := item.(map[string]any)
		if !ok {
			return nil, inputError(src, "list item is not an object, found %s", describe(item))
		}
		// Typed lists (PodList from the API) leave apiVersion and kind out of their items.
		if kind != "List" {
			if _, ok := m["kind"]; !ok {
				m["kind"] = strings.TrimSuffix(kind, "List")
			}
			if _, ok := m["apiVersion"]; !ok && apiVersion != "" {
				m["apiVersion"] = apiVersion
			}
		}
		out = append(out, rawObject{object: m, source: src})
	}
	return out, nil
}

func listItemNodes(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "items" && n.Content[i+1].Kind == yaml.SequenceNode {
			return n.Content[i+1].Content
		}
	}
	return nil
}

// maxValues bounds the values one document may expand to, so that YAML aliases cannot make a
// small file explode in memory.
const maxValues = 10_000_000

// converter turns a YAML node into the JSON types OPA and the schema validator read: YAML 1.2
// scalars, string keys, integers and floats as json.Number, timestamps kept as text.
type converter struct{ budget int }

func (c *converter) value(n *yaml.Node) (any, error) {
	c.budget--
	if c.budget < 0 {
		return nil, errors.New("document expands to too many values (YAML aliases?)")
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return c.value(n.Content[0])
	case yaml.AliasNode:
		return c.value(n.Alias)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, item := range n.Content {
			v, err := c.value(item)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		return c.mapping(n)
	case yaml.ScalarNode:
		return scalar(n)
	}
	return nil, fmt.Errorf("line %d: unsupported YAML node", n.Line)
}

func (c *converter) mapping(n *yaml.Node) (map[string]any, error) {
	out := make(map[string]any, len(n.Content)/2)
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			merges = append(merges, v)
			continue
		}
		if k.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("line %d: a mapping key must be a scalar", k.Line)
		}
		if _, dup := out[k.Value]; dup {
			return nil, fmt.Errorf("line %d: duplicate key %q", k.Line, k.Value)
		}
		val, err := c.value(v)
		if err != nil {
			return nil, err
		}
		out[k.Value] = val
	}
	// "<<: *anchor" merges keys the mapping does not set itself.
	for _, m := range merges {
		sources := []*yaml.Node{m}
		if m.Kind == yaml.SequenceNode {
			sources = m.Content
		}
		for _, s := range sources {
			v, err := c.value(s)
			if err != nil {
				return nil, err
			}
			sm, ok := v.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("line %d: a merge key (<<) must refer to a mapping", m.Line)
			}
			for k, val := range sm {
				if _, set := out[k]; !set {
					out[k] = val
				}
			}
		}
	}
	return out, nil
}

func scalar(n *yaml.Node) (any, error) {
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return nil, fmt.Errorf("line %d: %v", n.Line, err)
		}
		return b, nil
	case "!!int":
		var i any
		if err := n.Decode(&i); err != nil {
			return nil, fmt.Errorf("line %d: %v", n.Line, err)
		}
		return json.Number(fmt.Sprint(i)), nil
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil {
			return nil, fmt.Errorf("line %d: %v", n.Line, err)
		}
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, fmt.Errorf("line %d: %s is not a number JSON can hold", n.Line, n.Value)
		}
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), nil
	default: // !!str, !!timestamp and !!binary stay text, as kubectl reads them
		return n.Value, nil
	}
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

func describe(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	default:
		return "a number"
	}
}
