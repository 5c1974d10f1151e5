package aksarc.evaluator_test

import data.aksarc.evaluator
import data.lib.aksarc.testing

stopped := testing.snapshot({"cluster": {"power": {"state": "Stopped", "since": "2025-09-17T00:00:00Z"}}})

nov_1 := time.parse_rfc3339_ns("2025-11-01T00:00:00Z")

ids(findings) := {f.id | some f in findings}

# The entry point judges as of time.now_ns(), which the Go evaluator pins per evaluation.
test_findings_as_of_now if {
	fs := evaluator.findings with input as {"document": stopped, "cluster": null}
		with time.now_ns as nov_1
	ids(fs) == {"AKSARC-040"}
}

test_settings_platform_and_parameters_apply if {
	fs := evaluator.findings with input as {"document": stopped, "cluster": null}
		with time.now_ns as nov_1
		with data.aksarc_settings as {"platform": "AzureLocal"}
	ids(fs) == {"AKSARC-040", "AKSARC-041"}
}

test_settings_as_of_pins_the_date if {
	fs := evaluator.findings with input as {"document": stopped, "cluster": null}
		with time.now_ns as nov_1
		with data.aksarc_settings as {"asOf": "2025-09-20"}
	count(fs) == 0
}

test_settings_catalog_overrides_merge if {
	fs := evaluator.findings with input as {"document": stopped, "cluster": null}
		with time.now_ns as nov_1
		with data.aksarc_settings as {"catalog": {"platforms": {"WindowsServer": {"limits": {"stoppedUpdateBlockedDays": 40}}}}}
	ids(fs) == {"AKSARC-040", "AKSARC-041"}
}

test_a_clean_object_has_no_findings if {
	fs := evaluator.findings with input as {"document": {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a", "namespace": "shop"}}, "cluster": null}
		with time.now_ns as nov_1
	count(fs) == 0
}

# The evaluator's query reads result: the findings and what rules report they could not judge.
test_result_carries_findings_and_not_evaluated if {
	undated := testing.snapshot({"cluster": {"agentPoolProfiles": [{"name": "gallery", "nodeImageVersion": "linux-cblmariner-0.11.26.10605"}]}})
	r := evaluator.result with input as {"document": undated, "cluster": null}
		with time.now_ns as nov_1
	r.findings == set()

	# WindowsServer: no Kubernetes calendar is published, so the version rules and the runway's
	# version events cannot judge 1.31 (AKSARC-001 to 004 not evaluated).
	{n.id | some n in r.notEvaluated} == {"AKSARC-001", "AKSARC-002", "AKSARC-003", "AKSARC-004", "AKSARC-022"}
	[[e.date, e.rule] | some e in r.runway] == [
		["2026-06-01", "AKSARC-090"],
		["2027-04-05", "AKSARC-090"],
	]
}

# The runway is computed as of the pinned date, with the settings, for snapshots only.
test_result_carries_the_runway if {
	r := evaluator.result with input as {"document": stopped, "cluster": null}
		with time.now_ns as time.parse_rfc3339_ns("2025-09-20T00:00:00Z")
		with data.aksarc_settings as {"platform": "AzureLocal"}
	[[e.date, e.daysLeft, e.rule] | some e in r.runway; e.rule in {"AKSARC-040", "AKSARC-041", "AKSARC-042"}] == [
		["2025-10-10", 20, "AKSARC-042"],
		["2025-10-17", 27, "AKSARC-040"],
		["2025-10-17", 27, "AKSARC-041"],
	]
	o := evaluator.result with input as {"document": {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}, "cluster": stopped}
		with time.now_ns as nov_1
	o.runway == []
}

# A context given with the input (the Go evaluator builds one per run) is used as it is: its
# as-of date and platform win over the time and the settings.
test_a_context_given_with_the_input_is_used if {
	given := object.union(evaluator.context_base, {"asOf": nov_1, "cluster": null, "platform": "AzureLocal"})
	fs := evaluator.findings with input as {"document": stopped, "cluster": null, "context": given}
		with time.now_ns as time.parse_rfc3339_ns("2025-09-20T00:00:00Z")
	ids(fs) == {"AKSARC-040", "AKSARC-041"}
}

# Documents of other kinds are judged only by the rules of their kind's groups.
test_groups_follow_the_kind if {
	data.lib.aksarc.dispatch.groups({"kind": "ConfigMap"}) == {"any"}
	data.lib.aksarc.dispatch.groups({"kind": "DaemonSet"}) == {"any", "podSpec", "featureGates", "daemonSets"}
	data.lib.aksarc.dispatch.groups({"kind": "Node"}) == {"any", "nodes"}
	data.lib.aksarc.dispatch.groups("not an object") == {"any"}
	count(data.lib.aksarc.dispatch.groups(stopped)) == 6
}
