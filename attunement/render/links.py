"""Links an author writes in Markdown, and the Markdown of articles, pages and quizzes rendered with them.

`other.md` and `/articles/x.md` become page URLs (checked, anchors included); `/path` becomes a
relative site path (checked against the build plan); everything else passes through.
"""

from __future__ import annotations

import difflib
import posixpath
from dataclasses import dataclass
from pathlib import Path

from attunement.content.documents import Document, original_path
from attunement.content.loading import Site
from attunement.content.quizzes import LoadedQuiz
from attunement.content.urls import Linker, Localized, passes_through
from attunement.diagnostics import Diagnostics, did_you_mean
from attunement.files.sources import MARKDOWN_SUFFIXES, source_key
from attunement.render.linklog import LinkLog
from attunement.render.markdown import Heading, Markdown, Resolver


@dataclass(frozen=True)
class RenderedDocument:
    """An article's or page's body as HTML, and what rendering it learned: its headings and links."""

    html: str
    headings: list[Heading]
    log: LinkLog


class Links:
    """Resolves the links an author writes: `other.md` and `/articles/x.md` to page URLs, `/path` to relative."""

    def __init__(self, site: Site, diags: Diagnostics, markdown: Markdown, *, explicit_index: bool):
        self.markdown = markdown
        root = site.layout.root
        # a link names the original (`about.md`) and leads to this language's page for it; a translation's own
        # name (`about.es.md`) leads there too
        self.by_source = {source_key(root, original_path(d)): d for d in [*site.elsewhere, *site.documents]}
        self.by_source.update({source_key(root, d.source.path): d for d in site.documents})
        self.site = site
        self.diags = diags
        self.explicit_index = explicit_index
        """Links name `index.html` files (pages opened from disk, where a folder URL would not open its index)."""
        self._documents: dict[str, RenderedDocument] = {}
        self.localized: Localized | None = None
        """Where this language's links lead, known once every language is planned (the build sets it)."""

    def resolver(self, source: Path, linker: Linker, log: LinkLog) -> Resolver:
        base = source.parent.relative_to(self.site.layout.root).as_posix()

        def resolve(href: str, line: int, col: int) -> str:
            if not href or passes_through(href):
                return href
            path, hash_, fragment = href.partition("#")
            if not path.endswith(MARKDOWN_SUFFIXES):
                if not path.startswith("/"):
                    return href
                log.paths.append((path, self.diags.location(source, line, col)))
                return linker(path) + hash_ + fragment
            key = posixpath.normpath(
                posixpath.join("site_src", path[1:]) if path.startswith("/") else posixpath.join(base, path)
            )
            target = self.by_source.get(key)
            log.targets[key] = target is not None
            if target is None:
                near = difflib.get_close_matches(key, self.by_source, n=1)
                written = (
                    ("/" + posixpath.relpath(near[0], "site_src"))
                    if near and path.startswith("/")
                    else (posixpath.relpath(near[0], base) if near else "")
                )
                hint = f" (did you mean '{written}'?)" if near else ""
                log.broken.append(
                    (self.diags.location(source, line, col), f"broken link '{href}': no article or page at {key}{hint}")
                )
                return href
            if fragment:
                own = source_key(self.site.layout.root, target.source.path)
                log.anchors.append((own, fragment, self.diags.location(source, line, col)))
            return linker(target.url) + hash_ + fragment

        return resolve

    def still_valid(self, log: LinkLog) -> bool:
        """Whether every `.md` link in a text rendered earlier would resolve as it did then."""
        return all((key in self.by_source) == found for key, found in log.targets.items())

    def render_document(self, doc: Document) -> RenderedDocument:
        """A document's body as HTML, with its headings and link log (rendered once per build and process)."""
        key = doc.source.digest
        if key not in self._documents:
            log = LinkLog()
            resolve = self.resolver(doc.source.path, Linker(doc.output, self.explicit_index, None, self.localized), log)
            rendered = self.markdown.render(doc.body, resolve, first_line=doc.body_line, source=doc.source.digest)
            self._documents[key] = RenderedDocument(rendered.html, rendered.headings, log)
        return self._documents[key]

    def document_html(self, doc: Document) -> tuple[str, list[Heading]]:
        """What templates read of a document's body (see views.py)."""
        rendered = self.render_document(doc)
        return rendered.html, rendered.headings

    def quiz_html(
        self,
        loaded: LoadedQuiz,
        part: str,
        linker: Linker,
        id_prefix: str = "",
        heading_base: int | None = None,
        log: LinkLog | None = None,
    ) -> str:
        """A quiz's instructions (`part="instructions"`), a section's (`sections/<index>`) or a body (`results/<id>`,
        `pairings/<id>`), linked for `linker`'s page."""
        if part == "instructions":
            source, text, line = loaded.source, loaded.quiz.instructions, loaded.positions.at(("instructions",))[0]
        elif part.startswith("sections/"):
            index = int(part.removeprefix("sections/"))
            text = loaded.quiz.groups[index].instructions
            source, line = loaded.source, loaded.positions.at(("sections", index, "instructions"))[0]
        else:
            body = loaded.bodies[part]
            source, text, line = body.source, body.text, body.first_line
        return self.markdown.render(
            text,
            self.resolver(source.path, linker, log or LinkLog()),
            first_line=line,
            id_prefix=id_prefix,
            heading_base=heading_base,
            source=source.digest,
        ).html

    def quiz_logs(self, earlier: dict[str, LinkLog]) -> dict[str, LinkLog]:
        """The links of every quiz text, by text, checked once per build (pages show them at several depths).

        A text whose log from an earlier build (`earlier`) still holds is not rendered again.
        """
        logs: dict[str, LinkLog] = {}
        for loaded in self.site.quizzes:
            sections = [f"sections/{i}" for i, s in enumerate(loaded.quiz.sections or []) if s.instructions]
            for part in ["instructions", *sections, *loaded.bodies]:  # "results/<id>", "pairings/<id>"
                source = loaded.bodies[part].source if part in loaded.bodies else loaded.source
                key = f"{source.digest}\0{loaded.source.digest}\0{part}"
                log = earlier.get(key)
                if log is None or not self.still_valid(log):
                    log = LinkLog()
                    self.quiz_html(loaded, part, Linker(loaded.output, self.explicit_index), log=log)
                logs[key] = log
        return logs


def check_links(logs: list[LinkLog], outputs: set[str], heading_ids: dict[str, list[str]], diags: Diagnostics) -> None:
    """Report broken links of a whole build, every language's: missing sources, unpublished paths and unknown
    anchors."""
    for log in logs:
        for where, message in log.broken:
            diags.warning(where, message)
        for path, where in log.paths:
            rel = path.lstrip("/")
            if rel not in outputs and (rel.rstrip("/") + "/index.html").lstrip("/") not in outputs:
                diags.warning(where, f"broken link '{path}': nothing in the site is published at that address")
        for key, fragment, where in log.anchors:
            ids = heading_ids.get(key, [])
            if fragment not in ids:
                name = posixpath.splitext(posixpath.basename(key))[0]
                diags.warning(where, f"broken link: '{name}' has no heading '#{fragment}'{did_you_mean(fragment, ids)}")
