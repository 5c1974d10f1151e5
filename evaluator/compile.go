package evaluator

import (
	"fmt"
	"io/fs"
	"slices"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/aksarc-opa/aksarc-opa/policies"
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

// compilePolicies compiles the policies of fsys (without their unit tests) once.
func compilePolicies(fsys fs.FS) (*ast.Compiler, error) {
	modules, err := policies.ParseModules(fsys, false)
	if err != nil {
		return nil, err
	}
	c := ast.NewCompiler().WithCapabilities(capabilities()).WithStrict(true)
	if c.Compile(modules); c.Failed() {
		return nil, fmt.Errorf("compiling the policies: %w", c.Errors)
	}
	return c, nil
}
