"""Markdown to HTML: CommonMark, tables, footnotes and heading anchors, with every link passed to a resolver.

This module knows nothing about the site's structure: the caller's `resolve` callback decides what a
link points to (and reports broken ones), so the same renderer serves articles, pages and quiz texts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Protocol

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin


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


def slugify(text: str) -> str:
    """Heading anchor ids: lowercase words joined by hyphens, accents folded (`Über uns` -> `uber-uns`)."""
    text = unicodedata.normalize("NFKD", text.replace("'", "").replace("\u2019", "")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


class Markdown:
    def __init__(self, *, raw_html: bool = False):
        self._md = (
            MarkdownIt("commonmark", {"html": raw_html, "typographer": False})
            .enable(["table", "strikethrough"])
            .use(footnote_plugin)
            .use(anchors_plugin, min_level=2, max_level=4, slug_func=slugify)
        )

    def render(
        self, text: str, resolve: Resolver, *, first_line: int = 1, id_prefix: str = "", heading_base: int | None = None
    ) -> MarkdownHtml:
        """Block Markdown; `first_line` is the file line of `text`'s first line, for link diagnostics.

        `id_prefix` keeps heading and footnote ids unique when several bodies share one page;
        `heading_base` shifts the body's headings so its highest becomes that level (at most h6),
        fitting the body under whatever heading the page shows it beneath.
        """
        env = {"docId": id_prefix} if id_prefix else {}
        tokens = self._md.parse(text, env)
        if heading_base is not None:
            _shift_headings(tokens, heading_base)
        lines = text.split("\n")
        headings: list[Heading] = []
        for index, token in enumerate(tokens):
            if token.type == "heading_open":
                token.attrSet("id", id_prefix + str(token.attrGet("id") or ""))
                headings.append(Heading(int(token.tag[1]), str(token.attrGet("id")), _heading_text(tokens[index + 1])))
            if token.type == "inline" and token.children:
                _resolve_links(token, lines, first_line, resolve)
        return MarkdownHtml(self._md.renderer.render(tokens, self._md.options, env), headings)

    def render_inline(self, text: str, resolve: Resolver) -> str:
        """One paragraph of inline Markdown (emphasis, links) for short texts from YAML."""
        tokens = self._md.parseInline(text)
        for token in tokens:
            if token.children:
                _resolve_links(token, text.split("\n"), 1, resolve)
        return self._md.renderer.render(tokens, self._md.options, {})


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


def _resolve_links(inline: Token, lines: list[str], first_line: int, resolve: Resolver) -> None:
    start = inline.map[0] if inline.map else 0
    for child in inline.children or []:
        attr = "href" if child.type == "link_open" else "src" if child.type == "image" else None
        if attr is None or child.markup in ("autolink", "linkify"):
            continue
        target = str(child.attrGet(attr) or "")
        line, col = _find(lines, start, target)
        child.attrSet(attr, resolve(target, first_line + line, col))


def _find(lines: list[str], start: int, target: str) -> tuple[int, int]:
    """Line offset and column of the link target in the source (markdown-it keeps only block lines)."""
    for offset in range(start, len(lines)):
        col = lines[offset].find(f"]({target}") if target else -1
        if col >= 0:
            return offset, col + 3
    return start, 1
