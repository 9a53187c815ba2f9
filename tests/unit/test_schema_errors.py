"""The schema base (config/schema.py): pydantic's errors turned into every problem at once, each at its place."""

from __future__ import annotations

from pathlib import Path

from attunement.config.positions import load_yaml
from attunement.config.settings import SiteConfig
from attunement.config.validation import validate
from attunement.diagnostics import Diagnostics
from attunement.files.sources import SourceFile
from attunement.quiz.model import Quiz

ROOT = Path("/site")


def problems(model: type, text: str) -> list[str]:
    diags = Diagnostics(ROOT)
    loaded = load_yaml(SourceFile(ROOT / "file.yaml", text), diags)
    assert loaded is not None
    assert validate(model, *loaded, diags) is None
    return [str(d) for d in diags.sorted()]


def test_every_problem_of_a_file_is_reported_at_once_at_its_place() -> None:
    found = problems(SiteConfig, "titel: A\nnav:\n  - title: Home\n    url: javascript:alert(1)\ncrisis:\n  text: 5\n")
    assert found == [
        "file.yaml:1:1: missing required key 'title'",
        "file.yaml:1:1: unknown key 'titel' in this file (did you mean 'title'?)",
        "file.yaml:4:10: nav[1].url: links with the 'javascript:' scheme are not allowed; "
        "use http(s), mailto, tel, sms or a site path",
        "file.yaml:6:9: crisis.text: expected text, got a number",
    ]


def test_list_elements_are_named_by_their_id() -> None:
    quiz = (
        "title: Q\ndescription: d\nscale: {min: 1, max: 5, labels: {1: a, 5: b}}\n"
        "dimensions: [{id: x, label: X, low: l, high: h}]\n"
        "items:\n  - {id: first, text: t, dimension: x}\n  - {id: second, text: t, dimension: x, weight: heavy}\n"
        "results: [{id: r, title: R, summary: s, body: b, when: {}}]\n"
    )
    assert problems(Quiz, quiz) == ["file.yaml:7:49: items['second'].weight: expected a number"]


def test_an_empty_file_says_what_it_needs() -> None:
    assert problems(SiteConfig, "# nothing yet\n") == [
        "file.yaml:1:1: this file is empty; it needs 'title' and 'crisis'"
    ]
