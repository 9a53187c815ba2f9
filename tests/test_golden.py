"""Golden output: whole fixture sites built by the real CLI and compared file by file.

Refresh after an intended change with `make golden` (pytest tests/test_golden.py --update-golden),
then review the diff of tests/fixtures/*/expected/ like any other change.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, attune, snapshot

SITES = sorted(p.parent.name for p in FIXTURES.glob("*/site"))


@pytest.mark.parametrize("name", SITES)
def test_fixture_site_matches_golden_output(name: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    out = tmp_path / "dist"
    result = attune("build", "-o", str(out), cwd=FIXTURES / name / "site")
    assert result.returncode == 0, result.stderr
    expected_dir = FIXTURES / name / "expected"
    if request.config.getoption("--update-golden"):
        shutil.rmtree(expected_dir, ignore_errors=True)
        shutil.copytree(out, expected_dir)
    expected = snapshot(expected_dir)
    actual = snapshot(out)
    assert sorted(actual) == sorted(expected), "the set of output files changed"
    for path in expected:
        assert actual[path].decode() == expected[path].decode(), f"{path} differs from the golden copy"


def test_golden_fixtures_exist() -> None:
    assert SITES == ["basics", "theme-override"]
