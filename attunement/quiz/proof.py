"""Proof that every score a visitor can reach lands on some result, by exact enumeration.

Each dimension's reachable scores form a finite set (answers are whole numbers; at most
`max_missing` of its items may be skipped). The results' thresholds cut each dimension into
cells that every condition either contains or excludes, so checking one reachable score per
reachable cell, over all combinations of cells, covers every reachable combination of scores.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from attunement.diagnostics import Diagnostics, Location
from attunement.quiz.bounds import reachable_scores
from attunement.quiz.model import Quiz
from attunement.quiz.scoring import format_number, match

MAX_COMBINATIONS = 100_000


@dataclass(frozen=True)
class Cell:
    low: Fraction
    high: Fraction


def cells(quiz: Quiz, dimension: str, scores: set[Fraction]) -> list[Cell]:
    """The reachable cells of one dimension between the results' thresholds."""
    cuts = sorted(
        {
            Fraction(str(bound))
            for r in quiz.results
            if dimension in r.when
            for bound in (r.when[dimension].at_least, r.when[dimension].below)
            if bound is not None
        }
    )
    grouped: dict[int, list[Fraction]] = {}
    for value in scores:
        grouped.setdefault(bisect.bisect_right(cuts, value), []).append(value)
    return [Cell(min(vals), max(vals)) for _, vals in sorted(grouped.items())]


def check_coverage(quiz: Quiz, positions_of: Callable[..., Location], diags: Diagnostics) -> None:
    """Errors for reachable regions no result covers; warnings for results no visitor can reach."""
    if quiz.result_rule == "highest":
        _check_highest(quiz, positions_of, diags)
        return
    dims = [d.id for d in quiz.dimensions]
    try:
        per_dim = [cells(quiz, d, reachable_scores(quiz, d)) for d in dims]
    except OverflowError as exc:
        diags.warning(positions_of(("items",)), f"dimension '{exc}' has too many possible scores to prove coverage")
        return
    combinations = 1
    for dim_cells in per_dim:
        combinations *= len(dim_cells)
    if combinations > MAX_COMBINATIONS:
        diags.warning(positions_of(("results",)), "too many score regions to prove coverage")
        return
    reached: set[str] = set()
    uncovered: list[tuple[tuple[int, int], ...]] = []
    for combo in itertools.product(*(range(len(c)) for c in per_dim)):
        scores = {d: float(per_dim[k][i].low) for k, (d, i) in enumerate(zip(dims, combo, strict=True))}
        winner = match(quiz, scores)
        if winner is None:
            uncovered.append(tuple((i, i) for i in combo))
        else:
            reached.add(winner)
    gaps = [
        " and ".join(
            f"{d} {_span(per_dim[k][lo].low, per_dim[k][hi].high)}"
            for k, (d, (lo, hi)) in enumerate(zip(dims, box, strict=True))
        )
        for box in _merge(uncovered)
    ]
    for gap in gaps[:5]:
        diags.error(positions_of(("results",), key=True), f"no result covers scores with {gap}")
    if len(gaps) > 5:
        diags.error(positions_of(("results",), key=True), f"... and {len(gaps) - 5} more uncovered regions")
    for index, result in enumerate(quiz.results):
        if result.id not in reached:
            diags.warning(
                positions_of(("results", index, "id")),
                f"result '{result.id}' can never be reached: no possible scores fall in its ranges "
                "before an earlier result matches",
            )


def _check_highest(quiz: Quiz, positions_of: Callable[..., Location], diags: Diagnostics) -> None:
    """Under `highest` every answer set has an outcome. A result is reachable when its score can beat (or, for a
    later result, tie) every other result's lowest possible score: each dimension's items are its own, so the
    scores vary independently. Warnings for results that never win."""
    try:
        reachable = {d.id: reachable_scores(quiz, d.id) for d in quiz.dimensions}
    except OverflowError as exc:
        diags.warning(positions_of(("items",)), f"dimension '{exc}' has too many possible scores to prove coverage")
        return
    for index, result in enumerate(quiz.results):
        mine = str(result.score)
        best = max(reachable[mine])
        beaten = all(
            (best > min(reachable[str(other.score)]) if earlier < index else best >= min(reachable[str(other.score)]))
            if other.score != mine
            else earlier > index
            for earlier, other in enumerate(quiz.results)
            if earlier != index
        )
        if not beaten:
            diags.warning(
                positions_of(("results", index, "id")),
                f"result '{result.id}' can never be reached: its score never beats an earlier result's "
                "(a tie goes to the earlier result)",
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
