"""`attune export quiz` and `attune export site`."""

from __future__ import annotations

from pathlib import Path

import click

from attunement.commands.options import output_option, progress_line, reporting_errors, site_option
from attunement.config.paths import Layout

language_option = click.option(
    "--lang",
    default=None,
    metavar="CODE",
    help="Export one language of the site (a code from site.yaml; default: every language, or the quiz in the "
    "default language)",
)


@click.group()
def export() -> None:
    """Export a quiz or the whole site for use without a server or network."""


@export.command("quiz")
@site_option
@click.argument("quiz_id")
@output_option("The HTML file to write", "QUIZ_ID.html")
@language_option
@click.pass_obj
@reporting_errors
def export_quiz(layout: Layout, quiz_id: str, output: Path | None, lang: str | None) -> None:
    """Write QUIZ_ID as one self-contained HTML file that works offline."""
    from attunement.export import export_quiz as run

    dest = output or Path(f"{quiz_id}.html")
    with progress_line("Rendering") as progress:
        size = run(layout, quiz_id, dest, lang, progress)
    click.echo(f"Exported {quiz_id} to {dest} ({size:,} bytes)")


@export.command("site")
@site_option
@output_option("The zip file to write", "site.zip")
@language_option
@click.pass_obj
@reporting_errors
def export_site(layout: Layout, output: Path | None, lang: str | None) -> None:
    """Write the whole site as a zip whose pages work when opened from disk (file://)."""
    from attunement.export import export_site as run

    dest = output or Path("site.zip")
    with progress_line("Rendering pages") as progress:
        size = run(layout, dest, lang, progress)
    click.echo(f"Exported the site to {dest} ({size:,} bytes); unzip it and open index.html")
