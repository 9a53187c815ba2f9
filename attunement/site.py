"""The loaded, validated site: everything the renderer needs, and nothing it must re-read from disk."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .config import SiteConfig
from .content import ArticleMeta, Document, load_documents
from .diagnostics import Diagnostics, did_you_mean
from .layout import Layout
from .sources import list_files
from .urls import topic_output, url_of


@dataclass
class Topic:
    slug: str
    title: str
    description: str
    articles: list[Document] = field(default_factory=list)

    @property
    def output(self) -> str:
        return topic_output(self.slug)

    @property
    def url(self) -> str:
        return url_of(self.output)


@dataclass
class Site:
    layout: Layout
    config: SiteConfig
    articles: list[Document]
    pages: dict[str, Document]
    topics: list[Topic]
    static_files: list[Path]
    include_drafts: bool

    @property
    def documents(self) -> list[Document]:
        return self.articles + list(self.pages.values())


def load_site(layout: Layout, config: SiteConfig, diags: Diagnostics, *, include_drafts: bool) -> Site:
    """Read and validate every source; drafts are dropped unless previewing."""
    articles = load_documents(layout.root, layout.articles, "article", diags)
    pages = load_documents(layout.root, layout.pages, "page", diags)
    keep = [d for d in articles + pages if include_drafts or not d.draft]
    articles = sorted((d for d in keep if d.kind == "article"), key=_article_order)
    return Site(
        layout=layout,
        config=config,
        articles=articles,
        pages={d.name: d for d in keep if d.kind == "page"},
        topics=_topics(config, articles, diags),
        static_files=list_files(layout.root, layout.static, "**/*", diags),
        include_drafts=include_drafts,
    )


def _article_order(doc: Document) -> tuple[bool, int, str]:
    order = doc.meta.order if isinstance(doc.meta, ArticleMeta) else None
    return (order is None, order or 0, doc.title.lower())


def _topics(config: SiteConfig, articles: list[Document], diags: Diagnostics) -> list[Topic]:
    """One topic per slug used; when site.yaml lists topics, an unlisted slug is a typo to report."""
    topics = {slug: Topic(slug, info.title, info.description) for slug, info in config.topics.items()}
    for doc in articles:
        assert isinstance(doc.meta, ArticleMeta)
        for index, slug in enumerate(doc.meta.topics):
            if slug not in topics:
                if config.topics:
                    where = doc.positions.location(("topics", index))
                    diags.error(where, f"unknown topic '{slug}'; add it under 'topics' in site.yaml"
                                f"{did_you_mean(slug, config.topics)}")
                    continue
                topics[slug] = Topic(slug, slug.replace("-", " ").capitalize(), "")
            topics[slug].articles.append(doc)
    return [t for t in topics.values() if t.articles]
