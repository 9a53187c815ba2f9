"""Configuration: the typed schema base, YAML that remembers positions, site.yaml's settings and the site's paths.

Every schema collects every error with its line and column (`schema.validate`), the way MkDocs' config
schema does, but positioned. May import: `attunement.files`, `attunement.diagnostics`.
"""
