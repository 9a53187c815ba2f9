"""The installed package: the theme and guides ship inside it, from their one home in the repository."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

from attunement.plan.assets import minified

SKIP = {
    ".git",
    ".venv",
    "node_modules",
    "dist",
    "build",
    ".attune-cache",
    ".pytest_cache",
    ".hypothesis",
    "__pycache__",
}
"""Folders that are made, not written: installs, builds and caches (all git-ignored)."""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("wheel")
    source = out / "source"  # a copy: building writes build/ and *.egg-info/ beside the sources
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*SKIP, "build", "*.egg-info"))
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(source)],
        text=True,
        capture_output=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    return next(out.glob("attunement-*.whl")), built.stdout + built.stderr


def test_the_wheel_builds_without_warnings_and_carries_the_theme_and_guides(wheel: tuple[Path, str]) -> None:
    path, log = wheel
    assert "Warning" not in log, log
    names = set(zipfile.ZipFile(path).namelist())
    theme = {
        f"attunement/theme/{p.relative_to(ROOT / 'templates').as_posix()}"
        for p in (ROOT / "templates").rglob("*")
        if p.is_file()
    }
    assert theme and theme <= names
    assert "attunement/docs/quiz-format.md" in names
    assert {"attunement/theme/base.html", "attunement/theme/static/site.css", "attunement/theme/root/embed.js"} <= names


def test_the_installed_package_starts_and_builds_a_site_anywhere(wheel: tuple[Path, str], tmp_path: Path) -> None:
    """Not the working copy: the wheel's files, imported without the editable install (`python -S`)."""
    target = tmp_path / "installed"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(target), str(wheel[0])],
        check=True,
        capture_output=True,
        timeout=300,
    )
    program = (
        f"import sys; sys.path[:0] = [{str(target)!r}, {sysconfig.get_paths()['purelib']!r}]; "
        "import attunement.config.paths as l; assert l.THEME_DIR.is_relative_to(sys.path[0]), l.THEME_DIR; "
        "from attunement.commands import main; main()"
    )
    site = tmp_path / "elsewhere" / "site"
    for args, cwd in ((["new", "site", str(site)], tmp_path), (["build", "--strict"], site)):
        result = subprocess.run(
            [sys.executable, "-S", "-c", program, *args], cwd=cwd, text=True, capture_output=True, timeout=120
        )
        assert result.returncode == 0, result.stderr
    assert (site / "dist/assets/site.css").read_bytes() == minified(ROOT / "templates/static/site.css")
    assert (site / "docs/quiz-format.md").is_file()


def test_the_theme_has_one_home_in_the_repository() -> None:
    """templates/ holds the bundled theme; no second copy of any of its files lives anywhere else."""
    assert not (ROOT / "attunement/theme").exists()
    theme = {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in (ROOT / "templates").rglob("*") if p.is_file()}
    copies = [
        p
        for p in _files(ROOT)
        if not p.is_relative_to(ROOT / "templates") and hashlib.sha256(p.read_bytes()).hexdigest() in theme
    ]
    assert copies == []


def _files(folder: Path) -> list[Path]:
    found = []
    for path in folder.iterdir():
        if path.name in SKIP or path.is_symlink():
            continue
        found += _files(path) if path.is_dir() else [path]
    return found
