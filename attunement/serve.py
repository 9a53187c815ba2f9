"""`attune serve`: a local preview of the site, drafts included, on 127.0.0.1 by default."""

from __future__ import annotations

import functools
import http.server
import shutil
import tempfile
from pathlib import Path

import click

from .build import Compiled
from .writer import write_tree


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with the site's own 404 page, and no request log noise for assets."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        if not str(args[1] if len(args) > 1 else "").startswith("2"):
            super().log_message(format, *args)


def serve_site(compiled: Compiled, host: str, port: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="attune-serve-"))
    try:
        write_tree(compiled.outputs, folder)
        handler = functools.partial(_Handler, directory=str(folder))
        with http.server.ThreadingHTTPServer((host, port), handler) as server:
            shown_host = f"[{host}]" if ":" in host else host
            click.echo(f"Serving {compiled.pages} pages on http://{shown_host}:{server.server_address[1]}/ (Ctrl-C to stop)")
            try:
                server.serve_forever()
            except KeyboardInterrupt:
                click.echo("\nStopped.")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
