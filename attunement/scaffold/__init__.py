"""`attune new`: start an article, a quiz or a whole site from the packaged starter files."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

from attunement.config.paths import DOCS_DIR, STARTER_DIR, Layout
from attunement.config.schema import address_problem, title_from_slug
from attunement.diagnostics import BuildError

QUIZ_GUIDE = "docs/quiz-format.md"
"""Where a site keeps its copy of the quiz format guide (the starter quiz points there)."""


def _refuse(path: Path, message: str) -> BuildError:
    return BuildError.at(Path.cwd(), path, message)


def _create(path: Path, text: str) -> Path:
    if path.exists():
        raise _refuse(path, "already exists; choose another name")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _checked_slug(name: str, example: str) -> str:
    problem = address_problem(name, example)
    if problem:
        raise _refuse(Path(name), problem)
    return name


def new_article(layout: Layout, name: str) -> Path:
    text = (STARTER_DIR / "article.md").read_text(encoding="utf-8")
    text = text.format(
        title=title_from_slug(_checked_slug(name, "earned-security")), date=datetime.date.today().isoformat()
    )
    return _create(layout.articles / f"{name}.md", text)


def new_quiz(layout: Layout, name: str) -> Path:
    """The quiz, and the guide to its format that its first line points to (unless the site has one)."""
    text = (STARTER_DIR / "quiz.yaml").read_text(encoding="utf-8")
    text = text.replace("{id}", _checked_slug(name, "closeness")).replace("{title}", title_from_slug(name))
    created = _create(layout.quizzes / f"{name}.yaml", text)
    guide = layout.root / QUIZ_GUIDE
    if not guide.exists():
        _create(guide, (DOCS_DIR / "quiz-format.md").read_text(encoding="utf-8"))
    return created


def new_site(directory: Path) -> None:
    if directory.exists() and any(directory.iterdir()):
        raise _refuse(directory, "is not empty; 'attune new site' only writes into a new or empty folder")
    shutil.copytree(STARTER_DIR / "site", directory, dirs_exist_ok=True)
    new_quiz(Layout(directory), "closeness-and-distance")
