"""The browser's scoring code (run in node) and the Python reference agree on every answer set."""

from __future__ import annotations

import itertools
import json
import random
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from conftest import FIXTURES, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from attunement.content.quizzes import LoadedQuiz, load_quizzes
from attunement.diagnostics import Diagnostics
from attunement.quiz.bounds import display_decimals, reachable_scores
from attunement.quiz.client_key import client_key
from attunement.quiz.model import Item, Quiz
from attunement.quiz.scoring import AnswerError, allowed_missing, score

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
    sets = [dict.fromkeys(ids, quiz.scale.min), dict.fromkeys(ids, quiz.scale.max), {}]
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


def run_browser_scoring(jobs: list[tuple[dict, list[dict[str, int | None]]]]) -> list[list[dict]]:
    """What the browser's code makes of each (client key, answer sets): see tests/js/score_many.mjs."""
    payload = json.dumps([{"key": key, "answerSets": sets} for key, sets in jobs])
    out = subprocess.run(
        ["node", str(ROOT / "tests/js/score_many.mjs")],
        input=payload,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return json.loads(out.stdout)


@pytest.mark.parametrize("slug", sorted(QUIZZES))
def test_browser_and_reference_scoring_agree(slug: str) -> None:
    loaded = QUIZZES[slug]
    quiz = loaded.quiz
    key = client_key(slug, quiz, {r.id: f"results/{r.id}/" for r in quiz.results})
    sets = answer_sets(quiz, SETS_PER_QUIZ, seed=len(slug))
    [browser] = run_browser_scoring([(key, sets)])
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


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_reference_scores_stay_on_the_scale_and_always_match_a_result(data: st.DataObject) -> None:
    quiz = QUIZZES["attachment-style"].quiz
    answers = data.draw(st.fixed_dictionaries({i.id: st.integers(quiz.scale.min, quiz.scale.max) for i in quiz.items}))
    scored = score(quiz, answers)
    assert all(quiz.scale.min <= s <= quiz.scale.max for s in scored.scores.values())
    assert scored.result is not None, "coverage is proven, so every complete answer set has a result"


def exact_score(quiz: Quiz, items: list[Item], answers: tuple[int | None, ...]) -> Fraction:
    """A dimension's score for these answers to its items, in exact arithmetic, by its own definition."""
    answered = [
        (Fraction(str(item.weight)), quiz.scale.min + quiz.scale.max - a if item.reverse else a)
        for item, a in zip(items, answers, strict=True)
        if a is not None
    ]
    total = sum((w * v for w, v in answered), Fraction(0))
    method = quiz.scoring_of(items[0].dimension).method
    if method == "sum":
        return total
    mean = total / sum(w for w, _ in answered)
    return mean if method == "mean" else mean * sum(Fraction(str(item.weight)) for item in items)


def random_scoring(rng: random.Random) -> dict:
    """A scoring rule: every method, and unanswered items allowed as counts, percentages and fractions."""
    missing = rng.choice((0, 0, 1, 2, "50%", "34%", 0.34, 0.5, 1.0))
    return {"method": rng.choice(("mean", "sum", "prorated_sum")), "max_missing": missing}


def random_quiz(rng: random.Random) -> tuple[Quiz, dict[str, dict[Fraction, list[tuple]]]]:
    """A small quiz (1-3 dimensions, mean or sum, weights, reversed items) whose cut-offs sit at and next to
    reachable scores: a reachable score itself, its float rounded to 2 decimals, and 1e-9 either side.
    Also returns, per dimension, every valid way of answering its items grouped by the exact score it gives."""
    low = rng.choice((1, 1, 0, -3))
    spec: dict = {
        "title": "Generated",
        "description": "Generated.",
        "scale": {"min": low, "max": low + rng.randint(1, 6), "labels": {}},
        "scoring": random_scoring(rng),
        "dimensions": [],
        "items": [],
        "results": [{"id": "placeholder", "title": "-", "summary": "-", "when": {}, "body": "-"}],
    }
    spec["scale"]["labels"] = {spec["scale"]["min"]: "low", spec["scale"]["max"]: "high"}
    for d in range(rng.randint(1, 3)):
        spec["dimensions"].append({"id": f"d{d}", "label": f"D{d}", "low": "Low.", "high": "High."})
        if rng.random() < 0.3:  # its own scoring, overriding the quiz's
            spec["dimensions"][-1]["scoring"] = random_scoring(rng)
        for i in range(rng.randint(1, 3)):
            spec["items"].append(
                {
                    "id": f"d{d}-{i}",
                    "text": "A statement.",
                    "dimension": f"d{d}",
                    "reverse": rng.random() < 0.3,
                    "weight": rng.choice((1, 1, 2, 3, 0.5, 0.1, 0.35, 1.7, 100, 1e-7)),
                }
            )
    quiz = Quiz.model_validate(spec)
    ways: dict[str, dict[Fraction, list[tuple]]] = {}
    cuts: dict[str, list[float]] = {}
    for dim in quiz.dimensions:
        items = [item for item in quiz.items if item.dimension == dim.id]
        grouped: dict[Fraction, list[tuple]] = {}
        for answers in itertools.product([None, *quiz.scale.points], repeat=len(items)):
            if answers.count(None) <= allowed_missing(quiz, dim.id):
                grouped.setdefault(exact_score(quiz, items, answers), []).append(answers)
        assert set(grouped) == reachable_scores(quiz, dim.id), "coverage.py enumerates the same scores"
        ways[dim.id] = grouped
        anchors = rng.sample(sorted(grouped), min(len(grouped), 2))
        cuts[dim.id] = sorted(
            {c for a in anchors for c in (float(a), round(float(a), 2), float(a) - 1e-9, float(a) + 1e-9)}
        )
    results = []
    for r in range(rng.randint(1, 5)):
        when = {}
        for dim_id in rng.sample(sorted(cuts), rng.randint(1, len(cuts))):
            a, b = sorted(rng.sample(cuts[dim_id], 2)) if len(cuts[dim_id]) > 1 else (cuts[dim_id][0], None)
            when[dim_id] = rng.choice(
                ({"at_least": a}, {"below": a}, {"at_least": a, "below": b} if b else {"below": a})
            )
        results.append({"id": f"r{r}", "title": f"R{r}", "summary": "-", "when": when, "body": "-"})
    if rng.random() < 0.8:
        results.append({"id": "rest", "title": "Rest", "summary": "-", "when": {}, "body": "-"})
    if rng.random() < 0.25:  # a profile: the highest score wins, ties to the earlier result
        profile = [
            {"id": f"p{k}", "title": f"P{k}", "summary": "-", "score": d, "body": "-"} for k, d in enumerate(cuts)
        ]
        rng.shuffle(profile)
        return Quiz.model_validate({**spec, "results": profile, "result_rule": "highest"}), ways
    return Quiz.model_validate({**spec, "results": results}), ways


def cut_offs(quiz: Quiz, dimension: str) -> set[float]:
    return {
        bound
        for r in quiz.results
        if dimension in r.when
        for bound in (r.when[dimension].at_least, r.when[dimension].below)
        if bound is not None
    }


def fixed(value: float, places: int) -> str:
    """JavaScript's toFixed(places): ties away from zero on the exact binary value."""
    return str(Decimal(value).quantize(Decimal(10) ** -places, rounding=ROUND_HALF_UP))


def test_the_result_page_reads_back_exactly_the_reference_result() -> None:
    """Quiz page -> fragment -> result page, against the reference scorer, with cut-offs where rounding bites."""
    rng = random.Random(12)
    jobs, quizzes_made = [], []
    for _ in range(300):
        quiz, ways = random_quiz(rng)
        anchors = {
            d: [s for s in sorted(grouped) if any(abs(s - Fraction(c)) < 0.01 for c in cut_offs(quiz, d))]
            or sorted(grouped)
            for d, grouped in ways.items()
        }
        sets = []
        for _ in range(40):
            answers: dict[str, int | None] = {}
            for dim, grouped in ways.items():
                target = rng.choice(anchors[dim]) if rng.random() < 0.6 else rng.choice(sorted(grouped))
                items = [item.id for item in quiz.items if item.dimension == dim]
                answers.update(zip(items, rng.choice(grouped[target]), strict=True))
            sets.append(answers)
        jobs.append((client_key("generated", quiz, {r.id: f"results/{r.id}/" for r in quiz.results}), sets))
        quizzes_made.append(quiz)
    near = longer = exponents = 0
    for quiz, (_, sets), views in zip(quizzes_made, jobs, run_browser_scoring(jobs), strict=True):
        for answers, js in zip(sets, views, strict=True):
            reference = score(quiz, answers)
            assert js["scores"] == reference.scores and js["result"] == reference.result, answers
            assert js["read"] == reference.scores, f"the fragment {js['fragment']} must carry the scores exactly"
            exponents += "e-" in js["fragment"]
            assert js["readResult"] == js["partnerResult"] == reference.result, (js["fragment"], quiz.results)
            assert js["other"] is None, "the result page never contradicts the scorer"
            for dim, value in reference.scores.items():
                shown, places = js["shown"][dim], display_decimals(quiz, dim)
                decimals = len(shown.partition(".")[2])
                assert abs(Decimal(shown) - Decimal(value)) <= Decimal(5) / 10 ** (places + 1), (shown, value)
                for cut in cut_offs(quiz, dim):
                    near += abs(value - cut) < 0.005
                    assert (float(shown) >= cut) == (value >= cut), (
                        f"{shown} reads on the other side of {cut} than {value!r}"
                    )
                    assert (Decimal(shown) >= Decimal(repr(cut))) == (value >= cut), (shown, cut, value)
                if decimals > places:
                    longer += 1
                    fewer = fixed(value, decimals - 1)
                    assert any((float(fewer) >= c) != (value >= c) for c in cut_offs(quiz, dim)), (
                        f"{shown} has more decimals than {value!r} needs"
                    )
                else:
                    assert shown == fixed(value, places)
    assert near > 1000 and longer > 100 and exponents > 100, "cut-offs next to the scores and tiny scores are exercised"
