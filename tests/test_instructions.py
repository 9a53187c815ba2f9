"""What Attunement tells a new user is true: the commands it prints work, the files it points to exist."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, attune

BARE_PATH = "/usr/bin:/bin"
"""A shell's PATH with no `attune` on it, as after `make site` without activating the environment."""


def run_printed(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, shell=True, cwd=cwd, text=True, capture_output=True, timeout=120, env={**os.environ, "PATH": BARE_PATH}
    )


@pytest.mark.parametrize("how", ["console script", "python -m"])
def test_new_site_prints_commands_that_work_without_attune_on_the_path(tmp_path: Path, how: str) -> None:
    target = tmp_path / "my site"
    program = (
        [str(Path(sys.executable).with_name("attune"))]
        if how == "console script"
        else [sys.executable, "-m", "attunement"]
    )
    created = subprocess.run(
        [*program, "new", "site", str(target)],
        text=True,
        capture_output=True,
        timeout=60,
        env={**os.environ, "PATH": BARE_PATH},
    )
    assert created.returncode == 0, created.stderr
    build = re.search(r"build it into its dist/ folder with: (.+)$", created.stdout, re.M)
    serve = re.search(r"Preview it with: cd (.+) && (.+) serve$", created.stdout, re.M)
    assert build and serve, created.stdout
    assert run_printed(f"cd {serve.group(1)}", tmp_path).returncode == 0, "the printed folder is quoted for a shell"
    result = run_printed(build.group(1), target)
    assert result.returncode == 0, (build.group(1), result.stderr)
    assert (target / "dist/index.html").is_file()


def test_a_new_site_has_the_quiz_guide_its_quiz_points_to_and_a_quizzes_link(tmp_path: Path) -> None:
    target = tmp_path / "fresh"
    assert attune("new", "site", str(target)).returncode == 0
    quiz = next((target / "quizzes").glob("*.yaml")).read_text(encoding="utf-8")
    guide = re.search(r"explained in (\S+\.md)", quiz.splitlines()[0])
    assert guide and (target / guide.group(1)).read_text() == (ROOT / "docs/quiz-format.md").read_text()
    assert attune("build", "--strict", cwd=target).returncode == 0
    nav = (target / "dist/index.html").read_text().split('<nav aria-label="Main">')[1].split("</nav>")[0]
    assert '<a href="quizzes/">Quizzes</a>' in nav

    other = tmp_path / "other"  # a site made by hand gets the guide with its first quiz
    (other / "site_src").mkdir(parents=True)
    (other / "site_src/site.yaml").write_text((target / "site_src/site.yaml").read_text())
    made = attune("new", "quiz", "trust", cwd=other)
    assert made.returncode == 0 and "docs/quiz-format.md" in made.stdout
    assert (other / "docs/quiz-format.md").is_file()


def test_a_new_article_says_it_is_a_draft_and_the_build_names_the_drafts_it_leaves_out(tmp_path: Path) -> None:
    target = tmp_path / "fresh"
    assert attune("new", "site", str(target)).returncode == 0
    made = attune("new", "article", "earned-security", cwd=target)
    assert made.returncode == 0 and "as a draft" in made.stdout and "draft: true" in made.stdout
    for _ in range(2):  # a full build, then one that answers from the cache
        built = attune("build", cwd=target)
        assert "Left out 1 draft: site_src/articles/earned-security.md" in built.stdout, built.stdout
    assert not (target / "dist/articles/earned-security").exists()


def test_the_readme_and_make_site_send_users_to_what_works() -> None:
    """`dist/` does not work from file://, so nothing says to open it from disk; serve and export site do."""
    readme = (ROOT / "README.md").read_text()
    make_site = (ROOT / "Makefile").read_text().split("\nsite:")[1].split("\n\n")[0]
    for text in (readme, make_site):
        assert not re.search(r"[Oo]pen `?dist/index\.html", text)
        assert "attune serve" in text and "attune export site" in text
