# METADATA
# description: |
#   Gatekeeper entry point for agent nodes (AKSARC-020 to AKSARC-024): `aksarc-opa export
#   gatekeeper` makes it the ConstraintTemplate AksArcNodes, with the libraries it imports.
#   input is Gatekeeper's: the review and the Constraint's parameters.
package aksarc.gatekeeper.nodes

import data.lib.aksarc.admission
import data.lib.aksarc.dispatch
import data.lib.aksarc.embedded_catalog
import data.lib.aksarc.rules.nodes.nic_level_network_change as aksarc_021
import data.lib.aksarc.rules.nodes.node_image_outdated as aksarc_022
import data.lib.aksarc.rules.nodes.node_not_managed as aksarc_023
import data.lib.aksarc.rules.nodes.privileged_node_customization as aksarc_020
import data.lib.aksarc.rules.nodes.windows_node_pool_os_retired as aksarc_024

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
	admission.asks("AKSARC-020", groups, input.parameters)
	some f in aksarc_020.violations(subject, ctx)
}

findings contains f if {
	admission.asks("AKSARC-021", groups, input.parameters)
	some f in aksarc_021.violations(subject, ctx)
}

findings contains f if {
	admission.asks("AKSARC-022", groups, input.parameters)
	some f in aksarc_022.violations(subject, ctx)
}

findings contains f if {
	admission.asks("AKSARC-023", groups, input.parameters)
	some f in aksarc_023.violations(subject, ctx)
}

findings contains f if {
	admission.asks("AKSARC-024", groups, input.parameters)
	some f in aksarc_024.violations(subject, ctx)
}
