"""What a quiz file implies for scoring: the questions a reader answers and the scores they feed.

The format lets an item stand alone or sit in a section, name one dimension or several (`loads`), be answered
on a scale or by choosing an option, and be asked once per target of a repeated section. Here all of that
becomes one shape: a question has an answer key, the answers it takes and, for each score it feeds, a weight
and the value of every answer. Python (`scoring.py`) and the browser (`scoring.js`, through the client key)
score only this shape, so they cannot disagree about what an item means.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from attunement.quiz.model import (
    Change,
    Derived,
    Dimension,
    Item,
    Load,
    Norms,
    Quiz,
    Scale,
    Scoring,
    Section,
    Target,
)


@dataclass(frozen=True)
class Feed:
    """What one question adds to one score: `weight` times the value of the answer given."""

    score: str
    weight: float
    values: tuple[float, ...]
    """The value of each answer, lowest answer first."""


@dataclass(frozen=True)
class Question:
    """One item as asked: about one target of a repeated section, or once."""

    key: str
    """The answer's key: the item id, or `<target>.<item>` in a repeated section."""
    item: Item
    section: Section
    target: Target | None
    kind: Literal["scale", "choice"]
    choices: tuple[tuple[int, str], ...]
    """(answer, label) in the order shown: the scale's points, or options numbered from 1."""
    feeds: tuple[Feed, ...]

    @property
    def low(self) -> int:
        return self.choices[0][0]

    @property
    def high(self) -> int:
        return self.choices[-1][0]

    def value(self, feed: Feed, answer: int) -> float:
        return feed.values[answer - self.low]


@dataclass(frozen=True)
class Score:
    """A score a reader gets: a dimension's (about one target, in a repeated section), or a derived one."""

    id: str
    label: str
    low: str
    high: str
    scoring: Scoring | None
    """How measured answers combine; None for a derived score."""
    derived: Derived | None
    norms: Norms | None
    change: Change | None


Reachable = dict[str, "set[Fraction] | OverflowError"]
"""Each score's reachable values by score id, or the OverflowError that listing them gave up with."""


@dataclass(frozen=True)
class Structure:
    questions: tuple[Question, ...]
    scores: tuple[Score, ...]
    """Measured scores first (dimensions asked once, then per target), then the derived ones in file order."""
    plotted: tuple[str, ...]
    memo: Reachable = field(default_factory=dict, compare=False, repr=False)
    """Each score's reachable values, once listed (`bounds.reachable_scores`)."""

    def score(self, score_id: str) -> Score:
        return next(s for s in self.scores if s.id == score_id)

    @property
    def measured(self) -> tuple[Score, ...]:
        return tuple(s for s in self.scores if s.derived is None)

    def feeding(self, score_id: str) -> list[tuple[Question, Feed]]:
        """The questions a measured score is made of, in the order asked, with what each adds."""
        return [(q, f) for q in self.questions for f in q.feeds if f.score == score_id]

    def blocks(self) -> list[tuple[Section, Target | None, list[Question]]]:
        """The questions as the form shows them: by section, and by target within a repeated section."""
        blocks: list[tuple[Section, Target | None, list[Question]]] = []
        for q in self.questions:
            if not blocks or blocks[-1][0] is not q.section or blocks[-1][1] is not q.target:
                blocks.append((q.section, q.target, []))
            blocks[-1][2].append(q)
        return blocks

    def sources(self, score_id: str) -> set[str]:
        """The measured scores a score is made of (itself, when measured)."""
        derived = self.score(score_id).derived
        if derived is None:
            return {score_id}
        return set().union(*(self.sources(part) for part in derived.weights))


def structure_of(quiz: Quiz) -> Structure:
    """The questions and scores of a quiz whose references were checked (`content/quizzes.py`)."""
    questions: list[Question] = []
    for section in quiz.groups:
        targets: list[Target | None] = [*section.repeat] if section.repeat else [None]
        for target in targets:
            for item in section.items:
                key = f"{target.id}.{item.id}" if target else item.id
                questions.append(_question(quiz, section, target, item, key))
    scores = [_measured(quiz, dim, None) for dim in quiz.dimensions if not _repeated(quiz, dim.id)]
    for section in quiz.groups:
        dims = {d for item in section.items for d in dimensions_of(item)}
        scores += [_measured(quiz, d, t) for t in section.repeat or [] for d in quiz.dimensions if d.id in dims]
    scores += [Score(d.id, d.label, d.low, d.high, None, d, d.norms, d.change) for d in quiz.derived]
    if quiz.plot:
        plotted = tuple(quiz.plot.plotted)
    else:
        plotted = tuple(s.id for s in scores if "." not in s.id) or tuple(s.id for s in scores)
    return Structure(tuple(questions), tuple(scores), plotted)


def dimensions_of(item: Item) -> list[str]:
    """The dimensions an item counts toward, in the order it names them."""
    if item.options is not None:
        return list(dict.fromkeys(d for option in item.options for d in option.scores))
    if item.loads is not None:
        return [load.dimension for load in item.loads]
    return [str(item.dimension)]


def scale_of(quiz: Quiz, section: Section, item: Item) -> Scale | None:
    """The scale an item is answered on: its own, its section's, else the quiz's."""
    return quiz.scale_named(item.scale) or quiz.scale_named(section.scale) or quiz.scale


def _repeated(quiz: Quiz, dimension: str) -> bool:
    return any(section.repeat and dimension in dimensions_of(i) for section in quiz.groups for i in section.items)


def _measured(quiz: Quiz, dim: Dimension, target: Target | None) -> Score:
    score_id, label = (f"{dim.id}.{target.id}", f"{dim.label}: {target.label}") if target else (dim.id, dim.label)
    return Score(score_id, label, dim.low, dim.high, quiz.scoring_of(dim.id), None, dim.norms, dim.change)


def _question(quiz: Quiz, section: Section, target: Target | None, item: Item, key: str) -> Question:
    if item.options is not None:
        choices = tuple((n, option.label) for n, option in enumerate(item.options, 1))
        return Question(key, item, section, target, "choice", choices, _feeds(quiz, section, item, target))
    scale = scale_of(quiz, section, item)
    assert scale is not None
    choices = tuple((p, scale.labels.get(p, str(p))) for p in scale.points)
    return Question(key, item, section, target, "scale", choices, _feeds(quiz, section, item, target))


def _feeds(quiz: Quiz, section: Section, item: Item, target: Target | None) -> tuple[Feed, ...]:
    """What an item adds to each score it feeds; the score id carries the target in a repeated section."""
    suffix = f".{target.id}" if target else ""
    if item.options is not None:
        return tuple(
            Feed(d + suffix, item.weight, tuple(o.scores.get(d, 0.0) for o in item.options))
            for d in dimensions_of(item)
        )
    scale = scale_of(quiz, section, item)
    points = scale.points if scale else [0]
    loads = item.loads or [_one_load(item)]
    return tuple(
        Feed(
            load.dimension + suffix,
            load.weight,
            tuple(points[0] + points[-1] - p if load.reverse else p for p in points),
        )
        for load in loads
    )


def _one_load(item: Item) -> Load:
    return Load(dimension=str(item.dimension), weight=item.weight, reverse=item.reverse)
