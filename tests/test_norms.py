"""Norms and change over time, in Python: percentiles in numbers and words (held to the browser's normlogic.js, run in
node, over many scores), the smallest change that is more than measurement error, the picture, what the client key
carries, and `attune score`."""

from __future__ import annotations

import json
import math
import random
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, attune, write_site

from attunement.quiz.client_key import client_key
from attunement.quiz.model import Change, Norms, Quiz
from attunement.quiz.norms import density, erf, in_words, minimal_change, percentile, percentile_words
from attunement.render.normplot import render_norm_plot

NORMED = """\
title: Closeness and distance, normed
description: A quiz whose scores carry norms and a measurement error.
scale: {min: 1, max: 5, labels: {1: Disagree, 5: Agree}}
dimensions:
  - id: closeness
    label: Wish for closeness
    low: Distance rarely bothers you.
    high: You want a lot of closeness.
    norms: {citation: Doe (2011), sample: adults in the 2011 online sample, size: 21000, language: en,
            version: "2.0", mean: 3.0, sd: 0.8}
    change: {retest: 0.8}
  - id: distance
    label: Need for distance
    low: Closeness rarely feels like too much.
    high: Closeness can soon feel like too much.
    norms: {citation: Roe (2015), sample: students, size: 250, language: en, version: "1",
            percentiles: {1: 1, 2: 16, 3: 50, 4: 84, 5: 99}}
    change: {minimal: 0.5}
derived:
  - {id: overall, label: Overall, low: Low overall., high: High overall., of: [closeness, distance]}
items:
  - {id: c1, text: I like to hear from the people I love every day., dimension: closeness}
  - {id: c2, text: Long stretches without contact feel fine to me., dimension: closeness, reverse: true}
  - {id: d1, text: After a lot of togetherness I need time alone., dimension: distance}
  - {id: d2, text: I keep some things to myself., dimension: distance}
results:
  - {id: all, title: Everyone, summary: One result for all., body: Text.}
"""


def normal(mean: float, sd: float, sample: str = "adults", size: int = 400) -> Norms:
    return Norms(citation="-", sample=sample, size=size, language="en", version="1", mean=mean, sd=sd)


def table(rows: dict[float, float], sample: str = "adults", size: int = 400) -> Norms:
    return Norms(citation="-", sample=sample, size=size, language="en", version="1", percentiles=rows)


def normed_quiz(text: str = NORMED) -> Quiz:
    return Quiz.model_validate(yaml.safe_load(text))


def test_erf_is_as_accurate_as_the_c_library() -> None:
    rng = random.Random(1)
    xs = [rng.uniform(-8, 8) for _ in range(50_000)] + [rng.uniform(-1e-3, 1e-3) for _ in range(1000)]
    xs += [0.0, 1e-300, 5e-324, 5.999999999, 6.0, -6.0, 1e6, -1e6, math.inf, -math.inf]
    worst = max(abs(erf(x) - math.erf(x)) for x in xs)
    assert worst <= 3e-15, worst
    assert all(erf(-x) == -erf(x) for x in xs)


def test_a_normal_percentile_is_the_share_below_the_score() -> None:
    norms = normal(3.0, 0.8)
    assert percentile(norms, 3.0) == 50
    assert percentile(norms, 3.8) == pytest.approx(84.13447460685429, abs=1e-12)
    assert percentile(norms, 2.2) == pytest.approx(15.865525393145707, abs=1e-12)
    assert 0 <= percentile(norms, -1e9) <= percentile(norms, 1e9) <= 100


def test_a_table_percentile_is_linear_between_rows_and_flat_beyond_them() -> None:
    norms = table({3: 50, 1: 1, 2: 16, 5: 99, 4: 84})  # in any order in the file
    assert [percentile(norms, x) for x in (0.5, 1, 1.5, 2, 2.5, 4.25, 5, 7)] == [1, 1, 8.5, 16, 33, 87.75, 99, 99]


def test_the_words_compare_and_never_judge() -> None:
    sample = "adults in the 2011 online sample"
    assert percentile_words(61.8, sample, 21000) == (
        "Higher than about 62 of 100 adults in the 2011 online sample of 21,000."
    )
    assert percentile_words(62.5, "adults", 400) == "Higher than about 63 of 100 adults of 400."
    assert percentile_words(1, "adults", 400) == "Higher than about 1 of 100 adults of 400."
    assert percentile_words(0.999, "adults", 400) == "Lower than almost all adults of 400."
    assert percentile_words(99.001, "adults", 1_234_567) == "Higher than almost all adults of 1,234,567."
    assert in_words(normal(3.0, 0.8, sample, 21000), 3.8) == (
        "Higher than about 84 of 100 adults in the 2011 online sample of 21,000."
    )
    for pct in range(0, 101):
        words = percentile_words(pct - 0.5, "adults", 400).lower()
        assert not any(verdict in words for verdict in ("normal", "risk", "disorder", "clinical", "you are"))


def test_the_smallest_real_change_is_declared_or_follows_from_test_retest_reliability() -> None:
    norms = normal(3.0, 0.8)
    assert minimal_change(None, norms) is None
    assert minimal_change(Change(minimal=0.5), None) == 0.5
    assert minimal_change(Change(retest=0.8), norms) == pytest.approx(1.96 * math.sqrt(2) * 0.8 * math.sqrt(0.2))
    assert minimal_change(Change(retest=0.8), norms) == pytest.approx(0.99169027, abs=1e-8)


def test_the_picture_shows_the_sample_over_the_scores_range() -> None:
    curve = density(normal(3.0, 0.8), 1, 5)
    assert max(h for _, h in curve) == 1 and dict(curve)[3.0] == 1, "the curve peaks at the mean"
    assert dict(curve)[1] == pytest.approx(math.exp(-((2 / 0.8) ** 2) / 2))
    assert [x for x, _ in curve] == sorted(x for x, _ in curve) and curve[0][0] == 1 and curve[-1][0] == 5
    steps = density(table({2: 10, 3: 50, 4: 70}), 1, 5)
    assert steps == [(1, 0), (2, 0), (2, 1), (3, 1), (3, 0), (3, 0.5), (4, 0.5), (4, 0), (5, 0)], (
        "40 in 1 point, then 20 in 1 point: the first step twice as high; no one in the table below 2 or above 4"
    )


def test_the_client_key_carries_only_what_the_browser_needs() -> None:
    quiz = normed_quiz()
    scores = {s["id"]: s for s in client_key("normed", quiz, {"all": "results/all/"})["scores"]}
    assert scores["closeness"]["norms"] == {
        "sample": "adults in the 2011 online sample",
        "size": 21000,
        "mean": 3.0,
        "sd": 0.8,
    }
    assert scores["distance"]["norms"] == {
        "sample": "students",
        "size": 250,
        "table": [[1, 1], [2, 16], [3, 50], [4, 84], [5, 99]],
    }
    assert scores["closeness"]["change"] == pytest.approx(0.99169027, abs=1e-8)
    assert scores["distance"]["change"] == 0.5
    assert "norms" not in scores["overall"] and "change" not in scores["overall"]
    plain = yaml.safe_load(NORMED)
    for dim in plain["dimensions"]:
        del dim["norms"], dim["change"]
    key = client_key("plain", Quiz.model_validate(plain), {"all": "results/all/"})
    assert not any("norms" in s or "change" in s for s in key["scores"]), "a quiz without norms carries none"


def test_the_picture_is_drawn_for_scores_with_norms_only() -> None:
    quiz = normed_quiz()
    assert render_norm_plot(quiz, "overall", "p") == ""
    svg = str(render_norm_plot(quiz, "distance", "p-2"))
    assert 'data-norm-plot data-low="1.0" data-high="5.0" data-left="10" data-width="240"' in svg
    assert '<line class="norm-marker" data-norm-marker x1="10" y1="2" x2="10" y2="53"/>' in svg, "at the low end"
    assert '<clipPath id="p-2-below"><rect data-norm-below x="10" y="0" width="0"' in svg, "nothing shaded yet"
    assert 'clip-path="url(#p-2-below)"' in svg and '<title id="p-2-title">How scores spread among students' in svg
    assert "style=" not in svg, "the page's CSP allows no inline styles"


def test_mirrored_the_picture_runs_from_its_low_end_at_the_right_its_numbers_unflipped() -> None:
    """For right-to-left pages, as the result plot: the sample's curve at its mirror image in the 260 units, the
    marker and the shading start at the right, and the picture says so for normlogic.js (data-mirrored)."""
    quiz = normed_quiz()
    for score in ("closeness", "distance"):
        plain, svg = str(render_norm_plot(quiz, score, "p")), str(render_norm_plot(quiz, score, "p", mirrored=True))
        assert "data-mirrored" not in plain and "direction=" not in plain
        assert 'data-left="10" data-width="240" data-mirrored="1" direction="rtl">' in svg

        def points(drawn: str) -> list[tuple[float, float]]:
            found = re.search(r'<polyline class="norm-curve" points="([^"]+)"', drawn)
            assert found
            return [(float(x), float(y)) for x, y in (p.split(",") for p in found.group(1).split())]

        assert [(pytest.approx(260 - x, abs=0.05), y) for x, y in points(plain)] == points(svg)
        assert re.search(r'd="M250,50 L[^"]* L10,50 Z"', svg), "the area closes along the axis, from the low end"
        assert '<line class="norm-marker" data-norm-marker x1="250" y1="2" x2="250" y2="53"/>' in svg
        assert '<clipPath id="p-below"><rect data-norm-below x="250" y="0" width="0"' in svg, "nothing shaded yet"
        low, high = re.findall(r'<text class="tick" ([^>]*)>([^<]*)</text>', svg)
        assert low == ('x="250" y="64" text-anchor="end" direction="ltr"', "1"), "the low end's number at the right"
        assert high == ('x="10" y="64" text-anchor="start" direction="ltr"', "5")
        assert re.findall(r"<title[^>]*>[^<]*</title>", svg) == re.findall(r"<title[^>]*>[^<]*</title>", plain)
    with pytest.raises(TypeError):
        render_norm_plot(quiz, "distance", "p", True)  # type: ignore[misc]


def run_normlogic(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the browser's normlogic.js makes of each case (see tests/js/norms_many.mjs)."""
    out = subprocess.run(
        ["node", str(ROOT / "tests/js/norms_many.mjs")],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(out.stdout)


def key_norms(norms: Norms) -> dict[str, Any]:
    """The norms as the client key writes them: a one-dimension quiz's key, read back."""
    spec = yaml.safe_load(NORMED)
    spec["dimensions"][1]["norms"] = norms.model_dump(exclude_none=True)
    quiz = Quiz.model_validate(spec)
    return client_key("q", quiz, {"all": "results/all/"})["scores"][1]["norms"]


def test_browser_and_reference_agree_on_percentiles_and_words_over_many_scores() -> None:
    rng = random.Random(14)
    cases: list[tuple[Norms, float]] = []
    for _ in range(300):
        mean, sd = rng.uniform(-20, 60), rng.choice((0.05, 0.5, 0.8, 1, 3.7, 15, rng.uniform(0.01, 30)))
        norms = normal(mean, sd, "people", rng.choice((7, 400, 21000, 1_234_567)))
        zs = [rng.uniform(-4, 4) for _ in range(60)] + [rng.uniform(-12, 12) for _ in range(20)]
        zs += [0, 6 * math.sqrt(2), -6 * math.sqrt(2), 8.4852, -8.4852, 2.326, -2.326]  # erf's switch, ~1 and ~99
        cases += [(norms, mean + z * sd) for z in zs]
    for _ in range(300):
        xs = sorted(rng.sample(range(-50, 200), rng.randint(2, 8)))
        ps = sorted(rng.sample(range(0, 10_001), len(xs)))
        norms = table({x / 4: p / 100 for x, p in zip(xs, ps, strict=True)}, "students", rng.randint(1, 99_999))
        rows = sorted(norms.percentiles or {})
        scores = [rng.uniform(rows[0] - 5, rows[-1] + 5) for _ in range(40)] + rows
        scores += [(a + b) / 2 for a, b in zip(rows, rows[1:], strict=False)]
        cases += [(norms, s) for s in scores]
    # words at their edges: table norms give exact percentiles, so rounding half up and the ends are exercised
    edge = table({0: 0, 100: 100})
    cases += [(edge, s) for s in (0.5, 1, 0.9999, 1.5, 2.5, 62.5, 62.4999, 98.5, 99, 99.0001, 99.5, 100)]
    shown = {id(n): key_norms(n) for n in {id(n): n for n, _ in cases}.values()}
    xs = [rng.uniform(-7, 7) for _ in range(5000)] + [0.0, 5.999999999999999, 6.0, 1e-300]
    browser = run_normlogic([{"norms": shown[id(n)], "score": s} for n, s in cases] + [{"x": x} for x in xs])
    assert len(browser) == len(cases) + len(xs) > 40_000
    for (norms, score), js in zip(cases, browser, strict=False):
        reference = percentile(norms, score)
        assert abs(js["percentile"] - reference) <= 1e-9, (norms, score, js, reference)
        if norms.percentiles is not None:  # no exp(): the same operations in the same order give the same float
            assert js["percentile"] == reference, (norms, score)
        assert js["words"] == percentile_words(reference, norms.sample, norms.size), (norms, score)
    for x, js in zip(xs, browser[len(cases) :], strict=True):
        assert abs(js["erf"] - erf(x)) <= 1e-15, x
    words = {percentile_words(percentile(n, s), n.sample, n.size).split(" of ")[0] for n, s in cases}
    assert {"Lower than almost all students", "Higher than almost all people", "Higher than about 50"} <= words


def test_attune_score_prints_the_percentile_of_each_score_with_norms(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"quizzes/normed.yaml": NORMED})
    answers = {"c1": 4, "c2": 2, "d1": 3, "d2": 4}  # closeness (4 + 4) / 2 = 4, distance 3.5
    result = attune("score", "normed", "-", cwd=site, input=json.dumps(answers))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["scores"] == {"closeness": 4.0, "distance": 3.5, "overall": 3.75}
    assert out["percentiles"] == {"closeness": percentile(normal(3.0, 0.8), 4.0), "distance": 67.0}
    assert out["percentiles"]["closeness"] == pytest.approx(89.43502263331446, abs=1e-9), "100 * Phi(1.25)"
    plain = attune(
        "score",
        "conflict-cycle",
        "-",
        cwd=ROOT,
        input=json.dumps({f"pur-0{i}": 5 for i in range(1, 7)} | {f"wdr-0{i}": 1 for i in range(1, 7)}),
    )
    assert plain.returncode == 0, plain.stderr
    assert "percentiles" not in json.loads(plain.stdout), "a quiz without norms prints none"


def test_the_norms_picture_is_valid_html_and_svg(tmp_path: Path) -> None:
    from test_html_valid import vnu_errors

    site = write_site(
        tmp_path / "site", {"site_src/pages/index.md": "---\ntitle: Home\n---\n\nHi.\n", "quizzes/normed.yaml": NORMED}
    )
    built = attune("build", "--strict", "-o", str(tmp_path / "dist"), cwd=site)
    assert built.returncode == 0, built.stderr
    for page in ("quizzes/normed/results/all/index.html", "embed/normed/index.html"):
        assert (tmp_path / "dist" / page).read_text().count("data-norm-plot") == 2, page
    assert vnu_errors(tmp_path / "dist") == ""
