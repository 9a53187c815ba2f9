"""Rendering: Markdown bodies to HTML, then every route through the Jinja theme.

Autoescaping is on for every HTML and XML template; the only markup that reaches a page unescaped is what the Markdown
renderer produced (raw HTML there is escaped unless site.yaml opts in).
"""

from __future__ import annotations

import difflib
import json
import posixpath
from urllib.parse import urlsplit
import traceback
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import __version__
from .content import ArticleMeta, Document
from .diagnostics import Diagnostics, Location, did_you_mean
from .markdown import Heading, Markdown, Resolver
from .coverage import score_bounds
from .plot import render_plot
from .quizzes import LoadedQuiz
from .scoring import client_key
from .routes import Route
from .site import Site
from .urls import SCHEME_RE, Linker, url_of

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'")


@dataclass(frozen=True)
class Output:
    path: str
    content: bytes | None = None
    file: Path | None = None


def make_environment(site: Site) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in site.layout.template_dirs()]),
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True, default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(site=site.config, csp=CSP, generator=f"Attunement {__version__}",
                       toc=lambda doc: table_of_contents(doc, site.config.markdown.toc))
    env.filters["human_date"] = lambda d: f"{d.day} {d:%B %Y}"
    env.filters["base_path"] = lambda base_url: urlsplit(base_url).path or "/"
    env.globals["plot"] = lambda loaded: render_plot(loaded.quiz)
    env.globals["bounds"] = lambda loaded, dim: score_bounds(loaded.quiz, dim)
    by_slug = {d.name: d for d in site.articles}
    env.filters["articles"] = lambda slugs: [by_slug[s] for s in slugs if s in by_slug]
    env.globals["quiz_key"] = _quiz_key
    return env


class Links:
    """Resolves the links an author writes: `other.md` and `/articles/x.md` to page URLs, `/path` to relative."""

    def __init__(self, site: Site, outputs: set[str], diags: Diagnostics):
        self.by_source = {d.source.path.relative_to(site.layout.root).as_posix(): d for d in site.documents}
        self.outputs = outputs
        self.site = site
        self.diags = diags
        self.pending_anchors: list[tuple[Document, str, Location]] = []

    def resolver(self, source: Path, linker: Linker) -> Resolver:
        base = source.parent.relative_to(self.site.layout.root).as_posix()

        def resolve(href: str, line: int, col: int) -> str:
            if not href or href.startswith(("#", "//")) or SCHEME_RE.match(href):
                return href
            path, hash_, fragment = href.partition("#")
            where = self.diags.location(source, line, col)
            if not path.endswith(".md"):
                if not path.startswith("/"):
                    return href
                if not self._published(path):
                    self.diags.warning(where, f"broken link '{href}': nothing in the site is published at that address")
                return linker(path) + hash_ + fragment
            key = posixpath.normpath(posixpath.join("site_src", path[1:]) if path.startswith("/") else posixpath.join(base, path))
            target = self.by_source.get(key)
            if target is None:
                near = difflib.get_close_matches(key, self.by_source, n=1)
                written = ("/" + posixpath.relpath(near[0], "site_src")) if near and path.startswith("/") else (
                    posixpath.relpath(near[0], base) if near else "")
                hint = f" (did you mean '{written}'?)" if near else ""
                self.diags.warning(where, f"broken link '{href}': no article or page at {key}{hint}")
                return href
            if fragment:
                self.pending_anchors.append((target, fragment, where))
            return linker(target.url) + hash_ + fragment

        return resolve

    def _published(self, path: str) -> bool:
        rel = path.lstrip("/")
        return rel in self.outputs or (rel.rstrip("/") + "/index.html").lstrip("/") in self.outputs

    def check_anchors(self) -> None:
        for target, fragment, where in self.pending_anchors:
            if fragment not in {h.id for h in target.headings}:
                ids = [h.id for h in target.headings]
                self.diags.warning(where, f"broken link: '{target.name}' has no heading '#{fragment}'{did_you_mean(fragment, ids)}")


def render_markdown(site: Site, routes: list[Route], diags: Diagnostics, *, explicit_index: bool = False) -> None:
    """Fill in every document's HTML and headings; broken links are warnings (errors under --strict)."""
    markdown = Markdown(raw_html=site.config.markdown.raw_html)
    links = Links(site, {r.output for r in routes}, diags)
    for doc in site.documents:
        resolve = links.resolver(doc.source.path, Linker(doc.output, explicit_index))
        rendered = markdown.render(doc.body, resolve, first_line=doc.body_line)
        doc.html, doc.headings = rendered.html, rendered.headings
    for loaded in site.quizzes:
        line, _ = loaded.positions.at(("instructions",))
        resolve = links.resolver(loaded.source.path, Linker(loaded.output, explicit_index))
        loaded.instructions_html = markdown.render(loaded.quiz.instructions, resolve, first_line=line).html
        for result_id, body in loaded.bodies.items():
            resolve = links.resolver(body.source.path, Linker(loaded.result_output(result_id), explicit_index))
            loaded.result_html[result_id] = markdown.render(body.text, resolve, first_line=body.first_line).html
    links.check_anchors()


def render_routes(site: Site, routes: list[Route], env: jinja2.Environment, diags: Diagnostics, *,
                  explicit_index: bool = False) -> list[Output]:
    markdown = Markdown(raw_html=site.config.markdown.raw_html)

    @lru_cache(maxsize=256)
    def inline(text: str, depth: int) -> Markup:
        """Short Markdown from site.yaml (crisis text, footer); `/path` links become relative."""
        linker = Linker.at_depth(depth, explicit_index)
        resolve: Resolver = lambda href, line, col: linker(href) if href.startswith("/") and not href.startswith("//") else href
        return Markup(markdown.render_inline(text, resolve))

    outputs = []
    shared = {
        "articles": site.articles,
        "quizzes": site.quizzes,
        "topics": site.topics,
        "topic_titles": {t.slug: t.title for t in site.topics},
        "pages": site.pages,
        "sitemap": [url_of(r.output) for r in routes if r.output.endswith(".html") and r.output != "404.html"],
    }
    for route in routes:
        if route.template is None:
            outputs.append(Output(route.output, content=route.data, file=route.file))
            continue
        linker = Linker(route.output, explicit_index)
        context = dict(shared, page=route.page, url=linker, output=route.output,
                       md=lambda text, _depth=linker.depth: inline(text, _depth),
                       canonical=_canonical(site, linker))
        try:
            html = env.get_template(route.template).render(context)
        except jinja2.TemplateError as exc:
            diags.error(_template_location(exc, diags), f"template error: {exc.message or exc}")
            continue
        outputs.append(Output(route.output, html.encode("utf-8")))
    return outputs


def table_of_contents(doc: Document, default: bool) -> list[tuple[Heading, list[Heading]]]:
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
def _quiz_key(context: jinja2.runtime.Context, loaded: LoadedQuiz) -> Markup:
    """The scoring key as JSON that is safe inside <script type="application/json"> (no `</script>` breakout)."""
    urls = {r.id: context["url"](loaded.result_url(r.id)) for r in loaded.quiz.results}
    return json_for_script(client_key(loaded.slug, loaded.quiz, urls))


def json_for_script(data: Any) -> Markup:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _canonical(site: Site, linker: Linker) -> str | None:
    base = site.config.base_url
    if not base:
        return None
    page = linker.output
    return base + (page[: -len("index.html")] if page.endswith("index.html") else page)


def _template_location(exc: jinja2.TemplateError, diags: Diagnostics) -> Location:
    """Where in which template the error is: syntax errors say so, runtime errors are found in the traceback."""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return diags.location(exc.filename, exc.lineno or 1)
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".html", ".xml", ".txt"))]
    if frames:
        return diags.location(frames[-1].filename, frames[-1].lineno or 1)
    return Location("(templates)")
