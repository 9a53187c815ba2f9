"""Atomic output: the site is written to a fresh folder beside the target and swapped in only when complete."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Protocol


class Writable(Protocol):
    @property
    def path(self) -> str: ...
    @property
    def content(self) -> bytes | None: ...
    @property
    def file(self) -> Path | None: ...


def write_tree(outputs: Iterable[Writable], folder: Path) -> None:
    """Write outputs below `folder`; an output path can never leave it.

    A file kept from the previous build (`link`) is hard-linked rather than copied: the old folder
    is deleted after the swap, so the link is the only name left and nothing is shared.
    """
    base = folder.resolve()
    made: set[Path] = set()
    for out in outputs:
        relative = os.path.normpath(out.path)
        if os.path.isabs(relative) or relative == ".." or relative.startswith("../"):
            raise ValueError(f"refusing to write outside the output folder: {out.path}")
        target = base / relative
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if out.content is not None:
            target.write_bytes(out.content)
        elif out.file is not None:
            if getattr(out, "link", False):
                try:
                    os.link(out.file, target)
                    continue
                except OSError:
                    pass
            shutil.copyfile(out.file, target)


def replace_atomically(outputs: Iterable[Writable], dest: Path) -> None:
    """Build into `.<name>.new-*` next to `dest`, then swap; a failure leaves `dest` as it was."""
    dest = dest.resolve()
    dest.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{dest.name}.new-", dir=dest.parent))
    try:
        write_tree(outputs, fresh)
        os.chmod(fresh, 0o755)
        if dest.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.old-", dir=dest.parent))
            dest.rename(old / dest.name)
            fresh.rename(dest)
            shutil.rmtree(old, ignore_errors=True)
        else:
            fresh.rename(dest)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise


def replace_file(dest: Path, content: bytes | Callable[[Path], None]) -> None:
    """Write one file atomically: to a temporary file beside `dest`, renamed over it only when complete."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{dest.name}.", dir=dest.parent)
    temp = Path(name)
    try:
        with os.fdopen(handle, "wb") as file:
            if isinstance(content, bytes):
                file.write(content)
        if not isinstance(content, bytes):
            content(temp)
        os.chmod(temp, 0o644)
        os.replace(temp, dest)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
