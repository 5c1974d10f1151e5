package aksarc.catalog

# Placeholder: filled in by the rule that reads it.
feature_gates := {}
