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

// Mirrored, for right-to-left pages: the plot says so in data-mirrored, and low scores lie at the right end. A
// mirrored map's square is drawn mirrored too, so its left edge is at 12 (308 wide, less 56 and 240).
const MIRRORED_MAP = { ...MAP, left: "12", mirrored: "1" };
const MIRRORED_SCALE = { ...SCALE, mirrored: "1" };
const MIRRORED_PROFILE = { ...PROFILE, mirrored: "1" };

test("mirrored, a scale runs from its low end at the right, still kept within the ends", () => {
  assert.deepEqual(plotPosition(MIRRORED_SCALE, { calm: 1 }), { x: 308, y: 62 });
  assert.deepEqual(plotPosition(MIRRORED_SCALE, { calm: 2 }, "partner"), { x: 234, y: 80 });
  assert.deepEqual(plotPosition(MIRRORED_SCALE, { calm: 5 }), { x: 12, y: 62 });
  assert.equal(plotPosition(MIRRORED_SCALE, { calm: 9 }).x, 12);
  assert.equal(plotPosition(MIRRORED_SCALE, { calm: -3 }).x, 308);
  for (const calm of [1, 1.7, 3, 4.25, 5]) {
    const [mirrored, plain] = [plotPosition(MIRRORED_SCALE, { calm }).x, plotPosition(SCALE, { calm }).x];
    assert.ok(Math.abs(mirrored - (320 - plain)) < 1e-9, "the mirror image within the 320 units");
  }
});

test("mirrored, a map's point sits at the mirror of its place, its label on its left (the start, right to left)", () => {
  assert.deepEqual(plotMarks(MIRRORED_MAP, [], { a: 4, b: 5.5 }, "you", "You"), [
    { tag: "circle", attrs: { class: "point you", cx: 132, cy: 72, r: "7" } },
    { tag: "text", attrs: { class: "point-label", "paint-order": "stroke", x: 121, y: 76 }, text: "You" },
  ]);
  const [square, words] = plotMarks(MIRRORED_MAP, [], { a: 1, b: 1 }, "partner", "Your partner");
  assert.deepEqual(square.attrs, { class: "point partner", x: 246, y: 246, width: "12", height: "12" });
  assert.deepEqual([words.attrs.x, words.attrs.y], [241, 268]);
  assert.equal(plotPosition(MIRRORED_MAP, { a: 2.5, b: 1 }).x, 308 - plotPosition(MAP, { a: 2.5, b: 1 }).x);
});

test("mirrored, a scale's markers are keyed from its right end, the words left of each key", () => {
  const you = plotMarks(MIRRORED_SCALE, [], { calm: 4 }, "you", "You");
  assert.deepEqual(you[0].attrs, { class: "point you", cx: 86, cy: 62, r: "7" });
  assert.deepEqual([you[1].attrs.cx, you[1].attrs.cy, you[2].attrs.x, you[2].attrs.y], [301, 12, 290, 16]);
  const partner = plotMarks(MIRRORED_SCALE, [], { calm: 3 }, "partner", "Your partner");
  assert.deepEqual(partner[0].attrs, { class: "point partner", x: 154, y: 74, width: "12", height: "12" });
  assert.deepEqual([partner[1].attrs.x, partner[1].attrs.y, partner[2].attrs.x], [239, 6, 234]);
  assert.ok(partner[2].attrs.x < you[1].attrs.cx - 7, "the partner's key lies left of the reader's");
});

test("mirrored, a profile's bars grow leftwards from each row's right end, their widths positive", () => {
  const you = plotMarks(MIRRORED_PROFILE, ROWS, { near: 2, far: 7.5 }, "you", "You");
  assert.deepEqual(you.slice(0, 4), [
    { tag: "rect", attrs: { class: "bar", x: 236, y: 51, width: 76, height: "6" } },
    { tag: "circle", attrs: { class: "point you", cx: 236, cy: 54, r: "7" } },
    { tag: "rect", attrs: { class: "bar", x: 84, y: 119, width: 228, height: "6" } },
    { tag: "circle", attrs: { class: "point you", cx: 84, cy: 122, r: "7" } },
  ]);
  assert.deepEqual([you[4].attrs.cx, you[5].attrs.x], [305, 294], "the key at the right, its words to its left");
  const low = plotMarks(MIRRORED_PROFILE, ROWS, { near: 1, far: 0 }, "you", "You");
  assert.deepEqual([low[0].attrs.x, low[0].attrs.width], [312, 0], "a lowest score has no bar, at the right end");
  const partner = plotMarks(MIRRORED_PROFILE, ROWS, { near: 5, far: 0 }, "partner", "Your partner");
  assert.deepEqual(partner.slice(0, 2).map((m) => [m.attrs.x, m.attrs.y]), [[2, 62], [306, 130]]);
  assert.ok(partner.every((m) => m.attrs.class !== "bar"), "a partner has markers, no bars");
});
