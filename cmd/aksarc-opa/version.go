package main

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime/debug"
	"strings"

	opaversion "github.com/open-policy-agent/opa/v1/version"
	"github.com/spf13/cobra"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
	"github.com/aksarc-opa/aksarc-opa/output"
)

// Set at build time by release builds:
//
//	go build -ldflags "-X main.version=v1.2.0 -X main.buildDate=2026-12-05T10:00:00Z"
//
// Without them the version comes from the Go build information (the module version of `go
// install ...@v1.2.0`, or the pseudo-version Go stamps on a build in a clone) and the build
// date is unknown.
var (
	version   = ""
	buildDate = ""
)

// readBuildInfo is debug.ReadBuildInfo; tests replace it.
var readBuildInfo = debug.ReadBuildInfo

// buildVersion says what this binary is, from the Go build information and the link-time
// variables, without the catalog (see toolVersion).
func buildVersion() output.Version {
	v := output.Version{Version: version, BuildDate: buildDate, OPA: opaversion.Version}
	bi, ok := readBuildInfo()
	if !ok {
		if v.Version == "" {
			v.Version = "(devel)"
		}
		return v
	}
	v.Go = bi.GoVersion
	if v.Version == "" {
		v.Version = bi.Main.Version
	}
	if v.Version == "" {
		v.Version = "(devel)"
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Commit = s.Value
		case "vcs.time":
			v.CommitTime = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	// The OPA module this binary links, when the build information lists it (it always should;
	// the version package is the fallback for builds that strip dependencies).
	for _, d := range bi.Deps {
		if d.Path == "github.com/open-policy-agent/opa" {
			if d.Replace != nil {
				d = d.Replace
			}
			v.OPA = strings.TrimPrefix(d.Version, "v")
		}
	}
	return v
}

// toolVersion is buildVersion with the review date of the catalog the evaluator judges with.
func toolVersion(ev *evaluator.Evaluator) output.Version {
	v := buildVersion()
	v.CatalogReviewed = catalogReviewed(ev)
	return v
}

// catalogReviewed is the catalog's "reviewed" date, read through the evaluator (the catalog
// may be Rego or data: the evaluator knows).
func catalogReviewed(ev *evaluator.Evaluator) string {
	s, _ := ev.Catalog()["reviewed"].(string)
	return s
}

func newVersionCommand(s streams) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "version",
		Short: "print the version, the commit, the OPA version and the catalog's review date",
		Long: "Print what this binary judges with: the module version of aksarc-opa, the commit and its time\n" +
			"(from the Go build information, so a clone and `go install ...@version` both report it), the\n" +
			"build date (release builds), the Go and OPA versions, and the day the catalog was reviewed.\n" +
			"`aksarc-opa --version` prints the same. Every report carries it too.",
		Example: `  aksarc-opa version
  aksarc-opa version -o json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return failf(s, cmd, "unexpected argument %q", args[0])
			}
			return codeErr(printVersion(cmd.Context(), s, format))
		},
	}
	cmd.Flags().StringVarP(&format, "output", "o", "text", "output format: text|json")
	registerFixedCompletion(cmd, "output", "text", "json")
	return cmd
}

func printVersion(ctx context.Context, s streams, format string) int {
	if format != "text" && format != "json" {
		fmt.Fprintf(s.err, "aksarc-opa version: unknown output format %q (known: json, text)\n", format)
		return exitUsage
	}
	ev, err := evaluator.New(ctx)
	if err != nil {
		fmt.Fprintf(s.err, "aksarc-opa version: %v\n", err)
		return exitUsage
	}
	v := toolVersion(ev)
	if format == "json" {
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			fmt.Fprintf(s.err, "aksarc-opa version: %v\n", err)
			return exitUsage
		}
		fmt.Fprintf(s.out, "%s\n", b)
		return exitOK
	}
	fmt.Fprintf(s.out, "aksarc-opa %s\n", v.Version)
	row := func(name, value string) {
		if value != "" {
			fmt.Fprintf(s.out, "  %-17s %s\n", name+":", value)
		}
	}
	commit := v.Commit
	if commit == "" {
		commit = "unknown (built without VCS information)"
	} else {
		if v.CommitTime != "" {
			commit += " (" + v.CommitTime + ")"
		}
		if v.Modified {
			commit += ", with uncommitted changes"
		}
	}
	row("commit", commit)
	built := v.BuildDate
	if built == "" {
		built = "unknown (not a release build)"
	}
	row("built", built)
	row("go", v.Go)
	row("opa", v.OPA)
	row("catalog reviewed", v.CatalogReviewed)
	return exitOK
}
