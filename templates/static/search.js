// Search, in the reader's browser only: the words never reach a server. The header's box sends them to the search
// page in the address's fragment (#q=...), which browsers do not send; the search page and the not-found page load
// the library and the language's index as classic scripts (they load from file:// too, where fetch fails) on the
// first focus of a search field, or at once when there is something to search, and answer as the reader types.
// Results are built with DOM methods, the matching words wrapped in <mark>: no innerHTML, so no text is ever markup.
import { loadable, query, results, searchOptions, words } from "./searchlogic.js";
import { say } from "./strings.js";

const WAIT_MS = 100; // after the last keystroke: fast typing searches once
const SUGGESTIONS = 5;
// An address's words that say nothing of the page sought: its file name and the site's sections (the language's
// code is left out too, below: "es" is a word in Spanish, in nearly every page)
const ADDRESS_WORDS = new Set(["index", "html", "htm", "articles", "quizzes", "results", "topics", "embed", "search"]);

const forms = [...document.querySelectorAll("form[data-search]")];
const page = document.querySelector("form[data-search-page]");
const suggest = document.querySelector("[data-search-suggest]");
const list = document.querySelector("[data-search-results]");
const status = document.querySelector("[data-search-status]");
const stringsScript = document.getElementById("attune-search-strings");
const strings = stringsScript ? JSON.parse(stringsScript.textContent) : null;
let engine = null; // the promise of {index, mini}, made once per page
let ready = false;

/** Runs the classic script at `src`; settles when it has run. */
function inject(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`search: cannot load ${src}`));
    document.head.append(script);
  });
}

/** The language's index, ready to search: the library first (the index's loader needs it), then the index. */
function load(form) {
  engine ??= inject(form.dataset.library)
    .then(() => inject(form.dataset.index))
    .then(() => {
      const index = globalThis.attuneSearchIndex;
      const mini = globalThis.MiniSearch.loadJS(loadable(index), searchOptions(index));
      ready = true;
      return { index, mini };
    })
    .catch((error) => {
      engine = null; // a later focus tries again
      throw error;
    });
  return engine;
}

/** What the index answers for `text`: at most `limit` results, for the page to show. */
async function find(form, text, limit) {
  const { index, mini } = await load(form);
  const asked = query(index, text);
  return asked ? results(index, mini.search(asked), text, limit) : [];
}

/** `passage` as nodes: its text, with the ranges in `marks` wrapped in <mark>. */
function marked(passage, marks) {
  const nodes = [];
  let at = 0;
  for (const [start, end] of marks) {
    nodes.push(passage.slice(at, start));
    const mark = document.createElement("mark");
    mark.textContent = passage.slice(start, end);
    nodes.push(mark);
    at = end;
  }
  nodes.push(passage.slice(at));
  return nodes;
}

/** Shows `found` in the results list, each linked from this page (`root` leads to the site's root). */
function show(found, root) {
  list.replaceChildren(...found.map((result) => {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = root + result.url;
    link.textContent = result.title;
    const kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = strings.kinds[result.kind] ?? result.kind;
    const passage = document.createElement("p");
    passage.append(...marked(result.passage, result.marks));
    item.append(link, " ", kind, passage);
    return item;
  }));
}

/** Tells assistive technology (and everyone) how many results there are; only when it changed, not to repeat. */
function announce(text) {
  if (status.textContent !== text) status.textContent = text;
}

/** The query in this page's address: #q=words. */
function fromAddress() {
  return new URLSearchParams(window.location.hash.slice(1)).get("q") ?? "";
}

/** The search page: searches the field's words, shows them in the address (for the back button and sharing a
 * search, still never sent), and the results. */
async function searchPage(form, field) {
  const text = field.value.trim();
  const address = text ? `#q=${encodeURIComponent(text)}` : window.location.pathname + window.location.search;
  if (fromAddress() !== text) window.history.replaceState(null, "", address);
  if (!text) {
    list.replaceChildren();
    announce("");
    return;
  }
  if (!ready) announce(say(strings, "loading"));
  const found = await find(form, text);
  if (field.value.trim() !== text) return; // the reader typed on meanwhile: a newer search shows
  show(found, form.dataset.root);
  const count = found.length;
  announce(count ? say(strings, "results", { count, query: text }) : say(strings, "no_results", { query: text }));
}

/** Arrow keys move through the results and Escape goes back to the field, as in a list of suggestions. */
function keys(field) {
  const links = () => [...list.querySelectorAll("a")];
  field.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && links().length) {
      event.preventDefault();
      links()[0].focus();
    }
  });
  list.addEventListener("keydown", (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === "Escape" || (event.key === "ArrowUp" && at === 0)) field.focus();
    else if (event.key === "ArrowDown") all[Math.min(at + 1, all.length - 1)].focus();
    else if (event.key === "ArrowUp") all[at - 1].focus();
    else return;
    event.preventDefault();
  });
}

/** The not-found page: the words of the missing address, searched at once; a few results when there are some. */
async function suggestions(form) {
  const base = document.querySelector("base");
  let path = window.location.pathname; // the host shows this page at the missing address
  if (base && path.startsWith(new URL(base.href).pathname)) path = path.slice(new URL(base.href).pathname.length);
  let text = suggest.dataset.words;
  if (!text) {
    try {
      text = decodeURIComponent(path);
    } catch {
      text = path; // a broken %-escape: its words are still words
    }
  }
  const code = words(strings.lang ?? "");
  text = words(text).filter((word) => !ADDRESS_WORDS.has(word) && !code.includes(word)).join(" ");
  const found = text ? await find(form, text, SUGGESTIONS) : [];
  if (!found.length) return; // nothing to offer: the region stays hidden
  show(found, form.dataset.root);
  suggest.hidden = false;
  announce(say(strings, "results", { count: found.length, query: text }));
}

for (const form of forms) {
  const field = form.querySelector("input[type=search]");
  if (!field) continue;
  const start = () => load(form).catch(() => {}); // a failed load is tried again on the next search
  field.addEventListener("focus", start, { once: true });
  field.addEventListener("input", start, { once: true });
  if (form !== page) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = field.value.trim();
      window.location.assign(form.dataset.results + (text ? `#q=${encodeURIComponent(text)}` : ""));
    });
    continue;
  }
  let timer;
  const run = () => searchPage(form, field).catch(() => announce(""));
  field.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, WAIT_MS);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault(); // the search is already on this page
    clearTimeout(timer);
    run();
  });
  window.addEventListener("hashchange", () => {
    field.value = fromAddress();
    run();
  });
  keys(field);
  field.value = fromAddress();
  if (field.value) run();
}

if (suggest && forms.length && list && strings) suggestions(forms[0]).catch(() => {});
