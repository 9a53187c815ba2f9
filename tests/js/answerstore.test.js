// Unit tests of where quiz answers are kept (tab or device), run with `node --test tests/js/`.
import assert from "node:assert/strict";
import { test } from "node:test";
import { answerStore } from "../../templates/static/answerstore.js";

/** A Storage-like object over a Map, so each test sees exactly what was kept. */
function fakeStorage() {
  const items = new Map();
  return {
    items,
    getItem: (name) => (items.has(name) ? items.get(name) : null),
    setItem: (name, value) => { items.set(name, String(value)); },
    removeItem: (name) => { items.delete(name); },
  };
}

/** Storage as browsers give it in some private modes or when disabled: every call throws. */
const refusing = {
  getItem() { throw new Error("SecurityError"); },
  setItem() { throw new Error("QuotaExceededError"); },
  removeItem() { throw new Error("SecurityError"); },
};

const NAME = "attune:answers:demo";
const state = { answers: { a1: 3 }, order: ["a1", "a2"] };

test("by default answers are kept only for the tab", () => {
  const local = fakeStorage();
  const session = fakeStorage();
  const store = answerStore("demo", local, session);
  assert.equal(store.remembered(), false);
  assert.deepEqual(store.load(), {});
  store.save(state);
  assert.deepEqual(JSON.parse(session.items.get(NAME)), state);
  assert.equal(local.items.size, 0, "nothing on the device");
  assert.deepEqual(answerStore("demo", local, session).load(), state, "a reload in the same tab finds them");
  assert.deepEqual(answerStore("demo", local, fakeStorage()).load(), {}, "a new tab does not");
});

test("remembering moves what is kept to the device, and later saves go there", () => {
  const local = fakeStorage();
  const session = fakeStorage();
  const store = answerStore("demo", local, session);
  store.save(state);
  assert.equal(store.remember(true), true);
  assert.equal(session.items.size, 0, "no second copy in the tab");
  assert.deepEqual(JSON.parse(local.items.get(NAME)), state);
  store.save({ ...state, answers: { a1: 4 } });
  assert.deepEqual(JSON.parse(local.items.get(NAME)).answers, { a1: 4 });
  assert.equal(session.items.size, 0);
  const later = answerStore("demo", local, fakeStorage());
  assert.equal(later.remembered(), true, "a later visit shows the choice");
  assert.deepEqual(later.load().answers, { a1: 4 });
});

test("remembering before answering anything still records the choice", () => {
  const local = fakeStorage();
  const store = answerStore("demo", local, fakeStorage());
  store.remember(true);
  assert.equal(answerStore("demo", local, fakeStorage()).remembered(), true);
});

test("forgetting removes the answers from the device and keeps them for the tab", () => {
  const local = fakeStorage();
  const session = fakeStorage();
  const store = answerStore("demo", local, session);
  store.remember(true);
  store.save(state);
  assert.equal(store.remember(false), true);
  assert.equal(local.items.size, 0);
  assert.deepEqual(JSON.parse(session.items.get(NAME)), state);
  assert.equal(store.remembered(), false);
  store.save({ answers: {} });
  assert.equal(local.items.size, 0, "later saves stay in the tab");
});

test("clearing empties both storages", () => {
  const local = fakeStorage();
  const session = fakeStorage();
  const store = answerStore("demo", local, session);
  store.save(state);
  store.remember(true);
  session.setItem(NAME, JSON.stringify(state)); // another copy, as a tab that saved before remembering leaves
  store.clear();
  assert.equal(local.items.size + session.items.size, 0);
  assert.equal(store.remembered(), false);
  assert.deepEqual(store.load(), {});
});

test("each quiz has its own entry and other entries are left alone", () => {
  const local = fakeStorage();
  const session = fakeStorage();
  session.setItem("unrelated", "x");
  const one = answerStore("one", local, session);
  const two = answerStore("two", local, session);
  one.save(state);
  two.save({ answers: { b: 1 } });
  one.clear();
  assert.deepEqual([...session.items.keys()], ["unrelated", "attune:answers:two"]);
});

test("storage that throws or is missing keeps nothing and never throws", () => {
  for (const [local, session] of [[refusing, refusing], [null, null], [undefined, refusing]]) {
    const store = answerStore("demo", local, session);
    assert.equal(store.remembered(), false);
    assert.deepEqual(store.load(), {});
    assert.doesNotThrow(() => store.save(state));
    assert.equal(store.remember(true), false, "the choice could not be kept");
    assert.doesNotThrow(() => store.remember(false));
    assert.doesNotThrow(() => store.clear());
  }
});

test("a device that refuses storage leaves the tab copy in place", () => {
  const session = fakeStorage();
  const store = answerStore("demo", refusing, session);
  store.save(state);
  assert.equal(store.remember(true), false);
  assert.deepEqual(JSON.parse(session.items.get(NAME)), state);
});

test("damaged entries read as nothing kept", () => {
  const local = fakeStorage();
  const session = fakeStorage();
  session.setItem(NAME, "{not json");
  assert.deepEqual(answerStore("demo", local, session).load(), {});
});
