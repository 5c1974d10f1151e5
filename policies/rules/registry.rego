# METADATA
# description: |
#   Every rule, in one place: findings(doc, ctx) is the union of the violations of the rules that
#   can fire on one document, chosen by its kind (lib.aksarc.dispatch). The evaluator and conftest
#   entry points call it; Gatekeeper templates call single rules. A Go test fails when a rule
#   package with an ID is missing here.
#   not_evaluated(doc, ctx) is the union of what rules with a not_evaluated function could not
#   judge in a document (the facts of their METADATA requires are checked by the evaluator).
package lib.aksarc.registry

import data.lib.aksarc.dispatch
import data.lib.aksarc.rules.catalog.catalog_stale as aksarc_090
import data.lib.aksarc.rules.features.alpha_api_in_use as aksarc_061
import data.lib.aksarc.rules.features.alpha_feature_gate as aksarc_060
import data.lib.aksarc.rules.features.preview_feature_enabled as aksarc_062
import data.lib.aksarc.rules.lifecycle.disconnected_nearing_limit as aksarc_045
import data.lib.aksarc.rules.lifecycle.disconnected_too_long as aksarc_044
import data.lib.aksarc.rules.lifecycle.nodes_deallocated_outside_api as aksarc_043
import data.lib.aksarc.rules.lifecycle.stopped_control_plane_out_of_support as aksarc_040
import data.lib.aksarc.rules.lifecycle.stopped_nearing_limit as aksarc_042
import data.lib.aksarc.rules.lifecycle.stopped_update_blocked as aksarc_041
import data.lib.aksarc.rules.managed.kube_system_foreign_object as aksarc_010
import data.lib.aksarc.rules.managed.managed_component_change as aksarc_011
import data.lib.aksarc.rules.managed.system_metadata_change as aksarc_012
import data.lib.aksarc.rules.networking.cni_not_supported as aksarc_030
import data.lib.aksarc.rules.networking.network_outside_defined_subnets as aksarc_032
import data.lib.aksarc.rules.networking.third_party_oss as aksarc_031
import data.lib.aksarc.rules.nodes.nic_level_network_change as aksarc_021
import data.lib.aksarc.rules.nodes.node_image_outdated as aksarc_022
import data.lib.aksarc.rules.nodes.node_not_managed as aksarc_023
import data.lib.aksarc.rules.nodes.privileged_node_customization as aksarc_020
import data.lib.aksarc.rules.nodes.windows_node_pool_os_retired as aksarc_024
import data.lib.aksarc.rules.subscription.subscription_at_risk as aksarc_053
import data.lib.aksarc.rules.subscription.subscription_deleted as aksarc_052
import data.lib.aksarc.rules.subscription.subscription_out_of_support as aksarc_050
import data.lib.aksarc.rules.subscription.subscription_suspended as aksarc_051
import data.lib.aksarc.rules.upgrades.api_removed_in_next_minor as aksarc_070
import data.lib.aksarc.rules.versions.host_unsupported as aksarc_006
import data.lib.aksarc.rules.versions.known_issue as aksarc_080
import data.lib.aksarc.rules.versions.patch_not_current as aksarc_004
import data.lib.aksarc.rules.versions.version_outside_support as aksarc_001
import data.lib.aksarc.rules.versions.version_removed as aksarc_002
import data.lib.aksarc.rules.versions.version_skew as aksarc_005
import data.lib.aksarc.rules.versions.version_support_ending as aksarc_003
import data.lib.aksarc.rules.versions.version_unknown_newer as aksarc_091
import data.lib.aksarc.snapshot

# findings(doc, ctx) is the union of the violations of every rule that can fire on the document:
# the groups of rules that judge its kind (lib.aksarc.dispatch), so that a ConfigMap does not pay
# for the snapshot, node or pod rules. A Go test compares findings with all_findings on every
# fixture and a generated cluster dump.
findings(doc, ctx) := union({group_findings(g, doc, ctx) | some g in dispatch.groups(doc)})

# all_findings asks every rule, whatever the document's kind.
all_findings(doc, ctx) := union({group_findings(g, doc, ctx) | some g in dispatch.all_groups})

# group_findings(group, doc, ctx): the rules of one group, as dispatch.rules assigns them
# (a Go test holds the two to each other).
# snapshot: rules that judge ClusterSnapshots only.
group_findings("snapshot", doc, ctx) := union({
	aksarc_001.violations(doc, ctx),
	aksarc_002.violations(doc, ctx),
	aksarc_003.violations(doc, ctx),
	aksarc_004.violations(doc, ctx),
	aksarc_006.violations(doc, ctx),
	aksarc_022.violations(doc, ctx),
	aksarc_024.violations(doc, ctx),
	aksarc_032.violations(doc, ctx),
	aksarc_040.violations(doc, ctx),
	aksarc_041.violations(doc, ctx),
	aksarc_042.violations(doc, ctx),
	aksarc_043.violations(doc, ctx),
	aksarc_044.violations(doc, ctx),
	aksarc_045.violations(doc, ctx),
	aksarc_050.violations(doc, ctx),
	aksarc_051.violations(doc, ctx),
	aksarc_052.violations(doc, ctx),
	aksarc_053.violations(doc, ctx),
	aksarc_062.violations(doc, ctx),
	aksarc_080.violations(doc, ctx),
	aksarc_090.violations(doc, ctx),
	aksarc_091.violations(doc, ctx),
})

# any: rules that judge objects of every kind (namespace, name, labels, API version).
group_findings("any", doc, ctx) := union({
	aksarc_010.violations(doc, ctx),
	aksarc_011.violations(doc, ctx),
	aksarc_012.violations(doc, ctx),
	aksarc_021.violations(doc, ctx),
	aksarc_031.violations(doc, ctx),
	aksarc_061.violations(doc, ctx),
	aksarc_070.violations(doc, ctx),
})

# podSpec: rules that read a pod template only.
group_findings("podSpec", doc, ctx) := aksarc_020.violations(doc, ctx)

# featureGates: snapshots, kubelet configuration and the flags of pod templates.
group_findings("featureGates", doc, ctx) := aksarc_060.violations(doc, ctx)

# nodes: snapshots and Node objects.
group_findings("nodes", doc, ctx) := union({
	aksarc_005.violations(doc, ctx),
	aksarc_023.violations(doc, ctx),
})

# daemonSets: snapshots and DaemonSets.
group_findings("daemonSets", doc, ctx) := aksarc_030.violations(doc, ctx)

# not_evaluated(doc, ctx): what the rules with a not_evaluated function could not judge in a
# ClusterSnapshot; empty for any other document.
not_evaluated(doc, ctx) := union({
	aksarc_001.not_evaluated(doc, ctx),
	aksarc_002.not_evaluated(doc, ctx),
	aksarc_003.not_evaluated(doc, ctx),
	aksarc_004.not_evaluated(doc, ctx),
	aksarc_006.not_evaluated(doc, ctx),
	aksarc_022.not_evaluated(doc, ctx),
	aksarc_024.not_evaluated(doc, ctx),
}) if {
	snapshot.is_snapshot(doc)
} else := set()
