"""Norms and change over time in a real browser: the percentile in words with its marker on the sample's picture,
nothing of the sort for a quiz without norms, and how scores moved only for a reader who chose to remember."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator

import pytest
from conftest import built_quiz_site, serving
from test_norms import NORMED

pytestmark = pytest.mark.browser

PLAIN = """\
title: Closeness and distance, plain
description: The same quiz without norms or a measurement error.
scale: {min: 1, max: 5, labels: {1: Disagree, 5: Agree}}
dimensions:
  - {id: closeness, label: Wish for closeness, low: Distance rarely bothers you., high: You want a lot of closeness.}
  - {id: distance, label: Need for distance, low: Closeness rarely feels like too much., high: It soon feels like too much.}
items:
  - {id: c1, text: I like to hear from the people I love every day., dimension: closeness}
  - {id: c2, text: Long stretches without contact feel fine to me., dimension: closeness, reverse: true}
  - {id: d1, text: After a lot of togetherness I need time alone., dimension: distance}
  - {id: d2, text: I keep some things to myself., dimension: distance}
results:
  - {id: all, title: Everyone, summary: One result for all., body: Text.}
"""

REMEMBER = "Remember my answers on this device"
FIRST = {"c1": 4, "c2": 2, "d1": 3, "d2": 4}
"""closeness (4 + (6 - 2)) / 2 = 4, distance (3 + 4) / 2 = 3.5, overall 3.75."""
SECOND = {"c1": 5, "c2": 1, "d1": 3, "d2": 3}
"""closeness 5 (up 1, more than 1.96 * sqrt(2) * 0.8 * sqrt(1 - 0.8) = 0.99), distance 3 (down 0.5: not more than
the minimal 0.5), overall 4 (no measurement error declared)."""


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(built_quiz_site(tmp_path_factory.mktemp("norms"), {"normed": NORMED, "plain": PLAIN})) as url:
        yield url


def take(page, url: str, answers: dict[str, int], remember: bool | None = None) -> None:
    """Open the quiz, answer, tick or untick Remember when asked to, and wait for the result page."""
    page.goto(url)
    if remember is not None:
        page.get_by_role("checkbox", name=REMEMBER).set_checked(remember)
    for name, value in answers.items():
        page.check(f'input[name="{name}"][value="{value}"]')
    page.click("form[data-quiz] button[type=submit]")
    page.wait_for_url("**/results/**#*")
    page.locator("[data-scores]").wait_for()


def row(page, score: str):
    return page.locator(f'[data-dimension="{score}"]')


def changes(page) -> dict[str, str]:
    """Each shown change line by score, and the note on unjudged moves when shown."""
    found = page.eval_on_selector_all(
        "[data-change]:not([hidden])",
        "els => els.map(e => [e.closest('[data-dimension]').dataset.dimension, e.textContent])",
    )
    if page.locator("[data-change-note]").is_visible():
        found.append(["note", page.text_content("[data-change-note]")])
    return dict(found)


def marker(page, score: str) -> tuple[str | None, str | None, str | None]:
    line = row(page, score).locator("[data-norm-marker]")
    return (
        line.get_attribute("x1"),
        line.get_attribute("x2"),
        row(page, score).locator("[data-norm-below]").get_attribute("width"),
    )


def kept(page) -> dict:
    return page.evaluate("() => ({local: {...localStorage}, session: {...sessionStorage}})")


def test_the_percentile_reads_in_words_and_the_marker_stands_at_the_score(page, site_url: str) -> None:
    take(page, f"{site_url}quizzes/normed/", FIRST)
    assert row(page, "closeness").get_attribute("data-score") == "4.00"
    assert row(page, "closeness").locator("[data-percentile-text]").inner_text() == (
        "Higher than about 89 of 100 adults in the 2011 online sample of 21,000."  # 100 * Phi(1.25) = 89.4
    )
    assert row(page, "distance").locator("[data-percentile-text]").inner_text() == (
        "Higher than about 67 of 100 students of 250."  # 50 + (3.5 - 3) * (84 - 50) = 67
    )
    # 240 units from 1 to 5, starting at 10: 4 sits at 190, 3.5 at 160; the share below is shaded up to it
    assert marker(page, "closeness") == ("190.0", "190.0", "180.0")
    assert marker(page, "distance") == ("160.0", "160.0", "150.0")
    assert row(page, "closeness").locator("svg[data-norm-plot]").is_visible()
    assert (
        "Doe (2011)" in row(page, "closeness").inner_text() and "not a diagnosis" in row(page, "closeness").inner_text()
    )
    assert row(page, "overall").locator("[data-norms]").count() == 0, "a derived score without norms shows none"

    take(page, f"{site_url}quizzes/normed/", SECOND)
    assert row(page, "closeness").locator("[data-percentile-text]").inner_text() == (
        "Higher than almost all adults in the 2011 online sample of 21,000."  # 100 * Phi(2.5) = 99.4
    )
    assert marker(page, "closeness")[0] == "250.0"
    assert changes(page) == {}, "not remembered: no change is kept or shown"


def test_a_quiz_without_norms_shows_no_percentile(page, site_url: str) -> None:
    norms = "[data-norms], [data-percentile-text], svg[data-norm-plot]"
    for quiz, shown in (("normed", 6), ("plain", 0)):  # the same answers and scores, with norms and without
        take(page, f"{site_url}quizzes/{quiz}/", FIRST)
        assert row(page, "closeness").get_attribute("data-score") == "4.00"
        assert page.locator(norms).count() == shown, quiz
        assert ("of 100" in page.inner_text("main")) == bool(shown), quiz


def test_the_in_place_result_shows_the_percentile_too(page, site_url: str) -> None:
    page.goto(f"{site_url}embed/normed/")
    for name, value in FIRST.items():
        page.check(f'input[name="{name}"][value="{value}"]')
    page.click("form[data-quiz] button[type=submit]")
    shown = page.locator("[data-result-panel]:not([hidden]) [data-dimension=distance] [data-percentile-text]")
    assert shown.inner_text() == "Higher than about 67 of 100 students of 250."


def test_change_shows_only_after_remembering_and_retaking(browser, site_url: str) -> None:
    today = datetime.date.today().isoformat()
    quiz = f"{site_url}quizzes/normed/"
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    take(page, quiz, FIRST)
    take(page, quiz, SECOND)
    assert changes(page) == {}, "without remembering, nothing is shown"
    assert kept(page)["local"] == {}
    assert all(set(json.loads(v)) <= {"answers", "order"} for v in kept(page)["session"].values()), "nor kept"

    take(page, quiz, FIRST, remember=True)
    first_url = page.url
    assert changes(page) == {}, "one remembered result: nothing to compare with yet"
    entry = json.loads(kept(page)["local"]["attune:answers:normed"])
    assert entry["results"] == [{"date": today, "scores": {"closeness": 4, "distance": 3.5, "overall": 3.75}}]
    assert kept(page)["session"] == {}

    take(page, quiz, SECOND)  # remembered: the box stays ticked
    second_url = page.url
    expected = {
        "closeness": f"Wish for closeness: 5.00, up from 4.00 on {today}. "
        "That is more than this quiz’s measurement error (0.99).",
        "distance": f"Need for distance: 3.00, down from 3.50 on {today}. "
        "That is within this quiz’s measurement error (0.5), so it may be chance.",
        "overall": f"Overall: 4.00, up from 3.75 on {today}.",
        "note": "Scores shift a little from one taking to the next even when nothing has changed. Where no "
        "measurement error is named, this quiz does not say by how much, so read small changes lightly.",
    }
    assert changes(page) == expected
    assert row(page, "closeness").locator("[data-change]").get_attribute("data-change") == "beyond"
    assert row(page, "distance").locator("[data-change]").get_attribute("data-change") == "within"
    page.reload()
    assert changes(page) == expected, "a reload of the newest result shows the same"
    page.goto(first_url)
    assert changes(page) == {}, "an older result is no change of the reader's"

    page.goto(quiz)
    page.get_by_role("checkbox", name=REMEMBER).uncheck()
    assert kept(page)["local"] == {}
    page.goto(second_url)
    assert changes(page) == {}, "no longer remembered: nothing shows"

    page.goto(quiz)
    page.get_by_role("checkbox", name=REMEMBER).check()
    page.goto(second_url)
    assert changes(page) == expected, "remembered again, with the answers"
    page.goto(quiz)
    page.click("[data-clear]")
    assert kept(page) == {"local": {}, "session": {}}
    page.goto(second_url)
    assert changes(page) == {}, "cleared: nothing left to compare with"
    assert errors == []
    context.close()


def test_a_quiz_without_a_measurement_error_shows_the_move_without_judging_it(browser, site_url: str) -> None:
    today = datetime.date.today().isoformat()
    context = browser.new_context()
    page = context.new_page()
    take(page, f"{site_url}quizzes/plain/", FIRST, remember=True)
    take(page, f"{site_url}quizzes/plain/", SECOND)
    shown = changes(page)
    assert shown["closeness"] == f"Wish for closeness: 5.00, up from 4.00 on {today}."
    assert shown["distance"] == f"Need for distance: 3.00, down from 3.50 on {today}."
    assert "measurement error is named" in shown["note"]
    assert "measurement error (" not in page.inner_text("main")
    context.close()


def test_a_shared_result_link_shows_no_change_of_the_readers_own(browser, site_url: str) -> None:
    quiz = f"{site_url}quizzes/normed/"
    context = browser.new_context()
    page = context.new_page()
    take(page, quiz, FIRST, remember=True)
    take(page, quiz, SECOND)
    assert changes(page)
    shared = page.url.replace("closeness=5", "closeness=4.5")  # a partner's or a friend's link: other scores
    page.goto(shared)
    page.locator("[data-score-text]").first.wait_for()
    assert row(page, "closeness").get_attribute("data-score") == "4.50"
    assert changes(page) == {}
    context.close()
