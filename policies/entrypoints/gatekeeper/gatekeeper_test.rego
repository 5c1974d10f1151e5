package aksarc.gatekeeper_test

import data.aksarc.gatekeeper.catalog as catalog_area
import data.aksarc.gatekeeper.features
import data.aksarc.gatekeeper.lifecycle
import data.aksarc.gatekeeper.managed
import data.aksarc.gatekeeper.networking
import data.aksarc.gatekeeper.nodes
import data.aksarc.gatekeeper.subscription
import data.aksarc.gatekeeper.upgrades
import data.aksarc.gatekeeper.versions
import data.lib.aksarc.admission
import data.lib.aksarc.dispatch
import data.lib.aksarc.testing

nov_1 := time.parse_rfc3339_ns("2025-11-01T00:00:00Z")

deny := {"severity": "deny"}

warn := {"severity": "warn"}

foreign := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "backup", "namespace": "kube-system"}}

coredns := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "coredns", "namespace": "kube-system", "uid": "u1"}, "data": {"Corefile": "x"}}

node(labels) := {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "moc-a", "uid": "u2", "labels": labels}, "spec": {"providerID": "moc://moc-a"}}

user := {"username": "alice@contoso.com", "groups": ["system:authenticated"]}

ids(vs) := {v.details.id | some v in vs}

# Audit (no operation): the object is judged as the CLI judges a document.
test_audit_judges_the_object if {
	vs := managed.violation with input as {"review": {"object": foreign}, "parameters": deny}
	ids(vs) == {"AKSARC-010"}
	some v in vs
	startswith(v.msg, "AKSARC-010 Deployment kube-system/backup: ")
	v.details.severity == "deny"
	v.details.remediation != ""
}

test_a_constraint_reports_its_own_severity_only if {
	count(managed.violation) == 0 with input as {"review": {"object": foreign}, "parameters": warn}
}

test_stored_managed_objects_are_not_changes_in_an_audit if {
	count(managed.violation) == 0 with input as {"review": {"object": coredns}, "parameters": deny}
}

# Admission: a user's request to change a managed component is denied, uid or not.
test_a_user_changing_a_managed_component_is_denied if {
	review := {"operation": "UPDATE", "userInfo": user, "object": coredns, "oldObject": coredns}
	ids(managed.violation) == {"AKSARC-011"} with input as {"review": review, "parameters": deny}
}

test_a_user_deleting_a_managed_component_is_denied if {
	review := {"operation": "DELETE", "userInfo": user, "object": null, "oldObject": coredns}
	ids(managed.violation) == {"AKSARC-011"} with input as {"review": review, "parameters": deny}
}

test_system_labels_changed_by_a_user_are_denied if {
	review := {"operation": "UPDATE", "userInfo": user, "object": node({"kubernetes.io/os": "windows"}), "oldObject": node({"kubernetes.io/os": "linux"})}
	ids(managed.violation) == {"AKSARC-012"} with input as {"review": review, "parameters": deny}
}

test_adding_a_user_label_to_a_node_is_allowed if {
	review := {"operation": "UPDATE", "userInfo": user, "object": node({"kubernetes.io/os": "linux", "team": "a"}), "oldObject": node({"kubernetes.io/os": "linux"})}
	count(managed.violation) == 0 with input as {"review": review, "parameters": deny}
}

# The platform's own identities are never denied.
test_platform_identities_are_exempt if {
	every username in ["system:serviceaccount:kube-system:generic-garbage-collector", "system:node:moc-a", "system:kube-controller-manager", "system:serviceaccount:azure-arc:config-agent"] {
		review := {"operation": "UPDATE", "userInfo": {"username": username}, "object": coredns, "oldObject": coredns}
		count(managed.violation) == 0 with input as {"review": review, "parameters": deny}
	}
	review := {"operation": "UPDATE", "userInfo": {"username": "kubelet", "groups": ["system:nodes"]}, "object": coredns, "oldObject": coredns}
	count(managed.violation) == 0 with input as {"review": review, "parameters": deny}
}

test_constraints_may_exempt_more_identities if {
	review := {"operation": "UPDATE", "userInfo": {"username": "ci-bot"}, "object": coredns, "oldObject": coredns}
	count(managed.violation) == 1 with input as {"review": review, "parameters": deny}
	count(managed.violation) == 0 with input as {"review": review, "parameters": object.union(deny, {"exemptUsernames": ["ci-bot"]})}
	count(managed.violation) == 0 with input as {"review": review, "parameters": object.union(deny, {"exemptUsernamePrefixes": ["ci-"]})}
}

# Parameters: asOf pins the date, thresholds and catalog overrides apply.
stopped := testing.snapshot({"cluster": {"power": {"state": "Stopped", "since": "2025-09-17T00:00:00Z"}}})

test_as_of_parameter_pins_the_date if {
	ids(lifecycle.violation) == {"AKSARC-040"} with input as {"review": {"object": stopped}, "parameters": {"severity": "deny", "asOf": "2025-11-01"}}
	count(lifecycle.violation) == 0 with input as {"review": {"object": stopped}, "parameters": {"severity": "deny", "asOf": "2025-09-20"}}
	ids(lifecycle.violation) == {"AKSARC-040"} with input as {"review": {"object": stopped}, "parameters": {"severity": "deny", "asOf": ""}}
		with time.now_ns as nov_1
}

test_threshold_and_platform_parameters if {
	nearing := testing.snapshot({"cluster": {"power": {"state": "Stopped", "since": "2025-10-07T00:00:00Z"}}})
	ids(lifecycle.violation) == {"AKSARC-042"} with input as {"review": {"object": nearing}, "parameters": {"severity": "warn", "asOf": "2025-11-01"}}
	count(lifecycle.violation) == 0 with input as {"review": {"object": nearing}, "parameters": {"severity": "warn", "asOf": "2025-11-01", "parameters": {"stopWarnDays": 2}}}
	ids(lifecycle.violation) == {"AKSARC-040", "AKSARC-041"} with input as {"review": {"object": stopped}, "parameters": {"severity": "deny", "asOf": "2025-11-01", "platform": "AzureLocal"}}
}

test_catalog_overrides_apply if {
	job := {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "backup", "namespace": "kube-system"}}
	count(managed.violation) == 1 with input as {"review": {"object": job}, "parameters": deny}
	p := object.union(deny, {"catalog": {"managedComponents": {"customerConfig": {"backup": {"apiGroup": "batch", "kinds": ["Job"], "names": ["backup"]}}}}})
	count(managed.violation) == 0 with input as {"review": {"object": job}, "parameters": p}
}

# AKSARC-010 warns about a foreign object that runs nothing: the warn Constraint of the managed
# area reports it, the deny Constraint does not.
test_kube_system_warnings_go_to_the_warn_constraint if {
	cm := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "backup", "namespace": "kube-system"}}
	count(managed.violation) == 0 with input as {"review": {"object": cm}, "parameters": deny}
	vs := managed.violation with input as {"review": {"object": cm}, "parameters": {"severity": "warn", "asOf": "2025-11-01"}}
	count(vs) == 1
	some v in vs
	v.details.id == "AKSARC-010"
	v.details.severity == "warn"
	startswith(v.msg, "AKSARC-010 ConfigMap kube-system/backup: ")
}

test_every_area_reports_its_rules if {
	ids(versions.violation) == {"AKSARC-091"} with input as {"review": {"object": testing.snapshot({"cluster": {"kubernetesVersion": "1.40.1"}})}, "parameters": {"severity": "warn", "asOf": "2025-11-01"}}
	ids(subscription.violation) == {"AKSARC-052"} with input as {"review": {"object": testing.snapshot({"subscription": {"state": "Deleted"}})}, "parameters": {"severity": "deny", "asOf": "2025-11-01"}}
	ids(catalog_area.violation) == {"AKSARC-090"} with input as {"review": {"object": testing.snapshot({})}, "parameters": {"severity": "warn", "asOf": "2026-06-01"}}
	ids(features.violation) == {"AKSARC-062"} with input as {"review": {"object": testing.snapshot({"features": {"previewFeatures": ["x"]}})}, "parameters": {"severity": "warn", "asOf": "2025-11-01"}}
	ids(upgrades.violation) == {"AKSARC-070"} with input as {"review": {"object": {"apiVersion": "batch/v1beta1", "kind": "CronJob", "metadata": {"name": "c", "namespace": "a"}}}, "parameters": {"severity": "warn", "asOf": "2025-11-01"}}
	ids(networking.violation) == {"AKSARC-031"} with input as {"review": {"object": {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "istio-system"}}}, "parameters": {"severity": "warn", "asOf": "2025-11-01"}}
	ids(nodes.violation) == {"AKSARC-023"} with input as {"review": {"object": {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n"}, "spec": {"providerID": "aws:///x"}}}, "parameters": {"severity": "deny", "asOf": "2025-11-01"}}
}

test_a_delete_review_without_object_judges_nothing_but_changes if {
	review := {"operation": "DELETE", "userInfo": user, "oldObject": foreign}
	count(nodes.violation) == 0 with input as {"review": review, "parameters": deny}
	count(managed.violation) == 0 with input as {"review": review, "parameters": deny}
}

# Gatekeeper copies oldObject into object on a DELETE: removing an object is never refused for
# what the object is (removing a foreign object is the fix AKSARC-010 asks for); deleting a
# managed component is.
test_deleting_a_foreign_object_is_allowed if {
	review := {"operation": "DELETE", "userInfo": user, "object": foreign, "oldObject": foreign}
	count(managed.violation) == 0 with input as {"review": review, "parameters": deny}
}

test_deleting_a_managed_component_as_gatekeeper_sends_it_is_denied if {
	review := {"operation": "DELETE", "userInfo": user, "object": coredns, "oldObject": coredns}
	ids(managed.violation) == {"AKSARC-011"} with input as {"review": review, "parameters": deny}
}

# A cluster may store a snapshot of itself whatever it says; the audit reports its findings.
test_snapshots_are_admitted_and_audited if {
	review := {"operation": "CREATE", "userInfo": user, "object": stopped}
	count(lifecycle.violation) == 0 with input as {"review": review, "parameters": {"severity": "deny", "asOf": "2025-11-01"}}
	deleting := {"operation": "DELETE", "userInfo": user, "object": stopped, "oldObject": stopped}
	count(lifecycle.violation) == 0 with input as {"review": deleting, "parameters": {"severity": "deny", "asOf": "2025-11-01"}}
	ids(lifecycle.violation) == {"AKSARC-040"} with input as {"review": {"object": stopped}, "parameters": {"severity": "deny", "asOf": "2025-11-01"}}
}

# A Constraint asks a rule only when the rule can give a finding of its severity on the
# object's kind: deny is the default severity, a rule that can also warn is asked by both,
# and an unknown ID by none.
test_a_constraint_asks_only_the_rules_that_can_give_it_a_violation if {
	node_groups := dispatch.groups(node({}))
	configmap_groups := dispatch.groups(coredns)
	admission.asks("AKSARC-023", node_groups, deny)
	admission.asks("AKSARC-023", node_groups, {})
	not admission.asks("AKSARC-023", node_groups, warn)
	not admission.asks("AKSARC-023", configmap_groups, deny)
	admission.asks("AKSARC-010", configmap_groups, deny)
	admission.asks("AKSARC-010", configmap_groups, warn)
	not admission.asks("AKSARC-001", configmap_groups, deny)
	admission.asks("AKSARC-001", dispatch.groups(testing.snapshot({})), deny)
	not admission.asks("AKSARC-999", configmap_groups, deny)
	not admission.asks("AKSARC-010", configmap_groups, {"severity": "Deny"})
}
