// The map of the theme's scripts, kept true: modules that compute touch no DOM, modules that touch the DOM do
// nothing when imported, and only the pages' entry scripts run at load. Run with `node --test tests/js/`.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

const STATIC = new URL("../../templates/static/", import.meta.url);
const PURE = [
  "changelogic.js", "framelogic.js", "normlogic.js", "quizlogic.js", "resultlogic.js", "scoring.js", "searchlogic.js",
  "strings.js",
];
const DOM = ["quizform.js", "resultview.js"];
const ENTRIES = ["frame.js", "quiz.js", "result.js", "search.js", "searchbox.js", "standalone.js"];
// vendor/ holds third-party scripts as published (MiniSearch), each with its licence.

const source = (name) => readFileSync(new URL(name, STATIC), "utf8");
const imports = (name) => [...source(name).matchAll(/^import .* from "\.\/(.+)";$/gm)].map((m) => m[1]);

test("every script is on the map", () => {
  const scripts = readdirSync(STATIC).filter((name) => name.endsWith(".js")).sort();
  assert.deepEqual(scripts, [...PURE, ...DOM, ...ENTRIES].sort());
});

test("modules that compute name no DOM and import only modules that compute", () => {
  for (const name of PURE) {
    assert.doesNotMatch(source(name), /\b(document|window|navigator|CSS|localStorage|sessionStorage)\b/, name);
    for (const dep of imports(name)) assert.ok(PURE.includes(dep), `${name} imports ${dep}`);
  }
});

test("modules that touch the DOM import without one: nothing runs until a page calls them", async () => {
  assert.equal(typeof globalThis.document, "undefined", "node has no DOM, so a read at import would throw");
  for (const name of [...PURE, ...DOM]) await import(new URL(name, STATIC));
});

test("no module imports a page's entry script", () => {
  for (const name of [...PURE, ...DOM, ...ENTRIES]) {
    for (const dep of imports(name)) assert.ok(!ENTRIES.includes(dep), `${name} imports ${dep}`);
  }
});
