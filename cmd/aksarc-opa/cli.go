package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Exit codes (README, "Command line"): 0 nothing denied, 1 findings at the failing level, 2 usage or input.
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
)

type streams struct {
	in       io.Reader
	out, err io.Writer
}

// exitCode is how a command ends with a code other than 0: it has already said why.
type exitCode int

func (c exitCode) Error() string { return fmt.Sprintf("exit code %d", int(c)) }

// codeErr turns a command's exit code into what cobra's RunE returns.
func codeErr(code int) error {
	if code == exitOK {
		return nil
	}
	return exitCode(code)
}

// flagError is a flag the command line got wrong (an unknown flag, a missing value).
type flagError struct{ err error }

func (e *flagError) Error() string { return e.err.Error() }

// run is the whole command line: it parses args, runs the command and returns the exit code.
// Tests call it with their own streams.
func run(ctx context.Context, args []string, in io.Reader, out, errw io.Writer) int {
	s := streams{in: in, out: out, err: errw}
	root := newRootCommand(s)
	if args == nil {
		args = []string{} // cobra reads os.Args when given nil
	}
	root.SetArgs(args)
	root.SetIn(in)
	root.SetOut(out)
	root.SetErr(errw)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return exitOK
	}
	var code exitCode
	if errors.As(err, &code) {
		return int(code)
	}
	if cmd == nil {
		cmd = root
	}
	var fe *flagError
	if errors.As(err, &fe) {
		fmt.Fprintf(errw, "%s: %v\n", cmd.CommandPath(), fe.err)
	} else {
		// An unknown command (cobra says so, with what it may have meant).
		fmt.Fprintf(errw, "aksarc-opa: %s\n\n", strings.TrimRight(err.Error(), "\n"))
	}
	writeUsage(errw, cmd)
	return exitUsage
}

func newRootCommand(s streams) *cobra.Command {
	var showVersion bool
	root := &cobra.Command{
		Use:   "aksarc-opa",
		Short: "the AKS Arc support policy as code",
		Long: "aksarc-opa checks Kubernetes manifests, cluster dumps and ClusterSnapshots against the support\n" +
			"policy of AKS Arc (Azure Kubernetes Service enabled by Azure Arc, on Windows Server and Azure Local).",
		Example: `  aksarc-opa check --as-of 2025-11-01 cluster/snapshot.yaml manifests/
  aksarc-opa explain AKSARC-010
  aksarc-opa completion powershell | Out-String | Invoke-Expression`,
		SilenceErrors: true,
		SilenceUsage:  true,
		// Args left unset: cobra then refuses an unknown command and suggests the nearest.
		RunE: func(cmd *cobra.Command, args []string) error {
			if showVersion {
				return codeErr(printVersion(cmd.Context(), s, "text"))
			}
			writeUsage(s.err, cmd)
			return exitCode(exitUsage)
		},
	}
	root.Flags().BoolVar(&showVersion, "version", false, "print the version, the commit, the OPA version and the catalog's review date")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return &flagError{withFlagSuggestion(cmd.Flags(), err)}
	})
	root.SetHelpFunc(func(cmd *cobra.Command, _ []string) { writeUsage(cmd.OutOrStdout(), cmd) })
	root.SetUsageFunc(func(cmd *cobra.Command) error { writeUsage(cmd.OutOrStderr(), cmd); return nil })
	root.AddCommand(
		newCheckCommand(s),
		newSnapshotCommand(s),
		newRulesCommand(s),
		newExplainCommand(s),
		newExportCommand(s),
		newVersionCommand(s),
	)
	return root
}

// writeUsage writes a command's help: for the root, the commands; for a command, its usage,
// description, examples and flags.
func writeUsage(w io.Writer, cmd *cobra.Command) {
	if !cmd.HasParent() {
		fmt.Fprintln(w, "aksarc-opa: the AKS Arc support policy as code")
		fmt.Fprintln(w, "\nUsage: aksarc-opa <command> [flags] [arguments]")
		fmt.Fprintln(w, "\nCommands:")
		for _, c := range cmd.Commands() {
			if c.IsAvailableCommand() && c.Name() != "completion" {
				fmt.Fprintf(w, "  %-8s %s\n", c.Name(), c.Short)
			}
		}
		fmt.Fprintln(w, "\nShell completion: aksarc-opa completion bash|zsh|fish|powershell --help says how to load it.")
		fmt.Fprintf(w, "\nExamples:\n%s\n", cmd.Example)
		fmt.Fprintf(w, "\nFlags:\n%s", cmd.LocalFlags().FlagUsages())
		fmt.Fprintln(w, "\nRun 'aksarc-opa <command> --help' for a command's flags.")
		fmt.Fprintln(w, "Exit codes: 0 nothing denied, 1 findings at the failing level, 2 usage or input error.")
		return
	}
	use := cmd.UseLine()
	if cmd.HasAvailableSubCommands() {
		use = cmd.CommandPath() + " <what> [flags]"
	}
	fmt.Fprintf(w, "Usage: %s\n", use)
	if long := cmd.Long; long != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimRight(long, "\n"))
	} else if cmd.Short != "" {
		fmt.Fprintf(w, "\n%s.\n", upperFirst(cmd.Short))
	}
	if cmd.HasAvailableSubCommands() {
		fmt.Fprintln(w, "\nWhat:")
		for _, c := range cmd.Commands() {
			if c.IsAvailableCommand() {
				fmt.Fprintf(w, "  %-11s %s\n", c.Name(), c.Short)
			}
		}
	}
	if cmd.Example != "" {
		fmt.Fprintf(w, "\nExamples:\n%s\n", strings.TrimRight(cmd.Example, "\n"))
	}
	if flags := cmd.LocalFlags().FlagUsages(); flags != "" {
		fmt.Fprintf(w, "\nFlags:\n%s", flags)
	}
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// failf reports a command's error on stderr, prefixed with the command, and returns exit code 2.
func failf(s streams, cmd *cobra.Command, format string, args ...any) error {
	fmt.Fprintf(s.err, "%s: %s\n", cmd.CommandPath(), fmt.Sprintf(format, args...))
	return exitCode(exitUsage)
}

// withFlagSuggestion adds the nearest flag names to an unknown-flag error ("did you mean --as-of?").
func withFlagSuggestion(fs *pflag.FlagSet, err error) error {
	msg := err.Error()
	const prefix = "unknown flag: --"
	if !strings.HasPrefix(msg, prefix) {
		return err
	}
	given := strings.TrimPrefix(msg, prefix)
	var names []string
	fs.VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	})
	if s := suggest(given, names); len(s) > 0 {
		for i := range s {
			s[i] = "--" + s[i]
		}
		return fmt.Errorf("%s (did you mean %s?)", msg, orList(s))
	}
	return err
}
