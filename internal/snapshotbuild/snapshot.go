package snapshotbuild

// The snapshot as written: field order and names follow the schema
// (evaluator/schema/clustersnapshot.v1alpha1.json); empty fields are left out.

type snapshot struct {
	APIVersion string   `yaml:"apiVersion"`
	Kind       string   `yaml:"kind"`
	Metadata   metadata `yaml:"metadata"`
	Spec       spec     `yaml:"spec"`
}

type metadata struct {
	Name string `yaml:"name"`
}

type spec struct {
	Platform     string        `yaml:"platform,omitempty"`
	CapturedAt   string        `yaml:"capturedAt,omitempty"`
	Host         *host         `yaml:"host,omitempty"`
	Cluster      cluster       `yaml:"cluster"`
	ControlPlane *controlPlane `yaml:"controlPlane,omitempty"`
	Nodes        []node        `yaml:"nodes,omitempty"`
	Connectivity *connectivity `yaml:"connectivity,omitempty"`
	Subscription *subscription `yaml:"subscription,omitempty"`
}

type host struct {
	OS                string `yaml:"os,omitempty"`
	AzureLocalRelease string `yaml:"azureLocalRelease,omitempty"`
}

type cluster struct {
	KubernetesVersion    string                `yaml:"kubernetesVersion"`
	ProvisioningState    string                `yaml:"provisioningState,omitempty"`
	NetworkProfile       *networkProfile       `yaml:"networkProfile,omitempty"`
	CloudProviderProfile *cloudProviderProfile `yaml:"cloudProviderProfile,omitempty"`
	AgentPoolProfiles    []pool                `yaml:"agentPoolProfiles,omitempty"`
}

type networkProfile struct {
	NetworkPolicy       string               `yaml:"networkPolicy,omitempty"`
	PodCidr             string               `yaml:"podCidr,omitempty"`
	LoadBalancerProfile *loadBalancerProfile `yaml:"loadBalancerProfile,omitempty"`
}

type loadBalancerProfile struct {
	Count *int64 `yaml:"count,omitempty"`
}

type cloudProviderProfile struct {
	InfraNetworkProfile *infraNetworkProfile `yaml:"infraNetworkProfile,omitempty"`
}

type infraNetworkProfile struct {
	VnetSubnetIDs []string `yaml:"vnetSubnetIds,omitempty"`
}

type pool struct {
	Name              string            `yaml:"name"`
	Count             *int64            `yaml:"count,omitempty"`
	VMSize            string            `yaml:"vmSize,omitempty"`
	OSType            string            `yaml:"osType,omitempty"`
	OSSKU             string            `yaml:"osSKU,omitempty"`
	KubernetesVersion string            `yaml:"kubernetesVersion,omitempty"`
	NodeImageVersion  string            `yaml:"nodeImageVersion,omitempty"`
	NodeLabels        map[string]string `yaml:"nodeLabels,omitempty"`
	NodeTaints        []string          `yaml:"nodeTaints,omitempty"`
	EnableAutoScaling *bool             `yaml:"enableAutoScaling,omitempty"`
	MinCount          *int64            `yaml:"minCount,omitempty"`
	MaxCount          *int64            `yaml:"maxCount,omitempty"`
	MaxPods           *int64            `yaml:"maxPods,omitempty"`
}

// fillFrom sets the fields p lacks from o, a description of the same pool.
func (p *pool) fillFrom(o pool) {
	fill(&p.Count, o.Count)
	fillString(&p.VMSize, o.VMSize)
	fillString(&p.OSType, o.OSType)
	fillString(&p.OSSKU, o.OSSKU)
	fillString(&p.KubernetesVersion, o.KubernetesVersion)
	fillString(&p.NodeImageVersion, o.NodeImageVersion)
	if p.NodeLabels == nil {
		p.NodeLabels = o.NodeLabels
	}
	if p.NodeTaints == nil {
		p.NodeTaints = o.NodeTaints
	}
	fill(&p.EnableAutoScaling, o.EnableAutoScaling)
	fill(&p.MinCount, o.MinCount)
	fill(&p.MaxCount, o.MaxCount)
	fill(&p.MaxPods, o.MaxPods)
}

func fill[T any](dst **T, src *T) {
	if *dst == nil {
		*dst = src
	}
}

func fillString(dst *string, src string) {
	if *dst == "" {
		*dst = src
	}
}

type controlPlane struct {
	Components []component `yaml:"components"`
}

type component struct {
	Name    string `yaml:"name"`
	Version string `yaml:"version"`
}

type node struct {
	Name             string  `yaml:"name"`
	NodePool         string  `yaml:"nodePool,omitempty"`
	ProviderID       string  `yaml:"providerID,omitempty"`
	KubeletVersion   *string `yaml:"kubeletVersion,omitempty"`
	KubeProxyVersion *string `yaml:"kubeProxyVersion,omitempty"`
	OSImage          string  `yaml:"osImage,omitempty"`
}

type connectivity struct {
	ConnectivityStatus   string `yaml:"connectivityStatus,omitempty"`
	LastConnectivityTime string `yaml:"lastConnectivityTime,omitempty"`
}

type subscription struct {
	ID    string `yaml:"id,omitempty"`
	State string `yaml:"state,omitempty"`
}
