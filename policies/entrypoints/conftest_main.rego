# METADATA
# description: |
#   Entry point for conftest: `conftest test --policy policies/ FILE...` runs every rule, with no
#   --namespace (conftest's default namespace is main), with --namespace main, or with
#   --all-namespaces (the same findings: no other package has a deny, warn or violation rule).
#   Only deny and warn are defined here, so that your own policies in package main, passed with
#   a second --policy, add their rules beside these and share no other name; the work is done in
#   package aksarc.conftest.
package main

import data.aksarc.conftest

deny contains result if some result in conftest.failures

warn contains result if some result in conftest.warnings
