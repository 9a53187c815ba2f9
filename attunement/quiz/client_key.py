"""The scoring key a quiz page carries for the browser (as `<script type="application/json">`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attunement.quiz.bounds import display_decimals, score_bounds
from attunement.quiz.model import Norms, Quiz
from attunement.quiz.norms import minimal_change
from attunement.quiz.scoring import allowed_missing
from attunement.quiz.structure import Score


def client_key(quiz_id: str, quiz: Quiz, result_urls: Mapping[str, str], *, quiz_url: str = "") -> dict[str, Any]:
    """What the browser needs to score and place a visitor: no texts it does not show.

    `quiz_url` is where a partner takes the quiz ("" means this very document, as in a single exported file).
    """
    structure = quiz.structure
    return {
        "id": quiz_id,
        "scores": [_score(quiz, score) for score in structure.scores],
        "bounds": {s.id: list(score_bounds(quiz, s.id)) for s in structure.scores},
        "questions": [
            {"key": q.key, "low": q.low, "feeds": [[f.score, f.weight, list(f.values)] for f in q.feeds]}
            for q in structure.questions
        ],
        "results": [
            {
                "id": r.id,
                "title": r.title,
                "url": result_urls[r.id],
                "when": {d: {"at_least": rng.at_least, "below": rng.below} for d, rng in r.when.items()},
                "score": r.score,
            }
            for r in quiz.results
        ],
        "pairings": [{"id": p.id, "results": p.results} for p in quiz.pairings],
        "quiz_url": quiz_url,
        "compare": quiz.compare,
        "result_rule": quiz.result_rule,
        "one_per_screen": quiz.one_per_screen,
        "shuffle": quiz.shuffle,
    }


def _score(quiz: Quiz, score: Score) -> dict[str, Any]:
    """How the browser computes and shows one score: measured (method and allowance) or derived (its parts)."""
    shown: dict[str, Any] = {"id": score.id, "label": score.label, "decimals": display_decimals(quiz, score.id)}
    if score.scoring is not None:
        shown |= {"method": score.scoring.method, "allowed_missing": allowed_missing(quiz, score.id)}
    if score.derived is not None:
        shown["derived"] = {"method": score.derived.method, "of": [[p, w] for p, w in score.derived.weights.items()]}
    if score.norms is not None:
        shown["norms"] = _norms(score.norms)
    threshold = minimal_change(score.change, score.norms)
    if threshold is not None:
        shown["change"] = threshold  # the smallest change between two takings that is more than measurement error
    return shown


def _norms(norms: Norms) -> dict[str, Any]:
    """What normlogic.js needs for a percentile and its words: mean and sd, or the table's rows in score order."""
    shown: dict[str, Any] = {"sample": norms.sample, "size": norms.size}
    if norms.percentiles is None:
        return shown | {"mean": norms.mean, "sd": norms.sd}
    return shown | {"table": [[x, p] for x, p in sorted(norms.percentiles.items())]}
