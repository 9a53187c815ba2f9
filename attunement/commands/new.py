"""`attune new article|quiz|site`."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

from attunement.commands.options import command_name, reporting_errors, site_option
from attunement.config.paths import Layout


@click.group()
def new() -> None:
    """Start a new article, quiz or site from a template."""


@new.command("article")
@site_option
@click.argument("name")
@click.pass_obj
@reporting_errors
def new_article(layout: Layout, name: str) -> None:
    """Create site_src/articles/NAME.md as a draft."""
    from attunement.scaffold import new_article as create

    path = create(layout, name)
    click.echo(
        f"Created {path} as a draft: '{command_name()} serve' shows it; 'build' leaves it out "
        "until you delete its 'draft: true' line"
    )


@new.command("quiz")
@site_option
@click.argument("name")
@click.pass_obj
@reporting_errors
def new_quiz(layout: Layout, name: str) -> None:
    """Create quizzes/NAME.yaml with a two-dimension example to edit."""
    from attunement.scaffold import QUIZ_GUIDE
    from attunement.scaffold import new_quiz as create

    click.echo(f"Created {create(layout, name)}; every key is explained in {QUIZ_GUIDE}")


@new.command("site")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@reporting_errors
def new_site(directory: Path) -> None:
    """Create a working site in DIRECTORY (which must be new or empty)."""
    from attunement.scaffold import new_site as create

    create(directory)
    run = command_name()
    click.echo(
        f"Created a new site in {directory}. Preview it with: cd {shlex.quote(str(directory))} && {run} serve\n"
        f"and build it into its dist/ folder with: {run} build"
    )
