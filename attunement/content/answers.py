"""The answers file of `attune score`: every problem in it reported at the line and column of its key or value."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from attunement.diagnostics import BuildError, Diagnostics, Location, line_col
from attunement.files.sources import decode_text
from attunement.quiz.model import Quiz
from attunement.quiz.scoring import AnswerError, AnswerProblem, Scored, score


def _skip(text: str, pos: int) -> int:
    """The offset of the first character from `pos` on that is not JSON whitespace."""
    while pos < len(text) and text[pos] in " \t\n\r":
        pos += 1
    return pos


def score_answers(quiz: Quiz, name: str, data: bytes, diags: Diagnostics) -> Scored:
    """`data` (read from `name`) scored by the reference scorer; BuildError with every problem when it cannot be."""
    text = decode_text(data, lambda line, col: Location(name, line, col), diags)
    scored = (
        _score(quiz, text, lambda offset: Location(name, *line_col(text, offset)), diags) if text is not None else None
    )
    if scored is None:
        raise BuildError(diags.sorted())
    return scored


def _score(quiz: Quiz, text: str, at: Callable[[int], Location], diags: Diagnostics) -> Scored | None:
    """The scores, or None after reporting every problem."""
    decoder = json.JSONDecoder(parse_int=_whole_number)
    try:
        answers = decoder.decode(text)
    except json.JSONDecodeError as exc:
        diags.error(at(exc.pos), f"invalid JSON: {exc.msg}")
        return None
    except RecursionError:
        diags.error(at(0), "the answers are nested too deeply to read; give one answer per item")
        return None
    if not isinstance(answers, dict):
        first = quiz.structure.questions[0]
        example = f'{{"{first.key}": {first.low}}}'
        diags.error(at(_skip(text, 0)), f"answers must be a JSON object mapping item id to answer, like {example}")
        return None
    members = _members(text, decoder)
    for key, offset in members.repeats:
        diags.error(at(offset), f"item '{key}' is answered twice; keep one answer")
    try:
        scored = score(quiz, answers)
    except AnswerError as exc:
        for problem in exc.problems:
            diags.error(at(_offset(problem, members)), problem.message)
        return None
    return None if members.repeats else scored


def _whole_number(digits: str) -> int | float:
    """A JSON integer; one too long for Python to read as an int (4,300 digits) is no answer on any scale anyway."""
    return int(digits) if len(digits) <= 100 else float(digits)


@dataclass
class _Members:
    """Where the top-level object, and each of its keys and values, starts in the text (as offsets)."""

    start: int
    keys: dict[str, int] = field(default_factory=dict)
    """Each key's first place."""
    values: dict[str, int] = field(default_factory=dict)
    """Each key's value that JSON keeps: the last."""
    repeats: list[tuple[str, int]] = field(default_factory=list)


def _members(text: str, decoder: json.JSONDecoder) -> _Members:
    """The offsets of a top-level object's members; `text` is known to be valid JSON holding an object."""
    pos = _skip(text, 0)
    members = _Members(pos)
    pos = _skip(text, pos + 1)
    while text[pos] == '"':
        key, end = decoder.raw_decode(text, pos)  # a JSON string
        if key in members.keys:
            members.repeats.append((key, pos))
        else:
            members.keys[key] = pos
        pos = _skip(text, _skip(text, end) + 1)  # past the ':'
        members.values[key] = pos
        pos = _skip(text, decoder.raw_decode(text, pos)[1])
        if text[pos] == ",":
            pos = _skip(text, pos + 1)
    return members


def _offset(problem: AnswerProblem, members: _Members) -> int:
    """An unknown id is shown at its key, an answer off the scale at its value, too few answers at the `{`."""
    if problem.kind == "unknown":
        return members.keys[problem.items[0]]
    if problem.kind == "invalid":
        return members.values[problem.items[0]]
    return members.start
