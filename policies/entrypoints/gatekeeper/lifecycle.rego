# METADATA
# description: |
#   Gatekeeper entry point for stopped or disconnected clusters (AKSARC-040, AKSARC-041, AKSARC-042, AKSARC-043, AKSARC-044, AKSARC-045): `aksarc-opa export
#   gatekeeper` makes it the ConstraintTemplate AksArcLifecycle, with the libraries it imports.
#   input is Gatekeeper's: the review and the Constraint's parameters.
package aksarc.gatekeeper.lifecycle

import data.lib.aksarc.admission
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

# findings judges the object under review as the CLI judges a document.
findings contains f if {
	doc := admission.subject(input.review)
	some f in union({
		aksarc_040.violations(doc, ctx),
		aksarc_041.violations(doc, ctx),
		aksarc_042.violations(doc, ctx),
		aksarc_043.violations(doc, ctx),
		aksarc_044.violations(doc, ctx),
		aksarc_045.violations(doc, ctx),
	})
}
