# METADATA
# description: |
#   The pod template of a workload object, wherever its kind keeps it, and its containers. Object
#   rules about what pods do on nodes (privileges, host namespaces, mounts, images, arguments)
#   read pods only through these functions, so that every workload kind is judged alike.
package lib.aksarc.workloads

import data.lib.aksarc.k8s

# _template_path is where objects of a kind (of the core, apps and batch groups) carry their pod
# template's spec; undefined for other kinds. The table is a literal in the function, not a rule:
# OPA evaluates a rule again in every query (one per document), a literal costs nothing.
_template_path(kind) := {
	"Pod": ["spec"],
	"PodTemplate": ["template", "spec"],
	"ReplicationController": ["spec", "template", "spec"],
	"Deployment": ["spec", "template", "spec"],
	"ReplicaSet": ["spec", "template", "spec"],
	"StatefulSet": ["spec", "template", "spec"],
	"DaemonSet": ["spec", "template", "spec"],
	"Job": ["spec", "template", "spec"],
	"CronJob": ["spec", "jobTemplate", "spec", "template", "spec"],
}[kind]

_workload_group(obj) if k8s.api_group(obj) in {"", "apps", "batch", "extensions"}

# runs_containers is true for a workload: an object of a kind that runs containers (Pod,
# Deployment, DaemonSet, StatefulSet, ReplicaSet, Job, CronJob, ReplicationController) in the
# core, apps, batch or extensions group, whatever its spec holds. A PodTemplate runs nothing.
runs_containers(obj) if {
	_workload_group(obj)
	_template_path(obj.kind)
	obj.kind != "PodTemplate"
}

# pod_spec is the pod spec of a workload object; undefined for objects that run no pods.
# The kind is looked up first: most objects of a cluster (ConfigMaps, Services, ...) stop there.
pod_spec(obj) := spec if {
	path := _template_path(obj.kind)
	_workload_group(obj)
	spec := object.get(obj, path, null)
	is_object(spec)
}

# pod_metadata_path is where a workload object keeps its pods' metadata (beside the pod spec);
# undefined for objects that run no pods.
pod_metadata_path(obj) := array.concat(array.slice(path, 0, count(path) - 1), ["metadata"]) if {
	pod_spec(obj)
	path := _template_path(obj.kind)
}

# containers lists every container of a pod spec (init and ephemeral ones included), each as
# {"type": "container" | "initContainer" | "ephemeralContainer", "name", "container"}.
containers(spec) := [c |
	some field, type in {"containers": "container", "initContainers": "initContainer", "ephemeralContainers": "ephemeralContainer"}
	items := object.get(spec, field, [])
	is_array(items)
	some item in items
	is_object(item)
	c := {"type": type, "name": object.get(item, "name", ""), "container": item}
]
