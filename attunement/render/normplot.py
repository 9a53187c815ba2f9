"""The norms picture: an inline SVG of how a published sample's scores spread over a score's range.

Drawn at build time, like the result plot; the browser only places the reader's marker and shades the share of the
sample below it (`resultview.js`), from the geometry in data attributes, through SVG attributes (the CSP allows no
inline styles).
"""

from __future__ import annotations

from markupsafe import Markup, escape

from attunement.quiz.bounds import score_bounds
from attunement.quiz.model import Quiz
from attunement.quiz.norms import density
from attunement.quiz.scoring import format_number
from attunement.render.i18n import fill
from attunement.render.plot import MIRRORED, Say, english

WIDTH, HEIGHT, LEFT, TOP = 240, 44, 10, 6


def render_norm_plot(quiz: Quiz, score_id: str, prefix: str, *, mirrored: bool = False, say: Say = english) -> Markup:
    """The picture for a score with norms, or nothing for a score without. `mirrored` draws it for a right-to-left
    page, as the result plot: low scores at the right end, the numbers still read left to right (`normlogic.js`
    places the marker by the picture's `data-mirrored`). `say` translates its title; the sample is the quiz's."""
    norms = quiz.structure.score(score_id).norms
    if norms is None:
        return Markup("")
    low, high = score_bounds(quiz, score_id)
    bottom = TOP + HEIGHT
    full = LEFT * 2 + WIDTH

    def mx(at: float) -> float:
        """Where `at`, measured from the left, lies in the picture: mirrored, as far from the right."""
        return full - at if mirrored else at

    def px(v: float) -> float:
        return mx(LEFT + (v - low) / (high - low) * WIDTH)

    line = " ".join(f"{px(x):.1f},{bottom - h * HEIGHT:.1f}" for x, h in density(norms, low, high))
    area = f"M{mx(LEFT)},{bottom} L{line} L{mx(LEFT + WIDTH)},{bottom} Z"
    first, last = (
        (' text-anchor="end" direction="ltr"', ' text-anchor="start" direction="ltr"')
        if mirrored
        else ("", ' text-anchor="end"')
    )
    title = fill(say("How scores spread among {sample}, yours marked"), sample=escape(norms.sample))
    return Markup(
        f'<svg class="norm-plot" viewBox="0 0 {full} {bottom + 18}" role="img" '
        f'aria-labelledby="{prefix}-title" data-norm-plot data-low="{low}" data-high="{high}" '
        f'data-left="{LEFT}" data-width="{WIDTH}"{MIRRORED if mirrored else ""}>'
        f'<title id="{prefix}-title">{title}</title>'
        f'<clipPath id="{prefix}-below"><rect data-norm-below x="{mx(LEFT)}" y="0" width="0" height="{bottom}"/>'
        "</clipPath>"
        f'<path class="norm-area" d="{area}"/>'
        f'<path class="norm-below" d="{area}" clip-path="url(#{prefix}-below)"/>'
        f'<polyline class="norm-curve" points="{line}"/>'
        f'<line class="norm-axis" x1="{LEFT}" y1="{bottom}" x2="{LEFT + WIDTH}" y2="{bottom}"/>'
        f'<text class="tick" x="{mx(LEFT)}" y="{bottom + 14}"{first}>{format_number(low)}</text>'
        f'<text class="tick" x="{mx(LEFT + WIDTH)}" y="{bottom + 14}"{last}>{format_number(high)}</text>'
        f'<line class="norm-marker" data-norm-marker x1="{mx(LEFT)}" y1="{TOP - 4}" x2="{mx(LEFT)}" y2="{bottom + 3}"/>'
        "</svg>"
    )
