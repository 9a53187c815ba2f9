"""The build, flowing one way: load -> validate -> render -> write."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .assets import Assets, Kind
from .config import SiteConfig, load_config, override
from .diagnostics import BuildError, Diagnostic, Diagnostics
from .layout import Layout
from .links import render_markdown
from .render import Output, make_environment, render_routes
from .routes import plan
from .site import load_site
from .writer import replace_atomically


@dataclass
class Compiled:
    config: SiteConfig
    outputs: list[Output]
    warnings: list[Diagnostic] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return sum(o.path.endswith(".html") for o in self.outputs)


def compile_site(layout: Layout, *, strict: bool | None = None, include_drafts: bool = False,
                 target: Kind = "site") -> Compiled:
    """Everything but writing; raises BuildError carrying every diagnostic when the input has errors.

    `target` says where the output will be opened: a web server, files on disk, or one file (see assets.py).
    """
    diags = Diagnostics(layout.root)
    config = load_config(layout, diags)
    diags.raise_if_errors()
    assert config is not None
    config = override(config, strict=strict)
    diags.strict = config.strict
    site = load_site(layout, config, diags, include_drafts=include_drafts)
    env = make_environment(site)
    assets = Assets(layout.asset_dirs(), target)
    routes = plan(site, env.list_templates(), assets, diags)
    diags.raise_if_errors()
    links = render_markdown(site, routes, diags, explicit_index=assets.explicit_index)
    outputs = render_routes(site, routes, env, links, assets, diags)
    diags.raise_if_errors()
    return Compiled(config, outputs, diags.sorted())


@dataclass
class Built:
    compiled: Compiled
    output_dir: Path
    seconds: float


def build(layout: Layout, *, output: Path | None = None, strict: bool | None = None,
          include_drafts: bool = False) -> Built:
    started = time.perf_counter()
    compiled = compile_site(layout, strict=strict, include_drafts=include_drafts)
    dest = output if output is not None else layout.root / compiled.config.output_dir
    _refuse_unsafe_output(layout, dest)
    replace_atomically(compiled.outputs, dest)
    return Built(compiled, dest, time.perf_counter() - started)


def _refuse_unsafe_output(layout: Layout, dest: Path) -> None:
    """Replacing the output folder deletes it: never let that be the site or a folder holding it."""
    target = dest.resolve()
    for precious in (layout.root, layout.site_src, layout.quizzes, layout.templates):
        p = precious.resolve()
        if target == p or p.is_relative_to(target) or (target.is_relative_to(p) and p != layout.root.resolve()):
            raise BuildError([Diagnostic(Diagnostics(layout.root).location(dest), f"refusing to write the site into '{dest}': "
                                         "it would replace your sources; choose a separate output folder")])
