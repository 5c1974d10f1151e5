package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
	"github.com/aksarc-opa/aksarc-opa/internal/snapshotbuild"
)

// snapshotNow is the clock of --captured-at's default; tests replace it.
var snapshotNow = time.Now

func runSnapshot(_ context.Context, args []string, s streams) int {
	fs := newFlags("snapshot", "", s)
	files := map[snapshotbuild.Kind]*string{}
	for _, k := range snapshotbuild.Kinds() {
		files[k] = fs.String(strings.TrimPrefix(k.Flag(), "--"), "", fmt.Sprintf("the output of '%s -o json' in `FILE` (- for standard input): %s", k.Command(), k.Gives()))
	}
	platform := fs.String("platform", "", "spec.platform: "+strings.Join(evaluator.Platforms, "|")+" (default: inferred from the inputs, else left out)")
	hostOS := fs.String("host-os", "", "spec.host.os: the Windows Server host's product and edition, e.g. \"Windows Server 2022 Datacenter\"")
	release := fs.String("azure-local-release", "", "spec.host.azureLocalRelease: the Azure Local release (YYMM, e.g. 2510)")
	name := fs.String("name", "", "metadata.name (default: the cluster's name from --az-show or --connectedk8s)")
	capturedAt := fs.String("captured-at", "", "spec.capturedAt: YYYY-MM-DD or RFC 3339 (default: now)")
	outFile := fs.StringP("output", "o", "", "write the snapshot to `FILE` (default: standard output)")
	if code, done := parseFlags(fs, args, s); done {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(s.err, "aksarc-opa snapshot: %v\n", err)
		return exitUsage
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fail(fmt.Errorf("unexpected argument %q: give each input with its flag (--az-show FILE, ...)", fs.Arg(0)))
	}

	var inputs snapshotbuild.Inputs
	given, stdinFlag := 0, ""
	for _, k := range snapshotbuild.Kinds() {
		file := *files[k]
		if !fs.Changed(strings.TrimPrefix(k.Flag(), "--")) {
			continue
		}
		if file == "" {
			return fail(fmt.Errorf("%s: give a file, or - for standard input", k.Flag()))
		}
		var data []byte
		var err error
		if file == "-" {
			if stdinFlag != "" {
				return fail(fmt.Errorf("%s and %s both read standard input: only one input can", stdinFlag, k.Flag()))
			}
			stdinFlag = k.Flag()
			if s.in == nil {
				return fail(fmt.Errorf("%s -: no standard input", k.Flag()))
			}
			data, err = io.ReadAll(s.in)
		} else {
			data, err = os.ReadFile(file)
		}
		if err != nil {
			var pe *os.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return fail(fmt.Errorf("%s %s: cannot read: %v", k.Flag(), file, err))
		}
		inputs[k] = &snapshotbuild.Input{Name: file, Data: data}
		given++
	}
	if given == 0 {
		fs.Usage()
		return fail(errors.New("no input: give at least --az-show (or --connectedk8s or --version, which also tell the Kubernetes version)"))
	}

	opts := snapshotbuild.Options{Name: *name, Platform: *platform, HostOS: *hostOS, AzureLocalRelease: *release,
		CapturedAt: snapshotNow().UTC().Truncate(time.Second)}
	if *capturedAt != "" {
		t, err := evaluator.ParseAsOf(*capturedAt)
		if err != nil {
			return fail(fmt.Errorf("--captured-at: %w", err))
		}
		opts.CapturedAt = t
	}
	res, err := snapshotbuild.Build(inputs, opts)
	if err != nil {
		return fail(err)
	}
	if *outFile == "" || *outFile == "-" {
		if _, err := s.out.Write(res.YAML); err != nil {
			return fail(err)
		}
	} else if err := os.WriteFile(*outFile, res.YAML, 0o644); err != nil {
		return fail(fmt.Errorf("-o %s: %v", *outFile, unwrapPath(err)))
	}
	for _, n := range res.Notes {
		fmt.Fprintf(s.err, "aksarc-opa snapshot: note: %s\n", n)
	}
	if *outFile != "" && *outFile != "-" {
		fmt.Fprintf(s.err, "aksarc-opa snapshot: wrote ClusterSnapshot %s to %s\n", res.Name, *outFile)
	}
	return exitOK
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
