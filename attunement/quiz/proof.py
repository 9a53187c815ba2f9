"""Proof that every score a visitor can reach lands on some result, by exact enumeration.

Each score's reachable values form a finite set (answers are whole numbers or option numbers; at most
`max_missing` of its questions may be skipped). When no two tested scores share a question, they vary
independently: the results' thresholds cut each score into cells that every condition either contains
or excludes, so checking one reachable value per reachable cell, over all combinations of cells, covers
every reachable combination of scores. When tested scores share questions (an item on two dimensions, a
derived score of a score also tested), the answers themselves are enumerated if there are few enough
combinations; otherwise the proof says, as a note, that it cannot decide.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from attunement.diagnostics import Diagnostics, Location
from attunement.quiz.bounds import independent, reachable_scores
from attunement.quiz.model import Quiz
from attunement.quiz.scoring import AnswerError, format_number, match, score

MAX_COMBINATIONS = 100_000


@dataclass(frozen=True)
class Cell:
    low: Fraction
    high: Fraction


def cells(quiz: Quiz, score_id: str, scores: set[Fraction]) -> list[Cell]:
    """The reachable cells of one score between the results' thresholds."""
    cuts = sorted(
        {
            Fraction(str(bound))
            for r in quiz.results
            if score_id in r.when
            for bound in (r.when[score_id].at_least, r.when[score_id].below)
            if bound is not None
        }
    )
    grouped: dict[int, list[Fraction]] = {}
    for value in scores:
        grouped.setdefault(bisect.bisect_right(cuts, value), []).append(value)
    return [Cell(min(vals), max(vals)) for _, vals in sorted(grouped.items())]


def tested(quiz: Quiz) -> list[str]:
    """The scores the results decide on, in the order they first appear."""
    if quiz.result_rule == "highest":
        return list(dict.fromkeys(str(r.score) for r in quiz.results))
    return list(dict.fromkeys(score_id for r in quiz.results for score_id in r.when))


def check_coverage(quiz: Quiz, positions_of: Callable[..., Location], diags: Diagnostics) -> None:
    """Errors for reachable regions no result covers; warnings for results no visitor can reach; a note when
    neither can be decided."""
    ids = tested(quiz)
    if not independent(quiz, ids):
        _enumerate_answers(quiz, ids, positions_of, diags)
    elif quiz.result_rule == "highest":
        _check_highest(quiz, ids, positions_of, diags)
    else:
        _check_cells(quiz, ids, positions_of, diags)


def _undecided(quiz: Quiz, positions_of: Callable[..., Location], diags: Diagnostics, why: str) -> None:
    """A note on what the proof could not decide; a result without ranges (or `highest`) settles coverage itself."""
    rest = next((r.id for r in quiz.results if not r.when), None) if quiz.result_rule == "first" else "highest"
    if rest is None:
        doubt = "that every answer set gets a result, or that every result can be reached"
    else:
        every = "every answer set has a winner" if rest == "highest" else f"'{rest}' takes every answer set left"
        doubt = f"that every result can be reached ({every})"
    diags.note(positions_of(("results",), key=True), f"cannot prove {doubt}: {why}; check the results' ranges by hand")


def _check_cells(quiz: Quiz, ids: list[str], positions_of: Callable[..., Location], diags: Diagnostics) -> None:
    try:
        per_score = [cells(quiz, d, reachable_scores(quiz, d)) for d in ids]
    except OverflowError as exc:
        _undecided(quiz, positions_of, diags, f"score '{exc}' has too many possible values to list")
        return
    combinations = 1
    for score_cells in per_score:
        combinations *= len(score_cells)
    if combinations > MAX_COMBINATIONS:
        _undecided(quiz, positions_of, diags, "the ranges cut the scores into too many regions")
        return
    reached: set[str] = set()
    uncovered: list[tuple[tuple[int, int], ...]] = []
    for combo in itertools.product(*(range(len(c)) for c in per_score)):
        scores = {d: float(per_score[k][i].low) for k, (d, i) in enumerate(zip(ids, combo, strict=True))}
        winner = match(quiz, scores)
        if winner is None:
            uncovered.append(tuple((i, i) for i in combo))
        else:
            reached.add(winner)
    gaps = [
        " and ".join(
            f"{d} {_span(per_score[k][lo].low, per_score[k][hi].high)}"
            for k, (d, (lo, hi)) in enumerate(zip(ids, box, strict=True))
        )
        for box in _merge(uncovered)
    ]
    _report(quiz, [f"no result covers scores with {gap}" for gap in gaps], reached, positions_of, diags)


def _report(
    quiz: Quiz, gaps: list[str], reached: set[str], positions_of: Callable[..., Location], diags: Diagnostics
) -> None:
    for gap in gaps[:5]:
        diags.error(positions_of(("results",), key=True), gap)
    if len(gaps) > 5:
        diags.error(positions_of(("results",), key=True), f"... and {len(gaps) - 5} more uncovered regions")
    why = (
        "its score never beats an earlier result's (a tie goes to the earlier result)"
        if quiz.result_rule == "highest"
        else "no possible scores fall in its ranges before an earlier result matches"
    )
    for index, result in enumerate(quiz.results):
        if result.id not in reached:
            diags.warning(positions_of(("results", index, "id")), f"result '{result.id}' can never be reached: {why}")


def _enumerate_answers(quiz: Quiz, ids: list[str], positions_of: Callable[..., Location], diags: Diagnostics) -> None:
    """Score every answer set of the questions the tested scores are made of, when there are few enough."""
    structure = quiz.structure
    keys = {q.key for d in ids for part in structure.sources(d) for q, _ in structure.feeding(part)}
    questions = [q for q in structure.questions if q.key in keys]
    combinations = 1
    for question in questions:
        combinations *= len(question.choices) + 1  # each answer, or none
        if combinations > MAX_COMBINATIONS:
            _undecided(
                quiz, positions_of, diags, f"scores {', '.join(ids)} share items, and their answers are too many to try"
            )
            return
    reached: set[str] = set()
    gaps: list[str] = []
    fixed = {q.key: q.low for q in structure.questions if q.key not in keys}
    for combo in itertools.product(*([None, *(v for v, _ in q.choices)] for q in questions)):
        answers = fixed | {q.key: a for q, a in zip(questions, combo, strict=True) if a is not None}
        try:
            scored = score(quiz, answers)
        except AnswerError:
            continue  # too many left out to score
        if scored.result is None:
            gaps.append("no result covers " + " and ".join(f"{d} = {format_number(scored.scores[d])}" for d in ids))
        else:
            reached.add(scored.result)
    _report(quiz, list(dict.fromkeys(gaps)), reached, positions_of, diags)


def _check_highest(quiz: Quiz, ids: list[str], positions_of: Callable[..., Location], diags: Diagnostics) -> None:
    """Under `highest` every answer set has an outcome. A result is reachable when its score can beat (or, for a
    later result, tie) every other result's lowest possible score: the scores share no question, so they vary
    independently. Warnings for results that never win."""
    try:
        reachable = {d: reachable_scores(quiz, d) for d in ids}
    except OverflowError as exc:
        _undecided(quiz, positions_of, diags, f"score '{exc}' has too many possible values to list")
        return
    reached = set()
    for index, result in enumerate(quiz.results):
        mine = str(result.score)
        best = max(reachable[mine])
        if all(
            (best > min(reachable[str(other.score)]) if earlier < index else best >= min(reachable[str(other.score)]))
            if other.score != mine
            else earlier > index
            for earlier, other in enumerate(quiz.results)
            if earlier != index
        ):
            reached.add(result.id)
    _report(quiz, [], reached, positions_of, diags)
    ranges = {d: (min(reachable[d]), max(reachable[d])) for d in ids}
    if len(set(ranges.values())) > 1:
        spans = ", ".join(f"{d} {format_number(lo)} to {format_number(hi)}" for d, (lo, hi) in ranges.items())
        diags.note(
            positions_of(("result_rule",)),
            f"result_rule highest compares raw scores, and these run on different ranges ({spans}), so a score with "
            "a wider range wins more often; if they should compete evenly, give them items of the same number, "
            "scale and weight, or score them by mean",
        )


def _merge(boxes: list[tuple[tuple[int, int], ...]]) -> list[tuple[tuple[int, int], ...]]:
    """Join uncovered boxes that touch along one dimension and match on all others, so a gap reads as one region."""
    merged = True
    while merged:
        merged = False
        for a, b in itertools.combinations(boxes, 2):
            differ = [k for k in range(len(a)) if a[k] != b[k]]
            if len(differ) == 1 and (a[differ[0]][1] + 1 == b[differ[0]][0] or b[differ[0]][1] + 1 == a[differ[0]][0]):
                k = differ[0]
                joined = a[:k] + ((min(a[k][0], b[k][0]), max(a[k][1], b[k][1])),) + a[k + 1 :]
                boxes = [box for box in boxes if box not in (a, b)] + [joined]
                merged = True
                break
    return sorted(boxes)


def _span(low: Fraction, high: Fraction) -> str:
    return f"= {format_number(low)}" if low == high else f"from {format_number(low)} to {format_number(high)}"
