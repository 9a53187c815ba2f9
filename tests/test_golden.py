"""Golden output: whole fixture sites built by the real CLI and compared file by file.

Refresh after an intended change with `make golden` (pytest tests/test_golden.py --update-golden),
then review the diff of tests/fixtures/*/expected/ like any other change. Files the build copies
from files (theme assets; scripts and styles minified) are compared with their sources instead of
stored again; embed.js, which the build fills with each quiz's languages, is stored.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, attune, snapshot

from attunement.config.paths import Layout
from attunement.plan.assets import minified


def copied_sources(site: Path) -> dict[str, Path]:
    """Output paths the build copies from files (the site's own assets winning over the theme's)."""
    sources: dict[str, Path] = {}
    for folder in reversed(Layout(site).asset_dirs()):
        sources.update({"assets/" + f.relative_to(folder).as_posix(): f for f in folder.rglob("*") if f.is_file()})
    return sources


SITES = sorted(p.parent.name for p in FIXTURES.glob("*/site"))


@pytest.mark.parametrize("engine", ["fast", "reference"])
@pytest.mark.parametrize("name", SITES)
def test_fixture_site_matches_golden_output(
    name: str, engine: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Both Markdown engines give the same golden output: the fast one (the default), and markdown-it-py alone."""
    out = tmp_path / "dist"
    site = FIXTURES / name / "site"
    if engine == "reference":
        site = shutil.copytree(site, tmp_path / "site")
        with (site / "site_src" / "site.yaml").open("a") as config:
            config.write("markdown:\n  engine: reference\n")
    result = attune("build", "-o", str(out), cwd=site)
    assert result.returncode == 0, result.stderr
    copied = copied_sources(site)
    actual = snapshot(out)
    for path, source in copied.items():
        published = minified(source) or source.read_bytes()
        assert actual.pop(path) == published, f"{path} is not {source} as published"
    expected_dir = FIXTURES / name / "expected"
    if request.config.getoption("--update-golden") and engine == "fast":
        shutil.rmtree(expected_dir, ignore_errors=True)
        for path, content in actual.items():
            (expected_dir / path).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / path).write_bytes(content)
    expected = snapshot(expected_dir)
    assert sorted(actual) == sorted(expected), "the set of output files changed"
    for path in expected:
        assert actual[path].decode() == expected[path].decode(), f"{path} differs from the golden copy"


def test_golden_fixtures_exist() -> None:
    assert SITES == ["basics", "languages", "theme-override"]
