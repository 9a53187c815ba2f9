"""YAML that remembers where each key and value stands, so schema errors can name a line and column.

PyYAML's composer already knows the marks of every node; we keep them in a map from the path of
keys and indexes (the same shape as a pydantic error's `loc`) to a 1-based (line, col).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .diagnostics import Diagnostics, Location
from .sources import SourceFile

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
    def __init__(self, mark: yaml.Mark, message: str):
        super().__init__(message)
        self.mark = mark


class _Loader(yaml.SafeLoader):
    """Refuses aliases where they stand: they are rarely needed by hand and can expand exponentially."""

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        if self.check_event(yaml.AliasEvent):
            raise _Refused(self.peek_event().start_mark, "YAML anchors and aliases are not supported; write the value out")
        return super().compose_node(parent, index)


_FastLoader: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)
"""libyaml's parser, when PyYAML was built with it: several times faster than the pure-Python one."""


def _load(loader_class: type[yaml.SafeLoader], text: str, positions: Positions) -> Any:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _walk(loader, node, (), positions, set())
        return loader.construct_document(node)
    finally:
        loader.dispose()


def load_yaml(source: SourceFile, diags: Diagnostics, *, line_offset: int = 0, text: str | None = None
              ) -> tuple[Any, Positions] | None:
    """Parse `text` (default: the whole file) safely; None after reporting a syntax error.

    libyaml parses first; anything it or the walk objects to is parsed again by the pure-Python
    loader, which sees alias events where they stand and so reports every problem at its place.
    """
    text = source.text if text is None else text
    positions = Positions(diags.location(source.path).path, line_offset=line_offset)
    if _FastLoader is not None:
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
        mark = exc.mark
        diags.error(diags.location(source.path, mark.line + 1 + line_offset, mark.column + 1), str(exc))
    except yaml.reader.ReaderError as exc:  # a control character: its offset is all PyYAML gives
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        diags.error(diags.location(source.path, line + line_offset, col),
                    f"character U+{exc.character:04X} is not allowed in YAML")
    return None


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _walk(loader: yaml.SafeLoader, node: yaml.Node, path: Path_, pos: Positions, seen: set[int]) -> None:
    """Record positions; refuse what the schema cannot see (a node met twice came from an alias)."""
    if id(node) in seen:
        raise _Refused(node.start_mark, "YAML anchors and aliases are not supported; write the value out")
    seen.add(id(node))
    pos.values[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        keys_seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise _Refused(key_node.start_mark, "mapping keys must be plain words or numbers")
            if key == "<<":
                raise _Refused(key_node.start_mark, "YAML merge keys ('<<') are not supported; write the keys out")
            if key in keys_seen:
                raise _Refused(key_node.start_mark, f"duplicate key '{key}' (a later value would silently replace the earlier)")
            keys_seen.add(key)
            pos.keys[path + (key,)] = _mark(key_node)
            _walk(loader, value_node, path + (key,), pos, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(loader, item, path + (index,), pos, seen)

