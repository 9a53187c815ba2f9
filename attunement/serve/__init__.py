"""`attune serve`: the live preview server and the overlay that shows build errors in the browser.

May import: `attunement.build` and everything below it.
"""
