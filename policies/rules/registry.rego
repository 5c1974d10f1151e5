# METADATA
# description: |
#   Every rule, in one place: findings(doc, ctx) is the union of every rule's violations for one
#   document. The evaluator and conftest entry points call it; Gatekeeper templates call single
#   rules. A Go test fails when a rule package with an ID is missing here.
package lib.aksarc.registry

import data.lib.aksarc.rules.lifecycle.stopped_control_plane_out_of_support as aksarc_040

findings(doc, ctx) := union({
	aksarc_040.violations(doc, ctx),
})
