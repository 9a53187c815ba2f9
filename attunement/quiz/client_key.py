"""The scoring key a quiz page carries for the browser (as `<script type="application/json">`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attunement.quiz.bounds import display_decimals, score_bounds
from attunement.quiz.model import Quiz
from attunement.quiz.scoring import allowed_missing


def client_key(quiz_id: str, quiz: Quiz, result_urls: Mapping[str, str], *, quiz_url: str = "") -> dict[str, Any]:
    """What the browser needs to score and place a visitor: no texts it does not show.

    `quiz_url` is where a partner takes the quiz ("" means this very document, as in a single exported file).
    """
    return {
        "id": quiz_id,
        "scale": {"min": quiz.scale.min, "max": quiz.scale.max},
        "dimensions": [
            {
                "id": d.id,
                "label": d.label,
                "method": quiz.scoring_of(d.id).method,
                "allowed_missing": allowed_missing(quiz, d.id),
                "decimals": display_decimals(quiz, d.id),
            }
            for d in quiz.dimensions
        ],
        "bounds": {d.id: list(score_bounds(quiz, d.id)) for d in quiz.dimensions},
        "items": [{"id": i.id, "dimension": i.dimension, "reverse": i.reverse, "weight": i.weight} for i in quiz.items],
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
