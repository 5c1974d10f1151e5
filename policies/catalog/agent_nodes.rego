package aksarc.catalog

# Placeholder: filled in by the rule that reads it.
agent_nodes := {}
