"""Where a site's sources live: `site_src/`, `quizzes/` and optional `templates/` side by side."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

THEME_DIR = Path(__file__).parent / "theme"
"""The packaged default theme; a site's own templates/ overrides it file by file."""


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
        own = [self.templates] if self.templates.is_dir() else []
        return own + [THEME_DIR / "templates"]

    def asset_dirs(self) -> list[Path]:
        """Theme assets (CSS, JS, icons), the site's `templates/static/` winning over the theme's."""
        own = [self.templates / "static"] if (self.templates / "static").is_dir() else []
        return own + [THEME_DIR / "static"]
