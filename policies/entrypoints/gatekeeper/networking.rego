# METADATA
# description: |
#   Gatekeeper entry point for networking (AKSARC-030, AKSARC-031, AKSARC-032): `aksarc-opa export
#   gatekeeper` makes it the ConstraintTemplate AksArcNetworking, with the libraries it imports.
#   input is Gatekeeper's: the review and the Constraint's parameters.
package aksarc.gatekeeper.networking

import data.lib.aksarc.admission
import data.lib.aksarc.dispatch
import data.lib.aksarc.embedded_catalog
import data.lib.aksarc.rules.networking.cni_not_supported as aksarc_030
import data.lib.aksarc.rules.networking.network_outside_defined_subnets as aksarc_032
import data.lib.aksarc.rules.networking.third_party_oss as aksarc_031

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
	admission.asks("AKSARC-030", groups, input.parameters)
	some f in aksarc_030.violations(subject, ctx)
}

findings contains f if {
	admission.asks("AKSARC-031", groups, input.parameters)
	some f in aksarc_031.violations(subject, ctx)
}

findings contains f if {
	admission.asks("AKSARC-032", groups, input.parameters)
	some f in aksarc_032.violations(subject, ctx)
}
