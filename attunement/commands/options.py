"""What every command shares: `--site`, errors reported as `path:line:col` lines, and how to name `attune` back."""

from __future__ import annotations

import shlex
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from attunement.config.paths import Layout
from attunement.diagnostics import BuildError, Diagnostic, count_of

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar  # click.progressbar's type


def _print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        click.echo(str(diagnostic), err=True)


def reporting_errors(action: Callable[..., Any]) -> Callable[..., Any]:
    """Turn BuildError into `path:line:col: message` lines on stderr and exit status 1, with no traceback."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return action(*args, **kwargs)
        except BuildError as exc:
            _print_diagnostics(exc.diagnostics)
            errors = sum(d.severity == "error" for d in exc.diagnostics)
            kept = (
                "; nothing was written" if click.get_current_context().command.name in ("build", "quiz", "site") else ""
            )
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
    "--site",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    expose_value=False,
    callback=_use_site,
    help="The site's folder (holding site_src/, quizzes/, templates/). Default: the current folder.",
)
"""`--site DIR`, accepted before the command (`attune --site DIR build`) and after it (`attune build --site DIR`)."""


def command_name() -> str:
    """How to run this very `attune` again from a shell: `attune` only when that is what the PATH finds."""
    invoked = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
    on_path = shutil.which("attune")
    if invoked is not None and invoked.name == "attune":
        return "attune" if on_path and Path(on_path).resolve() == invoked else shlex.quote(str(invoked))
    return f"{shlex.quote(sys.executable)} -m attunement"


def output_option(
    what: str, default: str, *, folder: bool = False
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`-o/--output`, the one place a command writes to (a folder for builds, a file for exports)."""
    kind = click.Path(file_okay=False, path_type=Path) if folder else click.Path(dir_okay=False, path_type=Path)
    return click.option("-o", "--output", type=kind, default=None, help=f"{what}. Default: {default}")


@contextmanager
def progress_line(label: str) -> Iterator[Callable[[int, int], None]]:
    """A progress line (click's progress bar, on stderr) for work that has run longer than about a second, on a
    terminal only: a log or CI stays quiet."""
    started = time.perf_counter()
    bar: ProgressBar[int] | None = None

    def show(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            if time.perf_counter() - started < PROGRESS_AFTER or not sys.stderr.isatty():
                return
            bar = click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True, show_eta=False)
            bar.render_progress()
        bar.update(done - bar.pos)

    try:
        yield show
    finally:
        if bar is not None:
            bar.render_finish()


PROGRESS_AFTER = 1.0
"""Seconds of work before a progress line is worth showing."""
