// Package snapshotbuild builds a ClusterSnapshot (support.aksarc.io/v1alpha1) from the JSON that
// az and kubectl print: az aksarc show, az aksarc nodepool list, az connectedk8s show,
// az account show, kubectl get nodes and kubectl version, each optional. Fields that no input
// gives are left out, never guessed; the result is checked against the snapshot schema before it
// is returned, so that `aksarc-opa check` always accepts it. docs/snapshot.md, "Building a
// snapshot", maps every field to its source.
package snapshotbuild

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
	yaml "go.yaml.in/yaml/v3"
)

// Inputs are the command outputs, indexed by Kind; nil means not given.
type Inputs [numKinds]*Input

// Options are what no command output says: the snapshot's name and time, and the host.
type Options struct {
	// Name is metadata.name; empty: the cluster's name from az aksarc show or az connectedk8s show.
	Name string
	// Platform (WindowsServer or AzureLocal) wins over what the inputs suggest; empty: inferred
	// from the inputs, else left out.
	Platform string
	// HostOS is spec.host.os (Windows Server hosts: product and edition).
	HostOS string
	// AzureLocalRelease is spec.host.azureLocalRelease (YYMM).
	AzureLocalRelease string
	// CapturedAt is spec.capturedAt: when the outputs were taken.
	CapturedAt time.Time
}

// Result is a built snapshot.
type Result struct {
	// YAML is the snapshot document, with a header comment naming its inputs and what is missing.
	YAML []byte
	// Name is the snapshot's metadata.name.
	Name string
	// Notes say which inputs were not given, which facts no input gives, and which values were
	// left out and why; one sentence each.
	Notes []string
}

// The values the schema allows (evaluator/schema/clustersnapshot.v1alpha1.json).
var (
	provisioningStates  = []string{"Accepted", "Canceled", "Creating", "Deleting", "Failed", "Pending", "Succeeded", "Updating", "Upgrading"}
	connectivityStates  = []string{"Connecting", "Connected", "Offline", "Expired"}
	subscriptionStates  = []string{"Enabled", "Warned", "PastDue", "Disabled", "Expired", "Deleted"}
	osTypes             = []string{"Linux", "Windows"}
	versionPattern      = regexp.MustCompile(`^v?[0-9]+\.[0-9]+(\.[0-9]+)?([-+].+)?$`)
	releasePattern      = regexp.MustCompile(`^[0-9]{4}(\.[0-9]+)*$`)
	connectedClusterSeg = regexp.MustCompile(`(?i)/providers/microsoft\.kubernetes/connectedclusters/([^/]+)`)
	subscriptionSeg     = regexp.MustCompile(`(?i)^/subscriptions/([^/]+)`)
)

const (
	platformWindowsServer = "WindowsServer"
	platformAzureLocal    = "AzureLocal"
)

// Build reads the inputs and returns the snapshot. An input that is not the output of its
// command is an *InputError; options that cannot be used, and inputs about different clusters,
// are errors too.
func Build(in Inputs, opts Options) (*Result, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	b := &builder{in: in, opts: opts}
	facts, err := b.read()
	if err != nil {
		return nil, err
	}
	snap, err := b.assemble(facts)
	if err != nil {
		return nil, err
	}
	out, err := b.render(snap)
	if err != nil {
		return nil, err
	}
	return &Result{YAML: out, Name: snap.Metadata.Name, Notes: b.notes}, nil
}

func (o *Options) check() error {
	o.Name = strings.TrimSpace(o.Name)
	o.HostOS = strings.TrimSpace(o.HostOS)
	o.AzureLocalRelease = strings.TrimSpace(o.AzureLocalRelease)
	if o.Platform != "" && !slices.Contains(evaluator.Platforms, o.Platform) {
		return fmt.Errorf("--platform %q: expected one of %s", o.Platform, strings.Join(evaluator.Platforms, ", "))
	}
	if o.AzureLocalRelease != "" && !releasePattern.MatchString(o.AzureLocalRelease) {
		return fmt.Errorf("--azure-local-release %q: expected a release as YYMM, e.g. 2510 (optionally with a build: 2510.1)", o.AzureLocalRelease)
	}
	if o.CapturedAt.IsZero() {
		return fmt.Errorf("no capture time: give --captured-at")
	}
	return nil
}

type builder struct {
	in    Inputs
	opts  Options
	notes []string
}

func (b *builder) note(format string, args ...any) {
	b.notes = append(b.notes, fmt.Sprintf(format, args...))
}

// facts are what the inputs say, each part nil when its input was not given.
type facts struct {
	show        *showFacts
	pools       []pool // az aksarc nodepool list
	poolsGiven  bool
	connected   *connectedFacts
	account     *accountFacts
	nodes       []node
	nodesGiven  bool
	serverVer   string
	serverGiven bool
}

func (b *builder) read() (*facts, error) {
	f := &facts{}
	for _, k := range Kinds() {
		in := b.in[k]
		if in == nil {
			continue
		}
		v, err := in.decode(k)
		if err != nil {
			return nil, err
		}
		r := &reader{b: b, kind: k, in: in}
		switch k {
		case AzShow:
			f.show, err = r.show(v)
		case NodePools:
			f.pools, err = r.nodePools(v)
			f.poolsGiven = true
		case ConnectedK8s:
			f.connected, err = r.connectedK8s(v)
		case Account:
			f.account, err = r.account(v)
		case Nodes:
			f.nodes, err = r.nodes(v)
			f.nodesGiven = true
		case Version:
			f.serverVer, err = r.version(v)
			f.serverGiven = true
		}
		if err != nil {
			return nil, err
		}
	}
	return f, nil
}

// assemble puts the facts together: the name, the version and the platform from whichever
// input has them, everything else from its one source.
func (b *builder) assemble(f *facts) (*snapshot, error) {
	s := &snapshot{APIVersion: "support.aksarc.io/v1alpha1", Kind: "ClusterSnapshot"}

	name, err := b.name(f)
	if err != nil {
		return nil, err
	}
	s.Metadata.Name = name

	s.Spec.Cluster.KubernetesVersion, err = b.kubernetesVersion(f)
	if err != nil {
		return nil, err
	}
	s.Spec.Platform, err = b.platform(f)
	if err != nil {
		return nil, err
	}
	s.Spec.CapturedAt = b.opts.CapturedAt.UTC().Format(time.RFC3339)
	if b.opts.HostOS != "" || b.opts.AzureLocalRelease != "" {
		s.Spec.Host = &host{OS: b.opts.HostOS, AzureLocalRelease: b.opts.AzureLocalRelease}
	}

	if sh := f.show; sh != nil {
		s.Spec.Cluster.ProvisioningState = sh.provisioningState
		s.Spec.Cluster.NetworkProfile = sh.network
		if len(sh.vnetSubnetIDs) > 0 {
			s.Spec.Cluster.CloudProviderProfile = &cloudProviderProfile{InfraNetworkProfile: &infraNetworkProfile{VnetSubnetIDs: sh.vnetSubnetIDs}}
		}
	}
	s.Spec.Cluster.AgentPoolProfiles = b.pools(f)

	if f.serverVer != "" {
		// kubectl version gives the version of the apiserver that answered; no input names the
		// instance or the other control plane components.
		s.Spec.ControlPlane = &controlPlane{Components: []component{{Name: "kube-apiserver", Version: f.serverVer}}}
	}
	s.Spec.Nodes = f.nodes
	if c := f.connected; c != nil && (c.status != "" || c.lastConnectivityTime != "") {
		s.Spec.Connectivity = &connectivity{ConnectivityStatus: c.status, LastConnectivityTime: c.lastConnectivityTime}
	}
	if a := f.account; a != nil {
		// Another subscription's state is no fact about this cluster: refuse, as for two names.
		if f.show != nil && f.show.subscriptionID != "" && !strings.EqualFold(f.show.subscriptionID, a.id) {
			return nil, fmt.Errorf("%s %s is subscription %s but the cluster of %s %s is in subscription %s: give the output of `az account show --subscription %s`",
				Account.Flag(), displayName(b.in[Account].Name), a.id, AzShow.Flag(), displayName(b.in[AzShow].Name), f.show.subscriptionID, f.show.subscriptionID)
		}
		s.Spec.Subscription = &subscription{ID: a.id, State: a.state}
	}
	b.noteMissing(f)
	return s, nil
}

// name is --name, else the cluster's name in az aksarc show or az connectedk8s show, which must
// agree: outputs of two clusters do not make one snapshot.
func (b *builder) name(f *facts) (string, error) {
	var fromShow, fromConnected string
	if f.show != nil {
		fromShow = f.show.clusterName
	}
	if f.connected != nil {
		fromConnected = f.connected.name
	}
	if fromShow != "" && fromConnected != "" && !strings.EqualFold(fromShow, fromConnected) {
		return "", fmt.Errorf("%s %s is cluster %q but %s %s is cluster %q: give the outputs of one cluster",
			AzShow.Flag(), displayName(b.in[AzShow].Name), fromShow, ConnectedK8s.Flag(), displayName(b.in[ConnectedK8s].Name), fromConnected)
	}
	switch {
	case b.opts.Name != "":
		return b.opts.Name, nil
	case fromShow != "":
		return fromShow, nil
	case fromConnected != "":
		return fromConnected, nil
	}
	return "", fmt.Errorf("no cluster name: give --name, or %s or %s (they name the cluster)", AzShow.Flag(), ConnectedK8s.Flag())
}

// kubernetesVersion is the cluster's version from az aksarc show; without it, the version
// az connectedk8s show or the apiserver (kubectl version) reports.
func (b *builder) kubernetesVersion(f *facts) (string, error) {
	if f.show != nil && f.show.kubernetesVersion != "" {
		return f.show.kubernetesVersion, nil
	}
	if f.connected != nil && f.connected.kubernetesVersion != "" {
		b.note("spec.cluster.kubernetesVersion is the version %s reports (%s), as %s does not give one", ConnectedK8s.Command(), f.connected.kubernetesVersion, AzShow.Flag())
		return f.connected.kubernetesVersion, nil
	}
	if f.serverVer != "" {
		b.note("spec.cluster.kubernetesVersion is the apiserver's version from %s (%s), as neither %s nor %s gives one", Version.Command(), f.serverVer, AzShow.Flag(), ConnectedK8s.Flag())
		return f.serverVer, nil
	}
	return "", fmt.Errorf("no Kubernetes version: give %s (properties.kubernetesVersion), or %s or %s", AzShow.Flag(), ConnectedK8s.Flag(), Version.Flag())
}

type evidence struct{ platform, reason string }

// platform is --platform when given; else what the inputs show (AzureLocal: the connected
// cluster's infrastructure is azure_stack_hci, the cluster is on an Azure Local logical network,
// or an Azure Local release is given; WindowsServer: a Windows Server host OS is given); else
// nothing, and check judges the snapshot for its own --platform.
func (b *builder) platform(f *facts) (string, error) {
	var ev []evidence
	if f.connected != nil && strings.EqualFold(f.connected.infrastructure, "azure_stack_hci") {
		ev = append(ev, evidence{platformAzureLocal, fmt.Sprintf("%s (infrastructure azure_stack_hci)", ConnectedK8s.Flag())})
	}
	if f.show != nil {
		for _, id := range f.show.vnetSubnetIDs {
			if strings.Contains(strings.ToLower(id), "/providers/microsoft.azurestackhci/logicalnetworks/") {
				ev = append(ev, evidence{platformAzureLocal, fmt.Sprintf("%s (an Azure Local logical network)", AzShow.Flag())})
				break
			}
		}
	}
	if b.opts.AzureLocalRelease != "" {
		ev = append(ev, evidence{platformAzureLocal, "--azure-local-release"})
	}
	if os := strings.ToLower(b.opts.HostOS); os != "" {
		switch {
		case strings.Contains(os, "windows server"):
			ev = append(ev, evidence{platformWindowsServer, fmt.Sprintf("--host-os %q", b.opts.HostOS)})
		case strings.Contains(os, "azure local"), strings.Contains(os, "azure stack hci"):
			ev = append(ev, evidence{platformAzureLocal, fmt.Sprintf("--host-os %q", b.opts.HostOS)})
		}
	}
	if b.opts.Platform != "" {
		for _, e := range ev {
			if e.platform != b.opts.Platform {
				b.note("spec.platform is %s as --platform says, although %s suggests %s", b.opts.Platform, e.reason, e.platform)
			}
		}
		return b.opts.Platform, nil
	}
	by := map[string][]string{}
	for _, e := range ev {
		by[e.platform] = append(by[e.platform], e.reason)
	}
	switch len(by) {
	case 0:
		b.note("spec.platform is left out: no input tells the platform (check then judges the snapshot for its --platform, default WindowsServer); give --platform")
		return "", nil
	case 1:
		return ev[0].platform, nil
	}
	return "", fmt.Errorf("the inputs disagree on the platform: %s suggest AzureLocal, %s suggest WindowsServer; give --platform",
		strings.Join(by[platformAzureLocal], " and "), strings.Join(by[platformWindowsServer], " and "))
}

// pools are the node pools of az aksarc nodepool list, completed with what az aksarc show says
// about a pool of the same name; without the list, the pools of az aksarc show.
func (b *builder) pools(f *facts) []pool {
	var fromShow []pool
	if f.show != nil {
		fromShow = f.show.pools
	}
	if !f.poolsGiven {
		return fromShow
	}
	out := slices.Clone(f.pools)
	for i := range out {
		for _, sp := range fromShow {
			if sp.Name == out[i].Name {
				out[i].fillFrom(sp)
			}
		}
	}
	return out
}

// noteMissing says which inputs were not given and which facts no input gives.
func (b *builder) noteMissing(f *facts) {
	for _, k := range Kinds() {
		if b.in[k] != nil {
			continue
		}
		if k == NodePools && f.show != nil && len(f.show.pools) > 0 {
			b.note("not given: %s (`%s -o json`): spec.cluster.agentPoolProfiles come from %s only (no pools added later, no node images)", k.Flag(), k.Command(), AzShow.Flag())
			continue
		}
		b.note("not given: %s (`%s -o json`): %s left out", k.Flag(), k.Command(), k.Gives())
	}
	if b.opts.HostOS == "" && b.opts.AzureLocalRelease == "" {
		b.note("not given: --host-os or --azure-local-release: spec.host left out")
	}
	missing := []string{"spec.cluster.power", "spec.cluster.release", "spec.features"}
	if f.account != nil {
		missing = append(missing, "spec.subscription.stateChangedAt")
	}
	b.note("no input gives %s: add them by hand when known", strings.Join(missing, ", "))
}

// render writes the snapshot as YAML after a header comment, and proves that the evaluator
// accepts it, as `check` will read it.
func (b *builder) render(s *snapshot) ([]byte, error) {
	var body bytes.Buffer
	enc := yaml.NewEncoder(&body)
	enc.SetIndent(2)
	if err := enc.Encode(s); err != nil {
		return nil, fmt.Errorf("internal error: cannot write the snapshot: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("internal error: cannot write the snapshot: %w", err)
	}
	var out bytes.Buffer
	out.WriteString("# ClusterSnapshot built by `aksarc-opa snapshot` from:\n")
	for _, k := range Kinds() {
		if in := b.in[k]; in != nil {
			fmt.Fprintf(&out, "#   %-24s %s\n", k.Command(), printable(baseName(in.Name)))
		}
	}
	for _, n := range b.notes {
		writeComment(&out, n)
	}
	out.Write(body.Bytes())
	// Read back exactly what will be written, as check reads it.
	docs, err := evaluator.Decode("snapshot", bytes.NewReader(out.Bytes()))
	if err != nil {
		return nil, fmt.Errorf("internal error: the snapshot built does not fit the schema: %w", err)
	}
	if len(docs) != 1 || !docs[0].IsClusterSnapshot() {
		return nil, fmt.Errorf("internal error: the snapshot built is not one ClusterSnapshot")
	}
	return out.Bytes(), nil
}

// writeComment writes a note as "# - ..." lines of at most about 100 characters.
func writeComment(w *bytes.Buffer, note string) {
	const width = 100
	line := "# -"
	for _, word := range strings.Fields(printable(note)) {
		if len(line)+1+len(word) > width && len(line) > 3 {
			w.WriteString(line + "\n")
			line = "#  "
		}
		line += " " + word
	}
	w.WriteString(line + "\n")
}

// printable replaces what would end a comment line (a newline in a file name) or not show.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsPrint(r) {
			return r
		}
		return '?'
	}, s)
}
