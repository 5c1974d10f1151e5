# METADATA
# title: Kubernetes version skew policy broken
# description: |
#   The upstream version skew policy is broken: a kubelet or kube-proxy newer than the oldest
#   kube-apiserver or more than 3 minors (2 below 1.25) older than the newest; a kube-proxy more
#   than 3 minors from the kubelet on the same node; a kube-controller-manager, kube-scheduler or
#   cloud-controller-manager not the same minor as the apiservers or one older; HA apiservers
#   more than one minor apart. Snapshot nodes, node pools and Node objects (judged against the
#   ClusterSnapshot evaluated with them) all count.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#supported-version-policy
#     description: Supported version policy
#   - ref: https://kubernetes.io/releases/version-skew-policy/
#     description: Kubernetes version skew policy
# custom:
#   id: AKSARC-005
#   name: version-skew
#   severity: deny
#   section: Supported version policy
#   input: both
#   requires: ["spec.controlPlane.components | spec.nodes | spec.cluster.agentPoolProfiles"]
#   remediation: Finish the upgrade with the AKS Arc tools so that every control plane component and node pool runs a version the Kubernetes version skew policy allows; do not change component versions outside the AKS Arc API.
package lib.aksarc.rules.versions.version_skew

import data.lib.aksarc.k8s
import data.lib.aksarc.result
import data.lib.aksarc.snapshot
import data.lib.aksarc.versions

violations(doc, ctx) := {f |
	s := _subject(doc, ctx)
	some finding in _findings(doc, s)
	f := finding
}

# The facts to judge: from the snapshot itself, or for a Node object from the ClusterSnapshot
# evaluated with it (none: the Node is not judged).
_subject(doc, _) := _summary(_apiservers(doc), _snapshot_agents(doc), _controllers(doc), true) if {
	snapshot.is_snapshot(doc)
}

_subject(doc, ctx) := _summary(_apiservers(cluster), _node_object_agents(doc), [], false) if {
	doc.kind == "Node"
	k8s.api_group(doc) == ""
	cluster := object.get(ctx, "cluster", null)
	snapshot.is_snapshot(cluster)
}

_summary(servers, agents, controllers, ha) := {
	"servers": servers,
	"agents": agents,
	"controllers": controllers,
	"ha": ha,
	"oldest": oldest,
	"newest": newest,
	"oldest_text": min({s.v.text | some s in servers; versions.minor_ord(s.v) == oldest}),
	"newest_text": max({s.v.text | some s in servers; versions.minor_ord(s.v) == newest}),
} if {
	ords := {versions.minor_ord(s.v) | some s in servers}
	oldest := min(ords)
	newest := max(ords)
}

# kube-apiserver instances: the control plane components named kube-apiserver, else the
# cluster's Kubernetes version.
_apiservers(doc) := servers if {
	servers := [s |
		some c in object.get(doc, ["spec", "controlPlane", "components"], [])
		c.name == "kube-apiserver"
		s := {"label": _component_label(c), "v": versions.parse(c.version)}
	]
	count(servers) > 0
}

_apiservers(doc) := [{"label": "kube-apiserver", "v": versions.parse(doc.spec.cluster.kubernetesVersion)}] if {
	not _has_apiserver(doc)
}

_has_apiserver(doc) if {
	some c in object.get(doc, ["spec", "controlPlane", "components"], [])
	c.name == "kube-apiserver"
	versions.parse(c.version)
}

_component_label(c) := sprintf("%s (%s)", [c.name, c.instance]) if _has_instance(c)

_component_label(c) := c.name if not _has_instance(c)

_has_instance(c) if {
	is_string(c.instance)
	c.instance != ""
}

# Controllers: the upstream components the skew policy names. AKS Arc's own controllers
# (certificate-controller-manager, moc-cloud-controller-manager) carry their own versions.
_controllers(doc) := [c |
	some comp in object.get(doc, ["spec", "controlPlane", "components"], [])
	_is_controller(comp.name)
	c := {"name": comp.name, "label": _component_label(comp), "v": versions.parse(comp.version)}
]

_is_controller(name) if name in {"kube-controller-manager", "cloud-controller-manager", "kube-scheduler"}

# Agents: where kubelets and kube-proxies run. kubelet / kube-proxy are parsed versions or null.
_snapshot_agents(doc) := array.concat(
	[a |
		some i, n in object.get(doc, ["spec", "nodes"], [])
		a := {
			"source": "spec.nodes",
			"label": sprintf("node %s", [_name(n, i)]),
			"name": _name(n, i),
			"kubelet": _parsed(object.get(n, "kubeletVersion", null)),
			"kube-proxy": _parsed(object.get(n, "kubeProxyVersion", null)),
		}
	],
	[a |
		some i, p in object.get(doc, ["spec", "cluster", "agentPoolProfiles"], [])
		a := {
			"source": "spec.cluster.agentPoolProfiles",
			"label": sprintf("node pool %s", [_name(p, i)]),
			"name": _name(p, i),
			"kubelet": _parsed(object.get(p, "kubernetesVersion", null)),
			"kube-proxy": null,
		}
	],
)

_node_object_agents(node) := [{
	"source": "Node",
	"label": sprintf("node %s", [k8s.name(node)]),
	"name": k8s.name(node),
	"kubelet": _parsed(object.get(node, ["status", "nodeInfo", "kubeletVersion"], null)),
	"kube-proxy": _parsed(object.get(node, ["status", "nodeInfo", "kubeProxyVersion"], null)),
}]

_name(x, _) := x.name if is_string(x.name)

_name(x, i) := sprintf("#%d", [i]) if not is_string(object.get(x, "name", null))

_parsed(x) := v if v := versions.parse(x)

_parsed(x) := null if not versions.parse(x)

_findings(doc, s) := ((_agent_findings(doc, s) | _proxy_findings(doc, s)) | _controller_findings(doc, s)) | _ha_findings(doc, s)

# kubelet and kube-proxy against the apiservers: not newer than the oldest, at most 3 minors
# (2 below 1.25) older than the newest.
_agent_findings(doc, s) := {f |
	some a in s.agents
	some component in ["kubelet", "kube-proxy"]
	v := a[component]
	v != null
	ord := versions.minor_ord(v)
	lag := _max_lag(ord)
	low := s.newest - lag
	high := s.oldest
	problem := _agent_problem(ord, low, high, lag, s)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("%s of %s is %s, %s; %s (not newer than the oldest kube-apiserver, at most %d minors older than the newest)", [component, a.label, v.text, problem.text, _allowed(low, high, s), lag]),
		{
			"skew": sprintf("%s-apiserver", [component]),
			"reason": problem.reason,
			"component": component,
			"source": a.source,
			"name": a.name,
			"version": v.text,
			"apiserverOldest": s.oldest_text,
			"apiserverNewest": s.newest_text,
			"allowedMin": _minor_text(low),
			"allowedMax": _minor_text(high),
		},
	)
}

_max_lag(ord) := 2 if ord < 1025

_max_lag(ord) := 3 if ord >= 1025

_agent_problem(ord, _, high, _, s) := {
	"reason": "newerThanApiserver",
	"text": sprintf("newer than the oldest kube-apiserver (%s)", [s.oldest_text]),
} if {
	ord > high
}

_agent_problem(ord, low, high, lag, s) := {
	"reason": "olderThanAllowed",
	"text": sprintf("more than %d minors older than the newest kube-apiserver (%s)", [lag, s.newest_text]),
} if {
	ord <= high
	ord < low
}

# kube-proxy within 3 minors of the kubelet on the same node.
_proxy_findings(doc, s) := {f |
	some a in s.agents
	proxy := a["kube-proxy"]
	kubelet := a.kubelet
	proxy != null
	kubelet != null
	distance := versions.minor_distance(proxy, kubelet)
	abs(distance) > 3
	k := versions.minor_ord(kubelet)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("kube-proxy of %s is %s, %d minors %s than its kubelet (%s); allowed %s to %s (within 3 minors of the kubelet on the same node)", [a.label, proxy.text, abs(distance), _newer_older(distance), kubelet.text, _minor_text(k - 3), _minor_text(k + 3)]),
		{
			"skew": "kube-proxy-kubelet",
			"reason": "farFromKubelet",
			"component": "kube-proxy",
			"source": a.source,
			"name": a.name,
			"version": proxy.text,
			"kubeletVersion": kubelet.text,
			"allowedMin": _minor_text(k - 3),
			"allowedMax": _minor_text(k + 3),
		},
	)
}

_newer_older(distance) := "newer" if distance > 0

_newer_older(distance) := "older" if distance < 0

# Controllers and scheduler: not newer than the oldest apiserver, at most 1 minor older than
# the newest.
_controller_findings(doc, s) := {f |
	some c in s.controllers
	ord := versions.minor_ord(c.v)
	low := s.newest - 1
	high := s.oldest
	problem := _controller_problem(ord, low, high, s)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("%s is %s, %s; %s (the same minor as the kube-apiserver or one older)", [c.label, c.v.text, problem.text, _allowed(low, high, s)]),
		{
			"skew": "controller-apiserver",
			"reason": problem.reason,
			"component": c.name,
			"source": "spec.controlPlane.components",
			"name": c.label,
			"version": c.v.text,
			"apiserverOldest": s.oldest_text,
			"apiserverNewest": s.newest_text,
			"allowedMin": _minor_text(low),
			"allowedMax": _minor_text(high),
		},
	)
}

_controller_problem(ord, _, high, s) := {
	"reason": "newerThanApiserver",
	"text": sprintf("newer than the oldest kube-apiserver (%s)", [s.oldest_text]),
} if {
	ord > high
}

_controller_problem(ord, low, high, s) := {
	"reason": "olderThanAllowed",
	"text": sprintf("more than 1 minor older than the newest kube-apiserver (%s)", [s.newest_text]),
} if {
	ord <= high
	ord < low
}

# HA apiservers: each instance more than one minor older than the newest.
_ha_findings(doc, s) := {f |
	s.ha
	some server in s.servers
	ord := versions.minor_ord(server.v)
	s.newest - ord > 1
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("%s is %s, %d minors older than the newest kube-apiserver (%s); allowed %s to %s (HA kube-apiservers must be within 1 minor of each other)", [server.label, server.v.text, s.newest - ord, s.newest_text, _minor_text(s.newest - 1), _minor_text(s.newest)]),
		{
			"skew": "apiserver-apiserver",
			"reason": "apiserversTooFarApart",
			"component": "kube-apiserver",
			"source": "spec.controlPlane.components",
			"name": server.label,
			"version": server.v.text,
			"apiserverOldest": s.oldest_text,
			"apiserverNewest": s.newest_text,
			"allowedMin": _minor_text(s.newest - 1),
			"allowedMax": _minor_text(s.newest),
		},
	)
}

# _allowed describes the allowed range of minors; it is empty when the kube-apiservers
# themselves are too far apart.
_allowed(low, high, _) := sprintf("allowed %s to %s", [_minor_text(low), _minor_text(high)]) if low <= high

_allowed(low, high, s) := sprintf("no version is allowed while the kube-apiservers span %s to %s", [s.oldest_text, s.newest_text]) if low > high

# _minor_text turns a minor ordinal (versions.minor_ord) back into "1.30".
_minor_text(ord) := sprintf("%d.%d", [floor(ord / 1000), ord % 1000])
