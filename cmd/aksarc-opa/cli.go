package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"

	"github.com/spf13/pflag"
)

// Exit codes (README, "Command line"): 0 nothing denied, 1 findings at the failing level, 2 usage or input.
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
)

// version is set at build time (-ldflags "-X main.version=v1.2.3"); otherwise it is read from
// the module's build information.
var version = ""

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, io streams) int
}

type streams struct {
	in       io.Reader
	out, err io.Writer
}

var commands = []command{
	{"check", "check manifests, cluster dumps and ClusterSnapshots against the support policy", runCheck},
	{"snapshot", "build a ClusterSnapshot from the JSON of az aksarc, az connectedk8s, az account and kubectl", runSnapshot},
	{"rules", "list the rules of the catalog", runRules},
	{"explain", "explain one rule: what fires it, the policy section, what to do", runExplain},
	{"export", "write the policies for another runtime: gatekeeper (ConstraintTemplates, Constraints, CRD, suites)", runExport},
	{"version", "print the version", runVersion},
}

func run(ctx context.Context, args []string, in io.Reader, out, errw io.Writer) int {
	s := streams{in: in, out: out, err: errw}
	if len(args) == 0 {
		usage(errw)
		return exitUsage
	}
	switch args[0] {
	case "help", "-h", "--help":
		usage(out)
		return exitOK
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(ctx, args[1:], s)
		}
	}
	fmt.Fprintf(errw, "aksarc-opa: unknown command %q\n\n", args[0])
	usage(errw)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "aksarc-opa: the AKS Arc support policy as code")
	fmt.Fprintln(w, "\nUsage: aksarc-opa <command> [flags] [arguments]")
	fmt.Fprintln(w, "\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'aksarc-opa <command> --help' for a command's flags.")
	fmt.Fprintln(w, "Exit codes: 0 nothing denied, 1 findings at the failing level, 2 usage or input error.")
}

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(name, args string, s streams) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(s.err)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: aksarc-opa %s [flags] %s\n\nFlags:\n%s", name, args, fs.FlagUsages())
	}
	return fs
}

// parseFlags parses args; done is true when the command should stop with code. Asked-for help
// goes to stdout; a usage error and the usage go to stderr.
func parseFlags(fs *pflag.FlagSet, args []string, s streams) (code int, done bool) {
	fs.SetOutput(io.Discard) // pflag would print on its own; say it once, below
	err := fs.Parse(args)
	fs.SetOutput(s.err)
	if errors.Is(err, pflag.ErrHelp) {
		fs.SetOutput(s.out)
		fs.Usage()
		return exitOK, true
	}
	if err != nil {
		fmt.Fprintf(s.err, "aksarc-opa %s: %v\n", fs.Name(), err)
		fs.Usage()
		return exitUsage, true
	}
	return 0, false
}

func runVersion(_ context.Context, args []string, s streams) int {
	fs := newFlags("version", "", s)
	if code, done := parseFlags(fs, args, s); done {
		return code
	}
	fmt.Fprintf(s.out, "aksarc-opa %s\n", buildVersion())
	return exitOK
}

func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
