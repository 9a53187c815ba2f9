"""The result plot: an inline SVG of the plotted scores, fitted to how many there are.

One score is a marked scale with each result's range on it as a labelled band; two are a map with each result's
region drawn; three or more are a profile, one bar per score. Everything but the visitor's marks is drawn at build
time, so the plot reads without JavaScript; `resultview.js` only adds the marks, placed by `resultlogic.js` from
the geometry carried in data attributes.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

from attunement.quiz.bounds import score_bounds
from attunement.quiz.model import Quiz, Result
from attunement.quiz.scoring import format_number
from attunement.render.i18n import fill

SIZE, LEFT, TOP = 240, 56, 12
"""The map: a square of SIZE, its low corner at (LEFT, TOP + SIZE)."""
WIDTH = 320
"""A scale or a profile is this wide, in SVG units as in CSS pixels: a phone's width, read at full size."""
LEGEND = 12
"""A scale or a profile: the middle of the row above it where the browser keys its marks ("You", "Your partner")."""
CHAR = 6.4
"""About how wide a character of a bold label is at the plot's 11px, for telling whether a label fits."""
MIRRORED = ' data-mirrored="1" direction="rtl"'
"""A mirrored plot, for right-to-left pages, says so to `resultlogic.js` and sets its own direction, whatever the
page's: its words read right to left, and a "start" anchor is their right end. Its numbers say `direction="ltr"`
each, so a minus sign stays in front, their anchors then meaning what they do in an unmirrored plot."""

Say = Callable[[str], str]
"""How a plot's words are said in the page's language: a message (English, with `{placeholders}`) to its
translation (`gettext`). Every call is written `say("...")`, the message whole, so `make i18n-extract` finds it
(`-k say`); the placeholders are filled after, with labels escaped, the message trusted like a template's text."""


def english(message: str) -> str:
    """The messages as written: a plot in English."""
    return message


@dataclass(frozen=True)
class Axis:
    id: str
    label: str
    low: float
    high: float

    def at(self, value: float, start: float, length: float) -> float:
        """Where `value` lies on a line of `length` units from `start`."""
        return start + (value - self.low) / ((self.high - self.low) or 1) * length


def plotted_axes(quiz: Quiz) -> list[Axis]:
    """An axis for each plotted score, in the order plotted (a map's horizontal one first)."""
    structure = quiz.structure
    return [Axis(i, structure.score(i).label, *score_bounds(quiz, i)) for i in structure.plotted]


def render_plot(quiz: Quiz, prefix: str = "attune-plot", *, mirrored: bool = False, say: Say = english) -> Markup:
    """The SVG: a scale, a map or a profile, for one, two or more plotted scores. `mirrored` draws it for a
    right-to-left page: the horizontal axis runs from its low end on the right to its high end on the left, and
    what goes beside that axis (a map's vertical ticks and label) moves to the other side; text is never flipped.
    `say` translates its words (titles, descriptions); the scores' labels and the results' names are the quiz's."""
    found = plotted_axes(quiz)
    if not found:
        return Markup("")
    if len(found) == 1:
        return _scale(quiz, found[0], prefix, mirrored, say)
    if len(found) == 2:
        return _map(quiz, found[0], found[1], prefix, mirrored, say)
    return _profile(found, prefix, mirrored, say)


def _name(result: Result) -> Markup:
    """A result's name in a plot: its `label`, else its id capitalised."""
    return escape(result.label if result.label is not None else result.id[:1].upper() + result.id[1:])


def _tick_anchors(mirrored: bool) -> tuple[str, str, str]:
    """The text-anchor of a tick at the low end and at the high end of a line, and what follows it: numbers are
    left to right, so in a mirrored plot the low end's reads leftwards from the right end."""
    return ("end", "start", ' direction="ltr"') if mirrored else ("start", "end", "")


def _opening(prefix: str, title: str, desc: str, height: float, data: str, kind: str, mirrored: bool) -> str:
    return (
        f'<svg class="plot plot-{kind}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{prefix}-title {prefix}-desc" data-plot data-kind="{kind}" {data}'
        f"{MIRRORED if mirrored else ''}>"
        f'<title id="{prefix}-title">{title}</title><desc id="{prefix}-desc">{desc}</desc>'
    )


def _listed(items: Iterable[str], middle: str, end: str | None = None) -> str:
    """Items in a list, each added to those before it by a message of `{list}` and `{item}` (as CLDR's list
    patterns do): `middle` adds all but the last, `end` (else `middle` too) the last."""
    found = list(items)
    joined = found[0]
    for n, item in enumerate(found[1:], start=2):
        joined = fill(end if end is not None and n == len(found) else middle, list=joined, item=item)
    return joined


def _and(labels: list[Markup], say: Say) -> str:
    """A list of labels: "A, B and C"."""
    # Translators: joins one more score's name to a list of them: "Anxiety" and "Avoidance" make "Anxiety, Avoidance".
    middle = say("{list}, {item}")
    # Translators: joins the last score's name to a list of them: "Anxiety, Avoidance" and "Care" make
    # "Anxiety, Avoidance and Care".
    end = say("{list} and {item}")
    return _listed(labels, middle, end)


def _semicolons(parts: Iterable[str], say: Say) -> str:
    """The parts of a description's list: "A; B; C"."""
    # Translators: joins one more part to a list in a plot's description for screen readers ("Secure: 1 to 4").
    return _listed(parts, say("{list}; {item}"))


def bands(quiz: Quiz, axis: Axis) -> list[tuple[int, float, float]]:
    """The results along one score, as (index of the result, from, to), low to high: where each value places, by
    the first result whose ranges hold there. Results that name another score, and `highest` quizzes, have none."""
    if quiz.result_rule != "first":
        return []
    ranges = [(i, r.when.get(axis.id)) for i, r in enumerate(quiz.results) if not set(r.when) - {axis.id}]
    cuts = {axis.low, axis.high} | {
        cut
        for _, rng in ranges
        if rng is not None
        for cut in (rng.at_least, rng.below)
        if cut is not None and axis.low < cut < axis.high
    }
    edges = sorted(cuts)
    found: list[tuple[int, float, float]] = []
    for start, end in zip(edges, edges[1:], strict=False):
        middle = (start + end) / 2
        index = next((i for i, rng in ranges if rng is None or rng.holds(middle)), None)
        if index is None:
            continue
        if found and found[-1][0] == index and found[-1][2] == start:
            found[-1] = (index, found[-1][1], end)
        else:
            found.append((index, start, end))
    return found


def _map(quiz: Quiz, x: Axis, y: Axis, prefix: str, mirrored: bool = False, say: Say = english) -> Markup:
    """Two scores: a square with each result's region drawn, as drawn before the plot fitted other counts.
    Mirrored, the whole drawing is flipped left to right (its letters are not): `mx` takes an x to its mirror."""
    width = LEFT + SIZE + 12

    def mx(at: float) -> float:
        return width - at if mirrored else at

    def px(v: float) -> float:
        return mx(LEFT + (v - x.low) / (x.high - x.low) * SIZE)

    def py(v: float) -> float:
        return TOP + SIZE - (v - y.low) / (y.high - y.low) * SIZE

    shapes, labels, described = [], [], []
    regions = quiz.results if quiz.result_rule == "first" else []  # under `highest`, results are no regions
    drawn = []
    for index, result in enumerate(regions):
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
        if x1 > x0 and y1 > y0:
            drawn.append((index, result, (x0, x1, y0, y1)))
    seen = _visible_cells(x, y, [box for _, _, box in drawn])
    for k, (index, result, (x0, x1, y0, y1)) in reversed(list(enumerate(drawn))):
        name = _name(result)
        shapes.append(
            f'<rect class="region region-{index % 6}" x="{min(px(x0), px(x1)):.1f}" y="{py(y1):.1f}" '
            f'width="{abs(px(x1) - px(x0)):.1f}" height="{py(y0) - py(y1):.1f}"/>'
        )
        if not seen[k]:
            continue  # earlier regions cover it all
        inside = [c for c in _cells(x, y, [b for _, _, b in drawn]) if _inside(c, (x0, x1, y0, y1))]
        whole = len(seen[k]) == len(inside)  # else earlier regions cover part of it: label its largest piece
        area = max(seen[k], key=lambda c: (c[1] - c[0]) * (c[3] - c[2]))
        cx0, cx1, cy0, cy1 = (x0, x1, y0, y1) if whole else area
        labels.append(
            f'<text class="region-label" x="{(px(cx0) + px(cx1)) / 2:.1f}" y="{(py(cy0) + py(cy1)) / 2:.1f}" '
            f'text-anchor="middle" dominant-baseline="middle">{name}</text>'
        )
        if not result.when:
            # Translators: a result that holds wherever the plot's other regions do not
            described.append(fill(say("{name}: everywhere else"), name=name))
        else:
            spans = {
                "x_label": escape(x.label),
                "x_start": format_number(x0),
                "x_end": format_number(x1),
                "y_label": escape(y.label),
                "y_start": format_number(y0),
                "y_end": format_number(y1),
            }
            region = (
                say("{name}: {x_label} {x_start} to {x_end}, {y_label} {y_start} to {y_end}")
                if whole
                else say(
                    "{name}: {x_label} {x_start} to {x_end}, {y_label} {y_start} to {y_end}, "
                    "where no region above applies"
                )
            )
            described.append(fill(region, name=name, **spans))
    bottom, right = TOP + SIZE, LEFT + SIZE
    beside, ltr = ("start", ' direction="ltr"') if mirrored else ("end", "")  # the vertical ticks face the square
    ticks = "".join(
        f'<text class="tick" x="{px(v):.1f}" y="{bottom + 16}" text-anchor="middle"{ltr}>{format_number(v)}</text>'
        f'<text class="tick" x="{mx(LEFT - 8)}" y="{py(w):.1f}" text-anchor="{beside}" dominant-baseline="middle"'
        f"{ltr}>{format_number(w)}</text>"
        for v, w in ((x.low, y.low), ((x.low + x.high) / 2, (y.low + y.high) / 2), (x.high, y.high))
    )
    runs = (
        say(
            "{x_label} runs right to left from {x_low} to {x_high}; "
            "{y_label} runs bottom to top from {y_low} to {y_high}."
        )
        if mirrored
        else say(
            "{x_label} runs left to right from {x_low} to {x_high}; "
            "{y_label} runs bottom to top from {y_low} to {y_high}."
        )
    )
    desc = fill(
        runs,
        x_label=escape(x.label),
        x_low=format_number(x.low),
        x_high=format_number(x.high),
        y_label=escape(y.label),
        y_low=format_number(y.low),
        y_high=format_number(y.high),
    )
    if described:
        desc += " " + fill(say("Regions: {regions}."), regions=_semicolons(reversed(described), say))
    title = fill(say("Where the scores fall on {labels}"), labels=_and([escape(x.label), escape(y.label)], say))
    frame, side = mx(right) if mirrored else LEFT, mx(14)  # the square's left edge; the vertical label's middle
    return Markup(
        f'<svg class="plot" viewBox="0 0 {width} {bottom + 44}" role="img" '
        f'aria-labelledby="{prefix}-title {prefix}-desc" data-plot data-x="{escape(x.id)}" data-y="{escape(y.id)}" '
        f'data-x-low="{x.low}" data-x-high="{x.high}" data-y-low="{y.low}" data-y-high="{y.high}" '
        f'data-left="{frame}" data-top="{TOP}" data-size="{SIZE}"{MIRRORED if mirrored else ""}>'
        f'<title id="{prefix}-title">{title}</title>'
        f'<desc id="{prefix}-desc">{desc}</desc>'
        f'<g class="regions">{"".join(shapes)}</g>'
        f'<rect class="frame" x="{frame}" y="{TOP}" width="{SIZE}" height="{SIZE}"/>'
        f'<g class="labels">{"".join(labels)}</g>{ticks}'
        f'<text class="axis-label" x="{mx(LEFT + SIZE / 2)}" y="{bottom + 36}" text-anchor="middle">'
        f"{escape(x.label)} {_arrow(mirrored)}</text>"
        f'<text class="axis-label" x="{side}" y="{TOP + SIZE / 2}" text-anchor="middle" '
        f'transform="rotate(-90 {side} {TOP + SIZE / 2})">{escape(y.label)} →</text>'
        f"<g data-points></g></svg>"
    )


def _arrow(mirrored: bool) -> str:
    """The arrow after a horizontal axis's label, pointing where its values grow; a right-to-left line shows it at
    the label's left end."""
    return "←" if mirrored else "→"


Box = tuple[float, float, float, float]
"""x from, x to, y from, y to."""


def _cells(x: Axis, y: Axis, boxes: list[Box]) -> list[Box]:
    """The grid the regions' edges cut the plot into."""
    xs = sorted({x.low, x.high, *(v for b in boxes for v in b[:2])})
    ys = sorted({y.low, y.high, *(v for b in boxes for v in b[2:])})
    return [(a, b, c, d) for a, b in itertools.pairwise(xs) for c, d in itertools.pairwise(ys)]


def _inside(cell: Box, box: Box) -> bool:
    return box[0] <= cell[0] and cell[1] <= box[1] and box[2] <= cell[2] and cell[3] <= box[3]


def _visible_cells(x: Axis, y: Axis, boxes: list[Box]) -> list[list[Box]]:
    """For each region, in order, the cells where it is the first that holds: where a reader would land on it."""
    seen: list[list[Box]] = [[] for _ in boxes]
    for cell in _cells(x, y, boxes):
        first = next((k for k, box in enumerate(boxes) if _inside(cell, box)), None)
        if first is not None:
            seen[first].append(cell)
    return seen


def _scale(quiz: Quiz, axis: Axis, prefix: str, mirrored: bool = False, say: Say = english) -> Markup:
    """One score: a band per result along a marked line, ticks under it, and lanes for the reader's marker (upper)
    and a partner's (lower). Mirrored, the line runs from its low end on the right."""
    left, length, top, height = 12, WIDTH - 24, 28, 64
    bottom = top + height

    def px(value: float) -> float:
        at = axis.at(value, left, length)
        return WIDTH - at if mirrored else at  # the line lies as far from either side

    shapes, labels, spilled, described = [], [], [], []
    placed = bands(quiz, axis)
    for index, start, end in placed:
        name = _name(quiz.results[index])
        x0, x1 = sorted((px(start), px(end)))
        shapes.append(
            f'<rect class="region region-{index % 6}" x="{x0:.1f}" y="{top}" width="{x1 - x0:.1f}" height="{height}"/>'
        )
        # Translators: a result's name and the stretch of the score's scale where it is the result
        span = fill(say("{name}: {start} to {end}"), name=name, start=format_number(start), end=format_number(end))
        if len(name) * CHAR + 6 <= x1 - x0:
            labels.append(
                f'<text class="region-label" x="{(x0 + x1) / 2:.1f}" y="{top + 14}" text-anchor="middle" '
                f'dominant-baseline="middle">{name}</text>'
            )
        else:  # too narrow for its name: name and range go under the scale, below the band's middle
            spilled.append(((x0 + x1) / 2, span))
        described.append(span)
    cuts = [axis.low, *(start for _, start, _ in placed[1:]), axis.high]
    if len(cuts) == 2:
        cuts.insert(1, (axis.low + axis.high) / 2)
    shown: list[float] = []
    ticks = []
    low, high, ltr = _tick_anchors(mirrored)
    for value in sorted(cuts, key=lambda v: v not in (axis.low, axis.high)):  # the ends first: they always show
        x = px(value)
        ticks.append(f'<line class="tick-mark" x1="{x:.1f}" y1="{bottom}" x2="{x:.1f}" y2="{bottom + 5}"/>')
        if all(abs(x - other) >= 24 for other in shown):
            shown.append(x)
            anchor = low if value == axis.low else high if value == axis.high else "middle"
            ticks.append(
                f'<text class="tick" x="{x:.1f}" y="{bottom + 18}" text-anchor="{anchor}"{ltr}>'
                f"{format_number(value)}</text>"
            )
    axis_y = bottom + 38
    for n, (x, text) in enumerate(spilled):  # on two alternating rows, so neighbours do not run into each other
        half = len(text) * CHAR / 2
        x = min(max(x, left + half), left + length - half)
        row = axis_y + 18 * (1 + n % 2)
        labels.append(f'<text class="region-label" x="{x:.1f}" y="{row}" text-anchor="middle">{text}</text>')
    last = axis_y + 18 * min(len(spilled), 2)
    runs = (
        say("{label} runs right to left from {low} to {high}.")
        if mirrored
        else say("{label} runs left to right from {low} to {high}.")
    )
    desc = fill(runs, label=escape(axis.label), low=format_number(axis.low), high=format_number(axis.high))
    if described:
        desc += " " + fill(say("Ranges: {ranges}."), ranges=_semicolons(described, say))
    title = fill(say("Where the score falls on {label}"), label=escape(axis.label))
    data = (
        f'data-x="{escape(axis.id)}" data-x-low="{axis.low}" data-x-high="{axis.high}" data-left="{left}" '
        f'data-size="{length}" data-you="{top + 34}" data-partner="{top + 52}" data-legend="{LEGEND}"'
    )
    return Markup(
        _opening(prefix, title, desc, last + 10, data, "scale", mirrored)
        + f'<rect class="track" x="{left}" y="{top}" width="{length}" height="{height}"/>'
        f'<g class="regions">{"".join(shapes)}</g>'
        f'<rect class="frame" x="{left}" y="{top}" width="{length}" height="{height}"/>'
        f"{''.join(ticks)}"
        f'<text class="axis-label" x="{left + length / 2}" y="{axis_y}" text-anchor="middle">'
        f"{escape(axis.label)} {_arrow(mirrored)}</text>"
        f'<g class="labels">{"".join(labels)}</g>'
        "<g data-points></g></svg>"
    )


def _wrapped(text: str, width: float) -> list[str]:
    """A label in lines of about `width` units, broken between words (a word longer than that keeps its line)."""
    lines = [""]
    for word in text.split():
        joined = f"{lines[-1]} {word}".strip()
        if lines[-1] and len(joined) * CHAR > width:
            lines.append(word)
        else:
            lines[-1] = joined
    return lines


def _row_label(text: str, x: float, y: float, width: float) -> tuple[str, int]:
    """A profile row's label, first baseline at `y`, on as many lines as it needs (a line too long for `width`
    squeezed into it), and how many lines that is."""
    lines = _wrapped(text, width)

    def fit(line: str) -> str:
        return f' textLength="{width}" lengthAdjust="spacingAndGlyphs"' if len(line) * CHAR > width else ""

    if len(lines) == 1:
        return f'<text class="row-label" x="{x}" y="{y}"{fit(text)}>{escape(text)}</text>', 1
    spans = "".join(
        f'<tspan x="{x}" y="{y + 14 * n}"{fit(line)}>{escape(line)}</tspan>' for n, line in enumerate(lines)
    )
    return f'<text class="row-label">{spans}</text>', len(lines)


def _profile(found: list[Axis], prefix: str, mirrored: bool = False, say: Say = english) -> Markup:
    """Three or more scores: a row each, with its label (on more lines when long), a track from its lowest to its
    highest value, ticks, and lanes for the reader's bar (upper) and a partner's marker (lower). Mirrored, each track
    runs from its low end on the right, and the labels start at the right (at their "start", right to left)."""
    left, length, top = 8, WIDTH - 16, 28
    low, high, ltr = _tick_anchors(mirrored)
    rows = []
    for axis in found:
        label, count = _row_label(axis.label, left + length if mirrored else left, top + 12, length)
        top += 14 * (count - 1)  # each line past the first moves the rest of the row down
        ticks = "".join(
            f'<line class="tick-mark" x1="{x:.1f}" y1="{top + 48}" x2="{x:.1f}" y2="{top + 52}"/>'
            f'<text class="tick" x="{x:.1f}" y="{top + 64}" text-anchor="{anchor}"{ltr}>{format_number(value)}</text>'
            for value, anchor in (
                (axis.low, low),
                ((axis.low + axis.high) / 2, "middle"),
                (axis.high, high),
            )
            for at in (axis.at(value, left, length),)
            for x in (WIDTH - at if mirrored else at,)
        )
        rows.append(
            f'<g data-row data-x="{escape(axis.id)}" data-x-low="{axis.low}" data-x-high="{axis.high}" '
            f'data-you="{top + 26}" data-partner="{top + 40}">{label}'
            f'<rect class="track" x="{left}" y="{top + 18}" width="{length}" height="30"/>{ticks}</g>'
        )
        top += 68
    labels = [escape(axis.label) for axis in found]
    title = fill(say("Where the scores fall on {labels}"), labels=_and(labels, say))
    bars = (
        say("A bar for each score, running right to left from its lowest to its highest value: {scores}.")
        if mirrored
        else say("A bar for each score, running left to right from its lowest to its highest value: {scores}.")
    )
    ranged = say("{label} from {low} to {high}")
    scores = (
        fill(ranged, label=label, low=format_number(axis.low), high=format_number(axis.high))
        for label, axis in zip(labels, found, strict=True)
    )
    desc = fill(bars, scores=_semicolons(scores, say))
    data = f'data-left="{left}" data-size="{length}" data-legend="{LEGEND}"'
    return Markup(
        _opening(prefix, title, desc, top, data, "profile", mirrored) + "".join(rows) + "<g data-points></g></svg>"
    )
