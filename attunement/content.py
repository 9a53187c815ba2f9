"""Articles and pages: Markdown files with validated front matter."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from .diagnostics import Diagnostic, Diagnostics
from .frontmatter import split
from .markdown import Heading

if TYPE_CHECKING:
    from .links import LinkLog
from .schema import SLUG_RE, SafeUrl, Slug, Strict, validate
from .sources import SourceFile, list_files, read_source
from .urls import article_output, page_output, url_of
from .yamlpos import Positions, load_yaml


class Reference(Strict):
    """A published source for further reading."""

    title: str
    author: str
    year: int = Field(ge=1800, le=2100)
    source: str = Field("", description="Publisher or journal")
    url: SafeUrl | None = None


class ArticleMeta(Strict):
    title: str
    summary: str = ""
    topics: list[Slug] = []
    date: datetime.date | None = None
    updated: datetime.date | None = None
    draft: bool = False
    order: int | None = None
    author: str = ""
    further_reading: list[Reference] = []
    toc: bool | None = Field(None, description="Show a table of contents (default: site.yaml markdown.toc)")
    template: str | None = None


class PageMeta(Strict):
    title: str
    description: str = ""
    draft: bool = False
    template: str | None = None


Kind = Literal["article", "page"]


@dataclass
class Document:
    """One Markdown source and what the build learns about it along the way."""

    kind: Kind
    name: str
    source: SourceFile
    meta: ArticleMeta | PageMeta
    positions: Positions
    body: str
    body_line: int
    html: str = ""
    headings: list[Heading] = field(default_factory=list)
    links: LinkLog | None = None
    """Set once the body is rendered: what its links are and what they point at."""

    @property
    def output(self) -> str:
        return article_output(self.name) if self.kind == "article" else page_output(self.name)

    @property
    def url(self) -> str:
        return url_of(self.output)

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def summary(self) -> str:
        return self.meta.summary if isinstance(self.meta, ArticleMeta) else self.meta.description

    @property
    def draft(self) -> bool:
        return self.meta.draft


class FrontMatterMemo:
    """Parsed front matter by file and text, kept between the builds of `serve`: a body edit, the
    common case, re-parses nothing. Entries unused by a build are dropped after the next one."""

    def __init__(self) -> None:
        self._last: dict[tuple[str, str], tuple[ArticleMeta | PageMeta | None, Positions | None, list[Diagnostic]]] = {}
        self._now: dict[tuple[str, str], tuple[ArticleMeta | PageMeta | None, Positions | None, list[Diagnostic]]] = {}

    def next_build(self) -> None:
        self._last, self._now = self._now, {}

    def parse(self, source: SourceFile, front_matter: str, model: type[ArticleMeta] | type[PageMeta],
              diags: Diagnostics) -> tuple[ArticleMeta | PageMeta | None, Positions | None]:
        key = (str(source.path), front_matter)
        found = self._now.get(key) or self._last.get(key)
        if found is None:
            before = len(diags.items)
            meta, positions = _parse_front_matter(source, front_matter, model, diags)
            found = (meta, positions, diags.items[before:])
        else:
            diags.items += found[2]
        self._now[key] = found
        return found[0], found[1]


def _parse_front_matter(source: SourceFile, front_matter: str, model: type[ArticleMeta] | type[PageMeta],
                        diags: Diagnostics) -> tuple[ArticleMeta | PageMeta | None, Positions | None]:
    loaded = load_yaml(source, diags, text=front_matter, line_offset=1)
    if loaded is None:
        return None, None
    data, positions = loaded
    return validate(model, data, positions, diags, what="front matter"), positions


def load_documents(root: Path, folder: Path, kind: Kind, diags: Diagnostics,
                   memo: FrontMatterMemo | None = None) -> list[Document]:
    """Every `*.md` in `folder` (pages may nest in sub-folders; articles may not)."""
    pattern = "*.md" if kind == "article" else "**/*.md"
    meta_model = ArticleMeta if kind == "article" else PageMeta
    documents = []
    for path in list_files(root, folder, pattern, diags):
        name = path.relative_to(folder).with_suffix("").as_posix()
        if not all(SLUG_RE.fullmatch(part) for part in name.split("/")):
            diags.error(diags.location(path), f"file name '{path.name}' cannot be a web address: "
                        "use lowercase letters, digits and single hyphens, like 'secure-attachment.md'")
            continue
        source = read_source(path, diags)
        parts = split(source, diags) if source else None
        if parts is None:
            continue
        if memo is not None:
            meta, positions = memo.parse(source, parts.front_matter, meta_model, diags)
        else:
            meta, positions = _parse_front_matter(source, parts.front_matter, meta_model, diags)
        if meta is not None and positions is not None:
            documents.append(Document(kind, name, source, meta, positions, parts.body, parts.body_line))
    return documents
