"""YAML that remembers where each key and value stands, so schema errors can name a line and column.

PyYAML's composer already knows the marks of every node; we keep them in a map from the path of
keys and indexes (the same shape as a pydantic error's `loc`) to a 1-based (line, col).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from attunement.diagnostics import Diagnostics, Location, line_col
from attunement.files.sources import SourceFile

Path_ = tuple[Any, ...]


@dataclass
class Positions:
    """Where things are in one YAML document; `line_offset` shifts front matter to file lines."""

    file: str
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    line_offset: int = 0

    def at(self, loc: Path_, *, key: bool = False) -> tuple[int, int]:
        """Position of `loc`, or of its nearest ancestor that exists (a missing key points at its parent)."""
        loc = tuple(loc)
        if key and loc in self.keys:
            line, col = self.keys[loc]
            return line + self.line_offset, col
        while loc and loc not in self.values:
            loc = loc[:-1]
        line, col = self.values.get(loc, (1, 1))
        return line + self.line_offset, col

    def location(self, loc: Path_, *, key: bool = False) -> Location:
        return Location(self.file, *self.at(loc, key=key))


class _Refused(Exception):
    """The document cannot be used; each problem is reported at its mark."""

    def __init__(self, problems: list[tuple[yaml.Mark, str]]):
        super().__init__(problems[0][1])
        self.problems = problems


_READ_AS = {"bool": "true or false", "int": "a whole number", "float": "a number", "timestamp": "a date"}
"""The scalar types whose constructors can fail on the text they are given (`!!int many`, 2026-02-30)."""


class _ReadsScalars:
    """For both loaders: a scalar its type cannot hold (2026-02-30, `!!int many`) is noted at its mark, to be
    reported with every other one of the document, instead of escaping as a bare Python error."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)  # type: ignore[call-arg]  # the loader's own __init__, next in line
        self.unreadable: list[tuple[yaml.Mark, str]] = []

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for kind in _READ_AS:  # add_constructor gives `cls` its own table: PyYAML's classes stay as they are
            tag = f"tag:yaml.org,2002:{kind}"
            # A mixin: the loader class it is mixed into has add_constructor and yaml_constructors.
            cls.add_constructor(tag, _noting_failures(cls.yaml_constructors[tag]))  # type: ignore[attr-defined]


def _noting_failures(construct: Callable[[Any, yaml.Node], Any]) -> Callable[[Any, yaml.Node], Any]:
    def construct_or_note(loader: Any, node: yaml.Node) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, LookupError, AttributeError) as exc:  # int('many'), {'yes': True}['maybe'], no regex match
            loader.unreadable.append((node.start_mark, _unreadable(node, exc)))
            return node.value  # a stand-in: the document is refused once constructed

    return construct_or_note


def _unreadable(node: yaml.Node, exc: Exception) -> str:
    text = node.value if len(node.value) <= 40 else node.value[:40] + "…"
    kind = node.tag.rpartition(":")[2]
    if kind == "timestamp" and isinstance(exc, ValueError):  # shaped like a date, but no such day or time
        what = "date and time" if len(node.value) > len("2026-01-31") else "date"
        reason = str(exc).replace(" must be in ", " must be ")
        if reason.startswith("offset"):
            reason = "the time zone must be less than 24 hours from UTC"
        return f"'{text}' is not a real {what} ({reason})"
    return f"'{text}' cannot be read as {_READ_AS[kind]}"


MAX_DEPTH = 50
"""Collections nested deeper than this are refused: no schema comes close, and composing them recurses.
(A collection's depth is the length of its path: the document's own is 0.)"""
_TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep; no setting needs that many"


class _Loader(_ReadsScalars, yaml.SafeLoader):
    """Refuses aliases where they stand (they are rarely needed by hand and can expand exponentially), and
    nesting beyond MAX_DEPTH before its recursion runs out of Python's stack."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            raise _Refused(
                [(self.peek_event().start_mark, "YAML anchors and aliases are not supported; write the value out")]
            )
        if self.depth >= MAX_DEPTH and self.check_event(yaml.CollectionStartEvent):
            raise _Refused([(self.peek_event().start_mark, _TOO_DEEP)])
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


_FastLoader: type[yaml.SafeLoader] | None = (
    type("_FastLoader", (_ReadsScalars, yaml.CSafeLoader), {}) if hasattr(yaml, "CSafeLoader") else None
)
"""libyaml's parser, when PyYAML was built with it: several times faster than the pure-Python one."""
_FAST_MAX_BRACKETS = 5_000
"""libyaml composes recursively in C, and flow collections nested some 20,000 deep overflow its stack: a crash,
not an error. Text with more opening brackets than this (no one writes that many) goes to the pure-Python loader."""


def _load(loader_class: type[yaml.SafeLoader], text: str, positions: Positions) -> Any:
    loader = loader_class(text)
    assert isinstance(loader, _ReadsScalars)  # both loaders are (see _Loader and _FastLoader)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _walk(loader, node, (), positions, set())
        data = loader.construct_document(node)
        if loader.unreadable:
            raise _Refused(loader.unreadable)
        return data
    finally:
        loader.dispose()


def load_yaml(
    source: SourceFile, diags: Diagnostics, *, line_offset: int = 0, text: str | None = None
) -> tuple[Any, Positions] | None:
    """Parse `text` (default: the whole file) safely; None after reporting a syntax error.

    libyaml parses first; anything it or the walk objects to is parsed again by the pure-Python
    loader, which sees alias events where they stand and so reports every problem at its place.
    """
    text = source.text if text is None else text
    positions = Positions(diags.location(source.path).path, line_offset=line_offset)
    if _FastLoader is not None and text.count("[") + text.count("{") <= _FAST_MAX_BRACKETS:
        try:
            return _load(_FastLoader, text, positions), positions
        except (yaml.YAMLError, _Refused):
            positions = Positions(positions.file, line_offset=line_offset)
    try:
        return _load(_Loader, text, positions), positions
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        diags.error(diags.location(source.path, line + line_offset, col), f"YAML syntax error: {problem}")
    except _Refused as exc:
        for mark, message in exc.problems:
            diags.error(diags.location(source.path, mark.line + 1 + line_offset, mark.column + 1), message)
    except yaml.reader.ReaderError as exc:  # a control character: its offset is all PyYAML gives
        line, col = line_col(text, exc.position)
        diags.error(
            diags.location(source.path, line + line_offset, col),
            f"character U+{exc.character:04X} is not allowed in YAML",
        )
    return None


_HALF_CHARACTER = re.compile("[\ud800-\udfff]")
"""YAML's `\\u` escapes can spell half of a UTF-16 pair: no character, and text that cannot be written out."""


def _refuse_half_characters(node: yaml.Node) -> None:
    found = _HALF_CHARACTER.search(node.value) if isinstance(node, yaml.ScalarNode) else None
    if found:
        message = (
            f"\\u{ord(found.group()):04X} is not a character (it is half of a UTF-16 pair); write the character itself"
        )
        raise _Refused([(node.start_mark, message)])


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _walk(loader: yaml.SafeLoader, node: yaml.Node, path: Path_, pos: Positions, seen: set[int]) -> None:
    """Record positions; refuse what the schema cannot see (a node met twice came from an alias)."""
    if id(node) in seen:
        raise _Refused([(node.start_mark, "YAML anchors and aliases are not supported; write the value out")])
    if len(path) >= MAX_DEPTH and isinstance(node, yaml.CollectionNode):
        raise _Refused([(node.start_mark, _TOO_DEEP)])
    _refuse_half_characters(node)
    seen.add(id(node))
    pos.values[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        keys_seen: set[Any] = set()
        for key_node, value_node in node.value:
            _refuse_half_characters(key_node)
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise _Refused([(key_node.start_mark, "mapping keys must be plain words or numbers")])
            if key == "<<":
                raise _Refused([(key_node.start_mark, "YAML merge keys ('<<') are not supported; write the keys out")])
            if key in keys_seen:
                raise _Refused(
                    [(key_node.start_mark, f"duplicate key '{key}' (a later value would silently replace the earlier)")]
                )
            keys_seen.add(key)
            pos.keys[path + (key,)] = _mark(key_node)
            _walk(loader, value_node, path + (key,), pos, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(loader, item, path + (index,), pos, seen)
