"""The quiz format (`quizzes/<id>.yaml`): one typed model that validates files and publishes a JSON Schema."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from attunement.config.schema import Slug, Strict


class Scale(Strict):
    """Answers are whole numbers from `min` to `max`; labels name at least both ends."""

    min: int = Field(description="Lowest answer, e.g. 1")
    max: int = Field(description="Highest answer, e.g. 7")
    labels: dict[int, str] = Field(description="Words for scale points; at least `min` and `max`")

    @model_validator(mode="after")
    def _check(self) -> Scale:
        if self.max <= self.min:
            raise ValueError(f"max ({self.max}) must be greater than min ({self.min})")
        if self.max - self.min > 20:
            raise ValueError("a scale has at most 21 points")
        return self

    @property
    def points(self) -> list[int]:
        return list(range(self.min, self.max + 1))


class Dimension(Strict):
    id: Slug
    label: str
    low: str = Field(description="What a low score means, one sentence")
    high: str = Field(description="What a high score means, one sentence")


class Item(Strict):
    id: Slug = Field(description="Stable id; the radio group's name")
    text: str
    dimension: Slug
    reverse: bool = Field(False, description="A reversed answer counts as (min + max - answer)")
    weight: float = Field(1.0, gt=0, le=100)


class Scoring(Strict):
    method: Literal["mean", "sum"] = "mean"
    max_missing: float = Field(0.0, ge=0, le=1, description="Fraction of a dimension's items that may go unanswered")


class Range(Strict):
    at_least: float | None = Field(None, description="Inclusive lower bound")
    below: float | None = Field(None, description="Exclusive upper bound")

    @model_validator(mode="after")
    def _check(self) -> Range:
        if self.at_least is None and self.below is None:
            raise ValueError("give 'at_least', 'below' or both")
        if self.at_least is not None and self.below is not None and self.at_least >= self.below:
            raise ValueError(f"at_least ({self.at_least:g}) must be smaller than below ({self.below:g})")
        return self

    def holds(self, score: float) -> bool:
        return (self.at_least is None or score >= self.at_least) and (self.below is None or score < self.below)


class WithBody(Strict):
    """A titled text of the quiz (a result, a pairing) with Markdown inline or in a file."""

    id: Slug
    title: str
    body: str | None = Field(None, description="Markdown")
    body_file: str | None = Field(None, description="Markdown file, relative to the quiz file")
    related: list[Slug] = Field([], description="Slugs of articles that help")

    @model_validator(mode="after")
    def _one_body(self) -> WithBody:
        if (self.body is None) == (self.body_file is None):
            raise ValueError("give exactly one of 'body' and 'body_file'")
        return self


class Result(WithBody):
    summary: str = Field(description="One paragraph")
    when: dict[Slug, Range] = Field(
        description="Score ranges per dimension; the first result whose ranges all hold wins"
    )


class Pairing(WithBody):
    """What two partners' results make together, shown when a partner compares."""

    results: list[Slug] | None = Field(
        None,
        min_length=2,
        max_length=2,
        description="The two results, in any order (the same twice for partners alike); "
        "leave out for the default pairing",
    )


class Plot(Strict):
    x: Slug
    y: Slug


class Quiz(Strict):
    """A self-report quiz scored in the visitor's browser."""

    id: Slug | None = Field(None, description="Must equal the file name's stem")
    title: str
    description: str = Field(description="One paragraph for listings and meta tags")
    minutes: int = Field(5, ge=1, le=120)
    topics: list[Slug] = []
    instructions: str = Field("", description="Markdown shown above the items")
    scale: Scale
    dimensions: list[Dimension] = Field(min_length=1)
    items: list[Item] = Field(min_length=1)
    scoring: Scoring = Scoring()
    results: list[Result] = Field(min_length=1)
    pairings: list[Pairing] = Field(
        [], description="Texts for partners who compare; every pair of results, or a default"
    )
    one_per_screen: bool = Field(False, description="Show one item at a time with back and next")
    shuffle: bool = Field(False, description="Shuffle the items once per visitor")
    plot: Plot | None = Field(None, description="Axes of the result plot (two-dimension quizzes; default: first on x)")

    def texts(self) -> list[tuple[str, int, WithBody]]:
        """Results and pairings with their place in the file (section, index), for bodies and messages."""
        return [("results", i, r) for i, r in enumerate(self.results)] + [
            ("pairings", i, p) for i, p in enumerate(self.pairings)
        ]
