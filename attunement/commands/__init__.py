"""The `attune` command line: click wiring only; each command imports the stage it runs when it runs.

A build with nothing to do answers from the cache before the renderer and its libraries are imported.
Every option defaults to None, so it overrides site.yaml only when given on the command line.
May import: anything in `attunement`.
"""

from __future__ import annotations

import click

from attunement import __version__
from attunement.commands.build import build, check
from attunement.commands.export import export
from attunement.commands.new import new
from attunement.commands.options import site_option
from attunement.commands.score import score
from attunement.commands.serve import serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="attune")
@site_option
def main() -> None:
    """Build private, accessible attachment quizzes and articles into a static site."""


for command in (build, check, serve, score, export, new):
    main.add_command(command)
