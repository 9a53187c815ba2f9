"""The loaded, validated site: everything the renderer needs, and nothing it must re-read from disk."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from attunement.config.paths import Layout
from attunement.config.positions import Positions
from attunement.config.schema import title_from_slug
from attunement.config.settings import SiteConfig
from attunement.content.documents import (
    ArticleMeta,
    Document,
    SourceMemo,
    load_documents,
)
from attunement.content.quizzes import LoadedQuiz, check_related, load_quizzes
from attunement.content.urls import topic_output, url_of
from attunement.diagnostics import Diagnostics, did_you_mean
from attunement.files.sources import list_files
from attunement.quiz.proof import check_coverage


@dataclass
class Topic:
    slug: str
    title: str
    description: str
    articles: list[Document] = field(default_factory=list)
    quizzes: list[LoadedQuiz] = field(default_factory=list)

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
    quizzes: list[LoadedQuiz]
    static_files: list[Path]
    include_drafts: bool
    drafts_left_out: list[Path] = field(default_factory=list)
    """Drafts this build does not publish (a preview publishes them all)."""

    @property
    def documents(self) -> list[Document]:
        return self.articles + list(self.pages.values())


def load_site(
    layout: Layout, config: SiteConfig, diags: Diagnostics, *, include_drafts: bool, memo: SourceMemo | None = None
) -> Site:
    """Read and validate every source; drafts are dropped unless previewing."""
    articles = load_documents(layout.root, layout.articles, "article", diags, memo)
    pages = load_documents(layout.root, layout.pages, "page", diags, memo)
    if memo is not None:
        memo.next_build()
    keep = [d for d in articles + pages if include_drafts or not d.draft]
    published = sorted((d for d in keep if d.kind == "article"), key=_article_order)
    quizzes = load_quizzes(layout.root, layout.quizzes, diags)
    check_related(quizzes, {d.name for d in published}, {d.name for d in articles} - {d.name for d in published}, diags)
    for loaded in quizzes:
        check_coverage(loaded.quiz, loaded.positions.location, diags)
    return Site(
        layout=layout,
        config=config,
        articles=published,
        pages={d.name: d for d in keep if d.kind == "page"},
        topics=_topics(config, published, quizzes, diags),
        quizzes=quizzes,
        static_files=list_files(layout.root, layout.static, "**/*", diags),
        include_drafts=include_drafts,
        drafts_left_out=[d.source.path for d in articles + pages if d.draft and not include_drafts],
    )


def _article_order(doc: Document) -> tuple[bool, int, str]:
    order = doc.meta.order if isinstance(doc.meta, ArticleMeta) else None
    return (order is None, order or 0, doc.title.lower())


def _topics(config: SiteConfig, articles: list[Document], quizzes: list[LoadedQuiz], diags: Diagnostics) -> list[Topic]:
    """One topic per slug used; when site.yaml lists topics, an unlisted slug is a typo to report."""
    topics = {slug: Topic(slug, info.title, info.description) for slug, info in config.topics.items()}
    tagged: list[tuple[Document | LoadedQuiz, list[str], Positions]] = [
        (doc, doc.meta.topics, doc.positions) for doc in articles if isinstance(doc.meta, ArticleMeta)
    ]
    tagged += [(q, q.quiz.topics, q.positions) for q in quizzes]
    for thing, slugs, positions in tagged:
        for index, slug in enumerate(slugs):
            if slug not in topics:
                if config.topics:
                    diags.error(
                        positions.location(("topics", index)),
                        f"unknown topic '{slug}'; add it under "
                        f"'topics' in site.yaml{did_you_mean(slug, config.topics)}",
                    )
                    continue
                topics[slug] = Topic(slug, title_from_slug(slug), "")
            if isinstance(thing, LoadedQuiz):
                topics[slug].quizzes.append(thing)
            else:
                topics[slug].articles.append(thing)
    return [t for t in topics.values() if t.articles or t.quizzes]


def load_quiz(layout: Layout, quiz_id: str) -> LoadedQuiz:
    """One quiz by id, or by the path of its file (such as a quiz kept outside any site), validated as a build would
    (used by `attune score`)."""
    diags = Diagnostics(layout.root)
    file = Path(quiz_id)
    if file.suffix in (".yaml", ".yml") and file.is_file():
        quiz_id = file.stem
        quizzes = load_quizzes(file.parent.resolve(), file.parent.resolve(), diags, only=quiz_id)
    else:
        quizzes = load_quizzes(layout.root, layout.quizzes, diags, only=quiz_id)
    if not quizzes and not diags.errors:
        names = [p.stem for p in layout.quizzes.glob("*.yaml")]
        diags.error(
            diags.location(layout.quizzes / f"{quiz_id}.yaml"), f"no quiz '{quiz_id}'{did_you_mean(quiz_id, names)}"
        )
    diags.raise_if_errors()
    return quizzes[0]
