"""`attune build` and `attune check`."""

from __future__ import annotations

import time
from pathlib import Path

import click

from attunement.commands.options import output_option, progress_line, reporting_errors, site_option
from attunement.config.paths import Layout
from attunement.diagnostics import count_of


@click.command()
@site_option
@click.option(
    "--strict/--no-strict",
    default=None,
    help="Treat warnings (such as broken links) as errors. Default: site.yaml 'strict'.",
)
@output_option("Output folder", "site.yaml 'output_dir' (dist)", folder=True)
@click.option(
    "--clean/--no-clean",
    default=None,
    help="Ignore the build cache (.attune-cache/) and render every page. Default: reuse unchanged pages.",
)
@click.pass_obj
@reporting_errors
def build(layout: Layout, strict: bool | None, output: Path | None, clean: bool | None) -> None:
    """Build the site into the output folder, replacing it only when the build succeeds."""
    from attunement.incremental.cache import last_build

    started = time.perf_counter()
    last = last_build(layout, output, strict, clean=bool(clean))
    if last.current:  # answered before importing the renderer, which takes longer than this whole answer
        _report_build(
            last.cache.pages,
            time.perf_counter() - started,
            " (nothing changed)",
            last.cache.warnings,
            last.cache.drafts,
        )
        return
    from attunement.build import build as run_build

    with progress_line("Rendering pages") as progress:
        built = run_build(layout, output=output, strict=strict, clean=clean, last=last, progress=progress)
    kept = built.outputs - built.rendered
    _report_build(
        built.pages,
        built.seconds,
        f" ({kept} of {built.outputs} files unchanged)" if kept else "",
        built.warnings,
        built.drafts,
    )


def _report_build(pages: int, seconds: float, changes: str, warnings: list[str], drafts: list[str]) -> None:
    for line in warnings:
        click.echo(line, err=True)
    click.echo(f"Built {count_of(pages, 'page')} in {seconds:.2f} s{changes}")
    if drafts:
        click.echo(
            f"Left out {count_of(len(drafts), 'draft')}: {', '.join(drafts)} "
            "(delete a file's 'draft: true' line to publish it; 'attune serve' shows drafts)"
        )


@click.command()
@site_option
@click.pass_obj
@reporting_errors
def check(layout: Layout) -> None:
    """Validate everything `build --strict` validates, writing nothing."""
    from attunement.build import compile_site

    compiled = compile_site(layout, strict=True)
    for note in compiled.warnings:  # under --strict only notes are left: what a check could not decide
        click.echo(str(note), err=True)
    for code, sources in compiled.untranslated.items():
        if sources:
            click.echo(f"Not yet translated into '{code}' ({count_of(len(sources), 'source')}):", err=True)
            for source in sources:
                click.echo(f"  {source}", err=True)
    click.echo(f"No problems found in {count_of(compiled.pages, 'page')}")
