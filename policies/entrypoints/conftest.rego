# METADATA
# description: |
#   Entry point for conftest: `conftest test --policy policies/ --namespace aksarc.conftest`.
#   conftest gives one document at a time as input; a kubectl List is judged item by item. Each
#   finding becomes a conftest deny or warn result whose msg starts with the rule ID and whose
#   other fields carry the rule's metadata. The evaluation date is the current time unless a
#   data file pins it (aksarc_settings.asOf, passed with --data), as for the CLI.
package aksarc.conftest

import data.aksarc.catalog
import data.lib.aksarc.context
import data.lib.aksarc.registry

default settings := {}

# settings is the aksarc_settings data document (--data), when there is one.
settings := data.aksarc_settings

# conftest has no cluster context: each document is judged alone.
ctx := context.build(settings, time.now_ns(), catalog.catalog, null)

deny contains result if {
	some f in findings
	f.severity == "deny"
	result := _result(f)
}

warn contains result if {
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
