"""The result plot fits the number of plotted scores: one is a marked scale with a band per result, two a map (as
before), three or more a profile with a bar per score; the browser puts the reader's marks where the scores say."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import built_quiz_site, serving
from test_quality_browser import run_axe

from attunement.quiz.model import Quiz
from attunement.render.plot import render_plot

SCALE = """\
title: Calm
description: One score on a marked scale.
minutes: 1
scale: {min: 1, max: 5, labels: {1: Disagree, 5: Agree}}
dimensions:
  - {id: calm, label: Calm <under> change, low: Worry comes easily., high: Calm comes easily.}
items:
  - {id: c1, text: I stay calm when plans change., dimension: calm}
  - {id: c2, text: I take surprises in stride., dimension: calm}
results:
  - {id: uneasy, title: Uneasy, summary: Change unsettles you., when: {calm: {below: 2.5}}, body: Uneasy.}
  - {id: between, title: Between, summary: It depends., when: {calm: {at_least: 2.5, below: 3.5}}, body: Between.}
  - {id: steady, title: Steady, summary: Change rarely unsettles you., body: Steady.}
"""

PROFILE = """\
title: Four pulls
description: Four scores as a profile.
minutes: 2
scale: {min: 1, max: 5, labels: {1: Disagree, 5: Agree}}
result_rule: highest
dimensions:
  - {id: near, label: Nearness, low: Low., high: High.}
  - {id: far, label: Distance, low: Low., high: High.}
  - {id: play, label: "How much you like to play, joke and keep things light with the people you love", low: Low.,
     high: High.}
  - {id: care, label: Care, low: Low., high: High., scoring: {method: sum}}
items:
  - {id: n1, text: I want to be close., dimension: near}
  - {id: f1, text: I want to be apart., dimension: far}
  - {id: p1, text: I like to joke around., dimension: play}
  - {id: k1, text: I look after people., dimension: care}
  - {id: k2, text: I check in on friends., dimension: care}
results:
  - {id: close, title: Close, summary: Nearness leads., score: near, body: Nearness leads.}
  - {id: apart, title: Apart, summary: Distance leads., score: far, body: Distance leads.}
  - {id: light, title: Light, summary: Play leads., score: play, body: Play leads.}
  - {id: caring, title: Caring, summary: Care leads., score: care, body: Care leads.}
"""


def quiz(text: str, **changes: object) -> Quiz:
    return Quiz.model_validate({**yaml.safe_load(text), **changes})


def tags(svg: str, name: str) -> list[dict[str, str]]:
    """The attributes of every `<name>` in the SVG, in order."""
    return [dict(re.findall(r'([\w-]+)="([^"]*)"', attrs)) for attrs in re.findall(rf"<{name}\b([^>]*)>", svg)]


def texts(svg: str, cls: str) -> list[str]:
    return re.findall(rf'<text class="{cls}"[^>]*>([^<]*)</text>', svg)


def described(svg: str, prefix: str = "p") -> tuple[str, str]:
    title = re.search(rf'<title id="{prefix}-title">([^<]*)</title>', svg)
    desc = re.search(rf'<desc id="{prefix}-desc">([^<]*)</desc>', svg)
    assert title and desc
    return title.group(1), desc.group(1)


def test_one_score_is_a_scale_with_a_labelled_band_per_result() -> None:
    svg = str(render_plot(quiz(SCALE), "p"))
    assert svg.startswith('<svg class="plot plot-scale" ') and 'role="img" aria-labelledby="p-title p-desc"' in svg
    assert " style=" not in svg
    (root,) = tags(svg, "svg")
    assert root["data-kind"] == "scale" and root["data-x"] == "calm"
    assert (float(root["data-x-low"]), float(root["data-x-high"])) == (1, 5)
    left, size = float(root["data-left"]), float(root["data-size"])
    # 1 to 5 over `size` units: 2.5 and 3.5 sit at 3/8 and 5/8 of the line
    bands = [(r["class"], float(r["x"]), float(r["width"])) for r in tags(svg, "rect") if "region" in r["class"]]
    assert bands == [
        ("region region-0", left, pytest.approx(size * 3 / 8, abs=0.1)),
        ("region region-1", pytest.approx(left + size * 3 / 8, abs=0.1), pytest.approx(size / 4, abs=0.1)),
        ("region region-2", pytest.approx(left + size * 5 / 8, abs=0.1), pytest.approx(size * 3 / 8, abs=0.1)),
    ], "each result's range on the score, the catch-all only where no earlier result places"
    assert texts(svg, "region-label") == ["Uneasy", "Between", "Steady"]
    assert texts(svg, "tick") == ["1", "5", "2.5", "3.5"], "the ends and every cut-off between results"
    assert len(tags(svg, "line")) == 4
    assert texts(svg, "axis-label") == ["Calm &lt;under&gt; change →"]
    assert described(svg) == (
        "Where the score falls on Calm &lt;under&gt; change",
        "Calm &lt;under&gt; change runs left to right from 1 to 5. "
        "Ranges: Uneasy: 1 to 2.5; Between: 2.5 to 3.5; Steady: 3.5 to 5.",
    )
    assert svg.endswith("<g data-points></g></svg>")


def test_a_scale_band_too_narrow_for_its_name_is_named_under_the_scale_with_its_range() -> None:
    data = yaml.safe_load(SCALE)
    data["results"][1]["when"]["calm"]["below"] = 2.6
    svg = str(render_plot(Quiz.model_validate(data), "p"))
    assert texts(svg, "region-label") == ["Uneasy", "Steady", "Between: 2.5 to 2.6"]
    (spilled,) = [t for t in tags(svg, "text") if t.get("class") == "region-label" and "dominant-baseline" not in t]
    (axis,) = [t for t in tags(svg, "text") if t.get("class") == "axis-label"]
    assert float(spilled["y"]) > float(axis["y"])
    assert float(tags(svg, "svg")[0]["viewBox"].split()[3]) > float(spilled["y"]), "the drawing grows to hold it"


def test_a_scale_leaves_out_results_that_name_other_scores_and_highest_quizzes_have_no_bands() -> None:
    data = yaml.safe_load(SCALE)
    data["dimensions"].append({"id": "rest", "label": "Rest", "low": "Low.", "high": "High."})
    data["items"].append({"id": "r1", "text": "I rest.", "dimension": "rest"})
    data["results"][0]["when"]["rest"] = {"below": 3}
    data["plot"] = {"scores": ["calm"]}
    svg = str(render_plot(Quiz.model_validate(data), "p"))
    assert texts(svg, "region-label") == ["Steady", "Between", "Steady"], "Steady places the rest"
    assert "Uneasy" not in described(svg)[1]
    highest = quiz(
        SCALE,
        result_rule="highest",
        results=[
            {"id": "one", "title": "One", "summary": "One.", "score": "calm", "body": "One."},
        ],
    )
    svg = str(render_plot(highest, "p"))
    assert "region-" not in svg and texts(svg, "tick") == ["1", "5", "3"]
    assert described(svg)[1] == "Calm &lt;under&gt; change runs left to right from 1 to 5."


def test_four_scores_are_a_profile_of_one_bar_each_within_320_units() -> None:
    svg = str(render_plot(quiz(PROFILE), "p"))
    assert svg.startswith('<svg class="plot plot-profile" ') and " style=" not in svg
    (root,) = tags(svg, "svg")
    assert root["data-kind"] == "profile" and root["viewBox"].split()[2] == "320"
    rows = tags(svg, "g data-row")
    assert [r["data-x"] for r in rows] == ["near", "far", "play", "care"]
    assert [(float(r["data-x-low"]), float(r["data-x-high"])) for r in rows] == [(1, 5), (1, 5), (1, 5), (2, 10)]
    lanes = [(float(r["data-you"]), float(r["data-partner"])) for r in rows]
    assert all(you < partner for you, partner in lanes) and lanes == sorted(lanes), "a lane each, rows downwards"
    tracks = tags(svg, "rect")
    assert len(tracks) == 4 and {t["class"] for t in tracks} == {"track"}
    left, size = float(root["data-left"]), float(root["data-size"])
    assert all((float(t["x"]), float(t["width"])) == (left, size) for t in tracks) and left + size <= 320
    for track, (you, partner) in zip(tracks, lanes, strict=True):
        top, bottom = float(track["y"]), float(track["y"]) + float(track["height"])
        assert top < you - 7 and partner + 6 < bottom, "both lanes' markers lie on the track"
    assert texts(svg, "row-label") == ["Nearness", "Distance", "Care"]
    lines = re.findall(r'<tspan x="8" y="([\d.]+)">([^<]*)</tspan>', svg)
    assert [text for _, text in lines] == [
        "How much you like to play, joke and keep things",
        "light with the people you love",
    ], "a long label takes two lines, each within the width"
    assert float(lines[1][0]) - float(lines[0][0]) == 14 and float(lines[1][0]) < float(tracks[2]["y"])
    steps = [float(b["y"]) - float(a["y"]) for a, b in zip(tracks, tracks[1:], strict=False)]
    assert steps == [steps[0], steps[0] + 14, steps[0]], "the row with two lines is a line taller"
    assert "textLength" not in svg
    assert texts(svg, "tick") == ["1", "3", "5"] * 3 + ["2", "6", "10"]
    title, desc = described(svg)
    assert title.startswith(
        "Where the scores fall on Nearness, Distance, How much you like to play"
    ) and title.endswith(" and Care")
    assert desc.startswith("A bar for each score, running left to right from its lowest to its highest value: ")
    assert desc.endswith(
        "Nearness from 1 to 5; Distance from 1 to 5; How much you like to play, joke and keep things light with the "
        "people you love from 1 to 5; Care from 2 to 10."
    )


def test_a_profile_label_of_one_overlong_word_is_squeezed_into_the_width() -> None:
    data = yaml.safe_load(PROFILE)
    data["dimensions"][0]["label"] = "Supercalifragilisticexpialidocious-and-then-some-more-of-it"
    svg = str(render_plot(Quiz.model_validate(data), "p"))
    (squeezed,) = [t for t in tags(svg, "text") if "textLength" in t]
    assert squeezed["textLength"] == "304" and squeezed["lengthAdjust"] == "spacingAndGlyphs"


def test_two_scores_stay_a_map_of_the_plotted_pair() -> None:
    four = quiz(PROFILE, plot={"x": "care", "y": "far"})
    svg = str(render_plot(four, "p"))
    (root,) = tags(svg, "svg")
    assert "data-kind" not in root and (root["data-x"], root["data-y"]) == ("care", "far")
    assert described(svg)[0] == "Where the scores fall on Care and Distance"


# The site the browser tests visit: the two quizzes above, built by the real CLI.
def build_plot_site(folder: Path) -> Path:
    return built_quiz_site(folder, {"calm": SCALE, "four": PROFILE})


@pytest.fixture(scope="module")
def plot_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(build_plot_site(tmp_path_factory.mktemp("plots"))) as url:
        yield url


# Each mark's centre, and the box of what it is measured against, in CSS pixels.
GEOMETRY = """(selector) => [...document.querySelectorAll(selector)].map((e) => {
  const b = e.getBoundingClientRect();
  return { x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2, left: b.left, right: b.right, top: b.top,
    bottom: b.bottom, width: b.width, cls: e.getAttribute("class") };
})"""


def boxes(page, selector: str) -> list[dict[str, float]]:
    return page.evaluate(GEOMETRY, selector)


@pytest.mark.browser
def test_the_scale_marks_you_and_a_partner_where_the_scores_lie(page, plot_url: str) -> None:
    page.goto(f"{plot_url}quizzes/calm/results/between/#calm=3&partner.calm=1.5")
    page.locator("svg[data-plot] .point.partner").first.wait_for()
    (track,) = boxes(page, "svg[data-plot] rect.track")
    you, key = boxes(page, "svg[data-plot] circle.point.you")
    partner, partner_key = boxes(page, "svg[data-plot] rect.point.partner")
    # calm 3 is halfway from 1 to 5; 1.5 an eighth of the way
    assert you["x"] == pytest.approx(track["left"] + track["width"] / 2, abs=0.5)
    assert partner["x"] == pytest.approx(track["left"] + track["width"] / 8, abs=0.5)
    assert track["top"] < you["y"] < partner["y"] < track["bottom"], "both on the scale, you above your partner"
    between = boxes(page, "svg[data-plot] rect.region-1")[0]
    uneasy = boxes(page, "svg[data-plot] rect.region-0")[0]
    assert between["left"] < you["x"] < between["right"] and uneasy["left"] < partner["x"] < uneasy["right"]
    assert key["y"] < track["top"] and partner_key["y"] < track["top"], "the key sits above the scale"
    labels = page.locator("svg[data-plot] .point-label").evaluate_all("els => els.map(e => e.textContent)")
    assert labels == ["You", "Your partner"]
    assert page.locator("svg[data-plot] circle.point.you").first.get_attribute("cx") == "160.0"
    assert run_axe(page) == []


@pytest.mark.browser
def test_the_profile_bars_end_at_each_score_and_fit_a_phone(page, plot_url: str) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(
        f"{plot_url}quizzes/four/results/close/#near=2&far=4.5&play=3&care=7&partner.near=5&partner.far=1"
        "&partner.play=1&partner.care=2"
    )
    page.locator("svg[data-plot] .point.partner").first.wait_for()
    tracks = boxes(page, "svg[data-plot] rect.track")
    bars = boxes(page, "svg[data-plot] rect.bar")
    you = boxes(page, "svg[data-plot] circle.point.you")[:4]
    partner = boxes(page, "svg[data-plot] rect.point.partner")[:4]
    # hand-computed shares of each track: near 2 of 1..5, far 4.5 of 1..5, play 3 of 1..5, care 7 of 2..10
    for track, bar, mark, share in zip(tracks, bars, you, (1 / 4, 7 / 8, 1 / 2, 5 / 8), strict=True):
        end = track["left"] + track["width"] * share
        assert bar["left"] == pytest.approx(track["left"], abs=0.5) and bar["right"] == pytest.approx(end, abs=0.5)
        assert mark["x"] == pytest.approx(end, abs=0.5) and track["top"] < mark["y"] < track["bottom"]
    for track, mark, share in zip(tracks, partner, (1, 0, 0, 0), strict=True):
        assert mark["x"] == pytest.approx(track["left"] + track["width"] * share, abs=0.5)
        assert track["top"] < mark["y"] < track["bottom"]
    assert [m["y"] > y["y"] for m, y in zip(partner, you, strict=True)] == [True] * 4, "your partner's lane is lower"
    # readable on a phone: the drawing fits the screen, its letters stay at least 9 pixels, and no text leaves it
    (svg,) = boxes(page, "svg[data-plot]")
    assert svg["left"] >= 0 and svg["right"] <= 320
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    font = page.locator("svg[data-plot] text.row-label").first.evaluate(
        "t => parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getScreenCTM().a"
    )
    assert font >= 9
    for text in boxes(page, "svg[data-plot] text"):
        assert svg["left"] - 0.5 <= text["left"] and text["right"] <= svg["right"] + 0.5, text
    assert run_axe(page) == []


CATCH_ALL = """\
title: Catch-all
description: Two regions and a result for everything else.
scale: {min: 1, max: 7, labels: {1: Never, 7: Always}}
dimensions:
  - {id: anxiety, label: Anxiety, low: Low., high: High.}
  - {id: avoidance, label: Avoidance, low: Low., high: High.}
items:
  - {id: a1, text: One., dimension: anxiety}
  - {id: v1, text: Two., dimension: avoidance}
results:
  - {id: at-ease, title: At ease, summary: S., when: {anxiety: {below: 4}, avoidance: {below: 4}}, body: B.}
  - {id: watchful, title: Watchful, summary: S., when: {anxiety: {at_least: 4}}, body: B.}
  - {id: self-reliant, title: Self-reliant, summary: S., body: B.}
"""


def test_a_result_partly_covered_by_earlier_ones_is_labelled_and_described_where_readers_land() -> None:
    """The catch-all spans the whole square but shows only where the earlier regions do not: anxiety below 4 and
    avoidance from 4. Its label sits there (x from 1 to 4, y from 4 to 7), and the words say where it applies."""
    svg = str(render_plot(quiz(CATCH_ALL), "p"))
    assert "Self-reliant: everywhere else" in svg
    assert "Watchful: Anxiety 4 to 7, Avoidance 1 to 7;" in svg, "a region drawn whole is described by its ranges"
    x, y = re.search(r'<text class="region-label" x="([\d.]+)" y="([\d.]+)"[^>]*>Self-reliant<', svg).groups()
    left, top, size = 56, 12, 240
    assert float(x) == left + 1.5 / 6 * size and float(y) == top + size - 4.5 / 6 * size
