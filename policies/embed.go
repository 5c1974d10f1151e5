// Package policies holds the Rego source of aksarc-opa: the rules, their shared library, the
// catalog and the entry points. The files are embedded so that the evaluator (and any Go tool
// that imports it) carries exactly the policies in this folder, with nothing to install.
package policies

import "embed"

// FS holds every .rego file of the policies, tests included; callers filter what they load.
//
//go:embed catalog lib rules entrypoints
var FS embed.FS
