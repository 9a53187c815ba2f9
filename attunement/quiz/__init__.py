"""The quiz domain: the quiz format, the reference scorer, reachable scores and the coverage proof, the client key.

A core with no Jinja, no files and no knowledge of pages, usable and testable on its own; everything
that loads or renders a quiz depends on it, never the reverse. May import: `attunement.config.schema`
(the schema base its models are written in), `attunement.diagnostics`.
"""
