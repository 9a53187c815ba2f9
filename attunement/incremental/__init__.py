"""Incremental builds: each output's key (the value of everything it read) and the cache of the last build.

`cache` uses only the standard library and `render.linklog`, so a build with nothing to do answers
before the renderer is imported. May import: `attunement.render` and everything below it.
"""
