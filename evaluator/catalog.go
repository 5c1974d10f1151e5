package evaluator

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/aksarc-opa/aksarc-opa/policies"
)

var (
	isoDate   = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
	monthDate = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}$`)
)

// catalogSchema is the catalog's JSON Schema (policies/catalog/catalog.schema.json), read once:
// an override is checked against what it allows, not only against what the embedded catalog
// happens to hold (a platform's own versions, dated patches, a host product's aliases).
var catalogSchema = sync.OnceValues(func() (map[string]any, error) {
	var s map[string]any
	if err := json.Unmarshal(policies.CatalogSchema, &s); err != nil {
		return nil, fmt.Errorf("the catalog schema: %w", err)
	}
	return s, nil
})

// checkCatalogOverride holds a catalog override to the catalog's schema, so that a mistake is an
// error rather than a rule that silently stops firing: keys the schema does not allow, values of
// another type, dates that are not YYYY-MM-DD (or YYYY-MM where the catalog takes a month), a new
// entry without the fields its kind requires. null switches off one keyed entry (a version, a
// release, a known issue, an API removal) or clears a field inside one; a null anywhere else (a
// section, a limit, a platform) or one that removes every entry of a map would leave rules with
// nothing to read, so it is an error that says how to leave a rule out instead.
func checkCatalogOverride(base, override map[string]any) []string {
	schema, err := catalogSchema()
	if err != nil {
		return []string{err.Error()}
	}
	c := &catalogCheck{defs: asMap(schema["$defs"])}
	c.object("catalog", schema, base, override, false)
	sort.Strings(c.problems)
	return c.problems
}

// nullAdvice ends the message of a null that is not allowed.
const nullAdvice = "null would leave the rules that read it with nothing to judge; to leave a rule out, use --skip-rules (or evaluator.WithRules), which the report lists as skipped"

type catalogCheck struct {
	defs     map[string]any
	problems []string
}

func (c *catalogCheck) add(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

// resolve follows a local $ref ("#/$defs/date") and returns the schema and the name of the
// definition it came from ("" when none).
func (c *catalogCheck) resolve(s map[string]any) (map[string]any, string) {
	name := ""
	for i := 0; i < 8; i++ {
		ref, ok := s["$ref"].(string)
		if !ok {
			break
		}
		name = strings.TrimPrefix(ref, "#/$defs/")
		s = asMap(c.defs[name])
	}
	return s, name
}

// object checks an object of the override against its schema and its counterpart in the
// embedded catalog. inEntry is true inside an entry of a map of keyed entries.
func (c *catalogCheck) object(path string, schema, base, override map[string]any, inEntry bool) {
	schema, _ = c.resolve(schema)
	props := asMap(schema["properties"])
	entrySchema, open := schema["additionalProperties"].(map[string]any)
	names := asMap(schema["propertyNames"])
	// A map whose keys are a fixed list (the two platforms) holds the policy's variants, not
	// entries a user may remove.
	removable := open && names["enum"] == nil
	removed := 0
	for _, k := range sortedKeys(override) {
		v := override[k]
		p := path + "." + k
		if strings.ContainsAny(k, ". ") {
			p = fmt.Sprintf("%s[%q]", path, k)
		}
		sub, known := props[k].(map[string]any)
		if !known && !open {
			c.add("%s: unknown catalog key (known: %s)", p, strings.Join(sortedKeys(props), ", "))
			continue
		}
		if !known {
			sub = entrySchema
			if problem := c.keyProblem(names, k); problem != "" {
				c.add("%s: %s", p, problem)
				continue
			}
		}
		want, inBase := base[k]
		if v == nil {
			switch {
			case inEntry || removable:
				if inBase {
					removed++
				}
			default:
				c.add("%s: %s", p, nullAdvice)
			}
			continue
		}
		if !known && !inBase && !inEntry {
			c.required(p, sub, v)
		}
		c.value(p, sub, want, v, inEntry || (removable && !known))
	}
	if removable && !inEntry && removed > 0 && removed == len(base) && len(override) == removed {
		c.add("%s: every entry is set to null: %s", path, nullAdvice)
	}
}

// keyProblem checks a new key of a map against the schema's propertyNames.
func (c *catalogCheck) keyProblem(names map[string]any, key string) string {
	names, def := c.resolve(names)
	if enum, ok := names["enum"].([]any); ok {
		for _, e := range enum {
			if e == key {
				return ""
			}
		}
		return fmt.Sprintf("unknown catalog key (expected one of %s)", joinAny(enum))
	}
	if pattern, ok := names["pattern"].(string); ok && !regexp.MustCompile(pattern).MatchString(key) {
		return fmt.Sprintf("unknown catalog key: expected %s as the key", expectation(def, pattern))
	}
	return ""
}

// required checks that a new entry of a map gives the fields the schema requires of it.
func (c *catalogCheck) required(path string, schema map[string]any, v any) {
	schema, _ = c.resolve(schema)
	entry, ok := v.(map[string]any)
	if !ok {
		return
	}
	var missing []string
	for _, r := range asSlice(schema["required"]) {
		if name, _ := r.(string); entry[name] == nil {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		c.add("%s: a new entry needs %s", path, strings.Join(missing, ", "))
	}
}

func (c *catalogCheck) value(path string, schema map[string]any, base, got any, inEntry bool) {
	schema, def := c.resolve(schema)
	if enum, ok := schema["enum"].([]any); ok {
		for _, e := range enum {
			if e == got {
				return
			}
		}
		c.add("%s: expected one of %s, got %s", path, joinAny(enum), valueText(got))
		return
	}
	switch schema["type"] {
	case "object":
		g, ok := got.(map[string]any)
		if !ok {
			c.add("%s: expected an object, got %s", path, describe(got))
			return
		}
		b, _ := base.(map[string]any)
		c.object(path, schema, b, g, inEntry)
	case "array":
		items, ok := got.([]any)
		if !ok {
			c.add("%s: expected a list, got %s", path, describe(got))
			return
		}
		item, _ := schema["items"].(map[string]any)
		for i, x := range items {
			if item != nil {
				c.value(fmt.Sprintf("%s[%d]", path, i), item, nil, x, true)
			}
		}
	case "string":
		g, ok := got.(string)
		if !ok {
			c.add("%s: expected a string, got %s", path, describe(got))
			return
		}
		c.text(path, schema, def, g)
	case "boolean":
		if _, ok := got.(bool); !ok {
			c.add("%s: expected true or false, got %s", path, describe(got))
		}
	case "integer", "number":
		n, ok := number(got)
		if !ok {
			c.add("%s: expected a number, got %s", path, describe(got))
			return
		}
		if schema["type"] == "integer" && n != math.Trunc(n) {
			c.add("%s: expected a whole number, got %s", path, valueText(got))
		}
		if lo, ok := number(schema["minimum"]); ok && n < lo {
			c.add("%s: expected %v or more, got %s", path, lo, valueText(got))
		}
	}
}

// text checks a string: a catalog date is a day, or a month where the schema takes one (read as
// its last day); other strings must match their pattern (a minor, a patch, a release, an https
// address) and not be empty where the schema says so.
func (c *catalogCheck) text(path string, schema map[string]any, def, s string) {
	switch def {
	case "date":
		if !isoDate.MatchString(s) || !validDay(s) {
			c.add("%s: expected a date (YYYY-MM-DD), got %q", path, s)
		}
		return
	case "dateOrMonth":
		day := s
		if monthDate.MatchString(s) {
			day = s + "-01"
		}
		if !isoDate.MatchString(day) || !validDay(day) {
			c.add("%s: expected a date (YYYY-MM-DD, or YYYY-MM for a month), got %q", path, s)
		}
		return
	}
	if min, ok := number(schema["minLength"]); ok && float64(len(s)) < min {
		c.add("%s: expected a text, got an empty string", path)
	}
	if pattern, ok := schema["pattern"].(string); ok && !regexp.MustCompile(pattern).MatchString(s) {
		c.add("%s: expected %s, got %q", path, expectation(def, pattern), s)
	}
}

func validDay(s string) bool {
	_, err := ParseDate(s)
	return err == nil
}

// expectation says in words what a pattern of the schema's definitions stands for.
func expectation(def, pattern string) string {
	switch def {
	case "minor":
		return `a minor version ("1.30")`
	case "patch":
		return `a patch version ("1.30.4")`
	case "release":
		return `a release ("2510")`
	case "releaseKey":
		return `a release ("2510", or "2411.1" for an update listed as a release)`
	case "url":
		return "an https:// address"
	}
	return "a value matching " + pattern
}

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	case float64:
		return n, true
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	}
	return 0, false
}

func joinAny(xs []any) string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = fmt.Sprint(x)
	}
	return strings.Join(out, ", ")
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

// valueText shows a value as the user wrote it (strings in quotes, numbers as written).
func valueText(v any) string {
	if v == nil {
		return "null"
	}
	return quoted(v)
}
