package evaluator

import (
	"fmt"
	"strings"
)

// InputError is bad input: a file that cannot be read, a document that is not YAML or JSON,
// or an object that does not fit its schema. It names the file, the document and the line.
type InputError struct {
	File     string   // the file as given; "-" for standard input
	Document int      // 1-based; 0 when the error concerns the whole file
	Item     int      // 1-based item of a List; 0 otherwise
	Line     int      // 0 when unknown
	Problems []string // what is wrong, one sentence each
	stop     bool     // the run cannot go on (its alias budget is spent)
}

// Error is "file:line (document 2): problem; problem".
func (e *InputError) Error() string {
	src := Source{File: e.File, Document: e.Document, Item: e.Item, Line: e.Line}
	return src.String() + ": " + strings.Join(e.Problems, "; ")
}

func inputError(src Source, format string, args ...any) *InputError {
	return &InputError{File: src.File, Document: src.Document, Item: src.Item, Line: src.Line,
		Problems: []string{fmt.Sprintf(format, args...)}}
}
