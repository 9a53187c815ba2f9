"""Taking a quiz in Chromium with the keyboard only, and what the result page shows."""

from __future__ import annotations

import json
import random

import pytest
import yaml
from conftest import ROOT, attune
from test_scoring_property import QUIZZES, run_browser_scoring

from attunement.quiz.client_key import client_key

pytestmark = pytest.mark.browser


def planned_answers(slug: str, targets: dict[str, int], seed: int) -> dict[str, int]:
    """Answers that aim each dimension at a target value, with some noise, honouring reverse keying."""
    quiz = yaml.safe_load((ROOT / "quizzes" / f"{slug}.yaml").read_text())
    low, high = quiz["scale"]["min"], quiz["scale"]["max"]
    rng = random.Random(seed)
    answers = {}
    for item in quiz["items"]:
        value = max(low, min(high, targets[item["dimension"]] + rng.choice((-1, 0, 0, 1))))
        answers[item["id"]] = low + high - value if item.get("reverse") else value
    return answers


def reference(slug: str, answers: dict[str, int]) -> dict:
    result = attune("score", slug, "-", cwd=ROOT, input=json.dumps(answers))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def browser_view(slug: str, answers: dict[str, int]) -> dict:
    """What the browser's own code makes of these answers (tests/js/score_many.mjs): the fragment the scores
    travel in, what a result page reads back from it (`read`) and the scores as shown (`shown`)."""
    quiz = QUIZZES[slug].quiz
    [[view]] = run_browser_scoring(
        [(client_key(slug, quiz, {r.id: f"results/{r.id}/" for r in quiz.results}), [answers])]
    )
    return view


def answer_by_keyboard(page, answers: dict[str, int], low: int) -> None:
    """Tab into each radio group; Space picks the first point, arrow keys move to (and pick) the others."""
    for item_id, value in answers.items():
        for _ in range(40):
            page.keyboard.press("Tab")
            name = page.evaluate("document.activeElement.name")
            if name == item_id:
                break
        else:
            raise AssertionError(f"Tab never reached {item_id}")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", f"focus on {item_id} is not visible"
        if value == low:
            page.keyboard.press("Space")
        for _ in range(value - low):
            page.keyboard.press("ArrowRight")
        assert page.evaluate(f"document.querySelector('input[name=\"{item_id}\"]:checked').value") == str(value)


@pytest.mark.parametrize(
    "slug, targets, expected",
    [
        ("attachment-style", {"anxiety": 6, "avoidance": 2}, "anxious"),
        ("attachment-style", {"anxiety": 2, "avoidance": 6}, "avoidant"),
        ("conflict-cycle", {"pursuing": 4, "withdrawing": 4}, "both"),
    ],
)
def test_keyboard_only_quiz_lands_on_the_right_result(
    page, bundled_url: str, slug: str, targets: dict, expected: str
) -> None:
    answers = planned_answers(slug, targets, seed=7)
    ref = reference(slug, answers)
    assert ref["result"] == expected
    low = yaml.safe_load((ROOT / "quizzes" / f"{slug}.yaml").read_text())["scale"]["min"]

    page.goto(f"{bundled_url}quizzes/{slug}/")
    answer_by_keyboard(page, answers, low)
    assert page.locator("[data-progress-text]").inner_text() == f"{len(answers)} of {len(answers)}"
    while page.evaluate("document.activeElement.type") != "submit":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/quizzes/{slug}/results/{expected}/#*")

    main = page.locator(f'[data-result-id="{expected}"]')
    assert main.count() == 1
    view = browser_view(slug, answers)
    assert page.url.endswith(f"#{view['fragment']}") and view["read"] == ref["scores"], "the scores travel exactly"
    for dim, value in ref["scores"].items():
        shown = view["shown"][dim]
        assert abs(float(shown) - value) <= 0.005
        assert page.locator(f'[data-dimension="{dim}"][data-score="{shown}"]').count() == 1
        assert page.locator(f'[data-dimension="{dim}"] [data-score-text]').inner_text() == shown
    assert page.evaluate("document.activeElement.tagName") == "H1", "the result heading receives focus"
    assert page.locator("svg[data-plot] circle.point").count() == 1
    assert "never leave" not in page.url


def test_answers_resume_and_clear(page, bundled_url: str) -> None:
    page.goto(f"{bundled_url}quizzes/conflict-cycle/")
    page.check('input[name="pur-01"][value="4"]')
    page.check('input[name="wdr-01"][value="2"]')
    page.reload()
    assert page.is_checked('input[name="pur-01"][value="4"]') and page.is_checked('input[name="wdr-01"][value="2"]')
    assert page.locator("[data-progress-text]").inner_text().startswith("2 of")
    stored = page.evaluate("[Object.keys(localStorage), Object.keys(sessionStorage)]")
    assert stored == [[], ["attune:answers:conflict-cycle"]], "resume data, for this tab, is the only storage"
    page.click("[data-clear]")
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    assert page.locator("input:checked").count() == 0
    assert "cleared" in page.locator("[data-message]").inner_text()
    page.reload()
    assert page.locator("input:checked").count() == 0
    assert page.context.cookies() == []


def test_too_few_answers_asks_for_more_instead_of_scoring(page, bundled_url: str) -> None:
    page.goto(f"{bundled_url}quizzes/conflict-cycle/")
    page.check('input[name="pur-01"][value="4"]')
    page.click("form[data-quiz] button[type=submit]")
    assert "answer a few more" in page.locator("[data-message]").inner_text()
    assert page.url.endswith("/quizzes/conflict-cycle/")
    assert page.evaluate("document.activeElement.dataset.item") == "wdr-01", "focus moves to the first open statement"


def test_result_page_without_scores_reads_as_a_static_page(page, bundled_url: str) -> None:
    page.goto(f"{bundled_url}quizzes/attachment-style/results/secure/")
    assert page.locator("[data-scores]").is_hidden()
    assert page.locator(".prose h2, .prose h3").count() >= 2
    assert page.locator(".related a").count() >= 1


def test_result_page_points_to_the_matching_result_when_scores_disagree(page, bundled_url: str) -> None:
    page.goto(f"{bundled_url}quizzes/attachment-style/results/secure/#anxiety=6.00&avoidance=6.00")
    mismatch = page.locator("[data-mismatch]")
    assert mismatch.is_visible() and "fearful" in mismatch.inner_text().lower()
    page.goto(f"{bundled_url}quizzes/attachment-style/results/secure/#anxiety=3.90&avoidance=1.00")
    assert page.locator("[data-near-boundary]").is_visible()
    assert page.locator("[data-mismatch]").is_hidden()


def test_no_javascript_keeps_answers_off_the_network(browser, bundled_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    requests: list[str] = []
    page.goto(f"{bundled_url}quizzes/conflict-cycle/", wait_until="networkidle")
    page.on("request", lambda r: requests.append(r.url))
    page.check('input[name="pur-01"][value="4"]')
    page.click("form[data-quiz] button[type=submit]")
    page.wait_for_timeout(300)
    assert not [r for r in requests if "pur-01" in r], "a form without JavaScript must not submit answers anywhere"
    assert page.url == f"{bundled_url}quizzes/conflict-cycle/"
    assert page.locator("noscript").count() == 1
    context.close()
