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

/** Where scores sit on a plot, in its SVG units; `plot` holds the plot's data attributes, as the page gives them. */
export function plotPosition(plot, scores) {
  const size = Number(plot.size);
  return {
    x: Number(plot.left) + ((scores[plot.x] - Number(plot.xLow)) / (Number(plot.xHigh) - Number(plot.xLow))) * size,
    y: Number(plot.top) + size - ((scores[plot.y] - Number(plot.yLow)) / (Number(plot.yHigh) - Number(plot.yLow))) * size,
  };
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
