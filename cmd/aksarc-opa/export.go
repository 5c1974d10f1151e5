package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
	"github.com/aksarc-opa/aksarc-opa/internal/azurepolicy"
	"github.com/aksarc-opa/aksarc-opa/internal/bundle"
	"github.com/aksarc-opa/aksarc-opa/internal/gatekeeper"
	"github.com/aksarc-opa/aksarc-opa/policies"
)

func newExportCommand(s streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export gatekeeper|azure-policy|bundle [flags]",
		Short: "write the policies for another runtime: gatekeeper (ConstraintTemplates, Constraints, CRD), azure-policy, bundle (OPA)",
		Long: "Write the policies for another runtime of the same Rego: Gatekeeper resources, Azure Policy\n" +
			"definitions that carry them to Arc-enabled clusters, or an OPA bundle.\n" +
			"Export writes only regular files, only inside the folder it is given (it follows no link out of\n" +
			"it), and reads nothing there but the list of files it wrote before.",
		Example: `  aksarc-opa export gatekeeper -o deploy/gatekeeper
  aksarc-opa export azure-policy -o deploy/azure-policy
  aksarc-opa export bundle -o aksarc-opa-bundle.tar.gz`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				writeUsage(s.err, cmd)
				return failf(s, cmd, "say what to export: gatekeeper, azure-policy or bundle")
			}
			msg := fmt.Sprintf("unknown export %q: gatekeeper, azure-policy or bundle", args[0])
			var names []string
			for _, c := range cmd.Commands() {
				if c.IsAvailableCommand() {
					names = append(names, c.Name())
				}
			}
			if near := suggest(args[0], names); len(near) > 0 {
				msg += "; did you mean " + orList(near) + "?"
			}
			return failf(s, cmd, "%s", msg)
		},
	}
	cmd.AddCommand(newExportGatekeeperCommand(s), newExportAzurePolicyCommand(s), newExportBundleCommand(s))
	return cmd
}

func newExportGatekeeperCommand(s streams) *cobra.Command {
	var dir, fixtures, suitesDir string
	cmd := &cobra.Command{
		Use:   "gatekeeper [-o DIR] [--suites-from fixtures [--suites-dir DIR]]",
		Short: "ConstraintTemplates, Constraints and the ClusterSnapshot CRD, in two kustomizations",
		Long: "Write the Gatekeeper resources: templates/ (the ConstraintTemplates and, through ../crd, the\n" +
			"ClusterSnapshot CRD) and constraints/ (a deny and a warn Constraint per rule area), each folder a\n" +
			"kustomization, applied in that order (docs/gatekeeper.md). With a fixtures folder, also write\n" +
			"gator suites (to --suites-dir, outside the resources, so that `gator test -f DIR` loads no\n" +
			"samples). The files the last export wrote and this one does not are removed; nothing else is.",
		Example: `  aksarc-opa export gatekeeper -o deploy/gatekeeper
  aksarc-opa export gatekeeper -o deploy/gatekeeper --suites-from fixtures --suites-dir deploy/gatekeeper-suites`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if suitesDir == "" {
				suitesDir = filepath.Clean(dir) + "-suites"
			}
			files, suites, err := gatekeeperFiles(cmd.Context(), dir, fixtures, suitesDir)
			if err == nil {
				err = writeTree(dir, withGeneratedList(files))
			}
			if err == nil && fixtures != "" {
				err = writeTree(suitesDir, withGeneratedList(suites))
			}
			if err != nil {
				return failf(s, cmd, "%v", err)
			}
			fmt.Fprintf(s.out, "wrote %d files to %s\n", len(files), dir)
			if fixtures != "" {
				fmt.Fprintf(s.out, "wrote %d files to %s\n", len(suites), suitesDir)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&dir, "output-dir", "o", "deploy/gatekeeper", "the `DIR` to write (the files the last export wrote there are replaced)")
	cmd.Flags().StringVar(&fixtures, "suites-from", "", "a fixtures `DIR`: also write gator suites whose samples are its documents")
	cmd.Flags().StringVar(&suitesDir, "suites-dir", "", "where the gator suites go (default: the output DIR with -suites appended)")
	_ = cmd.MarkFlagDirname("output-dir")
	_ = cmd.MarkFlagDirname("suites-from")
	_ = cmd.MarkFlagDirname("suites-dir")
	return cmd
}

func newExportAzurePolicyCommand(s streams) *cobra.Command {
	var dir, scope string
	cmd := &cobra.Command{
		Use:   "azure-policy [-o DIR] [--scope ID]",
		Short: "Azure Policy definitions (one per rule area) and an initiative, for Arc-enabled clusters",
		Long: "Write Azure Policy custom definitions (mode Microsoft.Kubernetes.Data), one per rule area, each\n" +
			"carrying the area's ConstraintTemplate of `export gatekeeper` unchanged (templateInfo,\n" +
			"Base64Encoded), the initiative " + azurepolicy.InitiativeName + " that references each once per severity, and\n" +
			"create.sh / create.ps1, which create them with az (docs/azure-policy.md). The files the last\n" +
			"export wrote and this one does not are removed; nothing else is.",
		Example: `  aksarc-opa export azure-policy -o deploy/azure-policy
  aksarc-opa export azure-policy -o my-policies --scope /subscriptions/00000000-0000-0000-0000-000000000000`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			files, err := azurePolicyFiles(cmd.Context(), scope)
			if err == nil {
				err = writeTree(dir, withGeneratedList(files))
			}
			if err != nil {
				return failf(s, cmd, "%v", err)
			}
			fmt.Fprintf(s.out, "wrote %d files to %s\n", len(files), dir)
			return nil
		},
	}
	cmd.Flags().StringVarP(&dir, "output-dir", "o", "deploy/azure-policy", "the `DIR` to write (the files the last export wrote there are replaced)")
	cmd.Flags().StringVar(&scope, "scope", "", "the subscription or management group `ID` the definitions live in, written into the initiative (default: "+azurepolicy.ScopePlaceholder+", which create.sh and create.ps1 replace)")
	_ = cmd.MarkFlagDirname("output-dir")
	return cmd
}

// azurePolicyFiles generates deploy/azure-policy: the definitions carry the templates that
// gatekeeperFiles writes, byte for byte.
func azurePolicyFiles(ctx context.Context, scope string) (map[string][]byte, error) {
	if scope != "" && !strings.HasPrefix(scope, "/subscriptions/") && !strings.HasPrefix(scope, "/providers/Microsoft.Management/managementGroups/") {
		return nil, fmt.Errorf("--scope %q: want /subscriptions/ID or /providers/Microsoft.Management/managementGroups/ID", scope)
	}
	scope = strings.TrimSuffix(scope, "/")
	ev, err := evaluator.New(ctx)
	if err != nil {
		return nil, err
	}
	in := gatekeeper.Inputs{Evaluator: ev, Policies: policies.FS}
	areas, err := gatekeeper.Areas(in)
	if err != nil {
		return nil, err
	}
	gk, err := gatekeeper.Files(in, areas)
	if err != nil {
		return nil, err
	}
	out, err := azurepolicy.Build(in, areas, gk, scope)
	if err != nil {
		return nil, err
	}
	return azurepolicy.Files(out)
}

func newExportBundleCommand(s streams) *cobra.Command {
	var file string
	cmd := &cobra.Command{
		Use:   "bundle [-o FILE]",
		Short: "an OPA bundle (.tar.gz): the policies, the catalog and a .manifest",
		Long: "Write an OPA bundle: every policy module but the tests, the catalog and a .manifest (revision: this\n" +
			"version and the catalog's review date; roots: " + fmt.Sprint(bundle.Roots) + "). OPA agents load it with\n" +
			"`opa run --server --bundle FILE` or from a bundle service, and answer " + bundle.Query + "\n" +
			"for input {\"document\": ..., \"cluster\": ...} (docs/bundle.md).",
		Example: `  aksarc-opa export bundle -o aksarc-opa-bundle.tar.gz
  opa eval --bundle aksarc-opa-bundle.tar.gz --input input.json 'data.aksarc.evaluator.result'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ev, err := evaluator.New(cmd.Context())
			if err != nil {
				return failf(s, cmd, "%v", err)
			}
			var b bytes.Buffer
			if err := bundle.Write(&b, policies.FS, bundleInfo(ev)); err != nil {
				return failf(s, cmd, "%v", err)
			}
			if file == "-" {
				_, err = s.out.Write(b.Bytes())
			} else {
				err = writeFile(file, b.Bytes())
			}
			if err != nil {
				return failf(s, cmd, "%v", err)
			}
			if file != "-" {
				fmt.Fprintf(s.err, "wrote the OPA bundle %s (revision %s)\n", file, bundleInfo(ev).Revision)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&file, "output", "o", "aksarc-opa-bundle.tar.gz", "write the bundle to `FILE` (- for standard output)")
	_ = cmd.MarkFlagFilename("output", "tar.gz")
	return cmd
}

// bundleInfo is the bundle's manifest revision and metadata: the version of what wrote it and
// the catalog's review date, which decide every verdict.
func bundleInfo(ev *evaluator.Evaluator) bundle.Info {
	v := toolVersion(ev)
	return bundle.Info{Revision: fmt.Sprintf("%s catalog %s", v.Version, v.CatalogReviewed), Metadata: v}
}

// gatekeeperFiles generates deploy/gatekeeper from the embedded policies and catalog and, when a
// fixtures directory is given, the gator suites for suitesDir (whose tests name the templates
// under dir).
func gatekeeperFiles(ctx context.Context, dir, fixturesDir, suitesDir string) (files, suites map[string][]byte, err error) {
	ev, err := evaluator.New(ctx)
	if err != nil {
		return nil, nil, err
	}
	in := gatekeeper.Inputs{Evaluator: ev, Policies: policies.FS}
	areas, err := gatekeeper.Areas(in)
	if err != nil {
		return nil, nil, err
	}
	files, err = gatekeeper.Files(in, areas)
	if err != nil || fixturesDir == "" {
		return files, nil, err
	}
	// The fixture files that hold objects: what a walk of the directory judges (expected.yaml,
	// charts, kustomizations, hidden and other non-Kubernetes files are skipped).
	loaded, err := evaluator.LoadInputs([]string{fixturesDir}, nil, evaluator.LoadOptions{})
	if err != nil {
		return nil, nil, err
	}
	var inputs []string
	for _, d := range loaded.Documents {
		if !slices.Contains(inputs, d.Source.File) {
			inputs = append(inputs, d.Source.File)
		}
	}
	slices.Sort(inputs)
	templates, err := templatesFromSuites(dir, suitesDir)
	if err != nil {
		return nil, nil, err
	}
	suites, err = gatekeeper.Suites(in, areas, inputs, templates)
	return files, suites, err
}

// templatesFromSuites is the templates folder as a suite (suitesDir/<area>/suite.yaml) names it:
// a slash-separated path relative to the suite's folder.
func templatesFromSuites(dir, suitesDir string) (string, error) {
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	absSuites, err := filepath.Abs(suitesDir)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(filepath.Join(absSuites, "area"), filepath.Join(absDir, "templates"))
	if err != nil {
		return "", err
	}
	return filepath.ToSlash(rel), nil
}
