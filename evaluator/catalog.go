package evaluator

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
)

var isoDate = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

// checkCatalogOverride holds a catalog override to the shape of the embedded catalog, so that a
// mistake is an error rather than a rule that silently stops firing: keys the catalog does not
// have (except new entries of a map such as versions, which must look like their siblings),
// values of another type, and dates that are not YYYY-MM-DD. null is allowed: it clears a value.
func checkCatalogOverride(base, override map[string]any) []string {
	var problems []string
	checkObject("catalog", base, override, false, &problems)
	sort.Strings(problems)
	return problems
}

func checkObject(path string, base, override map[string]any, open bool, problems *[]string) {
	for k, v := range override {
		p := path + "." + k
		if strings.Contains(k, ".") {
			p = fmt.Sprintf("%s[%q]", path, k)
		}
		want, known := base[k]
		if known && open {
			// An entry of a map such as versions may set any field its siblings have.
			if shape, ok := siblingShape(base); ok {
				entry, _ := want.(map[string]any)
				want = merged(shape, entry)
			}
		}
		if !known {
			sibling, ok := siblingShape(base)
			if !open || !ok {
				*problems = append(*problems, fmt.Sprintf("%s: unknown catalog key (known: %s)", p, strings.Join(keys(base), ", ")))
				continue
			}
			want = sibling
		}
		checkValue(p, want, v, problems)
	}
}

func checkValue(path string, want, got any, problems *[]string) {
	if got == nil {
		return
	}
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			*problems = append(*problems, fmt.Sprintf("%s: expected an object, got %s", path, describe(got)))
			return
		}
		_, mapOfEntries := siblingShape(w)
		checkObject(path, w, g, mapOfEntries, problems)
	case []any:
		if _, ok := got.([]any); !ok {
			*problems = append(*problems, fmt.Sprintf("%s: expected a list, got %s", path, describe(got)))
		}
	case string:
		g, ok := got.(string)
		if !ok {
			*problems = append(*problems, fmt.Sprintf("%s: expected a string, got %s", path, describe(got)))
			return
		}
		if isoDate.MatchString(w) {
			if _, err := time.Parse(time.DateOnly, g); err != nil {
				*problems = append(*problems, fmt.Sprintf("%s: expected a date (YYYY-MM-DD), got %q", path, g))
			}
		}
	case bool:
		if _, ok := got.(bool); !ok {
			*problems = append(*problems, fmt.Sprintf("%s: expected true or false, got %s", path, describe(got)))
		}
	case nil:
	default: // a number
		if describe(got) != "a number" {
			*problems = append(*problems, fmt.Sprintf("%s: expected a number, got %s", path, describe(got)))
		}
	}
}

// siblingShape returns a template for a new entry of a map whose values are all objects (the
// versions, host products, releases): the union of the siblings' keys.
func siblingShape(m map[string]any) (map[string]any, bool) {
	if len(m) < 2 {
		return nil, false
	}
	shape := map[string]any{}
	for _, v := range m {
		o, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		for k, x := range o {
			if _, set := shape[k]; !set || shape[k] == nil {
				shape[k] = x
			}
		}
	}
	return shape, true
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func merged(a, b map[string]any) map[string]any {
	out := make(map[string]any, len(a)+len(b))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		if v != nil || out[k] == nil {
			out[k] = v
		}
	}
	return out
}
