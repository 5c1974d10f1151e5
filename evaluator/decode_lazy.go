package evaluator

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// lazyItems are the items of a List (the value of its "items" key while it is read), kept as
// JSON text: each is decoded when the List is unpacked and handed over, and released after, so
// that the objects of a large dump (`kubectl get -o json` or `-o yaml`) are never all decoded
// at once. Text that is not a List's items is decoded whole before anything sees it
// (jsonReader.value), so a lazyItems is only ever met by unpack.
type lazyItems struct {
	items []lazyItem
	limit int64 // the document size limit, which each item is held to
}

// lazyItem is one item: its JSON text and where it starts. From a YAML List, the text is the
// JSON of a one-entry sequence, converted when the List was read (so YAML errors and the alias
// budget are met then), with the lines of the items of the item when it is a List itself.
type lazyItem struct {
	json   []byte
	line   int
	yaml   bool
	nested []itemPos
	// skip: the decoder's only (the first pass of CheckInputs) refused the item's text: unpack
	// leaves it out of a List of kind List (whose items carry their own kind and apiVersion). A
	// YAML item is then not converted; only a List's is ever skipped.
	skip bool
}

// item decodes item i, with the lines of its own items when it is a List.
func (l *lazyItems) item(i int) (any, itemPos, error) {
	it := l.items[i]
	l.items[i] = lazyItem{} // released once handed over
	pos := itemPos{line: it.line, items: it.nested}
	if it.yaml {
		dec := json.NewDecoder(bytes.NewReader(it.json))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, pos, fmt.Errorf("not valid YAML: %v", err)
		}
		seq, ok := v.([]any)
		if !ok || len(seq) != 1 {
			return nil, pos, fmt.Errorf("not valid YAML: a List item reads as %s", describe(v))
		}
		return seq[0], pos, nil
	}
	j := &jsonReader{data: it.json, dec: json.NewDecoder(bytes.NewReader(it.json)), line: it.line, limit: l.limit,
		units: []unit{{}}}
	j.dec.UseNumber()
	v, nested, err := j.value(1, true)
	if err != nil {
		return nil, pos, err
	}
	pos.items = nested
	return v, pos, nil
}

// resolved decodes the lazy items left in a value, for a reader that takes documents whole
// (settings, waivers: decodeObjects); errors are the items' own.
func resolved(v any) (any, error) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			r, err := resolved(e)
			if err != nil {
				return nil, err
			}
			x[k] = r
		}
	case []any:
		for i, e := range x {
			r, err := resolved(e)
			if err != nil {
				return nil, err
			}
			x[i] = r
		}
	case *lazyItems:
		out := make([]any, len(x.items))
		for i := range x.items {
			item, _, err := x.item(i)
			if err != nil {
				return nil, err
			}
			if out[i], err = resolved(item); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	return v, nil
}
