"""Markdown to HTML: CommonMark, tables, footnotes and heading anchors, with every link passed to a resolver.

This module knows nothing about the site's structure: the caller's `resolve` callback decides what a
link points to (and reports broken ones), so the same renderer serves articles, pages and quiz texts.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

import markdown_it_pyrs
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.anchors.index import unique_slug
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


ANCHORED = range(2, 5)
"""The heading levels that get an id from their text (h2-h4: the sections a table of contents lists)."""

Engine = Literal["fast", "reference"]


class Markdown:
    """markdown-it-py is the reference; with `engine="fast"` each text is first offered to `FastEngine`, which
    gives the same HTML or declines, and a declined text is parsed by markdown-it-py."""

    def __init__(self, *, raw_html: bool = False, parsed: ParsedStore | None = None, engine: Engine = "fast"):
        self._md = (
            MarkdownIt("commonmark", {"html": raw_html, "typographer": False})
            .enable(["table", "strikethrough"])
            .use(footnote_plugin)
            .use(anchors_plugin, min_level=ANCHORED.start, max_level=ANCHORED.stop - 1, slug_func=slugify)
        )
        self._fast = FastEngine() if engine == "fast" and not raw_html else None
        self._settings = f"raw_html={raw_html} engine={engine}"
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
        fast = self._fast.parse(text, first_line, id_prefix, heading_base) if self._fast else None
        return fast or self.parse_reference(text, first_line, id_prefix, heading_base)

    def parse_reference(self, text: str, first_line: int, id_prefix: str, heading_base: int | None) -> Parsed:
        """The text parsed by markdown-it-py, whatever the engine (the differential tests compare against it)."""
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
    shifted = _shifted([int(t.tag[1]) for t in tokens if t.type == "heading_open"], base)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{shifted(int(token.tag[1]))}"


def _shifted(levels: list[int], base: int | None) -> Callable[[int], int]:
    """Maps a body's heading levels so its highest becomes `base` (at most h6); unchanged without a base."""
    shift = base - min(levels) if base is not None and levels else 0
    return lambda level: min(6, level + shift)


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


class FastEngine:
    """markdown-it-pyrs (Rust; about 16 times faster than markdown-it-py on the bench corpus) for the texts it renders
    exactly as markdown-it-py does, which the differential tests (tests/test_markdown_engines.py) prove on the
    CommonMark spec examples, the bench corpus, the bundled site, the fixtures and fuzzed Markdown.

    It runs markdown-it-py's CommonMark rules, tables and strikethrough. Heading ids and link holes are added to its
    HTML from its node tree (which has source positions), as the reference adds them to its tokens. `parse` declines
    (returns None) a text with any of the constructs below, where the two engines differ (found by those tests), and
    markdown-it-py parses it instead.
    """

    DECLINED = (
        "[^",  # footnotes: markdown-it-pyrs lays out the list differently
        "\r",  # offsets: markdown-it-py normalizes line ends first
        "\x00",  # markdown-it-py turns NUL into U+FFFD
        "\\`",  # an escaped backtick defeats the unclosed-code check below
    )
    EMPTY_ITEM = re.compile(r"\n *(?:[-+*]|[0-9]{1,9}[.)]) *(?:\n|$)")
    """A bare list marker: the engines disagree on whether it continues a quoted paragraph lazily."""
    EMPTY_QUOTE = "<blockquote>\n</blockquote>"
    """markdown-it-py writes an empty block quote on one line."""
    BLOCKS = frozenset(
        [
            "root",
            "paragraph",
            "heading",
            "blockquote",
            "bullet_list",
            "ordered_list",
            "list_item",
            "code_block",
            "fence",
            "hr",
            "table",
            "thead",
            "tbody",
            "trow",
            "tcell",
        ]
    )

    def _declines(self, text: str) -> bool:
        return (
            any(mark in text for mark in self.DECLINED)
            # an unclosed fence at the end: markdown-it-pyrs adds a line end the text does not have
            or (not text.endswith("\n") and ("```" in text or "~~~" in text))
            or ("![" in text and _escape_in_image(text))
            or self.EMPTY_ITEM.search("\n" + text) is not None
            or ("`" in text and _awkward_code(text, "[" in text))
            or "~~~" in text  # a run of tildes: the engines pair strikethrough marks differently
            or _ambiguous_emphasis(text)
            or (not text.isascii() and _has_symbol(text))
        )

    ATTRIBUTE = re.compile('<(?:a href|img src)="([^"]*)"')
    HEADING_TAG = re.compile("<(/?)h([1-6])>")

    def __init__(self) -> None:
        self._md = markdown_it_pyrs.MarkdownIt("zero").enable_many(
            [
                "blockquote",
                "code",
                "fence",
                "heading",
                "hr",
                "lheading",
                "list",
                "paragraph",
                "reference",
                "backticks",
                "emphasis",
                "entity",
                "escape",
                "image",
                "link",
                "newline",
                "autolink",
                "table",
                "strikethrough",
            ]
        )

    def parse(self, text: str, first_line: int, id_prefix: str, heading_base: int | None) -> Parsed | None:
        if self._declines(text):
            return None
        try:
            html = self._md.render(text)
            if self.EMPTY_QUOTE in html:
                return None
            if "<h" not in html and "<a " not in html and "<img " not in html:
                return Parsed(html, (), ())
            nodes = self._md.tree(text)
        except BaseException as error:  # a Rust panic the checks above did not foresee: pyo3's PanicException
            if type(error).__name__ != "PanicException":
                raise
            return None
        tree = _Tree(text.encode())
        tree.visit(nodes, self.BLOCKS)
        attributes = self.ATTRIBUTE.findall(html)
        if not tree.complete or len(attributes) != len(tree.links) or len(tree.headings) != html.count("</h"):
            return None
        lines = text.split("\n")
        links: list[tuple[str, int, int]] = []
        kinds = iter(tree.links)

        def hole(match: re.Match[str]) -> str:
            holed, line = next(kinds)
            if not holed:
                return match[0]
            target = _unescape(match[1])
            offset, col = _find(lines, line, target)
            links.append((target, first_line + offset, col))
            return f'{match[0][: match.start(1) - match.start()]}\x00{len(links) - 1}\x00"'

        html = self.ATTRIBUTE.sub(hole, html)
        shifted = _shifted([level for level, _ in tree.headings], heading_base)
        slugs: set[str] = set()
        headings = [
            Heading(
                shifted(level),
                id_prefix + (unique_slug(slugify(title), slugs) if level in ANCHORED else ""),
                title,
            )
            for level, title in tree.headings
        ]
        opened = iter(headings)

        def tag(match: re.Match[str]) -> str:
            if match[1]:
                return f"</h{shifted(int(match[2]))}>"
            heading = next(opened)
            return f'<h{heading.level} id="{escapeHtml(heading.id)}">'

        return Parsed(self.HEADING_TAG.sub(tag, html), tuple(links), tuple(headings))


class _Tree:
    """What `FastEngine` needs from a markdown-it-pyrs node tree, in document order: each heading's level and text
    (as markdown-it-py's anchors read it), and for each link, image and autolink whether it gets a hole and the
    line its block starts on (markdown-it-py's inline token has only that line; markdown-it-pyrs's inline nodes
    have unreliable positions, its block nodes sound ones)."""

    def __init__(self, source: bytes) -> None:
        self._line_starts = [0, *(match.end() for match in re.finditer(b"\n", source))]
        self.headings: list[tuple[int, str]] = []
        self.links: list[tuple[bool, int]] = []
        self.complete = True

    def visit(self, node: Any, blocks: frozenset[str]) -> None:
        line = bisect.bisect_right(self._line_starts, node.srcmap[0]) - 1 if node.srcmap else 0
        after_block = False
        for child in node.children:
            if child.name in blocks:
                after_block = True
                if child.name == "heading":
                    self.headings.append((int(child.meta["level"]), "".join(_title(child))))
                self.visit(child, blocks)
            elif after_block:  # text after a block in a tight list item: its line is not known for certain
                self.complete = False
            else:
                self._inline(child, line)

    def _inline(self, node: Any, line: int) -> None:
        if node.name in ("link", "image", "autolink"):
            self.links.append((node.name != "autolink", line))
        for child in node.children:
            self._inline(child, line)


def _title(node: Any) -> Iterator[str]:
    """A heading's text as markdown-it-py's anchors read it: text, escapes, entities and code; not image alt text."""
    for child in node.children:
        if child.name in ("text", "text_special"):
            yield child.meta["content"]
        elif child.name != "image":
            yield from _title(child)


def _unescape(value: str) -> str:
    """An attribute value as markdown-it escaped it (`escapeHtml`), back to the value."""
    return value.replace("&quot;", '"').replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&")


def _has_symbol(text: str) -> bool:
    """Whether the text has a non-ASCII symbol (`£`, `€`, an emoji): CommonMark 0.31 counts symbols as punctuation
    beside emphasis marks, as markdown-it-py does, and markdown-it-pyrs does not."""
    return any(unicodedata.category(char)[0] == "S" for char in set(text) if not char.isascii())


def _escape_in_image(text: str) -> bool:
    """Whether an image's description may hold an escape or an entity, which markdown-it-pyrs drops (a description
    ends with its paragraph, so the rest of the paragraph after `![` is looked at)."""
    for start in re.finditer(re.escape("!["), text):
        end = text.find("\n\n", start.end())
        rest = text[start.end() : end if end >= 0 else len(text)]
        if "\\" in rest or "&" in rest:
            return True
    return False


def _awkward_code(text: str, labels: bool) -> bool:
    """Whether a code span holds only spaces, which markdown-it-pyrs trims, or (when the text has `labels`, brackets)
    a backtick run is left without its closing run on its line or table cell: markdown-it-pyrs 0.4 panics on one
    inside a link's text. (Code spans across lines are declined too, which costs nothing but speed.)"""
    for line in text.split("\n"):
        if "`" not in line or FENCE.match(line):
            continue
        for piece in line.split("|"):
            runs = list(RUN.finditer(piece))
            start = 0
            while start < len(runs):
                opening = runs[start]
                closing = next((run for run in runs[start + 1 :] if run[0] == opening[0]), None)
                if (
                    closing is None
                    and labels
                    or closing is not None
                    and not piece[opening.end() : closing.start()].strip(" ")
                ):
                    return True
                start = runs.index(closing) + 1 if closing else start + 1
    return False


RUN = re.compile("`+")
FENCE = re.compile(" {0,3}(```|~~~)")


def _ambiguous_emphasis(text: str) -> bool:
    """Whether a run of `*` or `_` may both open and close (`x*y`, `"*"`): the engines' delimiter algorithms pair
    such runs differently in some texts, and prose rarely has them outside code."""
    for run in EMPHASIS.finditer(text):
        before = text[run.start() - 1] if run.start() else " "
        after = text[run.end()] if run.end() < len(text) else " "
        if before.isspace() or after.isspace() or _punctuation(before) != _punctuation(after):
            continue
        if not (run[0][0] == "_" and before.isalnum() and after.isalnum()):  # `snake_case` neither opens nor closes
            return True
    return False


def _punctuation(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


EMPHASIS = re.compile("[*_]+")
