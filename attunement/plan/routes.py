"""The build plan: every output path, what produces it, and which template renders it.

Planning before rendering lets the build refuse two sources that would write one path (naming both),
and lets a missing template be reported at the front-matter line that asked for it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from attunement.config.paths import ROOT_FILES_DIR
from attunement.config.settings import SiteConfig
from attunement.content.documents import Document
from attunement.content.loading import Site
from attunement.content.quizzes import ResultPage
from attunement.diagnostics import Diagnostics, Location, did_you_mean
from attunement.memo import Recent
from attunement.plan.assets import Assets, classic_name, minified
from attunement.plan.bundle import BundleError
from attunement.plan.search import Shard, entries, search_index
from attunement.quiz.model import Quiz


@dataclass(frozen=True)
class Route:
    output: str
    origin: Location
    template: str | None = None
    page: Any = None
    file: Path | None = None
    """For copied files (static files, theme assets): the file to copy."""
    data: bytes | None = None
    """For generated files that need no template (JSON Schemas, bundles), and the published form of a copied
    file that is not published as it is (theme scripts and styles, minified)."""


def plan(
    site: Site,
    templates: list[str],
    assets: Assets,
    diags: Diagnostics,
    shards: Recent[str, Shard] | None = None,
    processes: bool = False,
) -> list[Route]:
    """All routes of one language for the output's target. The language at the site's root also publishes what
    every language shares (assets, schemas, robots.txt, the sitemap); the others publish their pages in their
    folder. build.py checks the routes of every language together for collisions. `shards` keeps what the
    search index knows of each page between builds; `processes` allows analysing pages for it on every core."""
    theme = Location("(theme)")
    prefix = site.language.prefix
    if assets.target == "single":
        for entry in assets.inline_scripts:  # bundled now: a script that cannot be is reported, not raised in a render
            _bundled(assets, entry, diags)
        return [Route(f"{q.slug}.html", diags.location(q.source.path), "standalone.html", q) for q in site.quizzes]
    routes: list[Route] = []
    for doc in site.documents:
        if assets.target == "files" and doc.output == "404.html":
            continue  # opened from disk, no server shows a 404 page
        routes.append(Route(doc.output, diags.location(doc.source.path), _template(doc, templates, diags), doc))
    routes.append(Route(f"{prefix}articles/index.html", theme, "articles.html"))
    if site.quizzes:
        routes.append(Route(f"{prefix}quizzes/index.html", theme, "quizzes.html"))
    for loaded in site.quizzes:
        origin = diags.location(loaded.source.path)
        routes.append(Route(loaded.output, origin, "quiz.html", loaded))
        routes += [
            Route(loaded.result_output(r.id), origin, "result.html", ResultPage(loaded, r)) for r in loaded.quiz.results
        ]
    if assets.target == "site":
        routes += [
            Route(f"{prefix}embed/{q.slug}/index.html", diags.location(q.source.path), "embed.html", q)
            for q in site.quizzes
        ]
    if site.topics:
        routes.append(Route(f"{prefix}topics/index.html", theme, "topics.html"))
    routes += [Route(t.output, theme, "topic.html", t) for t in site.topics]
    if "index" not in site.pages:
        routes.append(Route(f"{prefix}index.html", theme, "home.html"))
    if site.config.base_url:
        routes.append(Route(f"{prefix}feed.xml", theme, "feed.xml"))
    routes.append(Route(f"{prefix}search/index.html", theme, "search.html"))
    language, synonyms = site.language.code, site.config.search.expanded
    index = search_index(entries(site), language, synonyms, assets.explicit_index, shards, processes)
    routes.append(Route(f"{prefix}search/index.js", theme, data=index))
    return routes + (_shared(site, assets, diags) if not prefix else [])


def _shared(site: Site, assets: Assets, diags: Diagnostics) -> list[Route]:
    """What the site publishes once for every language: the not-found page, files for servers and crawlers,
    schemas, the theme's assets and the site's static files."""
    theme = Location("(theme)")
    routes = [Route(f"schemas/{name}.schema.json", theme, data=_schema(model)) for name, model in SCHEMAS.items()]
    if assets.target == "site":
        routes += [Route(f.name, theme, file=f, data=minified(f)) for f in sorted(ROOT_FILES_DIR.glob("*.js"))]
    if "404" not in site.pages and assets.target != "files":  # opened from disk, no server shows a 404 page
        routes.append(Route("404.html", theme, "404.html"))
    routes.append(Route("robots.txt", theme, "robots.txt"))
    routes.append(Route("_headers", theme, "_headers"))
    if site.config.base_url:
        routes.append(Route("sitemap.xml", theme, "sitemap.xml"))
    assets_seen: set[str] = set()
    for asset_dir in site.layout.asset_dirs():  # the site's own copy comes first and overrides the theme's
        for file in sorted(p for p in asset_dir.rglob("*") if p.is_file()):
            output = "assets/" + file.relative_to(asset_dir).as_posix()
            if output not in assets_seen:
                assets_seen.add(output)
                routes.append(Route(output, diags.location(file), file=file, data=minified(file)))
    if assets.target == "files":  # modules cannot load from disk: each entry script bundled into a classic one
        scripts = sorted(
            {
                r.output.removeprefix("assets/")
                for r in routes
                if r.file and r.output.startswith("assets/") and r.output.endswith(".js") and "/vendor/" not in r.output
            }
        )
        routes += [Route("assets/" + classic_name(s), theme, data=_bundled(assets, s, diags)) for s in scripts]
    for file in site.static_files:
        routes.append(Route(file.relative_to(site.layout.static).as_posix(), diags.location(file), file=file))
    return routes


SCHEMAS = {"quiz": Quiz, "site": SiteConfig}


def _bundled(assets: Assets, entry: str, diags: Diagnostics) -> bytes:
    """`entry` as a classic script; a module the bundler cannot rewrite (a site's own?) is reported at its line."""
    try:
        return assets.bundled(entry).encode()
    except BundleError as exc:
        diags.error(diags.location(exc.path, exc.line, exc.col), exc.message)
        return b""


@cache
def _schema(model: type[BaseModel]) -> bytes:
    """A JSON Schema for editors (`# yaml-language-server: $schema=...`), generated from the model that validates."""
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
    return (json.dumps(schema, indent=2, sort_keys=True) + "\n").encode()


def _template(doc: Document, templates: list[str], diags: Diagnostics) -> str:
    default = (
        {"index": "home.html", "404": "404.html"}.get(doc.name, "page.html") if doc.kind == "page" else "article.html"
    )
    name = doc.meta.template or default
    if name not in templates:
        where = doc.positions.location(("template",))
        diags.error(where, f"unknown template '{name}'{did_you_mean(name, templates)}")
        return default
    return name


def check_collisions(routes: list[Route], diags: Diagnostics) -> None:
    """Two sources that would write one output: both named."""
    first: dict[str, Route] = {}
    for route in routes:
        earlier = first.setdefault(route.output, route)
        if earlier is not route:
            diags.error(
                route.origin, f"writes '{route.output}', which {earlier.origin.path} also writes; rename one of them"
            )
