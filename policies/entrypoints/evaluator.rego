# METADATA
# description: |
#   Entry point of the Go evaluator: one query, data.aksarc.evaluator.result, prepared once.
#   input is {"document": <one decoded document>, "cluster": <the ClusterSnapshot evaluated with
#   it, or null>}; the evaluator pins time.now_ns() to the as-of date of each evaluation.
package aksarc.evaluator

import data.aksarc.catalog
import data.lib.aksarc.context
import data.lib.aksarc.registry
import data.lib.aksarc.runway

default settings := {}

# settings is the aksarc_settings data document (--data), when there is one.
settings := data.aksarc_settings

ctx := context.build(settings, time.now_ns(), catalog.catalog, object.get(input, "cluster", null))

findings := registry.findings(input.document, ctx)

# result is what the evaluator's one prepared query reads: the findings, the facts that rules
# report they could not judge, and the support runway of a ClusterSnapshot (the dated changes
# ahead; [] for other documents).
result := {
	"findings": findings,
	"notEvaluated": registry.not_evaluated(input.document, ctx),
	"runway": runway.events(input.document, ctx),
}
