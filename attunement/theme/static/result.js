// The result page: when the URL fragment carries scores, show them as numbers, on scales and on the plot.
import { formatScore, matchResult, nearBoundary, parseFragment } from "./scoring.js";

const key = JSON.parse(document.getElementById("attune-quiz-key").textContent);
const article = document.querySelector("[data-result-id]");
const section = article.querySelector("[data-scores]");
const plot = article.querySelector("svg[data-plot]");
const SVG = "http://www.w3.org/2000/svg";

function bounds() {
  const found = {};
  for (const meter of section.querySelectorAll("[data-dimension] meter")) {
    found[meter.closest("[data-dimension]").dataset.dimension] = [Number(meter.min), Number(meter.max)];
  }
  return found;
}

function placePoint(scores, label) {
  if (!plot) return;
  const d = plot.dataset;
  const size = Number(d.size);
  const x = Number(d.left) + ((scores[d.x] - Number(d.xLow)) / (Number(d.xHigh) - Number(d.xLow))) * size;
  const y = Number(d.top) + size - ((scores[d.y] - Number(d.yLow)) / (Number(d.yHigh) - Number(d.yLow))) * size;
  const group = plot.querySelector("[data-points]");
  group.replaceChildren();
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
  group.append(dot, text);
}

function render() {
  const limits = bounds();
  const scores = parseFragment(key, window.location.hash, limits);
  section.hidden = !scores;
  if (!scores) return;
  for (const dim of key.dimensions) {
    const row = section.querySelector(`[data-dimension="${CSS.escape(dim.id)}"]`);
    row.dataset.score = formatScore(scores[dim.id]);
    row.querySelector("[data-score-text]").textContent = formatScore(scores[dim.id]);
    row.querySelector("meter").value = scores[dim.id];
  }
  section.querySelector("[data-near-boundary]").hidden = !nearBoundary(key, scores, limits);
  const matched = key.results.find((r) => r.id === matchResult(key, scores));
  const mismatch = section.querySelector("[data-mismatch]");
  mismatch.hidden = !matched || matched.id === article.dataset.resultId;
  if (matched && !mismatch.hidden) {
    const link = document.createElement("a");
    link.href = `${matched.url}${window.location.hash}`;
    link.textContent = matched.title;
    mismatch.replaceChildren("These scores fall in the region of another result: ", link, ".");
  }
  placePoint(scores, "You");
  article.querySelector("h1").focus();
}

window.addEventListener("hashchange", render);
render();
