// Package output renders an evaluation report in the formats of `aksarc-opa check -o`. Every
// format implements Format, so the command picks one by name and knows nothing of the others.
package output

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

// Format writes a report.
type Format interface {
	Write(w io.Writer, r *evaluator.Report) error
}

var formats = map[string]Format{
	"text": Text{},
	"json": JSON{},
}

// Names lists the formats, sorted.
func Names() []string {
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// New returns the format with the given name.
func New(name string) (Format, error) {
	f, ok := formats[name]
	if !ok {
		return nil, fmt.Errorf("unknown output format %q (known: %s)", name, strings.Join(Names(), ", "))
	}
	return f, nil
}
