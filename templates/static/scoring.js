// Scoring that runs only in the visitor's browser. No DOM here, so node's test runner imports it too.
// Mirrors attunement/scoring.py operation for operation, so both give identical floats.

/** Score answers ({questionKey: number}); returns {scores, result} or {missing: [keys]} when too few answered. */
export function scoreAnswers(key, answers) {
  const scores = {};
  const short = [];
  for (const score of key.scores) {
    if (score.derived) continue;
    let total = 0;
    let weights = 0;
    let every = 0;
    const missing = [];
    for (const question of key.questions) {
      for (const [id, weight, values] of question.feeds) {
        if (id !== score.id) continue;
        every += weight;
        const answer = answers[question.key];
        if (answer === undefined || answer === null) {
          missing.push(question.key);
          continue;
        }
        total += weight * values[answer - question.low];
        weights += weight;
      }
    }
    if (missing.length > score.allowed_missing) short.push(...missing.filter((k) => !short.includes(k)));
    scores[score.id] = combine(score.method, total, weights, every);
  }
  if (short.length) return { missing: short };
  derive(key, scores);
  return { scores, result: matchResult(key, scores) };
}

/** Add the derived scores to `scores`, in file order, as scoring.py does. */
function derive(key, scores) {
  for (const score of key.scores) {
    if (!score.derived) continue;
    let total = 0;
    let weights = 0;
    for (const [id, weight] of score.derived.of) {
      total += weight * scores[id];
      weights += weight;
    }
    scores[score.id] = combine(score.derived.method, total, weights, weights);
  }
  return scores;
}

/** As scoring.py's combine, operation for operation. */
function combine(method, total, weights, every) {
  if (method === "mean") return total / weights;
  if (method === "prorated_sum") return (total / weights) * every;
  return total;
}

function holds(range, score) {
  return (range.at_least === null || score >= range.at_least) && (range.below === null || score < range.below);
}

/** The outcome: under `highest` the top score's result (earlier wins ties), else the first whose ranges hold. */
export function matchResult(key, scores) {
  if (key.result_rule === "highest") {
    return key.results.reduce((best, r) => (scores[r.score] > scores[best.score] ? r : best)).id;
  }
  const found = key.results.find((r) => Object.entries(r.when).every(([dim, range]) => holds(range, scores[dim])));
  return found ? found.id : null;
}

/** The partner's scores travel beside one's own as `partner.<score>=...`. */
export const PARTNER = "partner.";

/** A partner's scores from a compare link (none if the quiz turns comparing off). */
export function partnerFrom(key, hash) {
  return key.compare ? parseFragment(key, hash, PARTNER) : null;
}

/** `#anxiety=5.25&avoidance=2.1`: measured scores travel in the fragment, which browsers never send to a server,
 * exactly (`String` writes the shortest decimal that reads back as the same number); derived ones are recomputed. */
export function fragmentFor(key, scores, prefix = "") {
  return key.scores.filter((s) => !s.derived).map((d) => `${prefix}${encodeURIComponent(d.id)}=${encodeURIComponent(String(scores[d.id]))}`).join("&");
}

/** Scores from a fragment (derived ones computed), or null unless every measured score has a finite number within
 * the quiz's bounds (give or take float rounding, which can carry a sum past them). */
export function parseFragment(key, hash, prefix = "") {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const scores = {};
  for (const dim of key.scores.filter((s) => !s.derived)) {
    const text = params.get(prefix + dim.id);
    if (text === null || !/^-?\d+(\.\d+)?(e[+-]\d+)?$/.test(text)) return null;
    const value = Number(text);
    const [low, high] = key.bounds[dim.id];
    const slack = Math.max(Math.abs(low), Math.abs(high)) * 1e-9;
    if (!Number.isFinite(value) || value < low - slack || value > high + slack) return null;
    scores[dim.id] = value;
  }
  return derive(key, scores);
}
