"""Reading the author's files safely: inside the site folder, bounded in size, valid UTF-8."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostics

MAX_SOURCE_BYTES = 2 * 1024 * 1024
"""A Markdown or YAML source larger than this is refused rather than parsed (nobody writes 2 MB by hand)."""


@dataclass(frozen=True)
class SourceFile:
    path: Path
    text: str


def inside(root: Path, path: Path) -> bool:
    """True when `path`, after resolving symlinks, stays inside `root`."""
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def list_files(root: Path, folder: Path, pattern: str, diags: Diagnostics) -> list[Path]:
    """Files under `folder` matching `pattern`, sorted; symlinks leading outside the site are refused."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob(pattern)):
        if not path.is_file():
            continue
        if not inside(root, path):
            diags.error(diags.location(path), "is a link to a file outside the site folder; it is not followed")
            continue
        found.append(path)
    return found


def read_source(path: Path, diags: Diagnostics) -> SourceFile | None:
    """The file's text, or None after reporting why it cannot be used."""
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            diags.error(diags.location(path), f"file is {size:,} bytes; sources are limited to {MAX_SOURCE_BYTES:,}")
            return None
        data = path.read_bytes()
    except OSError as exc:
        diags.error(diags.location(path), f"cannot read file: {exc.strerror or exc}")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        diags.error(diags.location(path, line, col), "file is not valid UTF-8 text (is it a binary file?)")
        return None
    if "\x00" in text:
        diags.error(diags.location(path, *_line_col(text, text.index("\x00"))), "file contains a NUL byte; is it a binary file?")
        return None
    return SourceFile(path, text.removeprefix("\ufeff").replace("\r\n", "\n"))


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
