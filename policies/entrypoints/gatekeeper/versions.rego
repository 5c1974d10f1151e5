# METADATA
# description: |
#   Gatekeeper entry point for versions and host (AKSARC-001, AKSARC-002, AKSARC-003, AKSARC-004, AKSARC-005, AKSARC-006, AKSARC-080, AKSARC-091): `aksarc-opa export
#   gatekeeper` makes it the ConstraintTemplate AksArcVersions, with the libraries it imports.
#   input is Gatekeeper's: the review and the Constraint's parameters.
package aksarc.gatekeeper.versions

import data.lib.aksarc.admission
import data.lib.aksarc.dispatch
import data.lib.aksarc.embedded_catalog
import data.lib.aksarc.rules.versions.host_unsupported as aksarc_006
import data.lib.aksarc.rules.versions.known_issue as aksarc_080
import data.lib.aksarc.rules.versions.patch_not_current as aksarc_004
import data.lib.aksarc.rules.versions.version_outside_support as aksarc_001
import data.lib.aksarc.rules.versions.version_removed as aksarc_002
import data.lib.aksarc.rules.versions.version_skew as aksarc_005
import data.lib.aksarc.rules.versions.version_support_ending as aksarc_003
import data.lib.aksarc.rules.versions.version_unknown_newer as aksarc_091

ctx := admission.context_for(input.parameters, time.now_ns(), embedded_catalog.catalog)

# violation reports the findings of the Constraint's severity, except on requests of the
# platform's own identities and on admission requests for ClusterSnapshots (audited instead).
violation contains v if {
	admission.reported(input.review, input.parameters)
	some f in findings
	v := admission.to_violation(f, input.parameters)
}

# subject is the object the rules judge (admission.subject), groups the rule groups that judge
# its kind (lib.aksarc.dispatch).
subject := admission.subject(input.review)

groups := dispatch.groups(subject)

# findings judges the object under review as the CLI judges a document, asking each rule only
# when it can give a violation of this Constraint (admission.asks).
findings contains f if {
	admission.asks("AKSARC-001", groups, input.parameters)
	some f in aksarc_001.violations(subject, ctx)
}

findings contains f if {
	admission.asks("AKSARC-002", groups, input.parameters)
	some f in aksarc_002.violations(subject, ctx)
}

findings contains f if {
	admission.asks("AKSARC-003", groups, input.parameters)
	some f in aksarc_003.violations(subject, ctx)
}

findings contains f if {
	admission.asks("AKSARC-004", groups, input.parameters)
	some f in aksarc_004.violations(subject, ctx)
}

findings contains f if {
	admission.asks("AKSARC-005", groups, input.parameters)
	some f in aksarc_005.violations(subject, ctx)
}

findings contains f if {
	admission.asks("AKSARC-006", groups, input.parameters)
	some f in aksarc_006.violations(subject, ctx)
}

findings contains f if {
	admission.asks("AKSARC-080", groups, input.parameters)
	some f in aksarc_080.violations(subject, ctx)
}

findings contains f if {
	admission.asks("AKSARC-091", groups, input.parameters)
	some f in aksarc_091.violations(subject, ctx)
}
