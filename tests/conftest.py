"""Shared fixtures: the real `attune` CLI in a subprocess, throwaway sites, a local server and Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
sys.path.insert(0, str(ROOT / "bench"))  # the bench corpus generator (`import corpus`) serves tests too
CHROMIUM = os.environ.get("ATTUNE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden output of fixture sites")


def attune(
    *args: str, cwd: Path | None = None, input: str | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run the real CLI as a user would (`python -m attunement` is the `attune` console script)."""
    return subprocess.run(
        [sys.executable, "-m", "attunement", *args],
        cwd=cwd,
        input=input,
        text=True,
        capture_output=True,
        timeout=timeout,
    )


MINIMAL_CONFIG = """\
title: Test site
description: A site for tests.
crisis:
  text: If you are in danger, call your local emergency number.
  links:
    - title: Find a helpline
      url: https://findahelpline.com/
"""


def write_site(root: Path, files: dict[str, str | bytes], *, config: str | None = MINIMAL_CONFIG) -> Path:
    """A site folder from a mapping of relative paths to contents (site.yaml included unless None)."""
    if config is not None:
        files = {"site_src/site.yaml": config, **files}
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def built_quiz_site(folder: Path, quizzes: dict[str, str]) -> Path:
    """A site of these quizzes (id -> YAML) and a home page, built with the real CLI; returns its dist/."""
    files = {f"quizzes/{slug}.yaml": text for slug, text in quizzes.items()}
    root = write_site(folder, {"site_src/pages/index.md": "---\ntitle: Home\n---\n\nWelcome.\n", **files})
    built = attune("build", "--strict", "-o", str(root / "dist"), cwd=root)
    assert built.returncode == 0, built.stderr
    return root / "dist"


def article(title: str = "An article", body: str = "Some text.\n", **meta: str) -> str:
    lines = [f"title: {title}"] + [f"{k}: {v}" for k, v in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` with its bytes, to prove an output was left untouched."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A small valid site with one article, to be edited by each test."""
    return write_site(
        tmp_path / "site",
        {
            "site_src/articles/first.md": article("First article", "Hello [second](second.md).\n", topics="[basics]"),
            "site_src/articles/second.md": article("Second article", "## One\n\nText.\n", topics="[basics]"),
            "site_src/pages/index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        },
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Logs nothing to the terminal; keeps each request line in `requests` when given one."""

    def __init__(self, *args: Any, requests: list[str] | None = None, **kwargs: Any) -> None:
        self.requests = requests
        super().__init__(*args, **kwargs)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if self.requests is not None:
            self.requests.append(self.requestline)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serving(folder: Path, host: str = "127.0.0.1", requests: list[str] | None = None) -> Iterator[str]:
    """Serve `folder` over HTTP on a free port of 127.0.0.1; yields the base URL. `requests` collects every request
    line the server receives: all a server could ever learn about a visitor."""
    handler = functools.partial(_QuietHandler, directory=str(folder), requests=requests)
    server = http.server.ThreadingHTTPServer((host, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def bundled_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled site built once per test run with the real CLI."""
    out = tmp_path_factory.mktemp("bundled") / "dist"
    result = attune("build", "--strict", "-o", str(out), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def bundled_url(bundled_dist: Path) -> Iterator[str]:
    with serving(bundled_dist) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium; a missing browser fails the test run instead of skipping it."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test`, which installs it", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context per test; console errors and failed requests fail the test."""
    context = browser.new_context()
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    yield page
    context.close()
    assert not problems, problems
