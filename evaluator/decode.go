package evaluator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Document is one Kubernetes object or ClusterSnapshot, decoded once and converted once to the
// OPA value every evaluation reads. Object is what was decoded; changing it after NewDocument
// does not change what is evaluated.
type Document struct {
	Source Source         // where the document is
	Object map[string]any // the decoded object (JSON types)
	value  ast.Value
	never  []string // snapshot fields that held Azure's "never" date, read as missing
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
	if problem := notAnObject(obj); problem != "" {
		return nil, inputError(src, "%s", problem)
	}
	// Whatever claims to be a snapshot must fit the schema, so the Rego test of kind and group
	// (lib/snapshot.rego) holds for every snapshot that reaches the policies. Azure's "never"
	// date is a missing fact, not a date: the field is left out (and the report says so).
	var never []string
	if claimsSnapshot(obj) {
		obj, never = withoutNever(obj)
		if problems := validateSnapshot(obj); len(problems) > 0 {
			return nil, &InputError{File: src.File, Document: src.Document, Item: src.Item, Line: src.Line,
				Problems: append([]string{"ClusterSnapshot does not fit the schema"}, problems...)}
		}
	}
	v, err := ast.InterfaceToValue(obj)
	if err != nil {
		return nil, inputError(src, "cannot convert for evaluation: %v", err)
	}
	return &Document{Source: src, Object: obj, value: v, never: never}, nil
}

// notAnObject says why a decoded value is not a Kubernetes object ("" when it is one): it must
// be a mapping with apiVersion and kind as non-empty strings.
func notAnObject(v any) string {
	obj, ok := v.(map[string]any)
	if !ok {
		return fmt.Sprintf("expected a Kubernetes object (a mapping), found %s", describe(v))
	}
	for _, field := range []string{"apiVersion", "kind"} {
		v, present := obj[field]
		if s, ok := v.(string); !ok || s == "" {
			if present {
				return fmt.Sprintf("not a Kubernetes object: %s must be a non-empty string, found %s", field, describe(v))
			}
			return "not a Kubernetes object: apiVersion and kind are required"
		}
	}
	return ""
}

// Decode reads every document of a YAML (multi-document) or JSON stream, with the default
// Limits. kind: List documents and typed lists (PodList, ...) from `kubectl get -o yaml|json`
// are unpacked into their items, Lists nested in Lists too. name is used in errors and sources
// ("-" for standard input). Every bad document of the stream is named in the error.
func Decode(name string, r io.Reader) ([]*Document, error) {
	return NewDecoder(Limits{}).Decode(name, r)
}

// DecodeEach is Decode that hands each document to fn as soon as it is decoded, so that a
// caller can judge and release documents one by one: besides the input's bytes, only the
// document being decoded is held. An error from fn stops the decoding and is returned.
func DecodeEach(name string, r io.Reader, fn func(*Document) error) error {
	return NewDecoder(Limits{}).DecodeEach(name, r, fn)
}

// Decoder decodes the inputs of one run within its Limits: the alias expansion budget is
// shared by every input it decodes. A Decoder is not safe for concurrent use.
type Decoder struct {
	limits Limits
	spent  int64 // bytes that YAML aliases added so far in this run
	// only, when set, leaves out every YAML document of a stream whose text it refuses, as if
	// the document were empty: the first pass of CheckInputs decodes only what may be a
	// ClusterSnapshot.
	only func(text []byte) bool
}

// NewDecoder returns a decoder for one run; zero fields of l take their defaults.
func NewDecoder(l Limits) *Decoder { return &Decoder{limits: l.withDefaults()} }

// Decode reads every document of a stream (see the package-level Decode).
func (d *Decoder) Decode(name string, r io.Reader) ([]*Document, error) {
	var docs []*Document
	err := d.DecodeEach(name, r, func(doc *Document) error {
		docs = append(docs, doc)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return docs, nil
}

// DecodeEach reads a stream and calls fn with each document in order (see the package-level
// DecodeEach). Documents that are not Kubernetes objects are errors.
func (d *Decoder) DecodeEach(name string, r io.Reader, fn func(*Document) error) error {
	var errs InputErrors
	err := d.each(name, r, func(doc rawDoc) error {
		if doc.err != nil {
			errs = append(errs, doc.err)
			return nil
		}
		if problem := notAnObject(doc.value); problem != "" {
			errs = append(errs, inputError(doc.source, "%s", problem))
			return nil
		}
		return d.objects(doc, &errs, fn, func(*InputError) {})
	})
	if ie := (*InputError)(nil); errors.As(err, &ie) && !ie.stop {
		errs = append(errs, ie) // the input could not be read whole
		err = nil
	}
	if err != nil {
		return err
	}
	return errs.orNil()
}

// objects unpacks one document into Documents for fn; the input errors of its objects are
// added to errs, an error of fn is returned. empty is told of an empty List.
func (d *Decoder) objects(doc rawDoc, errs *InputErrors, fn func(*Document) error, empty func(*InputError)) error {
	var fnErr error
	err := unpack(doc.value.(map[string]any), doc.source, doc.items, func(obj map[string]any, src Source) error {
		document, err := NewDocument(obj, src)
		if err != nil {
			return err
		}
		if fnErr = fn(document); fnErr != nil {
			return fnErr
		}
		return nil
	}, empty)
	if fnErr != nil {
		return fnErr
	}
	if ie := (*InputError)(nil); errors.As(err, &ie) {
		*errs = append(*errs, ie)
		return nil
	}
	return err
}

// Limits bound what a run reads and builds, so that no input can exhaust memory: the bytes of
// one input, the bytes of one document (one YAML or JSON document, or one item of a List), and
// how much YAML aliases may add to the documents of a whole run.
type Limits struct {
	// MaxInputSize is the most bytes read from one input; 0 means DefaultMaxInputSize.
	MaxInputSize int64
	// MaxDocumentSize is the most bytes of one document; 0 means DefaultMaxDocumentSize.
	MaxDocumentSize int64
	// MaxExpansion is how many bytes YAML aliases may add to the documents of a run, in all;
	// 0 means DefaultMaxExpansion.
	MaxExpansion int64
}

const (
	// DefaultMaxInputSize bounds one input (a file or standard input): 256 MiB.
	DefaultMaxInputSize int64 = 256 << 20
	// DefaultMaxDocumentSize bounds one document or List item: 32 MiB (the API server stores
	// objects of at most about 1.5 MiB).
	DefaultMaxDocumentSize int64 = 32 << 20
	// DefaultMaxExpansion bounds what YAML aliases add to a run: 64 MiB of JSON.
	DefaultMaxExpansion int64 = 64 << 20
)

// expansionFactor is how much larger than its YAML text a document's JSON may be without
// counting against the expansion budget: flow style and escapes make JSON at most ~6 times
// larger than YAML text without aliases.
const expansionFactor = 8

func (l Limits) withDefaults() Limits {
	if l.MaxInputSize <= 0 {
		l.MaxInputSize = DefaultMaxInputSize
	}
	if l.MaxDocumentSize <= 0 {
		l.MaxDocumentSize = DefaultMaxDocumentSize
	}
	if l.MaxExpansion <= 0 {
		l.MaxExpansion = DefaultMaxExpansion
	}
	return l
}

// rawDoc is one top-level document as read: its value (JSON types) and where it is, with the
// lines of the items of a List; or err, when the document is not valid YAML or JSON or too large.
type rawDoc struct {
	value  any
	source Source
	items  []itemPos
	err    *InputError
}

// itemPos is where an item of a List starts, and the items of its own items, if it has some.
type itemPos struct {
	line  int
	items []itemPos
}

// each reads one input and calls fn for each of its top-level documents that holds something
// (empty and null documents hold no object). Errors that end the input (it cannot be read, it
// is too large, the run's alias budget is spent) are returned; the problems of one document are
// handed to fn in rawDoc.err, so that every bad document of a run can be named.
func (d *Decoder) each(name string, r io.Reader, fn func(rawDoc) error) error {
	data, err := readLimited(name, r, d.limits.MaxInputSize)
	if err != nil {
		return err
	}
	return d.eachData(name, data, fn)
}

// eachData is each on an input already read.
func (d *Decoder) eachData(name string, data []byte, fn func(rawDoc) error) error {
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // PowerShell writes UTF-8 with a byte order mark
	// As kubectl: a stream whose first non-space character is { is JSON; when it is not valid
	// JSON and at most one JSON document came first, the rest is read as YAML (a flow mapping,
	// or a JSON document followed by YAML documents). A .json file is JSON only.
	if trimmed := bytes.TrimLeft(data, " \t\r\n"); len(trimmed) > 0 && trimmed[0] == '{' {
		return d.eachJSON(name, data, fn)
	}
	return d.eachYAML(name, data, 0, 0, fn)
}

// ErrTooLarge is the error of ReadLimited for an input of more than its limit.
var ErrTooLarge = errors.New("larger than the input size limit")

// ReadLimited reads r to its end, at most limit bytes, as the loader reads each input; more is
// ErrTooLarge.
//
// It reads in chunks of 1 MiB and joins them only when the input has ended within the limit,
// so an endless input (/dev/zero, a pipe) costs the limit and no more: no buffer doubles past
// it, and no grown-out buffers wait for the collector. A regular file within the limit is read
// into one buffer of its size (and a byte more, to see whether it grew), so a large dump is not
// held twice while the chunks are joined.
func ReadLimited(r io.Reader, limit int64) ([]byte, error) {
	const chunk = 1 << 20
	first := int64(chunk)
	if f, ok := r.(*os.File); ok {
		if info, err := f.Stat(); err == nil && info.Mode().IsRegular() && info.Size() < limit {
			first = info.Size() + 1
		}
	}
	var chunks [][]byte
	var total int64
	for total <= limit {
		size := int64(chunk)
		if len(chunks) == 0 {
			size = first
		}
		c := make([]byte, min(size, limit+1-total))
		k, err := io.ReadFull(r, c)
		chunks, total = append(chunks, c[:k]), total+int64(k)
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if total > limit {
		return nil, ErrTooLarge
	}
	if len(chunks) == 1 {
		return chunks[0], nil
	}
	data := make([]byte, 0, total)
	for _, c := range chunks {
		data = append(data, c...)
	}
	return data, nil
}

// readLimited is ReadLimited with errors that name the input and the limit.
func readLimited(name string, r io.Reader, limit int64) ([]byte, error) {
	data, err := ReadLimited(r, limit)
	switch {
	case errors.Is(err, ErrTooLarge):
		return nil, &InputError{File: name, Problems: []string{fmt.Sprintf("larger than the input size limit of %s (--max-input-size)", byteSize(limit))}}
	case err != nil:
		return nil, &InputError{File: name, Problems: []string{fmt.Sprintf("cannot read: %v", unwrapPathError(err))}}
	}
	return data, nil
}

// decodeObjects reads a small file (settings, waivers) strictly: every document must be a mapping.
func decodeObjects(name string, data []byte) ([]rawDoc, error) {
	var out []rawDoc
	var errs InputErrors
	d := NewDecoder(Limits{})
	err := d.each(name, bytes.NewReader(data), func(doc rawDoc) error {
		if doc.err != nil {
			errs = append(errs, doc.err)
		} else if _, ok := doc.value.(map[string]any); !ok {
			errs = append(errs, inputError(doc.source, "expected a mapping, found %s", describe(doc.value)))
		} else if v, err := resolved(doc.value); err != nil {
			errs = append(errs, inputError(doc.source, "%v", err))
		} else {
			doc.value, doc.items = v, nil
			out = append(out, doc)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := errs.orNil(); err != nil {
		return nil, err
	}
	return out, nil
}

// errSkipped is a List item the first pass of CheckInputs leaves out (lazyItem.skip).
var errSkipped = errors.New("skipped")

// unpack hands over the object, or the items of a List (kind: List or a typed list such as
// PodList), Lists nested in Lists included, each with its source: the item counts the objects
// of the document in order, depth first, and the line is the item's own. An empty List hands
// over nothing and calls empty.
func unpack(obj map[string]any, src Source, items []itemPos, emit func(map[string]any, Source) error, empty func(*InputError)) error {
	n := 0
	return unpackInto(obj, src, items, &n, emit, empty)
}

func unpackInto(obj map[string]any, src Source, items []itemPos, n *int, emit func(map[string]any, Source) error, empty func(*InputError)) error {
	kind, _ := obj["kind"].(string)
	itemsValue, hasItems := obj["items"]
	if !strings.HasSuffix(kind, "List") || !hasItems {
		if src.Item > 0 || *n > 0 {
			*n++
			src.Item = *n
		}
		return emit(obj, src)
	}
	// The items: decoded already, or text decoded one at a time (lazyItems) and released
	// once handed over.
	count, item := 0, func(int) (any, itemPos, error) { return nil, itemPos{}, nil }
	switch list := itemsValue.(type) {
	case nil:
	case []any:
		count, item = len(list), func(i int) (any, itemPos, error) {
			v := list[i]
			list[i] = nil
			if i < len(items) {
				return v, items[i], nil
			}
			return v, itemPos{}, nil
		}
	case *lazyItems:
		count, item = len(list.items), func(i int) (any, itemPos, error) {
			// An item of a typed list (PodList) takes its kind and apiVersion from the list,
			// which its own text does not show: it is never left out.
			if list.items[i].skip && kind == "List" {
				return nil, itemPos{}, errSkipped
			}
			return list.item(i)
		}
	default:
		return inputError(src, "%s: items must be a list, found %s", kind, describe(itemsValue))
	}
	if count == 0 {
		at := src
		at.Item = 0 // an empty List is no item: its line places it
		empty(inputError(at, "an empty %s: no object to judge", kind))
		return nil
	}
	apiVersion, _ := obj["apiVersion"].(string)
	for i := range count {
		isrc := src
		v, pos, err := item(i)
		if pos.line > 0 {
			isrc.Line = pos.line
		}
		nested := pos.items
		if err == errSkipped {
			*n++
			continue
		}
		if err != nil {
			*n++
			isrc.Item = *n
			return inputError(isrc, "%v", err)
		}
		m, ok := v.(map[string]any)
		if !ok {
			*n++
			isrc.Item = *n
			return inputError(isrc, "list item is not an object, found %s", describe(v))
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
		isrc.Item = max(isrc.Item, 1) // inside a List: counted by unpackInto
		if err := unpackInto(m, isrc, nested, n, emit, empty); err != nil {
			return err
		}
	}
	return nil
}

// InputErrors are every input error of a run, in input order.
type InputErrors []*InputError

func (e InputErrors) Error() string {
	if len(e) == 1 {
		return e[0].Error()
	}
	lines := make([]string, len(e))
	for i, ie := range e {
		lines[i] = "  " + ie.Error()
	}
	return fmt.Sprintf("%d inputs are not valid:\n%s", len(e), strings.Join(lines, "\n"))
}

// Unwrap gives errors.As the errors one by one.
func (e InputErrors) Unwrap() []error {
	out := make([]error, len(e))
	for i, ie := range e {
		out[i] = ie
	}
	return out
}

func (e InputErrors) orNil() error {
	if len(e) == 0 {
		return nil
	}
	return e
}

// byteSize writes a size in the unit that reads best: 256 MiB, 6 KiB, 100 bytes.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

func isJSONName(name string) bool { return strings.EqualFold(filepath.Ext(name), ".json") }

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
	case json.Number, float64, int, int64:
		return "a number"
	default:
		return fmt.Sprintf("%T", v)
	}
}
