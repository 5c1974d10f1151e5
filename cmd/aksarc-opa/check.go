package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
	"github.com/aksarc-opa/aksarc-opa/output"
)

func runCheck(ctx context.Context, args []string, s streams) int {
	fs := newFlags("check", "PATH|- ...", s)
	format := fs.StringP("output", "o", "text", "report format: "+strings.Join(output.Names(), "|")+formatHelp())
	asOf := fs.String("as-of", "", "judge as of this date: YYYY-MM-DD or RFC 3339 (default: now, or asOf of --data)")
	platform := fs.String("platform", "", "platform of documents that do not state one: "+strings.Join(evaluator.Platforms, "|")+" (default WindowsServer)")
	dataFile := fs.String("data", "", "settings file (aksarc_settings: asOf, platform, parameters, catalog overrides)")
	failOnWarn := fs.Bool("fail-on-warn", false, "exit 1 on warn findings too")
	color := fs.String("color", "auto", "colour the text report: auto (only on a terminal, and not when NO_COLOR is set), always, never")
	waiverFiles := fs.StringArray("waivers", nil, "waivers `FILE` (apiVersion: "+evaluator.WaiversAPIVersion+", kind: Waivers): findings accepted until a date; repeatable")
	rules := fs.StringSlice("rules", nil, "run only these `RULES`: IDs or names, comma-separated, repeatable (default: all)")
	skipRules := fs.StringSlice("skip-rules", nil, "skip these `RULES`: IDs or names, comma-separated, repeatable; wins over --rules")
	stdinName := fs.String("stdin-name", "", "in SARIF, the file that documents read from standard input are located at (code scanning needs one; e.g. the chart that was rendered); default \""+output.DefaultStdinName+"\"")
	inputs := registerInputFlags(fs) // input_flags.go
	if code, done := parseFlags(fs, args, s); done {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(s.err, "aksarc-opa check: %v\n", err)
		return exitUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fail(fmt.Errorf("no input: give files, directories or - for standard input"))
	}
	out, err := output.New(*format)
	if err != nil {
		return fail(err)
	}
	useColor, err := colorOutput(*color, s.out, os.Getenv)
	if err != nil {
		return fail(fmt.Errorf("--color: %w", err))
	}
	loadOptions, err := inputs.options()
	if err != nil {
		return fail(err)
	}

	var opts []evaluator.Option
	if *dataFile != "" {
		settings, err := evaluator.LoadSettings(*dataFile)
		if err != nil {
			return fail(err)
		}
		opts = append(opts, evaluator.WithSettings(settings))
	}
	if *platform != "" {
		opts = append(opts, evaluator.WithPlatform(*platform))
	}
	if *asOf != "" {
		t, err := evaluator.ParseAsOf(*asOf)
		if err != nil {
			return fail(fmt.Errorf("--as-of: %w", err))
		}
		opts = append(opts, evaluator.WithAsOf(t))
	}
	for _, file := range *waiverFiles {
		waivers, err := evaluator.LoadWaivers(file)
		if err != nil {
			return fail(err)
		}
		opts = append(opts, evaluator.WithWaivers(waivers))
	}
	for _, sel := range []struct {
		flag  string
		value []string
	}{{"--rules", *rules}, {"--skip-rules", *skipRules}} {
		// An empty value (an unset CI variable) must not quietly select every rule.
		if fs.Changed(strings.TrimPrefix(sel.flag, "--")) && strings.TrimSpace(strings.Join(sel.value, "")) == "" {
			return fail(fmt.Errorf("%s: no rule given (an empty value)", sel.flag))
		}
	}
	if len(*rules) > 0 || len(*skipRules) > 0 {
		opts = append(opts, evaluator.WithRules(*rules, *skipRules))
	}

	ev, err := evaluator.New(ctx, opts...)
	var settingsErr *evaluator.SettingsError
	if errors.As(err, &settingsErr) && *dataFile != "" {
		return fail(fmt.Errorf("%s: %w", *dataFile, err))
	}
	if unknown := (*evaluator.UnknownRuleError)(nil); errors.As(err, &unknown) {
		flag := "--rules"
		if unknown.Skip {
			flag = "--skip-rules"
		}
		return fail(fmt.Errorf("%s: %w", flag, err))
	}
	if errors.Is(err, evaluator.ErrNoRulesSelected) {
		return fail(fmt.Errorf("--rules, --skip-rules: %w", err))
	}
	if err != nil {
		return fail(err)
	}
	// Nothing to judge is an input error, not a supported cluster: an empty file or an empty
	// pipe (a snapshot command that failed upstream) must not pass; LoadInputs refuses it.
	loaded, err := evaluator.LoadInputs(fs.Args(), s.in, loadOptions)
	if err != nil {
		return fail(err)
	}
	// Without --as-of (or asOf in --data) the evaluator judges as of now.
	report, err := ev.EvaluateInputs(ctx, loaded)
	if err != nil {
		return fail(err)
	}
	// SARIF lists the whole rule catalog; JUnit gives each document checked a test case and
	// fails on warnings when the exit code does.
	out = output.Configure(out, output.Options{
		Rules:       ev.Rules(),
		Documents:   loaded.Documents,
		FailOnWarn:  *failOnWarn,
		ToolVersion: buildVersion(),
		StdinName:   *stdinName,
		Color:       useColor, // the text report on a terminal (color.go)
	})
	if err := out.Write(s.out, report); err != nil {
		return fail(err)
	}
	if report.Summary.Deny > 0 || (*failOnWarn && report.Summary.Warn > 0) {
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
