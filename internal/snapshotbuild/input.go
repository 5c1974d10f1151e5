package snapshotbuild

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// Kind is one command whose JSON output the builder reads.
type Kind int

// The commands, in the order the CLI lists their flags.
const (
	AzShow       Kind = iota // az aksarc show -o json
	NodePools                // az aksarc nodepool list -o json
	ConnectedK8s             // az connectedk8s show -o json
	Account                  // az account show -o json
	Nodes                    // kubectl get nodes -o json
	Version                  // kubectl version -o json
	numKinds
)

// kindInfo says what flag gives a command's output and what the output gives the snapshot.
var kindInfo = [numKinds]struct {
	flag, command, gives string
}{
	AzShow:       {"--az-show", "az aksarc show", "spec.cluster (kubernetesVersion, provisioningState, networkProfile, cloudProviderProfile, agentPoolProfiles)"},
	NodePools:    {"--nodepools", "az aksarc nodepool list", "spec.cluster.agentPoolProfiles"},
	ConnectedK8s: {"--connectedk8s", "az connectedk8s show", "spec.connectivity"},
	Account:      {"--account", "az account show", "spec.subscription"},
	Nodes:        {"--nodes", "kubectl get nodes", "spec.nodes"},
	Version:      {"--version", "kubectl version", "spec.controlPlane.components"},
}

// Flag is the CLI flag that gives the command's output (--az-show, ...).
func (k Kind) Flag() string { return kindInfo[k].flag }

// Command is the command whose JSON output the input is (az aksarc show, ...).
func (k Kind) Command() string { return kindInfo[k].command }

// Gives names the snapshot fields the command's output fills.
func (k Kind) Gives() string { return kindInfo[k].gives }

// Kinds lists every input kind.
func Kinds() []Kind {
	out := make([]Kind, numKinds)
	for i := range out {
		out[i] = Kind(i)
	}
	return out
}

// Input is the JSON output of one command: Name is the file it came from ("-" for standard
// input), used in errors and in the snapshot's header comment.
type Input struct {
	Name string
	Data []byte
}

// InputError is an input that cannot be read as the output of its command: it names the flag,
// the file and what is wrong.
type InputError struct {
	Kind    Kind
	File    string
	Problem string
}

func (e *InputError) Error() string {
	return fmt.Sprintf("%s %s: %s", e.Kind.Flag(), displayName(e.File), e.Problem)
}

func displayName(file string) string {
	if file == "-" {
		return "(standard input)"
	}
	return file
}

// baseName is how the snapshot's header comment names an input: the file name without its
// directory, so that the comment does not depend on where the command ran.
func baseName(file string) string {
	if file == "-" {
		return "standard input"
	}
	return filepath.Base(file)
}

func (in *Input) fail(k Kind, format string, args ...any) *InputError {
	return &InputError{Kind: k, File: in.Name, Problem: fmt.Sprintf(format, args...)}
}

// decode reads the input as one JSON value, numbers kept exact.
func (in *Input) decode(k Kind) (any, error) {
	data := bytes.TrimPrefix(in.Data, []byte("\ufeff")) // PowerShell writes UTF-8 with a byte order mark
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, in.fail(k, "empty: expected the JSON output of `%s -o json`", k.Command())
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, in.fail(k, "not JSON (expected the output of `%s -o json`): %s", k.Command(), jsonProblem(data, err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, in.fail(k, "more than one JSON value (expected the output of one `%s -o json`)", k.Command())
	}
	return v, nil
}

// jsonProblem words a JSON error with the line it happened on.
func jsonProblem(data []byte, err error) string {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		line := 1 + bytes.Count(data[:min(int(syn.Offset), len(data))], []byte("\n"))
		return fmt.Sprintf("line %d: %v", line, syn)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "the JSON ends early (a truncated file?)"
	}
	return err.Error()
}

// describeJSON names the JSON type of a value, for errors.
func describeJSON(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return fmt.Sprintf("a string (%q)", truncate(x, 40))
	case bool:
		return "a boolean"
	case json.Number:
		return "a number"
	}
	return fmt.Sprintf("%T", v)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// kubernetesObject returns "a Kubernetes Deployment (apps/v1)" when obj is one.
func kubernetesObject(obj map[string]any) (string, bool) {
	apiVersion, _ := obj["apiVersion"].(string)
	kind, _ := obj["kind"].(string)
	if apiVersion == "" || kind == "" {
		return "", false
	}
	return fmt.Sprintf("a Kubernetes %s (%s)", kind, apiVersion), true
}

// knownTypes are ARM resource types people may give to the wrong flag, with the flag they belong to.
var knownTypes = map[string]Kind{
	"microsoft.hybridcontainerservice/provisionedclusterinstances":            AzShow,
	"microsoft.hybridcontainerservice/provisionedclusterinstances/agentpools": NodePools,
	"microsoft.kubernetes/connectedclusters":                                  ConnectedK8s,
}

// object checks that v is a JSON object that is not a Kubernetes object, and that its ARM type
// (when it has one) is want.
func (in *Input) object(k Kind, v any, wantType string) (map[string]any, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		hint := ""
		if arr, isArray := v.([]any); isArray && k == Account {
			hint = " (the output of `az account list`? give `az account show -o json`)"
		} else if isArray && len(arr) > 0 {
			hint = " (a list? give the output of `" + k.Command() + " -o json` for one cluster)"
		}
		return nil, in.fail(k, "expected a JSON object (the output of `%s -o json`), found %s%s", k.Command(), describeJSON(v), hint)
	}
	if what, isK8s := kubernetesObject(obj); isK8s {
		return nil, in.fail(k, "this is %s, not the output of `%s -o json`", what, k.Command())
	}
	if t, present := obj["type"]; present && wantType != "" {
		s, _ := t.(string)
		if !strings.EqualFold(s, wantType) {
			return nil, in.fail(k, "type is %s, not %s: not the output of `%s -o json`%s", quoteValue(t), wantType, k.Command(), wrongFlagHint(s))
		}
	}
	return obj, nil
}

func wrongFlagHint(armType string) string {
	if other, ok := knownTypes[strings.ToLower(armType)]; ok {
		return fmt.Sprintf(" (it is the output of `%s`: give it with %s)", other.Command(), other.Flag())
	}
	return ""
}

func quoteValue(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return describeJSON(v)
}
