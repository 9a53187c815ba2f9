// Unit tests of what the quiz form keeps and decides: where answers are kept (tab or device), the order of
// statements, steps, progress and messages. Run with `node --test tests/js/`.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  answerStore, dayOf, openStatements, progress, statementOrder, step, withResult,
} from "../../templates/static/quizlogic.js";

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

const first = { anxiety: 3.2, avoidance: 2.5 };
const second = { anxiety: 4.1, avoidance: 2.5 };

test("results are kept only with answers remembered on this device, and only the newest two", () => {
  const local = fakeStorage();
  const session = fakeStorage();
  const store = answerStore("demo", local, session);
  store.save(state);
  store.keepResult(first, "2026-10-01");
  assert.deepEqual(JSON.parse(session.items.get(NAME)), state, "for the tab only: no scores kept");
  assert.equal(local.items.size, 0);
  assert.deepEqual(store.results(), []);
  store.remember(true);
  store.keepResult(first, "2026-10-01");
  store.keepResult(second, "2026-11-02");
  assert.deepEqual(JSON.parse(local.items.get(NAME)), {
    ...state,
    results: [{ date: "2026-10-01", scores: first }, { date: "2026-11-02", scores: second }],
  }, "in the same entry as the answers");
  store.keepResult({ anxiety: 5, avoidance: 1 }, "2026-12-03");
  assert.deepEqual(store.results().map((r) => r.date), ["2026-11-02", "2026-12-03"], "a change needs no more");
  store.save({ ...store.load(), answers: { a1: 5 } });
  assert.equal(store.results().length, 2, "answering again keeps them");
  assert.equal(answerStore("demo", local, fakeStorage()).results().length, 2, "a later visit finds them");
});

test("no longer remembering takes kept results to the tab, where nothing finds them; clearing removes them", () => {
  const local = fakeStorage();
  const session = fakeStorage();
  const store = answerStore("demo", local, session);
  store.remember(true);
  store.keepResult(first, "2026-10-01");
  store.keepResult(second, "2026-11-02");
  store.remember(false);
  assert.equal(local.items.size, 0, "nothing left on the device");
  assert.deepEqual(store.results(), [], "a result view shows no change");
  store.keepResult(first, "2026-12-03");
  assert.equal(JSON.parse(session.items.get(NAME)).results.length, 2, "and scoring keeps nothing more");
  store.remember(true);
  store.clear();
  assert.equal(local.items.size + session.items.size, 0);
  assert.deepEqual(store.results(), []);
});

test("storage that throws or is missing keeps no result and never throws", () => {
  for (const [local, session] of [[refusing, refusing], [null, null], [refusing, fakeStorage()]]) {
    const store = answerStore("demo", local, session);
    assert.doesNotThrow(() => store.keepResult(first, "2026-10-01"));
    assert.deepEqual(store.results(), []);
  }
});

test("scoring the very same scores again keeps the earlier result and its date", () => {
  const kept = withResult({ answers: {} }, first, "2026-10-01");
  assert.equal(withResult(kept, { ...first }, "2026-10-05"), kept);
  assert.deepEqual(withResult(kept, second, "2026-10-05").results.map((r) => r.scores), [first, second]);
  assert.deepEqual(withResult({ results: "damaged" }, first, "2026-10-01").results, [{ date: "2026-10-01", scores: first }]);
});

test("a day is the reader's own calendar date", () => {
  assert.equal(dayOf(new Date(2026, 0, 5, 23, 59)), "2026-01-05");
  assert.equal(dayOf(new Date(2026, 9, 1, 0, 0)), "2026-10-01");
});

/** A seeded generator (mulberry32), so a shuffle is the same on every run. */
function seeded(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ids = ["a1", "a2", "a3", "v1", "v2"];

test("a new order is a shuffle of every statement, decided by the random source alone", () => {
  const order = statementOrder(ids, undefined, seeded(7));
  assert.deepEqual([...order].sort(), ids);
  assert.notDeepEqual(order, ids);
  assert.deepEqual(statementOrder(ids, undefined, seeded(7)), order, "the same seed gives the same order");
  assert.deepEqual(statementOrder(ids, null, () => 0.999), ids, "the largest draws keep every statement in place");
  assert.deepEqual(statementOrder(ids, null, () => 0), ["a2", "a3", "v1", "v2", "a1"]);
  assert.deepEqual(ids, ["a1", "a2", "a3", "v1", "v2"], "the statements themselves are left alone");
});

test("a kept order stays while it orders exactly these statements", () => {
  const kept = ["v2", "a1", "v1", "a3", "a2"];
  assert.equal(statementOrder(ids, kept, () => assert.fail("no new shuffle")), kept, "the very array: nothing to save");
  for (const stale of [["a1", "a2"], [...kept, "x"], ["a1", "a2", "a3", "v1", "gone"], "a1,a2,a3,v1,v2", {}]) {
    const order = statementOrder(ids, stale, seeded(1));
    assert.notEqual(order, stale);
    assert.deepEqual([...order].sort(), ids, JSON.stringify(stale));
  }
});

test("progress counts the answered statements and resumes at the first open one", () => {
  assert.deepEqual(progress(ids, {}), { count: 0, total: 5, resume: 0 });
  assert.deepEqual(progress(ids, { a1: 3, a2: 1, v1: 7 }), { count: 3, total: 5, resume: 2 });
  assert.deepEqual(progress(["v1", "a1"], { a1: 3 }), { count: 1, total: 2, resume: 0 }, "in the order shown");
  assert.deepEqual(progress(ids, { a1: 1, a2: 1, a3: 1, v1: 1, v2: 1 }), { count: 5, total: 5, resume: 0 },
    "all answered: back to the first");
});

test("a step stays within the statements and knows the first and the last", () => {
  assert.deepEqual(step(0, 5), { current: 0, first: true, last: false });
  assert.deepEqual(step(2, 5), { current: 2, first: false, last: false });
  assert.deepEqual(step(9, 5), { current: 4, first: false, last: true });
  assert.deepEqual(step(-1, 5), { current: 0, first: true, last: false });
  assert.deepEqual(step(0, 1), { current: 0, first: true, last: true });
});

test("open statements: the first one as shown is selected, and they are counted", () => {
  assert.deepEqual(openStatements(["v1", "a2", "a1"], ["a1", "a2"]), { first: 1, count: 2 });
  assert.deepEqual(openStatements(ids, ["v2"]), { first: 4, count: 1 });
});
