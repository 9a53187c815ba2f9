"""`attune score`: the reference scorer on the command line."""

from __future__ import annotations

import json

import click

from attunement.commands.options import reporting_errors, site_option
from attunement.config.paths import Layout
from attunement.diagnostics import Diagnostics


@click.command()
@site_option
@click.argument("quiz_id")
@click.argument("answers", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.pass_obj
@reporting_errors
def score(layout: Layout, quiz_id: str, answers: str) -> None:
    """Score ANSWERS (a JSON file mapping item id to answer, or - for stdin) with the reference scorer."""
    from attunement.content.answers import score_answers
    from attunement.content.loading import load_quiz

    loaded = load_quiz(layout, quiz_id)
    with click.open_file(answers, "rb") as stream:  # "-" is stdin
        data = stream.read()
    scored = score_answers(loaded.quiz, "<stdin>" if answers == "-" else answers, data, Diagnostics(layout.root))
    click.echo(json.dumps({"quiz": loaded.slug, "scores": scored.scores, "result": scored.result}))
