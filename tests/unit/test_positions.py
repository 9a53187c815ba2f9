"""YAML that remembers positions (config/positions.py): where each key and value stands, and every problem at its place."""

from __future__ import annotations

from pathlib import Path

import pytest

from attunement.config.positions import load_yaml
from attunement.diagnostics import Diagnostics
from attunement.files.sources import SourceFile

ROOT = Path("/site")


def load(text: str, **options: int) -> tuple[object, object, list[str]]:
    diags = Diagnostics(ROOT)
    loaded = load_yaml(SourceFile(ROOT / "quizzes/q.yaml", text), diags, **options)
    data, positions = loaded if loaded else (None, None)
    return data, positions, [str(d) for d in diags.items]


def test_keys_values_and_list_items_have_their_line_and_column() -> None:
    data, positions, errors = load("title: Hello\nitems:\n  - id: a\n    weight: 2\n  - id: b\n")
    assert errors == [] and data == {"title": "Hello", "items": [{"id": "a", "weight": 2}, {"id": "b"}]}
    assert positions.at(("title",)) == (1, 8)
    assert positions.at(("title",), key=True) == (1, 1)
    assert positions.at(("items", 0, "weight")) == (4, 13)
    assert positions.at(("items", 1, "id")) == (5, 9)
    assert positions.at(("items", 1, "missing")) == (5, 5), "a missing key points at its parent"
    assert str(positions.location(("items", 0))) == "quizzes/q.yaml:3:5"


def test_front_matter_lines_are_shifted_to_file_lines() -> None:
    _, positions, _ = load("title: Hello\n", line_offset=1)
    assert positions.at(("title",)) == (2, 8)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\na: 2\n", "quizzes/q.yaml:2:1: duplicate key 'a'"),
        ("a: &x 1\nb: *x\n", "quizzes/q.yaml:2:4: YAML anchors and aliases are not supported"),
        ("a: [1, 2\n", "quizzes/q.yaml:2:1: YAML syntax error"),
        ("when: 2026-02-30\nthen: 2026-13-45\n", "quizzes/q.yaml:1:7: '2026-02-30' is not a real date"),
    ],
)
def test_each_problem_is_reported_at_its_place(text: str, expected: str) -> None:
    data, _, errors = load(text)
    assert data is None
    assert any(e.startswith(expected) for e in errors), errors


def test_every_impossible_date_is_reported_not_only_the_first() -> None:
    _, _, errors = load("when: 2026-02-30\nthen: 2026-13-45\n")
    assert [e.split(":")[1] for e in errors] == ["1", "2"]
