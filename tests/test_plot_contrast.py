"""The result plot is readable in light and dark: every text in it, measured in Chromium against every
colour under it, meets WCAG's 4.5:1 contrast for text."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

# For each <text> of the plot: its fill and every colour under its box (the page behind the plot, each
# region or point painted before it that it overlaps, and its halo when it has one), all composited to
# opaque colours, with the WCAG contrast ratio of the fill against each.
MEASURE = """() => {
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


def test_every_text_in_the_plot_meets_4_5_to_1_in_light_and_dark(browser, bundled_dist: Path, bundled_url: str) -> None:
    pages = result_pages(bundled_dist)
    assert pages
    measured = []
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        urls = [f"{bundled_url}quizzes/attachment-style/results/anxious/#anxiety=6&avoidance=2"]
        for path in pages:
            page.goto(bundled_url + path)
            urls += [f"{bundled_url}{path}#{fragment}" for fragment in page.evaluate(FRAGMENTS)]
        for url in urls:
            page.goto(url)
            page.locator("svg[data-plot] .point-label").first.wait_for()
            measured += [{**m, "scheme": scheme, "url": url.removeprefix(bundled_url)} for m in page.evaluate(MEASURE)]
        context.close()
    assert {m["text"] for m in measured} >= {"You", "Your partner"}
    worst = min(measured, key=lambda m: m["ratio"])
    print(f"worst plot text contrast: {worst['ratio']:.2f}:1 ({worst})")
    failing = sorted(
        {f'{m["scheme"]}: "{m["text"]}" on {m["under"]} {m["ratio"]:.2f}:1' for m in measured if m["ratio"] < 4.5}
    )
    assert not failing, "\n".join(failing)
