package evaluator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// eachJSON reads one or more concatenated JSON values token by token, so that it knows the
// line of each document and of each item of a List (Lists nested in Lists too), in one pass:
// lines are counted as the decoder moves on, never from the top again. Numbers stay exact; a
// duplicate key's last value counts, as in kubectl. When the stream is not valid JSON and at
// most one JSON document came before the problem, the rest is read as YAML, as kubectl does
// (a .json file stays JSON).
func (d *Decoder) eachJSON(name string, data []byte, fn func(rawDoc) error) error {
	j := &jsonReader{data: data, dec: json.NewDecoder(bytes.NewReader(data)), line: 1, limit: d.limits.MaxDocumentSize, only: d.only}
	j.dec.UseNumber()
	count := 0    // JSON documents read
	consumed := 0 // bytes of the documents read
	for {
		start := j.nextOffset()
		src := Source{File: name, Document: count + 1, Line: j.lineAt(start)}
		j.units = append(j.units[:0], unit{start: int64(start)})
		j.tokens = 0
		v, items, err := j.value(0, true)
		if errors.Is(err, io.EOF) && j.tokens == 0 {
			return nil
		}
		if err == nil {
			count++
			consumed = int(j.dec.InputOffset())
			if err := fn(rawDoc{value: v, source: src, items: items}); err != nil {
				return err
			}
			continue
		}
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		if tooLarge := (*tooLargeError)(nil); errors.As(err, &tooLarge) {
			return fn(rawDoc{source: src, err: inputError(src, "%v", err)})
		}
		jerr := rawDoc{source: src, err: inputError(src, "not valid JSON (near line %d): %v", j.lineAt(int(j.dec.InputOffset())), err)}
		if count > 1 || isJSONName(name) {
			return fn(jerr)
		}
		// kubectl then reads the rest as YAML; if that fails too, the JSON problem is the one
		// reported. The YAML documents are held until the rest is known to be valid.
		var rest []rawDoc
		yerr := d.eachYAML(name, data[consumed:], bytes.Count(data[:consumed], []byte("\n")), count, func(doc rawDoc) error {
			if doc.err != nil {
				return doc.err
			}
			rest = append(rest, doc)
			return nil
		})
		if ie := (*InputError)(nil); errors.As(yerr, &ie) && ie.stop {
			return yerr
		}
		if yerr != nil {
			return fn(jerr)
		}
		for _, doc := range rest {
			if err := fn(doc); err != nil {
				return err
			}
		}
		return nil
	}
}

type jsonReader struct {
	data    []byte
	dec     *json.Decoder
	tokens  int // tokens read of the current document
	lineOff int // lines are counted up to this offset
	line    int // the line at lineOff
	limit   int64
	units   []unit // the document and the List items being read, outermost first
	only    func([]byte) bool
}

// unit is a document or a List item being read: where it starts, and the bytes of its items
// (which count for themselves, not toward the List), so that each is held to the size limit.
type unit struct {
	start, excluded int64
}

type tooLargeError struct{ limit int64 }

func (e *tooLargeError) Error() string {
	return fmt.Sprintf("the document is larger than the document size limit of %s (--max-document-size)", byteSize(e.limit))
}

// nextOffset is the offset of the next token: past blanks, commas and colons.
func (j *jsonReader) nextOffset() int {
	off := int(j.dec.InputOffset())
	for off < len(j.data) && bytes.IndexByte([]byte(" \t\r\n,:"), j.data[off]) >= 0 {
		off++
	}
	return off
}

// lineAt is the line of an offset at or after the last one asked: counting goes on from there.
func (j *jsonReader) lineAt(off int) int {
	if off < j.lineOff {
		return j.line // never counts backwards (an error offset before the last token)
	}
	j.line += bytes.Count(j.data[j.lineOff:off], []byte("\n"))
	j.lineOff = off
	return j.line
}

// value reads one value. When listy, the value is a document or a List item: the lines of the
// elements of its "items" array are noted, and so on down.
func (j *jsonReader) value(depth int, listy bool) (any, []itemPos, error) {
	if depth > 10000 {
		return nil, nil, errors.New("nested too deeply")
	}
	tok, err := j.dec.Token()
	if err != nil {
		return nil, nil, err
	}
	j.tokens++
	u := &j.units[len(j.units)-1]
	if j.dec.InputOffset()-u.start-u.excluded > j.limit {
		return nil, nil, &tooLargeError{j.limit}
	}
	delim, ok := tok.(json.Delim)
	if !ok {
		return tok, nil, nil // string, json.Number, bool or nil
	}
	switch delim {
	case '{':
		m := map[string]any{}
		var items []itemPos
		for j.dec.More() {
			k, err := j.dec.Token()
			if err != nil {
				return nil, nil, err
			}
			key, ok := k.(string)
			if !ok {
				return nil, nil, fmt.Errorf("object key %v is not a string", k)
			}
			var v any
			if listy && key == "items" {
				v, items, err = j.items(depth + 1)
			} else {
				v, _, err = j.value(depth+1, false)
			}
			if err != nil {
				return nil, nil, err
			}
			m[key] = v // as kubectl: a duplicate key's last value counts
		}
		// The items of a List stay text until it is unpacked; an object that is no List has
		// its "items" decoded now.
		if lazy, ok := m["items"].(*lazyItems); ok && !isList(m) {
			v, err := resolved(lazy)
			if err != nil {
				return nil, nil, err
			}
			m["items"], items = v, nil
		}
		_, err := j.dec.Token() // '}'
		return m, items, err
	case '[':
		a := []any{}
		for j.dec.More() {
			v, _, err := j.value(depth+1, false)
			if err != nil {
				return nil, nil, err
			}
			a = append(a, v)
		}
		_, err := j.dec.Token() // ']'
		return a, nil, err
	}
	return nil, nil, fmt.Errorf("unexpected %v", delim)
}

// items reads the value of an "items" key: when it is an array, each element is a List item,
// kept as its text and line (lazyItems) and decoded, with its own size limit, when the List is
// unpacked. Here it is only checked to be valid JSON.
func (j *jsonReader) items(depth int) (any, []itemPos, error) {
	if !bytes.HasPrefix(j.data[j.nextOffset():], []byte("[")) {
		v, _, err := j.value(depth, false)
		return v, nil, err
	}
	if _, err := j.dec.Token(); err != nil { // '['
		return nil, nil, err
	}
	lazy := &lazyItems{items: []lazyItem{}, limit: j.limit}
	for j.dec.More() {
		start := j.nextOffset()
		line := j.lineAt(start)
		var raw json.RawMessage
		if err := j.dec.Decode(&raw); err != nil {
			return nil, nil, err
		}
		j.tokens++
		end := j.dec.InputOffset()
		j.units[len(j.units)-1].excluded += end - int64(start)
		text := j.data[start:end]
		lazy.items = append(lazy.items, lazyItem{json: text, line: line, skip: j.only != nil && !j.only(text)})
	}
	_, err := j.dec.Token() // ']'
	return lazy, nil, err
}
