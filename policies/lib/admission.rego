# METADATA
# description: |
#   What the Gatekeeper entry points (policies/entrypoints/gatekeeper) share: the context built
#   from a Constraint's parameters, the object of a review, whether the review is an admission
#   request (it names an operation) or an audit, the identities of the platform that are never
#   denied, which rules a Constraint asks about a review (asks), and the shape of a Gatekeeper
#   violation.
package lib.aksarc.admission

import data.lib.aksarc.context
import data.lib.aksarc.dispatch
import data.lib.aksarc.snapshot

# context builds the rules' context from a Constraint's parameters: asOf ("" or absent: now),
# platform, parameters (thresholds) and catalog (overrides merged over the embedded catalog).
context_for(parameters, now_ns, catalog) := context.build(settings(parameters), now_ns, catalog, null)

settings(parameters) := {key: value |
	some key in ["asOf", "platform", "parameters", "catalog"]
	value := parameters[key]
	value != ""
	value != null
}

# subject is the object whose state the rules judge: review.object. A DELETE removes the object
# (Gatekeeper copies oldObject into object), so there is no state to judge and the subject is
# {}: deleting a foreign object or an out-of-support snapshot must never be refused. Only
# AKSARC-011 judges deletions, through changed. A ClusterSnapshot being admitted is a record of
# facts, not a change to the cluster: it is judged by the audit, never refused (snapshot_admission).
subject(review) := {} if {
	object.get(review, "operation", "") == "DELETE"
} else := review.object if {
	_present(review.object)
} else := {}

# old_object is the object before an UPDATE (or the deleted object); null when there is none.
old_object(review) := review.oldObject if _present(review.oldObject)

old_object(review) := null if not _present(object.get(review, "oldObject", null))

# changed is the object a request creates, changes or deletes.
changed(review) := review.object if _present(review.object)

changed(review) := review.oldObject if {
	not _present(object.get(review, "object", null))
	_present(review.oldObject)
}

_present(x) if {
	is_object(x)
	count(x) > 0
}

# is_admission is true for an admission request; an audit review (and gator test) has no
# operation.
is_admission(review) if review.operation in {"CREATE", "UPDATE", "DELETE", "CONNECT"}

# Identities of the platform: AKS Arc's control plane, nodes and system service accounts, and
# the Azure Arc agents. A Constraint never denies their requests, so it cannot break the
# platform it protects. A Constraint adds its own with exemptUsernames / exemptUsernamePrefixes.
default_exempt_usernames := {
	"system:apiserver",
	"system:kube-controller-manager",
	"system:kube-scheduler",
	"system:kube-proxy",
}

default_exempt_username_prefixes := {
	"system:node:",
	"system:serviceaccount:kube-system:",
	"system:serviceaccount:azure-arc:",
	"system:serviceaccount:gatekeeper-system:",
}

default_exempt_groups := {"system:nodes"}

# snapshot_admission is true for an admission request about a ClusterSnapshot: a cluster must be
# able to store the facts that put it out of support, so its findings come from the audit.
snapshot_admission(review) if {
	is_admission(review)
	snapshot.is_snapshot(object.get(review, "object", {}))
}

snapshot_admission(review) if {
	is_admission(review)
	snapshot.is_snapshot(object.get(review, "oldObject", {}))
}

# The username is read first: an audit review has none, and the sets are then never built.
exempt(review, parameters) if {
	username := review.userInfo.username
	username in (default_exempt_usernames | {u | some u in object.get(parameters, "exemptUsernames", [])})
}

exempt(review, parameters) if {
	username := review.userInfo.username
	some prefix in (default_exempt_username_prefixes | {p | some p in object.get(parameters, "exemptUsernamePrefixes", [])})
	startswith(username, prefix)
}

exempt(review, _) if {
	some group in review.userInfo.groups
	group in default_exempt_groups
}

# reported is true when a review's findings become violations: not a request of the platform's
# own identities, and not an admission request for a ClusterSnapshot (audited instead).
reported(review, parameters) if {
	not exempt(review, parameters)
	not snapshot_admission(review)
}

# asks is true when a Constraint asks the rule of an ID about a document of the given rule groups
# (lib.aksarc.dispatch.groups, computed once per review): the rule can give a finding of the
# Constraint's severity (deny when the parameter is absent) and it judges documents of that
# kind. The other rules cannot give a violation of the Constraint (to_violation keeps only its
# severity), so they are not evaluated: a warn Constraint does not pay for the deny rules, nor a
# ConfigMap for the Node and snapshot rules.
asks(id, doc_groups, parameters) if dispatch.asks(id, doc_groups, severity(parameters))

# severity is the severity of the findings a Constraint reports: its severity parameter, deny
# when it has none.
severity(parameters) := object.get(parameters, "severity", "deny")

# to_violation turns a finding into a Gatekeeper violation when its severity is the
# Constraint's (a deny Constraint reports deny findings, a warn Constraint warn findings). Not
# named violation: conftest --all-namespaces would take a function of that name for a rule.
to_violation(f, parameters) := {
	"msg": sprintf("%s %s: %s", [f.id, _where(f.resource), f.message]),
	"details": {
		"id": f.id,
		"name": f.name,
		"severity": f.severity,
		"section": f.section,
		"url": f.url,
		"remediation": f.remediation,
		"resource": f.resource,
		"details": f.details,
	},
} if {
	f.severity == severity(parameters)
}

_where(r) := sprintf("%s %s/%s", [r.kind, r.namespace, r.name]) if r.namespace != ""

_where(r) := sprintf("%s %s", [r.kind, r.name]) if r.namespace == ""
