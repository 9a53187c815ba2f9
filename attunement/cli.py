"""The `attune` command line.

Every option defaults to None, so it overrides site.yaml only when given on the command line.
"""

from __future__ import annotations

import json
import shlex
import shutil
import sys
import time
from pathlib import Path
from typing import Any, Callable

import click

from . import __version__
from .diagnostics import BuildError, Diagnostic, Diagnostics, count_of
from .layout import Layout

# The renderer and its libraries are imported by the commands that use them: a build with nothing
# to do answers from the cache in a fraction of the time that importing them takes.


def _print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        click.echo(str(diagnostic), err=True)


def _reporting_errors(action: Callable[..., Any]) -> Callable[..., Any]:
    """Turn BuildError into `path:line:col: message` lines on stderr and exit status 1, with no traceback."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return action(*args, **kwargs)
        except BuildError as exc:
            _print_diagnostics(exc.diagnostics)
            errors = sum(d.severity == "error" for d in exc.diagnostics)
            kept = "; nothing was written" if click.get_current_context().command.name in ("build", "quiz", "site") else ""
            click.echo(f"attune: {count_of(errors, 'error')}{kept}", err=True)
            sys.exit(1)

    wrapper.__name__ = action.__name__
    wrapper.__doc__ = action.__doc__
    return wrapper


def _use_site(ctx: click.Context, _param: click.Parameter, site_dir: Path | None) -> None:
    """The Layout commands receive: `--site` nearest the command wins, the current folder by default."""
    if site_dir is not None or ctx.obj is None:
        ctx.obj = Layout((site_dir or Path.cwd()).resolve())


site_option = click.option(
    "--site", type=click.Path(file_okay=False, path_type=Path), default=None, expose_value=False, callback=_use_site,
    help="The site's folder (holding site_src/, quizzes/, templates/). Default: the current folder.")
"""`--site DIR`, accepted before the command (`attune --site DIR build`) and after it (`attune build --site DIR`)."""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="attune")
@site_option
def main() -> None:
    """Build private, accessible attachment quizzes and articles into a static site."""


@main.command()
@site_option
@click.option("--strict/--no-strict", default=None, help="Treat warnings (such as broken links) as errors. Default: site.yaml 'strict'.")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder. Default: site.yaml 'output_dir' (dist).")
@click.option("--clean/--no-clean", default=None,
              help="Ignore the build cache (.attune-cache/) and render every page. Default: reuse unchanged pages.")
@click.pass_obj
@_reporting_errors
def build(layout: Layout, strict: bool | None, output: Path | None, clean: bool | None) -> None:
    """Build the site into the output folder, replacing it only when the build succeeds."""
    from .cache import last_build

    started = time.perf_counter()
    last = last_build(layout, output, strict, clean=bool(clean))
    if last.current:  # answered before importing the renderer, which takes longer than this whole answer
        _report_build(last.cache.pages, time.perf_counter() - started, " (nothing changed)", last.cache.warnings,
                      last.cache.drafts)
        return
    from .build import build as run_build

    built = run_build(layout, output=output, strict=strict, clean=clean, last=last)
    kept = built.outputs - built.rendered
    _report_build(built.pages, built.seconds, f" ({kept} of {built.outputs} files unchanged)" if kept else "",
                  built.warnings, built.drafts)


def _report_build(pages: int, seconds: float, changes: str, warnings: list[str], drafts: list[str]) -> None:
    for line in warnings:
        click.echo(line, err=True)
    click.echo(f"Built {count_of(pages, 'page')} in {seconds:.2f} s{changes}")
    if drafts:
        click.echo(f"Left out {count_of(len(drafts), 'draft')}: {', '.join(drafts)} "
                   "(delete a file's 'draft: true' line to publish it; 'attune serve' shows drafts)")


@main.command()
@site_option
@click.pass_obj
@_reporting_errors
def check(layout: Layout) -> None:
    """Validate everything `build --strict` validates, writing nothing."""
    from .build import compile_site

    compiled = compile_site(layout, strict=True)
    click.echo(f"No problems found in {count_of(compiled.pages, 'page')}")


@main.command()
@site_option
@click.option("--host", default=None, help="Address to listen on. Default: site.yaml 'serve.host' (127.0.0.1).")
@click.option("--port", type=click.IntRange(0, 65535), default=None, help="Port. Default: site.yaml 'serve.port' (8000).")
@click.pass_obj
@_reporting_errors
def serve(layout: Layout, host: str | None, port: int | None) -> None:
    """Preview the site, drafts included, rebuilding and reloading the browser as files change."""
    from .config import ServeOptions, load_config, override
    from .serve import serve_site

    config = load_config(layout, Diagnostics(layout.root))  # a broken site.yaml is shown in the browser
    options = override(config.serve if config else ServeOptions(), host=host, port=port)
    serve_site(layout, options.host, options.port)


@main.command()
@site_option
@click.argument("quiz_id")
@click.argument("answers", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.pass_obj
@_reporting_errors
def score(layout: Layout, quiz_id: str, answers: str) -> None:
    """Score ANSWERS (a JSON file mapping item id to answer, or - for stdin) with the reference scorer."""
    from .answers import score_answers
    from .site import load_quiz

    loaded = load_quiz(layout, quiz_id)
    with click.open_file(answers, "rb") as stream:  # "-" is stdin
        data = stream.read()
    scored = score_answers(loaded.quiz, "<stdin>" if answers == "-" else answers, data, Diagnostics(layout.root))
    click.echo(json.dumps({"quiz": loaded.slug, "scores": scored.scores, "result": scored.result}))


@main.group()
def export() -> None:
    """Export a quiz or the whole site for use without a server or network."""


@export.command("quiz")
@site_option
@click.argument("quiz_id")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The HTML file to write. Default: QUIZ_ID.html")
@click.pass_obj
@_reporting_errors
def export_quiz(layout: Layout, quiz_id: str, output: Path | None) -> None:
    """Write QUIZ_ID as one self-contained HTML file that works offline."""
    from .export import export_quiz as run

    dest = output or Path(f"{quiz_id}.html")
    size = run(layout, quiz_id, dest)
    click.echo(f"Exported {quiz_id} to {dest} ({size:,} bytes)")


@export.command("site")
@site_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The zip file to write. Default: site.zip")
@click.pass_obj
@_reporting_errors
def export_site(layout: Layout, output: Path | None) -> None:
    """Write the whole site as a zip whose pages work when opened from disk (file://)."""
    from .export import export_site as run

    dest = output or Path("site.zip")
    size = run(layout, dest)
    click.echo(f"Exported the site to {dest} ({size:,} bytes); unzip it and open index.html")


@main.group()
def new() -> None:
    """Start a new article, quiz or site from a template."""


@new.command("article")
@site_option
@click.argument("name")
@click.pass_obj
@_reporting_errors
def new_article(layout: Layout, name: str) -> None:
    """Create site_src/articles/NAME.md as a draft."""
    from .scaffold import new_article as create

    path = create(layout, name)
    click.echo(f"Created {path} as a draft: '{command_name()} serve' shows it; 'build' leaves it out "
               "until you delete its 'draft: true' line")


@new.command("quiz")
@site_option
@click.argument("name")
@click.pass_obj
@_reporting_errors
def new_quiz(layout: Layout, name: str) -> None:
    """Create quizzes/NAME.yaml with a two-dimension example to edit."""
    from .scaffold import QUIZ_GUIDE, new_quiz as create

    click.echo(f"Created {create(layout, name)}; every key is explained in {QUIZ_GUIDE}")


@new.command("site")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@_reporting_errors
def new_site(directory: Path) -> None:
    """Create a working site in DIRECTORY (which must be new or empty)."""
    from .scaffold import new_site as create

    create(directory)
    run = command_name()
    click.echo(f"Created a new site in {directory}. Preview it with: cd {shlex.quote(str(directory))} && {run} serve\n"
               f"and build it into its dist/ folder with: {run} build")


def command_name() -> str:
    """How to run this very `attune` again from a shell: `attune` only when that is what the PATH finds."""
    invoked = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
    on_path = shutil.which("attune")
    if invoked is not None and invoked.name == "attune":
        return "attune" if on_path and Path(on_path).resolve() == invoked else shlex.quote(str(invoked))
    return f"{shlex.quote(sys.executable)} -m attunement"
