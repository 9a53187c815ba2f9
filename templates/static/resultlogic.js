// What a result view makes of scores, beyond scoring them: how to show them, where they sit on the plot,
// nearby boundaries, another result they place, a partner's result and pairing.
// No DOM here, so node's test runner imports it too; kept out of scoring.js, which every quiz page loads.
import { matchResult } from "./scoring.js";

/** Two decimals, or more where rounding would cross a cut-off of the dimension (2.6667 under 2.67 reads 2.667). */
export function displayScore(key, dimId, value) {
  const cuts = key.results.flatMap((r) => Object.values(r.when[dimId] || {}));
  const dim = key.scores.find((d) => d.id === dimId);
  for (let digits = dim.decimals; digits < 100; digits += 1) {
    const text = value.toFixed(digits);
    if (cuts.every((t) => t === null || (Number(text) >= t) === (value >= t))) return text;
  }
  return String(value);
}

/** The pairing text for two results, in either order, else the default pairing, else null. */
export function pairingFor(key, a, b) {
  const pairs = key.pairings || [];
  const same = (p) => p.results && [...p.results].sort().join(" ") === [a, b].sort().join(" ");
  return pairs.find(same) || pairs.find((p) => !p.results) || null;
}

/** The result these scores place, when not `resultId` (a result page then says so); else null. */
export function otherResult(key, scores, resultId) {
  const found = matchResult(key, scores);
  return found === null || found === resultId ? null : key.results.find((r) => r.id === found);
}

/** The result a partner's scores place, and the pairing of it with one's own (null when no pairing fits). */
export function partnerOutcome(key, you, partner) {
  const theirs = key.results.find((r) => r.id === matchResult(key, partner));
  return { theirs, pairing: pairingFor(key, matchResult(key, you), theirs.id) };
}

/** Where scores sit on a plot, in its SVG units; `plot` holds the data attributes of the plot, as the page gives
 * them (of a map, a scale, or a profile's row merged over the profile's). A map places `x` and `y`; a scale or a
 * row has only `x`, kept within its line, and a lane for each reader: `who` is "you" or "partner". A mirrored plot
 * (data-mirrored, for right-to-left pages) runs `x` from its low end at the right. */
export function plotPosition(plot, scores, who = "you") {
  const size = Number(plot.size);
  const share = (scores[plot.x] - Number(plot.xLow)) / (Number(plot.xHigh) - Number(plot.xLow));
  const along = (part) => Number(plot.left) + (plot.mirrored ? 1 - part : part) * size;
  if (plot.y === undefined) {
    return { x: along(Math.min(Math.max(share, 0), 1)), y: Number(plot[who]) };
  }
  return {
    x: along(share),
    y: Number(plot.top) + size - ((scores[plot.y] - Number(plot.yLow)) / (Number(plot.yHigh) - Number(plot.yLow))) * size,
  };
}

/** The marks one reader's scores make on a plot, as SVG elements to create: `{ tag, attrs, text }`, numbers in SVG
 * units. `plot` holds the plot's data attributes and `rows` those of a profile's rows; `who` is "you" or "partner"
 * and `label` the words for them. A map gets a point labelled beside it; a scale a marker in the reader's lane; a
 * profile a marker on every row, the reader's drawn at the end of a bar from the low end. A scale and a profile key
 * their markers in a row above them instead of labelling each. A mirrored plot puts all that the other way round:
 * labels on a marker's left, their right ends there (the plot sets direction="rtl", so that is their start). */
export function plotMarks(plot, rows, scores, who, label) {
  const flip = plot.mirrored ? -1 : 1;
  const marker = (x, y) => (who === "you"
    ? { tag: "circle", attrs: { class: "point you", cx: x, cy: y, r: "7" } }
    : { tag: "rect", attrs: { class: "point partner", x: x - 6, y: y - 6, width: "12", height: "12" } });
  // paint-order puts the label's halo (site.css) under its letters; an attribute, as the HTML checker's style
  // rules do not know the property
  const words = (x, y) => ({
    tag: "text", attrs: { class: "point-label", "paint-order": "stroke", x, y }, text: label,
  });
  if (!plot.kind) {
    const { x, y } = plotPosition(plot, scores);
    return [marker(x, y), words(x + 11 * flip, y + (who === "you" ? 4 : 16))];
  }
  const low = Number(plot.left) + (plot.mirrored ? Number(plot.size) : 0);
  const lines = plot.kind === "profile" ? rows.map((row) => ({ ...plot, ...row })) : [plot];
  const marks = lines.flatMap((line) => {
    const { x, y } = plotPosition(line, scores, who);
    const bar = { tag: "rect", attrs: { class: "bar", x: Math.min(x, low), y: y - 3, width: Math.abs(x - low), height: "6" } };
    return plot.kind === "profile" && who === "you" ? [bar, marker(x, y)] : [marker(x, y)];
  });
  const key = { x: low + (who === "you" ? 7 : 63) * flip, y: Number(plot.legend) };
  return [...marks, marker(key.x, key.y), words(key.x + 11 * flip, key.y + 4)];
}

/** True when a score lies within `fraction` of its axis from a threshold that separates results. */
export function nearBoundary(key, scores, fraction = 0.1) {
  return key.results.some((r) =>
    Object.entries(r.when).some(([dim, range]) => {
      const [low, high] = key.bounds[dim];
      return [range.at_least, range.below].some(
        (t) => t !== null && t > low && t < high && Math.abs(scores[dim] - t) < (high - low) * fraction);
    }));
}
