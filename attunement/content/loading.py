"""The loaded, validated site: everything the renderer needs, and nothing it must re-read from disk."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from attunement.config.languages import Language, localized, site_languages
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
from attunement.content.quizzes import LoadedQuiz, check_related, load_quizzes, load_translations
from attunement.content.urls import topic_output, url_of
from attunement.diagnostics import Diagnostics, did_you_mean
from attunement.files.sources import SourceFile, list_files
from attunement.memo import Recent
from attunement.quiz.proof import check_coverage
from attunement.quiz.structure import Reachable


@dataclass
class Topic:
    slug: str
    title: str
    description: str
    articles: list[Document] = field(default_factory=list)
    quizzes: list[LoadedQuiz] = field(default_factory=list)
    prefix: str = ""

    @property
    def output(self) -> str:
        return self.prefix + topic_output(self.slug)

    @property
    def url(self) -> str:
        return url_of(self.output)


@dataclass
class Site:
    """The site in one of its languages: what its pages in that language show and link to."""

    layout: Layout
    config: SiteConfig
    """site.yaml in this language's words (see config/languages.py)."""
    articles: list[Document]
    pages: dict[str, Document]
    topics: list[Topic]
    quizzes: list[LoadedQuiz]
    static_files: list[Path]
    include_drafts: bool
    drafts_left_out: list[Path] = field(default_factory=list)
    """Drafts this build does not publish (a preview publishes them all)."""
    language: Language = field(default_factory=lambda: Language("en", "English", "ltr", "", default=True))
    languages: list[Language] = field(default_factory=list)
    """Every language of the build, the default first."""
    default_language: Language | None = None
    """The site's default language, whose words the originals are (None: this language)."""
    elsewhere: list[Document] = field(default_factory=list)
    """The default language's documents this language does not publish (untranslated, skipped): links to them lead
    to the default language's page."""
    untranslated: list[Path] = field(default_factory=list)
    """The sources (documents, quizzes) this language has no translation of."""

    @property
    def documents(self) -> list[Document]:
        return self.articles + list(self.pages.values())

    def sources(self) -> Iterator[SourceFile]:
        """Every file this language's pages are made from."""
        yield from (doc.source for doc in self.documents)
        for loaded in self.quizzes:
            yield loaded.source
            yield from (body.source for body in loaded.bodies.values())


def load_sites(
    layout: Layout,
    config: SiteConfig,
    diags: Diagnostics,
    *,
    include_drafts: bool,
    memo: SourceMemo | None = None,
    only: str | None = None,
    reachable: Recent[str, Reachable] | None = None,
) -> list[Site]:
    """Read and validate every source, then make the site of each language (the default first; `only` builds one
    language alone, at the root); drafts are dropped unless previewing. `reachable` keeps each quiz file's
    reachable scores between builds."""
    codes = set(config.languages)
    articles = load_documents(layout.root, layout.articles, "article", diags, memo, codes)
    pages = load_documents(layout.root, layout.pages, "page", diags, memo, codes)
    if memo is not None:
        memo.next_build()
    documents = articles + pages
    keep = [d for d in documents if include_drafts or not d.draft]
    originals = [d for d in keep if d.lang is None]
    published = {d.name for d in originals if d.kind == "article"}
    quizzes = load_quizzes(layout.root, layout.quizzes, diags, languages=codes)
    check_related(quizzes, published, {d.name for d in articles if d.lang is None} - published, diags)
    for loaded in quizzes:
        if reachable is not None:  # listing them is most of a quiz's load: its coverage proof, its bounds
            listed = loaded.quiz.structure.memo
            listed.update(reachable.setdefault(loaded.source.digest, listed))
        check_coverage(loaded.quiz, loaded.positions.location, diags)
    translated = load_translations(layout.root, layout.quizzes, quizzes, codes, diags)
    _check_translations(documents, diags)
    static_files = list_files(layout.root, layout.static, "**/*", diags)
    languages = site_languages(config, only)
    default = site_languages(config)[0]
    sites = []
    for language in languages:
        docs, elsewhere = _in_language(language, originals, [d for d in keep if d.lang == language.code])
        quizzes_here = _quizzes_in(language, quizzes, translated.get(language.code, {}))
        words = localized(config, language)
        site_articles = sorted((d for d in docs if d.kind == "article"), key=_article_order)
        sites.append(
            Site(
                layout=layout,
                config=words,
                articles=site_articles,
                pages={d.name: d for d in docs if d.kind == "page"},
                topics=_topics(words, site_articles, quizzes_here, diags, language.prefix),
                quizzes=quizzes_here,
                static_files=static_files,
                include_drafts=include_drafts,
                drafts_left_out=[d.source.path for d in documents if d.draft and not include_drafts],
                language=language,
                languages=languages,
                default_language=default,
                elsewhere=elsewhere,
                untranslated=[]
                if language.default
                else [d.source.path for d in docs if d.fallback]
                + [d.source.path for d in elsewhere]
                + [q.source.path for q in quizzes if q.slug not in translated.get(language.code, {})],
            )
        )
    return sites


def _in_language(
    language: Language, originals: list[Document], translations: list[Document]
) -> tuple[list[Document], list[Document]]:
    """The documents a language publishes (its translations; the default's words where it falls back), and the
    default language's documents it does not."""
    if language.default:
        return originals, []
    own = {(d.kind, d.name): d for d in translations}
    docs, elsewhere = [], []
    for doc in originals:
        found = own.get((doc.kind, doc.name))
        if found is not None:
            docs.append(replace(found, prefix=language.prefix))
        elif language.untranslated == "fallback":
            docs.append(replace(doc, prefix=language.prefix, fallback=True))
        else:
            elsewhere.append(doc)
    return docs, elsewhere


def _quizzes_in(language: Language, quizzes: list[LoadedQuiz], translated: dict[str, LoadedQuiz]) -> list[LoadedQuiz]:
    if language.default:
        return quizzes
    found = []
    for loaded in quizzes:
        own = translated.get(loaded.slug)
        if own is not None:
            found.append(replace(own, prefix=language.prefix))
        elif language.untranslated == "fallback":
            found.append(replace(loaded, prefix=language.prefix, fallback=True))
    return found


def _check_translations(documents: list[Document], diags: Diagnostics) -> None:
    """A translation translates something: an original of the same name and kind."""
    originals = {(d.kind, d.name) for d in documents if d.lang is None}
    for doc in documents:
        if doc.lang is not None and (doc.kind, doc.name) not in originals:
            names = [name for kind, name in originals if kind == doc.kind]
            diags.error(
                diags.location(doc.source.path),
                f"a translation of '{doc.name}', but there is no {doc.kind} '{doc.name}' in the default language"
                f"{did_you_mean(doc.name, names)}",
            )


def _article_order(doc: Document) -> tuple[bool, int, str]:
    order = doc.meta.order if isinstance(doc.meta, ArticleMeta) else None
    return (order is None, order or 0, doc.title.lower())


def _topics(
    config: SiteConfig, articles: list[Document], quizzes: list[LoadedQuiz], diags: Diagnostics, prefix: str = ""
) -> list[Topic]:
    """One topic per slug used; when site.yaml lists topics, an unlisted slug is a typo to report."""
    topics = {slug: Topic(slug, info.title, info.description, prefix=prefix) for slug, info in config.topics.items()}
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
                topics[slug] = Topic(slug, title_from_slug(slug), "", prefix=prefix)
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
