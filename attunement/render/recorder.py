"""What a page reads while it renders, noted as it happens (the way Lektor records dependencies).

An output's dependencies are not guessed from template syntax: every read of the site that a render
makes is noted as a *token* (a string naming one fact of the site, such as `meta:site_src/articles/x.md`
for an article's front matter, or `template:base.html`), and the output is keyed by the current value
of each token it read (see deps.py). Rendering is deterministic, so an output whose every read still
has the same value would come out byte for byte the same: it can be reused.

Reads are noted at three seams, so templates need no annotations and no list is kept by hand:
- the site's objects as templates see them (views.py), on every attribute a template or filter touches;
- names a template looks up in its context (`articles`, `topics`, ...), through `RecordingContext`;
- every template loaded for the page (extends, include, import), through `RecordingEnvironment`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import jinja2
from jinja2.runtime import Context

_reads: set[str] | None = None
"""The reads of the render in progress (None outside a render: nothing is noted)."""

CONTEXT_TOKENS = {
    "articles": "list:articles",
    "quizzes": "list:quizzes",
    "topics": "list:topics",
    "pages": "list:pages",
    "topic_titles": "topic_titles",
    "sitemap": "sitemap",
}
"""Context names that hold the whole site rather than the page being rendered, and the fact each one is."""


def note(token: str) -> None:
    """Note that the render in progress read the fact `token`."""
    if _reads is not None:
        _reads.add(token)


@contextmanager
def recording() -> Iterator[set[str]]:
    """Collect the reads of one render (renders never nest: one page is rendered at a time per process)."""
    global _reads
    _reads = reads = set[str]()
    try:
        yield reads
    finally:
        _reads = None


class RecordingContext(Context):
    """Notes the site-wide names a template looks up (Jinja resolves every name it uses through here)."""

    def resolve_or_missing(self, key: str) -> Any:
        token = CONTEXT_TOKENS.get(key)
        if token is not None:
            note(token)
        return super().resolve_or_missing(key)


class RecordingEnvironment(jinja2.Environment):
    """Notes every template a render loads: its own, and all it extends, includes or imports (even ones not found)."""

    context_class = RecordingContext

    def _load_template(self, name: str, globals: Any) -> jinja2.Template:
        note(f"template:{name}")
        return super()._load_template(name, globals)
