# METADATA
# description: |
#   What a workload's pods ask of their node and how they are labelled, for the rules about node
#   customization and networking software (AKSARC-020, 021, 030, 031): capabilities added to a
#   container, the pod template's metadata, container images, and whether the workload's
#   namespace holds Microsoft-managed components. Built on lib.aksarc.workloads; tolerant of
#   malformed objects (wrong types read as absent).
package lib.aksarc.pods

import data.lib.aksarc.k8s
import data.lib.aksarc.workloads

# added_capabilities is the set of capabilities a container's securityContext adds, upper case
# and without a CAP_ prefix ("cap_sys_admin" is SYS_ADMIN).
added_capabilities(container) := {c |
	some raw in _list(object.get(container, ["securityContext", "capabilities", "add"], []))
	is_string(raw)
	c := trim_prefix(upper(trim_space(raw)), "CAP_")
}

# template_metadata is the metadata of the pods a workload object runs (the object's own for a
# Pod); {} when it is missing or malformed; undefined for objects that run no pods.
template_metadata(obj) := _object(object.get(obj, workloads.pod_metadata_path(obj), {}))

# labels / annotations are the string-keyed maps of an object's metadata (or a template's);
# {} when missing or malformed.
labels(metadata) := _object(object.get(_object(metadata), "labels", {}))

annotations(metadata) := _object(object.get(_object(metadata), "annotations", {}))

# images lists {"container", "type", "image"} for every container of a pod spec whose image is
# a string.
images(spec) := [{"container": _string(c.name), "type": c.type, "image": image} |
	some c in workloads.containers(spec)
	image := c.container.image
	is_string(image)
]

# name is a container entry's name as a string ("" when malformed).
name(c) := _string(c.name)

# exempt_namespace is true for an object in a namespace whose workloads are Microsoft-managed
# components (agentNodes.exemptNamespaces; an entry counts while its value is an object, so an
# override can drop one by setting it to null).
exempt_namespace(obj, agent_nodes) if {
	ns := k8s.namespace(obj)
	is_string(ns)
	is_object(object.get(_object(object.get(_object(agent_nodes), "exemptNamespaces", {})), ns, null))
}

_object(x) := x if is_object(x)

_object(x) := {} if not is_object(x)

_list(x) := x if is_array(x)

_list(x) := [] if not is_array(x)

_string(x) := x if is_string(x)

_string(x) := "" if not is_string(x)
