"""The reference scorer: the exact arithmetic the browser's `scoring.js` performs, in Python.

Both sum `weight * value` over answered items in the quiz's order and divide once, so the two give
bit-identical floats; a property test holds them to that.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

from attunement.diagnostics import did_you_mean
from attunement.quiz.model import Quiz


@dataclass(frozen=True)
class AnswerProblem:
    """One reason a set of answers cannot be scored, and the items it concerns."""

    kind: Literal["unknown", "invalid", "unanswered"]
    """An id that is no item's, an answer off the scale, or too many items of a dimension left out."""
    items: tuple[str, ...]
    message: str


class AnswerError(ValueError):
    """The answers cannot be scored; carries every reason at once, so they can all be fixed at once."""

    def __init__(self, problems: list[AnswerProblem]):
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = problems


@dataclass(frozen=True)
class Scored:
    scores: dict[str, float]
    result: str | None


def allowed_missing(quiz: Quiz, dimension: str) -> int:
    """How many of a dimension's items may stay unanswered: its `max_missing`, rounded down, leaving at least
    one to answer (worked out exactly here and sent to the browser in the client key)."""
    count = sum(item.dimension == dimension for item in quiz.items)
    return min(count - 1, math.floor(quiz.scoring_of(dimension).share_of(count)))


def score(quiz: Quiz, answers: Mapping[str, Any]) -> Scored:
    """The scores and result of `answers` (item id -> answer, None or absent when unanswered); AnswerError
    with every problem when they cannot be scored."""
    problems = _problems(quiz, answers)
    if problems:
        raise AnswerError(problems)
    scores: dict[str, float] = {}
    for dim in quiz.dimensions:
        total = weights = every = 0.0
        for item in quiz.items:
            if item.dimension != dim.id:
                continue
            every += item.weight
            answer = answers.get(item.id)
            if answer is None:
                continue
            value = quiz.scale.min + quiz.scale.max - answer if item.reverse else answer
            total += item.weight * value
            weights += item.weight
        scores[dim.id] = combine(quiz.scoring_of(dim.id).method, total, weights, every)
    return Scored(scores, match(quiz, scores))


def _problems(quiz: Quiz, answers: Mapping[str, Any]) -> list[AnswerProblem]:
    """Every reason `answers` cannot be scored: unknown ids, answers off the scale, too many left out."""
    ids = [item.id for item in quiz.items]
    known = set(ids)
    low, high = quiz.scale.min, quiz.scale.max
    problems = [
        AnswerProblem("unknown", (key,), f"unknown item id '{key}'{did_you_mean(key, ids)}")
        for key in answers
        if key not in known
    ]
    problems += [
        AnswerProblem("invalid", (key,), f"answer for {key} must be a whole number from {low} to {high}")
        for key, value in answers.items()
        if key in known
        and value is not None
        and (isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high)
    ]
    short: list[str] = []
    for dim in quiz.dimensions:
        missing = [item.id for item in quiz.items if item.dimension == dim.id and answers.get(item.id) is None]
        if len(missing) > allowed_missing(quiz, dim.id):
            short += missing
    if short:
        problems.append(
            AnswerProblem("unanswered", tuple(short), f"too many unanswered items to score: {', '.join(short)}")
        )
    return problems


def combine(method: str, total: float, weights: float, every: float) -> float:
    """A score from the weighted sum of the answers (`total`), the weight answered and the weight of every item:
    the same operations, in the same order, as scoring.js."""
    if method == "mean":
        return total / weights
    if method == "prorated_sum":
        return total / weights * every
    return total


def match(quiz: Quiz, scores: Mapping[str, float]) -> str | None:
    """The outcome: under `highest`, the result with the highest score (the earlier on a tie); otherwise the first
    result whose ranges all hold."""
    if quiz.result_rule == "highest":
        best = quiz.results[0]
        for result in quiz.results[1:]:
            if scores[str(result.score)] > scores[str(best.score)]:
                best = result
        return best.id
    for result in quiz.results:
        if all(rng.holds(scores[dim]) for dim, rng in result.when.items()):
            return result.id
    return None


def format_number(value: Fraction | float) -> str:
    """A score or cut-off for people to read: at most two decimals, no trailing zeros."""
    return f"{float(value):.2f}".rstrip("0").rstrip(".")
