"""`attune serve`."""

from __future__ import annotations

import click

from attunement.commands.options import reporting_errors, site_option
from attunement.config.paths import Layout
from attunement.diagnostics import Diagnostics


@click.command()
@site_option
@click.option("--host", default=None, help="Address to listen on. Default: site.yaml 'serve.host' (127.0.0.1).")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=None, help="Port. Default: site.yaml 'serve.port' (8000)."
)
@click.pass_obj
@reporting_errors
def serve(layout: Layout, host: str | None, port: int | None) -> None:
    """Preview the site, drafts included, rebuilding and reloading the browser as files change."""
    from attunement.config.settings import ServeOptions, load_config, override
    from attunement.serve.server import serve_site

    config = load_config(layout, Diagnostics(layout.root))  # a broken site.yaml is shown in the browser
    options = override(config.serve if config else ServeOptions(), host=host, port=port)
    serve_site(layout, options.host, options.port)
