// Unit tests of search in the browser (templates/static/searchlogic.js): the build's wire-format index read back
// into MiniSearch, the reader's words turned into a query (typos, prefixes, synonyms, accents), and what a result
// shows. Run with `node --test tests/js/`.
import assert from "node:assert/strict";
import { test } from "node:test";
import MiniSearch from "../../node_modules/minisearch/dist/es/index.js";
import { fold, loadable, query, results, searchOptions, words } from "../../templates/static/searchlogic.js";

const FIELDS = ["title", "headings", "summary", "topics", "body"];
const BOOST = { title: 3, headings: 2, summary: 1.5, topics: 1.5, body: 1 };

// The stemmer's answers for this corpus's words (the build asks Snowball); a word not here is its own stem.
const STEMS = {
  abandoned: "abandon", anxiously: "anxious", articles: "articl", article: "articl", attachment: "attach",
  calming: "calm", calms: "calm", closeness: "close", feels: "feel", goes: "goe", helps: "help", hurts: "hurt",
  means: "mean", partners: "partner", protects: "protect", psychologists: "psychologist", reassurance: "reassur",
  rises: "rise", seeking: "seek", silence: "silenc", statements: "statement", stonewalling: "stonewal",
  styles: "style", withdrawing: "withdraw", writes: "write", segura: "segur", confianza: "confianz",
  construye: "constru", cambia: "cambi",
};
const stemOf = (word) => STEMS[word] ?? word;

// [url, kind, {field: text}, passages]
const PAGES = [
  ["articles/stonewalling/", "article", {
    title: "Stonewalling: when a partner goes silent",
    headings: "Why silence hurts",
    summary: "Withdrawing during conflict, and how to reach back.",
    topics: "Avoidant attachment",
    body: "Some partners withdraw into silence when conflict rises. Silence protects them. The other partner feels abandoned. Reassurance helps.",
  }, ["Some partners withdraw into silence when conflict rises.", "Silence protects them.", "The other partner feels abandoned."]],
  ["articles/reassurance/", "article", {
    title: "Anxious attachment and reassurance",
    headings: "Seeking reassurance Calming the alarm",
    summary: "Why some partners need reassurance often.",
    topics: "Anxious attachment",
    body: "Anxious partners seek closeness and reassurance. Reassurance calms the alarm for a while. Attachment styles can change.",
  }, ["Anxious partners seek closeness and reassurance.", "Reassurance calms the alarm for a while."]],
  ["quizzes/styles/", "quiz", {
    title: "Attachment styles quiz", headings: "", summary: "Twelve statements about closeness.", topics: "Attachment",
    body: "Answer twelve statements about closeness, distance and trust.",
  }, ["Answer twelve statements about closeness, distance and trust."]],
  ["quizzes/styles/results/secure/", "result", {
    title: "Mostly secure", headings: "", summary: "You trust closeness.", topics: "",
    body: "Secure attachment means trust in closeness and comfort with distance.",
  }, []],
  ["es/articles/apego/", "article", {
    title: "La relación de apego", headings: "", summary: "Cómo cambia una relación.", topics: "Apego",
    body: "Una relación segura se construye con confianza.",
  }, ["Una relación segura se construye con confianza."]],
  ["about/", "page", {
    title: "About this site", headings: "", summary: "Who writes these articles.", topics: "",
    body: "Psychologists write and review every article.",
  }, ["Psychologists write and review every article."]],
];

/** The pages' field texts as the build indexes them: each word's stem, separated by spaces. */
const stemmed = PAGES.map(([, , fields]) =>
  Object.fromEntries(FIELDS.map((field) => [field, words(fields[field]).map(stemOf).join(" ")])));

/** The wire format the build writes (attunement/plan/search.py), made here from `stemmed`. */
function wire(synonyms = {}) {
  const postings = {}; // term -> field -> doc -> tf
  const forms = {};
  for (const [, , fields] of PAGES) for (const field of FIELDS) {
    for (const word of words(fields[field])) if (stemOf(word) !== word) forms[word] = stemOf(word);
  }
  stemmed.forEach((texts, doc) => FIELDS.forEach((field, f) => {
    for (const term of texts[field].split(" ").filter(Boolean)) {
      const docs = ((postings[term] ??= {})[f] ??= {});
      docs[doc] = (docs[doc] ?? 0) + 1;
    }
  }));
  const terms = Object.keys(postings).sort();
  const encode = (fields) => Object.keys(fields).map((f) => {
    let last = 0;
    const entries = Object.keys(fields[f]).map(Number).map((doc) => {
      const tf = fields[f][doc];
      const entry = (doc - last).toString(36) + (tf > 1 ? "." + tf.toString(36) : "");
      last = doc;
      return entry;
    });
    return `${f}:${entries.join(",")}`;
  }).join("|");
  return {
    version: 1,
    language: "en",
    fields: FIELDS,
    boost: BOOST,
    docs: PAGES.map(([url, kind, fields]) => [url, fields.title, kind, fields.summary]),
    passages: PAGES.map((page) => page[3]),
    // MiniSearch's own field length: how many distinct terms the field has
    lengths: stemmed.map((texts) => FIELDS.map((field) => new Set(texts[field].split(" ").filter(Boolean)).size)),
    terms,
    postings: terms.map((term) => encode(postings[term])),
    forms,
    synonyms,
  };
}

const SYNONYMS = { clingy: ["anxious"], stonewall: ["withdraw", "silenc"] };
const index = wire(SYNONYMS);
const engine = MiniSearch.loadJS(loadable(index), searchOptions(index));
const search = (text) => engine.search(query(index, text));
const first = (text) => index.docs[search(text)[0]?.id]?.[0];

test("text is folded as the build folds it: no accents, no case, words of letters and digits", () => {
  assert.equal(fold("Relación ÁNSIOSA"), "relacion ansiosa");
  assert.equal(fold("relacio\u0301n"), "relacion", "a decomposed accent too");
  assert.deepEqual(words("¿Qué pasa? L'amour, 2 ﬁns—İstanbul"), ["que", "pasa", "l", "amour", "2", "fins", "istanbul"]);
  assert.deepEqual(words(" ¡… ! "), []);
});

test("a term's postings are read as gaps in base 36, each with its count when above 1", () => {
  const tiny = { docs: Array(53).fill(["u", "t", "page", ""]), fields: FIELDS, lengths: Array(53).fill([1, 0, 0, 0, 2]),
    terms: ["a"], postings: ["0:0.2,5|4:0,1.3,1f"] };
  const js = loadable(tiny);
  assert.deepEqual(js.index, [["a", { 0: { 0: 2, 5: 1 }, 4: { 0: 1, 1: 3, 52: 1 } }]]);
  assert.deepEqual(js.fieldIds, { title: 0, headings: 1, summary: 2, topics: 3, body: 4 });
  assert.deepEqual(js.averageFieldLength, [1, 0, 0, 0, 2]);
  assert.equal(js.documentIds[52], 52);
  assert.equal(js.serializationVersion, 2);
});

test("the index read back answers exactly as MiniSearch indexing the same pages itself", () => {
  const built = new MiniSearch({ fields: FIELDS, tokenize: (text) => text.split(" ").filter(Boolean), processTerm: (t) => t,
    searchOptions: searchOptions(index).searchOptions });
  built.addAll(stemmed.map((texts, id) => ({ id, ...texts })));
  // The same serialised index, but for the order of its terms (MiniSearch's tree's) and the averages' last bits
  const [mine, theirs] = [loadable(index), built.toJSON()];
  const byTerm = (js) => [...js.index].sort(([a], [b]) => (a < b ? -1 : 1));
  assert.deepEqual(byTerm(mine), byTerm(theirs));
  const rest = (js) => ({ ...js, index: undefined, averageFieldLength: undefined });
  assert.deepEqual(rest(mine), rest(theirs));
  theirs.averageFieldLength.forEach((average, f) => assert.ok(Math.abs(average - mine.averageFieldLength[f]) < 1e-12));
  const queries = ["silenc", "partner reassur", "attach", "clos", "relacion", "withdrw", "trust distanc", "zzz",
    ...["Silence partner", "anxious attachme", "reasurance", "clingy", "stonewall"].map((text) => query(index, text))];
  for (const q of queries) {
    const [got, want] = [engine.search(q), built.search(q)];
    assert.deepEqual(got.map((hit) => hit.id), want.map((hit) => hit.id), JSON.stringify(q));
    got.forEach((hit, i) => assert.ok(Math.abs(hit.score - want[i].score) < 1e-9, JSON.stringify(q)));
    assert.deepEqual(got.map((hit) => hit.terms), want.map((hit) => hit.terms));
  }
  assert.ok(engine.search("silenc").length > 0, "the comparison compares something");
});

test("a typo finds the page: one edit from a stem, or from a word of the site whose stem is further away", () => {
  assert.equal(first("withdrw"), "articles/stonewalling/", "withdraw is one edit away");
  assert.equal(first("reasurance"), "articles/reassurance/", "reassurance (stem reassur) is one edit away");
  assert.equal(first("Stonewaling"), "articles/stonewalling/");
  assert.deepEqual(search("trst"), [], "a word under five letters is taken as it is");
});

test("the last word matches as a prefix, even of a word whose stem is shorter than what is typed", () => {
  assert.equal(first("reas"), "articles/reassurance/");
  assert.equal(first("anxious attachme"), "articles/reassurance/", "attachme... is attachment, stem attach");
  assert.equal(search("attachme").length, 4, "two letters past the stem: neither its prefix nor one edit from it");
  const ids = search("reas trust").map((hit) => index.docs[hit.id][0]);
  assert.ok(!ids.includes("articles/reassurance/"), "a word before the last is a whole word: reas is not reassurance");
  assert.deepEqual(ids.sort(), ["quizzes/styles/", "quizzes/styles/results/secure/"]);
});

test("a declared synonym finds the site's word", () => {
  assert.deepEqual(search("clingy").map((hit) => hit.id), [1]);
  assert.equal(first("stonewall"), "articles/stonewalling/");
  assert.deepEqual(MiniSearch.loadJS(loadable(wire()), searchOptions(index)).search(query(wire(), "clingy")), [],
    "without it, nothing");
});

test("folding makes an unaccented or uppercase word find the accented one, and the other way round", () => {
  for (const text of ["relacion", "RELACIÓN", "relación", "relacio\u0301n"]) {
    assert.equal(first(text), "es/articles/apego/", text);
  }
});

test("a result shows the passage holding most of the query's stems, its matching words marked", () => {
  const hits = search("silence partner");
  assert.equal(hits[0].id, 0);
  const [shown] = results(index, hits, "silence partner");
  assert.equal(shown.url, "articles/stonewalling/");
  assert.equal(shown.kind, "article");
  assert.equal(shown.passage, "Some partners withdraw into silence when conflict rises.");
  const marked = shown.marks.map(([start, end]) => shown.passage.slice(start, end));
  assert.deepEqual(marked, ["partners", "silence"]);
  assert.deepEqual(shown.marks, [[5, 13], [28, 35]]);

  const [typed] = results(index, search("Silence prot"), "Silence prot");
  assert.equal(typed.passage, "Silence protects them.", "the last word by prefix: prot... is protects");
  assert.deepEqual(typed.marks, [[0, 7], [8, 16]]);

  const [accented] = results(index, search("relacion"), "relacion");
  assert.equal(accented.passage, "Una relación segura se construye con confianza.", "a passage before the summary");
  assert.deepEqual(accented.marks, [[4, 12]]);

  const clingy = results(index, search("clingy"), "clingy")[0];
  assert.equal(clingy.passage, "Anxious partners seek closeness and reassurance.");
  assert.deepEqual(clingy.marks, [[0, 7]], "a synonym's word is marked");

  const typo = results(index, search("withdrw"), "withdrw")[0];
  assert.deepEqual(typo.marks.map(([s, e]) => typo.passage.slice(s, e)), ["withdraw"], "and a typo's word");
});

test("a passage is marked where its words are written, accents and all; nothing matching shows the summary", () => {
  const own = { ...index, passages: [...index.passages] };
  own.passages[4] = ["Una relacio\u0301n segura.", "Una relación se construye con confianza y relación."];
  const [shown] = results(own, [{ id: 4 }], "relacion confianza");
  assert.equal(shown.passage, "Una relación se construye con confianza y relación.");
  assert.deepEqual(shown.marks, [[4, 12], [30, 39], [42, 50]]);
  const [decomposed] = results(own, [{ id: 4 }], "segura relación");
  assert.equal(decomposed.passage, "Una relacio\u0301n segura.");
  assert.deepEqual(decomposed.marks, [[4, 13], [14, 20]]);
  const [none] = results(index, [{ id: 0 }], "nothing");
  assert.equal(none.passage, "Withdrawing during conflict, and how to reach back.");
  assert.deepEqual(none.marks, []);
  assert.equal(results(index, search("attachment"), "attachment", 2).length, 2, "at most `limit`");
});

test("no words, no query; odd words are words, not lookups", () => {
  assert.equal(query(index, ""), null);
  assert.equal(query(index, "  ¿…? "), null);
  for (const text of ["constructor", "__proto__", "toString hasOwnProperty"]) {
    assert.deepEqual(search(text), [], text);
    assert.deepEqual(results(index, [{ id: 5 }], text)[0].marks, []);
  }
});
