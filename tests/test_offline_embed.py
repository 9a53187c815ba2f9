"""Offline exports opened from file://, and the embed snippet on another origin, in Chromium."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, attune, serving
from test_browser_quiz import (
    answer_by_keyboard,
    browser_view,
    planned_answers,
    reference,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    quiz = attune("export", "quiz", "attachment-style", "-o", str(folder / "quiz.html"), cwd=ROOT)
    assert quiz.returncode == 0, quiz.stderr
    assert quiz.stdout.startswith(f"Exported attachment-style to {folder / 'quiz.html'} (")
    site = attune("export", "site", "-o", str(folder / "site.zip"), cwd=ROOT)
    assert site.returncode == 0, site.stderr
    with zipfile.ZipFile(folder / "site.zip") as archive:
        archive.extractall(folder)
    return folder


def test_exported_quiz_works_offline_by_keyboard_with_zero_requests(browser, exported: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    url = (exported / "quiz.html").as_uri()
    page.goto(url)
    answers = planned_answers("attachment-style", {"anxiety": 2, "avoidance": 6}, seed=11)
    ref = reference("attachment-style", answers)
    answer_by_keyboard(page, answers, 1)
    while page.evaluate("document.activeElement.type") != "submit":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    shown = page.locator(f'[data-result-id="{ref["result"]}"]')
    shown.wait_for()
    assert page.locator("[data-result-id]").count() == 1
    view = browser_view("attachment-style", answers)
    assert page.url.endswith(f"#{view['fragment']}")
    for dim in ref["scores"]:
        assert shown.locator(f'[data-dimension="{dim}"][data-score="{view["shown"][dim]}"]').count() == 1
    assert page.evaluate("document.activeElement.tagName") == "H2", "the result heading receives focus"
    assert shown.get_by_role("button", name="Print or save as PDF").is_visible()
    assert "not a diagnosis" in page.locator("[data-results] .care").inner_text()
    page.emulate_media(media="print")
    assert shown.is_visible() and page.locator("[data-print]").first.is_hidden()
    page.emulate_media(media="screen")
    page.reload()
    assert page.locator(f'[data-result-id="{ref["result"]}"]').is_visible(), "the result survives a reload"
    assert requests == [url, url], "no request but the file itself, and no request of any kind from it"
    assert errors == []
    html = (exported / "quiz.html").read_text()
    assert "unsafe-inline" not in html and '<link rel="stylesheet"' not in html and 'src="' not in html
    context.close()


def test_exported_site_is_browsable_from_disk(browser, exported: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    failed: list[str] = []
    errors: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto((exported / "site" / "index.html").as_uri())
    page.get_by_role("link", name="Avoidant attachment: when independence is a way of staying safe").first.click()
    assert page.url.endswith("/articles/avoidant-attachment/index.html")
    page.get_by_role("link", name="Quizzes", exact=True).click()
    page.get_by_role("link", name="What is your attachment style?").first.click()
    assert page.url.endswith("/quizzes/attachment-style/index.html")
    for name in page.eval_on_selector_all("fieldset[data-item]", "els => els.map(e => e.dataset.item)"):
        page.check(f'input[name="{name}"][value="4"]')
    page.click("form[data-quiz] button[type=submit]")
    page.wait_for_url("**/results/fearful-avoidant/index.html#anxiety=4&avoidance=4")
    assert page.locator('[data-dimension="anxiety"][data-score="4.00"]').is_visible()
    page.locator(".related a").first.click()
    assert page.url.endswith("/index.html")
    assert failed == [] and errors == []
    context.close()


HOST = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,"></head><body>
<p id="before">Above the quiz.</p>
<script src="{src}" data-quiz="conflict-cycle" data-theme="dark" data-accent="#a05" async></script>
<p id="after">Below the quiz.</p>
</body></html>"""


def test_embed_snippet_on_another_origin(browser, bundled_dist: Path, tmp_path: Path) -> None:
    with serving(bundled_dist) as site_url, serving(tmp_path) as host_url:
        (tmp_path / "index.html").write_text(HOST.format(src=site_url + "embed.js"))
        context = browser.new_context()
        page = context.new_page()
        errors: list[str] = []
        foreign: list[str] = []
        page.on(
            "console", lambda m: errors.append(f"{m.text} {m.location}") if m.type in ("error", "warning") else None
        )
        page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith((site_url, host_url)) else None)
        page.goto(host_url)
        frame_el = page.locator("iframe")
        frame_el.wait_for()
        placement = page.evaluate(
            "(() => { const f = document.querySelector('iframe');"
            " return [f.previousElementSibling.tagName, f.nextElementSibling.id, f.title, f.loading]; })()"
        )
        assert placement[:2] == ["SCRIPT", "after"] and placement[3] == "lazy"
        frame = page.frame_locator("iframe")
        frame.locator("form[data-quiz]").wait_for()

        def heights() -> tuple[float, float]:
            page.wait_for_timeout(250)
            outer = frame_el.bounding_box()["height"]
            inner = frame.locator("body").evaluate("b => b.getBoundingClientRect().height")
            return outer, inner

        outer, inner = heights()
        assert abs(outer - inner) <= 2, "the frame is as tall as its content"
        assert frame_el.get_attribute("title") == page.frames[1].title() != "Quiz"
        assert frame.locator("html").evaluate(
            "h => [h.dataset.theme, getComputedStyle(h).getPropertyValue('--accent').trim()]"
        ) == ["dark", "#a05"]
        assert frame.locator("body").evaluate("b => getComputedStyle(b).backgroundColor") == "rgba(0, 0, 0, 0)", (
            "transparent"
        )
        names = frame.locator("fieldset[data-item]").evaluate_all("els => els.map(e => e.dataset.item)")
        ref = reference("conflict-cycle", dict.fromkeys(names, 5))
        for name in names:
            frame.locator(f'input[name="{name}"][value="5"]').check()
        frame.locator("form[data-quiz] button[type=submit]").click()
        frame.locator(f'[data-result-id="{ref["result"]}"]').wait_for()
        result_outer, result_inner = heights()
        assert result_outer < outer - 200, "the frame shrinks to the shorter result"
        assert abs(result_outer - result_inner) <= 2
        view = browser_view("conflict-cycle", dict.fromkeys(names, 5))
        for dim in ref["scores"]:
            assert frame.locator(f'[data-dimension="{dim}"][data-score="{view["shown"][dim]}"]').count() == 1
        full = frame.locator(f'[data-result-id="{ref["result"]}"] [data-full-result]')
        assert full.get_attribute("href").startswith(f"../../quizzes/conflict-cycle/results/{ref['result']}/#pursuing=")
        frame.locator("[data-change-answers]").click()
        back_outer, back_inner = heights()
        assert back_outer > result_outer + 200 and abs(back_outer - back_inner) <= 2, "and grows back with the form"
        scrolls = frame.locator("html").evaluate("h => h.scrollHeight > h.clientHeight + 1")
        assert not scrolls, "the frame never scrolls inside"
        blocked = page.evaluate(
            "(() => { try { return document.querySelector('iframe').contentWindow.document.title; }"
            " catch (e) { return 'blocked'; } })()"
        )
        assert blocked == "blocked", "the host page cannot reach into the quiz"
        assert errors == [] and foreign == [] and context.cookies() == []
        context.close()


def test_every_quiz_page_offers_the_snippet(bundled_dist: Path) -> None:
    page = (bundled_dist / "quizzes/attachment-style/index.html").read_text()
    assert (
        "&lt;script src=&#34;https://attunement.example.org/embed.js&#34; data-quiz=&#34;attachment-style&#34; async&gt;"
        "&lt;/script&gt;"
    ) in page or (
        '&lt;script src="https://attunement.example.org/embed.js" data-quiz="attachment-style" async&gt;&lt;/script&gt;'
    ) in page


def test_export_errors(tmp_path: Path) -> None:
    missing = attune("export", "quiz", "attachment-styl", "-o", str(tmp_path / "x.html"), cwd=ROOT)
    assert missing.returncode == 1
    assert (
        "quizzes/attachment-styl.yaml:1:1: no quiz 'attachment-styl' (did you mean 'attachment-style'?)"
        in missing.stderr
    )
    assert not any(tmp_path.iterdir()), "no half-written file"
