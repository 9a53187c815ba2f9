"""What a reader sees on a result: the scorer's own result, words that fit the quiz, and the author's text before the tools."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, attune, built_quiz_site, serving
from test_browser_quiz import planned_answers, reference
from test_partner import take

EDGE = """\
title: Warmth and space
description: A quiz whose cut-off sits where two decimals would mislead.
minutes: 2
scale: {min: 1, max: 5, labels: {1: Disagree, 5: Agree}}
dimensions:
  - {id: warmth, label: Warmth, low: You keep warmth in reserve., high: You show warmth freely.}
  - {id: space, label: Space, low: You seldom need room., high: You often need room.}
items:
  - {id: w1, text: I show people I care., dimension: warmth}
  - {id: w2, text: I say kind things out loud., dimension: warmth}
  - {id: w3, text: I hug the people I love., dimension: warmth}
  - {id: s1, text: I need time alone., dimension: space}
results:
  - {id: low, title: Reserved, summary: Warmth kept close., when: {warmth: {below: 2.67}}, body: You keep your warmth close.}
  - {id: high, title: Open, summary: Warmth shown., when: {warmth: {at_least: 2.67}}, body: You show your warmth.}
"""

SINGLE = """\
title: One question
description: A quiz of one statement on one scale.
minutes: 1
scale: {min: 1, max: 5, labels: {1: Disagree, 5: Agree}}
dimensions:
  - {id: calm, label: Calm, low: Worry comes easily., high: Calm comes easily.}
items:
  - {id: c1, text: I stay calm when plans change., dimension: calm}
results:
  - {id: uneasy, title: Uneasy, summary: Change unsettles you., when: {calm: {below: 3}}, body: Change can unsettle you.}
  - {id: steady, title: Steady, summary: Change rarely unsettles you., when: {calm: {at_least: 3}}, body: You take change in stride.}
"""

TRIPLE = """\
title: Three pulls
description: A quiz on three scales.
minutes: 3
scale: {min: 1, max: 5, labels: {1: Disagree, 5: Agree}}
dimensions:
  - {id: near, label: Nearness, low: Low nearness., high: High nearness.}
  - {id: far, label: Distance, low: Low distance., high: High distance.}
  - {id: play, label: Play, low: Low play., high: High play.}
items:
  - {id: n1, text: I want to be close., dimension: near}
  - {id: f1, text: I want to be apart., dimension: far}
  - {id: p1, text: I like to joke around., dimension: play}
  - {id: p2, text: I like games., dimension: play}
results:
  - {id: close, title: Close, summary: Nearness leads., when: {near: {at_least: 3}}, body: Nearness leads for you.}
  - {id: apart, title: Apart, summary: Distance leads., when: {near: {below: 3}, far: {at_least: 3}}, body: Distance leads for you.}
  - {id: light, title: Light, summary: Play leads., when: {near: {below: 3}, far: {below: 3}}, body: Play leads for you.}
"""

ONLY = """\
title: One outcome
description: A quiz with a single result, no partner comparison, scores summed and shown with one decimal.
scale: {min: 1, max: 3, labels: {1: Rarely, 3: Often}}
compare: false
decimals: 1
scoring: {method: sum}
dimensions:
  - {id: rest, label: Rest, low: Little rest., high: Much rest.}
items:
  - {id: r1, text: I sleep well., dimension: rest}
  - {id: r2, text: I take breaks., dimension: rest}
results:
  - {id: all, title: Resting, summary: Everyone rests., when: {}, body: Rest matters.}
"""


@pytest.fixture(scope="module")
def quiz_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site with a cut-off at 2.67, a one-statement one-dimension quiz, a three-dimension quiz and a one-result quiz."""
    quizzes = {"edge": EDGE, "single": SINGLE, "triple": TRIPLE, "only": ONLY}
    return built_quiz_site(tmp_path_factory.mktemp("wording"), quizzes)


@pytest.fixture(scope="module")
def quiz_url(quiz_site: Path) -> Iterator[str]:
    with serving(quiz_site) as url:
        yield url


def visit(page, url: str) -> None:
    """Open a page and let it finish loading (its icon too), so the next visit aborts no request."""
    page.goto(url)
    page.wait_for_load_state("networkidle")


def text_of(html: str) -> str:
    """A page's text as a reader sees it: not the data its scripts read (the key, the interface strings)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r"<script\b.*?</script>", " ", html, flags=re.S)))


@pytest.mark.browser
def test_a_score_just_under_a_cut_off_reaches_the_result_page_intact(page, quiz_url: str) -> None:
    visit(page, f"{quiz_url}quizzes/edge/")
    take(page, {"w1": 3, "w2": 3, "w3": 2, "s1": 4})
    page.wait_for_url("**/quizzes/edge/results/low/#*")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("#warmth=2.6666666666666665&space=4")
    page.locator("[data-scores]").wait_for()
    assert page.locator("[data-mismatch]").is_hidden(), "2.6667 is below 2.67: the result page agrees"
    assert page.locator('[data-dimension="warmth"]').get_attribute("data-score") == "2.667"
    assert page.locator('[data-dimension="warmth"] [data-score-text]').inner_text() == "2.667", (
        "2.67 would read as High"
    )
    assert page.locator('[data-dimension="space"] [data-score-text]').inner_text() == "4.00"
    assert page.locator("[data-near-boundary]").is_visible()
    compare = page.locator("[data-compare-link]").get_attribute("href")
    assert compare.endswith("#partner.warmth=2.6666666666666665&partner.space=4")

    for edited in ("#warmth=2.67&space=4", "#warmth=4.5&space=1"):
        visit(page, f"{quiz_url}quizzes/edge/results/low/{edited}")
        mismatch = page.locator("[data-mismatch]")
        assert (
            mismatch.is_visible()
            and mismatch.inner_text() == "These scores fall in the region of another result: Open."
        )
        assert mismatch.locator("a").get_attribute("href").endswith(f"results/high/{edited}")
    visit(page, f"{quiz_url}quizzes/edge/results/low/#warmth=2.6666666666666665&space=4")
    assert page.locator("[data-mismatch]").is_hidden()


def test_wording_fits_one_and_three_dimensions(quiz_site: Path) -> None:
    pages = {p.relative_to(quiz_site).as_posix(): p.read_text() for p in quiz_site.rglob("*.html")}
    for path, html in pages.items():
        text = text_of(html)
        assert "two continuous" not in text, path
        assert not re.search(r"\b1 (statements|minutes|articles|scores|results)\b", text), path
        assert not re.search(r"\byour 1\b", text, re.I), path

    single = text_of(pages["quizzes/single/index.html"])
    assert "About 1 minute · 1 statement ·" in single
    assert "About 3 minutes · 4 statements ·" in text_of(pages["quizzes/triple/index.html"])
    one = text_of(pages["quizzes/single/results/uneasy/index.html"])
    assert "Your score " in one and "Your scores" not in one
    assert "It carries only your score, in the part" in one
    assert "Your score sits close to where one result ends and another begins" in one
    assert "The other result of this quiz" in one and "Other results" not in one
    assert "The plot shows you both" in one and 'data-kind="scale"' in pages["quizzes/single/results/uneasy/index.html"]
    three = text_of(pages["quizzes/triple/results/close/index.html"])
    assert "It carries only your 3 scores, in the part" in three
    assert "Your scores sit close to where one result ends and another begins" in three
    assert "Other results of this quiz" in three
    assert "The plot shows you both" in three, "one score has a scale, three a profile"
    assert 'data-kind="profile"' in pages["quizzes/triple/results/close/index.html"]
    assert "The plot shows you both" in text_of(pages["quizzes/edge/results/low/index.html"])
    listing = text_of(pages["quizzes/index.html"])
    assert "Results: Close · Apart · Light" in listing and "Result: Resting" in listing
    assert "What the results mean" in text_of(pages["quizzes/triple/index.html"])
    assert "What the result means" in text_of(pages["quizzes/only/index.html"])
    alone = text_of(pages["quizzes/only/results/all/index.html"])
    assert "Other result" not in alone and "other result" not in alone and "Take the quiz again" in alone


@pytest.mark.browser
def test_script_texts_fit_one_and_three_dimensions(page, quiz_url: str) -> None:
    visit(page, f"{quiz_url}quizzes/single/results/uneasy/#calm=4")
    assert page.locator("[data-mismatch]").inner_text() == "This score falls in the range of another result: Steady."
    visit(page, f"{quiz_url}quizzes/triple/results/light/#near=4&far=1&play=1")
    assert page.locator("[data-mismatch]").inner_text() == "These scores fall in the region of another result: Close."


def tops(page, selectors: list[str]) -> list[float]:
    return [page.locator(s).first.evaluate("e => e.getBoundingClientRect().top + window.scrollY") for s in selectors]


def heading_levels_step_down_one_at_a_time(page, scope: str) -> None:
    levels = page.locator(f"{scope} :is(h1, h2, h3, h4, h5, h6):visible").evaluate_all(
        "hs => hs.map(h => Number(h.tagName[1]))"
    )
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels


@pytest.mark.browser
def test_on_a_phone_the_result_text_comes_before_the_tools(browser, bundled_url: str, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    answers = planned_answers("attachment-style", {"anxiety": 6, "avoidance": 2}, seed=1)
    page.goto(f"{bundled_url}quizzes/attachment-style/")
    take(page, answers)
    page.wait_for_url("**/results/anxious/#*")
    page.locator("[data-print]").wait_for()
    body, compare, printing, scores = tops(
        page, [".result > .prose p", "[data-compare-link]", "[data-print]", "[data-scores]"]
    )
    assert scores < body < compare and body < printing, "scores, then the author's words, then the tools"
    heading_levels_step_down_one_at_a_time(page, "main")

    out = tmp_path / "quiz.html"
    assert attune("export", "quiz", "attachment-style", "-o", str(out), cwd=ROOT).returncode == 0
    page.goto(out.as_uri())
    take(page, answers)
    result = reference("attachment-style", answers)["result"]
    panel = f'[data-result-id="{result}"]'
    page.locator(f"{panel} [data-print]").wait_for()
    body, compare, printing, scores = tops(
        page, [f"{panel} > .prose p", f"{panel} [data-compare-link]", f"{panel} [data-print]", f"{panel} [data-scores]"]
    )
    assert scores < body < compare and body < printing
    heading_levels_step_down_one_at_a_time(page, "main")
    context.close()


@pytest.mark.browser
def test_a_quiz_can_turn_comparing_off_and_choose_its_decimals(page, quiz_site: Path, quiz_url: str) -> None:
    result = (quiz_site / "quizzes/only/results/all/index.html").read_text()
    assert (
        "data-compare-link" not in result and "data-joint" not in result and "Compare with your partner" not in result
    )
    visit(page, f"{quiz_url}quizzes/only/#partner.rest=2")  # a partner link is ignored, not half-shown
    assert page.locator("[data-partner-notice]").is_hidden()
    take(page, {"r1": 3, "r2": 2})
    page.wait_for_url("**/quizzes/only/results/all/#rest=5")
    page.locator("[data-scores]").wait_for()
    assert page.locator('[data-dimension="rest"] [data-score-text]').inner_text() == "5.0"
    assert page.locator("[data-print]").count() == 1
