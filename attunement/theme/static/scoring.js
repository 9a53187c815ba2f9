// Scoring that runs only in the visitor's browser. No DOM here, so node's test runner imports it too.
// Mirrors attunement/scoring.py operation for operation, so both give identical floats.

/** How many of a dimension's items may stay unanswered (always leaving at least one). */
export function allowedMissing(key, dimension) {
  const count = key.items.filter((item) => item.dimension === dimension).length;
  return Math.min(count - 1, Math.floor(key.max_missing * count + 1e-9));
}

/** Score answers ({itemId: number}); returns {scores, result} or {missing: [itemIds]} when too few answered. */
export function scoreAnswers(key, answers) {
  const scores = {};
  const short = [];
  for (const dim of key.dimensions) {
    let total = 0;
    let weights = 0;
    const missing = [];
    for (const item of key.items) {
      if (item.dimension !== dim.id) continue;
      const answer = answers[item.id];
      if (answer === undefined || answer === null) {
        missing.push(item.id);
        continue;
      }
      const value = item.reverse ? key.scale.min + key.scale.max - answer : answer;
      total += item.weight * value;
      weights += item.weight;
    }
    if (missing.length > allowedMissing(key, dim.id)) short.push(...missing);
    scores[dim.id] = key.method === "mean" && weights ? total / weights : total;
  }
  if (short.length) return { missing: short };
  return { scores, result: matchResult(key, scores) };
}

function holds(range, score) {
  return (range.at_least === null || score >= range.at_least) && (range.below === null || score < range.below);
}

/** The first result whose ranges all hold, or null. */
export function matchResult(key, scores) {
  const found = key.results.find((r) => Object.entries(r.when).every(([dim, range]) => holds(range, scores[dim])));
  return found ? found.id : null;
}

/** Two decimals, ties away from zero: the rounding of the `data-score` hooks and of result links. */
export function formatScore(value) {
  return value.toFixed(2);
}

/** The partner's scores travel beside one's own as `partner.<dimension>=...`. */
export const PARTNER = "partner.";

/** `#anxiety=5.25&avoidance=2.10`: scores travel in the fragment, which browsers never send to a server. */
export function fragmentFor(key, scores, prefix = "") {
  return key.dimensions.map((d) => `${prefix}${encodeURIComponent(d.id)}=${formatScore(scores[d.id])}`).join("&");
}

/** Scores from a fragment, or null unless every dimension has a number within the quiz's bounds. */
export function parseFragment(key, hash, prefix = "") {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const scores = {};
  for (const dim of key.dimensions) {
    const text = params.get(prefix + dim.id);
    if (text === null || !/^-?\d+(\.\d+)?$/.test(text)) return null;
    const value = Number(text);
    const [low, high] = key.bounds[dim.id];
    if (value < low || value > high) return null;
    scores[dim.id] = value;
  }
  return scores;
}

/** The pairing text for two results, in either order, else the default pairing, else null. */
export function pairingFor(key, a, b) {
  const pairs = key.pairings || [];
  const same = (p) => p.results && [...p.results].sort().join(" ") === [a, b].sort().join(" ");
  return pairs.find(same) || pairs.find((p) => !p.results) || null;
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
