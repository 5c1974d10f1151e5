package evaluator

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
)

const (
	snapshotGroup = "support.aksarc.io"
	snapshotKind  = "ClusterSnapshot"
)

// claimsSnapshot is true for an object of kind ClusterSnapshot or of the snapshot API group.
func claimsSnapshot(obj map[string]any) bool {
	kind, _ := obj["kind"].(string)
	apiVersion, _ := obj["apiVersion"].(string)
	return kind == snapshotKind || strings.HasPrefix(apiVersion, snapshotGroup+"/")
}

// SnapshotSchema is the JSON Schema (draft 2020-12) a ClusterSnapshot must fit.
//
//go:embed schema/clustersnapshot.v1alpha1.json
var SnapshotSchema []byte

var snapshotSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(SnapshotSchema))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	// Dates and times are read as every rule reads them (ParseTime), so a value the schema
	// accepts is one the policies can compare.
	c.RegisterFormat(&jsonschema.Format{Name: "date-time", Validate: func(v any) error {
		s, ok := v.(string)
		if !ok {
			return nil
		}
		if !rfc3339Shape.MatchString(s) {
			return errors.New("not an RFC 3339 time")
		}
		_, err := ParseTime(s)
		return err
	}})
	c.RegisterFormat(&jsonschema.Format{Name: "date", Validate: func(v any) error {
		s, ok := v.(string)
		if !ok {
			return nil
		}
		_, err := ParseDate(s)
		return err
	}})
	const url = "clustersnapshot.v1alpha1.json"
	if err := c.AddResource(url, doc); err != nil {
		return nil, err
	}
	return c.Compile(url)
})

// validateSnapshot returns what is wrong with a ClusterSnapshot, one line per problem, each
// naming the field ("spec.cluster.power.since: ..."); nil when it fits.
func validateSnapshot(obj map[string]any) []string {
	sch, err := snapshotSchema()
	if err != nil {
		return []string{fmt.Sprintf("internal error: the ClusterSnapshot schema does not compile: %v", err)}
	}
	err = sch.Validate(obj)
	if err == nil {
		return nil
	}
	verr, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return []string{err.Error()}
	}
	seen := map[string]bool{}
	var problems []string
	var walk func(u jsonschema.OutputUnit)
	walk = func(u jsonschema.OutputUnit) {
		if u.Error != nil && len(u.Errors) == 0 {
			msg, ok := explainProblem(u)
			if !ok {
				return
			}
			p := fieldPath(u.InstanceLocation) + ": " + msg
			if !seen[p] {
				seen[p] = true
				problems = append(problems, p)
			}
		}
		for _, e := range u.Errors {
			walk(e)
		}
	}
	walk(*verr.DetailedOutput())
	sort.Strings(problems)
	return problems
}

// explainProblem words one schema error for a person. A value that does not match the pattern
// of a named definition is described by that definition ("not a Kubernetes version, e.g. ...")
// rather than by its regular expression; the empty-string alternative of reportedVersion is not
// worth a line of its own (ok false).
func explainProblem(u jsonschema.OutputUnit) (string, bool) {
	loc := u.AbsoluteKeywordLocation
	if strings.HasSuffix(loc, "/$defs/reportedVersion/anyOf/1/const") {
		return "", false
	}
	// A timestamp is a date-time or a date: one line says why it is neither, as ParseTime reads it.
	if f, isFormat := u.Error.Kind.(*kind.Format); isFormat && strings.Contains(loc, "#/$defs/timestamp/anyOf/") {
		if s, ok := f.Got.(string); ok {
			if _, err := ParseTime(s); err != nil {
				return err.Error(), true
			}
		}
	}
	if p, isPattern := u.Error.Kind.(*kind.Pattern); isPattern {
		if i := strings.Index(loc, "#/$defs/"); i >= 0 && strings.HasSuffix(loc, "/pattern") {
			def := strings.TrimSuffix(loc[i+len("#/$defs/"):], "/pattern")
			if d := definitionDescription(def); d != "" {
				return fmt.Sprintf("%q is not %s", p.Got, strings.TrimSuffix(lowerFirst(d), ".")), true
			}
		}
	}
	return u.Error.String(), true
}

// definitionDescription is the description of a definition of the snapshot schema.
func definitionDescription(name string) string { return schemaDescriptions()[name] }

// schemaDescriptions reads the descriptions of the schema's definitions once.
var schemaDescriptions = sync.OnceValue(func() map[string]string {
	var doc struct {
		Defs map[string]struct {
			Description string `json:"description"`
		} `json:"$defs"`
	}
	out := map[string]string{}
	if json.Unmarshal(SnapshotSchema, &doc) == nil {
		for name, d := range doc.Defs {
			out[name] = d.Description
		}
	}
	return out
})

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// fieldPath turns a JSON pointer (/spec/nodes/0/name) into the dotted form people write
// (spec.nodes[0].name).
func fieldPath(pointer string) string {
	if pointer == "" {
		return "(document)"
	}
	var b strings.Builder
	for _, part := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		part = strings.NewReplacer("~1", "/", "~0", "~").Replace(part)
		if isIndex(part) {
			fmt.Fprintf(&b, "[%s]", part)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(part)
	}
	return b.String()
}

func isIndex(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// withoutNever returns the snapshot without the fields that hold Azure's "never" date
// (0001-01-01T00:00:00Z, ErrNever), and their paths; the object is copied only when one is found.
func withoutNever(obj map[string]any) (map[string]any, []string) {
	var paths []string
	var walk func(m map[string]any, path string) map[string]any
	walk = func(m map[string]any, path string) map[string]any {
		var out map[string]any
		for k, v := range m {
			p := k
			if path != "" {
				p = path + "." + k
			}
			var replace any
			drop := false
			switch x := v.(type) {
			case string:
				if _, err := ParseTime(x); errors.Is(err, ErrNever) {
					drop = true
					paths = append(paths, p)
				}
			case map[string]any:
				if c := walk(x, p); c != nil {
					replace = c
				}
			}
			if !drop && replace == nil {
				continue
			}
			if out == nil {
				out = make(map[string]any, len(m))
				for k2, v2 := range m {
					out[k2] = v2
				}
			}
			if drop {
				delete(out, k)
			} else {
				out[k] = replace
			}
		}
		return out
	}
	if c := walk(obj, ""); c != nil {
		sort.Strings(paths)
		return c, paths
	}
	return obj, nil
}
