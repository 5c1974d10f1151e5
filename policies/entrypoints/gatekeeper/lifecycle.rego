# METADATA
# description: |
#   Gatekeeper entry point for stopped or disconnected clusters (AKSARC-040, AKSARC-041, AKSARC-042, AKSARC-043, AKSARC-044, AKSARC-045): `aksarc-opa export
#   gatekeeper` makes it the ConstraintTemplate AksArcLifecycle, with the libraries it imports.
#   input is Gatekeeper's: the review and the Constraint's parameters.
package aksarc.gatekeeper.lifecycle

import data.lib.aksarc.admission
import data.lib.aksarc.dispatch
import data.lib.aksarc.embedded_catalog
import data.lib.aksarc.rules.lifecycle.disconnected_nearing_limit as aksarc_045
import data.lib.aksarc.rules.lifecycle.disconnected_too_long as aksarc_044
import data.lib.aksarc.rules.lifecycle.nodes_deallocated_outside_api as aksarc_043
import data.lib.aksarc.rules.lifecycle.stopped_control_plane_out_of_support as aksarc_040
import data.lib.aksarc.rules.lifecycle.stopped_nearing_limit as aksarc_042
import data.lib.aksarc.rules.lifecycle.stopped_update_blocked as aksarc_041

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
	admission.asks("AKSARC-040", groups, input.parameters)
	some f in aksarc_040.violations(subject, ctx)
}

findings contains f if {
	admission.asks("AKSARC-041", groups, input.parameters)
	some f in aksarc_041.violations(subject, ctx)
}

findings contains f if {
	admission.asks("AKSARC-042", groups, input.parameters)
	some f in aksarc_042.violations(subject, ctx)
}

findings contains f if {
	admission.asks("AKSARC-043", groups, input.parameters)
	some f in aksarc_043.violations(subject, ctx)
}

findings contains f if {
	admission.asks("AKSARC-044", groups, input.parameters)
	some f in aksarc_044.violations(subject, ctx)
}

findings contains f if {
	admission.asks("AKSARC-045", groups, input.parameters)
	some f in aksarc_045.violations(subject, ctx)
}
