# METADATA
# description: |
#   The evaluation context every rule receives: as-of, default platform, catalog, parameters
#   and, where the runtime has it, the cluster's ClusterSnapshot. Entry points build it from
#   their runtime (data and time.now_ns() for the evaluator and conftest, input.parameters for
#   Gatekeeper); rules only ever read it through their ctx argument.
package lib.aksarc.context

import data.lib.aksarc.dates

# default_parameters are the thresholds a user may change (catalog.md).
default_parameters := {
	"versionWarnDays": 60,
	"stopWarnDays": 7,
	"disconnectWarnDays": 7,
	"nodeImageMaxAgeDays": 60,
	"catalogMaxAgeDays": 120,
}

default_platform := "WindowsServer"

# build returns the context from user settings (the aksarc_settings data document: asOf,
# platform, parameters, catalog), the current time, the embedded catalog and the cluster
# snapshot that accompanies the document (null when there is none).
build(settings, now_ns, catalog, cluster) := {
	"asOf": as_of(settings, now_ns),
	"platform": object.get(settings, "platform", default_platform),
	"parameters": object.union(default_parameters, object.get(settings, "parameters", {})),
	"catalog": object.union(catalog, object.get(settings, "catalog", {})),
	"cluster": cluster,
}

# as_of is the pinned evaluation date when the settings give one, else the current time
# (which the Go evaluator itself pins per evaluation).
as_of(settings, _) := dates.ns(settings.asOf)

as_of(settings, now_ns) := now_ns if not settings.asOf
