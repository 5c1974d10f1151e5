# METADATA
# description: |
#   Which rules can fire on a document, by its kind: every rule belongs to one group, and a
#   document is judged by the groups of its kind. A ClusterSnapshot is judged by every group;
#   any other document by "any" and the groups its kind carries (kind_groups), so that a
#   ConfigMap does not pay for the snapshot, node or pod rules. A rule whose kind is not in its
#   group stays silent on that kind anyway: the groups only skip calls that cannot give a
#   finding. The registry (rules/registry.rego) and the Gatekeeper entry points read it;
#   `aksarc-opa export gatekeeper` reads it to choose the kinds each Constraint matches. It
#   imports no rule, so a ConstraintTemplate that reads it carries no other area's rules.
package lib.aksarc.dispatch

import data.lib.aksarc.snapshot

# rules are what a runtime needs to know of a rule before asking it, by ID: its group, and the
# severities its findings can have (its METADATA's severity, and warn when its warnWhen says
# when a deny rule's statement has a milder case). Go tests hold them to the registry's groups
# and to the METADATA, and fail when a rule is missing.
rules := {
	# snapshot: rules that judge ClusterSnapshots only.
	"AKSARC-001": {"group": "snapshot", "severities": {"deny"}},
	"AKSARC-002": {"group": "snapshot", "severities": {"deny"}},
	"AKSARC-003": {"group": "snapshot", "severities": {"warn"}},
	"AKSARC-004": {"group": "snapshot", "severities": {"warn"}},
	"AKSARC-006": {"group": "snapshot", "severities": {"deny"}},
	"AKSARC-022": {"group": "snapshot", "severities": {"warn"}},
	"AKSARC-024": {"group": "snapshot", "severities": {"deny", "warn"}},
	"AKSARC-032": {"group": "snapshot", "severities": {"warn"}},
	"AKSARC-040": {"group": "snapshot", "severities": {"deny"}},
	"AKSARC-041": {"group": "snapshot", "severities": {"deny"}},
	"AKSARC-042": {"group": "snapshot", "severities": {"warn"}},
	"AKSARC-043": {"group": "snapshot", "severities": {"deny", "warn"}},
	"AKSARC-044": {"group": "snapshot", "severities": {"deny"}},
	"AKSARC-045": {"group": "snapshot", "severities": {"warn"}},
	"AKSARC-050": {"group": "snapshot", "severities": {"deny"}},
	"AKSARC-051": {"group": "snapshot", "severities": {"warn"}},
	"AKSARC-052": {"group": "snapshot", "severities": {"deny"}},
	"AKSARC-053": {"group": "snapshot", "severities": {"warn"}},
	"AKSARC-062": {"group": "snapshot", "severities": {"warn"}},
	"AKSARC-080": {"group": "snapshot", "severities": {"warn"}},
	"AKSARC-090": {"group": "snapshot", "severities": {"warn"}},
	"AKSARC-091": {"group": "snapshot", "severities": {"warn"}},
	# any: rules that judge objects of every kind (namespace, name, labels, API version).
	"AKSARC-010": {"group": "any", "severities": {"deny", "warn"}},
	"AKSARC-011": {"group": "any", "severities": {"deny"}},
	"AKSARC-012": {"group": "any", "severities": {"deny"}},
	"AKSARC-021": {"group": "any", "severities": {"warn"}},
	"AKSARC-031": {"group": "any", "severities": {"warn"}},
	"AKSARC-061": {"group": "any", "severities": {"deny"}},
	"AKSARC-070": {"group": "any", "severities": {"warn"}},
	# podSpec: rules that read a pod template only.
	"AKSARC-020": {"group": "podSpec", "severities": {"warn"}},
	# featureGates: snapshots, kubelet configuration and the flags of pod templates.
	"AKSARC-060": {"group": "featureGates", "severities": {"deny"}},
	# nodes: snapshots and Node objects.
	"AKSARC-005": {"group": "nodes", "severities": {"deny"}},
	"AKSARC-023": {"group": "nodes", "severities": {"deny"}},
	# daemonSets: snapshots and DaemonSets.
	"AKSARC-030": {"group": "daemonSets", "severities": {"warn"}},
}

# kind_groups are the kinds whose objects carry a pod template (lib.aksarc.workloads.pod_spec),
# Nodes, DaemonSets and kubelet configuration files, with the groups that read them.
kind_groups := {
	"Pod": {"podSpec", "featureGates"},
	"PodTemplate": {"podSpec", "featureGates"},
	"ReplicationController": {"podSpec", "featureGates"},
	"Deployment": {"podSpec", "featureGates"},
	"ReplicaSet": {"podSpec", "featureGates"},
	"StatefulSet": {"podSpec", "featureGates"},
	"DaemonSet": {"podSpec", "featureGates", "daemonSets"},
	"Job": {"podSpec", "featureGates"},
	"CronJob": {"podSpec", "featureGates"},
	"Node": {"nodes"},
	"KubeletConfiguration": {"featureGates"},
}

all_groups := {r.group | some r in rules}

# groups are the rule groups that judge a document: every group for a ClusterSnapshot, else
# "any" and the groups of its kind.
groups(doc) := all_groups if snapshot.is_snapshot(doc)

groups(doc) := {"any"} | object.get(kind_groups, _kind(doc), set()) if not snapshot.is_snapshot(doc)

# asks is true when a runtime that reports findings of one severity asks the rule of an ID
# about a document of the given groups (groups(doc), computed once per document): the rule can
# give a finding of that severity, and its group judges the document's kind. The other rules
# cannot give such a finding (a rule stays silent on the kinds its group does not judge), so they
# need not be evaluated. False for an unknown ID.
asks(id, doc_groups, severity) if {
	rule := rules[id]
	severity in rule.severities
	rule.group in doc_groups
}

_kind(doc) := k if {
	is_object(doc)
	k := object.get(doc, "kind", "")
} else := ""
