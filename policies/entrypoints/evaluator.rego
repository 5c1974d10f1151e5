# METADATA
# description: |
#   Entry point of the Go evaluator: one query, data.aksarc.evaluator.result, prepared once.
#   input is {"document": <one decoded document>, "cluster": <the ClusterSnapshot evaluated with
#   it, or null>, "context": <optional: the context, built once per run>}; the evaluator pins
#   time.now_ns() to the as-of date of each evaluation. The Go evaluator builds the context once
#   per Evaluate call (from context_base, read once per evaluator) and passes the same value with
#   every document; without input.context (opa eval on a bundle) it is built here per query.
package aksarc.evaluator

import data.aksarc.catalog
import data.lib.aksarc.context
import data.lib.aksarc.index
import data.lib.aksarc.registry
import data.lib.aksarc.runway

default settings := {}

# settings is the aksarc_settings data document (--data), when there is one.
settings := data.aksarc_settings

# ctx is the context the caller built for the run, or else the one built here.
ctx := input.context if {
	is_object(input.context)
} else := context.build(settings, time.now_ns(), catalog.catalog, object.get(input, "cluster", null))

# context_base is what the context holds apart from the as-of date and the cluster: platform,
# parameters and catalog with the settings applied, and the index of that catalog
# (lib.aksarc.index: the lookups rules would otherwise derive from catalog lists for every
# document). The Go evaluator reads it once per evaluator.
context_base := object.union(_base, {"index": index.build(_base.catalog)})

_base := object.remove(context.build(settings, 0, catalog.catalog, null), {"asOf", "cluster"})

findings := registry.findings(input.document, ctx)

# result is what the evaluator's one prepared query reads: the findings, the facts that rules
# report they could not judge, and the support runway of a ClusterSnapshot (the dated changes
# ahead; [] for other documents).
result := {
	"findings": findings,
	"notEvaluated": registry.not_evaluated(input.document, ctx),
	"runway": runway.events(input.document, ctx),
}
