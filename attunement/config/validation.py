"""Validating the author's YAML against a schema, with pydantic's errors turned into positioned diagnostics.

Every problem of a document is reported, each at the line and column of the key or value concerned, in
words for authors: unknown keys with a suggestion, missing keys at their parent, list elements by id.
"""

from __future__ import annotations

import datetime
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from attunement.config.positions import Positions
from attunement.diagnostics import Diagnostics, did_you_mean

M = TypeVar("M", bound=BaseModel)


_FRIENDLY = {
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_type": "expected a number",
    "float_parsing": "expected a number",
    "finite_number": "expected a finite number (not .nan or .inf)",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "list_type": "expected a list",
    "dict_type": "expected a mapping of keys to values",
    "model_type": "expected a mapping of keys to values",
    "model_attributes_type": "expected a mapping of keys to values",
    "date_type": "expected a date like 2026-01-31",
    "date_parsing": "expected a date like 2026-01-31",
    "date_from_datetime_parsing": "expected a date like 2026-01-31",
    "date_from_datetime_inexact": "expected a date like 2026-01-31, without a time",
}


def validate(model: type[M], data: Any, positions: Positions, diags: Diagnostics, *, what: str = "") -> M | None:
    """The validated model, or None after reporting every problem with its line and column.

    An empty document, or one that is not keys with values, is one problem (not one per missing key).
    """
    required = [name for name, field in model.model_fields.items() if field.is_required()]
    if data is None and required:
        diags.error(positions.location(()), f"{what or 'this file'} is empty; it needs {_listing(required)}")
        return None
    if data is not None and not isinstance(data, dict):
        example = (required or list(model.model_fields))[0]
        diags.error(
            positions.location(()),
            f"{what or 'this file'} must be keys with values, like '{example}: ...'; got {_kind_of(data)}",
        )
        return None
    try:
        return model.model_validate({} if data is None else data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            _report(model, data, err, positions, diags, what)
    return None


def _report(model: type[BaseModel], data: Any, err: Any, positions: Positions, diags: Diagnostics, what: str) -> None:
    loc = tuple(err["loc"])
    kind = err["type"]
    data_loc = _data_path(data, loc)
    label = _label(data, data_loc)
    scope = _label(data, data_loc[:-1]) or what or "this file"
    if kind in ("extra_forbidden", "invalid_key"):  # a key that is not text is no known key either
        key = data_loc[-1]
        allowed = _field_names(model, loc[:-1])
        where = positions.location(data_loc, key=True)
        diags.error(where, f"unknown key '{key}'{f' in {scope}' if allowed else ''}{did_you_mean(str(key), allowed)}")
        return
    if kind == "missing":
        diags.error(positions.location(loc[:-1]), f"missing required key '{label}'")
        return
    message = _FRIENDLY.get(kind) or _as_sentence(err["msg"])
    if kind in ("string_type", "int_type", "float_type", "bool_type", "list_type", "dict_type", "model_type"):
        message += f", got {_kind_of(err.get('input'))}"
    if kind == "string_type" and isinstance(err.get("input"), bool):  # `label: Yes` reads as true in YAML
        message += " (YAML reads yes, no, on and off as true/false: put the words in quotes, like 'Yes')"
    if loc and loc[-1] == "[key]":  # the key itself is wrong, not its value
        diags.error(positions.location(data_loc, key=True), f"key '{data_loc[-1]}' in {scope}: {message}")
        return
    diags.error(positions.location(data_loc), f"{label}: {message}" if label else message)


def _as_sentence(msg: str) -> str:
    msg = msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return msg[:1].lower() + msg[1:]


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    return {
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "a mapping",
        datetime.date: "a date",
        datetime.datetime: "a date and time",
        bytes: "binary data",
        set: "a set",
    }.get(type(value), type(value).__name__)


def _listing(names: list[str]) -> str:
    """Names as a sentence would list them: 'a', 'b' and 'c'."""
    quoted = [f"'{name}'" for name in names]
    return f"{', '.join(quoted[:-1])} and {quoted[-1]}" if len(quoted) > 1 else quoted[0]


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Drop pydantic's union/validator tags from `loc`, keeping only real keys and indexes of `data`."""
    path: list[Any] = []
    node = data
    for part in loc:
        if (
            isinstance(node, dict) and isinstance(part, str) and part not in node
        ):  # pydantic names other keys by their text
            part = next((key for key in node if not isinstance(key, str) and str(key) == part), part)
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if isinstance(node, dict) and part in node or in_list:
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and not any(ch in part for ch in "[]"):
            path.append(part)  # a missing key: still worth naming
            break
        else:
            continue
        path.append(part)
    return tuple(path)


def _label(data: Any, path: tuple[Any, ...]) -> str:
    """How a message names the place at `path` in `data`: keys by name, list elements by their `id` when they
    have one and otherwise counted from 1, as the quiz page numbers items (`items['anx-2'].weight`, `nav[3].url`)."""
    out = ""
    node = data
    for part in path:
        if isinstance(node, list) and isinstance(part, int):
            ident = node[part].get("id") if isinstance(node[part], dict) else None
            out += f"[{ident!r}]" if isinstance(ident, str) and ident else f"[{part + 1}]"
        else:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
        node = (
            node.get(part) if isinstance(node, dict) else node[part] if isinstance(node, list) else None
        )  # see _data_path
    return out


def _field_names(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed at `loc` within `model`, for suggestions."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str):
            field = current.model_fields.get(part)
            if field is None:
                return []
            current = field.annotation
        elif typing.get_origin(current) in (list, tuple, dict):
            current = typing.get_args(current)[-1]
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(tp: Any) -> Any:
    """Optional[X] -> X, so that suggestions see through optional sections."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return _unwrap(args[0])
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    return tp
