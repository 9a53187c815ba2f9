"""Offline exports: one quiz as a single self-contained HTML file, and the whole site as a zip for `file://`."""

from __future__ import annotations

import zipfile
from pathlib import Path

from attunement.build import compile_site
from attunement.config.paths import Layout
from attunement.diagnostics import BuildError, did_you_mean
from attunement.files.writer import replace_file
from attunement.pool import Progress

ZIP_TIME = (2000, 1, 1, 0, 0, 0)
"""Fixed member times, so the same site always exports to the same bytes."""


def export_quiz(
    layout: Layout, quiz_id: str, dest: Path, language: str | None = None, progress: Progress | None = None
) -> int:
    """Write the quiz, its scoring key, every result and the plot inlined into `dest`, in `language` (default: the
    site's); returns its size."""
    compiled = compile_site(layout, target="single", language=language, progress=progress)
    by_name = {o.path.removesuffix(".html"): o for o in compiled.outputs}
    if quiz_id not in by_name:
        raise BuildError.at(
            layout.root, layout.quizzes / f"{quiz_id}.yaml", f"no quiz '{quiz_id}'{did_you_mean(quiz_id, by_name)}"
        )
    content = by_name[quiz_id].content
    assert content is not None
    replace_file(dest, content)
    return len(content)


def export_site(layout: Layout, dest: Path, language: str | None = None, progress: Progress | None = None) -> int:
    """Zip the site built for `file://` (links name index.html files, scripts are classic), every language or only
    `language` (at the root); returns its size."""
    compiled = compile_site(layout, target="files", language=language, progress=progress)
    folder = dest.name.removesuffix(".zip") or "site"

    def write(path: Path) -> None:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for out in sorted(compiled.outputs, key=lambda o: o.path):
                info = zipfile.ZipInfo(f"{folder}/{out.path}", ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, out.read())

    replace_file(dest, write)
    return dest.stat().st_size
