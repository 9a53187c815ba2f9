"""Splitting a Markdown file into its YAML front matter and its body, keeping line numbers."""

from __future__ import annotations

from dataclasses import dataclass

from attunement.diagnostics import Diagnostics
from attunement.files.sources import SourceFile


@dataclass(frozen=True)
class Split:
    front_matter: str
    body: str
    body_line: int
    """File line (1-based) on which the body starts."""


def split(source: SourceFile, diags: Diagnostics) -> Split | None:
    """Front matter is required: it carries at least the title. None after reporting why it is missing."""
    lines = source.text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        diags.error(
            diags.location(source.path),
            "missing front matter: start the file with '---', then 'title: ...', then '---'",
        )
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return Split("\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2)
    diags.error(diags.location(source.path), "front matter opened with '---' on line 1 is never closed by a '---' line")
    return None
