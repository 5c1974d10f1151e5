package evaluator

import (
	"fmt"
	"strings"
)

// InputError is bad input: a file that cannot be read, a document that is not YAML or JSON,
// or an object that does not fit its schema. It names the file, the document and the line.
type InputError struct {
	File     string
	Document int // 1-based; 0 when the error concerns the whole file
	Item     int // 1-based item of a List; 0 otherwise
	Line     int // 0 when unknown
	Problems []string
}

func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Document > 0 {
		fmt.Fprintf(&b, ": document %d", e.Document)
	}
	if e.Item > 0 {
		fmt.Fprintf(&b, ", item %d", e.Item)
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, " (line %d)", e.Line)
	}
	b.WriteString(": ")
	b.WriteString(strings.Join(e.Problems, "; "))
	return b.String()
}

func inputError(src Source, format string, args ...any) *InputError {
	return &InputError{File: src.File, Document: src.Document, Item: src.Item, Line: src.Line,
		Problems: []string{fmt.Sprintf(format, args...)}}
}
