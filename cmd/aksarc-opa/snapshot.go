package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
	"github.com/aksarc-opa/aksarc-opa/internal/snapshotbuild"
)

// snapshotNow is the clock of --captured-at's default; tests replace it.
var snapshotNow = time.Now

func newSnapshotCommand(s streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "snapshot [flags]",
		Short: "build a ClusterSnapshot from the JSON of az aksarc, az connectedk8s, az account and kubectl",
		Long: "Build a ClusterSnapshot (the facts about one cluster that the lifecycle rules judge) from the JSON\n" +
			"you already have: each input is optional, - reads standard input (one input at most). The host's\n" +
			"operating system and Azure Local release, which no command prints, are flags. The snapshot is\n" +
			"validated before it is written.",
		Example: `  az aksarc show -g rg -n edge-store-018 -o json > show.json
  kubectl get nodes -o json > nodes.json
  aksarc-opa snapshot --az-show show.json --nodes nodes.json --platform AzureLocal \
    --azure-local-release 2510 -o snapshot.yaml

  # PowerShell
  az aksarc show -g rg -n edge-store-018 -o json | aksarc-opa snapshot --az-show - -o snapshot.yaml`,
		Args: cobra.ArbitraryArgs,
	}
	fs := cmd.Flags()
	files := map[snapshotbuild.Kind]*string{}
	for _, k := range snapshotbuild.Kinds() {
		name := strings.TrimPrefix(k.Flag(), "--")
		files[k] = fs.String(name, "", fmt.Sprintf("the output of '%s -o json' in `FILE` (- for standard input): %s", k.Command(), k.Gives()))
		_ = cmd.MarkFlagFilename(name, "json")
	}
	platform := fs.String("platform", "", "spec.platform: "+strings.Join(evaluator.Platforms, "|")+", any case (default: inferred from the inputs, else left out)")
	hostOS := fs.String("host-os", "", "spec.host.os: the Windows Server host's product and edition, e.g. \"Windows Server 2022 Datacenter\"")
	release := fs.String("azure-local-release", "", "spec.host.azureLocalRelease: the Azure Local release (YYMM, e.g. 2510)")
	name := fs.String("name", "", "metadata.name (default: the cluster's name from --az-show or --connectedk8s)")
	capturedAt := fs.String("captured-at", "", "spec.capturedAt: YYYY-MM-DD or RFC 3339 (default: now)")
	outFile := fs.StringP("output", "o", "", "write the snapshot to `FILE` (default: standard output)")
	maxInput := fs.String("max-input-size", byteFlag(evaluator.DefaultMaxInputSize),
		"the most one input (a file or standard input) may hold: a `SIZE` in bytes, KiB, MiB or GiB; more is an error (exit 2)")
	registerFixedCompletion(cmd, "platform", evaluator.Platforms...)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		return codeErr(runSnapshot(cmd, args, s, snapshotFlags{files, platform, hostOS, release, name, capturedAt, outFile, maxInput}))
	}
	return cmd
}

type snapshotFlags struct {
	files                                                map[snapshotbuild.Kind]*string
	platform, hostOS, release, name, capturedAt, outFile *string
	maxInput                                             *string
}

func runSnapshot(cmd *cobra.Command, args []string, s streams, f snapshotFlags) int {
	fs := cmd.Flags()
	files, platform, hostOS, release, name, capturedAt, outFile := f.files, f.platform, f.hostOS, f.release, f.name, f.capturedAt, f.outFile
	*platform = normalizePlatform(*platform)
	fail := func(err error) int {
		fmt.Fprintf(s.err, "aksarc-opa snapshot: %v\n", err)
		return exitUsage
	}
	if len(args) > 0 {
		writeUsage(s.err, cmd)
		return fail(fmt.Errorf("unexpected argument %q: give each input with its flag (--az-show FILE, ...)", args[0]))
	}

	// Every input is read within a limit, so that /dev/zero or an endless pipe ends with exit 2
	// instead of growing without end.
	limit, err := parseSize(*f.maxInput)
	if err != nil {
		return fail(fmt.Errorf("--max-input-size: %w", err))
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
			data, err = readSnapshotInput(s.in, limit)
		} else {
			var in *os.File
			if in, err = os.Open(file); err == nil {
				data, err = readSnapshotInput(in, limit)
				in.Close()
			}
		}
		if err != nil {
			return fail(fmt.Errorf("%s %s: cannot read: %v", k.Flag(), file, unwrapPath(err)))
		}
		inputs[k] = &snapshotbuild.Input{Name: file, Data: data}
		given++
	}
	if given == 0 {
		writeUsage(s.err, cmd)
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

// readSnapshotInput reads at most limit bytes, in chunks as check reads its inputs (so an
// endless input costs the limit, not a doubling buffer past it); more is an error that names
// the flag.
func readSnapshotInput(r io.Reader, limit int64) ([]byte, error) {
	data, err := evaluator.ReadLimited(r, limit)
	if errors.Is(err, evaluator.ErrTooLarge) {
		return nil, fmt.Errorf("larger than the input size limit of %s (--max-input-size)", byteFlag(limit))
	}
	return data, err
}

func unwrapPath(err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return errors.New("no such file or directory") // the same words on Windows
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
