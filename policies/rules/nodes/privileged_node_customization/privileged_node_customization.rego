# METADATA
# title: Workload customizes agent nodes
# description: |
#   A workload (any kind that runs pods: Pod, Deployment, DaemonSet, StatefulSet, Job, CronJob,
#   ReplicaSet, ReplicationController, PodTemplate) outside the namespaces of Microsoft-managed
#   components (agentNodes.exemptNamespaces: kube-system, azure-arc, gatekeeper-system) can change
#   its nodes: a privileged container, init container or ephemeral container; a Windows
#   HostProcess pod or container; hostPID; SYS_ADMIN or ALL in securityContext.capabilities.add;
#   pod sysctls (spec.securityContext.sysctls); or a hostPath volume of a node system path
#   (agentNodes.systemPaths: the path itself, a path under it, or a directory containing it;
#   "/" and "C:\" only as themselves). One finding per object lists every reason. DaemonSets are
#   the supported way to customize nodes, but support does not troubleshoot nodes they break.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#user-customization-of-agent-nodes
#     description: User customization of agent nodes
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#shared-responsibility
#     description: Shared responsibility (node changes only through Kubernetes-native mechanisms such as DaemonSets)
# custom:
#   id: AKSARC-020
#   name: privileged-node-customization
#   severity: warn
#   section: User customization of agent nodes
#   input: object
#   requires: []
#   remediation: Keep node changes in DaemonSets you own and can troubleshoot, and drop every privilege the workload does not need (privileged, HostProcess, hostPID, SYS_ADMIN, sysctls, system hostPath mounts). If a node fails, remove the DaemonSet and redeploy the node before asking AKS Arc support, which does not diagnose nodes broken by custom DaemonSets.
package lib.aksarc.rules.nodes.privileged_node_customization

import data.lib.aksarc.k8s
import data.lib.aksarc.pods
import data.lib.aksarc.result
import data.lib.aksarc.workloads

violations(doc, ctx) := {f |
	spec := workloads.pod_spec(doc)
	agent_nodes := object.get(ctx.catalog, "agentNodes", {})
	not pods.exempt_namespace(doc, agent_nodes)
	reasons := _ordered(_reasons(spec, agent_nodes))
	count(reasons) > 0
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

_ref(doc) := sprintf("%s/%s", [k8s.namespace(doc), k8s.name(doc)]) if k8s.namespace(doc) != ""

_ref(doc) := sprintf("%s", [k8s.name(doc)]) if k8s.namespace(doc) == ""

_reasons(spec, agent_nodes) := ((((_privileged(spec) | _host_process(spec)) | _host_pid(spec)) | _capabilities(spec, agent_nodes)) | _sysctls(spec)) | _host_paths(spec, agent_nodes)

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

_capabilities(spec, agent_nodes) := {{"reason": "capability", "capability": cap, "container": pods.name(c), "containerType": c.type} |
	watched := {upper(x) | some x in _list(object.get(agent_nodes, ["capabilities", "nodeCustomization"], [])); is_string(x)}
	some c in workloads.containers(spec)
	some cap in pods.added_capabilities(c.container)
	cap in watched
}

_sysctls(spec) := {{"reason": "sysctls", "sysctls": names} |
	names := sort({s.name | some s in _list(object.get(spec, ["securityContext", "sysctls"], [])); is_string(s.name)})
	count(names) > 0
}

_host_paths(spec, agent_nodes) := {r |
	system := _system_paths(agent_nodes)
	some volume in _list(object.get(spec, "volumes", []))
	path := volume.hostPath.path
	is_string(path)
	parts := _parts(path)
	matched := sort({key | some key, entry in system; _covers(parts, entry)})
	count(matched) > 0
	volume_name := _string(object.get(volume, "name", ""))
	r := {
		"reason": "hostPath",
		"volume": volume_name,
		"path": path,
		"systemPaths": matched,
		"containers": sort({pods.name(c) |
			some c in workloads.containers(spec)
			some mount in _list(object.get(c.container, "volumeMounts", []))
			mount.name == volume_name
		}),
	}
}

# _system_paths maps each catalog system path (an entry that is an object) to its parts.
_system_paths(agent_nodes) := {key: parts |
	some key, entry in _object(object.get(agent_nodes, "systemPaths", {}))
	is_object(entry)
	parts := _parts(key)
}

# _parts splits an absolute path into comparable parts: ["/", "etc", "kubernetes"] for Linux,
# ["c:", "windows"] for Windows (lower case, either slash). Empty and "." parts are dropped.
# Undefined for relative paths and Windows device paths (\\.\pipe\...).
_parts(path) := array.concat(["/"], _segments(path)) if startswith(path, "/")

_parts(path) := _segments(replace(lower(path), "\\", "/")) if regex.match(`^[A-Za-z]:([\\/]|$)`, path)

_segments(path) := [s | some s in split(path, "/"); not s in {"", "."}]

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

_describe(r) := sprintf("sysctls %s", [concat(", ", r.sysctls)]) if r.reason == "sysctls"

_describe(r) := sprintf("hostPath %s (volume %s)", [r.path, r.volume]) if r.reason == "hostPath"

_list(x) := x if is_array(x)

_list(x) := [] if not is_array(x)

_object(x) := x if is_object(x)

_object(x) := {} if not is_object(x)

_string(x) := x if is_string(x)

_string(x) := "" if not is_string(x)
