package policies

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// CatalogDir holds the catalog: one YAML file per part (versions.yaml, feature_gates.yaml, ...),
// each a mapping of top-level catalog keys, and CatalogModule, generated from them.
const CatalogDir = "catalog"

// CatalogModule is the Rego module generated from the catalog's YAML files (scripts/generate):
// the whole catalog as one ground value, data.aksarc.catalog.catalog, so that conftest and opa
// read it with the policies and no --data flag.
const CatalogModule = CatalogDir + "/catalog.rego"

// CatalogSchema is the JSON Schema (draft 2020-12) of the catalog, the union of its files.
//
//go:embed catalog/catalog.schema.json
var CatalogSchema []byte

var catalogSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(CatalogSchema))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "catalog.schema.json"
	if err := c.AddResource(url, doc); err != nil {
		return nil, err
	}
	return c.Compile(url)
})

// LoadCatalog reads the catalog's YAML files of fsys (FS, or a copy in tests) and returns their
// union, checked against CatalogSchema. A top-level key defined by two files, a non-string key,
// a merge key or a document that is not a mapping is an error naming the file and line.
func LoadCatalog(fsys fs.FS) (map[string]any, error) {
	files, err := fs.Glob(fsys, CatalogDir+"/*.yaml")
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("the catalog: no %s/*.yaml file", CatalogDir)
	}
	slices.Sort(files)
	catalog := map[string]any{}
	from := map[string]string{}
	for _, file := range files {
		src, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, err
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(src, &doc); err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
			return nil, fmt.Errorf("%s: expected one YAML document holding a mapping of catalog keys", file)
		}
		v, err := yamlValue(file, doc.Content[0], 0)
		if err != nil {
			return nil, err
		}
		for k, x := range v.(map[string]any) {
			if other, dup := from[k]; dup {
				return nil, fmt.Errorf("%s: catalog key %q is also defined in %s", file, k, other)
			}
			catalog[k], from[k] = x, file
		}
	}
	sch, err := catalogSchema()
	if err != nil {
		return nil, fmt.Errorf("the catalog schema does not compile: %w", err)
	}
	if err := sch.Validate(catalog); err != nil {
		return nil, fmt.Errorf("the catalog (%s/*.yaml) does not fit %s/catalog.schema.json: %v", CatalogDir, CatalogDir, err)
	}
	return catalog, nil
}

// yamlValue converts a YAML node to JSON types (json.Number for numbers), as the catalog's
// schema and OPA read them: keys must be strings, aliases are followed (to a bounded depth),
// timestamps stay text.
func yamlValue(file string, n *yaml.Node, depth int) (any, error) {
	if depth > 64 {
		return nil, fmt.Errorf("%s:%d: nested too deeply", file, n.Line)
	}
	switch n.Kind {
	case yaml.AliasNode:
		return yamlValue(file, n.Alias, depth+1)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode || k.ShortTag() != "!!str" {
				return nil, fmt.Errorf("%s:%d: key %q must be a string (quote it)", file, k.Line, k.Value)
			}
			if k.Value == "<<" && k.Style == 0 {
				return nil, fmt.Errorf("%s:%d: merge keys are not used in the catalog; write the entry out or use an alias", file, k.Line)
			}
			if _, dup := m[k.Value]; dup {
				return nil, fmt.Errorf("%s:%d: key %q appears twice", file, k.Line, k.Value)
			}
			v, err := yamlValue(file, n.Content[i+1], depth+1)
			if err != nil {
				return nil, err
			}
			m[k.Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		l := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := yamlValue(file, c, depth+1)
			if err != nil {
				return nil, err
			}
			l = append(l, v)
		}
		return l, nil
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!str", "!!timestamp":
			return n.Value, nil
		case "!!null":
			return nil, nil
		case "!!bool":
			return strconv.ParseBool(strings.ToLower(n.Value))
		case "!!int", "!!float":
			if _, err := strconv.ParseFloat(n.Value, 64); err != nil {
				return nil, fmt.Errorf("%s:%d: %q is not a number JSON can hold (quote it if it is text)", file, n.Line, n.Value)
			}
			return json.Number(n.Value), nil
		}
		return nil, fmt.Errorf("%s:%d: unsupported YAML tag %s", file, n.Line, n.ShortTag())
	}
	return nil, fmt.Errorf("%s:%d: unsupported YAML node", file, n.Line)
}

// catalogHeader opens the generated module.
const catalogHeader = `# Code generated by scripts/generate from policies/catalog/*.yaml. DO NOT EDIT.
# Edit the YAML files (checked against catalog.schema.json), then run scripts/generate.

# METADATA
# description: |
#   The catalog: the facts the rules read (Kubernetes versions and their dates, host products,
#   the policy's day limits per platform, the managed-component inventory, feature gates, API
#   removals, known issues, networking, agent node and infrastructure facts), each entry with its
#   source. Written here as one ground value, so that conftest and opa load it with the policies
#   and no rule rebuilds it while judging a document. Users override or extend it with the
#   aksarc_settings.catalog data document (README, "Settings"), merged over this one.
package aksarc.catalog

`

// CatalogRego returns the Rego module of a catalog (LoadCatalog): package aksarc.catalog with
// the rule catalog := <the catalog as one literal>, formatted as opa fmt formats it.
func CatalogRego(catalog map[string]any) ([]byte, error) {
	var value bytes.Buffer
	enc := json.NewEncoder(&value)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "\t")
	if err := enc.Encode(catalog); err != nil {
		return nil, err
	}
	src := catalogHeader + "catalog := " + value.String()
	return format.SourceWithOpts(path.Base(CatalogModule), []byte(src), format.Opts{RegoVersion: ast.RegoV1})
}
