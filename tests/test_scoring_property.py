"""The browser's scoring code (run in node) and the Python reference agree on every answer set."""

from __future__ import annotations

import json
import random
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attunement.diagnostics import Diagnostics
from attunement.quizmodel import Quiz
from attunement.quizzes import LoadedQuiz, load_quizzes
from attunement.clientkey import client_key
from attunement.scoring import AnswerError, format_score, score
from conftest import FIXTURES, ROOT

SETS_PER_QUIZ = 10_000


def quizzes() -> list[LoadedQuiz]:
    found = []
    for root in (ROOT, FIXTURES / "basics" / "site"):
        diags = Diagnostics(root)
        found += load_quizzes(root, root / "quizzes", diags)
        assert not diags.errors, diags.errors
    return found


QUIZZES = {q.slug: q for q in quizzes()}


def answer_sets(quiz: Quiz, count: int, seed: int) -> list[dict[str, int]]:
    """Complete, partly missing (within and beyond max_missing) and extreme answer sets."""
    rng = random.Random(seed)
    points = quiz.scale.points
    ids = [item.id for item in quiz.items]
    sets = [{i: quiz.scale.min for i in ids}, {i: quiz.scale.max for i in ids}, {}]
    sets += [{i: points[(k + shift) % len(points)] for k, i in enumerate(ids)} for shift in range(len(points))]
    while len(sets) < count:
        kind = rng.random()
        if kind < 0.15:
            answers = {i: rng.choice((quiz.scale.min, quiz.scale.max)) for i in ids}
        else:
            answers = {i: rng.choice(points) for i in ids}
        if kind > 0.5:
            for i in rng.sample(ids, rng.randint(1, max(1, len(ids) // 2))):
                del answers[i]
        sets.append(answers)
    return sets


def run_browser_scoring(key: dict, sets: list[dict[str, int]]) -> list[dict]:
    out = subprocess.run(["node", str(ROOT / "tests/js/score_many.mjs")], input=json.dumps({"key": key, "answerSets": sets}),
                         capture_output=True, text=True, check=True, timeout=300)
    return json.loads(out.stdout)


@pytest.mark.parametrize("slug", sorted(QUIZZES))
def test_browser_and_reference_scoring_agree(slug: str) -> None:
    loaded = QUIZZES[slug]
    quiz = loaded.quiz
    key = client_key(slug, quiz, {r.id: f"results/{r.id}/" for r in quiz.results})
    sets = answer_sets(quiz, SETS_PER_QUIZ, seed=len(slug))
    browser = run_browser_scoring(key, sets)
    assert len(browser) == len(sets) >= 10_000
    scored = missing = 0
    for answers, js in zip(sets, browser, strict=True):
        try:
            reference = score(quiz, answers)
        except AnswerError:
            assert "missing" in js, answers
            missing += 1
            continue
        assert "missing" not in js, answers
        assert js["result"] == reference.result, answers
        for dim, value in reference.scores.items():
            assert abs(js["scores"][dim] - value) <= 1e-9, (answers, dim)
            assert js["scores"][dim] == value, "the same operations in the same order give the same float"
        scored += 1
    assert scored > SETS_PER_QUIZ // 2 and missing > 100, "both outcomes are exercised"


def test_rounding_matches_javascript_to_fixed() -> None:
    values = [0.125, 0.375, 2.675, 1.005, 4.285714285714286, -0.125, 3.0, 5.999, 6.995]
    out = subprocess.run(["node", "-e", f"console.log(JSON.stringify({json.dumps(values)}.map(v => v.toFixed(2))))"],
                         capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == [format_score(v) for v in values]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_reference_scores_stay_on_the_scale_and_always_match_a_result(data: st.DataObject) -> None:
    quiz = QUIZZES["attachment-style"].quiz
    answers = data.draw(st.fixed_dictionaries({i.id: st.integers(quiz.scale.min, quiz.scale.max) for i in quiz.items}))
    scored = score(quiz, answers)
    assert all(quiz.scale.min <= s <= quiz.scale.max for s in scored.scores.values())
    assert scored.result is not None, "coverage is proven, so every complete answer set has a result"
