package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
	"github.com/aksarc-opa/aksarc-opa/output"
)

// checkOptions are the flags of check. Each group of flags registers itself on the command's
// flag set (cobra's cmd.Flags(), a *pflag.FlagSet), so that another group is one more
// function of that shape, called in newCheckCommand.
type checkOptions struct {
	format     string
	color      string
	failOnWarn bool
	noFail     bool

	asOf      string
	platform  string
	dataFile  string
	waivers   []string
	rules     []string
	skipRules []string

	stdinName string
	inputs    *inputFlags // input_flags.go
}

// addReportFlags registers the flags that choose the report and the exit code.
func (o *checkOptions) addReportFlags(fs *pflag.FlagSet) {
	fs.StringVarP(&o.format, "output", "o", "text", "report format: "+strings.Join(output.Names(), "|")+formatHelp())
	fs.BoolVar(&o.failOnWarn, "fail-on-warn", false, "exit 1 on warn findings too")
	fs.BoolVar(&o.noFail, "no-fail", false, "report only: exit 0 whatever the findings (2 still means a usage or input error); the reports do not change")
	fs.StringVar(&o.color, "color", "auto", "colour the text report: auto (only on a terminal, and not when NO_COLOR is set), always, never")
	fs.StringVar(&o.stdinName, "stdin-name", "", "in SARIF, the file that documents read from standard input are located at (code scanning needs one; e.g. the chart that was rendered); default \""+output.DefaultStdinName+"\"")
}

// addEvaluationFlags registers the flags that decide how the documents are judged.
func (o *checkOptions) addEvaluationFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.asOf, "as-of", "", "judge as of this date: YYYY-MM-DD or RFC 3339 (default: now, or asOf of --data)")
	fs.StringVar(&o.platform, "platform", "", "platform of documents that do not state one: "+strings.Join(evaluator.Platforms, "|")+", any case (default WindowsServer)")
	fs.StringVar(&o.dataFile, "data", "", "settings `FILE` (aksarc_settings: asOf, platform, parameters, catalog overrides)")
	fs.StringArrayVar(&o.waivers, "waivers", nil, "waivers `FILE` (apiVersion: "+evaluator.WaiversAPIVersion+", kind: Waivers): findings accepted until a date; repeatable")
	fs.StringSliceVar(&o.rules, "rules", nil, "run only these `RULES`: IDs or names, comma-separated, repeatable (default: all)")
	fs.StringSliceVar(&o.skipRules, "skip-rules", nil, "skip these `RULES`: IDs or names, comma-separated, repeatable; wins over --rules")
}

func newCheckCommand(s streams) *cobra.Command {
	o := &checkOptions{}
	cmd := &cobra.Command{
		Use:   "check [flags] PATH|- ...",
		Short: "check manifests, cluster dumps and ClusterSnapshots against the support policy",
		Long: "Judge Kubernetes objects (manifests, `kubectl get -o yaml|json` dumps, Lists) and ClusterSnapshots\n" +
			"against the AKS Arc support policy, and report every finding with its rule, object, file and line,\n" +
			"policy section and fix. PATH is a file, a directory (searched for .yaml, .yml and .json) or - for\n" +
			"standard input. All documents of one run are judged together: one ClusterSnapshot among them is\n" +
			"the cluster of the others.\n\n" +
			"Exit codes: 0 nothing denied, 1 findings at the failing level (deny; warn with --fail-on-warn),\n" +
			"2 usage or input error. --no-fail reports only: 0 unless 2.",
		Example: `  # A snapshot and the manifests of a change, as of a fixed day
  aksarc-opa check --as-of 2025-11-01 cluster/snapshot.yaml manifests/

  # A live cluster's kube-system, from kubectl
  kubectl get deploy,ds,cm -n kube-system -o yaml | aksarc-opa check cluster/snapshot.yaml -

  # SARIF for code scanning, without failing the job
  aksarc-opa check -o sarif --no-fail manifests/ > aksarc-opa.sarif

  # Some rules only, with waivers (PowerShell: the same flags)
  aksarc-opa check --rules AKSARC-040,AKSARC-041 --waivers waivers.yaml cluster/`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return codeErr(runCheck(cmd, args, o, s))
		},
	}
	fs := cmd.Flags()
	o.addReportFlags(fs)
	o.addEvaluationFlags(fs)
	o.inputs = registerInputFlags(fs)

	registerFixedCompletion(cmd, "output", output.Names()...)
	registerFixedCompletion(cmd, "color", "auto", "always", "never")
	registerFixedCompletion(cmd, "platform", evaluator.Platforms...)
	for _, f := range []string{"data", "waivers"} {
		_ = cmd.MarkFlagFilename(f, "yaml", "yml", "json")
	}
	for _, f := range []string{"rules", "skip-rules"} {
		_ = cmd.RegisterFlagCompletionFunc(f, completeRules)
	}
	cmd.ValidArgsFunction = func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"yaml", "yml", "json"}, cobra.ShellCompDirectiveFilterFileExt
	}
	return cmd
}

func runCheck(cmd *cobra.Command, args []string, o *checkOptions, s streams) int {
	ctx := cmd.Context()
	fs := cmd.Flags()
	fail := func(err error) int {
		// Errors name input files and quote their fields: defused as the text report is.
		fmt.Fprintf(s.err, "aksarc-opa check: %s\n", output.DefuseLines(err.Error()))
		return exitUsage
	}
	if len(args) == 0 {
		writeUsage(s.err, cmd)
		return fail(fmt.Errorf("no input: give files, directories or - for standard input"))
	}
	out, err := output.New(o.format)
	if err != nil {
		return fail(err)
	}
	useColor, err := colorOutput(o.color, s.out, os.Getenv)
	if err != nil {
		return fail(fmt.Errorf("--color: %w", err))
	}
	loadOptions, err := o.inputs.options()
	if err != nil {
		return fail(err)
	}

	var opts []evaluator.Option
	if o.dataFile != "" {
		settings, err := evaluator.LoadSettings(o.dataFile)
		if err != nil {
			return fail(err)
		}
		opts = append(opts, evaluator.WithSettings(settings))
	}
	if o.platform != "" {
		opts = append(opts, evaluator.WithPlatform(normalizePlatform(o.platform)))
	}
	if o.asOf != "" {
		t, err := evaluator.ParseAsOf(o.asOf)
		if err != nil {
			return fail(fmt.Errorf("--as-of: %w", err))
		}
		opts = append(opts, evaluator.WithAsOf(t))
	}
	for _, file := range o.waivers {
		waivers, err := evaluator.LoadWaivers(file)
		if err != nil {
			return fail(err)
		}
		opts = append(opts, evaluator.WithWaivers(waivers))
	}
	for _, sel := range []struct {
		flag  string
		value []string
	}{{"--rules", o.rules}, {"--skip-rules", o.skipRules}} {
		// An empty value (an unset CI variable) must not quietly select every rule.
		if fs.Changed(strings.TrimPrefix(sel.flag, "--")) && strings.TrimSpace(strings.Join(sel.value, "")) == "" {
			return fail(fmt.Errorf("%s: no rule given (an empty value)", sel.flag))
		}
	}
	if len(o.rules) > 0 || len(o.skipRules) > 0 {
		opts = append(opts, evaluator.WithRules(o.rules, o.skipRules))
	}

	ev, err := evaluator.New(ctx, opts...)
	var settingsErr *evaluator.SettingsError
	if errors.As(err, &settingsErr) && o.dataFile != "" {
		return fail(fmt.Errorf("%s: %w", o.dataFile, err))
	}
	if unknown := (*evaluator.UnknownRuleError)(nil); errors.As(err, &unknown) {
		flag := "--rules"
		if unknown.Skip {
			flag = "--skip-rules"
		}
		return fail(fmt.Errorf("%s: %w%s", flag, err, ruleSuggestions(ctx, unknown.Names)))
	}
	if errors.Is(err, evaluator.ErrNoRulesSelected) {
		return fail(fmt.Errorf("--rules, --skip-rules: %w", err))
	}
	if err != nil {
		return fail(err)
	}
	// Nothing to judge is an input error, not a supported cluster: an empty file or an empty
	// pipe (a snapshot command that failed upstream) must not pass; LoadInputs refuses it.
	// Each document is judged as it is read and released (CheckInputs): a large dump does not
	// have to fit in memory. Without --as-of (or asOf in --data) the evaluator judges as of now.
	report, checked, err := ev.CheckInputs(ctx, args, s.in, loadOptions)
	if err != nil {
		return fail(err)
	}
	// SARIF lists the whole rule catalog; JUnit gives each document checked a test case and
	// fails on warnings when the exit code does; every format but text and github names the
	// build and catalog that judged.
	out = output.Configure(out, output.Options{
		Rules:      ev.Rules(),
		Checked:    checked,
		FailOnWarn: o.failOnWarn, // --no-fail changes the exit code only, never a report
		Version:    toolVersion(ev),
		StdinName:  o.stdinName,
		Color:      useColor, // the text report on a terminal (color.go)
	})
	if err := out.Write(s.out, report); err != nil {
		return fail(err)
	}
	switch {
	case o.noFail:
		return exitOK
	case report.Summary.Deny > 0 || (o.failOnWarn && report.Summary.Warn > 0):
		return exitFindings
	}
	return exitOK
}

// formatHelp describes each format of -o, one per line under the flag.
func formatHelp() string {
	var b strings.Builder
	for _, name := range output.Names() {
		fmt.Fprintf(&b, "\n  %-6s  %s", name, output.Descriptions[name])
	}
	return b.String()
}

// normalizePlatform accepts a platform in any case, with or without a separator
// ("azurelocal", "Azure-Local", "windows server"), and returns its canonical name; anything
// else is returned as given, for the evaluator to refuse with the list of platforms.
func normalizePlatform(p string) string {
	squash := func(s string) string {
		return strings.ToLower(strings.NewReplacer("-", "", "_", "", " ", "").Replace(strings.TrimSpace(s)))
	}
	for _, known := range evaluator.Platforms {
		if squash(p) == squash(known) {
			return known
		}
	}
	return p
}
