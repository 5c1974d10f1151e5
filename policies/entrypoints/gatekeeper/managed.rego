# METADATA
# description: |
#   Gatekeeper entry point for managed components (AKSARC-010, AKSARC-011, AKSARC-012): `aksarc-opa export
#   gatekeeper` makes it the ConstraintTemplate AksArcManaged, with the libraries it imports.
#   input is Gatekeeper's: the review and the Constraint's parameters.
package aksarc.gatekeeper.managed

import data.lib.aksarc.admission
import data.lib.aksarc.dispatch
import data.lib.aksarc.embedded_catalog
import data.lib.aksarc.rules.managed.kube_system_foreign_object as aksarc_010
import data.lib.aksarc.rules.managed.managed_component_change as aksarc_011
import data.lib.aksarc.rules.managed.system_metadata_change as aksarc_012

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

# findings: AKSARC-010 judges the object under review as the CLI does. AKSARC-011 and 012 are
# about changes: in an admission request, every create, update or delete of a managed
# component, and every system label or annotation that differs from the old object; in an
# audit, only objects that were never stored (the CLI's manifests) count as changes. Each rule
# is asked only when it can give a violation of this Constraint (admission.asks).
findings contains f if {
	admission.asks("AKSARC-010", groups, input.parameters)
	some f in aksarc_010.violations(subject, ctx)
}

findings contains f if {
	admission.is_admission(input.review)
	changed := admission.changed(input.review)
	admission.asks("AKSARC-011", dispatch.groups(changed), input.parameters)
	some f in aksarc_011.change_violations(changed, ctx)
}

findings contains f if {
	not admission.is_admission(input.review)
	admission.asks("AKSARC-011", groups, input.parameters)
	some f in aksarc_011.violations(subject, ctx)
}

findings contains f if {
	admission.is_admission(input.review)
	admission.asks("AKSARC-012", groups, input.parameters)
	some f in aksarc_012.change_violations(subject, admission.old_object(input.review), ctx)
}

findings contains f if {
	not admission.is_admission(input.review)
	admission.asks("AKSARC-012", groups, input.parameters)
	some f in aksarc_012.violations(subject, ctx)
}
