// Unit tests of what an embedded quiz takes from the snippet that framed it, run with `node --test tests/js/`.
import assert from "node:assert/strict";
import { test } from "node:test";
import { frameOptions } from "../../templates/static/framelogic.js";

test("a well-formed origin, accent and theme are taken as given", () => {
  assert.deepEqual(frameOptions("?origin=https%3A%2F%2Fhost.example%3A8443&accent=%23a05&theme=dark"),
    { host: "https://host.example:8443", accent: "#a05", theme: "dark" });
  assert.deepEqual(frameOptions("?origin=http://localhost:8000&accent=%2300AA77&theme=light"),
    { host: "http://localhost:8000", accent: "#00AA77", theme: "light" });
});

test("anything else is ignored, never passed on", () => {
  assert.deepEqual(frameOptions(""), { host: null, accent: null, theme: null });
  for (const origin of ["*", "null", "https://host.example/", "https://host.example/page", "javascript:alert(1)",
    "ftp://host.example", "//host.example"]) {
    assert.equal(frameOptions(`?origin=${encodeURIComponent(origin)}`).host, null, origin);
  }
  for (const accent of ["red", "#ab", "#abcd", "#ggg", "#a05;background:url(x)", "a05"]) {
    assert.equal(frameOptions(`?accent=${encodeURIComponent(accent)}`).accent, null, accent);
  }
  for (const theme of ["auto", "Dark", "dark "]) {
    assert.equal(frameOptions(`?theme=${encodeURIComponent(theme)}`).theme, null, theme);
  }
});
