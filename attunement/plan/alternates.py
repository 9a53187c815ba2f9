"""Between languages: which page is the same page in another language, and where a language's links lead.

Known once every language is planned, so that a page can name its translations (`hreflang`, the switcher, the
sitemap) and a site path written once (`/about/`, a nav link) leads each language to its own page when it has one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from attunement.config.languages import Language
from attunement.content.documents import Document
from attunement.content.loading import Site
from attunement.content.quizzes import LoadedQuiz, ResultPage
from attunement.content.urls import Localized, url_of
from attunement.plan.routes import Route


@dataclass(frozen=True)
class Alternates:
    languages: list[Language]
    pages: dict[str, dict[str, str]]
    """Each page, by its output in the default language's folder: its output in each language that translates it."""
    localized: dict[str, Localized]
    """By language code: the site paths its pages link to in its own folder."""

    @classmethod
    def of(cls, planned: list[tuple[Site, list[Route]]]) -> Alternates:
        pages: dict[str, dict[str, str]] = {}
        localized: dict[str, Localized] = {}
        for site, routes in planned:
            language = site.language
            own = [r for r in routes if r.output.startswith(language.prefix)]
            localized[language.code] = Localized(language.prefix, frozenset(url_of(r.output) for r in own))
            for route in own:
                if (
                    route.template
                    and route.output.endswith(".html")
                    and route.output != "404.html"
                    and not _untranslated(route)
                ):
                    pages.setdefault(route.output.removeprefix(language.prefix), {})[language.code] = route.output
        return cls([site.language for site, _ in planned], pages, localized)

    def of_page(self, output: str, language: Language) -> dict[str, str]:
        """The outputs of the page at `output` in every language that has it in its own words, by language code
        (empty for a page in the default language's words published in another language)."""
        found = self.pages.get(output.removeprefix(language.prefix), {})
        return found if found.get(language.code) == output else {}

    def canonical(self, output: str, language: Language) -> str:
        """The page search engines should index for `output`: itself, or, for a page shown in the default language's
        words, the default language's."""
        if output.endswith(".html") and not self.of_page(output, language) and language.prefix:
            default = output.removeprefix(language.prefix)
            if self.languages[0].code in self.pages.get(default, {}):
                return default
        return output

    def switcher(self, output: str, language: Language) -> list[tuple[Language, str]]:
        """Each language with where its link leads from this page: the same page, or that language's home."""
        same = self.of_page(output, language)
        return [(lang, same.get(lang.code, lang.prefix + "index.html")) for lang in self.languages]

    def sitemap(self) -> list[tuple[str, dict[str, str]]]:
        """Every page in its own words, as a site URL, with the URLs of its translations by language code."""
        return [
            (url_of(output), {code: url_of(o) for code, o in same.items()} if len(same) > 1 else {})
            for same in self.pages.values()
            for output in same.values()
        ]

    def fact(self, output: str, language: Language) -> str:
        """What a page reads of the other languages, as text for its cache key."""
        same = self.of_page(output, language)
        names = [f"{lang.code}={lang.name}" for lang in self.languages]
        here = self.localized.get(language.code)
        paths = sorted(here.published) if here is not None and here.prefix else []
        return "\0".join([*names, *(f"{k}>{v}" for k, v in sorted(same.items())), *paths])


def _untranslated(route: Route) -> bool:
    page = route.page.quiz if isinstance(route.page, ResultPage) else route.page
    return isinstance(page, Document | LoadedQuiz) and page.fallback


EMBED_LANGUAGES = b'"__ATTUNE_EMBED_LANGUAGES__"'
"""Where the embed loader (root/embed.js) takes the languages of each quiz from the build."""


def with_embed_languages(route: Route, between: Alternates) -> Route:
    """The embed loader with each quiz's languages and their folders filled in (`data-lang` picks one)."""
    if route.data is None or EMBED_LANGUAGES not in route.data:
        return route
    found: dict[str, dict[str, str]] = {}
    for base, same in between.pages.items():
        if base.startswith("embed/") and base.endswith("/index.html"):
            slug = base.split("/")[1]
            found[slug] = {code: output.removesuffix(base) for code, output in same.items()}
    text = json.dumps(found, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return replace(route, data=route.data.replace(EMBED_LANGUAGES, text.encode()))
