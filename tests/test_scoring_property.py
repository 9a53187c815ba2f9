"""The browser's scoring code (run in node) and the Python reference agree on every answer set."""

from __future__ import annotations

import itertools
import json
import math
import random
import subprocess
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from conftest import FIXTURES, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from attunement.config.paths import Layout
from attunement.config.settings import load_config
from attunement.content.quizzes import LoadedQuiz, load_quizzes
from attunement.diagnostics import Diagnostics, Location
from attunement.quiz.bounds import display_decimals, independent, reachable_scores
from attunement.quiz.client_key import client_key
from attunement.quiz.model import Item, Quiz
from attunement.quiz.proof import check_coverage
from attunement.quiz.scoring import AnswerError, allowed_missing, score

SETS_PER_QUIZ = 10_000


def quizzes() -> list[LoadedQuiz]:
    found = []
    for root in (ROOT, FIXTURES / "basics" / "site"):
        diags = Diagnostics(root)
        config = load_config(Layout(root), diags)
        assert config is not None
        found += load_quizzes(root, root / "quizzes", diags, languages=config.languages)
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


# Generated instruments: every shape of the format (named and inline scales, sections, repeated sections, items on
# several dimensions, single-choice items, derived scores) against an exact scorer written from the format's own
# definition, and against the browser.

INSTRUMENTS = 40


def random_instrument(rng: random.Random) -> dict:
    """A quiz file (as data) using each feature of the format with some probability."""
    scales = {f"s{k}": _scale(rng) for k in range(rng.randint(1, 2))}
    dims = [f"d{d}" for d in range(rng.randint(1, 3))]
    repeated = [d for d in dims if rng.random() < 0.4]
    plain = [d for d in dims if d not in repeated]
    sections = []
    for s, group in enumerate(g for g in (plain, repeated) if g):
        section: dict = {"id": f"sec{s}", "title": f"Section {s}", "items": []}
        if group is repeated:
            section["repeat"] = [{"id": f"t{t}", "label": f"Target {t}"} for t in range(rng.randint(1, 3))]
        if rng.random() < 0.5:
            section["scale"] = rng.choice(list(scales))
        for d in group:  # every dimension gets an item, then a few more of any kind
            section["items"].append(_item(rng, f"sec{s}-{d}", [d], group, scales))
        for i in range(rng.randint(0, 3)):
            section["items"].append(_item(rng, f"sec{s}-x{i}", group, group, scales))
        sections.append(section)
    spec: dict = {
        "title": "Generated",
        "description": "Generated.",
        "scale": _scale(rng),
        "scales": scales,
        "scoring": random_scoring(rng),
        "dimensions": [
            {"id": d, "label": d.upper(), "low": "Low.", "high": "High."}
            | ({"scoring": random_scoring(rng)} if rng.random() < 0.3 else {})
            for d in dims
        ],
        "sections": sections,
        "results": [{"id": "placeholder", "title": "-", "summary": "-", "body": "-"}],
    }
    measured = plain + [f"{d}.{t['id']}" for s in sections for t in s.get("repeat", []) for d in repeated]
    scores = list(measured)
    for k in range(rng.randint(0, 2)):
        parts = rng.sample(scores, rng.randint(1, min(3, len(scores))))
        of = {p: rng.choice((1, 2, 0.5)) for p in parts} if rng.random() < 0.5 else parts
        spec.setdefault("derived", []).append(
            {
                "id": f"g{k}",
                "label": f"G{k}",
                "low": "Low.",
                "high": "High.",
                "method": rng.choice(("mean", "sum")),
                "of": of,
            }
        )
        scores.append(f"g{k}")
    spec["_scores"] = scores
    return spec


def _scale(rng: random.Random) -> dict:
    low = rng.choice((1, 1, 0, -2))
    high = low + rng.randint(1, 5)
    return {"min": low, "max": high, "labels": {low: "low", high: "high"}}


def _item(rng: random.Random, item_id: str, must: list[str], group: list[str], scales: dict) -> dict:
    item: dict = {"id": item_id, "text": "A statement."}
    kind = rng.random()
    if kind < 0.3:
        options = [{"label": f"Option {o}", "scores": {}} for o in range(rng.randint(2, 4))]
        for d in must:
            rng.choice(options)["scores"][d] = rng.choice((1, 2, 3, 0.5, -1))
        for option in options:
            for d in rng.sample(group, rng.randint(0, len(group))):
                option["scores"][d] = rng.choice((0, 1, 2, 0.5, -1))
        item["options"] = options
        item["weight"] = rng.choice((1, 1, 2, 0.5))
        return item
    if kind < 0.55:
        dims = list(dict.fromkeys(must + rng.sample(group, rng.randint(0, len(group)))))
        item["loads"] = [
            {"dimension": d, "weight": rng.choice((1, 1, 2, 0.35)), "reverse": rng.random() < 0.4} for d in dims
        ]
    else:
        item |= {"dimension": must[0], "reverse": rng.random() < 0.3, "weight": rng.choice((1, 1, 2, 0.5, 0.1, 1.7))}
    if rng.random() < 0.3:
        item["scale"] = rng.choice([*scales, _scale(rng)])
    return item


def exact_instrument_scores(spec: dict, answers: dict[str, int | None]) -> dict[str, Fraction] | None:
    """Scores by the format's definition, in exact arithmetic, straight from the quiz file (None when too many are
    left out). Written apart from attunement/quiz/structure.py, so the two check each other."""
    scales = spec["scales"]
    sums: dict[str, list[Fraction]] = {}  # score -> [total, weight answered, weight of all, answered, asked]
    for section in spec["sections"]:
        for target in section.get("repeat", [None]):
            for item in section["items"]:
                key = f"{target['id']}.{item['id']}" if target else item["id"]
                answer = answers.get(key)
                suffix = f".{target['id']}" if target else ""
                if "options" in item:
                    names = dict.fromkeys(d for o in item["options"] for d in o["scores"])
                    feeds = [
                        (d, item["weight"], None if answer is None else item["options"][answer - 1]["scores"].get(d, 0))
                        for d in names
                    ]
                else:
                    scale = item.get("scale") or section.get("scale") or spec["scale"]
                    scale = scales[scale] if isinstance(scale, str) else scale
                    loads = item.get("loads") or [item]
                    feeds = [
                        (
                            load["dimension"],
                            load.get("weight", 1),
                            None
                            if answer is None
                            else (scale["min"] + scale["max"] - answer if load.get("reverse") else answer),
                        )
                        for load in loads
                    ]
                for dim, weight, value in feeds:
                    acc = sums.setdefault(dim + suffix, [Fraction(0)] * 5)
                    w = Fraction(str(weight))
                    acc[2] += w
                    acc[4] += 1
                    if value is not None:
                        acc[0] += w * Fraction(str(value))
                        acc[1] += w
                        acc[3] += 1
    scores: dict[str, Fraction] = {}
    for score_id, (total, answered, every, count, asked) in sums.items():
        dim = next(d for d in spec["dimensions"] if d["id"] == score_id.split(".")[0])
        scoring = dim.get("scoring", spec["scoring"])
        limit = scoring["max_missing"]
        share = (
            Fraction(limit.removesuffix("%")) * int(asked) / 100
            if isinstance(limit, str)
            else Fraction(str(limit)) * int(asked)
            if isinstance(limit, float)
            else Fraction(limit)
        )
        if asked - count > min(int(asked) - 1, int(share)):
            return None
        method = scoring["method"]
        scores[score_id] = total if method == "sum" else total / answered * (every if method == "prorated_sum" else 1)
    for derived in spec.get("derived", []):
        of = derived["of"] if isinstance(derived["of"], dict) else dict.fromkeys(derived["of"], 1)
        total = sum((Fraction(str(w)) * scores[p] for p, w in of.items()), Fraction(0))
        weights = sum(Fraction(str(w)) for w in of.values())
        scores[derived["id"]] = total / weights if derived["method"] == "mean" else total
    return scores


def instrument_answers(quiz: Quiz, count: int, rng: random.Random) -> list[dict[str, int | None]]:
    """Random answer sets to every question of `quiz`, four in ten with some questions left out."""
    keys = [(q.key, [v for v, _ in q.choices]) for q in quiz.structure.questions]
    sets: list[dict[str, int | None]] = []
    for _ in range(count):
        answers: dict[str, int | None] = {k: rng.choice(values) for k, values in keys}
        if rng.random() < 0.4:
            for k, _ in rng.sample(keys, rng.randint(1, len(keys))):
                del answers[k]
        sets.append(answers)
    return sets


def with_results(spec: dict, quiz: Quiz, rng: random.Random) -> Quiz:
    """The quiz with results on any of its scores (derived ones too), cut at values its answers reach."""
    samples = [exact_instrument_scores(spec, a) for a in instrument_answers(quiz, 60, rng)]
    reached = [s for s in samples if s is not None]
    body = {k: v for k, v in spec.items() if k != "_scores"}
    if rng.random() < 0.25:
        profile = [
            {"id": f"p{k}", "title": "-", "summary": "-", "score": s, "body": "-"}
            for k, s in enumerate(spec["_scores"])
        ]
        return Quiz.model_validate(body | {"results": profile, "result_rule": "highest"})
    results = []
    for r in range(rng.randint(1, 4)):
        score_id = rng.choice(spec["_scores"])
        cut = float(rng.choice(reached)[score_id]) if reached else 0.0
        results.append(
            {
                "id": f"r{r}",
                "title": "-",
                "summary": "-",
                "body": "-",
                "when": {score_id: rng.choice(({"at_least": cut}, {"below": cut}))},
            }
        )
    if rng.random() < 0.6:
        results.append({"id": "rest", "title": "-", "summary": "-", "body": "-"})
    return Quiz.model_validate(body | {"results": results})


def test_generated_instruments_score_by_definition_in_python_and_the_browser() -> None:
    """Each feature's arithmetic, three ways: the format's definition in exact fractions, the Python reference and
    the browser's code; and the exact reachable values the coverage proof lists are the ones answers reach."""
    rng = random.Random(14)
    jobs, made = [], []
    features: set[str] = set()
    verdicts: Counter[tuple[bool, bool]] = Counter()  # (uncovered scores found, undecided)
    for _ in range(INSTRUMENTS):
        spec = random_instrument(rng)
        quiz = with_results(spec, Quiz.model_validate({k: v for k, v in spec.items() if k != "_scores"}), rng)
        items = [i for s in spec["sections"] for i in s["items"]]
        features |= {k for i in items for k in ("options", "loads", "scale") if k in i}
        features |= {"repeat" for s in spec["sections"] if "repeat" in s} | {"derived" for _ in spec.get("derived", [])}
        features |= {"highest"} if quiz.result_rule == "highest" else set()
        sets = instrument_answers(quiz, 1_000, rng)
        for answers in sets:
            exact = exact_instrument_scores(spec, answers)
            try:
                reference = score(quiz, answers)
            except AnswerError:
                assert exact is None, answers
                continue
            assert exact is not None, answers
            assert set(reference.scores) == set(exact)
            for score_id, value in exact.items():
                assert abs(reference.scores[score_id] - float(value)) <= 1e-9 * max(1, abs(float(value))), score_id
        for measured in quiz.structure.measured:
            feeding = quiz.structure.feeding(measured.id)
            alone = independent(quiz, [measured.id])  # else a shared item's other scores limit what may be skipped
            if alone and math.prod(len(q.choices) + 1 for q, _ in feeding) <= 5_000:
                keys = [(q.key, [None, *(v for v, _ in q.choices)]) for q, _ in feeding]
                brute = set()
                for combo in itertools.product(*(values for _, values in keys)):
                    full = {q.key: q.low for q in quiz.structure.questions}
                    full |= {k: v for (k, _), v in zip(keys, combo, strict=True)}
                    exact = exact_instrument_scores(spec, {k: v for k, v in full.items() if v is not None})
                    if exact is not None:
                        brute.add(exact[measured.id])
                assert brute == reachable_scores(quiz, measured.id), measured.id
        diags = Diagnostics(ROOT)
        check_coverage(quiz, lambda *_, **__: Location("quiz.yaml"), diags)
        undecided = any(d.severity == "note" for d in diags.items)
        verdicts[bool(diags.errors), undecided] += 1
        if not diags.errors and not undecided:  # proven: every answer set that can be scored gets a result
            outcomes = {score(quiz, a).result for a in sets if exact_instrument_scores(spec, a) is not None}
            assert None not in outcomes, "the proof said every score is covered"
        jobs.append((client_key("generated", quiz, {r.id: f"results/{r.id}/" for r in quiz.results}), sets))
        made.append(quiz)
    assert features >= {"options", "loads", "scale", "repeat", "derived", "highest"}, features
    assert verdicts[False, False] and verdicts[True, False] and verdicts[False, True], verdicts
    compared = 0
    for quiz, (_, sets), views in zip(made, jobs, run_browser_scoring(jobs), strict=True):
        for answers, js in zip(sets, views, strict=True):
            try:
                reference = score(quiz, answers)
            except AnswerError as exc:
                assert sorted(js["missing"]) == sorted(exc.problems[-1].items), answers
                continue
            assert js["scores"] == reference.scores and js["result"] == reference.result, answers
            assert js["read"] == reference.scores, "derived scores are recomputed alike from the fragment"
            compared += 1
    assert compared > INSTRUMENTS * 300
