package evaluator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	yaml "go.yaml.in/yaml/v3"
	k8syaml "sigs.k8s.io/yaml"
	yaml2 "sigs.k8s.io/yaml/goyaml.v2"
)

// YAML is read as kubectl reads it: the stream is split into documents at lines that start
// with "---" (k8s.io/apimachinery's YAMLReader), and each document is converted to JSON by
// sigs.k8s.io/yaml (YAMLToJSON, on yaml.v2: YAML 1.1 booleans such as yes and on, !!binary
// decoded, non-string keys written as strings, a duplicate key's last value, merge keys in
// order), whose JSON is then read with exact numbers. So the policies judge the values kubectl
// would send. yaml.v3 is used only to find the lines of List items when the text does not show
// them plainly.

// yamlLine is one line of a stream: its bytes (with the newline) and its number.
type yamlLine struct {
	text []byte
	num  int
}

// eachYAML splits data (whose first line is line firstLine+1 of the input, and which follows
// docsBefore documents) into documents and hands each that holds something to fn.
func (d *Decoder) eachYAML(name string, data []byte, firstLine, docsBefore int, fn func(rawDoc) error) error {
	var chunk []yamlLine
	index := docsBefore
	separators := 0
	leadingCounts := false // whether the text before the first separator is a document
	flush := func() error {
		if separators == 0 {
			if !hasContent(chunk) {
				// Comments before the first separator are no document; kubectl still reads them.
				if doc := d.yamlDocument(name, docsBefore+1, chunk); doc.err != nil {
					chunk = chunk[:0]
					return fn(doc)
				}
				chunk = chunk[:0]
				return nil
			}
			leadingCounts = true
		}
		index = docsBefore + separators
		if leadingCounts {
			index++
		}
		if d.only != nil && !d.only(joinLines(chunk)) {
			chunk = chunk[:0]
			return nil
		}
		doc := d.yamlDocument(name, index, chunk)
		chunk = chunk[:0]
		if doc.err != nil && doc.err.stop {
			return doc.err
		}
		if doc.err == nil && doc.value == nil {
			return nil // an empty or null document holds no object (kubectl skips it too)
		}
		return fn(doc)
	}
	num := firstLine
	for len(data) > 0 {
		num++
		end := bytes.IndexByte(data, '\n')
		var text []byte
		if end < 0 {
			text, data = data, nil
		} else {
			text, data = data[:end+1], data[end+1:]
		}
		if bytes.HasPrefix(text, []byte("---")) {
			rest := strings.TrimSpace(string(text[3:]))
			if err := flush(); err != nil {
				return err
			}
			separators++
			if rest != "" && rest[0] != '#' {
				// kubectl refuses content after the separator ("--- {a: 1}", "---x").
				idx := docsBefore + separators
				if leadingCounts {
					idx++
				}
				if err := fn(rawDoc{err: &InputError{File: name, Document: idx, Line: num,
					Problems: []string{fmt.Sprintf("not valid YAML: only a comment may follow the document separator ---, found %q", rest)}}}); err != nil {
					return err
				}
			}
			continue
		}
		chunk = append(chunk, yamlLine{text, num})
	}
	return flush()
}

// hasContent reports whether lines hold more than blanks and comments.
func hasContent(lines []yamlLine) bool {
	for _, l := range lines {
		if !blankOrComment(l.text) {
			return true
		}
	}
	return false
}

// blankOrComment reports whether a line of the stream (split at \n, as kubectl splits it) is
// blank or a comment as YAML reads it. YAML also breaks lines at a lone \r, NEL, LS and PS, so
// a "comment" holding one of them goes on with what follows it: "#\rkind: Pod" is content to
// kubectl, never to be skipped.
func blankOrComment(line []byte) bool {
	const breaks = "\r\n\u0085\u2028\u2029"
	t := bytes.TrimRight(bytes.TrimLeft(line, " \t"+breaks), breaks)
	if len(t) == 0 {
		return true
	}
	return t[0] == '#' && !bytes.ContainsAny(t, breaks)
}

func joinLines(lines []yamlLine) []byte {
	n := 0
	for _, l := range lines {
		n += len(l.text)
	}
	b := make([]byte, 0, n)
	for _, l := range lines {
		b = append(b, l.text...)
	}
	return b
}

// yamlDocument decodes one document of a stream. A List written in block style has its items
// decoded one by one, so that a large dump never becomes one large tree, and each item's line
// comes from the text; when that reading is not certain to be kubectl's (anchors shared across
// items, flow style, an unusual layout), the document is decoded whole.
func (d *Decoder) yamlDocument(name string, index int, lines []yamlLine) rawDoc {
	src := Source{File: name, Document: index}
	for _, l := range lines {
		if !blankOrComment(l.text) {
			src.Line = l.num
			break
		}
	}
	if src.Line == 0 {
		// Only blanks and comments: no object, but kubectl still refuses what YAML does not
		// allow in them (control characters, and tabs, which yaml.v2 cannot start a token
		// with even on a blank line); only spaces and line breaks are certain to be nothing.
		if text := joinLines(lines); len(bytes.Trim(text, " \r\n")) > 0 {
			if _, err := k8syaml.YAMLToJSON(text); err != nil {
				src.Line = lines[0].num
				return rawDoc{source: src, err: inputError(src, "not valid YAML: %s", yamlProblem(err))}
			}
		}
		return rawDoc{source: src}
	}
	if doc, ok := d.yamlList(src, lines); ok {
		return doc
	}
	text := joinLines(lines)
	if size := int64(len(text)); size > d.limits.MaxDocumentSize {
		return rawDoc{source: src, err: inputError(src, "the document is larger than the document size limit of %s (--max-document-size)", byteSize(d.limits.MaxDocumentSize))}
	}
	v, err := d.yamlValue(src, text)
	if err != nil {
		return rawDoc{source: src, err: err}
	}
	doc := rawDoc{value: v, source: src}
	if m, ok := v.(map[string]any); ok && isList(m) {
		doc.items = yamlItemLines(text, lines[0].num-1)
	}
	return doc
}

// yamlJSON converts one YAML text to JSON as kubectl does. The JSON that aliases add beyond
// expansionFactor times the text is charged to the run's budget.
func (d *Decoder) yamlJSON(src Source, text []byte) ([]byte, *InputError) {
	if mayAlias(text) {
		// Aliases: the JSON they expand to is measured on the decoded value (where an alias
		// costs nothing) before it is written, so that one long string referenced thousands
		// of times is refused before it fills memory.
		var v any
		if yaml2.Unmarshal(text, &v) == nil {
			allowed := expansionFactor*int64(len(text)) + d.limits.MaxExpansion - d.spent
			if jsonSizeOver(v, allowed) {
				return nil, d.aliasBomb(src)
			}
		}
	}
	j, err := k8syaml.YAMLToJSON(text)
	if err != nil {
		return nil, inputError(src, "not valid YAML: %s", yamlProblem(err))
	}
	if extra := int64(len(j)) - expansionFactor*int64(len(text)); extra > 0 {
		d.spent += extra
		if d.spent > d.limits.MaxExpansion {
			return nil, d.aliasBomb(src)
		}
	}
	return j, nil
}

// yamlValue converts one YAML text as kubectl does (yamlJSON) and reads the JSON with exact
// numbers.
func (d *Decoder) yamlValue(src Source, text []byte) (any, *InputError) {
	j, err := d.yamlJSON(src, text)
	if err != nil {
		return nil, err
	}
	v, jerr := jsonValue(j)
	if jerr != nil {
		return nil, inputError(src, "not valid YAML: %v", jerr)
	}
	return v, nil
}

// jsonValue reads one JSON text with exact numbers.
func jsonValue(j []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(j))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

func (d *Decoder) aliasBomb(src Source) *InputError {
	e := inputError(src, "YAML aliases expand the documents of this run beyond %s of JSON: refused (an alias bomb?)", byteSize(d.limits.MaxExpansion))
	e.stop = true
	return e
}

// mayAlias reports whether text may hold both an anchor and an alias: an & and a * that each
// start a token (after a blank, a line start or [ { , : -) and are followed by a name. Quoted
// "*" and the & of a URL do not: those documents are not decoded twice.
func mayAlias(text []byte) bool {
	return tokenStart(text, '&') && tokenStart(text, '*')
}

func tokenStart(text []byte, c byte) bool {
	for i := bytes.IndexByte(text, c); i >= 0; {
		before := i == 0 || bytes.IndexByte([]byte(" \t\n\r[{,:-"), text[i-1]) >= 0
		after := i+1 < len(text) && bytes.IndexByte([]byte(" \t\n\r,]}"), text[i+1]) < 0
		if before && after {
			return true
		}
		next := bytes.IndexByte(text[i+1:], c)
		if next < 0 {
			return false
		}
		i += 1 + next
	}
	return false
}

// jsonSizeOver reports whether v, written as JSON, would take more than limit bytes. It
// counts each alias as often as JSON would repeat it and stops as soon as the limit is passed,
// so its work is bounded by the limit, not by the expansion.
func jsonSizeOver(v any, limit int64) bool {
	var size int64
	var walk func(v any) bool
	walk = func(v any) bool {
		switch x := v.(type) {
		case string:
			size += int64(len(x)) + 2
		case map[any]any:
			size += 2
			for k, e := range x {
				if ks, ok := k.(string); ok {
					size += int64(len(ks)) + 4
				} else {
					size += 24
				}
				if size > limit || walk(e) {
					return true
				}
			}
		case []any:
			size += 2
			for _, e := range x {
				size++
				if size > limit || walk(e) {
					return true
				}
			}
		default:
			size += 8
		}
		return size > limit
	}
	return walk(v)
}

// yamlProblem makes a yaml.v2 or conversion error read well: "line 3: mapping values are not allowed".
func yamlProblem(err error) string {
	s := strings.TrimPrefix(err.Error(), "error converting YAML to JSON: ")
	s = strings.TrimPrefix(s, "yaml: ")
	if strings.HasPrefix(s, "json: unsupported value: ") {
		return strings.TrimPrefix(s, "json: unsupported value: ") + " is not a number JSON can hold"
	}
	return s
}

func isList(m map[string]any) bool {
	kind, _ := m["kind"].(string)
	_, hasItems := m["items"]
	return strings.HasSuffix(kind, "List") && hasItems
}

// yamlList reads a List whose items are a block sequence under a top-level "items:" line:
// the rest of the document (apiVersion, kind, metadata) and each item are decoded on their
// own. ok is false when the document is not such a List, or when any part does not decode on
// its own: the whole document then decides.
func (d *Decoder) yamlList(src Source, lines []yamlLine) (rawDoc, bool) {
	start := -1
	for i, l := range lines {
		if isItemsKey(l.text) {
			start = i
			break
		}
	}
	if start < 0 {
		return rawDoc{}, false
	}
	// The entries: "- " at the indentation of the first line after items: that is not blank
	// or a comment; the sequence ends at the first such line indented less, or as much but
	// not an entry.
	indent := -1
	var entries []int // index of each entry's first line
	end := len(lines)
	for i := start + 1; i < len(lines); i++ {
		t := lines[i].text
		trimmed := bytes.TrimLeft(t, " ")
		if blankOrComment(trimmed) {
			continue
		}
		in := len(t) - len(trimmed)
		entry := trimmed[0] == '-' && (len(trimmed) == 1 || trimmed[1] == ' ' || trimmed[1] == '\n' || trimmed[1] == '\r')
		if indent < 0 {
			if !entry {
				return rawDoc{}, false
			}
			indent = in
		}
		if in < indent || (in == indent && !entry) {
			end = i
			break
		}
		if in == indent {
			entries = append(entries, i)
		}
	}
	if len(entries) == 0 {
		return rawDoc{}, false
	}
	for _, l := range lines[end:] {
		// Another top-level line that may be an items key ("items: null", "'items':", ...): as
		// in kubectl the last one counts, so the whole document decides.
		if len(l.text) > 0 && l.text[0] != ' ' && bytes.Contains(l.text, []byte("items")) {
			return rawDoc{}, false
		}
	}
	head := append(joinLines(lines[:start+1]), joinLines(lines[end:])...)
	if int64(len(head)) > d.limits.MaxDocumentSize {
		return rawDoc{}, false
	}
	hv, err := d.yamlValue(src, head)
	if err != nil {
		if err.stop {
			return rawDoc{source: src, err: err}, true
		}
		return rawDoc{}, false
	}
	m, ok := hv.(map[string]any)
	if itemsValue, present := m["items"]; !ok || !present || itemsValue != nil || !isList(m) {
		return rawDoc{}, false
	}
	// Each item is converted and checked now; it is kept as its JSON and decoded again when
	// the List is unpacked (lazyItems), so the objects are not all held at once.
	lazy := &lazyItems{items: make([]lazyItem, len(entries)), limit: d.limits.MaxDocumentSize}
	for k, first := range entries {
		last := end
		if k+1 < len(entries) {
			last = entries[k+1]
		}
		text := joinLines(lines[first:last])
		isrc := src
		isrc.Line = lines[first].num
		if int64(len(text)) > d.limits.MaxDocumentSize {
			return rawDoc{source: src, err: inputError(Source{File: src.File, Document: src.Document, Item: k + 1, Line: isrc.Line},
				"the List item is larger than the document size limit of %s (--max-document-size)", byteSize(d.limits.MaxDocumentSize))}, true
		}
		// The first pass leaves out the items that cannot spell a snapshot; an item of a typed
		// list takes its kind and apiVersion from the list, and an item with an alias (or a
		// merge key) may take anything from another item or the List's head, so none of
		// those is left out.
		if d.only != nil && m["kind"] == "List" && !d.only(text) && bytes.IndexByte(text, '*') < 0 {
			lazy.items[k] = lazyItem{line: isrc.Line, skip: true}
			continue
		}
		j, err := d.yamlJSON(isrc, text)
		if err != nil {
			if err.stop {
				return rawDoc{source: src, err: err}, true
			}
			return rawDoc{}, false
		}
		v, jerr := jsonValue(j)
		seq, ok := v.([]any)
		if jerr != nil || !ok || len(seq) != 1 {
			return rawDoc{}, false
		}
		lazy.items[k] = lazyItem{json: j, line: isrc.Line, yaml: true}
		if im, ok := seq[0].(map[string]any); ok && isList(im) {
			if nested := yamlItemLines(text, lines[first].num-1); len(nested) == 1 {
				lazy.items[k].nested = nested[0].items
			}
		}
	}
	m["items"] = lazy
	return rawDoc{value: m, source: src}, true
}

// isItemsKey reports whether a line is "items:" at the start of the line, with nothing after
// it but blanks or a comment.
func isItemsKey(t []byte) bool {
	rest, ok := bytes.CutPrefix(t, []byte("items:"))
	if !ok {
		return false
	}
	rest = bytes.TrimSpace(rest)
	return len(rest) == 0 || rest[0] == '#'
}

// yamlItemLines finds, with yaml.v3, the lines of the items of a List (and of Lists among
// them) in a document whose first line is line offset+1; the document's root may also be a
// sequence of such objects (one List item). It returns nil when yaml.v3 cannot read the text:
// the items then carry the document's line.
func yamlItemLines(text []byte, offset int) []itemPos {
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil || len(doc.Content) == 0 {
		return nil
	}
	root := doc.Content[0]
	if root.Kind == yaml.SequenceNode {
		out := make([]itemPos, len(root.Content))
		for i, n := range root.Content {
			out[i] = itemPos{line: n.Line + offset, items: nodeItems(n, offset)}
		}
		return out
	}
	return nodeItems(root, offset)
}

func nodeItems(n *yaml.Node, offset int) []itemPos {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "items" && n.Content[i+1].Kind == yaml.SequenceNode {
			seq := n.Content[i+1].Content
			out := make([]itemPos, len(seq))
			for k, item := range seq {
				out[k] = itemPos{line: item.Line + offset, items: nodeItems(item, offset)}
			}
			return out
		}
	}
	return nil
}
