"""Files: reading the author's sources safely and writing the output atomically.

The bottom of the house: standard library only, and nothing here knows what a site is.
May import: `attunement.diagnostics`.
"""
