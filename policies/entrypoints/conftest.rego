# METADATA
# description: |
#   What conftest reports, for the entry point in package main (conftest_main.rego):
#   `conftest test --policy policies/ FILE`, with no --namespace (conftest's default namespace
#   is main) or with --all-namespaces. conftest gives one document at a time as input; a
#   kubectl List is judged item by item. Each finding becomes a conftest failure or warning
#   whose msg starts with the rule ID and whose other fields carry the rule's metadata. The
#   evaluation date is the current time unless a data file pins it (aksarc_settings.asOf, passed
#   with --data), as for the CLI. No rule here is named deny, warn or violation: conftest would
#   query them too under --all-namespaces and report every finding twice.
package aksarc.conftest

import data.aksarc.catalog
import data.lib.aksarc.context
import data.lib.aksarc.registry

default settings := {}

# settings is the aksarc_settings data document (--data), when there is one.
settings := data.aksarc_settings

# conftest has no cluster context: each document is judged alone.
ctx := context.build(settings, time.now_ns(), catalog.catalog, null)

# failures and warnings are the conftest results of the deny and of the warn findings.
failures contains result if {
	some f in findings
	f.severity == "deny"
	result := _result(f)
}

warnings contains result if {
	some f in findings
	f.severity == "warn"
	result := _result(f)
}

# findings of the input document, or of each item of a List (kind List or a typed list such as
# PodList, whose items carry no kind of their own).
findings contains f if {
	some doc in documents
	some f in registry.findings(doc, ctx)
}

documents := [input] if not _is_list(input)

documents := [_item(input, item) | some item in input.items] if _is_list(input)

_is_list(doc) if {
	is_string(doc.kind)
	endswith(doc.kind, "List")
	is_array(doc.items)
}

# Items of a typed list get their kind and apiVersion from the list (as kubectl prints them).
_item(list, item) := object.union({"kind": trim_suffix(list.kind, "List"), "apiVersion": list.apiVersion}, item) if {
	list.kind != "List"
	is_object(item)
}

_item(list, item) := item if list.kind == "List"

_item(list, item) := item if {
	list.kind != "List"
	not is_object(item)
}

_result(f) := {
	"msg": sprintf("%s %s: %s", [f.id, _where(f.resource), f.message]),
	"id": f.id,
	"name": f.name,
	"severity": f.severity,
	"title": f.title,
	"section": f.section,
	"url": f.url,
	"remediation": f.remediation,
	"resource": f.resource,
	"details": f.details,
}

_where(r) := sprintf("%s %s/%s", [r.kind, r.namespace, r.name]) if r.namespace != ""

_where(r) := sprintf("%s %s", [r.kind, r.name]) if r.namespace == ""
