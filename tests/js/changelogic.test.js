// Unit tests of change over time: which kept result a view compares with, and how each score's move is said.
// Run with `node --test tests/js/`. Keeping results (only when remembered) is tested in quizlogic.test.js.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { previousResult, scoreChange as changeIn } from "../../templates/static/changelogic.js";

/** The theme's English interface strings, as an English page carries them (tests/test_i18n.py keeps this copy true). */
const strings = JSON.parse(readFileSync(new URL("strings_en.json", import.meta.url), "utf8"));
const scoreChange = (...args) => changeIn(...args, strings);

const key = {
  scores: [
    { id: "anxiety", label: "Attachment anxiety", decimals: 2, change: 0.85 },
    { id: "avoidance", label: "Attachment avoidance", decimals: 2 },
    { id: "total", label: "Total", decimals: 0, change: 2.7183 },
  ],
  results: [{ id: "high", when: { anxiety: { at_least: 4, below: null } } }],
};
const [anxiety, avoidance, total] = key.scores;
const earlier = { date: "2026-10-01", scores: { anxiety: 3.2, avoidance: 2.5, total: 20 } };
const now = { date: "2026-11-02", scores: { anxiety: 4.1, avoidance: 2.5, total: 22 } };

test("a view compares with the result before the newest, and only when it shows the newest", () => {
  assert.equal(previousResult([earlier, now], now.scores), earlier);
  assert.equal(previousResult([earlier, now], { ...now.scores }), earlier, "the same numbers, wherever they came from");
  assert.equal(previousResult([earlier, now], earlier.scores), null, "an older result: no change of the reader's");
  assert.equal(previousResult([earlier, now], { ...now.scores, anxiety: 4.100000000000001 }), null,
    "someone else's scores, however close");
  assert.equal(previousResult([now], now.scores), null, "one result: nothing to compare with");
  for (const nothing of [[], undefined, null, "[]", {}]) assert.equal(previousResult(nothing, now.scores), null);
});

test("a move larger than the declared measurement error is flagged as such", () => {
  assert.deepEqual(scoreChange(key, anxiety, 4.1, earlier), {
    kind: "beyond",
    text: "Attachment anxiety: 4.10, up from 3.20 on 2026-10-01. That is more than this quiz’s measurement error (0.85).",
  });
  assert.equal(scoreChange(key, anxiety, 2.3, earlier).kind, "beyond", "down as much");
  assert.match(scoreChange(key, anxiety, 2.3, earlier).text, /^Attachment anxiety: 2\.30, down from 3\.20 on 2026-10-01\./);
});

test("a move within the measurement error is called that, not a change", () => {
  assert.deepEqual(scoreChange(key, anxiety, 3.6, earlier), {
    kind: "within",
    text: "Attachment anxiety: 3.60, up from 3.20 on 2026-10-01. "
      + "That is within this quiz’s measurement error (0.85), so it may be chance.",
  });
  assert.equal(scoreChange(key, anxiety, 3.2 + 0.85, earlier).kind, "within", "exactly the error is not larger");
  assert.equal(scoreChange(key, total, 22, earlier).kind, "within");
  assert.match(scoreChange(key, total, 22, earlier).text, /measurement error \(2\.72\)/, "the error with two decimals");
  assert.equal(scoreChange(key, total, 23, earlier).kind, "beyond");
});

test("without a declared measurement error the move is shown but not judged", () => {
  assert.deepEqual(scoreChange(key, avoidance, 3.1, earlier), {
    kind: "unjudged",
    text: "Attachment avoidance: 3.10, up from 2.50 on 2026-10-01.",
  });
});

test("scores that read alike are the same; a score the earlier result lacks has no change", () => {
  assert.deepEqual(scoreChange(key, avoidance, 2.5, earlier), {
    kind: "same",
    text: "Attachment avoidance: 2.50, the same as on 2026-10-01.",
  });
  assert.equal(scoreChange(key, avoidance, 2.501, earlier).kind, "same", "2.50 and 2.50 read alike");
  assert.equal(scoreChange(key, anxiety, 4.1, { date: "2026-10-01", scores: { avoidance: 1 } }), null);
});

test("scores are shown as the result view shows them, more decimals where a cut-off needs them", () => {
  const text = scoreChange(key, anxiety, 3.996, earlier).text;
  assert.match(text, /^Attachment anxiety: 3\.996, up from 3\.20/, "3.996 is below the cut-off at 4: not '4.00'");
});
