"""Articles and pages: Markdown files with validated front matter."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import Field

from .diagnostics import Diagnostics
from .frontmatter import split
from .markdown import Heading
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


def load_documents(root: Path, folder: Path, kind: Kind, diags: Diagnostics) -> list[Document]:
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
        loaded = load_yaml(source, diags, text=parts.front_matter, line_offset=1)
        if loaded is None:
            continue
        data, positions = loaded
        meta = validate(meta_model, data, positions, diags, what="front matter")
        if meta is not None:
            documents.append(Document(kind, name, source, meta, positions, parts.body, parts.body_line))
    return documents
