"""The new kinds of quiz in Chromium: single-choice items and repeated sections, taken with the keyboard alone,
on a wide and a 320 px screen, and checked by axe in light and dark mode."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURES, MINIMAL_CONFIG, attune, serving, write_site
from test_browser_quiz import answer_by_keyboard
from test_quality_browser import run_axe

pytestmark = pytest.mark.browser

TARGETS = ["mother", "father", "partner", "friend"]
# Avoidance items 1-4 are reverse-keyed: 2 counts as 6, so every avoidance score is 6; anxiety items are all 2.
PER_TARGET = {"rs1": 2, "rs2": 2, "rs3": 2, "rs4": 2, "rs5": 6, "rs6": 6, "rs7": 2, "rs8": 2, "rs9": 2}
CASES = {
    # v1 option 2, v2 option 1, v3 option 4 and v4 option 3 (weight 2) are the anxious descriptions: 1 + 1 + 1 + 2;
    # "No" to the yes/no item adds nothing. Anxious 5, every other pattern 0: the highest is anxious. Shown with two
    # decimals, since one option of v3 adds 0.5 to anxious and so not every reachable sum is whole; secure, none.
    "single-choice": (
        {"v1": 2, "v2": 1, "v3": 4, "v4": 3, "alone": 2},
        "anxious",
        {"anxious": "5.00", "secure": "0"},
    ),
    "ecr-rs-shape": (
        {f"{t}.{item}": value for t in TARGETS for item, value in PER_TARGET.items()},
        "avoidant",
        {"avoidance.mother": "6.00", "anxiety.friend": "2.00", "avoidance-overall": "6.00", "anxiety-overall": "2.00"},
    ),
}


@pytest.fixture(scope="module")
def instruments_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_site(tmp_path_factory.mktemp("instruments") / "site", {}, config=MINIMAL_CONFIG)
    (root / "quizzes").mkdir()
    for name in CASES:
        shutil.copy(FIXTURES / "instruments" / f"{name}.yaml", root / "quizzes" / f"{name}.yaml")
    built = attune("build", "--strict", cwd=root)
    assert built.returncode == 0, built.stderr
    return root


@pytest.fixture(scope="module")
def instruments_url(instruments_site: Path) -> Iterator[str]:
    with serving(instruments_site / "dist") as url:
        yield url


@pytest.mark.parametrize("width", [1024, 320])
@pytest.mark.parametrize("slug", sorted(CASES))
def test_keyboard_only_on_every_screen(
    browser, instruments_site: Path, instruments_url: str, slug: str, width: int
) -> None:
    answers, expected, shown = CASES[slug]
    reference = json.loads(attune("score", slug, "-", cwd=instruments_site, input=json.dumps(answers)).stdout)
    assert reference["result"] == expected
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(f"{instruments_url}quizzes/{slug}/")
    legend = page.locator(f'fieldset[data-item="{next(iter(answers))}"] legend').inner_text()
    assert "Placeholder" in legend, "each group of options is named by its item's text"
    answer_by_keyboard(page, answers, 1)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "nothing scrolls sideways"
    while page.evaluate("document.activeElement.type") != "submit":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/quizzes/{slug}/results/{expected}/#*")
    for score_id, text in shown.items():
        assert page.locator(f'[data-dimension="{score_id}"] [data-score-text]').inner_text() == text
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_the_new_controls_and_plots(browser, instruments_url: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 320, "height": 800})
    page = context.new_page()
    problems = {}
    for slug, (answers, expected, _) in CASES.items():
        page.goto(f"{instruments_url}quizzes/{slug}/")
        for name, value in answers.items():
            page.check(f'input[name="{name}"][value="{value}"]')
        problems[slug] = run_axe(page)
        page.click("form[data-quiz] button[type=submit]")
        page.wait_for_url(f"**/results/{expected}/#*")
        page.wait_for_load_state("networkidle")
        problems[f"{slug} result"] = run_axe(page)
    assert not any(problems.values()), problems
    context.close()


def test_the_single_file_export_scores_a_repeated_section_offline(browser, instruments_site: Path, tmp_path) -> None:
    """The same instrument, exported as one file and opened from disk: the same scores, no request."""
    out = tmp_path / "ecr-rs.html"
    exported = attune("export", "quiz", "ecr-rs-shape", "-o", str(out), cwd=instruments_site)
    assert exported.returncode == 0, exported.stderr
    answers, expected, shown = CASES["ecr-rs-shape"]
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(out.as_uri())
    for name, value in answers.items():
        page.check(f'input[name="{name}"][value="{value}"]')
    page.click("form[data-quiz] button[type=submit]")
    result = page.locator(f'[data-result-id="{expected}"]')
    result.wait_for()
    for score_id, text in shown.items():
        assert result.locator(f'[data-dimension="{score_id}"] [data-score-text]').inner_text() == text
    assert requests == [out.as_uri()]
    context.close()
