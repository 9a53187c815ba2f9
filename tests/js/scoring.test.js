// Unit tests of the browser's scoring module, run with `node --test tests/js/`.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  PARTNER, allowedMissing, formatScore, fragmentFor, matchResult, nearBoundary, pairingFor, parseFragment, scoreAnswers,
} from "../../attunement/theme/static/scoring.js";

const key = {
  id: "demo",
  scale: { min: 1, max: 7 },
  method: "mean",
  max_missing: 0.25,
  dimensions: [{ id: "anxiety", label: "Anxiety" }, { id: "avoidance", label: "Avoidance" }],
  items: [
    { id: "a1", dimension: "anxiety", reverse: false, weight: 1 },
    { id: "a2", dimension: "anxiety", reverse: true, weight: 1 },
    { id: "a3", dimension: "anxiety", reverse: false, weight: 2 },
    { id: "a4", dimension: "anxiety", reverse: false, weight: 1 },
    { id: "v1", dimension: "avoidance", reverse: false, weight: 1 },
    { id: "v2", dimension: "avoidance", reverse: false, weight: 1 },
  ],
  results: [
    { id: "low", url: "results/low/", when: { anxiety: { at_least: null, below: 4 } } },
    { id: "high", url: "results/high/", when: { anxiety: { at_least: 4, below: null } } },
  ],
  bounds: { anxiety: [1, 7], avoidance: [1, 7] },
  pairings: [{ id: "low-high", results: ["low", "high"] }, { id: "default", results: null }],
};

test("weighted mean with a reversed item", () => {
  const out = scoreAnswers(key, { a1: 7, a2: 1, a3: 4, a4: 1, v1: 2, v2: 3 });
  assert.equal(out.scores.anxiety, (7 + 7 + 2 * 4 + 1) / 5);
  assert.equal(out.scores.avoidance, 2.5);
  assert.equal(out.result, "high");
});

test("missing answers within max_missing are skipped, beyond it they are named", () => {
  assert.equal(allowedMissing(key, "anxiety"), 1);
  assert.equal(allowedMissing(key, "avoidance"), 0);
  const ok = scoreAnswers(key, { a1: 1, a2: 7, a3: 1, v1: 1, v2: 1 });
  assert.equal(ok.scores.anxiety, 1);
  assert.deepEqual(scoreAnswers(key, { a1: 1, a2: 7, v1: 1, v2: 1 }).missing, ["a3", "a4"]);
  assert.deepEqual(scoreAnswers(key, { a1: 1, a2: 7, a3: 1, a4: 1, v1: 1 }).missing, ["v2"]);
});

test("sum method adds weighted values", () => {
  const out = scoreAnswers({ ...key, method: "sum" }, { a1: 2, a2: 2, a3: 2, a4: 2, v1: 1, v2: 1 });
  assert.equal(out.scores.anxiety, 2 + 6 + 4 + 2);
});

test("the first matching result wins; thresholds are at_least inclusive, below exclusive", () => {
  assert.equal(matchResult(key, { anxiety: 4, avoidance: 1 }), "high");
  assert.equal(matchResult(key, { anxiety: 3.999, avoidance: 1 }), "low");
  assert.equal(matchResult({ ...key, results: [] }, { anxiety: 4, avoidance: 1 }), null);
});

test("fragments round to two decimals and parse back within bounds only", () => {
  assert.equal(formatScore(0.125), "0.13");
  const fragment = fragmentFor(key, { anxiety: 5.254, avoidance: 2.1 });
  assert.equal(fragment, "anxiety=5.25&avoidance=2.10");
  assert.deepEqual(parseFragment(key, `#${fragment}`), { anxiety: 5.25, avoidance: 2.1 });
  assert.equal(parseFragment(key, "#anxiety=9&avoidance=2"), null);
  assert.equal(parseFragment(key, "#anxiety=5"), null);
  assert.equal(parseFragment(key, "#anxiety=1e1&avoidance=2"), null);
  assert.equal(parseFragment(key, ""), null);
});

test("a partner's scores travel beside one's own, under their own prefix", () => {
  const both = `#${fragmentFor(key, { anxiety: 2, avoidance: 3 })}&${fragmentFor(key, { anxiety: 6, avoidance: 1 }, PARTNER)}`;
  assert.equal(both, "#anxiety=2.00&avoidance=3.00&partner.anxiety=6.00&partner.avoidance=1.00");
  assert.deepEqual(parseFragment(key, both), { anxiety: 2, avoidance: 3 });
  assert.deepEqual(parseFragment(key, both, PARTNER), { anxiety: 6, avoidance: 1 });
  assert.equal(parseFragment(key, "#anxiety=2&avoidance=3", PARTNER), null);
});

test("pairings match in either order and fall back to the default", () => {
  assert.equal(pairingFor(key, "high", "low").id, "low-high");
  assert.equal(pairingFor(key, "low", "high").id, "low-high");
  assert.equal(pairingFor(key, "high", "high").id, "default");
  assert.equal(pairingFor({ ...key, pairings: [] }, "high", "low"), null);
});

test("near a boundary means within a tenth of the axis of an inner threshold", () => {
  assert.equal(nearBoundary(key, { anxiety: 4.5, avoidance: 1 }), true);
  assert.equal(nearBoundary(key, { anxiety: 5.5, avoidance: 1 }), false);
});
