# METADATA
# title: Workload customizes agent nodes
# description: |
#   A workload (any kind that runs pods: Pod, Deployment, DaemonSet, StatefulSet, Job, CronJob,
#   ReplicaSet, ReplicationController, PodTemplate) outside the namespaces of Microsoft-managed
#   components (agentNodes.exemptNamespaces: kube-system, azure-arc, gatekeeper-system) can change
#   its nodes: a privileged container, init container or ephemeral container; a Windows
#   HostProcess pod or container; hostPID; SYS_ADMIN or ALL in securityContext.capabilities.add;
#   an unsafe pod sysctl (a name in spec.securityContext.sysctls outside agentNodes.safeSysctls,
#   the kubelet's safe set, so the node's kubelet must allow-list it; a safe sysctl whose "since"
#   minor is newer than the cluster's counts as unsafe, the minor coming from the ClusterSnapshot
#   evaluated with the object, else the catalog's newest); or a hostPath volume of a node system path
#   (agentNodes.systemPaths: the path itself, a path under it, or a directory containing it;
#   "/" and "C:\" only as themselves). One finding per object lists every reason. DaemonSets are
#   the supported way to customize nodes, but support does not troubleshoot nodes they break.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#user-customization-of-agent-nodes
#     description: User customization of agent nodes
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#shared-responsibility
#     description: Shared responsibility (node changes only through Kubernetes-native mechanisms such as DaemonSets)
#   - ref: https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/#safe-and-unsafe-sysctls
#     description: Safe and unsafe sysctls (safe ones are enabled by default; unsafe ones must be allowed on the node's kubelet)
# custom:
#   id: AKSARC-020
#   name: privileged-node-customization
#   severity: warn
#   section: User customization of agent nodes
#   input: object
#   requires: []
#   remediation: Keep node changes in DaemonSets you own and can troubleshoot, and drop every privilege the workload does not need (privileged, HostProcess, hostPID, SYS_ADMIN, unsafe sysctls that need a kubelet allow-list, system hostPath mounts). If a node fails, remove the DaemonSet and redeploy the node before asking AKS Arc support, which does not diagnose nodes broken by custom DaemonSets.
package lib.aksarc.rules.nodes.privileged_node_customization

import data.lib.aksarc.index
import data.lib.aksarc.k8s
import data.lib.aksarc.pods
import data.lib.aksarc.result
import data.lib.aksarc.snapshot
import data.lib.aksarc.versions
import data.lib.aksarc.workloads

violations(doc, ctx) := {f |
	spec := workloads.pod_spec(doc)
	_candidate(spec)
	agent_nodes := object.get(ctx.catalog, "agentNodes", {})
	not pods.exempt_namespace(doc, agent_nodes)
	found := _reasons(spec, agent_nodes, ctx)
	count(found) > 0
	reasons := _ordered(found)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("%s %s customizes its agent nodes (%s): DaemonSets are the supported way to change nodes, but AKS Arc support will not troubleshoot or diagnose a node that such a workload makes unavailable; keep only the privileges it needs", [doc.kind, _ref(doc), concat("; ", [_describe(r) | some r in reasons])]),
		{
			"kind": doc.kind,
			"namespace": k8s.namespace(doc),
			"name": k8s.name(doc),
			"reasons": reasons,
		},
	)
}

# _candidate is true when a pod spec sets a field some reason reads: hostPID, the pod's
# HostProcess or sysctls, a hostPath volume, or a container's privileged, HostProcess or added
# capabilities. A pod that sets none of them (nearly every pod) is passed over with these tests.
_candidate(spec) if spec.hostPID == true

_candidate(spec) if spec.securityContext.windowsOptions.hostProcess == true

_candidate(spec) if count(spec.securityContext.sysctls) > 0

_candidate(spec) if {
	some volume in spec.volumes
	volume.hostPath
}

_candidate(spec) if {
	some c in workloads.containers(spec)
	_container_candidate(c.container.securityContext)
}

_container_candidate(sc) if sc.privileged == true

_container_candidate(sc) if sc.windowsOptions.hostProcess == true

_container_candidate(sc) if count(sc.capabilities.add) > 0

_ref(doc) := sprintf("%s/%s", [k8s.namespace(doc), k8s.name(doc)]) if k8s.namespace(doc) != ""

_ref(doc) := sprintf("%s", [k8s.name(doc)]) if k8s.namespace(doc) == ""

_reasons(spec, agent_nodes, ctx) := ((((_privileged(spec) | _host_process(spec)) | _host_pid(spec)) | _capabilities(spec, ctx)) | _sysctls(spec, agent_nodes, ctx)) | _host_paths(spec, ctx)

# _ordered lists reasons in a fixed order: by kind of reason, then container or volume.
_ordered(reasons) := [entry[3] | some entry in sort({[_rank[r.reason], object.get(r, "container", ""), object.get(r, "volume", ""), r] | some r in reasons})]

_rank := {"privileged": 1, "hostProcess": 2, "hostPID": 3, "capability": 4, "sysctls": 5, "hostPath": 6}

_privileged(spec) := {{"reason": "privileged", "container": pods.name(c), "containerType": c.type} |
	some c in workloads.containers(spec)
	c.container.securityContext.privileged == true
}

# Windows HostProcess containers run on the host with its network and filesystem: the Windows
# counterpart of a privileged container. Set for the pod or for one container.
_host_process(spec) := {r |
	spec.securityContext.windowsOptions.hostProcess == true
	r := {"reason": "hostProcess"}
} | {{"reason": "hostProcess", "container": pods.name(c), "containerType": c.type} |
	some c in workloads.containers(spec)
	c.container.securityContext.windowsOptions.hostProcess == true
}

_host_pid(spec) := {{"reason": "hostPID"} | spec.hostPID == true}

_capabilities(spec, ctx) := {{"reason": "capability", "capability": cap, "container": pods.name(c), "containerType": c.type} |
	some c in workloads.containers(spec)
	some cap in pods.added_capabilities(c.container)
	cap in index.lookup(ctx, "agentNodes", "nodeCustomizationCapabilities")
}

# Pod sysctls are namespaced. The kubelet's safe set (agentNodes.safeSysctls) is enabled by
# default and does not touch the node; any other sysctl only runs where the node's kubelet
# allow-lists it (--allowed-unsafe-sysctls): that is node customization. A safe sysctl whose
# "since" minor is newer than the cluster's is still unsafe there.
_sysctls(spec, agent_nodes, ctx) := {r |
	names := {s.name | some s in _list(object.get(spec, ["securityContext", "sysctls"], [])); is_string(s.name)}
	count(names) > 0 # the cluster's minor only for a pod that sets sysctls
	safe := _object(object.get(agent_nodes, "safeSysctls", {}))
	minor := _cluster_minor(ctx)
	unsafe := sort({n | some n in names; not _safe(n, safe, minor)})
	count(unsafe) > 0
	too_new := {n: safe[_canonical(n)].since | some n in unsafe; _listed(n, safe)}
	r := object.union({"reason": "sysctls", "sysctls": unsafe}, _too_new_details(too_new, minor))
}

_listed(name, safe) if is_object(safe[_canonical(name)])

_safe(name, safe, minor) if {
	_listed(name, safe)
	not _newer_than_cluster(safe[_canonical(name)], minor)
}

_newer_than_cluster(e, minor) if versions.key_ord(e.since) > versions.minor_ord(minor.v)

# _canonical writes a sysctl name with dots: "kernel/shm_rmid_forced" is "kernel.shm_rmid_forced"
# (sysctl.d(5): when the first separator is a slash, slashes and dots swap).
_canonical(name) := name if not regex.match(`^[^./]*/`, name)

_canonical(name) := concat(".", [replace(part, ".", "/") | some part in split(name, "/")]) if regex.match(`^[^./]*/`, name)

# The cluster's minor (lib.aksarc.snapshot.cluster_minor): the ClusterSnapshot's version, else
# the catalog's newest minor (assumed). Without either, every listed safe sysctl counts as safe.
_cluster_minor(ctx) := m if {
	m := snapshot.cluster_minor(ctx)
} else := {"v": null, "key": null, "assumed": true}

_too_new_details(too_new, _) := {} if count(too_new) == 0

_too_new_details(too_new, minor) := {"safeFrom": too_new, "clusterMinor": minor.key, "clusterMinorAssumed": minor.assumed} if {
	count(too_new) > 0
}

# The system paths come split into parts from the catalog's index (lib.aksarc.index.path_parts:
# ["/", "etc", "kubernetes"] for Linux, ["c:", "windows"] for Windows, lower case, either slash;
# undefined for relative paths and Windows device paths such as \\.\pipe\...).
_host_paths(spec, ctx) := {r |
	some volume in _list(object.get(spec, "volumes", []))
	path := volume.hostPath.path
	is_string(path)
	parts := index.path_parts(path)
	matched := sort({key | some key, entry in index.lookup(ctx, "agentNodes", "systemPaths"); _covers(parts, entry)})
	count(matched) > 0
	mounted_by := _mounted_by(spec)
	volume_name := _string(object.get(volume, "name", ""))
	r := {
		"reason": "hostPath",
		"volume": volume_name,
		"path": path,
		"systemPaths": matched,
		"containers": sort(object.keys(object.get(mounted_by, volume_name, {}))),
	}
}

# _mounted_by maps each volume name to the containers that mount it ({volume: {container: true}}),
# built in one pass over the containers' volumeMounts.
_mounted_by(spec) := object.union_n([{mount.name: {pods.name(c): true}} |
	some c in workloads.containers(spec)
	some mount in _list(object.get(c.container, "volumeMounts", []))
	is_string(mount.name)
])

# A hostPath covers a system path when it is the path, lies under it (not for a root: every
# path lies under "/"), or contains it (a directory above it).
_covers(parts, system) if parts == system

_covers(parts, system) if {
	count(system) > 1
	count(parts) > count(system)
	array.slice(parts, 0, count(system)) == system
}

_covers(parts, system) if {
	count(parts) < count(system)
	array.slice(system, 0, count(parts)) == parts
}

_describe(r) := sprintf("privileged %s %s", [r.containerType, r.container]) if r.reason == "privileged"

_describe(r) := sprintf("Windows HostProcess %s %s", [r.containerType, r.container]) if {
	r.reason == "hostProcess"
	r.container
}

_describe(r) := "Windows HostProcess pod" if {
	r.reason == "hostProcess"
	not r.container
}

_describe(r) := "hostPID" if r.reason == "hostPID"

_describe(r) := sprintf("%s added to %s %s", [r.capability, r.containerType, r.container]) if r.reason == "capability"

_describe(r) := sprintf("unsafe sysctls %s, which the node's kubelet must allow-list%s", [concat(", ", r.sysctls), _safe_from_text(r)]) if {
	r.reason == "sysctls"
}

_safe_from_text(r) := "" if not r.safeFrom

_safe_from_text(r) := sprintf(" (%s; the cluster runs Kubernetes %s%s)", [
	concat(", ", [sprintf("%s is safe only from Kubernetes %s", [n, r.safeFrom[n]]) | some n in sort(object.keys(r.safeFrom))]),
	r.clusterMinor,
	_assumed_text(r.clusterMinorAssumed),
]) if r.safeFrom

_assumed_text(true) := ", assumed: the newest minor in the catalog"

_assumed_text(false) := ""

_describe(r) := sprintf("hostPath %s (volume %s)", [r.path, r.volume]) if r.reason == "hostPath"

_list(x) := x if is_array(x)

_list(x) := [] if not is_array(x)

_object(x) := x if is_object(x)

_object(x) := {} if not is_object(x)

_string(x) := x if is_string(x)

_string(x) := "" if not is_string(x)
