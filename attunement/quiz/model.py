"""The quiz format (`quizzes/<id>.yaml`): one typed model that validates files and publishes a JSON Schema."""

from __future__ import annotations

import re
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from attunement.config.schema import SLUG_RE, Slug, Strict, exactly_one

if TYPE_CHECKING:
    from attunement.quiz.structure import Structure


def _score_id(value: str) -> str:
    if not all(SLUG_RE.fullmatch(part) for part in value.split(".", 1)):
        raise ValueError(f"'{value}' is not a score id: a dimension or derived score id, or '<dimension>.<target>'")
    return value


ScoreId = Annotated[str, AfterValidator(_score_id)]
"""A score: a dimension's (`anxiety`), a derived score's, or a dimension's about one target (`anxiety.mother`)."""


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


class Norms(Strict):
    """A published reference sample for one score, with its source; a percentile comes from `mean` and `sd` (normal
    approximation) or from a `percentiles` table (interpolated linearly)."""

    citation: str = Field(description="Where the norms are published")
    sample: str = Field(description="Who was asked, as the reader will see it: 'adults in the 2011 online sample'")
    size: int = Field(gt=0, description="How many people the sample holds")
    language: str = Field(description="The language the instrument was given in, like 'en'")
    version: str = Field(description="The instrument version the norms belong to")
    mean: float | None = Field(None, description="The sample's mean score")
    sd: float | None = Field(None, gt=0, description="The sample's standard deviation (with `mean`)")
    percentiles: dict[float, float] | None = Field(
        None, description="Score -> percentile (0 to 100), both strictly increasing"
    )

    @model_validator(mode="after")
    def _check(self) -> Norms:
        normal = self.mean is not None or self.sd is not None
        if normal == (self.percentiles is not None):
            raise ValueError("give either 'mean' and 'sd' or a 'percentiles' table")
        if normal and (self.mean is None or self.sd is None):
            raise ValueError("give both 'mean' and 'sd'")
        if self.percentiles is not None:
            if len(self.percentiles) < 2:
                raise ValueError("a percentile table needs at least two rows")
            if not all(0 <= pct <= 100 for pct in self.percentiles.values()):
                raise ValueError("percentiles run from 0 to 100")
        return self


class Change(Strict):
    """The measurement error a change over time must exceed: a `minimal` change, or the test-retest reliability
    (`retest`, with the norms' `sd`): 1.96 * sqrt(2) * sd * sqrt(1 - retest)."""

    minimal: float | None = Field(None, gt=0, description="The smallest change that is more than measurement error")
    retest: float | None = Field(None, gt=0, lt=1, description="Test-retest reliability (needs norms with an sd)")

    @model_validator(mode="after")
    def _one(self) -> Change:
        exactly_one(self, "minimal", "retest")
        return self


class Dimension(Strict):
    id: Slug
    label: str
    low: str = Field(description="What a low score means, one sentence")
    high: str = Field(description="What a high score means, one sentence")
    scoring: Scoring | None = Field(None, description="This dimension's own scoring (default: the quiz's `scoring`)")
    norms: Norms | None = Field(None, description="Published norms, for a percentile on the result page")
    change: Change | None = Field(None, description="The smallest change over time that is more than measurement error")


class Load(Strict):
    """One dimension an item counts toward, with its own weight and direction."""

    dimension: Slug = Field(description="The dimension")
    weight: float = Field(1.0, gt=0, le=100, description="How much the item counts toward this dimension")
    reverse: bool = Field(False, description="A reversed answer counts as (min + max - answer)")


class Option(Strict):
    """One answer of a single-choice item: its words, and what it adds to each dimension it names (others get 0)."""

    label: str = Field(description="The option's words, as the reader sees them")
    scores: dict[Slug, float] = Field({}, description="Dimension -> value this option counts as")


class Item(Strict):
    id: Slug = Field(description="Stable id; the radio group's name")
    text: str
    dimension: Slug | None = Field(None, description="The dimension the item counts toward")
    reverse: bool = Field(False, description="A reversed answer counts as (min + max - answer)")
    weight: float = Field(1.0, gt=0, le=100, description="How much the item counts (with `loads`, per load)")
    loads: list[Load] | None = Field(
        None, min_length=1, description="Instead of `dimension`: every dimension the item counts toward"
    )
    options: list[Option] | None = Field(
        None, min_length=2, description="A single-choice item: the options, each scoring on the dimensions it names"
    )
    scale: str | Scale | None = Field(None, description="This item's scale: a name from `scales`, or a scale")

    @model_validator(mode="after")
    def _kind(self) -> Item:
        if self.options is not None:
            given = [k for k in ("dimension", "loads", "scale") if getattr(self, k) is not None]
            if given or self.reverse:
                what = ", ".join(f"'{k}'" for k in given + ["reverse"] * self.reverse)
                raise ValueError(f"a single-choice item scores through its options; leave out {what}")
            if not any(option.scores for option in self.options):
                raise ValueError("no option names a dimension to score")
        elif (self.dimension is None) == (self.loads is None):
            raise ValueError("give exactly one of 'dimension', 'loads' and 'options'")
        elif self.loads is not None and self.reverse:
            raise ValueError("with 'loads', give 'reverse' per load")
        return self


class Target(Strict):
    """Whom a repeated section asks about: `mother`, labelled 'A mother figure'."""

    id: Slug = Field(description="Part of the answer keys ('<target>.<item>') and score ids ('<dimension>.<target>')")
    label: str = Field(description="Whom the section asks about, as the reader sees it")


class Section(Strict):
    """A headed group of items with its own instructions; with `repeat`, asked once per target."""

    id: Slug = Field(description="Stable id of the section")
    title: str = Field(description="The section's heading")
    instructions: str = Field("", description="Markdown shown above the section's items")
    scale: str | Scale | None = Field(None, description="The scale of the section's items (default: the quiz's)")
    repeat: list[Target] | None = Field(
        None, min_length=1, description="Ask the items once about each target; scores become '<dimension>.<target>'"
    )
    items: list[Item] = Field(min_length=1, description="The section's items")


class Derived(Strict):
    """A score made of other scores: their weighted mean or sum, in file order (a derived score may use earlier
    ones)."""

    id: Slug = Field(description="The score's id, for results, plots and other derived scores")
    label: str = Field(description="The score's name, as the reader sees it")
    low: str = Field(description="What a low score means, one sentence")
    high: str = Field(description="What a high score means, one sentence")
    method: Literal["mean", "sum"] = Field("mean", description="mean: the weighted mean of its parts; sum: their sum")
    of: dict[ScoreId, float] | list[ScoreId] = Field(
        min_length=1, description="Score ids, or score id -> weight (a list weighs each 1)"
    )
    norms: Norms | None = None
    change: Change | None = None

    @field_validator("of")
    @classmethod
    def _positive(cls, value: dict[str, float] | list[str]) -> dict[str, float] | list[str]:
        if isinstance(value, dict) and any(w <= 0 for w in value.values()):
            raise ValueError("weights must be greater than 0")
        return value

    @property
    def weights(self) -> dict[str, float]:
        return self.of if isinstance(self.of, dict) else dict.fromkeys(self.of, 1.0)


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
        exactly_one(self, "body", "body_file")
        return self


class Result(WithBody):
    summary: str = Field(description="One paragraph")
    label: str | None = Field(
        None, description="A short name for the result where space is tight (plots); default: its id, capitalised"
    )
    when: dict[ScoreId, Range] = Field(
        {},
        description="Under result_rule first: ranges per score; the first result whose ranges all hold "
        "wins (left out: every score an earlier result does not place)",
    )
    score: ScoreId | None = Field(None, description="Under result_rule highest: the score this result stands for")


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
    """The scores the result plot shows: one is drawn as a marked scale, two as a map, three or more as a profile."""

    x: ScoreId | None = Field(None, description="With y: the map's horizontal axis")
    y: ScoreId | None = Field(None, description="With x: the map's vertical axis")
    scores: list[ScoreId] | None = Field(None, min_length=1, description="The scores to plot, instead of x and y")

    @model_validator(mode="after")
    def _one(self) -> Plot:
        if (self.scores is None) == (self.x is None or self.y is None) or (self.x is None) != (self.y is None):
            raise ValueError("give 'x' and 'y', or 'scores'")
        return self

    @property
    def plotted(self) -> list[str]:
        return self.scores if self.scores is not None else [str(self.x), str(self.y)]


class Quiz(Strict):
    """A self-report quiz scored in the visitor's browser."""

    id: Slug | None = Field(None, description="Must equal the file name's stem")
    title: str = Field(description="The quiz's title")
    description: str = Field(description="One paragraph for listings and meta tags")
    minutes: int = Field(5, ge=1, le=120, description="About how long the quiz takes")
    topics: list[Slug] = Field([], description="Topics the quiz is listed under")
    instructions: str = Field("", description="Markdown shown above the items")
    scale: Scale | None = Field(None, description="The scale of items that do not name their own")
    scales: dict[Slug, Scale] = Field({}, description="Named scales, for items and sections that mix them")
    dimensions: list[Dimension] = Field(min_length=1, description="What the items measure, each giving a score")
    items: list[Item] | None = Field(None, min_length=1, description="The items (or `sections`)")
    sections: list[Section] | None = Field(None, min_length=1, description="Headed groups of items (or `items`)")
    derived: list[Derived] = Field([], description="Scores made of other scores")
    scoring: Scoring = Field(Scoring(), description="How answers become scores, unless a dimension says otherwise")
    results: list[Result] = Field(min_length=1, description="The outcomes, each with a result page")
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
    plot: Plot | None = Field(
        None, description="The plotted scores (default: the dimensions measured once, then the derived scores)"
    )

    @model_validator(mode="after")
    def _items_or_sections(self) -> Quiz:
        if self.items is not None and self.sections is not None:
            raise ValueError("give 'items' or 'sections', not both")
        if self.items is None and self.sections is None:
            raise ValueError("the quiz needs 'items' (or 'sections' of items)")
        return self

    @cached_property
    def groups(self) -> list[Section]:
        """The items as sections: a quiz without `sections` is one untitled section (made once, so the questions
        of such a quiz share one section object)."""
        if self.sections is not None:
            return self.sections
        return [Section(id="items", title="", items=self.items or [])]

    @cached_property
    def structure(self) -> Structure:
        from attunement.quiz.structure import structure_of  # the format first, the structure it implies after

        return structure_of(self)

    def scoring_of(self, dimension: str) -> Scoring:
        """A dimension's scoring: its own, or the quiz's."""
        own = next(d.scoring for d in self.dimensions if d.id == dimension)
        return own or self.scoring

    def scale_named(self, scale: str | Scale | None) -> Scale | None:
        """An item's or section's scale: inline, or by name from `scales`; None when neither says."""
        return self.scales.get(scale) if isinstance(scale, str) else scale

    def texts(self) -> list[tuple[str, int, WithBody]]:
        """Results and pairings with their place in the file (section, index), for bodies and messages."""
        return [("results", i, r) for i, r in enumerate(self.results)] + [
            ("pairings", i, p) for i, p in enumerate(self.pairings)
        ]
