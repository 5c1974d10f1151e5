# METADATA
# description: |
#   The catalog as a library. Here it is the catalog of policies/catalog; `aksarc-opa export
#   gatekeeper` replaces this module with the catalog's value written out, because Gatekeeper's
#   Rego can read only libraries under data.lib, the review and the Constraint's parameters.
package lib.aksarc.embedded_catalog

import data.aksarc.catalog as source

catalog := source.catalog
