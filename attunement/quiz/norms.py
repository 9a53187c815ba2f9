"""Norms and change over time: a score's percentile in a published sample, said in plain words, the shape of the
sample's scores for a small picture, and the smallest change over time that is more than measurement error.

The reference for the browser's `normlogic.js`, which performs the same operations in the same order (the error
function included: JavaScript has none, so both use the one below). The two give the same floats but where the
browser's `exp` and C's differ in the last place, far within the 1e-9 a test holds them to. Pure arithmetic: no files,
no templates.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from attunement.quiz.model import Change, Norms

SQRT2 = 1.4142135623730951
TWO_OVER_SQRT_PI = 1.1283791670955126


def erf(x: float) -> float:
    """The error function, within 3e-15 of `math.erf` (a few units in the last place).

    erf(x) = 2/sqrt(pi) * exp(-x^2) * sum over n of 2^n x^(2n+1) / (1 * 3 * ... * (2n+1)) (Abramowitz and
    Stegun 7.1.6): every term is positive, so nothing cancels, and the sum runs until a term no longer counts.
    From |x| = 6 on, erf(x) is +-1 in doubles.
    """
    a = abs(x)
    if a >= 6:
        return math.copysign(1.0, x)
    twice = 2 * a * a
    term = total = a
    n = 0
    while term > total * 1e-17:
        n += 1
        term = term * twice / (2 * n + 1)
        total += term
    return math.copysign(min(1.0, TWO_OVER_SQRT_PI * math.exp(-a * a) * total), x)


def percentile(norms: Norms, score: float) -> float:
    """The share of the sample (0 to 100) below `score`: 100 * Phi((score - mean) / sd) for normal norms; for a
    table, linear between its rows and the first or last row's percentile beyond them."""
    if norms.percentiles is None:
        assert norms.mean is not None and norms.sd is not None
        return 50 * (1 + erf((score - norms.mean) / norms.sd / SQRT2))
    rows = sorted(norms.percentiles.items())
    if score <= rows[0][0]:
        return rows[0][1]
    for (x0, p0), (x1, p1) in zip(rows, rows[1:], strict=False):
        if score <= x1:
            return p0 + (score - x0) * (p1 - p0) / (x1 - x0)
    return rows[-1][1]


WORDS = {
    "norms_lower_all": "Lower than almost all {sample} of {size}.",
    "norms_higher_all": "Higher than almost all {sample} of {size}.",
    "norms_higher_about": "Higher than about {n} of 100 {sample} of {size}.",
    "thousands": ",",
}
"""The words in English: the theme's templates/_strings.html gives the browser these in the page's language (under
the same names; tests/test_i18n.py holds the two to the same English)."""

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def percentile_words(pct: float, sample: str, size: int, words: Mapping[str, str] = WORDS) -> str:
    """A percentile as a reader hears it: 'Higher than about 62 of 100 adults in the 2011 online sample of 21,000.'

    A comparison with other people, never a verdict: no 'normal', no 'high risk'. Rounded half up; below 1 and above
    99 'about N of 100' would overstate the precision, so the words say 'almost all' instead. `words` holds the
    sentences (in another language, as a page's attune-strings holds them for the browser).
    """
    values = {"sample": sample, "size": f"{size:,}".replace(",", words["thousands"])}
    if pct < 1:
        name = "norms_lower_all"
    elif pct > 99:
        name = "norms_higher_all"
    else:
        name, values["n"] = "norms_higher_about", str(math.floor(pct + 0.5))
    return _PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), words[name])


def in_words(norms: Norms, score: float) -> str:
    """Where `score` places a reader among the norms' sample, in words."""
    return percentile_words(percentile(norms, score), norms.sample, norms.size)


def minimal_change(change: Change | None, norms: Norms | None) -> float | None:
    """The smallest change between two takings that is more than measurement error: the quiz's `minimal`, or from
    test-retest reliability r and the norms' sd, 1.96 * sqrt(2) * sd * sqrt(1 - r) (the reliable change index at 95%);
    None when the quiz declares none."""
    if change is None:
        return None
    if change.minimal is not None:
        return change.minimal
    assert change.retest is not None and norms is not None and norms.sd is not None, "checked on loading"
    return 1.96 * SQRT2 * norms.sd * math.sqrt(1 - change.retest)


def density(norms: Norms, low: float, high: float, steps: int = 64) -> list[tuple[float, float]]:
    """The shape of the sample's scores from `low` to `high`, as (score, height) points, the highest height 1 (all 0
    when no one in the sample scores there): the normal curve, or the steps the table's percentiles imply (its
    percentiles rise linearly between rows, so people spread evenly over each row's span)."""
    if norms.percentiles is None:
        assert norms.mean is not None and norms.sd is not None
        mean, sd = norms.mean, norms.sd
        xs = sorted(
            {low + (high - low) * i / steps for i in range(steps + 1)} | ({mean} if low < mean < high else set())
        )
        points = [(x, math.exp(-(((x - mean) / sd) ** 2) / 2)) for x in xs]
    else:
        rows = sorted(norms.percentiles.items())
        points = [(low, 0.0)]
        for (x0, p0), (x1, p1) in zip(rows, rows[1:], strict=False):
            a, b = max(x0, low), min(x1, high)
            if a < b:
                height = (p1 - p0) / (x1 - x0)
                points += [(a, 0.0), (a, height), (b, height), (b, 0.0)]
        points.append((high, 0.0))
    top = max(h for _, h in points)
    shape = [(x, h / top if top > 0 else 0.0) for x, h in points]
    return [point for i, point in enumerate(shape) if i == 0 or point != shape[i - 1]]
