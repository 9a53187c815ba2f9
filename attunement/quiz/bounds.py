"""Which scores a dimension can reach, exactly, and the lowest and highest of them (for axes and links)."""

from __future__ import annotations

import math
from fractions import Fraction

from attunement.quiz.model import Quiz
from attunement.quiz.scoring import allowed_missing

MAX_STATES = 200_000
"""Beyond this many partial sums the enumeration gives up (the proof then says it cannot decide)."""


def reachable_scores(quiz: Quiz, dimension: str) -> set[Fraction]:
    """Every score the dimension can take, exactly (dynamic programming over answered count, weight and sum).

    Weights are scaled to integers by their common denominator, so the search runs on ints.
    """
    items = [item for item in quiz.items if item.dimension == dimension]
    need = len(items) - allowed_missing(quiz, dimension)
    weights = [Fraction(str(item.weight)) for item in items]
    scale = math.lcm(*(w.denominator for w in weights))
    states = {(0, 0, 0)}
    for weight in (int(w * scale) for w in weights):
        states |= {(n + 1, w + weight, s + weight * v) for n, w, s in states for v in quiz.scale.points}
        if len(states) > MAX_STATES:
            raise OverflowError(dimension)
    method = quiz.scoring_of(dimension).method
    if method == "mean":
        return {Fraction(s, w) for n, w, s in states if n >= need}
    if method == "prorated_sum":
        every = sum(weights)  # each unanswered item counted at the mean of the answered ones
        return {Fraction(s, w) * every for n, w, s in states if n >= need}
    return {Fraction(s, scale) for n, w, s in states if n >= need}


def display_decimals(quiz: Quiz, dimension: str) -> int:
    """Decimals a dimension's scores are shown with: the quiz's `decimals`, else none for a sum whose every
    reachable value is a whole number, else two (a mean reads as a position on the scale)."""
    if quiz.decimals is not None:
        return quiz.decimals
    if quiz.scoring_of(dimension).method == "mean":
        return 2
    try:
        whole = all(score.denominator == 1 for score in reachable_scores(quiz, dimension))
    except OverflowError:
        whole = False
    return 0 if whole else 2


def score_bounds(quiz: Quiz, dimension: str) -> tuple[float, float]:
    """Lowest and highest score a dimension can take, for drawing its axis."""
    if quiz.scoring_of(dimension).method == "mean":
        return float(quiz.scale.min), float(quiz.scale.max)
    try:
        scores = reachable_scores(quiz, dimension)
    except OverflowError:
        total = sum(item.weight for item in quiz.items if item.dimension == dimension)
        return min(0.0, quiz.scale.min * total), max(0.0, quiz.scale.max * total)
    return float(min(scores)), float(max(scores))
