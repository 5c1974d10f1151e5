package evaluator

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

var (
	isoDate   = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
	monthDate = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}$`)
)

// checkCatalogOverride holds a catalog override to the shape of the embedded catalog, so that a
// mistake is an error rather than a rule that silently stops firing: keys the catalog does not
// have (except new entries of a map such as versions, which must look like their siblings),
// values of another type, and dates that are not YYYY-MM-DD. null switches off one keyed entry
// (a version, a known issue, an API removal) or clears a field inside one; a null anywhere else
// (a section, a limit, a platform) or one that removes every entry of a map would leave rules
// with nothing to read, so it is an error that says how to leave a rule out instead.
func checkCatalogOverride(base, override map[string]any) []string {
	var problems []string
	checkObject("catalog", base, override, false, false, &problems)
	sort.Strings(problems)
	return problems
}

// nullAdvice ends the message of a null that is not allowed.
const nullAdvice = "null would leave the rules that read it with nothing to judge; to leave a rule out, use --skip-rules (or evaluator.WithRules), which the report lists as skipped"

// checkObject checks an object of the override against its counterpart in the catalog. open is
// true for a map of keyed entries (versions, releases, known issues, ...); inEntry is true inside
// one of its entries.
func checkObject(path string, base, override map[string]any, open, inEntry bool, problems *[]string) {
	removed := 0
	for k, v := range override {
		p := path + "." + k
		if strings.Contains(k, ".") {
			p = fmt.Sprintf("%s[%q]", path, k)
		}
		want, known := base[k]
		if v == nil {
			switch {
			case inEntry || open:
				if known {
					removed++
				}
			default:
				*problems = append(*problems, fmt.Sprintf("%s: %s", p, nullAdvice))
			}
			continue
		}
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
		checkValue(p, want, v, inEntry || open, problems)
	}
	if open && !inEntry && removed > 0 && removed == len(base) && len(override) == removed {
		*problems = append(*problems, fmt.Sprintf("%s: every entry is set to null: %s", path, nullAdvice))
	}
}

func checkValue(path string, want, got any, inEntry bool, problems *[]string) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			*problems = append(*problems, fmt.Sprintf("%s: expected an object, got %s", path, describe(got)))
			return
		}
		// The platforms are the policy's two variants, not entries a user may remove.
		_, mapOfEntries := siblingShape(w)
		mapOfEntries = mapOfEntries && path != "catalog.platforms"
		checkObject(path, w, g, mapOfEntries, inEntry, problems)
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
		// A catalog date is a day, or a month where the source gives only the month (read as
		// its last day): an override may give either, never something the rules cannot read.
		if isoDate.MatchString(w) || monthDate.MatchString(w) {
			day := g
			if monthDate.MatchString(g) {
				day = g + "-01"
			}
			if _, err := ParseDate(day); err != nil {
				*problems = append(*problems, fmt.Sprintf("%s: expected a date (YYYY-MM-DD, or YYYY-MM for a month), got %q", path, g))
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
