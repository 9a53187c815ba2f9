"""Rendering every route through the Jinja theme.

Autoescaping is on for every HTML and XML template; the only markup that reaches a page unescaped
is what the Markdown renderer produced (raw HTML there is escaped unless site.yaml opts in).
"""

from __future__ import annotations

import json
import traceback
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, cast
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape

from attunement import __version__
from attunement.config.languages import Language
from attunement.content.documents import ArticleMeta, Document
from attunement.content.loading import Site
from attunement.content.quizzes import LoadedQuiz, ResultPage
from attunement.content.urls import Linker, url_of
from attunement.diagnostics import Diagnostic, Diagnostics, Location
from attunement.files.writer import Output
from attunement.plan.alternates import Alternates
from attunement.plan.assets import Assets
from attunement.plan.routes import Route
from attunement.quiz.bounds import score_bounds
from attunement.quiz.client_key import client_key
from attunement.render import recorder
from attunement.render.i18n import date_format, fill, plural_forms, translations
from attunement.render.links import LinkLog, Links
from attunement.render.markdown import Heading, Parsed
from attunement.render.normplot import render_norm_plot
from attunement.render.plot import render_plot
from attunement.render.recorder import RecordingEnvironment
from attunement.render.views import DocumentView, QuizView, SiteViews


def make_environment(site: Site, links: Links, views: SiteViews) -> jinja2.Environment:
    """The theme's environment: it notes every template a render loads, and its globals note what they read."""
    env = RecordingEnvironment(
        loader=jinja2.FileSystemLoader([str(p) for p in site.layout.template_dirs()]),
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True, default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    language = site.config.language
    mirrored = site.language.dir == "rtl"  # plots run the way the page reads
    strings = translations(site.layout.template_dirs(), language)
    say = strings.gettext
    # old-style gettext: `_()` returns the text as it is, `{% trans %}` fills in its own variables
    cast(Any, env).install_gettext_translations(strings, newstyle=False)

    def articles_by_slug(slugs: list[str]) -> list[DocumentView]:
        recorder.note("list:articles")
        by_slug = {v.name: v for v in views.articles}
        return [by_slug[s] for s in slugs if s in by_slug]

    @jinja2.pass_context
    def quiz_html(
        context: jinja2.runtime.Context,
        loaded: QuizView,
        part: str,
        id_prefix: str = "",
        heading_base: int | None = None,
    ) -> Markup:
        """A quiz's instructions or a body, with links made for the page being rendered and headings fitted under it."""
        recorder.note("docs")  # its links to articles and pages resolve against every document there is
        quiz = cast(LoadedQuiz, loaded)  # a view answers every attribute of the quiz it stands for
        return Markup(links.quiz_html(quiz, part, context["url"], id_prefix, heading_base))

    env.globals.update(
        site=site.config,
        generator=f"Attunement {__version__}",
        toc=lambda doc: table_of_contents(doc, site.config.markdown.toc),
        plot=lambda loaded, prefix="attune-plot": render_plot(loaded.quiz, prefix, mirrored=mirrored, say=say),
        bounds=lambda loaded, dim: score_bounds(loaded.quiz, dim),
        norm_plot=lambda loaded, score_id, prefix: render_norm_plot(
            loaded.quiz, score_id, prefix, mirrored=mirrored, say=say
        ),
        quiz_key=_quiz_key,
        pairings_for=lambda loaded, result_id: [
            p for p in loaded.quiz.pairings if p.results is None or result_id in p.results
        ],
        quiz_html=quiz_html,
        plurals=plural_forms(strings, language),
        client_strings=json_for_script,
    )
    env.filters.update(
        human_date=date_format(language),
        fill=fill,
        base_path=lambda base_url: urlsplit(base_url).path or "/",
        articles=articles_by_slug,
    )
    return env


@dataclass
class RenderedRoute:
    """One route's output, what rendering it read of the site, and what a document taught of its headings and links."""

    output: Output | None
    reads: list[str] = field(default_factory=list)
    headings: list[Heading] | None = None
    log: LinkLog | None = None
    errors: list[Diagnostic] = field(default_factory=list)
    parsed: dict[str, tuple[str, Parsed]] = field(default_factory=dict)
    """The Markdown texts this rendering parsed (see ParsedStore)."""


class Renderer:
    """Renders any route of a build on its own, so routes can be skipped, or shared out between processes."""

    def __init__(
        self,
        site: Site,
        routes: list[Route],
        env: jinja2.Environment,
        links: Links,
        assets: Assets,
        views: SiteViews,
        between: Alternates,
    ):
        self.site, self.env, self.links, self.assets, self.views = site, env, links, assets, views
        self.between = between
        self.localized = between.localized.get(site.language.code)
        base = site.config.base_url
        self.absolute = base + site.language.folder if base and assets.target == "single" else None
        self.shared = {  # the names recorder.CONTEXT_TOKENS notes when a template reads them
            "articles": self.views.articles,
            "quizzes": list(self.views.quizzes.values()),
            "topics": self.views.topics,
            "topic_titles": {t.slug: t.title for t in site.topics},
            "pages": self.views.pages,
            "sitemap": between.sitemap(),
            "assets": assets,
        }
        self.inline = lru_cache(maxsize=256)(self._inline)

    def _inline(self, text: str, depth: int) -> Markup:
        """Short Markdown from site.yaml (crisis text, footer); `/path` links become relative."""
        linker = Linker.at_depth(depth, self.assets.explicit_index, self.absolute, self.localized)

        def resolve(href: str, line: int, col: int) -> str:
            return linker(href) if href.startswith("/") else href  # the linker leaves `//host` as it is

        return Markup(self.links.markdown.render_inline(text, resolve))

    def __call__(self, route: Route) -> RenderedRoute:
        if route.template is None:
            return RenderedRoute(Output(route.output, content=route.data, file=route.file))
        done = self._render(route, route.template)
        done.parsed = self.links.markdown.parsed.take_made()
        return done

    def _render(self, route: Route, template: str) -> RenderedRoute:
        done = RenderedRoute(None)
        if isinstance(route.page, Document):
            rendered = self.links.render_document(route.page)
            done.log, done.headings = rendered.log, rendered.headings
        linker = Linker(route.output, self.assets.explicit_index, self.absolute, self.localized)
        language = self.site.language
        same = self.between.of_page(route.output, language)
        context = dict(
            self.shared,
            page=self.views.of(route.page),
            url=linker,
            output=route.output,
            md=lambda text, _depth=linker.depth: self.inline(text, _depth),
            canonical=self.absolute + route.page.url
            if self.absolute and isinstance(route.page, LoadedQuiz)  # one exported file: its page on the site
            else _canonical(self.site, self.between.canonical(route.output, language)),
            language=language,
            languages=self.between.languages,
            default_language=self.site.default_language or language,
            **_shown_in(route.page, self.site.default_language or language, language),
            hreflang=self._hreflang(same, linker),
            switcher=[(lang, url_of(o)) for lang, o in self.between.switcher(route.output, language)]
            if len(self.between.languages) > 1
            else [],
        )
        with recorder.recording() as reads:
            try:
                html = self.env.get_template(template).render(context)
            except jinja2.TemplateError as exc:
                where = _template_location(exc, self.links.diags)
                done.errors.append(Diagnostic(where, f"template error: {exc.message or exc}"))
                return done
        done.output = Output(route.output, html.encode("utf-8"))
        done.reads = sorted(reads)
        return done

    def _hreflang(self, same: dict[str, str], linker: Linker) -> list[tuple[str, str]]:
        """The page's translations for `<link rel=alternate hreflang>`, the default language's also as x-default:
        absolute when the site has a base URL, as search engines want."""
        if len(same) < 2:
            return []
        base = self.site.config.base_url
        hrefs = [(code, base + url_of(o) if base else linker.exact(url_of(o))) for code, o in same.items()]
        return [*hrefs, ("x-default", hrefs[0][1])]


def _shown_in(page: Any, default: Language, language: Language) -> dict[str, Any]:
    """For a page shown in the default language's words (untranslated, `fallback`): that language, and the attributes
    that mark its words (`lang`, and `dir` when it reads the other way)."""
    quiz = page.quiz if isinstance(page, ResultPage) else page
    if not (isinstance(quiz, Document | LoadedQuiz) and quiz.fallback):
        return {"shown_in": None, "shown_in_attrs": ""}
    direction = f' dir="{default.dir}"' if default.dir != language.dir else ""
    return {"shown_in": default, "shown_in_attrs": Markup(f' lang="{escape(default.code)}"{direction}')}


def table_of_contents(doc: DocumentView, default: bool) -> list[tuple[Heading, list[Heading]]]:
    """The h2 sections of an article with their h3s, when it is long enough to need an outline."""
    wanted = doc.meta.toc if isinstance(doc.meta, ArticleMeta) and doc.meta.toc is not None else default
    outline: list[tuple[Heading, list[Heading]]] = []
    for heading in doc.headings:
        if heading.level == 2:
            outline.append((heading, []))
        elif heading.level == 3 and outline:
            outline[-1][1].append(heading)
    return outline if wanted and len(outline) >= 3 else []


@jinja2.pass_context
def _quiz_key(context: jinja2.runtime.Context, loaded: QuizView) -> Markup:
    """The scoring key as JSON that is safe inside <script type="application/json"> (no `</script>` breakout).

    A partner takes the quiz on the site's quiz page, except in a single exported file, which has no site around it.
    """
    url = context["url"]
    urls = {r.id: url(loaded.result_url(r.id)) for r in loaded.quiz.results}
    quiz_url = "" if context["assets"].target == "single" else url(loaded.url)
    return json_for_script(client_key(loaded.slug, loaded.quiz, urls, quiz_url=quiz_url))


def json_for_script(data: Any) -> Markup:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _canonical(site: Site, output: str) -> str | None:
    base = site.config.base_url
    return base + url_of(output) if base else None


def _template_location(exc: jinja2.TemplateError, diags: Diagnostics) -> Location:
    """Where in which template the error is: syntax errors say so, runtime errors are found in the traceback."""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return diags.location(exc.filename, exc.lineno or 1)
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".html", ".xml", ".txt"))]
    if frames:
        return diags.location(frames[-1].filename, frames[-1].lineno or 1)
    return Location("(templates)")
