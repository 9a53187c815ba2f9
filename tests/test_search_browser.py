"""Searching in Chromium (docs/search.md): the bundled site served and the `attune export site` zip opened from
`file://` find the expected article first for a plain word, a typo, a word cut short and a declared synonym; the
header box sends nothing; the page passes axe; the not-found page suggests pages; nothing is requested elsewhere,
stored, or refused by the Content-Security-Policy."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import ROOT, attune, serving
from test_quality_browser import COLLECT_CSP, MODES, run_axe

pytestmark = pytest.mark.browser

QUERIES = {  # what a reader types -> the page it should find first
    "reassurance": "articles/anxious-attachment/",
    "avoidnt independence": "articles/avoidant-attachment/",  # a typo
    "earned secur": "articles/secure-attachment/",  # the last word cut short, as while typing
    "clingy": "articles/anxious-attachment/",  # a synonym declared in site.yaml
}


def first_results(page, count: int = 3) -> list[str]:
    page.locator("[data-search-results] li a").first.wait_for()
    hrefs = page.eval_on_selector_all("[data-search-results] li a", "els => els.map(e => e.href)")
    return hrefs[:count]


def search(page, base: str, text: str, page_path: str = "search/") -> list[str]:
    page.goto(f"{base}{page_path}#q={quote(text)}")
    return first_results(page)


@pytest.mark.parametrize("text", QUERIES)
def test_the_served_site_finds_the_expected_page_first(page, bundled_url: str, text: str) -> None:
    found = search(page, bundled_url, text)
    assert found[0] == bundled_url + QUERIES[text], found
    status = page.locator("[data-search-status]").inner_text()
    assert "result" in status and text in status
    assert page.locator("[data-search-results] mark").count() > 0, "the query's words are marked in the passage"


def test_the_spanish_pages_search_spanish_words(page, bundled_url: str) -> None:
    found = search(page, bundled_url, "buscar y retirarse", "es/search/")
    assert found[0] == bundled_url + "es/articles/anxious-avoidant-cycle/", found
    assert "resultado" in page.locator("[data-search-status]").inner_text()


def test_the_header_box_searches_without_sending_the_words(browser, bundled_dist: Path) -> None:
    requests: list[str] = []
    with serving(bundled_dist, requests=requests) as url:
        context = browser.new_context()
        page = context.new_page()
        seen: list[str] = []
        page.on("request", lambda r: seen.append(r.url))
        page.add_init_script(COLLECT_CSP)
        page.goto(url + "quizzes/attachment-style/")
        box = page.get_by_role("searchbox", name="Search articles, quizzes and results")
        box.fill("partner goes silent")
        box.press("Enter")
        page.wait_for_url("**/search/#q=partner%20goes%20silent")
        assert first_results(page)
        assert page.evaluate("window.__csp") == []
        stored = page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")
        context.close()
    assert stored == [0, 0, ""], "searching keeps nothing"
    assert all(u.startswith(url) for u in seen), [u for u in seen if not u.startswith(url)]
    assert not [line for line in requests if "silent" in line or "?" in line], "no server saw the words"


def test_the_keyboard_moves_through_the_results(page, bundled_url: str) -> None:
    search(page, bundled_url, "partner")
    field = page.locator("#attune-search")
    field.focus()
    field.press("ArrowDown")
    links = page.locator("[data-search-results] li a")
    assert links.nth(0).evaluate("e => e === document.activeElement")
    page.keyboard.press("ArrowDown")
    assert links.nth(1).evaluate("e => e === document.activeElement")
    page.keyboard.press("Escape")
    assert field.evaluate("e => e === document.activeElement")


def test_the_not_found_page_suggests_pages_for_the_address(browser, bundled_dist: Path) -> None:
    page = browser.new_context().new_page()  # the missing page's own 404 shows in the console, as it should
    with serving(bundled_dist) as url:
        missing = url + "articles/reassurance-seeking/"
        page.route(
            missing,
            lambda route: route.fulfill(
                status=404, body=(bundled_dist / "404.html").read_text(), content_type="text/html"
            ),
        )
        page.goto(missing)
        first = page.locator("[data-search-suggest] li a").first
        first.wait_for()
        assert first.get_attribute("href").endswith("articles/anxious-attachment/")
    page.context.close()


@pytest.mark.parametrize("mode", MODES)
def test_the_search_page_passes_axe(browser, bundled_url: str, mode: str) -> None:
    scheme, width = MODES[mode]
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 800})
    page = context.new_page()
    problems = {}
    for path in ("search/", "search/#q=partner", "es/search/#q=pareja", "search/#q=zzzzqqq"):
        page.goto(bundled_url + path)
        page.wait_for_load_state("networkidle")
        if "#q=" in path:
            page.wait_for_function("document.querySelector('[data-search-status]').textContent.length > 0")
        violations = run_axe(page)
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            violations.append(f"wider than {width}px")
        if violations:
            problems[path] = violations
    context.close()
    assert not problems, json.dumps(problems, indent=1)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    done = attune("export", "site", "-o", str(folder / "site.zip"), cwd=ROOT)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(folder / "site.zip") as archive:
        archive.extractall(folder)
    return folder / "site"


@pytest.mark.parametrize("text", QUERIES)
def test_the_file_export_finds_the_same_pages_with_no_request_out(browser, exported: Path, text: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.add_init_script(COLLECT_CSP)
    base = exported.as_uri() + "/"
    found = search(page, base, text, "search/index.html")
    assert found[0] == base + QUERIES[text] + "index.html", found
    assert page.evaluate("window.__csp") == []
    context.close()
    assert all(u.startswith("file://") for u in seen), seen


def test_without_javascript_the_box_leads_to_the_lists(browser, bundled_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(bundled_url + "articles/anxious-attachment/")
    box = page.get_by_role("searchbox", name="Search articles, quizzes and results")
    box.fill("partner goes silent")
    box.press("Enter")
    page.wait_for_url(re.compile(re.escape(bundled_url + "search/") + r"\??$"))  # the field has no name: no words sent
    links = page.eval_on_selector_all(".browse a", "els => els.map(e => e.href)")
    context.close()
    assert links == [bundled_url + p for p in ("topics/", "articles/", "quizzes/")]
