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
	"catalog": effective_catalog(catalog, object.get(settings, "catalog", null)),
	"cluster": cluster,
}

# effective_catalog is the embedded catalog with a user's override merged over it. A null in
# the override switches off the keyed entry it stands for (a version, a release, an inventory
# name) or clears the field: the entry or field is then absent, so that rules never read a
# null as an entry without facts. Without an override, the embedded catalog as it is.
effective_catalog(catalog, override) := catalog if override == null

effective_catalog(catalog, override) := without_nulls(object.union(catalog, override)) if override != null

# without_nulls removes every object member whose value is null, at any depth (items of
# arrays are kept as they are), except under a platform's own versions: they are a layer over
# catalog.versions, where a null entry switches the minor off for that platform and is resolved
# when the layers merge (lib/catalog.rego).
without_nulls(x) := json.remove(x, [p |
	walk(x, [p, v])
	v == null
	count(p) > 0
	is_string(p[count(p) - 1])
	not _platform_version_layer(p)
])

_platform_version_layer(p) if {
	count(p) >= 4
	p[0] == "platforms"
	p[2] == "versions"
}

# as_of is the pinned evaluation date when the settings give one, else the current time
# (which the Go evaluator itself pins per evaluation).
as_of(settings, _) := dates.ns(settings.asOf)

as_of(settings, now_ns) := now_ns if not settings.asOf
