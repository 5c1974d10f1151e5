package lib.aksarc.workloads_test

import data.lib.aksarc.workloads

pod := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {
	"containers": [{"name": "app"}],
	"initContainers": [{"name": "init"}],
	"ephemeralContainers": [{"name": "debug"}],
}}

test_pod_spec_of_each_kind if {
	workloads.pod_spec(pod).containers[0].name == "app"
	workloads.pod_spec({"apiVersion": "apps/v1", "kind": "DaemonSet", "spec": {"template": {"spec": {"hostPID": true}}}}).hostPID
	workloads.pod_spec({"apiVersion": "batch/v1", "kind": "CronJob", "spec": {"jobTemplate": {"spec": {"template": {"spec": {"hostPID": true}}}}}}).hostPID
	workloads.pod_spec({"apiVersion": "v1", "kind": "PodTemplate", "template": {"spec": {"hostPID": true}}}).hostPID
}

test_no_pod_spec_for_other_objects if {
	not workloads.pod_spec({"apiVersion": "v1", "kind": "ConfigMap", "data": {}})
	not workloads.pod_spec({"apiVersion": "example.com/v1", "kind": "Deployment", "spec": {"template": {"spec": {}}}})
	not workloads.pod_spec({"apiVersion": "apps/v1", "kind": "Deployment", "spec": {"template": {"spec": "broken"}}})
}

test_containers_of_every_type if {
	cs := workloads.containers(pod.spec)
	{[c.type, c.name] | some c in cs} == {["container", "app"], ["initContainer", "init"], ["ephemeralContainer", "debug"]}
}

test_containers_tolerates_malformed_lists if {
	workloads.containers({"containers": "x", "initContainers": [1, {"name": "ok"}]}) == [{"type": "initContainer", "name": "ok", "container": {"name": "ok"}}]
}

test_pod_metadata_path_sits_beside_the_pod_spec if {
	workloads.pod_metadata_path(pod) == ["metadata"]
	workloads.pod_metadata_path({"apiVersion": "batch/v1", "kind": "CronJob", "spec": {"jobTemplate": {"spec": {"template": {"spec": {}}}}}}) == ["spec", "jobTemplate", "spec", "template", "metadata"]
	not workloads.pod_metadata_path({"apiVersion": "v1", "kind": "ConfigMap"})
}

test_runs_containers_for_the_workload_kinds if {
	every api_kind in [
		["v1", "Pod"], ["v1", "ReplicationController"], ["apps/v1", "Deployment"], ["apps/v1", "DaemonSet"],
		["apps/v1", "StatefulSet"], ["apps/v1", "ReplicaSet"], ["batch/v1", "Job"], ["batch/v1", "CronJob"],
		["extensions/v1beta1", "DaemonSet"],
	] {
		workloads.runs_containers({"apiVersion": api_kind[0], "kind": api_kind[1]})
	}
	not workloads.runs_containers({"apiVersion": "v1", "kind": "PodTemplate"})
	not workloads.runs_containers({"apiVersion": "v1", "kind": "ConfigMap"})
	not workloads.runs_containers({"apiVersion": "example.com/v1", "kind": "Deployment"})
	not workloads.runs_containers({"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout"})
}
