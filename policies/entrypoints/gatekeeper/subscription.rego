# METADATA
# description: |
#   Gatekeeper entry point for the subscription (AKSARC-050 to AKSARC-053): `aksarc-opa export
#   gatekeeper` makes it the ConstraintTemplate AksArcSubscription, with the libraries it imports.
#   input is Gatekeeper's: the review and the Constraint's parameters.
package aksarc.gatekeeper.subscription

import data.lib.aksarc.admission
import data.lib.aksarc.dispatch
import data.lib.aksarc.embedded_catalog
import data.lib.aksarc.rules.subscription.subscription_at_risk as aksarc_053
import data.lib.aksarc.rules.subscription.subscription_deleted as aksarc_052
import data.lib.aksarc.rules.subscription.subscription_out_of_support as aksarc_050
import data.lib.aksarc.rules.subscription.subscription_suspended as aksarc_051

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
	admission.asks("AKSARC-050", groups, input.parameters)
	some f in aksarc_050.violations(subject, ctx)
}

findings contains f if {
	admission.asks("AKSARC-051", groups, input.parameters)
	some f in aksarc_051.violations(subject, ctx)
}

findings contains f if {
	admission.asks("AKSARC-052", groups, input.parameters)
	some f in aksarc_052.violations(subject, ctx)
}

findings contains f if {
	admission.asks("AKSARC-053", groups, input.parameters)
	some f in aksarc_053.violations(subject, ctx)
}
