"""Links an author writes in Markdown, and the Markdown of articles, pages and quizzes rendered with them.

`other.md` and `/articles/x.md` become page URLs (checked, anchors included); `/path` becomes a
relative site path (checked against the build plan); everything else passes through.
"""

from __future__ import annotations

import difflib
import posixpath
from pathlib import Path

from .content import Document
from .diagnostics import Diagnostics, Location, did_you_mean
from .markdown import Markdown, Resolver
from .quizzes import LoadedQuiz
from .routes import Route
from .site import Site
from .urls import SCHEME_RE, Linker


class Links:
    """Resolves the links an author writes: `other.md` and `/articles/x.md` to page URLs, `/path` to relative."""

    def __init__(self, site: Site, outputs: set[str], diags: Diagnostics, markdown: Markdown):
        self.markdown = markdown
        self.by_source = {d.source.path.relative_to(site.layout.root).as_posix(): d for d in site.documents}
        self.outputs = outputs
        self.site = site
        self.diags = diags
        self.pending_anchors: list[tuple[Document, str, Location]] = []

    def resolver(self, source: Path, linker: Linker) -> Resolver:
        base = source.parent.relative_to(self.site.layout.root).as_posix()

        def resolve(href: str, line: int, col: int) -> str:
            if not href or href.startswith(("#", "//")) or SCHEME_RE.match(href):
                return href
            path, hash_, fragment = href.partition("#")
            where = self.diags.location(source, line, col)
            if not path.endswith(".md"):
                if not path.startswith("/"):
                    return href
                if not self._published(path):
                    self.diags.warning(where, f"broken link '{href}': nothing in the site is published at that address")
                return linker(path) + hash_ + fragment
            key = posixpath.normpath(posixpath.join("site_src", path[1:]) if path.startswith("/") else posixpath.join(base, path))
            target = self.by_source.get(key)
            if target is None:
                near = difflib.get_close_matches(key, self.by_source, n=1)
                written = ("/" + posixpath.relpath(near[0], "site_src")) if near and path.startswith("/") else (
                    posixpath.relpath(near[0], base) if near else "")
                hint = f" (did you mean '{written}'?)" if near else ""
                self.diags.warning(where, f"broken link '{href}': no article or page at {key}{hint}")
                return href
            if fragment:
                self.pending_anchors.append((target, fragment, where))
            return linker(target.url) + hash_ + fragment

        return resolve

    def quiz_html(self, loaded: LoadedQuiz, part: str, linker: Linker, id_prefix: str = "",
                  heading_base: int | None = None) -> str:
        """A quiz's instructions (`part="instructions"`) or a body (`results/<id>`, `pairings/<id>`), linked for `linker`'s page."""
        if part == "instructions":
            source, text, line = loaded.source, loaded.quiz.instructions, loaded.positions.at(("instructions",))[0]
        else:
            body = loaded.bodies[part]
            source, text, line = body.source, body.text, body.first_line
        return self.markdown.render(text, self.resolver(source.path, linker), first_line=line, id_prefix=id_prefix,
                                    heading_base=heading_base).html

    def _published(self, path: str) -> bool:
        rel = path.lstrip("/")
        return rel in self.outputs or (rel.rstrip("/") + "/index.html").lstrip("/") in self.outputs

    def check_anchors(self) -> None:
        for target, fragment, where in self.pending_anchors:
            if fragment not in {h.id for h in target.headings}:
                ids = [h.id for h in target.headings]
                self.diags.warning(where, f"broken link: '{target.name}' has no heading '#{fragment}'{did_you_mean(fragment, ids)}")


def render_markdown(site: Site, routes: list[Route], diags: Diagnostics, *, explicit_index: bool = False) -> Links:
    """Fill in every document's HTML and headings; broken links are warnings (errors under --strict).

    Quiz texts are checked here too, but rendered where they are shown (`Links.quiz_html`), since a
    quiz's instructions and results appear on pages at different depths.
    """
    markdown = Markdown(raw_html=site.config.markdown.raw_html)
    links = Links(site, {r.output for r in routes}, diags, markdown)
    for doc in site.documents:
        resolve = links.resolver(doc.source.path, Linker(doc.output, explicit_index))
        rendered = markdown.render(doc.body, resolve, first_line=doc.body_line)
        doc.html, doc.headings = rendered.html, rendered.headings
    for loaded in site.quizzes:
        for part in ["instructions", *loaded.bodies]:  # "results/<id>", "pairings/<id>"
            links.quiz_html(loaded, part, Linker(loaded.output, explicit_index))
    links.check_anchors()
    return links
