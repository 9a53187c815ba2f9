"""The reference scorer's rules for unanswered items and its methods, checked against sums done by hand."""

from __future__ import annotations

import pytest

from attunement.quiz.bounds import display_decimals
from attunement.quiz.model import Quiz
from attunement.quiz.scoring import AnswerError, allowed_missing, score


def quiz(method: str = "mean", max_missing: object = 0, own: dict | None = None) -> Quiz:
    """18 items on `anx` (the first 9 reversed), 2 on `avo` (its own scoring when `own` is given)."""
    items = [{"id": f"a{i}", "text": "-", "dimension": "anx", "reverse": i <= 9} for i in range(1, 19)]
    items += [{"id": f"v{i}", "text": "-", "dimension": "avo", "weight": i} for i in (1, 2)]
    avo = {"id": "avo", "label": "Avo", "low": "-", "high": "-", **({"scoring": own} if own else {})}
    return Quiz.model_validate(
        {
            "title": "T",
            "description": "D",
            "scale": {"min": 1, "max": 7, "labels": {1: "no", 7: "yes"}},
            "dimensions": [{"id": "anx", "label": "Anx", "low": "-", "high": "-"}, avo],
            "items": items,
            "scoring": {"method": method, "max_missing": max_missing},
            "results": [{"id": "any", "title": "Any", "summary": "-", "when": {}, "body": "-"}],
        }
    )


@pytest.mark.parametrize(
    ("max_missing", "anx", "avo"),
    [(2, 2, 1), ("10%", 1, 0), ("50%", 9, 1), (0.1111, 1, 0), (1.0, 17, 1), (0, 0, 0), (40, 17, 1)],
)
def test_unanswered_items_allowed_as_a_count_a_percentage_or_a_fraction(
    max_missing: object, anx: int, avo: int
) -> None:
    """At most that many, rounded down, and always at least one item left to answer."""
    q = quiz(max_missing=max_missing)
    assert (allowed_missing(q, "anx"), allowed_missing(q, "avo")) == (anx, avo)


def test_every_unanswered_item_beyond_the_allowance_is_named() -> None:
    answers = {f"a{i}": 4 for i in range(4, 19)} | {"v1": 1, "v2": 1}
    with pytest.raises(AnswerError) as caught:
        score(quiz(max_missing=2), answers)
    assert caught.value.problems[0].items == ("a1", "a2", "a3")
    assert score(quiz(max_missing=3), answers).scores["anx"] == 4


def test_means_sums_and_prorated_sums_by_hand() -> None:
    answers = {f"a{i}": 7 for i in range(1, 19)} | {"v1": 3}  # a1-a9 reversed: 1 each; a10-a18: 7 each; v2 missing
    assert score(quiz("mean", 1), answers).scores == {"anx": (9 * 1 + 9 * 7) / 18, "avo": 3}
    assert score(quiz("sum", 1), answers).scores == {"anx": 72, "avo": 3}
    prorated = score(quiz("prorated_sum", 1), answers).scores
    assert prorated == {"anx": 72, "avo": 3 / 1 * 3}, "v2 (weight 2) is counted at the mean of v1: 3 + 2 x 3"


def test_a_dimension_may_have_its_own_scoring() -> None:
    q = quiz("mean", 0, own={"method": "sum", "max_missing": 1})
    assert (q.scoring_of("anx").method, q.scoring_of("avo").method) == ("mean", "sum")
    scored = score(q, {f"a{i}": 4 for i in range(1, 19)} | {"v2": 5})
    assert scored.scores == {"anx": 4, "avo": 10}


def test_scores_are_shown_with_the_quiz_decimals_or_as_whole_sums() -> None:
    assert display_decimals(quiz("mean"), "anx") == 2
    assert display_decimals(quiz("sum"), "anx") == 0, "sums of whole answers are whole numbers"
    fractional = quiz("sum", own={"method": "sum"})
    assert display_decimals(fractional, "avo") == 0
    assert display_decimals(quiz("prorated_sum", 1), "anx") == 2, "a prorated sum can fall between whole numbers"
    assert display_decimals(Quiz.model_validate({**quiz().model_dump(), "decimals": 1}), "anx") == 1


def profile(order: list[str]) -> Quiz:
    """Three one-item dimensions; under result_rule highest, one result per dimension in `order`."""
    return Quiz.model_validate(
        {
            "title": "Profile",
            "description": "D",
            "scale": {"min": 1, "max": 5, "labels": {1: "no", 5: "yes"}},
            "dimensions": [{"id": d, "label": d, "low": "-", "high": "-"} for d in ("sec", "anx", "avo")],
            "items": [{"id": f"{d}-1", "text": "-", "dimension": d} for d in ("sec", "anx", "avo")],
            "result_rule": "highest",
            "results": [{"id": d, "title": d, "summary": "-", "score": d, "body": "-"} for d in order],
        }
    )


def test_under_highest_the_highest_score_wins_and_a_tie_goes_to_the_earlier_result() -> None:
    quiz_ = profile(["sec", "anx", "avo"])
    assert score(quiz_, {"sec-1": 2, "anx-1": 5, "avo-1": 4}).result == "anx"
    assert score(quiz_, {"sec-1": 4, "anx-1": 4, "avo-1": 4}).result == "sec"
    assert score(profile(["avo", "anx", "sec"]), {"sec-1": 4, "anx-1": 4, "avo-1": 4}).result == "avo"
