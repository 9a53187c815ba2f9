"""The result plot is readable in light and dark: every text in it, measured in Chromium against every
colour under it, meets WCAG's 4.5:1 contrast for text, and every mark (points, bars, outlines) 3:1 against what
it lies on; for the map of the bundled quizzes, and for a scale and a profile."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import serving
from test_plot_kinds import build_plot_site

pytestmark = pytest.mark.browser

# What both measurements share: colours composited to opaque sRGB, WCAG contrast, the page behind the plot
# and the filled shapes in it.
HELPERS = """
  const rgba = (value) => {
    const m = value.match(/^rgba?\\(([\\d.]+),? ([\\d.]+),? ([\\d.]+)(?:,? \\/? ?([\\d.]+))?\\)$/);
    if (!m) throw new Error(`not an sRGB colour: ${value}`);
    return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
  };
  const over = ([r, g, b, a], [br, bg, bb]) => [r * a + br * (1 - a), g * a + bg * (1 - a), b * a + bb * (1 - a)];
  const luminance = (rgb) => {
    const [r, g, b] = rgb.map((c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => { const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x); return (hi + 0.05) / (lo + 0.05); };
  const svg = document.querySelector("svg[data-plot]");
  const opacity = (el) => { let o = 1; for (let e = el; e && e !== svg.parentElement; e = e.parentElement) o *= Number(getComputedStyle(e).opacity); return o; };
  const paint = (el, property) => {
    const style = getComputedStyle(el);
    const colour = rgba(style[property]);
    colour[3] *= Number(style[`${property}Opacity`]) * opacity(el);
    return colour;
  };
  const behind = [];
  for (let e = svg.parentElement; e; e = e.parentElement) behind.unshift(rgba(getComputedStyle(e).backgroundColor));
  const page = behind.reduce((base, layer) => over(layer, base), [255, 255, 255]);
  const shapes = [...svg.querySelectorAll("rect, circle")].filter((s) => getComputedStyle(s).fill !== "none")
    .map((s) => ({ el: s, box: s.getBoundingClientRect(), colour: over(paint(s, "fill"), page) }));
  const covers = ({ el, box }, x, y) => (el.tagName === "circle"
    ? Math.hypot(x - (box.left + box.right) / 2, y - (box.top + box.bottom) / 2) <= box.width / 2
    : x >= box.left && x <= box.right && y >= box.top && y <= box.bottom);
"""

# For each <text> of the plot: its fill and every colour under its box (the page behind the plot, each
# region or point painted before it that it overlaps, and its halo when it has one), all composited to
# opaque colours, with the WCAG contrast ratio of the fill against each.
MEASURE = (
    "() => {"
    + HELPERS
    + """
  return [...svg.querySelectorAll("text")].map((text) => {
    // What shows at each pixel of the text's box: the last shape painted before the text there, or the page.
    const box = text.getBoundingClientRect();
    const earlier = shapes.filter((s) => text.compareDocumentPosition(s.el) & Node.DOCUMENT_POSITION_PRECEDING);
    const under = new Map();
    for (let y = box.top; y <= box.bottom; y += 1) {
      for (let x = box.left; x <= box.right; x += 1) {
        const top = earlier.findLast((s) => covers(s, x, y));
        under.set(top ? top.el.getAttribute("class") : "page", top ? top.colour : page);
      }
    }
    const style = getComputedStyle(text);
    if (style.paintOrder.startsWith("stroke") && style.stroke !== "none" && parseFloat(style.strokeWidth) > 0) {
      under.set("halo", over(paint(text, "stroke"), page));
    }
    return [...under].map(([what, colour]) => {
      const fill = over(paint(text, "fill"), colour);
      return { text: text.textContent, under: what, ratio: ratio(fill, colour), fill: style.fill, colour: colour.map(Math.round).join(",") };
    });
  }).flat();
}"""
)

# For each graphical mark (WCAG's 3:1 for non-text contrast): a point's or bar's fill against the shape painted
# under its centre before it (a point against the region or track it sits on, not the bar it caps), or the page;
# a frame's, track's or tick's outline against the page.
MARKS = (
    "() => {"
    + HELPERS
    + """
  return [...svg.querySelectorAll(".point, .bar, .frame, .track, .tick-mark")].map((mark) => {
    const what = mark.getAttribute("class");
    const outlined = /\\b(frame|track|tick-mark)\\b/.test(what);
    const colour = over(paint(mark, outlined ? "stroke" : "fill"), page);
    const box = mark.getBoundingClientRect();
    const [x, y] = [(box.left + box.right) / 2, (box.top + box.bottom) / 2];
    const top = outlined ? null : shapes.findLast((s) => s.el.getAttribute("class") !== "bar"
      && (mark.compareDocumentPosition(s.el) & Node.DOCUMENT_POSITION_PRECEDING) && covers(s, x, y));
    const under = top ? top.colour : page;
    return { mark: what, under: top ? top.el.getAttribute("class") : "page", ratio: ratio(colour, under) };
  });
}"""
)

# Places for the points: "You" in each region, left of its centre, and "Your partner" in the region
# farthest from it, so neither point lies under the other's label.
FRAGMENTS = """() => {
  const svg = document.querySelector("svg[data-plot]");
  const d = svg.dataset;
  const score = (px, low, high) => low + (px / Number(d.size)) * (high - low);
  const rects = [...svg.querySelectorAll("rect.region")].map((r) => ({
    x: Number(r.getAttribute("x")) - Number(d.left) + Number(r.getAttribute("width")) / 2,
    y: Number(d.top) + Number(d.size) - Number(r.getAttribute("y")) - Number(r.getAttribute("height")) / 2,
    w: Number(r.getAttribute("width")), h: Number(r.getAttribute("height")) }));
  const at = (r, dx, prefix) =>
    `${prefix}${d.x}=${score(r.x + dx * r.w, Number(d.xLow), Number(d.xHigh)).toFixed(2)}` +
    `&${prefix}${d.y}=${score(r.y - r.h / 4, Number(d.yLow), Number(d.yHigh)).toFixed(2)}`;
  const far = (r) => rects.reduce((a, b) => (Math.hypot(b.x - r.x, b.y - r.y) > Math.hypot(a.x - r.x, a.y - r.y) ? b : a));
  return rects.map((r) => `${at(r, -0.3, "")}&${at(far(r), 0.2, "partner.")}`);
}"""


def result_pages(dist: Path) -> list[str]:
    """One result page of each quiz that has a plot."""
    firsts = [min(quiz.glob("results/*/index.html")) for quiz in sorted(dist.glob("quizzes/*/"))]
    return [page.parent.relative_to(dist).as_posix() + "/" for page in firsts if "data-plot" in page.read_text()]


# A scale: "You" in the middle of each band, "Your partner" in the band farthest from it (or a quarter and three
# quarters along a scale without bands). A profile: both readers at the ends, halfway, and in between.
LINE_FRAGMENTS = """() => {
  const svg = document.querySelector("svg[data-plot]");
  const d = svg.dataset;
  const value = (line, share) => (Number(line.xLow) + share * (Number(line.xHigh) - Number(line.xLow))).toFixed(2);
  if (d.kind === "scale") {
    const middles = [...svg.querySelectorAll("rect.region")].map((r) =>
      (Number(r.getAttribute("x")) - Number(d.left) + Number(r.getAttribute("width")) / 2) / Number(d.size));
    const shares = middles.length ? middles : [0.25, 0.75];
    const far = (s) => shares.reduce((a, b) => (Math.abs(b - s) > Math.abs(a - s) ? b : a));
    return shares.map((s) => `${d.x}=${value(d, s)}&partner.${d.x}=${value(d, far(s))}`);
  }
  const rows = [...svg.querySelectorAll("[data-row]")].map((r) => r.dataset);
  return [[0, 1], [0.5, 0.5], [1, 0], [0.3, 0.8]].map(([you, them]) =>
    rows.map((r) => `${r.x}=${value(r, you)}&partner.${r.x}=${value(r, them)}`).join("&"));
}"""


def measure(browser, base: str, pages: list[str], fragments: str, urls: list[str]) -> tuple[list[dict], list[dict]]:
    """Every text and every mark of the plots on `pages` (with points placed by `fragments`) and `urls`, in light and
    dark."""
    texts: list[dict] = []
    marks: list[dict] = []
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        visits = list(urls)
        for path in pages:
            page.goto(base + path)
            visits += [f"{base}{path}#{fragment}" for fragment in page.evaluate(fragments)]
        for url in visits:
            page.goto(url)
            page.locator("svg[data-plot] .point-label").first.wait_for()
            where = {"scheme": scheme, "url": url.removeprefix(base)}
            texts += [{**m, **where} for m in page.evaluate(MEASURE)]
            marks += [{**m, **where} for m in page.evaluate(MARKS)]
        context.close()
    return texts, marks


def assert_contrast(texts: list[dict], marks: list[dict]) -> None:
    """Text at 4.5:1 or more, marks at 3:1 or more, against everything they lie on."""
    assert {m["text"] for m in texts} >= {"You", "Your partner"}
    assert {"point you", "point partner"} <= {m["mark"] for m in marks}
    worst = min(texts, key=lambda m: m["ratio"])
    print(f"worst plot text contrast: {worst['ratio']:.2f}:1 ({worst})")
    worst = min(marks, key=lambda m: m["ratio"])
    print(f"worst plot mark contrast: {worst['ratio']:.2f}:1 ({worst})")
    failing = sorted(
        {f'{m["scheme"]}: "{m["text"]}" on {m["under"]} {m["ratio"]:.2f}:1' for m in texts if m["ratio"] < 4.5}
        | {f"{m['scheme']}: {m['mark']} on {m['under']} {m['ratio']:.2f}:1" for m in marks if m["ratio"] < 3}
    )
    assert not failing, "\n".join(failing)


def test_every_text_in_the_plot_meets_4_5_to_1_in_light_and_dark(browser, bundled_dist: Path, bundled_url: str) -> None:
    pages = result_pages(bundled_dist)
    assert pages
    extra = [f"{bundled_url}quizzes/attachment-style/results/anxious/#anxiety=6&avoidance=2"]
    assert_contrast(*measure(browser, bundled_url, pages, FRAGMENTS, extra))


@pytest.fixture(scope="module")
def plot_kinds_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(build_plot_site(tmp_path_factory.mktemp("plot-kinds"))) as url:
        yield url


def test_every_text_and_mark_of_a_scale_and_a_profile_meets_contrast_in_light_and_dark(
    browser, plot_kinds_url: str
) -> None:
    pages = ["quizzes/calm/results/uneasy/", "quizzes/four/results/close/"]
    texts, marks = measure(browser, plot_kinds_url, pages, LINE_FRAGMENTS, [])
    assert {"bar", "track", "frame", "tick-mark"} <= {m["mark"] for m in marks}
    assert {"Uneasy", "Between", "Steady", "Nearness", "Care"} <= {m["text"] for m in texts}
    assert_contrast(texts, marks)
