"""`attune new`: start an article, a quiz or a whole site from the packaged starter files."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

from .diagnostics import BuildError, Diagnostic, Location
from .layout import DOCS_DIR, Layout
from .schema import SLUG_RE

STARTER = Path(__file__).parent / "starter"
QUIZ_GUIDE = "docs/quiz-format.md"
"""Where a site keeps its copy of the quiz format guide (the starter quiz points there)."""


def _refuse(path: Path, message: str) -> BuildError:
    return BuildError([Diagnostic(Location(str(path)), message)])


def _title(name: str) -> str:
    return name.replace("-", " ").capitalize()


def _create(path: Path, text: str) -> Path:
    if path.exists():
        raise _refuse(path, "already exists; choose another name")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _slug(name: str) -> str:
    if not SLUG_RE.fullmatch(name):
        raise _refuse(Path(name), f"'{name}' cannot be a web address: use lowercase letters, digits and single hyphens")
    return name


def new_article(layout: Layout, name: str) -> Path:
    text = (STARTER / "article.md").read_text(encoding="utf-8")
    text = text.format(title=_title(_slug(name)), date=datetime.date.today().isoformat())
    return _create(layout.articles / f"{name}.md", text)


def new_quiz(layout: Layout, name: str) -> Path:
    """The quiz, and the guide to its format that its first line points to (unless the site has one)."""
    text = (STARTER / "quiz.yaml").read_text(encoding="utf-8").replace("{id}", _slug(name)).replace("{title}", _title(name))
    created = _create(layout.quizzes / f"{name}.yaml", text)
    guide = layout.root / QUIZ_GUIDE
    if not guide.exists():
        _create(guide, (DOCS_DIR / "quiz-format.md").read_text(encoding="utf-8"))
    return created


def new_site(directory: Path) -> None:
    if directory.exists() and any(directory.iterdir()):
        raise _refuse(directory, "is not empty; 'attune new site' only writes into a new or empty folder")
    shutil.copytree(STARTER / "site", directory, dirs_exist_ok=True)
    new_quiz(Layout(directory), "closeness-and-distance")
