"""`attune serve`: a live preview that never lies.

- The latest good build lives in memory and is swapped in whole, so no request sees a half-built
  site; a request that arrives while a rebuild is pending waits for it to finish.
- Files are watched through the OS (inotify, via watchfiles): livereload's own watcher stats every
  file on every poll, which at thousands of files costs more than a rebuild. A burst of changes (an
  editor's save, a git checkout) settles for DEBOUNCE seconds and then makes one rebuild, which
  renders only the pages that depend on what changed (see deps.py).
- Browsers reload over livereload's websocket protocol. Its client script is loaded from this
  server (the package's own injection is an inline script, which the site's CSP rightly blocks).
- A failed build keeps the last good pages and shows the errors over them (file, line, column,
  message); the overlay goes by itself once a build succeeds. The server survives anything the
  content does.
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import mimetypes
import threading
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import click
from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from livereload.watcher import Watcher
from tornado import httpserver, ioloop, netutil, web
from watchfiles import watch

from attunement.build import Incremental, compile_site
from attunement.config.paths import OVERLAY_DIR, THEME_DIR, Layout
from attunement.content.documents import SourceMemo
from attunement.diagnostics import BuildError, Diagnostic, count_of
from attunement.memo import Recent

DEBOUNCE = 0.03
"""Seconds without further changes before a rebuild starts: a save or a checkout makes one rebuild."""
POLL = 0.01
STEP_MS = 5


@dataclass
class Preview:
    layout: Layout
    port: int = 0
    files: dict[str, bytes] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)
    settled: asyncio.Event = field(default_factory=asyncio.Event)
    changed_at: float | None = None
    building: bool = False
    reuse: Incremental = field(default_factory=lambda: Incremental(memo=SourceMemo(), shards=Recent()))
    """The last good build's pages and parsed sources: a rebuild renders only what changed.
    (No process pool here: forking a process that runs a web server's threads is not safe.)"""

    def compile(self) -> tuple[dict[str, bytes] | None, list[dict[str, str]], list[str]]:
        """One build, drafts included: (files, errors, warnings). Runs in a worker thread."""
        try:
            compiled = compile_site(self.layout, include_drafts=True, incremental=self.reuse, processes=False)
        except BuildError as exc:
            return None, [_error(d) for d in exc.diagnostics if d.severity == "error"], []
        except Exception as exc:  # a bug, not the author's mistake: report it and keep serving
            traceback.print_exc()
            return None, [{"where": "attune", "message": f"internal error: {exc!r}"}], []
        if not self.reuse.cache.entries:
            # The first build: most of what it made lives as long as the server, so keep it out of the
            # collector's full passes, which at thousands of pages cost more than a rebuild.
            gc.freeze()
        self.reuse.cache = compiled.cache
        files = {o.path: o.read() for o in compiled.outputs}
        return files, [], [str(w) for w in compiled.warnings]

    def changed(self) -> None:
        self.changed_at = asyncio.get_running_loop().time()
        self.settled.clear()

    def lookup(self, path: str) -> tuple[int, str, bytes]:
        """Status, content type and body for a URL path, with the site's own 404 page."""
        path = path.lstrip("/")
        page = path + "index.html" if path == "" or path.endswith("/") else path
        if page in self.files:
            return 200, _content_type(page), self.files[page]
        if path + "/index.html" in self.files:
            return 301, "", b""  # a folder without its slash: relative links need the slash
        return 404, "text/html; charset=utf-8", self.files.get("404.html", _EMPTY)


_EMPTY = b"<!doctype html><html lang=en><head><meta charset=utf-8><title>Attunement preview</title></head></html>"


def _error(diagnostic: Diagnostic) -> dict[str, str]:
    return {"where": str(diagnostic.where), "message": diagnostic.message}


def _content_type(path: str) -> str:
    kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return kind + (
        "; charset=utf-8" if kind.startswith("text/") or kind.endswith(("javascript", "json", "xml")) else ""
    )


class PageHandler(web.RequestHandler):
    def initialize(self, preview: Preview) -> None:
        self.preview = preview

    async def get(self, path: str) -> None:
        await self.preview.settled.wait()
        status, kind, body = self.preview.lookup(path)
        if status == 301:
            self.redirect("/" + path.lstrip("/") + "/", permanent=False)
            return
        if kind.startswith("text/html"):
            scripts = (
                f'<script src="/livereload.js?port={self.preview.port}" defer></script>'
                '<script type="module" src="/_attune/overlay.js"></script>'
                '<link rel="stylesheet" href="/_attune/overlay.css">'
            )
            body = (
                body.replace(b"</head>", scripts.encode() + b"</head>", 1)
                if b"</head>" in body
                else body + scripts.encode()
            )
        self.set_status(status)
        self.set_header("Content-Type", kind)
        self.set_header("Cache-Control", "no-store")
        self.write(body)


class ErrorsHandler(web.RequestHandler):
    def initialize(self, preview: Preview) -> None:
        self.preview = preview

    async def get(self) -> None:
        await self.preview.settled.wait()
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.write(json.dumps(self.preview.errors))


def watch_paths(layout: Layout) -> list[Path]:
    """The author's sources, and the packaged theme when it is a working copy rather than an install."""
    paths = [layout.site_src, layout.quizzes, layout.templates]
    if "site-packages" not in THEME_DIR.parts and THEME_DIR.resolve() != layout.templates.resolve():
        paths.append(THEME_DIR)
    return paths


def _watch(preview: Preview, paths: list[Path], stop: threading.Event, loop: asyncio.AbstractEventLoop) -> None:
    """Note every change the moment the OS reports it: requests from then on wait for the rebuild.

    Runs in a daemon thread, so nothing it waits on can hold up Ctrl-C."""
    for _ in watch(
        *[p for p in paths if p.exists()], step=STEP_MS, stop_event=stop, rust_timeout=250, raise_interrupt=False
    ):
        loop.call_soon_threadsafe(preview.changed)


async def _rebuild(preview: Preview, announce: bool = True) -> None:
    preview.building = True
    loop = asyncio.get_running_loop()
    files, errors, warnings = await loop.run_in_executor(None, preview.compile)
    if files is not None:
        preview.files = files
    preview.errors = errors
    preview.building = False
    if preview.changed_at is None:  # no change arrived during the build: what is served is current
        preview.settled.set()
    for line in warnings:
        click.echo(line, err=True)
    for error in errors:
        click.echo(f"{error['where']}: {error['message']}", err=True)
    if announce:
        pages = sum(p.endswith(".html") for p in preview.files)
        click.echo(
            f"Rebuilt {count_of(pages, 'page')}"
            if not errors
            else f"Build failed with {count_of(len(errors), 'error')}; "
            "the last good pages stay up, with the errors shown over them"
        )
    LiveReloadHandler.reload_waiters(path="*")


def serve_site(layout: Layout, host: str, port: int) -> None:
    """Serve until Ctrl-C."""
    logging.getLogger("tornado.access").setLevel(logging.ERROR)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    preview = Preview(layout)
    sockets = netutil.bind_sockets(port, host)
    preview.port = sockets[0].getsockname()[1]
    app = web.Application(
        [
            (r"/livereload", LiveReloadHandler),
            (r"/livereload.js", LiveReloadJSHandler),
            (r"/_attune/errors.json", ErrorsHandler, {"preview": preview}),
            (r"/_attune/(overlay\.(?:js|css))", web.StaticFileHandler, {"path": str(OVERLAY_DIR)}),
            (r"/(.*)", PageHandler, {"preview": preview}),
        ]
    )
    server = httpserver.HTTPServer(app)
    server.add_sockets(sockets)
    LiveReloadHandler.watcher = Watcher()  # not polled (see _watch); the handler only logs through it
    LiveReloadHandler.live_css = False  # reload whole pages: a rebuild can change any of them
    stop = threading.Event()

    def poll() -> None:
        """Once changes settle, rebuild (a change during a build queues one more)."""
        if preview.changed_at is not None and not preview.building and loop.time() - preview.changed_at >= DEBOUNCE:
            preview.changed_at = None
            loop.create_task(_rebuild(preview))

    # Watching starts before the first build, so an edit made while it runs (or just after) is not missed.
    threading.Thread(target=_watch, args=(preview, watch_paths(layout), stop, loop), daemon=True).start()
    loop.run_until_complete(_rebuild(preview, announce=False))
    shown_host = f"[{host}]" if ":" in host else host
    pages = sum(p.endswith(".html") for p in preview.files)
    click.echo(
        f"Serving {count_of(pages, 'page')} on http://{shown_host}:{preview.port}/ (drafts included; Ctrl-C to stop)"
    )
    ioloop.PeriodicCallback(poll, POLL * 1000).start()
    try:
        loop.run_forever()
    except KeyboardInterrupt:
        click.echo("\nStopped.")
    finally:
        stop.set()
        server.stop()
        loop.close()
