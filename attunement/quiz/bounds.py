"""Which scores a quiz can give, exactly, and the lowest and highest of them (for axes, links and proofs)."""

from __future__ import annotations

import math
from fractions import Fraction

from attunement.quiz.model import Quiz
from attunement.quiz.scoring import allowed_missing

MAX_STATES = 200_000
"""Beyond this many partial sums the enumeration gives up (the proof then says it cannot decide)."""


def reachable_scores(quiz: Quiz, score_id: str) -> set[Fraction]:
    """Every value a score can take, exactly (listed once per quiz: pages, the proof and the key all ask).

    A measured score, taken alone (`independent` says when others do not limit it): dynamic programming over
    answered count, weight and sum, with weights and values scaled to
    integers by their common denominators so the search runs on ints. A derived score: the weighted sums of its
    parts' values, which vary independently when no two parts share a question (`independent`); OverflowError
    when they do not, or when there are too many values to list.
    """
    memo = quiz.structure.memo
    if score_id not in memo:
        try:
            memo[score_id] = _reachable(quiz, score_id)
        except OverflowError as exc:
            memo[score_id] = exc
    found = memo[score_id]
    if isinstance(found, OverflowError):
        raise found
    return found


def _reachable(quiz: Quiz, score_id: str) -> set[Fraction]:
    structure = quiz.structure
    derived = structure.score(score_id).derived
    if derived is not None:
        if not independent(quiz, list(derived.weights)):
            raise OverflowError(score_id)
        sums = {Fraction(0)}
        for part, weight in derived.weights.items():
            sums = {s + Fraction(str(weight)) * v for s in sums for v in reachable_scores(quiz, part)}
            if len(sums) > MAX_STATES:
                raise OverflowError(score_id)
        share = sum(Fraction(str(w)) for w in derived.weights.values()) if derived.method == "mean" else 1
        return {s / share for s in sums}
    feeding = structure.feeding(score_id)
    need = len(feeding) - allowed_missing(quiz, score_id)
    weights = [Fraction(str(feed.weight)) for _, feed in feeding]
    values = [[Fraction(str(v)) for v in feed.values] for _, feed in feeding]
    w_scale = math.lcm(*(w.denominator for w in weights))
    v_scale = math.lcm(*(v.denominator for vs in values for v in vs))
    states = {(0, 0, 0)}
    for weight, options in zip((int(w * w_scale) for w in weights), values, strict=True):
        states |= {(n + 1, w + weight, s + weight * int(v * v_scale)) for n, w, s in states for v in set(options)}
        if len(states) > MAX_STATES:
            raise OverflowError(score_id)
    scoring = structure.score(score_id).scoring
    assert scoring is not None
    if scoring.method == "mean":
        return {Fraction(s, w * v_scale) for n, w, s in states if n >= need}
    if scoring.method == "prorated_sum":
        every = sum(weights)  # each unanswered item counted at the mean of the answered ones
        return {Fraction(s, w * v_scale) * every for n, w, s in states if n >= need}
    return {Fraction(s, w_scale * v_scale) for n, w, s in states if n >= need}


def independent(quiz: Quiz, score_ids: list[str]) -> bool:
    """True when each of these scores can take any of its values whatever the others take: no question feeds two
    of them (through their parts, for derived ones), nor any other score, whose own allowance for unanswered
    questions would then limit which of them may be left out."""
    structure = quiz.structure
    seen: set[str] = set()
    for score_id in score_ids:
        sources = structure.sources(score_id)
        keys = {q.key for part in sources for q, _ in structure.feeding(part)}
        shared = any(f.score not in sources for q in structure.questions if q.key in keys for f in q.feeds)
        if shared or keys & seen:
            return False
        seen |= keys
    return True


def display_decimals(quiz: Quiz, score_id: str) -> int:
    """Decimals a score is shown with: the quiz's `decimals`, else none for a score whose every reachable value is
    a whole number (sums, mostly), else two (a mean reads as a position on the scale)."""
    if quiz.decimals is not None:
        return quiz.decimals
    score = quiz.structure.score(score_id)
    if score.derived is not None:  # a sum of whole numbers in whole weights is whole; anything else may not be
        weights = score.derived.weights
        whole = score.derived.method == "sum" and all(float(w).is_integer() for w in weights.values())
        return 0 if whole and all(display_decimals(quiz, part) == 0 for part in weights) else 2
    if score.scoring is not None and score.scoring.method == "mean":
        return 2
    try:
        whole = all(value.denominator == 1 for value in reachable_scores(quiz, score_id))
    except OverflowError:
        whole = False
    return 0 if whole else 2


def score_bounds(quiz: Quiz, score_id: str) -> tuple[float, float]:
    """Lowest and highest value a score can take, for drawing its axis and checking its norms: exact from its
    reachable values; when those are too many to list, from the extremes of what each question adds (a derived
    score's parts' extremes, weighted), which a mean of questions on different ranges may not reach."""
    try:
        values = reachable_scores(quiz, score_id)
        return float(min(values)), float(max(values))
    except OverflowError:
        return _outer_bounds(quiz, score_id)


def _outer_bounds(quiz: Quiz, score_id: str) -> tuple[float, float]:
    structure = quiz.structure
    derived = structure.score(score_id).derived
    if derived is not None:
        parts = [(Fraction(str(w)), score_bounds(quiz, p)) for p, w in derived.weights.items()]
        share = sum(w for w, _ in parts) if derived.method == "mean" else Fraction(1)
        low = sum(w * Fraction(lo) for w, (lo, _) in parts) / share
        high = sum(w * Fraction(hi) for w, (_, hi) in parts) / share
        return float(low), float(high)
    feeding = structure.feeding(score_id)
    scoring = structure.score(score_id).scoring
    assert scoring is not None
    lows = [min(feed.values) for _, feed in feeding]
    highs = [max(feed.values) for _, feed in feeding]
    if scoring.method != "sum":  # a mean (or a prorated sum) of values each within its question's extremes
        every = sum(feed.weight for _, feed in feeding) if scoring.method == "prorated_sum" else 1.0
        return min(lows) * every, max(highs) * every
    skip = allowed_missing(quiz, score_id)
    # a sum is lowest with each question at its lowest value, less the `skip` largest positive ones left out
    low_parts = sorted((_exact(f.weight) * _exact(v) for (_, f), v in zip(feeding, lows, strict=True)), reverse=True)
    high_parts = sorted(_exact(f.weight) * _exact(v) for (_, f), v in zip(feeding, highs, strict=True))
    low = sum(low_parts, Fraction(0)) - sum((max(Fraction(0), v) for v in low_parts[:skip]), Fraction(0))
    high = sum(high_parts, Fraction(0)) - sum((min(Fraction(0), v) for v in high_parts[:skip]), Fraction(0))
    return float(low), float(high)


def _exact(value: float) -> Fraction:
    """A weight or value as written (0.1 is a tenth, not its binary neighbour)."""
    return Fraction(str(value))
