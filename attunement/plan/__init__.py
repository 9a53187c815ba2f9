"""The plan: every output of a build, what produces it and which template renders it, for each target.

Planning before rendering lets the build refuse two sources that would write one path and report a
missing template where it was asked for. May import: `attunement.content` and everything below it.
"""
