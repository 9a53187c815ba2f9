"""Errors and warnings about the author's files, reported as `path:line:col: message`.

Every stage reports into one `Diagnostics` collector instead of raising on the first problem, so an
author sees every mistake of a run at once; the build stops between stages when any error is present.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal, NamedTuple

Severity = Literal["error", "warning", "note"]


class Location(NamedTuple):
    """A point in a source file; line and column count from 1. (A named tuple: a build's cache holds tens of
    thousands, one per link, made quickly.)"""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


def line_col(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of `offset` in `text`, for parsers that only say how far they got."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


@dataclass(frozen=True)
class Diagnostic:
    where: Location
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        """One line, whatever the author's names and values in it hold (`\\n`, `\\u202e` are written as escapes)."""
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        line = f"{self.where}: {prefix}{self.message}"
        return line if line.isprintable() else "".join(c if c.isprintable() else repr(c)[1:-1] for c in line)


@dataclass
class Diagnostics:
    """Collects diagnostics for one run; paths are shown relative to the site root."""

    root: Path
    strict: bool = False
    """Under --strict (and in `attune check`) every warning is an error."""
    items: list[Diagnostic] = field(default_factory=list)
    _shown: dict[str, str] = field(default_factory=dict, repr=False)
    """Each path's shown form, worked out once (resolving paths is slow, and links ask for thousands)."""

    def location(self, path: Path | str, line: int = 1, col: int = 1) -> Location:
        key = str(path)
        if key not in self._shown:
            prefix = str(self._real_root) + "/"
            if key.startswith(prefix) and "/.." not in key:  # the common case, without the cost of pathlib
                self._shown[key] = key[len(prefix) :]
            else:
                p = Path(path).resolve() if Path(path).resolve().is_relative_to(self._real_root) else Path(path)
                self._shown[key] = (
                    p.relative_to(self._real_root) if p.is_relative_to(self._real_root) else p
                ).as_posix()
        return Location(self._shown[key], line, col)

    @cached_property
    def _real_root(self) -> Path:
        return self.root.resolve()

    def error(self, where: Location, message: str) -> None:
        self.items.append(Diagnostic(where, message, "error"))

    def warning(self, where: Location, message: str) -> None:
        self.items.append(Diagnostic(where, message, "error" if self.strict else "warning"))

    def note(self, where: Location, message: str) -> None:
        """Something the author should know that is no fault (so --strict leaves it alone): what a check could not
        decide, for instance."""
        self.items.append(Diagnostic(where, message, "note"))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise BuildError(self.sorted())

    def sorted(self) -> list[Diagnostic]:
        """Errors grouped by file and ordered by position, each reported once."""
        return sorted(set(self.items), key=lambda d: (d.where, d.severity, d.message))


class BuildError(Exception):
    """The author's input has errors; carries every diagnostic of the run."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(f"{sum(d.severity == 'error' for d in diagnostics)} error(s)")
        self.diagnostics = diagnostics

    @classmethod
    def at(cls, root: Path, path: Path | str, message: str) -> BuildError:
        """One error about a whole file or folder, shown relative to the site's folder `root` when inside it."""
        return cls([Diagnostic(Diagnostics(root).location(path), message)])


def count_of(count: int, noun: str) -> str:
    """`1 error`, `2 errors`: a count with its noun (nouns here all take a plain -s)."""
    return f"{count} {noun}{'s' * (count != 1)}"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' suffix for a near miss, or '' when nothing is close."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
