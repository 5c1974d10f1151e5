# METADATA
# title: Known AKS Arc issue affects the cluster
# description: |
#   The ClusterSnapshot's Kubernetes version (spec.cluster.kubernetesVersion: the minor, or the
#   exact patch) or release (spec.cluster.release, else spec.host.azureLocalRelease on AzureLocal)
#   matches a known issue of the catalog for the snapshot's platform. An issue that lists both
#   versions and releases matches only when both match. An issue with fixedIn does not fire for
#   a cluster whose release is that release or later. One finding per issue, naming the issue
#   and its link. An issue with a published date does not apply as of an earlier date (a month:
#   from its first day).
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#upstream-bugs-and-issues
#     description: Upstream bugs and issues
#   - ref: https://github.com/Azure/aksArc/issues?q=label%3Aknown-issue
#     description: AKS Arc issues labeled known-issue
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/aks-arc-known-issues
#     description: Known issues in AKS enabled by Azure Arc
# custom:
#   id: AKSARC-080
#   name: known-issue
#   severity: warn
#   section: Upstream bugs and issues
#   input: snapshot
#   requires:
#     - spec.cluster.kubernetesVersion
#     - "WindowsServer: spec.cluster.release"
#     - "AzureLocal: spec.cluster.release | spec.host.azureLocalRelease"
#   remediation: Read the linked known issue and apply its workaround; update to the release that fixes it (for AKS Arc on Azure Local, the Azure Local release) as soon as it is available.
package lib.aksarc.rules.versions.known_issue

import data.lib.aksarc.dates
import data.lib.aksarc.result
import data.lib.aksarc.snapshot
import data.lib.aksarc.versions

violations(doc, ctx) := {f |
	snapshot.is_snapshot(doc)
	platform := snapshot.platform(doc, ctx)
	facts := _facts(doc, platform)
	issues := object.get(ctx, ["catalog", "knownIssues", "issues"], {})
	is_object(issues)
	some id, issue in issues
	is_object(issue)
	platform in _list(object.get(issue, "platforms", []))
	matched := _matched(issue, facts)
	not _fixed(issue, facts)
	not _unpublished(issue, ctx)
	title := _string_or(object.get(issue, "title", null), id)
	url := _string_or(object.get(issue, "url", null), null)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("cluster %s (%s) is affected by the known AKS Arc issue \"%s\" (%s)%s: %s", [
			_name(doc), concat(", ", matched), title, id, _link(url), _advice(issue),
		]),
		{
			"issueId": id,
			"title": title,
			"url": url,
			"workaround": _string_or(object.get(issue, "workaround", null), null),
			"tracker": _string_or(object.get(ctx, ["catalog", "knownIssues", "tracker"], null), null),
			"platform": platform,
			"matchedOn": matched,
			"kubernetesVersion": _text(facts.version),
			"release": _text(facts.release),
			"fixedIn": _string_or(object.get(issue, "fixedIn", null), null),
		},
	)
}

# The cluster's facts: its parsed Kubernetes version and release ({text, ord}), null when
# missing or unreadable.
_facts(doc, platform) := {
	"version": _version(doc),
	"release": _release(doc, platform),
}

_version(doc) := v if v := versions.parse(object.get(snapshot.cluster(doc), "kubernetesVersion", null))

_version(doc) := null if not versions.parse(object.get(snapshot.cluster(doc), "kubernetesVersion", null))

# The release: spec.cluster.release, else on AzureLocal the host's Azure Local release.
_release(doc, _) := r if {
	r := _parse_release(object.get(snapshot.cluster(doc), "release", null))
}

_release(doc, "AzureLocal") := r if {
	not _parse_release(object.get(snapshot.cluster(doc), "release", null))
	r := _parse_release(object.get(doc, ["spec", "host", "azureLocalRelease"], null))
}

_release(doc, platform) := null if {
	not _parse_release(object.get(snapshot.cluster(doc), "release", null))
	not _host_release(doc, platform)
}

_host_release(doc, "AzureLocal") if _parse_release(object.get(doc, ["spec", "host", "azureLocalRelease"], null))

# Releases are YYMM, optionally with a build after a dot ("2411.2"); YAML may give a bare number.
# ord orders them: 2411 < 2411.2 < 2503.
_parse_release(x) := _parse_release_text(x) if is_string(x)

_parse_release(x) := _parse_release_text(format_int(x, 10)) if {
	is_number(x)
	x == floor(x)
}

_parse_release_text(s) := {"text": t, "ord": (to_number(m[1]) * 100000) + _build(m[2])} if {
	t := trim_space(s)
	m := regex.find_all_string_submatch_n(`^([0-9]{4})(?:\.([0-9]{1,5}))?$`, t, 1)[0]
}

_build("") := 0

_build(s) := to_number(s) if s != ""

_release_ord(x) := _parse_release(x).ord

_text(x) := null if x == null

_text(x) := x.text if x != null

# _matched lists what matched ("Kubernetes 1.30.4", "release 2506"). Every kind of fact the issue
# lists must match, and it must list at least one; undefined otherwise.
_matched(issue, facts) := array.concat(v, r) if {
	v := _version_match(issue, facts.version)
	r := _release_match(issue, facts.release)
	count(v) + count(r) > 0
}

# Versions: [] when the issue lists none; undefined when it lists some and none matches.
_version_match(issue, _) := [] if count(_versions(issue)) == 0

_version_match(issue, v) := [sprintf("Kubernetes %s", [v.text])] if {
	count(_versions(issue)) > 0
	v != null
	some k in _versions(issue)
	_version_matches(k, v)
}

_versions(issue) := [k | some k in _list(object.get(issue, "kubernetesVersions", [])); versions.parse(k)]

# "1.29" matches any 1.29 patch; "1.29.4" matches that patch only.
_version_matches(k, v) if {
	p := versions.parse(k)
	p.patch == null
	p.minor_key == v.minor_key
}

_version_matches(k, v) if {
	p := versions.parse(k)
	p.patch != null
	p.major == v.major
	p.minor == v.minor
	p.patch == v.patch
}

# Releases: [] when the issue names none; undefined when it names some and the cluster's does
# not match (or is unknown).
_release_match(issue, _) := [] if not _has_release_criteria(issue)

_release_match(issue, r) := [sprintf("release %s", [r.text])] if {
	_has_release_criteria(issue)
	r != null
	_release_matches(issue, r)
}

_has_release_criteria(issue) if count(_releases(issue)) > 0

_has_release_criteria(issue) if _release_ord(issue.releasesBefore)

_releases(issue) := [x | some x in _list(object.get(issue, "releases", [])); _release_ord(x)]

_release_matches(issue, r) if {
	some x in _releases(issue)
	_release_ord(x) == r.ord
}

_release_matches(issue, r) if r.ord < _release_ord(issue.releasesBefore)

# _fixed is true when the issue names the release with the fix and the cluster's release is that
# one or later.
_fixed(issue, facts) if {
	facts.release != null
	facts.release.ord >= _release_ord(issue.fixedIn)
}

# _unpublished is true when the issue was made known after the as-of day.
_unpublished(issue, ctx) if dates.days_until(ctx.asOf, _first_day(issue.published)) > 0

_first_day(s) := s if dates.precision(s) == "day"

_first_day(s) := concat("", [s, "-01"]) if dates.precision(s) == "month"

# Message parts.

_link(url) := sprintf(", see %s", [url]) if is_string(url)

_link(url) := "" if not is_string(url)

_advice(issue) := sprintf("fixed in release %s; update to it, and until then apply the workaround", [issue.fixedIn]) if {
	_release_ord(issue.fixedIn)
}

_advice(issue) := "no fixing release is recorded; apply the workaround the issue describes" if {
	not _release_ord(object.get(issue, "fixedIn", null))
}

_name(doc) := doc.metadata.name if is_string(doc.metadata.name)

_name(doc) := "(unnamed)" if not is_string(object.get(doc, ["metadata", "name"], null))

_string_or(x, _) := x if is_string(x)

_string_or(x, default_value) := default_value if not is_string(x)

_list(x) := x if is_array(x)

_list(x) := [] if not is_array(x)
