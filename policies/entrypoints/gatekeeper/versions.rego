# METADATA
# description: |
#   Gatekeeper entry point for versions and host (AKSARC-001, AKSARC-002, AKSARC-003, AKSARC-004, AKSARC-005, AKSARC-006, AKSARC-080, AKSARC-091): `aksarc-opa export
#   gatekeeper` makes it the ConstraintTemplate AksArcVersions, with the libraries it imports.
#   input is Gatekeeper's: the review and the Constraint's parameters.
package aksarc.gatekeeper.versions

import data.lib.aksarc.admission
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

# findings judges the object under review as the CLI judges a document.
findings contains f if {
	doc := admission.subject(input.review)
	some f in union({
		aksarc_001.violations(doc, ctx),
		aksarc_002.violations(doc, ctx),
		aksarc_003.violations(doc, ctx),
		aksarc_004.violations(doc, ctx),
		aksarc_005.violations(doc, ctx),
		aksarc_006.violations(doc, ctx),
		aksarc_080.violations(doc, ctx),
		aksarc_091.violations(doc, ctx),
	})
}
