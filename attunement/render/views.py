"""The site as templates see it: documents, quizzes and topics whose every read is noted (recorder.py).

A view stands in for one loaded object and answers any attribute the object has. Reading it notes
the fact the answer comes from: a document's front matter (`meta:`), its body (`body:`, which also
depends on which documents its links can reach, `docs`), a quiz with its texts (`quiz:`), a topic
with its members (`topic:`). Names that only say where an object lives (its URL, its slug) note
nothing: whatever led the template to the object (a listing, a topic, the page itself) was noted.

A document's body is rendered the first time any page reads it, in whichever process renders that page.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, cast

from attunement.content.documents import Document
from attunement.content.loading import Site, Topic
from attunement.content.quizzes import LoadedQuiz, ResultPage
from attunement.files.sources import source_key
from attunement.render import recorder
from attunement.render.markdown import Heading

IDENTITY = frozenset(
    {"name", "kind", "output", "url", "slug", "result_output", "result_url", "lang", "prefix", "fallback", "__class__"}
)
"""Attributes that follow from where an object lives, not from what its sources say."""
DOCUMENT_META = frozenset({"meta", "title", "summary", "draft", "front_matter", "positions"})
DOCUMENT_BODY = frozenset({"html", "headings", "body", "body_line"})


class _View:
    __slots__ = ("_target", "_tokens")

    def __init__(self, target: Any, tokens: tuple[str, ...]):
        self._target = target
        self._tokens = tokens
        """What reading anything but identity depends on."""

    def __getattr__(self, name: str) -> Any:
        if name not in IDENTITY:
            for token in self._tokens:
                recorder.note(token)
        return getattr(self._target, name)

    def __repr__(self) -> str:  # stable, unlike object's: a template that prints a view renders the same bytes
        return f"<{type(self._target).__name__} {self._tokens[0].partition(':')[2]}>"


class DocumentView(_View):
    """An article or page; `html` and `headings` are rendered on first read."""

    __slots__ = ("_meta", "_body", "_render")

    def __init__(self, doc: Document, key: str, render: Callable[[Document], tuple[str, list[Heading]]]):
        super().__init__(doc, (f"meta:{key}", f"body:{key}", "docs"))
        self._meta = f"meta:{key}"
        self._body = (f"body:{key}", "docs")
        self._render = render

    def __getattr__(self, name: str) -> Any:
        if name in DOCUMENT_META:
            recorder.note(self._meta)
        elif name in DOCUMENT_BODY:
            for token in self._body:
                recorder.note(token)
            if name in ("html", "headings"):
                html, headings = self._render(self._target)
                return html if name == "html" else headings
        else:
            return super().__getattr__(name)
        return getattr(self._target, name)


class QuizView(_View):
    __slots__ = ()

    def __init__(self, loaded: LoadedQuiz):
        super().__init__(loaded, (f"quiz:{loaded.slug}",))


class TopicView(_View):
    __slots__ = ("_members",)

    def __init__(self, topic: Topic, articles: list[DocumentView], quizzes: list[QuizView]):
        super().__init__(topic, (f"topic:{topic.slug}",))
        self._members = (articles, quizzes)

    def __getattr__(self, name: str) -> Any:
        if name in ("articles", "quizzes"):  # members as views, so reading them is noted too
            recorder.note(self._tokens[0])
            return self._members[name == "quizzes"]
        return super().__getattr__(name)


class SiteViews:
    """One view per object of the site, so a template comparing two of them (`page == article`) compares the objects."""

    def __init__(self, site: Site, render: Callable[[Document], tuple[str, list[Heading]]]):
        self.documents = {
            id(d): DocumentView(d, source_key(site.layout.root, d.source.path), render) for d in site.documents
        }
        self.quizzes = {q.slug: QuizView(q) for q in site.quizzes}
        self.topics = [
            TopicView(t, [self.documents[id(a)] for a in t.articles], [self.quizzes[q.slug] for q in t.quizzes])
            for t in site.topics
        ]
        self.articles = [self.documents[id(d)] for d in site.articles]
        self.pages = {name: self.documents[id(d)] for name, d in site.pages.items()}

    def of(self, page: Any) -> Any:
        """What a template sees as `page`: the view of a document, quiz or topic, a result page of a quiz view."""
        if isinstance(page, Document):
            return self.documents[id(page)]
        if isinstance(page, LoadedQuiz):
            return self.quizzes[page.slug]
        if isinstance(page, Topic):
            return next(t for t in self.topics if t._target is page)
        if isinstance(page, ResultPage):
            # A view answers every attribute of the quiz it stands for, so the page can hold it as its quiz.
            return dataclasses.replace(page, quiz=cast(LoadedQuiz, self.quizzes[page.quiz.slug]))
        return page
