// The plot's geometry (resultlogic.js): where a reader's marks go on a map, a scale and a profile.
// Run with `node --test tests/js/`; data attributes come as the page gives them, strings.
import assert from "node:assert/strict";
import { test } from "node:test";
import { plotMarks, plotPosition } from "../../templates/static/resultlogic.js";

const MAP = { x: "a", y: "b", xLow: "1", xHigh: "7", yLow: "1", yHigh: "7", left: "56", top: "12", size: "240" };
const SCALE = { kind: "scale", x: "calm", xLow: "1", xHigh: "5", left: "12", size: "296", you: "62", partner: "80",
  legend: "12" };
const PROFILE = { kind: "profile", left: "8", size: "304", legend: "12" };
const ROWS = [
  { row: "", x: "near", xLow: "1", xHigh: "5", you: "54", partner: "68" },
  { row: "", x: "far", xLow: "0", xHigh: "10", you: "122", partner: "136" },
];

test("a map's point sits at its scores, labelled beside it, as before scales and profiles", () => {
  assert.deepEqual(plotMarks(MAP, [], { a: 4, b: 5.5 }, "you", "You"), [
    { tag: "circle", attrs: { class: "point you", cx: 176, cy: 72, r: "7" } },
    { tag: "text", attrs: { class: "point-label", "paint-order": "stroke", x: 187, y: 76 }, text: "You" },
  ]);
  const [square, words] = plotMarks(MAP, [], { a: 1, b: 1 }, "partner", "Your partner");
  assert.deepEqual(square.attrs, { class: "point partner", x: 50, y: 246, width: "12", height: "12" });
  assert.deepEqual([words.attrs.x, words.attrs.y], [67, 268]);
});

test("on a scale a score lies along the line, in the reader's lane, kept within the ends", () => {
  assert.deepEqual(plotPosition(SCALE, { calm: 1 }), { x: 12, y: 62 });
  assert.deepEqual(plotPosition(SCALE, { calm: 2 }, "partner"), { x: 86, y: 80 });
  assert.deepEqual(plotPosition(SCALE, { calm: 5 }), { x: 308, y: 62 });
  assert.deepEqual(plotPosition(SCALE, { calm: 9 }).x, 308);
  assert.deepEqual(plotPosition(SCALE, { calm: -3 }).x, 12);
});

test("a scale gets one marker per reader, keyed above it", () => {
  const you = plotMarks(SCALE, [], { calm: 4 }, "you", "You");
  assert.deepEqual(you.map((m) => m.tag), ["circle", "circle", "text"]);
  assert.deepEqual(you[0].attrs, { class: "point you", cx: 234, cy: 62, r: "7" });
  const [key, words] = [you[1].attrs, you[2]];
  assert.deepEqual([key.cx, key.cy, words.attrs.x, words.attrs.y, words.text], [19, 12, 30, 16, "You"]);
  const partner = plotMarks(SCALE, [], { calm: 3 }, "partner", "Your partner");
  assert.deepEqual(partner[0].attrs, { class: "point partner", x: 154, y: 74, width: "12", height: "12" });
  assert.deepEqual([partner[1].attrs.x, partner[1].attrs.y, partner[2].attrs.x], [69, 6, 86]);
});

test("a profile gets a bar from each row's low end to the reader's score, and a partner's marker per row", () => {
  const you = plotMarks(PROFILE, ROWS, { near: 2, far: 7.5 }, "you", "You");
  assert.deepEqual(you.slice(0, 4), [
    { tag: "rect", attrs: { class: "bar", x: 8, y: 51, width: 76, height: "6" } },
    { tag: "circle", attrs: { class: "point you", cx: 84, cy: 54, r: "7" } },
    { tag: "rect", attrs: { class: "bar", x: 8, y: 119, width: 228, height: "6" } },
    { tag: "circle", attrs: { class: "point you", cx: 236, cy: 122, r: "7" } },
  ]);
  assert.equal(you.length, 6, "and the key: a marker and its words");
  const partner = plotMarks(PROFILE, ROWS, { near: 5, far: 0 }, "partner", "Your partner");
  assert.deepEqual(partner.slice(0, 2).map((m) => [m.attrs.x, m.attrs.y]), [[306, 62], [2, 130]]);
  assert.ok(partner.every((m) => m.attrs.class !== "bar"), "a partner has markers, no bars");
});
