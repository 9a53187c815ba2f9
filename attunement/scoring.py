"""The reference scorer: the exact arithmetic the browser's `scoring.js` performs, in Python.

Both sum `weight * value` over answered items in the quiz's order and divide once, so the two give
bit-identical floats; a property test holds them to that.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Mapping

from .quizmodel import Quiz


class AnswerError(ValueError):
    """The answers cannot be scored; the message says why, naming the items concerned."""


@dataclass(frozen=True)
class Scored:
    scores: dict[str, float]
    result: str | None


def allowed_missing(quiz: Quiz, dimension: str) -> int:
    """How many of a dimension's items may stay unanswered (the same floor in scoring.js)."""
    count = sum(item.dimension == dimension for item in quiz.items)
    return min(count - 1, math.floor(quiz.scoring.max_missing * count + 1e-9))


def score(quiz: Quiz, answers: Mapping[str, Any]) -> Scored:
    ids = {item.id for item in quiz.items}
    unknown = sorted(set(answers) - ids)
    if unknown:
        raise AnswerError(f"unknown item id(s): {', '.join(unknown)}")
    for item_id, value in answers.items():
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not quiz.scale.min <= value <= quiz.scale.max:
            raise AnswerError(f"answer for {item_id} must be a whole number from {quiz.scale.min} to {quiz.scale.max}")
    scores: dict[str, float] = {}
    short: list[str] = []
    for dim in quiz.dimensions:
        total = weights = 0.0
        missing = []
        for item in quiz.items:
            if item.dimension != dim.id:
                continue
            answer = answers.get(item.id)
            if answer is None:
                missing.append(item.id)
                continue
            value = quiz.scale.min + quiz.scale.max - answer if item.reverse else answer
            total += item.weight * value
            weights += item.weight
        if len(missing) > allowed_missing(quiz, dim.id):
            short += missing
        scores[dim.id] = total / weights if quiz.scoring.method == "mean" and weights else total
    if short:
        raise AnswerError(f"too many unanswered items to score: {', '.join(short)}")
    return Scored(scores, match(quiz, scores))


def match(quiz: Quiz, scores: Mapping[str, float]) -> str | None:
    """The first result whose ranges all hold."""
    for result in quiz.results:
        if all(rng.holds(scores[dim]) for dim, rng in result.when.items()):
            return result.id
    return None


def format_score(value: float) -> str:
    """Two decimals, ties away from zero on the exact binary value, as JavaScript's toFixed(2) does."""
    return str(Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
