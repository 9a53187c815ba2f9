"""A quiz in another language: the words of `<id>.<code>.yaml` put in place of the original's, nothing else.

A translation holds text only, keyed by id; ids, dimensions, keying, weights, scale values, result regions and
norms live once, in the original. So the translated quiz is the original's data with its words replaced, and
validated again by the same schema: its structure, and so every score and result, is the original's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import Field, model_validator

from attunement.config.schema import Slug, Strict, exactly_one
from attunement.diagnostics import did_you_mean
from attunement.quiz.model import Quiz

Path_ = tuple[str | int, ...]
Problem = tuple[Path_, str, bool]
"""Where in the translation (a path of keys), what is wrong, and whether the place is a key (not a value)."""


class ScaleWords(Strict):
    labels: dict[int, str] = Field(description="The words of each labelled scale point")


class ScoreWords(Strict):
    label: str
    low: str
    high: str
    sample: str | None = Field(None, description="With norms: who was asked, as the reader will see it")


class SectionWords(Strict):
    title: str
    instructions: str = ""
    repeat: dict[Slug, str] = Field({}, description="Each target's label, by target id")


class ItemWords(Strict):
    text: str
    options: list[str] | None = Field(None, description="The options' labels, in the original's order")


class BodyWords(Strict):
    title: str
    body: str | None = Field(None, description="Markdown")
    body_file: str | None = Field(None, description="Markdown file, relative to the translation's file")

    @model_validator(mode="after")
    def _one_body(self) -> BodyWords:
        exactly_one(self, "body", "body_file")
        return self


class ResultWords(BodyWords):
    summary: str
    label: str = Field(description="The result's short name, as plots show it (the original's id would show else)")


class Translation(Strict):
    """`quizzes/<id>.<code>.yaml`: the words of quiz `<id>` in language `<code>`, by id."""

    title: str
    description: str
    instructions: str = ""
    scale: ScaleWords | None = None
    scales: dict[Slug, ScaleWords] = {}
    dimensions: dict[Slug, ScoreWords] = {}
    derived: dict[Slug, ScoreWords] = {}
    sections: dict[Slug, SectionWords] = {}
    items: dict[Slug, str | ItemWords] = Field({}, description="Each item's text (or text and options), by item id")
    results: dict[Slug, ResultWords] = {}
    pairings: dict[Slug, BodyWords] = {}


class _Matcher:
    """Pairs the original's ids with the translation's, noting every id either side lacks."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def pairs(self, originals: Iterable[Any], given: Mapping[Any, Any], at: Path_, what: str) -> list[tuple[str, Any]]:
        wanted = list(originals)
        for key in given:
            if key not in wanted:
                self.problems.append(
                    ((*at, key), f"the original has no {what} '{key}'{did_you_mean(key, wanted)}", True)
                )
        missing = [k for k in wanted if k not in given]
        if missing:
            listed = ", ".join(f"'{k}'" for k in missing)
            self.problems.append((at, f"untranslated {what}{'s' * (len(missing) > 1)}: {listed}", True))
        return [(k, given[k]) for k in wanted if k in given]

    def text(self, original: str, given: str, at: Path_, what: str) -> str:
        if original.strip() and not given.strip():
            self.problems.append((at, f"untranslated {what}", True))
        return given


def translate(quiz: Quiz, words: Translation) -> tuple[Quiz | None, list[Problem]]:
    """The quiz in the translation's words, or None with every id the two do not share."""
    match = _Matcher()
    data = quiz.model_dump()
    data.update(title=words.title, description=words.description)
    data["instructions"] = match.text(quiz.instructions, words.instructions, ("instructions",), "instructions")
    _scale(data.get("scale"), words.scale, ("scale",), match)
    for name, scale in match.pairs(quiz.scales, words.scales, ("scales",), "scale"):
        _scale(data["scales"][name], scale, ("scales", name), match)
    for kind in ("dimensions", "derived"):
        by_id = {score["id"]: score for score in data[kind]}
        for id_, said in match.pairs(by_id, getattr(words, kind), (kind,), kind.rstrip("s") + " score"):
            by_id[id_].update(label=said.label, low=said.low, high=said.high)
            if by_id[id_]["norms"] is not None:
                if said.sample is None:
                    match.problems.append(((kind, id_), "untranslated norms sample ('sample')", True))
                else:
                    by_id[id_]["norms"]["sample"] = said.sample
    sections = data["sections"] or []
    by_id = {section["id"]: section for section in sections}
    for id_, said in match.pairs(by_id, words.sections, ("sections",), "section"):
        section = by_id[id_]
        section["title"] = said.title
        section["instructions"] = match.text(
            section["instructions"], said.instructions, ("sections", id_, "instructions"), "instructions"
        )
        targets = {t["id"]: t for t in section["repeat"] or []}
        for target_id, label in match.pairs(targets, said.repeat, ("sections", id_, "repeat"), "target"):
            targets[target_id]["label"] = label
    items = {item["id"]: item for group in [data["items"] or [], *(s["items"] for s in sections)] for item in group}
    for id_, said in match.pairs(items, words.items, ("items",), "item"):
        item, given = items[id_], said if isinstance(said, ItemWords) else ItemWords(text=said)
        item["text"] = given.text
        options = item["options"] or []
        if len(given.options or []) != len(options):
            match.problems.append(
                (("items", id_), f"item '{id_}' has {len(options)} options in the original; give as many labels", True)
            )
        for option, label in zip(options, given.options or [], strict=False):
            option["label"] = label
    for kind, section_words in (("results", words.results), ("pairings", words.pairings)):
        by_id = {text["id"]: text for text in data[kind]}
        for id_, said in match.pairs(by_id, section_words, (kind,), kind.rstrip("s")):
            by_id[id_].update(said.model_dump())
    if match.problems:
        return None, match.problems
    return Quiz.model_validate(data), []


def _scale(scale: dict[str, Any] | None, said: ScaleWords | None, at: Path_, match: _Matcher) -> None:
    if scale is None:
        if said is not None:
            match.problems.append((at, "the original has no 'scale'", True))
        return
    labels = match.pairs(scale["labels"], said.labels if said else {}, (*at, "labels"), "scale label")
    scale["labels"].update(labels)
