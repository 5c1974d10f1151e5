# METADATA
# title: Host platform not supported
# description: |
#   WindowsServer: the host OS is not Windows Server 2019 Datacenter or later (a product and
#   edition the catalog lists), or is past its product end of support in the catalog.
#   AzureLocal: the Azure Local release is not a supported one in the catalog: past its end of
#   support, older than every release the catalog knows, or unknown between known releases. A
#   release newer than every release the catalog knows cannot be judged from it: no finding, the
#   rule reports it as not evaluated (not_evaluated) so that the catalog gets updated. Host
#   products named otherwise than "Windows Server YYYY" (Azure Stack HCI, version 22H2) are
#   matched by their name or aliases. An end of support known only to the month is read as the
#   month's last day. When the catalog knows no release in support and the evaluation date is past
#   its facts (factsThrough), the message says that newer releases are unknown to it rather than
#   that none is supported.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#supported-version-policy
#     description: Supported version policy
# custom:
#   id: AKSARC-006
#   name: host-unsupported
#   severity: deny
#   section: Supported version policy
#   input: snapshot
#   requires: ["WindowsServer: spec.host.os", "AzureLocal: spec.host.azureLocalRelease"]
#   remediation: Run AKS Arc on a supported host - Windows Server 2019 Datacenter or later within its end of support, or a supported Azure Local release; update the host before requesting support. AKS Arc is not supported on unsupported versions of the host product.
package lib.aksarc.rules.versions.host_unsupported

import data.lib.aksarc.catalog
import data.lib.aksarc.dates
import data.lib.aksarc.result
import data.lib.aksarc.snapshot

violations(doc, ctx) := _windows_server(doc, ctx) | _azure_local(doc, ctx)

# WindowsServer hosts: spec.host.os, e.g. "Windows Server 2022 Datacenter".

_windows_server(doc, ctx) := {f |
	snapshot.is_snapshot(doc)
	snapshot.platform(doc, ctx) == "WindowsServer"
	is_string(doc.spec.host.os)
	os := trim_space(doc.spec.host.os)
	os != ""
	products := object.get(ctx, ["catalog", "platforms", "WindowsServer", "hostProducts"], {})
	some problem in _os_problems(os, products, ctx)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("cluster %s: %s", [doc.metadata.name, problem.message]),
		object.union({"platform": "WindowsServer", "os": os, "supportedProducts": _supported_products(products, ctx)}, problem.details),
	)
}

# _os_name splits an OS name into product ("Windows Server 2022") and edition ("Datacenter");
# a leading "Microsoft " (as Win32_OperatingSystem.Caption gives it) is ignored.
_os_name(os) := {"product": sprintf("Windows Server %s", [m[1]]), "year": to_number(m[1]), "edition": trim_space(m[2])} if {
	m := regex.find_all_string_submatch_n(`(?i)^(?:microsoft\s+)?windows\s+server\s+([0-9]{4})\b(.*)$`, os, 1)[0]
}

_os_problems(os, products, ctx) := (((_not_windows_server(os, products, ctx) | _product_problems(os, products, ctx)) | _edition_problems(os, products)) | _product_end_problems(os, products, ctx)) | _alias_end_problems(os, products, ctx)

# _alias is the catalog's host product that an OS name not of the form "Windows Server YYYY"
# names, by the product's name or one of its aliases (without case, colons and repeated spaces),
# optionally followed by more words.
_alias(os, products) := name if {
	not _os_name(os)
	some name, product in products
	some n in array.concat([name], _array(object.get(product, "aliases", [])))
	is_string(n)
	_names(_strip(os), n)
}

_strip(os) := trim_space(regex.replace(os, `(?i)^microsoft\s+`, ""))

_names(os, n) if _norm(os) == _norm(n)

_names(os, n) if startswith(_norm(os), concat("", [_norm(n), " "]))

_alias_end_problems(os, products, ctx) := {p |
	name := _alias(os, products)
	eos := dates.last_day(products[name].endOfSupport)
	days := dates.days_until(ctx.asOf, eos)
	days < 0
	p := {
		"message": sprintf("the host runs %s (%s), and AKS Arc support on it ended on %s (%s ago); move the workloads to a supported host (Windows Server 2019 Datacenter or later, or a supported Azure Local release)", [os, name, eos, dates.count(0 - days)]),
		"details": {"reason": "pastEndOfSupport", "product": name, "endOfSupport": eos, "daysPast": 0 - days},
	}
}

_not_windows_server(os, products, ctx) := {p |
	not _os_name(os)
	not _alias(os, products)
	p := {
		"message": sprintf("the host runs \"%s\", which is not Windows Server; AKS Arc on Windows Server needs Windows Server 2019 Datacenter or later (supported: %s)", [os, concat(", ", _supported_products(products, ctx))]),
		"details": {"reason": "notWindowsServer"},
	}
}

_product_problems(os, products, ctx) := {p |
	name := _os_name(os)
	not products[name.product]
	p := _unknown_product(os, name, products, ctx)
}

_edition_problems(os, products) := {p |
	name := _os_name(os)
	product := products[name.product]
	name.edition != ""
	not _edition_listed(name.edition, object.get(product, "editions", []))
	editions := _editions(product)
	p := {
		"message": sprintf("the host runs %s; %s", [os, _needed_editions(name, editions)]),
		"details": {"reason": "editionNotSupported", "product": name.product, "edition": name.edition, "supportedEditions": editions},
	}
}

# _editions are the edition names the catalog lists for a host product.
_editions(product) := [e | some e in _array(object.get(product, "editions", [])); is_string(e)]

_array(x) := x if is_array(x)

_array(x) := [] if not is_array(x)

# _needed_editions names the supported editions in full: "AKS Arc needs Windows Server 2022
# Datacenter or Windows Server 2022 Datacenter: Azure Edition, not the Standard edition".
_needed_editions(name, editions) := sprintf("AKS Arc needs %s, not the %s edition", [
	_or_list([sprintf("%s %s", [name.product, e]) | some e in editions]),
	name.edition,
]) if {
	count(editions) > 0
}

_needed_editions(name, editions) := sprintf("the catalog lists no edition of %s that AKS Arc supports", [name.product]) if {
	count(editions) == 0
}

# _or_list joins names as "a", "a or b", "a, b or c".
_or_list(xs) := xs[0] if count(xs) == 1

_or_list(xs) := sprintf("%s or %s", [concat(", ", array.slice(xs, 0, count(xs) - 1)), xs[count(xs) - 1]]) if count(xs) > 1

_product_end_problems(os, products, ctx) := {p |
	name := _os_name(os)
	product := products[name.product]
	eos := dates.last_day(product.endOfSupport)
	days := dates.days_until(ctx.asOf, eos)
	days < 0
	p := {
		"message": sprintf("the host runs %s, and AKS Arc support on %s hosts ended on %s (%s ago)", [os, name.product, eos, dates.count(0 - days)]),
		"details": {"reason": "pastEndOfSupport", "product": name.product, "edition": name.edition, "endOfSupport": eos, "daysPast": 0 - days},
	}
}

_unknown_product(os, name, products, _) := {
	"message": sprintf("the host runs %s, which is older than %s, the oldest supported host product; AKS Arc needs Windows Server 2019 Datacenter or later", [os, _oldest_product(products)]),
	"details": {"reason": "productTooOld", "product": name.product, "edition": name.edition},
} if {
	name.year < _product_year(_oldest_product(products))
}

_unknown_product(os, name, products, ctx) := {
	"message": sprintf("the host runs %s, which is not a supported host product in the catalog (supported: %s)", [os, concat(", ", _supported_products(products, ctx))]),
	"details": {"reason": "productUnknown", "product": name.product, "edition": name.edition},
} if {
	not name.year < _product_year(_oldest_product(products))
}

# Editions compare without case, colons and repeated spaces: "Datacenter: Azure Edition"
# and "Datacenter Azure Edition" are the same edition.
_edition_listed(edition, editions) if {
	some listed in editions
	_norm(listed) == _norm(edition)
}

_norm(s) := concat(" ", [w | some w in split(replace(lower(s), ":", " "), " "); w != ""])

_product_year(product) := to_number(regex.find_all_string_submatch_n(`([0-9]{4})`, product, 1)[0][1])

_oldest_product(products) := min({k |
	some k, _ in products
	_product_year(k) == min({_product_year(x) | some x, _ in products})
})

_supported_products(products, ctx) := sort([k |
	some k, product in products
	not dates.days_until(ctx.asOf, dates.last_day(product.endOfSupport)) < 0
])

# AzureLocal hosts: spec.host.azureLocalRelease, "2510" or "2510.1" (YYMM and an optional
# build after the dot).

_azure_local(doc, ctx) := {f |
	snapshot.is_snapshot(doc)
	snapshot.platform(doc, ctx) == "AzureLocal"
	release := _release_text(doc.spec.host.azureLocalRelease)
	release != ""
	releases := object.get(ctx, ["catalog", "platforms", "AzureLocal", "releases"], {})
	key := _release_key(release, releases)
	supported := _supported_releases(releases, ctx)
	some problem in _release_problems(key, releases, ctx)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("cluster %s: Azure Local release %s %s; %s", [doc.metadata.name, release, problem.message, _update_advice(supported, ctx)]),
		object.union({"platform": "AzureLocal", "azureLocalRelease": release, "release": key, "supportedReleases": supported}, problem.details),
	)
}

# _release_key is the catalog key of a release: the release as given when the catalog lists it
# ("2411.1"), else its YYMM.
_release_key(release, releases) := release if releases[release]

_release_key(release, releases) := split(release, ".")[0] if not releases[release]

_update_advice(supported, _) := sprintf("update Azure Local to a supported release (supported: %s)", [concat(", ", supported)]) if count(supported) > 0

_update_advice(supported, ctx) := sprintf("update Azure Local to a release still in support: %s and it knows no release in support as of %s, so newer releases are unknown to it, not absent (see AKSARC-090 and the release information page)", [catalog.facts_text(ctx), dates.date(ctx.asOf)]) if {
	count(supported) == 0
	catalog.past_facts(ctx)
}

_update_advice(supported, ctx) := "update Azure Local to a supported release (the catalog knows none in support on this date)" if {
	count(supported) == 0
	not catalog.past_facts(ctx)
}

_release_text(r) := trim_space(r) if is_string(r)

_release_text(r) := sprintf("%v", [r]) if is_number(r)

_release_problems(key, releases, ctx) := _release_end_problems(key, releases, ctx) | _release_unknown_problems(key, releases)

_release_end_problems(key, releases, ctx) := {p |
	release := releases[key]
	eos := dates.last_day(release.endOfSupport)
	days := dates.days_until(ctx.asOf, eos)
	days < 0
	p := {
		"message": sprintf("reached its end of support on %s (%s ago)", [_eos_text(release.endOfSupport), dates.count(0 - days)]),
		"details": {"reason": "pastEndOfSupport", "endOfSupport": eos, "daysPast": 0 - days},
	}
}

_release_unknown_problems(key, releases) := {p |
	not releases[key]
	p := _unknown_release(key, releases)
}

_unknown_release(key, releases) := {
	"message": sprintf("is older than every release the catalog knows (oldest: %s)", [min(object.keys(releases))]),
	"details": {"reason": "releaseTooOld", "oldestKnown": min(object.keys(releases))},
} if {
	regex.match(`^[0-9]{4}$`, key)
	key < min(object.keys(releases))
}

_unknown_release(key, releases) := {
	"message": "is not a supported Azure Local release in the catalog",
	"details": {"reason": "releaseUnknown"},
} if {
	not _outside_known(key, releases)
}

_outside_known(key, releases) if {
	regex.match(`^[0-9]{4}$`, key)
	key < min(object.keys(releases))
}

_outside_known(key, releases) if _newer_than_known(key, releases)

# _newer_than_known is true for a release (YYMM) later than every release the catalog knows: the
# catalog cannot judge it (not_evaluated), and advising a known release would be a downgrade.
_newer_than_known(key, releases) if {
	regex.match(`^[0-9]{4}$`, key)
	key > max(object.keys(releases))
}

# not_evaluated reports an Azure Local release newer than every release the catalog knows: the
# rule is silent on it, and the evaluator lists it under "not evaluated".
not_evaluated(doc, ctx) := {x |
	snapshot.is_snapshot(doc)
	snapshot.platform(doc, ctx) == "AzureLocal"
	release := _release_text(doc.spec.host.azureLocalRelease)
	key := split(release, ".")[0]
	_newer_than_known(key, object.get(ctx, ["catalog", "platforms", "AzureLocal", "releases"], {}))
	x := result.not_evaluated(
		rego.metadata.chain(),
		sprintf("spec.host.azureLocalRelease (%s is newer than every release the catalog knows; update the catalog)", [release]),
	)
}

_eos_text(s) := s if dates.precision(s) == "day"

_eos_text(s) := sprintf("%s (the end of %s)", [dates.last_day(s), s]) if dates.precision(s) == "month"

_supported_releases(releases, ctx) := sort([k |
	some k, release in releases
	not dates.days_until(ctx.asOf, dates.last_day(release.endOfSupport)) < 0
])
