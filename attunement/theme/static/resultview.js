// Showing a visitor's scores inside a result: numbers, scales, the plot and gentle notes.
// Used by result pages (scores from the URL fragment) and by quizzes that show results in place.
import { formatScore, matchResult, nearBoundary } from "./scoring.js";

const SVG = "http://www.w3.org/2000/svg";

/** Lowest and highest possible score of each dimension, read from the page's meters. */
export function scoreBounds(container) {
  const found = {};
  for (const meter of container.querySelectorAll("[data-dimension] meter")) {
    found[meter.closest("[data-dimension]").dataset.dimension] = [Number(meter.min), Number(meter.max)];
  }
  return found;
}

function placePoint(plot, scores, label) {
  const d = plot.dataset;
  const size = Number(d.size);
  const x = Number(d.left) + ((scores[d.x] - Number(d.xLow)) / (Number(d.xHigh) - Number(d.xLow))) * size;
  const y = Number(d.top) + size - ((scores[d.y] - Number(d.yLow)) / (Number(d.yHigh) - Number(d.yLow))) * size;
  const dot = document.createElementNS(SVG, "circle");
  dot.setAttribute("class", "point");
  dot.setAttribute("cx", x.toFixed(1));
  dot.setAttribute("cy", y.toFixed(1));
  dot.setAttribute("r", "7");
  const text = document.createElementNS(SVG, "text");
  text.setAttribute("class", "point-label");
  text.setAttribute("x", (x + 11).toFixed(1));
  text.setAttribute("y", (y + 4).toFixed(1));
  text.textContent = label;
  plot.querySelector("[data-points]").replaceChildren(dot, text);
}

/** Fill `container`'s score hooks; `ownResult` is the result the container describes. */
export function showScores(container, key, scores, ownResult) {
  const section = container.querySelector("[data-scores]");
  for (const dim of key.dimensions) {
    const row = section.querySelector(`[data-dimension="${CSS.escape(dim.id)}"]`);
    row.dataset.score = formatScore(scores[dim.id]);
    row.querySelector("[data-score-text]").textContent = formatScore(scores[dim.id]);
    row.querySelector("meter").value = scores[dim.id];
  }
  section.querySelector("[data-near-boundary]").hidden = !nearBoundary(key, scores, scoreBounds(section));
  const matched = key.results.find((r) => r.id === matchResult(key, scores));
  const mismatch = section.querySelector("[data-mismatch]");
  mismatch.hidden = !matched || matched.id === ownResult;
  if (matched && !mismatch.hidden) {
    const link = document.createElement("a");
    link.href = `${matched.url}${window.location.hash}`;
    link.textContent = matched.title;
    mismatch.replaceChildren("These scores fall in the region of another result: ", link, ".");
  }
  const plot = section.querySelector("svg[data-plot]");
  if (plot) placePoint(plot, scores, "You");
  section.hidden = false;
}

/** "Print or save as PDF" buttons: printing needs no server, and the print stylesheet lays out the result. */
export function bindPrint(root) {
  for (const button of root.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
}
