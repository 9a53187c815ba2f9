"""Reading the author's files safely: inside the site folder, bounded in size, valid UTF-8."""

from __future__ import annotations

import fnmatch
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path

from attunement.diagnostics import Diagnostics, Location, line_col

MAX_SOURCE_BYTES = 2 * 1024 * 1024
"""A Markdown or YAML source larger than this is refused rather than parsed (nobody writes 2 MB by hand)."""
MARKDOWN_SUFFIXES = (".md", ".markdown")
"""The file name endings of Markdown sources: articles, pages, link targets and quiz body files."""


@dataclass(frozen=True)
class SourceFile:
    path: Path
    text: str

    @cached_property
    def digest(self) -> str:
        """A hash of the path and text (once per file read: `serve` keeps unchanged files between builds)."""
        return hashlib.blake2b(f"{self.path}\0{self.text}".encode(), digest_size=16).hexdigest()


def inside(root: Path, path: Path) -> bool:
    """True when `path`, after resolving symlinks, stays inside `root`."""
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def source_key(root: Path, path: Path) -> str:
    """A source's name in links, logs and the build cache: its path from the site's folder."""
    prefix = str(root) + "/"
    text = str(path)
    return text[len(prefix) :] if text.startswith(prefix) and "\\" not in text else path.relative_to(root).as_posix()


def list_files(root: Path, folder: Path, pattern: str, diags: Diagnostics) -> list[Path]:
    """Files under `folder` whose names match `pattern` (`*.md`; `**/` to look in sub-folders too), sorted.

    Symlinks leading outside the site are refused. Only links are resolved: resolving every path
    would cost more than the rest of a preview rebuild of a large site.
    """
    if not folder.is_dir():
        return []
    recursive, _, name_pattern = pattern.rpartition("/")
    real_root = root.resolve()
    found = []
    stack = [folder]
    while stack:
        current = stack.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                path = Path(entry.path)
                linked = entry.is_symlink()
                if linked and not inside(real_root, path):
                    if entry.is_file() and fnmatch.fnmatchcase(entry.name, name_pattern):
                        diags.error(
                            diags.location(path), "is a link to a file outside the site folder; it is not followed"
                        )
                    continue
                if entry.is_dir():
                    if recursive and not (linked and current.resolve().is_relative_to(path.resolve())):  # no link loops
                        stack.append(path)
                elif entry.is_file() and fnmatch.fnmatchcase(entry.name, name_pattern):
                    found.append(path)
    return sorted(found, key=lambda p: str(p).split("/"))  # the order of Path's own comparison, cheaper


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
    text = decode_text(data, partial(diags.location, path), diags)
    return SourceFile(path, text) if text is not None else None


def decode_text(data: bytes, locate: Callable[[int, int], Location], diags: Diagnostics) -> str | None:
    """UTF-8 `data` as text with plain newlines, or None after reporting (at `locate(line, col)`) why it is not text."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        valid = data[: exc.start].decode("utf-8")
        diags.error(locate(*line_col(valid, len(valid))), "file is not valid UTF-8 text (is it a binary file?)")
        return None
    if "\x00" in text:
        diags.error(locate(*line_col(text, text.index("\x00"))), "file contains a NUL byte; is it a binary file?")
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")
