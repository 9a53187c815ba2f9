"""Articles and pages: Markdown files with validated front matter."""

from __future__ import annotations

import datetime
import os
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field

from attunement.config.languages import translation_of, unknown_language_hint
from attunement.config.positions import Positions, load_yaml
from attunement.config.schema import SafeUrl, Slug, Strict, address_problem
from attunement.config.validation import validate
from attunement.content.frontmatter import split
from attunement.content.urls import article_output, page_output, url_of
from attunement.diagnostics import Diagnostic, Diagnostics
from attunement.files.sources import (
    MARKDOWN_SUFFIXES,
    SourceFile,
    list_files,
    read_source,
    source_key,
)
from attunement.memo import Recent


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


DocumentKind = Literal["article", "page"]


@dataclass
class Document:
    """One Markdown source: its validated front matter and its body, as written (rendering is render.py's)."""

    kind: DocumentKind
    name: str
    source: SourceFile
    meta: ArticleMeta | PageMeta
    positions: Positions
    body: str
    body_line: int
    lang: str | None = None
    """The language of its words, when it is a translation (`name.<code>.md`); None for the default language."""
    prefix: str = ""
    """The folder of the language it is published in: "" for the default language, "es/" for `/es/`."""
    fallback: bool = False
    """Published in another language from the default language's words, untranslated (`untranslated: fallback`)."""

    @property
    def output(self) -> str:
        return self.prefix + (article_output(self.name) if self.kind == "article" else page_output(self.name))

    @property
    def url(self) -> str:
        return url_of(self.output)

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def front_matter(self) -> str:
        """The file up to its body: everything `meta` was made from."""
        return self.source.text[: len(self.source.text) - len(self.body)]

    @property
    def summary(self) -> str:
        return self.meta.summary if isinstance(self.meta, ArticleMeta) else self.meta.description

    @property
    def draft(self) -> bool:
        return self.meta.draft


def original_path(doc: Document) -> Path:
    """The file a document translates (`about.es.md` -> `about.md`), or its own for the default language."""
    path = doc.source.path
    return path.with_name(path.name.replace(f".{doc.lang}.", ".", 1)) if doc.lang else path


_Parsed = tuple[SourceFile, ArticleMeta | PageMeta, Positions, str, int] | None


class SourceMemo:
    """Parsed sources kept between the builds of `serve`, by file and its stat signature: a rebuild
    re-reads only files that changed. (`attune build` re-reads everything and keys its cache by
    content; a preview may trust the file system's modification times.) Entries a build did not use
    are dropped after the next one."""

    def __init__(self) -> None:
        self._recent: Recent[tuple[str, tuple[int, ...]], tuple[_Parsed, list[Diagnostic]]] = Recent()

    def next_build(self) -> None:
        self._recent.next_build()

    def parse(self, path: Path, model: type[ArticleMeta] | type[PageMeta], diags: Diagnostics) -> _Parsed:
        try:
            st = os.stat(path)
        except OSError:
            return _read_document(path, model, diags)

        def read() -> tuple[_Parsed, list[Diagnostic]]:
            """The file read, with what reading it reported (told again each time the memo answers)."""
            before = len(diags.items)
            parsed = _read_document(path, model, diags)
            reported = diags.items[before:]
            del diags.items[before:]
            return parsed, reported

        parsed, reported = self._recent.get((str(path), (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)), read)
        diags.items += reported
        return parsed


def _read_document(path: Path, model: type[ArticleMeta] | type[PageMeta], diags: Diagnostics) -> _Parsed:
    source = read_source(path, diags)
    parts = split(source, diags) if source else None
    if source is None or parts is None:
        return None
    loaded = load_yaml(source, diags, text=parts.front_matter, line_offset=1)
    if loaded is None:
        return None
    data, positions = loaded
    meta = validate(model, data, positions, diags, what="front matter")
    return (source, meta, positions, parts.body, parts.body_line) if meta is not None else None


def load_documents(
    root: Path,
    folder: Path,
    kind: DocumentKind,
    diags: Diagnostics,
    memo: SourceMemo | None = None,
    languages: Collection[str] = (),
) -> list[Document]:
    """Every Markdown source in `folder` (pages may nest in sub-folders; articles may not), translations into
    `languages` included (`name.<code>.md`, beside the original).

    Any other file there (hidden ones aside) was most likely meant to be published: it gets a warning.
    """
    pattern = "*" if kind == "article" else "**/*"
    meta_model = ArticleMeta if kind == "article" else PageMeta
    documents = []
    for path in list_files(root, folder, pattern, diags):
        key = source_key(folder, path)
        if path.suffix not in MARKDOWN_SUFFIXES:
            if not any(part.startswith(".") for part in key.split("/")):
                diags.warning(
                    diags.location(path), f"not a Markdown file ({' or '.join(MARKDOWN_SUFFIXES)}); it is not published"
                )
            continue
        name, lang = translation_of(key.removesuffix(path.suffix), languages)
        problem = address_problem(name, "secure-attachment.md", path.name)
        if problem:
            diags.error(diags.location(path), f"file name {problem}{unknown_language_hint(name)}")
            continue
        parsed = memo.parse(path, meta_model, diags) if memo is not None else _read_document(path, meta_model, diags)
        if parsed is not None:
            documents.append(Document(kind, name, *parsed, lang=lang))
    return documents
