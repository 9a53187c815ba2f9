"""Markdown to HTML: CommonMark, tables, footnotes and heading anchors, with every link passed to a resolver.

This module knows nothing about the site's structure: the caller's `resolve` callback decides what a
link points to (and reports broken ones), so the same renderer serves articles, pages and quiz texts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

from attunement.memo import digest


class Resolver(Protocol):
    def __call__(self, href: str, line: int, col: int) -> str: ...


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


@dataclass
class MarkdownHtml:
    html: str
    headings: list[Heading] = field(default_factory=list)


HOLE = re.compile("\x00([0-9]+)\x00")
"""Where a link's target goes in parsed HTML (markdown-it turns NUL in a source into U+FFFD, so none is left)."""


@dataclass(frozen=True)
class Parsed:
    """A Markdown text rendered once, before its links are resolved: HTML with a numbered hole for each link's
    target, and each target with its place in the file. Parsing is the slow part, and depends only on the text,
    so it is kept by content between builds (a template edit parses nothing); resolving is quick and depends on
    the page the text is shown on, and on the rest of the site."""

    html: str
    links: tuple[tuple[str, int, int], ...]
    headings: tuple[Heading, ...]

    def linked(self, resolve: Resolver) -> MarkdownHtml:
        """The HTML with every link resolved for one page (in the text's order, as diagnostics expect)."""
        targets = [escapeHtml(resolve(target, line, col)) for target, line, col in self.links]
        return MarkdownHtml(HOLE.sub(lambda m: targets[int(m[1])], self.html), list(self.headings))

    def to_json(self) -> list[object]:
        return [self.html, [list(link) for link in self.links], [[h.level, h.id, h.text] for h in self.headings]]

    @classmethod
    def from_json(cls, data: list[Any]) -> Parsed:
        html, links, headings = data
        return cls(
            str(html), tuple((str(t), int(li), int(c)) for t, li, c in links), tuple(Heading(*h) for h in headings)
        )


def slugify(text: str) -> str:
    """Heading anchor ids: lowercase words joined by hyphens, accents folded (`Über uns` -> `uber-uns`)."""
    text = unicodedata.normalize("NFKD", text.replace("'", "").replace("\u2019", "")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


class Markdown:
    def __init__(self, *, raw_html: bool = False, parsed: ParsedStore | None = None):
        self._md = (
            MarkdownIt("commonmark", {"html": raw_html, "typographer": False})
            .enable(["table", "strikethrough"])
            .use(footnote_plugin)
            .use(anchors_plugin, min_level=2, max_level=4, slug_func=slugify)
        )
        self._settings = f"raw_html={raw_html}"
        self.parsed = parsed if parsed is not None else ParsedStore()

    def render(
        self,
        text: str,
        resolve: Resolver,
        *,
        first_line: int = 1,
        id_prefix: str = "",
        heading_base: int | None = None,
        source: str = "",
    ) -> MarkdownHtml:
        """Block Markdown; `first_line` is the file line of `text`'s first line, for link diagnostics.

        `id_prefix` keeps heading and footnote ids unique when several bodies share one page;
        `heading_base` shifts the body's headings so its highest becomes that level (at most h6),
        fitting the body under whatever heading the page shows it beneath. `source` (the digest of the file
        the text is from) lets the store of parsed texts forget a text once its file changes.
        """
        key = digest(self._settings, text, str(first_line), id_prefix, str(heading_base))
        parsed = self.parsed.get(key, source, lambda: self._parse(text, first_line, id_prefix, heading_base))
        return parsed.linked(resolve)

    def _parse(self, text: str, first_line: int, id_prefix: str, heading_base: int | None) -> Parsed:
        env = {"docId": id_prefix} if id_prefix else {}
        tokens = self._md.parse(text, env)
        if heading_base is not None:
            _shift_headings(tokens, heading_base)
        lines = text.split("\n")
        headings: list[Heading] = []
        links: list[tuple[str, int, int]] = []
        for index, token in enumerate(tokens):
            if token.type == "heading_open":
                token.attrSet("id", id_prefix + str(token.attrGet("id") or ""))
                headings.append(Heading(int(token.tag[1]), str(token.attrGet("id")), _heading_text(tokens[index + 1])))
            if token.type == "inline" and token.children:
                _hole_links(token, lines, first_line, links)
        html = self._md.renderer.render(tokens, self._md.options, env)
        return Parsed(html, tuple(links), tuple(headings))

    def render_inline(self, text: str, resolve: Resolver) -> str:
        """One paragraph of inline Markdown (emphasis, links) for short texts from YAML."""
        tokens = self._md.parseInline(text)
        links: list[tuple[str, int, int]] = []
        for token in tokens:
            if token.children:
                _hole_links(token, text.split("\n"), 1, links)
        return Parsed(self._md.renderer.render(tokens, self._md.options, {}), tuple(links), ()).linked(resolve).html


class ParsedStore:
    """Parsed texts by content, kept between builds (in `.attune-cache/` by `attune build`, in memory by `serve`).
    Each remembers the source file it came from, so a text is forgotten once no file of the site has that content;
    `made` holds what this store parsed itself, which a worker process sends back to the build."""

    def __init__(self, known: dict[str, tuple[str, Parsed]] | None = None) -> None:
        self.known = dict(known or {})
        self.made: dict[str, tuple[str, Parsed]] = {}

    def get(self, key: str, source: str, parse: Callable[[], Parsed]) -> Parsed:
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = self.made[key] = (source, parse())
        return found[1]

    def take_made(self) -> dict[str, tuple[str, Parsed]]:
        """What this store parsed since the last call (a worker sends it back to the build, which keeps it)."""
        made, self.made = self.made, {}
        return made

    def kept(self, sources: set[str]) -> dict[str, tuple[str, Parsed]]:
        """What to keep for the next build: the texts of files that still have the content they were parsed from."""
        return {key: found for key, found in self.known.items() if found[0] in sources}


def _shift_headings(tokens: list[Token], base: int) -> None:
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    if not levels:
        return
    shift = base - min(levels)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + shift)}"


def _heading_text(inline: Token) -> str:
    return "".join(child.content for child in inline.children or [] if child.type in ("text", "code_inline"))


def _hole_links(inline: Token, lines: list[str], first_line: int, links: list[tuple[str, int, int]]) -> None:
    """Replaces each link's target with a numbered hole, noting the target and where the file has it."""
    start = inline.map[0] if inline.map else 0
    for child in inline.children or []:
        attr = "href" if child.type == "link_open" else "src" if child.type == "image" else None
        if attr is None or child.markup in ("autolink", "linkify"):
            continue
        target = str(child.attrGet(attr) or "")
        line, col = _find(lines, start, target)
        child.attrSet(attr, f"\x00{len(links)}\x00")
        links.append((target, first_line + line, col))


def _find(lines: list[str], start: int, target: str) -> tuple[int, int]:
    """Line offset and column of the link target in the source (markdown-it keeps only block lines)."""
    for offset in range(start, len(lines)):
        col = lines[offset].find(f"]({target}") if target else -1
        if col >= 0:
            return offset, col + 3
    return start, 1
