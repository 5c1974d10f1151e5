package lib.aksarc.pods_test

import data.lib.aksarc.pods

deployment := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "web", "namespace": "shop", "labels": {"app": "web"}},
	"spec": {"template": {
		"metadata": {"labels": {"app": "web", "istio.io/rev": "stable"}, "annotations": {"team": "a"}},
		"spec": {
			"containers": [{"name": "web", "image": "contoso.azurecr.io/web:1.0"}, {"name": "broken", "image": 7}],
			"initContainers": [{"name": "init", "image": "busybox:1.36"}],
		},
	}},
}

test_added_capabilities_normalised if {
	pods.added_capabilities({"securityContext": {"capabilities": {"add": ["cap_sys_admin", " NET_ADMIN ", "ALL", 3]}}}) == {"SYS_ADMIN", "NET_ADMIN", "ALL"}
}

test_added_capabilities_malformed if {
	pods.added_capabilities({}) == set()
	pods.added_capabilities({"securityContext": "privileged"}) == set()
	pods.added_capabilities({"securityContext": {"capabilities": {"add": "SYS_ADMIN"}}}) == set()
	pods.added_capabilities({"securityContext": {"capabilities": ["SYS_ADMIN"]}}) == set()
}

test_template_metadata_of_each_kind if {
	pods.template_metadata(deployment).labels["istio.io/rev"] == "stable"
	pods.template_metadata({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {}}) == {"name": "p"}
	pods.template_metadata({"apiVersion": "v1", "kind": "PodTemplate", "template": {"metadata": {"name": "t"}, "spec": {}}}) == {"name": "t"}
	pods.template_metadata({"apiVersion": "batch/v1", "kind": "CronJob", "spec": {"jobTemplate": {"spec": {"template": {"metadata": {"name": "c"}, "spec": {}}}}}}) == {"name": "c"}
}

test_template_metadata_missing_or_malformed if {
	pods.template_metadata({"apiVersion": "apps/v1", "kind": "DaemonSet", "spec": {"template": {"spec": {}}}}) == {}
	pods.template_metadata({"apiVersion": "apps/v1", "kind": "DaemonSet", "spec": {"template": {"metadata": "x", "spec": {}}}}) == {}
	not pods.template_metadata({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}})
}

test_labels_and_annotations if {
	pods.labels(deployment.metadata) == {"app": "web"}
	pods.annotations(pods.template_metadata(deployment)) == {"team": "a"}
	pods.labels({"labels": ["a"]}) == {}
	pods.annotations("x") == {}
}

test_images_of_every_container if {
	pods.images(deployment.spec.template.spec) == [
		{"container": "web", "type": "container", "image": "contoso.azurecr.io/web:1.0"},
		{"container": "init", "type": "initContainer", "image": "busybox:1.36"},
	]
	pods.images({"containers": [{"name": 5, "image": "a"}]}) == [{"container": "", "type": "container", "image": "a"}]
}

test_name if {
	pods.name({"name": "x"}) == "x"
	pods.name({"name": 1}) == ""
}

agent_nodes := {"exemptNamespaces": {"kube-system": {"source": "s"}, "dropped": null}}

test_exempt_namespace if {
	pods.exempt_namespace({"metadata": {"namespace": "kube-system"}}, agent_nodes)
	not pods.exempt_namespace({"metadata": {"namespace": "dropped"}}, agent_nodes)
	not pods.exempt_namespace({"metadata": {"namespace": "shop"}}, agent_nodes)
	not pods.exempt_namespace({"metadata": {}}, agent_nodes)
	not pods.exempt_namespace({"metadata": {"namespace": 3}}, agent_nodes)
	not pods.exempt_namespace({"metadata": {"namespace": "kube-system"}}, {"exemptNamespaces": ["kube-system"]})
	not pods.exempt_namespace({"metadata": {"namespace": "kube-system"}}, "x")
}
