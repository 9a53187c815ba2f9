// Unit tests of where a score places a reader among a quiz's norms: the error function, percentiles, their words
// and the marker. Run with `node --test tests/js/`; tests/test_norms.py holds them to the Python reference.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { belowSpan, erf, markerX, percentile, percentileWords as wordsIn } from "../../templates/static/normlogic.js";

/** The theme's English interface strings, as an English page carries them (tests/test_i18n.py keeps this copy true). */
const strings = JSON.parse(readFileSync(new URL("strings_en.json", import.meta.url), "utf8"));
const percentileWords = (...args) => wordsIn(...args, strings);

const close = (actual, expected, tolerance, message) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${message || ""} ${actual} is not within ${tolerance} of ${expected}`);

test("erf matches published values to the last digits, is odd, and is +-1 far out", () => {
  // erf(x) to 16 significant digits (as C's erf, correctly rounded here, gives them)
  const known = [[0.1, 0.1124629160182849], [0.5, 0.5204998778130465], [1, 0.8427007929497149],
    [1.5, 0.9661051464753108], [2, 0.9953222650189527], [3, 0.9999779095030014], [4, 0.9999999845827421]];
  for (const [x, value] of known) {
    close(erf(x), value, 3e-15, `erf(${x})`);
    assert.equal(erf(-x), -erf(x));
  }
  assert.equal(erf(0), 0);
  for (const far of [6, 7.5, 40, Infinity]) {
    assert.equal(erf(far), 1);
    assert.equal(erf(-far), -1);
  }
  close(erf(1e-10), 1.1283791670955126e-10, 1e-25, "near 0, erf(x) is 2x/sqrt(pi)");
});

test("a normal percentile is 100 * Phi((score - mean) / sd)", () => {
  const norms = { mean: 3, sd: 0.8, sample: "adults", size: 400 };
  assert.equal(percentile(norms, 3), 50);
  close(percentile(norms, 3.8), 84.13447460685429, 1e-12, "one sd above");
  close(percentile(norms, 2.2), 15.865525393145707, 1e-12, "one sd below");
  close(percentile(norms, 3 + 1.96 * 0.8), 97.50021048517795, 1e-12);
  assert.ok(percentile(norms, -100) >= 0 && percentile(norms, 100) <= 100);
});

test("a table percentile is linear between rows and the end rows' beyond them", () => {
  const norms = { table: [[1, 1], [2, 16], [3, 50], [4, 84], [5, 99]], sample: "adults", size: 250 };
  assert.equal(percentile(norms, 2), 16);
  assert.equal(percentile(norms, 2.5), 33);
  assert.equal(percentile(norms, 4.25), 87.75);
  assert.equal(percentile(norms, 0.5), 1, "below the first row: its percentile");
  assert.equal(percentile(norms, 1), 1);
  assert.equal(percentile(norms, 5), 99);
  assert.equal(percentile(norms, 6), 99, "above the last row: its percentile");
});

test("the words say 'about N of 100', rounded half up, and 'almost all' at the ends", () => {
  const sample = "adults in the 2011 online sample";
  assert.equal(percentileWords(61.8, sample, 21000), "Higher than about 62 of 100 adults in the 2011 online sample of 21,000.");
  assert.equal(percentileWords(62.5, sample, 21000), "Higher than about 63 of 100 adults in the 2011 online sample of 21,000.");
  assert.equal(percentileWords(62.49, "adults", 400), "Higher than about 62 of 100 adults of 400.");
  assert.equal(percentileWords(1, "adults", 400), "Higher than about 1 of 100 adults of 400.");
  assert.equal(percentileWords(99, "adults", 400), "Higher than about 99 of 100 adults of 400.");
  assert.equal(percentileWords(0.99, "adults", 400), "Lower than almost all adults of 400.");
  assert.equal(percentileWords(0, "adults", 400), "Lower than almost all adults of 400.");
  assert.equal(percentileWords(99.01, "adults", 400), "Higher than almost all adults of 400.");
  assert.equal(percentileWords(50, "adults", 1234567), "Higher than about 50 of 100 adults of 1,234,567.");
  assert.equal(percentileWords(50, "adults", 1000), "Higher than about 50 of 100 adults of 1,000.");
});

test("the marker sits where the score falls across the picture", () => {
  const plot = { low: "1", high: "5", left: "10", width: "240" };
  assert.equal(markerX(plot, 1), 10);
  assert.equal(markerX(plot, 5), 250);
  assert.equal(markerX(plot, 3.5), 160);
});

// Mirrored, for right-to-left pages: the picture says so in data-mirrored (as the result plot does), and runs from
// its low end at the right, drawn over the same 260 units.
const PICTURE = { low: "1", high: "5", left: "10", width: "240" };
const MIRRORED = { ...PICTURE, mirrored: "1" };

test("mirrored, the marker runs from the low end at the right, the mirror image of its place", () => {
  assert.equal(markerX(MIRRORED, 1), 250);
  assert.equal(markerX(MIRRORED, 5), 10);
  assert.equal(markerX(MIRRORED, 3.5), 100);
  assert.equal(markerX(MIRRORED, 4), 70);
  for (const score of [1, 1.7, 3, 4.25, 5]) close(markerX(MIRRORED, score), 260 - markerX(PICTURE, score), 1e-9);
});

test("the share below the score is shaded from the picture's low end to the marker, either way round", () => {
  assert.deepEqual(belowSpan(PICTURE, markerX(PICTURE, 4)), { x: 10, width: 180 });
  assert.deepEqual(belowSpan(PICTURE, markerX(PICTURE, 1)), { x: 10, width: 0 });
  assert.deepEqual(belowSpan(PICTURE, markerX(PICTURE, 5)), { x: 10, width: 240 });
  assert.deepEqual(belowSpan(MIRRORED, markerX(MIRRORED, 4)), { x: 70, width: 180 });
  assert.deepEqual(belowSpan(MIRRORED, markerX(MIRRORED, 1)), { x: 250, width: 0 });
  assert.deepEqual(belowSpan(MIRRORED, markerX(MIRRORED, 5)), { x: 10, width: 240 });
});
