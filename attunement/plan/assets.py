"""How pages reference the theme's CSS, JS and icon, for each place the output will be opened.

- `site`: served over HTTP; assets are files, scripts are ES modules.
- `files`: opened from disk (`file://`, the site archive); browsers refuse module scripts there, so
  each entry script is bundled into a classic script.
- `single`: one self-contained HTML file; CSS and the bundled script are inlined and allowed by
  their hashes in the Content-Security-Policy, which never needs `'unsafe-inline'`.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal

import rcssmin
import rjsmin
from markupsafe import Markup, escape

from attunement.content.urls import Linker
from attunement.plan.bundle import bundle

Target = Literal["site", "files", "single"]
"""Where the output will be opened (the one name for it: `target`)."""

SITE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@dataclass
class Assets:
    dirs: list[Path]
    target: Target = "site"
    inline_scripts: tuple[str, ...] = ("standalone.js",)
    """The entry scripts a single-file page may run (their hashes go into its policy)."""
    _bundles: dict[str, str] = field(default_factory=dict)

    @property
    def explicit_index(self) -> bool:
        return self.target != "site"

    def find(self, name: str) -> Path:
        """The site's own copy of an asset (templates/static/) wins over the theme's."""
        for folder in self.dirs:
            if (folder / name).is_file():
                return folder / name
        raise FileNotFoundError(name)

    def bundled(self, entry: str) -> str:
        if entry not in self._bundles:
            self._bundles[entry] = rjsmin.jsmin(bundle(entry, self.find))
        return self._bundles[entry]

    @cached_property
    def css(self) -> str:
        return rcssmin.cssmin(self.find("site.css").read_text(encoding="utf-8"))

    def csp(self) -> str:
        if self.target != "single":
            return SITE_CSP
        scripts = " ".join(_sha256(self.bundled(e)) for e in self.inline_scripts)
        return (
            f"default-src 'none'; script-src {scripts}; style-src {_sha256(self.css)}; img-src data:; "
            "base-uri 'none'; form-action 'none'"
        )

    def stylesheet(self, url: Linker) -> Markup:
        if self.target == "single":
            return Markup(f"<style>{self.css}</style>")
        return Markup(f'<link rel="stylesheet" href="{escape(url("assets/site.css"))}">')

    def icon(self, url: Linker) -> Markup:
        if self.target == "single":
            data = base64.b64encode(self.find("favicon.svg").read_bytes()).decode()
            return Markup(f'<link rel="icon" href="data:image/svg+xml;base64,{data}" type="image/svg+xml">')
        return Markup(f'<link rel="icon" href="{escape(url("assets/favicon.svg"))}" type="image/svg+xml">')

    def script(self, url: Linker, entry: str) -> Markup:
        if self.target == "single":
            return Markup(f"<script>{self.bundled(entry)}</script>")
        if self.target == "files":
            return Markup(f'<script src="{escape(url("assets/" + classic_name(entry)))}" defer></script>')
        return Markup(f'<script type="module" src="{escape(url("assets/" + entry))}"></script>')


def minified(file: Path) -> bytes | None:
    """A theme script or stylesheet as readers download it, without comments and spaces (rjsmin and rcssmin read
    strings and regular expressions as such, so nothing inside them changes); None for other files."""
    if file.suffix == ".js":
        return rjsmin.jsmin(file.read_text(encoding="utf-8")).encode()
    if file.suffix == ".css":
        return rcssmin.cssmin(file.read_text(encoding="utf-8")).encode()
    return None


def classic_name(entry: str) -> str:
    return entry.removesuffix(".js") + ".classic.js"
