"""What each output depends on, as one key: equal keys mean byte-identical output.

Every key digests the generator, the build settings, site.yaml, the theme assets and the catalogs of the
site's language (its interface strings). A copied or generated file adds its bytes. A rendered page adds
the value of every fact it read while rendering (recorder.py names them; `Facts` below gives each one's
value in the current site), plus the facts its route always depends on: its own sources. To decide whether
the last build's page can be kept, the facts it read then are valued again now; if every value is the same,
so is the page.

A body edit therefore re-renders one page; a title edit also the pages that showed that title; a
template edit the pages that loaded that template, whatever the template reads and however it reads it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

import jinja2

from attunement.content.documents import Document
from attunement.content.loading import Site, Topic
from attunement.content.quizzes import LoadedQuiz, ResultPage
from attunement.files.sources import source_key
from attunement.incremental.cache import generator
from attunement.memo import digest
from attunement.plan.alternates import Alternates
from attunement.plan.routes import Route
from attunement.render.i18n import catalog_files

ABSENT = "absent"


class Facts:
    """The current value of each fact a page can read, worked out once per build."""

    def __init__(self, site: Site, env: jinja2.Environment, routes: list[Route], between: Alternates):
        self.site, self.env, self.routes, self.between = site, env, routes, between
        root = site.layout.root
        self.documents = {source_key(root, d.source.path): d for d in site.documents}
        self.elsewhere = [source_key(root, d.source.path) for d in site.elsewhere]
        self.quizzes = {q.slug: q for q in site.quizzes}
        self.topics = {t.slug: t for t in site.topics}
        self._values: dict[str, str] = {}

    def value(self, token: str) -> str:
        found = self._values.get(token)
        if found is None:
            found = self._values[token] = self._value(token)
        return found

    def _value(self, token: str) -> str:
        kind, _, name = token.partition(":")
        if kind == "meta":
            doc = self.documents.get(name)
            return digest(doc.front_matter) if doc else ABSENT
        if kind == "body":
            doc = self.documents.get(name)
            return doc.source.digest if doc else ABSENT
        if kind == "quiz":
            quiz = self.quizzes.get(name)
            if quiz is None:
                return ABSENT
            original = quiz.original.text if quiz.original else ""
            return digest(quiz.source.text, original, *(b.source.text for b in quiz.bodies.values()))
        if kind == "topic":
            topic = self.topics.get(name)
            return (
                digest(
                    topic.title, topic.description, *self._keys(topic.articles), "\0", *(q.slug for q in topic.quizzes)
                )
                if topic
                else ABSENT
            )
        if kind == "languages":
            return digest(self.between.fact(name, self.site.language))
        if kind == "template":
            try:
                assert self.env.loader is not None  # the theme's environment always has its file loader
                return digest(self.env.loader.get_source(self.env, name)[0])
            except jinja2.TemplateNotFound:
                return ABSENT
        return self._sitewide[token]

    @cached_property
    def _sitewide(self) -> dict[str, str]:
        site = self.site
        return {
            "docs": digest(*sorted(self.documents), "\0", *self.elsewhere),
            "list:articles": digest(*self._keys(site.articles)),
            "list:pages": digest(
                *(f"{name}\0{key}" for name, key in zip(site.pages, self._keys(site.pages.values()), strict=True))
            ),
            "list:quizzes": digest(*(q.slug for q in site.quizzes)),
            "list:topics": digest(*(t.slug for t in site.topics)),
            "topic_titles": digest(*(f"{t.slug}\0{t.title}" for t in site.topics)),
            "sitemap": digest(*(f"{url}\0{sorted(same.items())}" for url, same in self.between.sitemap())),
        }

    def _keys(self, documents: Iterable[Document]) -> list[str]:
        root = self.site.layout.root
        return [source_key(root, d.source.path) for d in documents]


class Dependencies:
    """Keys for the outputs of one build."""

    def __init__(self, site: Site, env: jinja2.Environment, routes: list[Route], settings: str, between: Alternates):
        self.facts = Facts(site, env, routes, between)
        assets = sorted(p for d in site.layout.asset_dirs() for p in d.rglob("*") if p.is_file())
        # the interface strings every page shows are the catalogs of the site's language
        assets += catalog_files(site.layout.template_dirs(), site.config.language)
        self.base = digest(
            generator(),
            settings,
            site.config.model_dump_json(),
            *(part for p in assets for part in (str(p), p.read_bytes())),
        )

    def file_key(self, route: Route) -> str:
        """A file is keyed by the bytes it publishes: generated or minified data, else the copied file's own."""
        data = route.data if route.data is not None else route.file.read_bytes() if route.file is not None else b""
        return digest(self.base, route.output, data)

    def key(self, route: Route, reads: Iterable[str]) -> str:
        """A rendered page's key: the value of everything it read, and of its own sources."""
        tokens = sorted({*reads, *self.own(route)})
        return digest(self.base, route.output, str(route.template), *(f"{t}\0{self.facts.value(t)}" for t in tokens))

    def own(self, route: Route) -> list[str]:
        """The facts a route depends on whatever its template reads: the sources it was planned from, and its
        place among the languages (its translations, where its links lead)."""
        page, between = route.page, f"languages:{route.output}"
        if isinstance(page, Document):
            key = source_key(self.facts.site.layout.root, page.source.path)
            return [f"meta:{key}", f"body:{key}", between]
        if isinstance(page, ResultPage):
            return [f"quiz:{page.quiz.slug}", between]
        if isinstance(page, LoadedQuiz):
            return [f"quiz:{page.slug}", between]
        if isinstance(page, Topic):
            return [f"topic:{page.slug}", between]
        return [between]
