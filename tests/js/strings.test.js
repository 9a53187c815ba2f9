// Unit tests of the interface's sentences in the browser: placeholders, plural forms by the language's own rules,
// sentences cut around a link, grouped thousands. Run with `node --test tests/js/`.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { format, grouped, say, sayParts } from "../../templates/static/strings.js";

const english = JSON.parse(readFileSync(new URL("strings_en.json", import.meta.url), "utf8"));

test("placeholders are filled by name, wherever the sentence puts them; unknown ones stay as they are", () => {
  assert.equal(format("{count} of {total}", { count: 3, total: 12 }), "3 of 12");
  assert.equal(format("{total} : {count}", { count: 0, total: 12 }), "12 : 0");
  assert.equal(format("{count} of {missing}", { count: 1 }), "1 of {missing}");
  assert.equal(say(english, "step", { n: 2, total: 12 }), "Statement 2 of 12");
});

test("a plural sentence takes the form of the language's category for the count", () => {
  assert.match(say(english, "open_statements", { count: 1 }), /^Please answer one more statement first \(1 statement/);
  assert.match(say(english, "open_statements", { count: 3 }), /\(3 statements still open\)/);
  const arabic = { lang: "ar", n: { zero: "z{count}", one: "o{count}", two: "t{count}", few: "f{count}", many: "m{count}", other: "x{count}" } };
  assert.deepEqual([0, 1, 2, 3, 11, 100].map((count) => say(arabic, "n", { count })), ["z0", "o1", "t2", "f3", "m11", "x100"]);
  const spanish = { lang: "es", n: { one: "uno", other: "otros" } };
  assert.equal(say(spanish, "n", { count: 1_000_000 }), "otros", "a category the catalog lacks reads 'other'");
  assert.throws(() => say(english, "no such string"), /no interface string/);
});

test("a sentence is cut around the values it holds, so a link can sit inside it", () => {
  const link = { a: "link" };
  assert.deepEqual(sayParts(english, "other_result", { count: 1, link }),
    ["This score falls in the range of another result: ", link, "."]);
  assert.deepEqual(sayParts({ lang: "en", s: "{link} first" }, "s", { link }), [link, " first"]);
});

test("thousands are grouped with the language's separator", () => {
  assert.equal(grouped(english, 1234567), "1,234,567");
  assert.equal(grouped(english, 400), "400");
  assert.equal(grouped({ thousands: "." }, 21000), "21.000");
});
