# METADATA
# description: |
#   Builds findings from a rule's own METADATA, so that the ID, severity, section and
#   remediation are written once, in the rule's annotation, and every runtime reports the same.
package lib.aksarc.result

import data.lib.aksarc.k8s

# finding returns one finding. chain is rego.metadata.chain() called in the rule's package;
# details is an object of facts a tool can read (dates, versions, days left).
finding(chain, obj, message, details) := {
	"id": meta.custom.id,
	"name": meta.custom.name,
	"severity": meta.custom.severity,
	"title": meta.title,
	"message": message,
	"remediation": meta.custom.remediation,
	"section": meta.custom.section,
	"url": meta.related_resources[0].ref,
	"resource": k8s.resource(obj),
	"details": details,
} if {
	meta := rule_metadata(chain)
}

# not_evaluated says that the rule of chain could not judge a fact of the document (missing
# names the fact and why); the evaluator lists it under "not evaluated".
not_evaluated(chain, missing) := {"id": rule_metadata(chain).custom.id, "missing": missing}

# with_severity changes a finding's severity where a rule's statement says so (AKSARC-043 in a
# declared maintenance window); the ID stays the same.
with_severity(f, severity) := object.union(f, {"severity": severity})

# rule_metadata is the package-scoped annotation in a metadata chain: the rule's METADATA.
rule_metadata(chain) := entry.annotations if {
	some entry in chain
	entry.annotations.scope == "package"
	entry.annotations.custom.id
}
