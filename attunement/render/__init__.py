"""Rendering: Markdown with its links, the Jinja theme, the result plot, and a pool of processes to share the work.

While a page renders, `recorder` notes everything it reads of the site (through `views`), which is
what makes incremental builds exact. May import: `attunement.plan` and everything below it.
"""
