// Unit tests of the browser's scoring and result modules, run with `node --test tests/js/`.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  PARTNER, fragmentFor, matchResult, parseFragment, partnerFrom, scoreAnswers,
} from "../../templates/static/scoring.js";
import {
  displayScore, nearBoundary, otherResult, pairingFor, partnerOutcome, plotPosition,
} from "../../templates/static/resultlogic.js";

const LIKERT = [1, 2, 3, 4, 5, 6, 7];
const REVERSED = [7, 6, 5, 4, 3, 2, 1];
/** A question on one score, as the client key writes it (values of answers 1..7). */
const question = (key, score, weight = 1, values = LIKERT) => ({ key, low: 1, feeds: [[score, weight, values]] });

const key = {
  id: "demo",
  scores: [
    { id: "anxiety", label: "Anxiety", method: "mean", allowed_missing: 1, decimals: 2 },
    { id: "avoidance", label: "Avoidance", method: "mean", allowed_missing: 0, decimals: 2 },
  ],
  questions: [
    question("a1", "anxiety"),
    question("a2", "anxiety", 1, REVERSED),
    question("a3", "anxiety", 2),
    question("a4", "anxiety"),
    question("v1", "avoidance"),
    question("v2", "avoidance"),
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

test("missing answers within a dimension's allowance (from the key) are skipped, beyond it they are named", () => {
  const ok = scoreAnswers(key, { a1: 1, a2: 7, a3: 1, v1: 1, v2: 1 });
  assert.equal(ok.scores.anxiety, 1);
  assert.deepEqual(scoreAnswers(key, { a1: 1, a2: 7, v1: 1, v2: 1 }).missing, ["a3", "a4"]);
  assert.deepEqual(scoreAnswers(key, { a1: 1, a2: 7, a3: 1, a4: 1, v1: 1 }).missing, ["v2"]);
});

const withMethod = (method) => ({ ...key, scores: key.scores.map((d) => ({ ...d, method })) });

test("sum method adds weighted values", () => {
  const out = scoreAnswers(withMethod("sum"), { a1: 2, a2: 2, a3: 2, a4: 2, v1: 1, v2: 1 });
  assert.equal(out.scores.anxiety, 2 + 6 + 4 + 2);
});

test("a prorated sum counts each unanswered item at the mean of the answered ones", () => {
  const out = scoreAnswers(withMethod("prorated_sum"), { a1: 2, a2: 7, a3: 4, v1: 1, v2: 1 });
  assert.equal(out.scores.anxiety, ((2 + 1 + 2 * 4) / 4) * 5); // a4 (weight 1) missing: 5 weights in all
});

test("the first matching result wins; thresholds are at_least inclusive, below exclusive", () => {
  assert.equal(matchResult(key, { anxiety: 4, avoidance: 1 }), "high");
  assert.equal(matchResult(key, { anxiety: 3.999, avoidance: 1 }), "low");
  assert.equal(matchResult({ ...key, results: [] }, { anxiety: 4, avoidance: 1 }), null);
});

test("fragments carry scores exactly, as the shortest decimal that reads back as the same number", () => {
  const scores = { anxiety: 8 / 3, avoidance: 2.1 };
  const fragment = fragmentFor(key, scores);
  assert.equal(fragment, "anxiety=2.6666666666666665&avoidance=2.1");
  assert.deepEqual(parseFragment(key, `#${fragment}`), scores);
  assert.deepEqual(parseFragment(key, "#anxiety=5.25&avoidance=2.10"), { anxiety: 5.25, avoidance: 2.1 }, "older links still read");
  const wide = { ...key, bounds: { anxiety: [0, 1e22], avoidance: [-1, 1] } };
  for (const exact of [{ anxiety: 1e-7, avoidance: -2.5e-8 }, { anxiety: 1e21, avoidance: -0.5 }, { anxiety: 123456789.125, avoidance: 1 }]) {
    const text = fragmentFor(wide, exact);
    assert.deepEqual(parseFragment(wide, `#${text}`), exact, text);
  }
  assert.equal(fragmentFor(wide, { anxiety: 1e-7, avoidance: 0 }), "anxiety=1e-7&avoidance=0");
  assert.equal(fragmentFor(wide, { anxiety: 1e21, avoidance: 0 }), "anxiety=1e%2B21&avoidance=0", "a + would read as a space");
});

test("fragments parse only to finite numbers within the quiz's bounds", () => {
  for (const bad of ["9", "0.99", "1e1", "1e+1", "1e999", "Infinity", "-Infinity", "NaN", "0x5", "5.", ".5", "+5", " 5", "5 ",
    "5e", "5e-", "--5", "5,5", "", "2.5e-1x"]) {
    assert.equal(parseFragment(key, `#anxiety=${encodeURIComponent(bad)}&avoidance=2`), null, bad);
  }
  assert.equal(parseFragment({ ...key, bounds: { anxiety: [0, 1e308], avoidance: [1, 7] } }, "#anxiety=1e%2B309&avoidance=2"), null);
  assert.equal(parseFragment(key, "#anxiety=5"), null);
  assert.equal(parseFragment(key, ""), null);
});

test("a score past its bound by float rounding alone still reads, as the scorer gave it", () => {
  const weighted = { ...key, questions: key.questions.map((q) => question(q.key, q.feeds[0][0], 0.3)) };
  const { scores } = scoreAnswers(weighted, { a1: 7, a2: 7, a3: 7, a4: 7, v1: 7, v2: 7 });
  assert.ok(scores.anxiety > 7, "the weighted mean overshoots the scale by rounding");
  assert.deepEqual(parseFragment(weighted, `#${fragmentFor(weighted, scores)}`), scores);
  assert.equal(parseFragment(key, "#anxiety=7.000001&avoidance=2"), null);
});

test("a partner's scores travel beside one's own, under their own prefix", () => {
  const both = `#${fragmentFor(key, { anxiety: 2, avoidance: 3 })}&${fragmentFor(key, { anxiety: 6, avoidance: 1 }, PARTNER)}`;
  assert.equal(both, "#anxiety=2&avoidance=3&partner.anxiety=6&partner.avoidance=1");
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

test("a partner's outcome is their result and the pairing of it with one's own", () => {
  const low = { anxiety: 2, avoidance: 2 };
  const high = { anxiety: 6, avoidance: 2 };
  assert.deepEqual(partnerOutcome(key, low, high), { theirs: key.results[1], pairing: key.pairings[0] });
  assert.deepEqual(partnerOutcome(key, high, low), { theirs: key.results[0], pairing: key.pairings[0] });
  assert.deepEqual(partnerOutcome(key, high, high), { theirs: key.results[1], pairing: key.pairings[1] });
  assert.equal(partnerOutcome({ ...key, pairings: [] }, low, high).pairing, null);
});

test("a plot places scores from its low corner, with y growing upwards", () => {
  // As the page gives them: the plot's data attributes are strings.
  const plot = { x: "anxiety", y: "avoidance", xLow: "1", xHigh: "7", yLow: "1", yHigh: "7", left: "40", top: "10",
    size: "300" };
  assert.deepEqual(plotPosition(plot, { anxiety: 1, avoidance: 1 }), { x: 40, y: 310 });
  assert.deepEqual(plotPosition(plot, { anxiety: 7, avoidance: 7 }), { x: 340, y: 10 });
  assert.deepEqual(plotPosition(plot, { anxiety: 4, avoidance: 5.5 }), { x: 190, y: 85 });
});

test("near a boundary means within a tenth of the axis of an inner threshold", () => {
  assert.equal(nearBoundary(key, { anxiety: 4.5, avoidance: 1 }), true);
  assert.equal(nearBoundary(key, { anxiety: 5.5, avoidance: 1 }), false);
});

/** The case of issue #12: a mean of 2.6667 under a cut-off at 2.67. */
const cut = {
  ...key,
  results: [
    { id: "low", title: "Low", url: "results/low/", when: { anxiety: { at_least: null, below: 2.67 } } },
    { id: "high", title: "High", url: "results/high/", when: { anxiety: { at_least: 2.67, below: null } } },
  ],
};

test("the result page reads back the very result the quiz page scored", () => {
  const scored = scoreAnswers(cut, { a1: 1, a2: 2, a4: 1, v1: 1, v2: 1 });
  assert.deepEqual(scored, { scores: { anxiety: 8 / 3, avoidance: 1 }, result: "low" });
  const read = parseFragment(cut, `#${fragmentFor(cut, scored.scores)}`);
  assert.equal(matchResult(cut, read), "low");
  assert.equal(otherResult(cut, read, "low"), null);
  const partner = parseFragment(cut, `#${fragmentFor(cut, scored.scores, PARTNER)}`, PARTNER);
  assert.equal(matchResult(cut, partner), "low");
});

test("a result page disagrees with scores only when they place another result", () => {
  assert.equal(otherResult(cut, { anxiety: 8 / 3, avoidance: 1 }, "low"), null);
  assert.equal(otherResult(cut, { anxiety: 8 / 3, avoidance: 1 }, "high").id, "low");
  assert.equal(otherResult(cut, { anxiety: 2.67, avoidance: 1 }, "low").id, "high");
  assert.equal(otherResult({ ...cut, results: [] }, { anxiety: 2.67, avoidance: 1 }, "low"), null, "no result to point to");
});

test("shown scores keep two decimals unless rounding would cross a cut-off of their dimension", () => {
  assert.equal(displayScore(cut, "anxiety", 4), "4.00");
  assert.equal(displayScore(cut, "anxiety", 5.254), "5.25");
  assert.equal(displayScore(cut, "anxiety", 8 / 3), "2.667");
  assert.equal(displayScore(cut, "avoidance", 8 / 3), "2.67", "only the dimension's own cut-offs matter");
  assert.equal(displayScore(cut, "anxiety", 2.67), "2.67");
  assert.equal(displayScore(cut, "anxiety", 2.67 + 1e-9), "2.67", "on the cut-off reads as at least it");
  assert.equal(displayScore(cut, "anxiety", 2.67 - 1e-9), "2.669999999");
  const below = 2.6699999999999995; // the float just under 2.67
  assert.ok(below < 2.67 && Number(displayScore(cut, "anxiety", below)) < 2.67);
  assert.equal(displayScore(key, "anxiety", 3.996), "3.996", "not 4.00 under a cut-off at 4");
  assert.equal(displayScore(key, "anxiety", 3.99999), "3.99999");
  assert.equal(displayScore(key, "avoidance", 3.996), "4.00");
});

test("a dimension's decimals come from the key; more only when rounding would cross a cut-off", () => {
  const whole = { ...key, scores: key.scores.map((d) => ({ ...d, decimals: 0 })) };
  assert.equal(displayScore(whole, "avoidance", 12), "12");
  assert.equal(displayScore(whole, "anxiety", 3.6), "3.6", "4 would cross the cut-off at 4");
});

test("a partner's scores are read only when the quiz offers comparing", () => {
  const hash = "#partner.anxiety=2&partner.avoidance=3";
  assert.deepEqual(partnerFrom({ ...key, compare: true }, hash), { anxiety: 2, avoidance: 3 });
  assert.equal(partnerFrom({ ...key, compare: false }, hash), null);
});

test("under result_rule highest the highest score's result wins, a tie going to the earlier result", () => {
  const profile = {
    ...key,
    result_rule: "highest",
    results: [{ id: "a", score: "anxiety", when: {} }, { id: "v", score: "avoidance", when: {} }],
  };
  assert.equal(matchResult(profile, { anxiety: 3, avoidance: 5 }), "v");
  assert.equal(matchResult(profile, { anxiety: 5, avoidance: 5 }), "a");
});
