package lib.aksarc.context_test

import data.lib.aksarc.context

embedded := {
	"versions": {"1.29": {"released": "2024-02-01", "note": "n"}, "1.30": {"released": "2024-08-01"}},
	"platforms": {"AzureLocal": {"releases": {"2510": {"available": "2025-10-09"}, "2511": {"available": "2025-11"}}}},
	"lists": [{"a": 1}, null],
}

test_without_override_the_catalog_is_the_embedded_one if {
	context.build({}, 0, embedded, null).catalog == embedded
}

test_a_null_entry_is_switched_off_not_an_entry_without_facts if {
	got := context.build({"catalog": {"platforms": {"AzureLocal": {"releases": {"2510": null}}}}}, 0, embedded, null).catalog
	not "2510" in object.keys(got.platforms.AzureLocal.releases)
	got.platforms.AzureLocal.releases["2511"] == {"available": "2025-11"}
	got.versions == embedded.versions
}

test_a_null_field_is_cleared if {
	got := context.build({"catalog": {"versions": {"1.29": {"note": null}, "1.30": null}}}, 0, embedded, null).catalog
	got.versions == {"1.29": {"released": "2024-02-01"}}
}

test_items_of_arrays_are_kept if {
	got := context.build({"catalog": {"versions": {"1.30": null}}}, 0, embedded, null).catalog
	got.lists == [{"a": 1}, null]
}

test_nulls_in_a_platform_version_layer_stay_for_the_layers_to_merge if {
	got := context.build({"catalog": {"platforms": {"AzureLocal": {"versions": {"1.29": null}}}}}, 0, embedded, null).catalog
	got.platforms.AzureLocal.versions == {"1.29": null}
}
