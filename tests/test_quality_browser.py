"""Gates in Chromium on every page of the bundled site: axe-core (WCAG 2.x A/AA), CSP, privacy, keyboard order."""

from __future__ import annotations

import json
import random
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import ROOT, attune

pytestmark = pytest.mark.browser

AXE = (ROOT / "node_modules/axe-core/axe.min.js").read_text(encoding="utf-8")
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
MODES = {"light": ("light", 1024), "dark": ("dark", 1024), "narrow": ("light", 320)}
COLLECT_CSP = "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"


def pages(dist: Path) -> list[str]:
    """Every HTML page as a site path, plus each result page with scores in the fragment."""
    found = [p.relative_to(dist).as_posix().removesuffix("index.html") for p in sorted(dist.rglob("*.html"))]
    with_scores = []
    for path in found:
        if "/results/" in path:
            key = json.loads(
                (dist / path / "index.html").read_text().split('id="attune-quiz-key">')[1].split("</script>")[0]
            )
            measured = [s["id"] for s in key["scores"] if "derived" not in s]
            high = {s: key["bounds"][s][1] for s in measured}
            with_scores.append(path + "#" + "&".join(f"{s}={high[s] - 0.5:.2f}" for s in measured))
    return found + with_scores


def run_axe(page) -> list[str]:
    page.evaluate(AXE)
    result = page.evaluate(
        f"axe.run(document, {{runOnly: {{type: 'tag', values: {json.dumps(WCAG)}}}, resultTypes: ['violations']}})"
    )
    return [
        f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})" for v in result["violations"]
    ]


@pytest.mark.parametrize("mode", MODES)
def test_axe_finds_no_violations(browser, bundled_dist: Path, bundled_url: str, mode: str) -> None:
    scheme, width = MODES[mode]
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 800})
    page = context.new_page()
    problems = {}
    for path in pages(bundled_dist):
        page.goto(bundled_url + path)
        page.wait_for_load_state("networkidle")
        violations = run_axe(page)
        if violations:
            problems[path] = violations
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        if overflow:
            problems.setdefault(path, []).append(f"content is wider than the {width}px viewport")
    context.close()
    assert not problems, json.dumps(problems, indent=1)


def test_every_page_works_under_its_csp_with_no_console_errors(browser, bundled_dist: Path, bundled_url: str) -> None:
    context = browser.new_context()
    context.add_init_script(COLLECT_CSP)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    for path in pages(bundled_dist):
        page.goto(bundled_url + path)
        page.wait_for_load_state("networkidle")
        csp = page.evaluate("document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content")
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp, path
        assert page.evaluate("window.__csp") == [], path
    context.close()
    assert errors == []


def test_taking_every_quiz_stays_on_the_origin_and_stores_only_resume_data(
    browser, bundled_dist: Path, bundled_url: str
) -> None:
    origin = urlparse(bundled_url).netloc
    context = browser.new_context()
    page = context.new_page()
    foreign: list[str] = []
    page.on(
        "request",
        lambda r: foreign.append(r.url) if urlparse(r.url).netloc != origin and not r.url.startswith("data:") else None,
    )
    rng = random.Random(3)
    for path in pages(bundled_dist):
        page.goto(bundled_url + path)
    taken: list[str] = []
    for quiz in sorted((bundled_dist / "quizzes").glob("*/index.html")):
        slug = quiz.parent.name
        page.goto(f"{bundled_url}quizzes/{slug}/")
        for name in page.eval_on_selector_all("fieldset[data-item]", "els => els.map(e => e.dataset.item)"):
            values = page.eval_on_selector_all(f'input[name="{name}"]', "els => els.map(e => e.value)")
            page.check(f'input[name="{name}"][value="{rng.choice(values)}"]')
        page.click("form[data-quiz] button[type=submit]")
        page.wait_for_url(f"**/quizzes/{slug}/results/**")
        page.wait_for_load_state("networkidle")
        assert page.locator("[data-scores]").is_visible()
        taken.append(f"attune:answers:{slug}")
        local, session = page.evaluate(
            "[Object.keys(localStorage), Object.fromEntries(Object.entries(sessionStorage))]"
        )
        assert local == [] and sorted(session) == sorted(taken), "answers are kept for this tab only, unless remembered"
        assert all(set(json.loads(value)) <= {"answers", "order"} for value in session.values()), "never scores"
    assert page.evaluate("indexedDB.databases().then(d => d.length)") == 0
    assert context.cookies() == []
    assert foreign == []
    page.close()
    page = context.new_page()  # closing the tab forgets them
    page.goto(bundled_url)
    assert page.evaluate("[localStorage.length, sessionStorage.length]") == [0, 0]
    context.close()


def test_keyboard_focus_moves_forward_in_document_order(page, bundled_url: str) -> None:
    page.goto(f"{bundled_url}quizzes/conflict-cycle/")
    previous = None
    for _ in range(60):
        page.keyboard.press("Tab")
        handle = page.evaluate_handle("document.activeElement")
        if page.evaluate("el => el === document.body", handle):
            break  # past the last control
        assert page.evaluate("el => getComputedStyle(el).outlineStyle !== 'none' || el.matches('.skip-link')", handle)
        if previous is not None:
            follows = page.evaluate(
                "([a, b]) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)", [previous, handle]
            )
            assert follows, "focus went backwards"
        previous = handle
    assert page.evaluate("document.activeElement === document.body"), "the walk reached the end of the page"


def test_reduced_motion_and_print_styles_exist(bundled_dist: Path) -> None:
    css = (bundled_dist / "assets/site.css").read_text()  # as published: minified
    assert "@media (prefers-reduced-motion:reduce)" in css and "@media print" in css
    assert "color-scheme:light dark" in css and "light-dark(" in css and ":focus-visible" in css
    assert ':root[data-theme="dark"]{color-scheme:dark}' in css


@pytest.fixture(scope="module")
def exported_quiz(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("exported") / "attachment-style.html"
    assert attune("export", "quiz", "attachment-style", "-o", str(out), cwd=ROOT).returncode == 0
    return out


@pytest.mark.parametrize("mode", MODES)
def test_axe_on_the_exported_quiz_and_its_in_place_result(browser, exported_quiz: Path, mode: str) -> None:
    scheme, width = MODES[mode]
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(exported_quiz.as_uri())
    assert run_axe(page) == []
    for name in page.eval_on_selector_all("fieldset[data-item]", "els => els.map(e => e.dataset.item)"):
        page.check(f'input[name="{name}"][value="3"]')
    page.click("form[data-quiz] button[type=submit]")
    page.locator("[data-result-id]").wait_for()
    assert run_axe(page) == []
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    context.close()


def test_axe_on_in_place_results_of_embed_pages(page, bundled_url: str, bundled_dist: Path) -> None:
    for embed in sorted((bundled_dist / "embed").glob("*/index.html")):
        page.goto(f"{bundled_url}embed/{embed.parent.name}/")
        for name in page.eval_on_selector_all("fieldset[data-item]", "els => els.map(e => e.dataset.item)"):
            page.check(f'input[name="{name}"][value="2"]')
        page.click("form[data-quiz] button[type=submit]")
        page.locator("[data-result-id]").wait_for()
        assert run_axe(page) == [], embed
