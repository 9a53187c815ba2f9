"""A mirrored plot, for right-to-left pages: the horizontal axis runs from its low end on the right, whatever sits
beside it moves across, and no text is flipped; the browser's marks follow from the data attributes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, serving
from test_plot_kinds import CATCH_ALL, PROFILE, SCALE, quiz, tags, texts

from attunement.quiz.model import Quiz
from attunement.render.plot import render_plot


def narrow_scale() -> Quiz:
    """The scale with a band too narrow for its name, which then goes under the scale."""
    data = yaml.safe_load(SCALE)
    data["results"][1]["when"]["calm"]["below"] = 2.6
    return Quiz.model_validate(data)


KINDS = {
    "scale": lambda: quiz(SCALE),
    "narrow scale": narrow_scale,
    "profile": lambda: quiz(PROFILE),
    "map": lambda: quiz(CATCH_ALL),
}


def elements(svg: str) -> list[tuple[str, dict[str, str]]]:
    """Every element's tag and attributes, in order."""
    return [
        (tag, dict(re.findall(r'([\w-]+)="([^"]*)"', attrs))) for tag, attrs in re.findall(r"<([a-z]+)\b([^>]*)>", svg)
    ]


def numbers(attrs: dict[str, str]) -> dict[str, object]:
    """The attributes, numbers as numbers (a rotation as its three) to compare them whatever their decimals."""
    found: dict[str, object] = dict(attrs)
    for name, value in attrs.items():
        if re.fullmatch(r"-?[\d.]+", value):
            found[name] = float(value)
        elif name == "transform":
            found[name] = tuple(float(v) for v in re.findall(r"-?[\d.]+", value))
    return found


def mirror(tag: str, attrs: dict[str, str], width: float) -> dict[str, object]:
    """What an element of an unmirrored plot becomes, mirrored in a plot `width` wide: its horizontal places
    reflected, numbers anchored the other way round and read left to right, everything else as it was."""
    found = numbers(attrs)
    if tag == "rect":
        found["x"] = pytest.approx(width - float(attrs["x"]) - float(attrs["width"]), abs=0.05)
    for name in ("x", "x1", "x2") if tag != "rect" else ():
        if name in attrs:
            found[name] = pytest.approx(width - float(attrs[name]), abs=0.05)
    if "transform" in attrs:
        turn, x, y = numbers(attrs)["transform"]  # type: ignore[misc]
        found["transform"] = (turn, width - x, y)
    if attrs.get("class") == "tick":
        swap = {"start": "end", "end": "start", "middle": "middle"}
        found["text-anchor"], found["direction"] = swap[attrs["text-anchor"]], "ltr"
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_a_mirrored_plot_is_the_mirror_image_of_the_plot_with_its_text_unflipped(kind: str) -> None:
    made = KINDS[kind]()
    plain, mirrored = str(render_plot(made, "p")), str(render_plot(made, "p", mirrored=True))
    (root,) = tags(plain, "svg")
    width = float(root["viewBox"].split()[2])
    assert "direction=" not in plain and "data-mirrored" not in plain and "scale(" not in mirrored
    before, after = elements(plain), elements(mirrored)
    assert [tag for tag, _ in after] == [tag for tag, _ in before]
    for (tag, attrs), (_, found) in list(zip(before, after, strict=True))[1:]:
        if tag == "rect":
            assert float(found["width"]) == pytest.approx(float(attrs["width"])) and float(found["width"]) >= 0
        assert numbers(found) == mirror(tag, attrs, width), (tag, attrs)
    svg = after[0][1]
    assert (svg["data-mirrored"], svg["direction"]) == ("1", "rtl"), "the drawing says so, whatever the page says"
    assert {k: v for k, v in svg.items() if k not in ("data-mirrored", "direction", "data-left")} == {
        k: v for k, v in before[0][1].items() if k != "data-left"
    }
    # the same words, but that the horizontal axis runs right to left, its arrow pointing where its values grow
    axes, was = texts(mirrored, "axis-label"), texts(plain, "axis-label")  # a profile has none: its rows say
    assert axes == [label.replace(" →", " ←", 1 if n == 0 else 0) for n, label in enumerate(was)]
    assert all(label.endswith(" ←") for label in axes[:1]) and all(label.endswith(" →") for label in axes[1:])
    words = [w for w in re.findall(r">([^<]+)<", mirrored) if w not in axes]
    assert words == [
        w.replace("left to right", "right to left") for w in re.findall(r">([^<]+)<", plain) if w not in was
    ]
    assert "right to left" in words[1]


@pytest.mark.parametrize("kind", KINDS)
def test_mirrored_the_low_end_lies_right_and_scores_sit_at_the_mirror_of_their_place(kind: str) -> None:
    made = KINDS[kind]()
    plain, mirrored = str(render_plot(made, "p")), str(render_plot(made, "p", mirrored=True))
    width = float(tags(plain, "svg")[0]["viewBox"].split()[2])
    # the horizontal axis's ticks: a scale's ends first, a profile's row and a map's low, middle, high
    ticks = [t for t in tags(mirrored, "text") if t.get("class") == "tick" and "dominant-baseline" not in t]
    low, high = ticks[0], ticks[1 if "scale" in kind else 2]
    assert float(low["x"]) > width / 2 > float(high["x"])
    if kind != "map":  # a map's are centred under the square's corners; a line's end ticks read inwards
        assert (low["text-anchor"], high["text-anchor"]) == ("end", "start")
    assert all(t["direction"] == "ltr" for t in tags(mirrored, "text") if t.get("class") == "tick")
    # where a share of the axis lies, from the data attributes as resultlogic.js reads them: mirrored, at
    # left + (1 - share) * size, which is the width less where it lies unmirrored, at left + share * size
    (svg,), (was,) = tags(mirrored, "svg"), tags(plain, "svg")
    for share in (0, 0.25, 0.5, 1):
        here = float(svg["data-left"]) + (1 - share) * float(svg["data-size"])
        there = float(was["data-left"]) + share * float(was["data-size"])
        assert here == pytest.approx(width - there), share
    if kind == "map":
        (frame,) = [r for r in tags(mirrored, "rect") if r["class"] == "frame"]
        assert frame["x"] == svg["data-left"] == "12", "the square's left edge, where the high end now lies"
        beside = [t for t in tags(mirrored, "text") if "dominant-baseline" in t and t.get("class") == "tick"]
        assert {(t["x"], t["text-anchor"]) for t in beside} == {("260", "start")}, "the vertical ticks at the right"


def test_a_mirrored_profile_labels_each_row_from_its_right_end_and_mirroring_is_a_keyword() -> None:
    svg = str(render_plot(quiz(PROFILE), "p", mirrored=True))
    assert re.findall(r'<text class="row-label" x="([\d.]+)"', svg) == ["312"] * 3
    assert set(re.findall(r'<tspan x="([\d.]+)"', svg)) == {"312"}, "each line of a long label too"
    assert "running right to left from its lowest to its highest value" in svg
    with pytest.raises(TypeError):
        render_plot(quiz(PROFILE), "p", True)  # type: ignore[misc]


# In a browser, on a right-to-left page and on a left-to-right one alike: numbers, labels and the reader's marks
# land where the geometry says. Boxes are in the SVG's own units, whatever size it is shown at.
MARKED = """async (scores) => {
  const { plotMarks } = await import("./resultlogic.js");
  const found = {};
  for (const svg of document.querySelectorAll("svg[data-plot]")) {
    const rows = [...svg.querySelectorAll("[data-row]")].map((row) => row.dataset);
    const marks = plotMarks(svg.dataset, rows, scores[svg.id], "you", "You");
    marks.push(...plotMarks(svg.dataset, rows, scores[svg.id], "partner", "Your partner"));
    svg.querySelector("[data-points]").replaceChildren(...marks.map(({ tag, attrs, text }) => {
      const made = document.createElementNS("http://www.w3.org/2000/svg", tag);
      for (const [name, value] of Object.entries(attrs)) made.setAttribute(name, value);
      if (text !== undefined) made.textContent = text;
      return made;
    }));
    const box = svg.getBoundingClientRect();
    const unit = svg.viewBox.baseVal.width / box.width;
    found[svg.id] = [...svg.querySelectorAll("text, [data-points] > *")].map((e) => {
      const b = e.getBoundingClientRect();
      return { tag: e.tagName, cls: e.getAttribute("class"), text: e.textContent, left: (b.left - box.left) * unit,
        right: (b.right - box.left) * unit, cx: Number(e.getAttribute("cx") || NaN) };
    });
  }
  return found;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("page_dir", ["rtl", "ltr"])
def test_mirrored_plots_read_right_to_left_in_a_browser_wherever_they_are(page, tmp_path: Path, page_dir: str) -> None:
    for name in ("resultlogic.js", "scoring.js", "site.css"):
        shutil.copy(ROOT / "templates" / "static" / name, tmp_path / name)
    svgs = "".join(
        str(render_plot(quiz(text), name, mirrored=True)).replace("<svg ", f'<svg id="{name}" ', 1)
        for name, text in (("scale", SCALE), ("profile", PROFILE), ("map", CATCH_ALL))
    )
    (tmp_path / "index.html").write_text(
        f'<!doctype html><html lang="ar" dir="{page_dir}"><head><meta charset="utf-8"><title>Plots</title>'
        '<link rel="icon" href="data:,"><link rel="stylesheet" href="site.css"></head>'
        f"<body>{svgs}</body></html>",
        encoding="utf-8",
    )
    scores = {"scale": {"calm": 2}, "profile": {"near": 2, "far": 4.5, "play": 3, "care": 7}}
    scores["map"] = {"anxiety": 2.5, "avoidance": 5}
    with serving(tmp_path) as url:
        page.goto(url)
        found = page.evaluate(MARKED, scores)
    for name, width in (("scale", 320), ("profile", 320), ("map", 308)):
        for box in found[name]:
            assert box["left"] >= -0.5 and box["right"] <= width + 0.5, (name, box)
    scale = found["scale"]
    ticks = {b["text"]: b for b in scale if b["cls"] == "tick"}
    assert ticks["1"]["right"] == pytest.approx(308, abs=0.5) and ticks["5"]["left"] == pytest.approx(12, abs=0.5)
    you, key, words = [b for b in scale if b["cls"] in ("point you", "point-label")][:3]
    assert you["cx"] == pytest.approx(12 + 296 * 3 / 4), "calm 2 a quarter of the way from the right end"
    assert key["cx"] == 301 and words["right"] == pytest.approx(290, abs=0.5), "the key's words end left of it"
    profile = found["profile"]
    assert [round(b["right"]) for b in profile if b["cls"] == "row-label"] == [312, 312, 312, 312]
    bars = [b for b in profile if b["cls"] == "bar"]
    assert [round(b["right"]) for b in bars] == [312] * 4, "every bar grows from the right end"
    assert [round(b["left"]) for b in bars] == [round(8 + 304 * (1 - s)) for s in (1 / 4, 7 / 8, 1 / 2, 5 / 8)]
    point, label = [b for b in found["map"] if b["cls"] in ("point you", "point-label")][:2]
    assert point["cx"] == pytest.approx(12 + 240 * 3 / 4), "anxiety 2.5 a quarter of the way from the right"
    assert label["right"] == pytest.approx(point["cx"] - 11, abs=0.5), "the label on the point's left, ending there"
    side = [b for b in found["map"] if b["cls"] == "tick" and b["left"] > 252]
    assert len(side) == 3 and all(b["left"] == pytest.approx(260, abs=0.5) for b in side)
