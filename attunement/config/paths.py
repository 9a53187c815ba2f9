"""Where things are: a site's sources (`Layout`), and the folders Attunement ships (theme, guides, starter, overlay)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).parent.parent
"""The package's code (with, when installed, the theme and the guides inside it)."""


def _shipped(installed: str, working_copy: str) -> Path:
    """A folder shipped with Attunement: package data when installed (`attunement/<installed>/`), the repository's
    top-level folder in a working copy, its one home (pyproject.toml maps one onto the other)."""
    packaged = PACKAGE_DIR / installed
    return packaged if packaged.is_dir() else PACKAGE_DIR.parent / working_copy


THEME_DIR = _shipped("theme", "templates")
"""The default theme: Jinja templates, `static/` (CSS, JS, icon) and `root/` (files published at the site's root).
A site's own `templates/` overrides it file by file."""
ROOT_FILES_DIR = THEME_DIR / "root"
"""Theme files published at the site's root (`embed.js`, the loader other sites paste)."""
DOCS_DIR = _shipped("docs", "docs")
"""The guides for authors (the quiz format); `attune new` gives a site its own copy."""
STARTER_DIR = PACKAGE_DIR / "scaffold/starter"
"""What `attune new` copies: a whole starter site, and a first article and quiz."""
OVERLAY_DIR = PACKAGE_DIR / "serve"
"""The script and style `attune serve` adds to show build errors over the page."""
THEME_FOLDERS = ("static/", "root/")
"""Folders of a templates directory that hold files to publish, not templates."""


def is_template(name: str) -> bool:
    """Whether a file of a templates directory is a Jinja template (rather than a file to publish)."""
    return not name.startswith(THEME_FOLDERS)


@dataclass(frozen=True)
class Layout:
    root: Path

    @property
    def site_src(self) -> Path:
        return self.root / "site_src"

    @property
    def config_file(self) -> Path:
        return self.site_src / "site.yaml"

    @property
    def articles(self) -> Path:
        return self.site_src / "articles"

    @property
    def pages(self) -> Path:
        return self.site_src / "pages"

    @property
    def static(self) -> Path:
        return self.site_src / "static"

    @property
    def quizzes(self) -> Path:
        return self.root / "quizzes"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    def template_dirs(self) -> list[Path]:
        """Template search path: the site's overrides first, then the packaged theme."""
        own = [self.templates] if self.templates.is_dir() and self.templates.resolve() != THEME_DIR.resolve() else []
        return own + [THEME_DIR]

    def asset_dirs(self) -> list[Path]:
        """Theme assets (CSS, JS, icons), the site's `templates/static/` winning over the theme's."""
        own = [self.templates / "static"] if (self.templates / "static").is_dir() else []
        return list(dict.fromkeys(own + [THEME_DIR / "static"]))
