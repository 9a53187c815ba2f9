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
from attunement.quiz.structure import Question


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


def allowed_missing(quiz: Quiz, score_id: str) -> int:
    """How many of a measured score's questions may stay unanswered: its `max_missing`, rounded down, leaving at
    least one to answer (worked out exactly here and sent to the browser in the client key)."""
    structure = quiz.structure
    count = len(structure.feeding(score_id))
    scoring = structure.score(score_id).scoring
    assert scoring is not None
    return min(count - 1, math.floor(scoring.share_of(count)))


def score(quiz: Quiz, answers: Mapping[str, Any]) -> Scored:
    """The scores and result of `answers` (question key -> answer, None or absent when unanswered); AnswerError
    with every problem when they cannot be scored."""
    problems = _problems(quiz, answers)
    if problems:
        raise AnswerError(problems)
    structure = quiz.structure
    scores: dict[str, float] = {}
    for measured in structure.measured:
        total = weights = every = 0.0
        for question, feed in structure.feeding(measured.id):
            every += feed.weight
            answer = answers.get(question.key)
            if answer is None:
                continue
            total += feed.weight * question.value(feed, answer)
            weights += feed.weight
        assert measured.scoring is not None
        scores[measured.id] = combine(measured.scoring.method, total, weights, every)
    for derived in quiz.derived:
        total = weights = 0.0
        for part, weight in derived.weights.items():
            total += weight * scores[part]
            weights += weight
        scores[derived.id] = combine(derived.method, total, weights, weights)
    return Scored(scores, match(quiz, scores))


def _problems(quiz: Quiz, answers: Mapping[str, Any]) -> list[AnswerProblem]:
    """Every reason `answers` cannot be scored: unknown keys, answers off the scale, too many left out."""
    questions = {q.key: q for q in quiz.structure.questions}
    problems = [
        AnswerProblem("unknown", (key,), f"unknown item id '{key}'{did_you_mean(key, list(questions))}")
        for key in answers
        if key not in questions
    ]
    problems += [
        AnswerProblem("invalid", (key,), f"answer for {key} must be {_answers_of(questions[key])}")
        for key, value in answers.items()
        if key in questions
        and value is not None
        and (isinstance(value, bool) or not isinstance(value, int) or not _answers(questions[key], value))
    ]
    short: list[str] = []
    reasons: list[str] = []
    for measured in quiz.structure.measured:
        feeding = quiz.structure.feeding(measured.id)
        missing = [q.key for q, _ in feeding if answers.get(q.key) is None]
        allowed = allowed_missing(quiz, measured.id)
        if len(missing) > allowed:
            short += [key for key in missing if key not in short]
            reasons.append(f"{measured.id}: {len(missing)} of {len(feeding)} open, {allowed} allowed")
    if short:
        message = f"too many unanswered items to score: {', '.join(short)} ({'; '.join(reasons)})"
        problems.append(AnswerProblem("unanswered", tuple(short), message))
    return problems


def _answers(question: Question, value: int) -> bool:
    return question.low <= value <= question.high


def _answers_of(question: Question) -> str:
    if question.kind == "choice":
        return f"the number of an option, from 1 to {question.high}"
    return f"a whole number from {question.low} to {question.high}"


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
