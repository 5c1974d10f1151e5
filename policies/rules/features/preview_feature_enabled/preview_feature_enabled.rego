# METADATA
# title: Preview feature or preview Kubernetes version in use
# description: |
#   An AKS Arc preview feature is turned on (spec.features.previewFeatures), or the cluster runs
#   a preview Kubernetes version (a "-preview" version suffix, or a minor version the catalog
#   marks preview: true, as az aksarc get-versions reports isPreview). Previews are not for
#   production and get best-effort support in business hours only.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#preview-features-or-feature-flags
#     description: Preview features or feature flags
#   - ref: https://learn.microsoft.com/azure/aks/aksarc/support-policies#unsupported-preview-and-beta-kubernetes-features
#     description: Unsupported preview and beta Kubernetes features
# custom:
#   id: AKSARC-062
#   name: preview-feature-enabled
#   severity: warn
#   section: Preview features or feature flags
#   input: snapshot
#   requires: [spec.features.previewFeatures]
#   remediation: Keep preview features and preview Kubernetes versions off production clusters; support for them is best effort, in business hours, and they may change or be removed.
package lib.aksarc.rules.features.preview_feature_enabled

import data.lib.aksarc.catalog
import data.lib.aksarc.result
import data.lib.aksarc.snapshot
import data.lib.aksarc.versions

violations(doc, ctx) := _feature_findings(doc) | _version_findings(doc, ctx)

# One finding per preview feature turned on.
_feature_findings(doc) := {f |
	snapshot.is_snapshot(doc)
	some feature in _preview_features(doc)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("cluster %s has the AKS Arc preview feature %s turned on: previews are not for production and get best-effort support in business hours only", [doc.metadata.name, feature]),
		{"reason": "previewFeature", "feature": feature},
	)
}

_preview_features(doc) := {x |
	features := object.get(doc, ["spec", "features", "previewFeatures"], [])
	is_array(features)
	some x in features
	is_string(x)
	trim_space(x) != ""
}

_version_findings(doc, ctx) := {f |
	snapshot.is_snapshot(doc)
	v := versions.parse(snapshot.cluster(doc).kubernetesVersion)
	platform := snapshot.platform(doc, ctx)
	basis := _preview_basis(v, ctx, platform)
	f := result.finding(
		rego.metadata.chain(),
		doc,
		sprintf("cluster %s runs the preview Kubernetes version %s (%s): previews are not for production and get best-effort support in business hours only", [doc.metadata.name, v.text, basis]),
		{"reason": "previewVersion", "kubernetesVersion": v.text, "platform": platform, "basis": basis},
	)
}

_preview_basis(v, _, _) := "version suffix" if contains(lower(v.suffix), "preview")

_preview_basis(v, ctx, platform) := "marked preview in the catalog" if {
	not contains(lower(v.suffix), "preview")
	catalog.entry(ctx, platform, v.minor_key).preview == true
}
