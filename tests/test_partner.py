"""Partner view: two people compare results through a link that carries only scores, in the fragment."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, urlparse

import pytest
import yaml
from conftest import ROOT, attune
from test_browser_quiz import browser_view, planned_answers, reference

pytestmark = pytest.mark.browser


def take(page, answers: dict[str, int]) -> None:
    for name, value in answers.items():
        page.check(f'input[name="{name}"][value="{value}"]')
    page.click("form[data-quiz] button[type=submit]")


def same_origin_only(page, origin: str) -> list[str]:
    foreign: list[str] = []
    page.on("request", lambda r: foreign.append(r.url) if urlparse(r.url).netloc != origin else None)
    return foreign


def test_partners_see_the_cycle_they_make_together(browser, bundled_url: str) -> None:
    origin = urlparse(bundled_url).netloc
    a_answers = planned_answers("attachment-style", {"anxiety": 6, "avoidance": 2}, seed=1)
    b_answers = planned_answers("attachment-style", {"anxiety": 2, "avoidance": 6}, seed=2)
    a_ref, b_ref = reference("attachment-style", a_answers), reference("attachment-style", b_answers)
    assert (a_ref["result"], b_ref["result"]) == ("anxious", "avoidant")

    a_context = browser.new_context()
    a = a_context.new_page()
    a_foreign = same_origin_only(a, origin)
    a.goto(f"{bundled_url}quizzes/attachment-style/")
    take(a, a_answers)
    a.wait_for_url("**/results/anxious/#*")
    compare = a.locator("a[data-compare-link]")
    assert compare.is_visible()
    link = compare.get_attribute("href")
    assert link.startswith("../../") and "#partner.anxiety=" in link and "partner.avoidance=" in link
    assert "anx-" not in link and "avo-" not in link, "the link carries scores only, never answers"
    carried = {name.removeprefix("partner."): float(value) for name, value in parse_qsl(urlparse(link).fragment)}
    assert carried == a_ref["scores"], "the exact scores, not rounded ones"
    assert a.locator("[data-joint]").is_hidden()
    full_link = compare.evaluate("a => a.href")

    b_context = browser.new_context()
    b = b_context.new_page()
    b_foreign = same_origin_only(b, origin)
    b.goto(full_link)
    assert b.locator("[data-partner-notice]").is_visible()
    take(b, b_answers)
    b.wait_for_url("**/results/avoidant/#*")
    assert "partner.anxiety=" in b.url
    joint = b.locator("[data-joint]")
    assert joint.is_visible()
    assert b.locator('[data-pairing-id="anxious-avoidant"]').is_visible()
    assert b.locator("[data-pairing-id]").count() == 1
    assert "pursue" in b.locator('[data-pairing-id="anxious-avoidant"]').inner_text().lower()
    assert (
        b.locator("svg[data-plot] .point.you").count() == 1 and b.locator("svg[data-plot] .point.partner").count() == 1
    )
    labels = b.locator("svg[data-plot] .point-label").evaluate_all("els => els.map(e => e.textContent)")
    assert labels == ["You", "Your partner"]
    titles = {
        r["id"]: r["title"] for r in yaml.safe_load((ROOT / "quizzes/attachment-style.yaml").read_text())["results"]
    }
    assert joint.locator("[data-partner-result]").inner_text() == titles["anxious"]
    a_shown, b_shown = (
        browser_view("attachment-style", a_answers)["shown"],
        browser_view("attachment-style", b_answers)["shown"],
    )
    for dim in b_ref["scores"]:
        assert b.locator(f'[data-dimension="{dim}"][data-score="{b_shown[dim]}"]').count() == 1
    for dim in a_ref["scores"]:
        assert (
            b.locator(f'[data-dimension="{dim}"] [data-partner-score]').inner_text() == f"Your partner: {a_shown[dim]}"
        )

    back = b.locator("[data-joint-link]").evaluate("a => a.href")
    a.goto(back)
    a.wait_for_url("**/results/anxious/#*")
    assert a.locator('[data-pairing-id="anxious-avoidant"]').is_visible()
    for dim in a_ref["scores"]:
        assert a.locator(f'[data-dimension="{dim}"][data-score="{a_shown[dim]}"]').count() == 1
    assert a_foreign == [] and b_foreign == []
    assert a_context.cookies() == [] and b_context.cookies() == []
    a_context.close()
    b_context.close()


def test_partner_view_in_the_single_file_export(browser, tmp_path: Path) -> None:
    out = tmp_path / "quiz.html"
    assert attune("export", "quiz", "conflict-cycle", "-o", str(out), cwd=ROOT).returncode == 0
    pursuer = planned_answers("conflict-cycle", {"pursuing": 5, "withdrawing": 1}, seed=3)
    withdrawer = planned_answers("conflict-cycle", {"pursuing": 1, "withdrawing": 5}, seed=4)
    assert reference("conflict-cycle", pursuer)["result"] == "pursuer"
    assert reference("conflict-cycle", withdrawer)["result"] == "withdrawer"
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(out.as_uri())
    take(page, pursuer)
    link = page.locator('[data-result-id="pursuer"] a[data-compare-link]').evaluate("a => a.href")
    assert link.startswith(out.as_uri() + "#partner.")
    other = browser.new_context().new_page()
    other.goto(link)
    take(other, withdrawer)
    assert other.locator('[data-result-id="withdrawer"] [data-pairing-id="pursuer-withdrawer"]').is_visible()
    assert all(r.startswith("file://") for r in requests)
    context.close()


def test_embedded_results_open_the_comparison_in_a_new_tab(page, bundled_url: str) -> None:
    page.goto(f"{bundled_url}embed/attachment-style/")
    take(page, planned_answers("attachment-style", {"anxiety": 6, "avoidance": 2}, seed=1))
    link = page.locator('[data-result-id="anxious"] a[data-compare-link]')
    assert link.get_attribute("href").startswith("../../quizzes/attachment-style/#partner.")
    assert page.evaluate("document.querySelector('base').target") == "_blank"
