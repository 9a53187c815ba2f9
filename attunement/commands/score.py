"""`attune score`: the reference scorer on the command line."""

from __future__ import annotations

import json

import click

from attunement.commands.options import reporting_errors, site_option
from attunement.config.paths import Layout
from attunement.diagnostics import Diagnostics


@click.command()
@site_option
@click.argument("quiz_id", metavar="QUIZ")
@click.argument("answers", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.pass_obj
@reporting_errors
def score(layout: Layout, quiz_id: str, answers: str) -> None:
    """Score ANSWERS to QUIZ (a quiz id of the site, or the path of a quiz file) with the reference scorer.

    ANSWERS is a JSON file mapping item id (`<target>.<item>` in a repeated section) to answer, or - for stdin.
    Prints the scores, the result and, for scores with norms, their percentiles (the share of the norms' sample
    below, 0 to 100)."""
    from attunement.content.answers import score_answers
    from attunement.content.loading import load_quiz
    from attunement.quiz.norms import percentile

    loaded = load_quiz(layout, quiz_id)
    with click.open_file(answers, "rb") as stream:  # "-" is stdin
        data = stream.read()
    scored = score_answers(loaded.quiz, "<stdin>" if answers == "-" else answers, data, Diagnostics(layout.root))
    out = {"quiz": loaded.slug, "scores": scored.scores, "result": scored.result}
    scores = loaded.quiz.structure.scores
    percentiles = {s.id: percentile(s.norms, scored.scores[s.id]) for s in scores if s.norms is not None}
    if percentiles:  # only a quiz with norms has them
        out["percentiles"] = percentiles
    click.echo(json.dumps(out))
