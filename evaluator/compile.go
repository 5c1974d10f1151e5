package evaluator

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// deniedBuiltins can reach out of the process or make a result depend on something other than
// the input, the data and the as-of date. The policies must not use them; compiling fails if
// they do.
var deniedBuiltins = []string{
	"http.send",
	"net.lookup_ip_addr",
	"rand.intn",
	"uuid.rfc4122",
	"opa.runtime",
	"trace",
	"time.now_ns_local", // not a built-in today; listed so a future one is not missed
}

// capabilities is OPA's own set less the denied built-ins. time.now_ns stays: every
// evaluation pins it to the as-of date (rego.EvalTime).
func capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	caps.Builtins = slices.DeleteFunc(slices.Clone(caps.Builtins), func(b *ast.Builtin) bool {
		return slices.Contains(deniedBuiltins, b.Name)
	})
	caps.AllowNet = []string{}
	return caps
}

// compilePolicies parses every .rego file of fsys except the unit tests and compiles them once.
func compilePolicies(fsys fs.FS) (*ast.Compiler, error) {
	modules := map[string]*ast.Module{}
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".rego") || strings.HasSuffix(path, "_test.rego") {
			return err
		}
		src, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		m, err := ast.ParseModuleWithOpts(path, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			return err
		}
		modules[path] = m
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("loading the policies: %w", err)
	}
	c := ast.NewCompiler().WithCapabilities(capabilities()).WithStrict(true)
	if c.Compile(modules); c.Failed() {
		return nil, fmt.Errorf("compiling the policies: %w", c.Errors)
	}
	return c, nil
}
