"""`attune serve` in Chromium: edits show up by themselves, errors show over the page, and go again."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import FIXTURES

pytestmark = pytest.mark.browser


@pytest.fixture
def served(tmp_path: Path):
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "basics" / "site", site)
    proc = subprocess.Popen(
        [sys.executable, "-m", "attunement", "serve", "--port", "0"],
        cwd=site,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    line = proc.stdout.readline()
    match = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
    assert match, (line, proc.stderr.read())
    yield site, match.group(1)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0 and "Stopped." in out and "Traceback" not in err, err


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_edits_reload_the_page_and_errors_show_over_it(served, page) -> None:  # page closes before the server stops
    site, url = served
    page.goto(url + "articles/reaching/")
    page.wait_for_function("document.querySelector('script[src^=\"/livereload.js\"]') !== null")
    page.wait_for_timeout(500)  # let livereload.js connect
    article = site / "site_src/articles/reaching.md"
    started = time.perf_counter()
    article.write_text(
        article.read_text().replace("Reaching is a bid for connection.", "Reaching is a bid, edited live.")
    )
    page.get_by_text("Reaching is a bid, edited live.").wait_for(timeout=5000)
    print(f"edit reflected in the browser after {time.perf_counter() - started:.3f} s")

    quiz = site / "quizzes/closeness.yaml"
    good = quiz.read_text()
    quiz.write_text(good.replace("minutes: 2", "minutes: [2"))
    overlay = page.locator(".attune-overlay")
    overlay.wait_for(timeout=5000)
    assert re.search(r"quizzes/closeness\.yaml:\d+:\d+", overlay.inner_text()), (
        "the overlay names file, line and column"
    )
    assert "YAML syntax error" in overlay.inner_text()
    assert page.get_by_text("Reaching is a bid, edited live.").is_visible(), "the last good page stays up"
    quiz.write_text(good)
    overlay.wait_for(state="detached", timeout=5000)


def test_requests_wait_for_a_pending_rebuild_and_files_come_and_go(served) -> None:
    site, url = served
    article = site / "site_src/articles/stepping-back.md"
    article.write_text(article.read_text().replace("Space lowers the heat.", "Space lowers the heat, freshly."))
    time.sleep(0.06)  # noticed by the watcher, but not yet rebuilt
    assert "freshly" in get(url + "articles/stepping-back/")[1], "a request during a rebuild waits for it"

    new = site / "site_src/articles/new-one.md"
    new.write_text("---\ntitle: A new one\n---\n\nBrand new.\n")
    time.sleep(0.06)
    assert get(url + "articles/new-one/")[0] == 200
    moved = site / "site_src/articles/moved-one.md"
    new.rename(moved)
    time.sleep(0.06)
    assert get(url + "articles/new-one/")[0] == 404 and get(url + "articles/moved-one/")[0] == 200
    moved.unlink()
    time.sleep(0.06)
    assert get(url + "articles/moved-one/")[0] == 404
    status, body = get(url + "about")
    assert status == 200 and "<h1>About</h1>" in body, "a folder without its slash is redirected"


def test_a_broken_site_yaml_still_serves_and_reports(served) -> None:
    site, url = served
    config = site / "site_src/site.yaml"
    config.write_text(config.read_text() + "titel: oops\n")
    time.sleep(0.06)
    errors = get(url + "_attune/errors.json")[1]
    assert "site_src/site.yaml:" in errors and "unknown key 'titel'" in errors
    assert get(url)[0] == 200


def test_the_search_index_follows_edits(served, page) -> None:
    site, url = served
    page.goto(url + "search/#q=lighthouse")
    page.wait_for_function("document.querySelector('[data-search-status]').textContent.length > 0")
    assert page.locator("[data-search-results] li").count() == 0
    page.wait_for_timeout(500)  # let livereload.js connect
    article = site / "site_src/articles/stepping-back.md"
    article.write_text(
        article.read_text().replace("Space lowers the heat.", "Space lowers the heat, like a lighthouse.")
    )
    page.locator("[data-search-results] li a").first.wait_for(timeout=5000)  # the page reloads itself
    assert page.eval_on_selector_all("[data-search-results] li a", "els => els.map(e => e.href)") == [
        url + "articles/stepping-back/"
    ]
