"""The Nu HTML checker (vnu-jar, on Java) over every generated file: zero errors."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import FIXTURES, ROOT, attune

VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"


def vnu_errors(*folders: Path) -> str:
    assert VNU.is_file(), "vnu-jar is missing: run `make test`, which installs it"
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--skip-non-html",
            "--also-check-css",
            "--also-check-svg",
            "--format",
            "gnu",
            *map(str, folders),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return (result.stdout + result.stderr).strip()


def test_bundled_site_and_fixture_sites_are_valid_html(bundled_dist: Path, tmp_path: Path) -> None:
    folders = [bundled_dist]
    for site in [*sorted(FIXTURES.glob("*/site")), FIXTURES / "hostile"]:
        out = tmp_path / site.relative_to(FIXTURES).parts[0]
        assert attune("build", "-o", str(out), cwd=site).returncode == 0
        folders.append(out)
    exported = tmp_path / "exported"
    assert attune("export", "quiz", "attachment-style", "-o", str(exported / "quiz.html"), cwd=ROOT).returncode == 0
    folders.append(exported)
    assert len(list(bundled_dist.rglob("*.html"))) > 30
    assert vnu_errors(*folders) == ""


def test_the_checker_does_catch_errors(tmp_path: Path) -> None:
    (tmp_path / "bad.html").write_text("<!doctype html><html lang=en><title>x</title><p><div></p>")
    assert "error" in vnu_errors(tmp_path)
