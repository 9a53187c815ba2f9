// Search without a server: the build (attunement/plan/search.py) writes each language's index as a compact "wire
// format" in search/index.js; this module turns it into MiniSearch's own serialised index, turns the reader's words
// into a MiniSearch query, and picks what each result shows. No DOM here, so node tests it (tests/js/).
//
// The browser has no stemmer: the index carries the corpus's own `word -> stem` table (`forms`, only the words
// whose stem differs), so a word the site uses is looked up, and any other word is searched as it is typed (prefix
// and typo matching then work on the stems).

const MARKS = /\p{M}/gu;
const WORD = /[\p{L}\p{N}]+/gu;
const PIECE = /[\p{L}\p{N}\p{M}]+/gu; // a word as written, accents and all, to find it again in a passage
const PREFIX_WEIGHT = 0.375; // MiniSearch's own weights for prefix and typo matches, for the words found in `forms`
const FUZZY_WEIGHT = 0.45;
const FUZZY_MIN = 5; // shorter words get no typo tolerance: one edit in four letters is another word

/** `text` as it is compared (as search.py's `fold`): decomposed, without its combining marks, lowercase. */
export function fold(text) {
  return text.normalize("NFKD").replace(MARKS, "").toLowerCase();
}

/** The folded words of `text`. */
export function words(text) {
  return fold(text).match(WORD) ?? [];
}

/** A term's postings, "0:0.2,5|4:0,1.3", as MiniSearch keeps them: {fieldId: {docId: termFrequency}}. */
function postings(text) {
  const fields = {};
  for (const part of text.split("|")) {
    const [field, entries] = part.split(":");
    const docs = (fields[field] = {});
    let doc = 0;
    for (const entry of entries.split(",")) {
      const [gap, tf] = entry.split(".");
      doc += parseInt(gap, 36); // the first gap is from 0, so it is the page's number itself
      docs[doc] = tf === undefined ? 1 : parseInt(tf, 36);
    }
  }
  return fields;
}

/** The wire-format `index` as the plain object `MiniSearch.loadJS` reads (its `toJSON`, serializationVersion 2).
 * Each page's number is both its short id and its id, so a hit's id indexes `index.docs`. */
export function loadable(index) {
  const count = index.docs.length;
  const documentIds = {};
  const fieldLength = {};
  index.lengths.forEach((lengths, doc) => {
    documentIds[doc] = doc;
    fieldLength[doc] = lengths;
  });
  const averageFieldLength = index.fields.map((_, field) =>
    count ? index.lengths.reduce((sum, lengths) => sum + lengths[field], 0) / count : 0);
  return {
    documentCount: count,
    nextId: count,
    documentIds,
    fieldIds: Object.fromEntries(index.fields.map((field, i) => [field, i])),
    fieldLength,
    averageFieldLength,
    storedFields: {}, // the pages' titles and addresses stay in `index.docs`
    dirtCount: 0,
    index: index.terms.map((term, i) => [term, postings(index.postings[i])]),
    serializationVersion: 2,
  };
}

/** The options MiniSearch needs with that index: its fields (the terms are stems already, so nothing is split or
 * changed again), and how it searches unless a query says otherwise. */
export function searchOptions(index) {
  return {
    fields: index.fields,
    tokenize: (text) => text.split(" ").filter(Boolean),
    processTerm: (term) => term,
    searchOptions: {
      boost: index.boost,
      combineWith: "OR",
      prefix: (term, i, terms) => i === terms.length - 1, // the word still being typed
      fuzzy: (term) => (term.length >= FUZZY_MIN ? 1 : false),
      // articles first among near equals: a result page reads best with its scores, a quiz after its articles
      boostDocument: (id) => index.kinds?.[index.docs[id][2]] ?? 1,
    },
  };
}

/** The stem the index uses for a folded `word` (the word itself when the corpus does not know it). */
function stem(index, word) {
  return Object.hasOwn(index.forms, word) ? index.forms[word] : word; // hasOwn: a reader may type "constructor"
}

/** The stems a declared synonym `word` stands for (none when it is not one). */
function synonymsOf(index, word) {
  return Object.hasOwn(index.synonyms, word) ? index.synonyms[word] : [];
}

/** Whether `a` and `b` are at most one insertion, deletion or substitution apart (as MiniSearch's fuzzy 1). */
function oneEdit(a, b) {
  if (a.length < b.length) [a, b] = [b, a];
  if (a.length - b.length > 1) return false;
  const longer = a.length - b.length; // 0: a substitution at most; 1: an insertion
  let i = 0;
  while (i < b.length && a[i] === b[i]) i += 1; // the same start, up to the one edit...
  for (let j = i + 1 - longer; j < b.length; j += 1) if (a[j + longer] !== b[j]) return false; // ...then the same end
  return true;
}

const lookups = new WeakMap(); // per index: the words of `forms`, sorted (to find those with a prefix), and its terms

/** `index`'s lookups, made on the first query. */
function lookup(index) {
  let found = lookups.get(index);
  if (!found) lookups.set(index, (found = { forms: Object.keys(index.forms).sort(), terms: new Set(index.terms) }));
  return found;
}

/** The first position in the sorted `list` whose entry is not below `text`. */
function lowerBound(list, text) {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (list[middle] < text) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The stems of the corpus's words that a half-typed or mistyped `word` stands for, which matching on the stems
 * alone misses: "attachme" and "atachment" both mean "attachment", whose stem "attach" neither prefixes nor is one
 * edit from. A prefix counts for the last word only (the one being typed), a typo for a word the site lacks. */
function nearStems(index, word, last) {
  const { forms, terms } = lookup(index);
  const found = { prefix: new Set(), typo: new Set() };
  if (last && word.length >= 3) {
    for (let i = lowerBound(forms, word); i < forms.length && forms[i].startsWith(word); i += 1) {
      found.prefix.add(index.forms[forms[i]]);
    }
  }
  if (word.length >= FUZZY_MIN && !Object.hasOwn(index.forms, word) && !terms.has(word)) {
    for (const form of forms) if (oneEdit(form, word)) found.typo.add(index.forms[form]);
  }
  return found;
}

/** What the reader's `text` asks for, word by word: each typed word's stem, the declared synonyms' stems, and the
 * stems of the corpus's words it is a prefix of (the last word) or a typo of. */
function parse(index, text) {
  const typed = [...new Set(words(text))];
  return typed.map((word, i) => {
    const last = i === typed.length - 1;
    const own = stem(index, word);
    const synonyms = new Set([...synonymsOf(index, word), ...synonymsOf(index, own)]);
    const near = nearStems(index, word, last);
    // MiniSearch already finds what the typed stem prefixes or is one edit from: leave those out, not to count twice
    const covered = (s) =>
      s === own || synonyms.has(s) || (last && s.startsWith(own)) || (own.length >= FUZZY_MIN && oneEdit(s, own));
    const prefix = [...near.prefix].filter((s) => !covered(s));
    const typo = [...near.typo].filter((s) => !covered(s) && !prefix.includes(s));
    return { word, stem: own, last, synonyms: [...synonyms].filter((s) => s !== own), prefix, typo };
  });
}

/** The MiniSearch query for the reader's `text` (pass it to `search`), or null when it has no words. Words are
 * OR-ed, so a page matching some of them still shows, below those matching more. */
export function query(index, text) {
  const parsed = parse(index, text);
  if (!parsed.length) return null;
  const exact = { prefix: false, fuzzy: false };
  return {
    combineWith: "OR",
    queries: parsed.map((w) => {
      const queries = [{ queries: [w.stem], prefix: w.last }]; // typo tolerance: searchOptions' default
      if (w.synonyms.length) queries.push({ ...exact, queries: w.synonyms });
      if (w.prefix.length) queries.push({ ...exact, queries: w.prefix, boostTerm: () => PREFIX_WEIGHT });
      if (w.typo.length) queries.push({ ...exact, queries: w.typo, boostTerm: () => FUZZY_WEIGHT });
      return queries.length === 1 ? queries[0] : { combineWith: "OR", queries };
    }),
  };
}

/** Where in `text` the words matching `matches(folded word)` are: [start, end] ranges of `text` as written, and the
 * distinct stems matched. */
function find(index, text, matches) {
  const marks = [];
  const stems = new Set();
  for (const piece of text.matchAll(PIECE)) {
    let hit = false;
    for (const word of words(piece[0])) {
      if (matches(word)) {
        hit = true;
        stems.add(stem(index, word));
      }
    }
    if (hit) marks.push([piece.index, piece.index + piece[0].length]);
  }
  return { marks, count: stems.size };
}

/** What the page shows for MiniSearch's `hits` on `text`, at most `limit` of them, best first: each page's address
 * (from the site's root), title, kind and summary; the passage holding most of the query's stems, the first of
 * those tied (when none holds any, the summary, or the first passage when there is no summary); and the [start, end]
 * ranges of the passage's words that match, to be marked: exactly, by a synonym, by prefix for the last word, or as
 * the search matched them on that page (typos). */
export function results(index, hits, text, limit = 20) {
  const parsed = parse(index, text);
  const wanted = new Set(parsed.flatMap((w) => [w.stem, ...w.synonyms, ...w.prefix, ...w.typo]));
  const open = parsed.find((w) => w.last);
  return hits.slice(0, limit).map((hit) => {
    const [url, title, kind, summary] = index.docs[hit.id];
    const found = new Set(hit.terms ?? []); // the page's terms the search matched: typos too
    const matches = (word) => {
      const s = stem(index, word);
      return wanted.has(s) || found.has(s) || (open !== undefined && s.startsWith(open.stem));
    };
    const fallback = summary || (index.passages[hit.id] ?? [""])[0] || "";
    let best = { passage: fallback, ...find(index, fallback, matches) };
    let most = 0; // a passage wins over the summary only by holding a query stem
    for (const passage of index.passages[hit.id] ?? []) {
      const seen = find(index, passage, matches);
      if (seen.count > most) {
        most = seen.count;
        best = { passage, ...seen };
      }
    }
    return { url, title, kind, summary, passage: best.passage, marks: best.marks };
  });
}
