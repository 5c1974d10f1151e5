package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

// inputFlags are the flags of `check` that say how inputs are read. They are registered on a
// *pflag.FlagSet in one place, so that they move with it (a cobra command's Flags() is one).
type inputFlags struct {
	exclude         *[]string
	strict          *bool
	maxInputSize    *string
	maxDocumentSize *string
}

func registerInputFlags(fs *pflag.FlagSet) *inputFlags {
	return &inputFlags{
		exclude: fs.StringArray("exclude", nil, "leave out paths that directory walks find and match this `GLOB` (** across folders; "+
			"a glob without / matches a name at any depth); repeatable; skipped paths are listed in the report"),
		strict: fs.Bool("strict", false, "make directory walks as strict as named files: a document that is not a Kubernetes object, "+
			"a Helm chart or a kustomization is an error (exit 2), not a skipped input"),
		maxInputSize: fs.String("max-input-size", byteFlag(evaluator.DefaultMaxInputSize),
			"the most one input (a file or standard input) may hold: a `SIZE` in bytes, KiB, MiB or GiB; more is an error (exit 2)"),
		maxDocumentSize: fs.String("max-document-size", byteFlag(evaluator.DefaultMaxDocumentSize),
			"the most one document or List item may hold (`SIZE`); more is an error (exit 2)"),
	}
}

// options returns the load options the flags say; an error names the flag.
func (f *inputFlags) options() (evaluator.LoadOptions, error) {
	in, err := parseSize(*f.maxInputSize)
	if err != nil {
		return evaluator.LoadOptions{}, fmt.Errorf("--max-input-size: %w", err)
	}
	doc, err := parseSize(*f.maxDocumentSize)
	if err != nil {
		return evaluator.LoadOptions{}, fmt.Errorf("--max-document-size: %w", err)
	}
	return evaluator.LoadOptions{
		Limits:  evaluator.Limits{MaxInputSize: in, MaxDocumentSize: doc},
		Exclude: *f.exclude,
		Strict:  *f.strict,
	}, nil
}

var sizeUnits = []struct {
	suffix string
	factor int64
}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}, {"", 1}}

// parseSize reads "256MiB", "64 KiB", "1G" or a number of bytes.
func parseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	for _, u := range sizeUnits {
		num, ok := strings.CutSuffix(t, u.suffix)
		if !ok {
			continue
		}
		n, err := strconv.ParseInt(strings.TrimSpace(num), 10, 64)
		if err != nil || n <= 0 || n > (1<<62)/u.factor {
			break
		}
		return n * u.factor, nil
	}
	return 0, fmt.Errorf("%q is not a size: write a whole number of bytes, KiB, MiB or GiB (256MiB)", s)
}

func byteFlag(n int64) string {
	switch {
	case n%(1<<30) == 0:
		return fmt.Sprintf("%dGiB", n>>30)
	case n%(1<<20) == 0:
		return fmt.Sprintf("%dMiB", n>>20)
	case n%(1<<10) == 0:
		return fmt.Sprintf("%dKiB", n>>10)
	}
	return strconv.FormatInt(n, 10)
}
