"""The build, flowing one way: load -> validate -> plan -> render (what changed) -> write."""

from __future__ import annotations

import contextlib
import functools
import gc
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import ParamSpec, TypeVar

import jinja2

from attunement.config.paths import Layout, is_template
from attunement.config.settings import SiteConfig, load_config, override
from attunement.content.documents import SourceMemo
from attunement.content.loading import Site, load_sites
from attunement.diagnostics import BuildError, Diagnostic, Diagnostics, did_you_mean
from attunement.files.sources import source_key
from attunement.files.writer import Output, replace_atomically
from attunement.incremental import cache as build_cache
from attunement.incremental.cache import BuildCache, Entry, LastBuild, keep, kept, last_build
from attunement.incremental.keys import Dependencies
from attunement.memo import Recent
from attunement.plan.alternates import Alternates, with_embed_languages
from attunement.plan.assets import Assets, Target
from attunement.plan.routes import Route, check_collisions, plan
from attunement.plan.search import Shard
from attunement.pool import Progress, map_in_order
from attunement.quiz.structure import Reachable
from attunement.render.linklog import DocumentRecord, LinkLog
from attunement.render.links import Links, check_links
from attunement.render.markdown import Markdown, Parsed, ParsedStore
from attunement.render.templates import RenderedRoute, Renderer, make_environment
from attunement.render.views import SiteViews

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class Incremental:
    """What a build may reuse: the last build's cache, the folder holding its files (None: the cache
    holds the bytes, as in `serve`), and, kept in memory by `serve`, parsed sources and what the search
    index knows of each page."""

    cache: BuildCache = field(default_factory=BuildCache)
    dest: Path | None = None
    memo: SourceMemo | None = None
    shards: Recent[str, Shard] | None = None
    parsed: dict[str, tuple[str, Parsed]] = field(default_factory=dict)
    """Markdown texts parsed by earlier builds, by content (see ParsedStore); the build leaves here what to keep."""
    reachable: Recent[str, Reachable] = field(default_factory=Recent)
    """Each quiz file's reachable scores, by its content."""


@dataclass
class Compiled:
    config: SiteConfig
    outputs: list[Output]
    warnings: list[Diagnostic] = field(default_factory=list)
    cache: BuildCache = field(default_factory=BuildCache)
    rendered: int = 0
    """How many outputs were rendered rather than reused."""
    drafts: list[str] = field(default_factory=list)
    """Drafts left out of the output, as paths from the site's folder."""
    untranslated: dict[str, list[str]] = field(default_factory=dict)
    """By language code: the sources it has no translation of, as paths from the site's folder."""

    @property
    def pages(self) -> int:
        return sum(o.path.endswith(".html") for o in self.outputs)


@dataclass
class _Language:
    """One language's part of a build: its site, and what renders and keys its routes."""

    site: Site
    links: Links
    env: jinja2.Environment
    routes: list[Route]
    views: SiteViews
    deps: Dependencies | None = None
    renderer: Renderer | None = None


def _without_collector_pauses(function: Callable[P, R]) -> Callable[P, R]:
    """Runs `function` with Python's cycle collector paused. A full collection walks every live object, and a build
    keeps hundreds of thousands alive (sources, pages, search shards): pausing it makes an edit under `serve` at
    4,000 articles about a quarter quicker. A build makes few cycles, and the collector takes them afterwards."""

    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return paused


@_without_collector_pauses
def compile_site(
    layout: Layout,
    *,
    strict: bool | None = None,
    include_drafts: bool = False,
    target: Target = "site",
    incremental: Incremental | None = None,
    processes: bool = True,
    language: str | None = None,
    progress: Progress | None = None,
) -> Compiled:
    """Everything but writing; raises BuildError carrying every diagnostic when the input has errors.

    `target` says where the output will be opened: a web server, files on disk, or one file (see assets.py).
    With `incremental`, outputs whose dependencies are unchanged are taken from the last build. `processes`
    allows sharing the rendering out to a pool of forked processes (not in a process running threads, like `serve`).
    `language` builds one of the site's languages alone, at the root (an export in that language). `progress`
    hears how many of the pages to render are done.
    """
    reuse = incremental or Incremental()
    diags = Diagnostics(layout.root)
    config = load_config(layout, diags)
    diags.raise_if_errors()
    assert config is not None
    config = override(config, strict=strict)
    diags.strict = config.strict
    if language is not None and language != config.language and language not in config.languages:
        known = [config.language, *config.languages]
        raise BuildError.at(
            layout.root,
            layout.config_file,
            f"no language '{language}' in site.yaml; it has {', '.join(known)}{did_you_mean(language, known)}",
        )
    only = language or (config.language if target == "single" else None)  # one file holds one language
    reuse.reachable.next_build()
    sites = load_sites(
        layout, config, diags, include_drafts=include_drafts, memo=reuse.memo, only=only, reachable=reuse.reachable
    )
    assets = Assets(layout.asset_dirs(), target)
    options = config.markdown
    markdown = Markdown(raw_html=options.raw_html, parsed=ParsedStore(reuse.parsed), engine=options.engine)
    parts = []
    if reuse.shards is not None:
        reuse.shards.next_build()
    for site in sites:
        links = Links(site, diags, markdown, explicit_index=assets.explicit_index)
        views = SiteViews(site, links.document_html)
        env = make_environment(site, links, views)
        planned = plan(site, env.list_templates(filter_func=is_template), assets, diags, reuse.shards, processes)
        parts.append(_Language(site, links, env, planned, views))
    routes = [r for part in parts for r in part.routes]
    check_collisions(routes, diags)
    diags.raise_if_errors()
    between = Alternates.of([(part.site, part.routes) for part in parts])
    for part in parts:
        part.routes = [with_embed_languages(r, between) for r in part.routes]
    routes = [r for part in parts for r in part.routes]
    salt = f"{target}\0{include_drafts}\0{language}"
    fresh = BuildCache()
    outputs: dict[str, Output] = {}
    logs: list[LinkLog] = []
    headings: dict[str, list[str]] = {}
    stale: list[tuple[_Language, Route]] = []
    for part in parts:
        part.links.localized = between.localized[part.site.language.code]
        part.deps = Dependencies(part.site, part.env, part.routes, salt, between)
        part.renderer = Renderer(part.site, part.routes, part.env, part.links, assets, part.views, between)
        fresh.quiz_logs.update(part.links.quiz_logs(reuse.cache.quiz_logs))
        for route in part.routes:
            kept, entry = _kept(route, reuse, part.deps, part.links)
            if kept is None or entry is None:
                stale.append((part, route))
                continue
            outputs[route.output] = kept
            fresh.entries[route.output] = entry
            if entry.record is not None:
                logs.append(entry.record.log)
                headings[source_key(layout.root, route.page.source.path)] = entry.record.ids
    logs += fresh.quiz_logs.values()
    _compile_templates(parts[0].env, {r.template for _, r in stale if r.template})
    for (part, route), done in zip(
        stale, map_in_order(_render, stale, allow=processes, progress=progress), strict=True
    ):
        assert part.deps is not None
        diags.items += done.errors
        markdown.parsed.known.update(done.parsed)
        if done.output is None:
            continue
        if route.template is None:
            entry = fresh.entries[route.output] = Entry(part.deps.file_key(route))
        else:
            entry = fresh.entries[route.output] = Entry(part.deps.key(route, done.reads), reads=done.reads)
        if reuse.dest is None:  # the cache holds the bytes: read a copied file once, not on every rebuild
            done.output = Output(route.output, done.output.read())
            entry.content = done.output.content
        outputs[route.output] = done.output
        if done.log is not None and done.headings is not None:
            ids = [h.id for h in done.headings]
            logs.append(done.log)
            headings[source_key(layout.root, route.page.source.path)] = ids
            entry.record = DocumentRecord(ids, done.log)
    check_links(logs, set(outputs), headings, diags)
    reuse.parsed = markdown.parsed.kept({source.digest for site in sites for source in site.sources()})
    diags.raise_if_errors()
    compiled = Compiled(
        config,
        [outputs[r.output] for r in routes],
        diags.sorted(),
        fresh,
        len(stale),
        [source_key(layout.root, p) for p in sites[0].drafts_left_out],
        {site.language.code: sorted(source_key(layout.root, p) for p in site.untranslated) for site in sites[1:]},
    )
    fresh.warnings, fresh.pages, fresh.drafts = [str(w) for w in compiled.warnings], compiled.pages, compiled.drafts
    return compiled


def _render(work: tuple[_Language, Route]) -> RenderedRoute:
    part, route = work
    assert part.renderer is not None
    return part.renderer(route)


def _kept(route: Route, reuse: Incremental, deps: Dependencies, links: Links) -> tuple[Output | None, Entry | None]:
    """The last build's output for `route` and its fresh cache entry, when nothing it read has changed since."""
    entry = reuse.cache.entries.get(route.output)
    if entry is None:
        return None, None
    if route.template is None:
        key = deps.file_key(route)
    elif entry.reads is None or (entry.record is not None and not links.still_valid(entry.record.log)):
        return None, None
    else:
        key = deps.key(route, entry.reads)
    kept = reuse.cache.reuse(route.output, key, reuse.dest)
    if kept is None:
        return None, None
    return kept, Entry(key, entry.record, reads=entry.reads, content=kept.content if reuse.dest is None else None)


def _compile_templates(env: jinja2.Environment, names: set[str]) -> None:
    """Compile templates once, before any worker is forked (a broken one is reported when rendered)."""
    for name in names:
        with contextlib.suppress(jinja2.TemplateError):
            env.get_template(name)


@dataclass
class Built:
    output_dir: Path
    pages: int
    warnings: list[str]
    seconds: float
    outputs: int
    rendered: int
    """Outputs rendered this time (the rest were unchanged and kept)."""
    drafts: list[str]


def build(
    layout: Layout,
    *,
    output: Path | None = None,
    strict: bool | None = None,
    clean: bool | None = None,
    last: LastBuild | None = None,
    progress: Progress | None = None,
) -> Built:
    """Build into the output folder, reusing what the last build made unless `clean`.

    `last` is the state of the previous build when the caller has already looked (the CLI does, to
    answer a build with nothing to do before importing the renderer).
    """
    started = time.perf_counter()
    last = last or last_build(layout, output, strict, clean=bool(clean))
    if last.current:
        return Built(
            Path(last.cache.dest),
            last.cache.pages,
            last.cache.warnings,
            time.perf_counter() - started,
            len(last.cache.entries),
            0,
            last.cache.drafts,
        )
    previous_dest = Path(last.cache.dest) if last.cache.dest else None
    shards = Recent({k: Shard.from_json(v) for k, v in kept(layout.root, "search", bool(clean)).items()})
    reuse = Incremental(
        last.cache,
        previous_dest,
        shards=shards,
        parsed={k: (v[0], Parsed.from_json(v[1])) for k, v in kept(layout.root, "markdown", bool(clean)).items()},
        reachable=Recent({k: reachable_from_json(v) for k, v in kept(layout.root, "scores", bool(clean)).items()}),
    )
    searched, parsed, listed = set(shards.used()), set(reuse.parsed), set(reuse.reachable.used())
    compiled = compile_site(layout, strict=strict, incremental=reuse, progress=progress)
    dest = output if output is not None else layout.root / compiled.config.output_dir
    _refuse_unsafe_output(layout, dest)
    replace_atomically(compiled.outputs, dest)
    fresh = compiled.cache
    fresh.inputs, fresh.dest = last.inputs, str(dest.resolve())
    fresh.hashed, fresh.hashed_ns = last.hashed, last.hashed_ns
    fresh.record_files(dest.resolve())
    build_cache.save(layout.root, last.settings, fresh)
    if shards.used().keys() != searched:  # rewritten only when a page's words or a text changed
        keep(layout.root, "search", {k: v.to_json() for k, v in shards.used().items()})
    if reuse.parsed.keys() != parsed:
        keep(layout.root, "markdown", {k: [source, v.to_json()] for k, (source, v) in reuse.parsed.items()})
    if reuse.reachable.used().keys() != listed:
        keep(layout.root, "scores", {k: reachable_to_json(v) for k, v in reuse.reachable.used().items()})
    return Built(
        dest,
        compiled.pages,
        fresh.warnings,
        time.perf_counter() - started,
        len(compiled.outputs),
        compiled.rendered,
        compiled.drafts,
    )


def _refuse_unsafe_output(layout: Layout, dest: Path) -> None:
    """Replacing the output folder deletes it: never let that be the site or a folder holding it."""
    target = dest.resolve()
    for precious in (layout.root, layout.site_src, layout.quizzes, layout.templates):
        p = precious.resolve()
        if target == p or p.is_relative_to(target) or (target.is_relative_to(p) and p != layout.root.resolve()):
            raise BuildError.at(
                layout.root,
                dest,
                f"refusing to write the site into '{dest}': "
                "it would replace your sources; choose a separate output folder",
            )


def reachable_to_json(reachable: Reachable) -> dict[str, list[str] | None]:
    """Each score's values as exact fractions (`"7/2"`); None where listing them gave up."""
    return {k: None if isinstance(v, OverflowError) else sorted(map(str, v)) for k, v in reachable.items()}


def reachable_from_json(data: dict[str, list[str] | None]) -> Reachable:
    return {k: OverflowError(k) if v is None else set(map(Fraction, v)) for k, v in data.items()}
