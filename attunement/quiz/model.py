"""The quiz format (`quizzes/<id>.yaml`): one typed model that validates files and publishes a JSON Schema."""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Literal

from pydantic import Field, field_validator, model_validator

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


class Scoring(Strict):
    """How a dimension's answers become its score, and how many of its items may go unanswered."""

    method: Literal["mean", "sum", "prorated_sum"] = Field(
        "mean",
        description="mean: weighted mean of the answered items; sum: weighted sum; prorated_sum: the weighted sum "
        "with each unanswered item counted at the mean of the answered ones",
    )
    max_missing: int | float | str = Field(
        0,
        description="How many of a dimension's items may go unanswered: a count (2), a percentage ('10%') or "
        "a fraction (0.25) of its items, rounded down; at least one item must always be answered",
    )

    @field_validator("max_missing")
    @classmethod
    def _check_missing(cls, value: int | float | str) -> int | float | str:
        if isinstance(value, bool):
            raise ValueError("write a count like 2, a percentage like '10%' or a fraction like 0.25")
        if isinstance(value, str):
            match = re.fullmatch(r"(\d+(?:\.\d+)?)%", value.strip())
            if not match or Fraction(match.group(1)) > 100:
                raise ValueError(f"'{value}' is not a percentage like '10%'")
        elif isinstance(value, float) and not 0 <= value <= 1:
            raise ValueError(f"a fraction of the items is from 0 to 1, not {value:g}; for a count write a whole number")
        elif isinstance(value, int) and value < 0:
            raise ValueError("a count of items cannot be negative")
        return value

    def share_of(self, count: int) -> Fraction:
        """`max_missing` of `count` items, exactly (before rounding down)."""
        value = self.max_missing
        if isinstance(value, str):
            return Fraction(value.strip().removesuffix("%")) * count / 100
        if isinstance(value, float):
            return Fraction(str(value)) * count  # as written: 0.1 is a tenth, not its binary neighbour
        return Fraction(value)


class Dimension(Strict):
    id: Slug
    label: str
    low: str = Field(description="What a low score means, one sentence")
    high: str = Field(description="What a high score means, one sentence")
    scoring: Scoring | None = Field(None, description="This dimension's own scoring (default: the quiz's `scoring`)")


class Item(Strict):
    id: Slug = Field(description="Stable id; the radio group's name")
    text: str
    dimension: Slug
    reverse: bool = Field(False, description="A reversed answer counts as (min + max - answer)")
    weight: float = Field(1.0, gt=0, le=100)


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
        {},
        description="Under result_rule first: score ranges per dimension; the first result whose ranges all hold "
        "wins (left out: every score an earlier result does not place)",
    )
    score: Slug | None = Field(None, description="Under result_rule highest: the dimension whose score this result is")


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
    result_rule: Literal["first", "highest"] = Field(
        "first",
        description="first: the first result whose ranges all hold; highest: the result whose score is highest "
        "(the earlier one on a tie), for profile quizzes",
    )
    pairings: list[Pairing] = Field(
        [], description="Texts for partners who compare; every pair of results, or a default"
    )
    one_per_screen: bool = Field(False, description="Show one item at a time with back and next")
    shuffle: bool = Field(False, description="Shuffle the items once per visitor")
    decimals: int | None = Field(
        None, ge=0, le=6, description="Decimals shown for scores (default: none for whole-number sums, else 2)"
    )
    compare: bool = Field(True, description="Offer a link for comparing results with a partner, and the partner view")
    plot: Plot | None = Field(None, description="Axes of the result plot (two-dimension quizzes; default: first on x)")

    def scoring_of(self, dimension: str) -> Scoring:
        """A dimension's scoring: its own, or the quiz's."""
        own = next(d.scoring for d in self.dimensions if d.id == dimension)
        return own or self.scoring

    def texts(self) -> list[tuple[str, int, WithBody]]:
        """Results and pairings with their place in the file (section, index), for bodies and messages."""
        return [("results", i, r) for i, r in enumerate(self.results)] + [
            ("pairings", i, p) for i, p in enumerate(self.pairings)
        ]
