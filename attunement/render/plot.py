"""The result plot: an inline SVG of the two plotted dimensions with each result's region drawn.

Everything but the visitor's point is drawn at build time, so the plot reads without JavaScript;
`result.js` only moves the point, using the geometry carried in data attributes.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from attunement.quiz.bounds import score_bounds
from attunement.quiz.model import Quiz
from attunement.quiz.scoring import format_number

SIZE, LEFT, TOP = 240, 56, 12


@dataclass(frozen=True)
class Axis:
    id: str
    label: str
    low: float
    high: float


def axes(quiz: Quiz) -> tuple[Axis, Axis] | None:
    if len(quiz.dimensions) != 2:
        return None
    by_id = {d.id: d for d in quiz.dimensions}
    x_id, y_id = (quiz.plot.x, quiz.plot.y) if quiz.plot else (quiz.dimensions[0].id, quiz.dimensions[1].id)
    x, y = (Axis(i, by_id[i].label, *score_bounds(quiz, i)) for i in (x_id, y_id))
    return x, y


def render_plot(quiz: Quiz, prefix: str = "attune-plot") -> Markup:
    """The SVG, or nothing for quizzes without exactly two dimensions."""
    pair = axes(quiz)
    if pair is None:
        return Markup("")
    x, y = pair

    def px(v: float) -> float:
        return LEFT + (v - x.low) / (x.high - x.low) * SIZE

    def py(v: float) -> float:
        return TOP + SIZE - (v - y.low) / (y.high - y.low) * SIZE

    shapes, labels, described = [], [], []
    regions = quiz.results if quiz.result_rule == "first" else []  # under `highest`, results are no regions
    for index, result in reversed(list(enumerate(regions))):
        if set(result.when) - {x.id, y.id}:
            continue  # depends on a dimension the plot does not show
        rx, ry = result.when.get(x.id), result.when.get(y.id)
        x0, x1 = (
            max(x.low, rx.at_least if rx and rx.at_least is not None else x.low),
            min(x.high, rx.below if rx and rx.below is not None else x.high),
        )
        y0, y1 = (
            max(y.low, ry.at_least if ry and ry.at_least is not None else y.low),
            min(y.high, ry.below if ry and ry.below is not None else y.high),
        )
        if x1 <= x0 or y1 <= y0:
            continue
        name = escape(result.id[:1].upper() + result.id[1:])
        shapes.append(
            f'<rect class="region region-{index % 6}" x="{px(x0):.1f}" y="{py(y1):.1f}" '
            f'width="{px(x1) - px(x0):.1f}" height="{py(y0) - py(y1):.1f}"/>'
        )
        labels.append(
            f'<text class="region-label" x="{(px(x0) + px(x1)) / 2:.1f}" y="{(py(y0) + py(y1)) / 2:.1f}" '
            f'text-anchor="middle" dominant-baseline="middle">{name}</text>'
        )
        spans = f"{format_number(x0)} to {format_number(x1)}", f"{format_number(y0)} to {format_number(y1)}"
        described.append(f"{name}: {escape(x.label)} {spans[0]}, {escape(y.label)} {spans[1]}")
    bottom, right = TOP + SIZE, LEFT + SIZE
    ticks = "".join(
        f'<text class="tick" x="{px(v):.1f}" y="{bottom + 16}" text-anchor="middle">{format_number(v)}</text>'
        f'<text class="tick" x="{LEFT - 8}" y="{py(w):.1f}" text-anchor="end" dominant-baseline="middle">'
        f"{format_number(w)}</text>"
        for v, w in ((x.low, y.low), ((x.low + x.high) / 2, (y.low + y.high) / 2), (x.high, y.high))
    )
    desc = (
        f"{escape(x.label)} runs left to right from {format_number(x.low)} to {format_number(x.high)}; "
        f"{escape(y.label)} runs bottom to top from {format_number(y.low)} to {format_number(y.high)}."
    )
    if described:
        desc += " Regions: " + "; ".join(reversed(described)) + "."
    return Markup(
        f'<svg class="plot" viewBox="0 0 {right + 12} {bottom + 44}" role="img" '
        f'aria-labelledby="{prefix}-title {prefix}-desc" data-plot data-x="{escape(x.id)}" data-y="{escape(y.id)}" '
        f'data-x-low="{x.low}" data-x-high="{x.high}" data-y-low="{y.low}" data-y-high="{y.high}" '
        f'data-left="{LEFT}" data-top="{TOP}" data-size="{SIZE}">'
        f'<title id="{prefix}-title">Where the scores fall on {escape(x.label)} and {escape(y.label)}</title>'
        f'<desc id="{prefix}-desc">{desc}</desc>'
        f'<g class="regions">{"".join(shapes)}</g>'
        f'<rect class="frame" x="{LEFT}" y="{TOP}" width="{SIZE}" height="{SIZE}"/>'
        f'<g class="labels">{"".join(labels)}</g>{ticks}'
        f'<text class="axis-label" x="{LEFT + SIZE / 2}" y="{bottom + 36}" text-anchor="middle">'
        f"{escape(x.label)} →</text>"
        f'<text class="axis-label" x="14" y="{TOP + SIZE / 2}" text-anchor="middle" '
        f'transform="rotate(-90 14 {TOP + SIZE / 2})">{escape(y.label)} →</text>'
        f"<g data-points></g></svg>"
    )
