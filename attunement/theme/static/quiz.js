// The quiz page: keeps answers on this device only, shows progress, scores in the browser and opens
// the result page with the scores in the URL fragment (never sent to a server). Standalone quizzes
// (embedded, or exported as one file) show the result in place instead.
import { fragmentFor, matchResult, parseFragment, scoreAnswers } from "./scoring.js";
import { bindPrint, scoreBounds, showScores } from "./resultview.js";

const form = document.querySelector("form[data-quiz]");
const key = JSON.parse(document.getElementById("attune-quiz-key").textContent);
const storageKey = `attune:answers:${key.id}`;
const items = [...form.querySelectorAll("fieldset[data-item]")];
const message = form.querySelector("[data-message]");
const progress = form.querySelector("progress");
const progressText = form.querySelector("[data-progress-text]");
let current = 0;

const storage = {
  load() {
    try { return JSON.parse(localStorage.getItem(storageKey)) || {}; } catch { return {}; }
  },
  save(state) {
    try { localStorage.setItem(storageKey, JSON.stringify(state)); } catch { /* storage off: nothing is kept */ }
  },
  clear() {
    try { localStorage.removeItem(storageKey); } catch { /* nothing to clear */ }
  },
};

function answers() {
  const found = {};
  for (const input of form.querySelectorAll("input[type=radio]:checked")) found[input.name] = Number(input.value);
  return found;
}

function update() {
  const count = Object.keys(answers()).length;
  progress.value = count;
  progress.textContent = `${count} of ${items.length}`;
  progressText.textContent = `${count} of ${items.length}`;
}

function save() {
  const state = storage.load();
  storage.save({ ...state, answers: answers() });
}

/** Shuffle once per visitor (the order is kept with the answers), with a seeded Fisher-Yates. */
function applyOrder(state) {
  if (!key.shuffle) return;
  let order = Array.isArray(state.order) && state.order.length === items.length ? state.order : null;
  if (!order) {
    order = items.map((item) => item.dataset.item);
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(Math.random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    storage.save({ ...state, order });
  }
  const anchor = form.querySelector("[data-steps]");
  order.forEach((id, index) => {
    const item = items.find((el) => el.dataset.item === id);
    if (!item) return;
    item.querySelector(".item-number").textContent = `${index + 1}.`;
    form.insertBefore(item, anchor);
  });
  items.sort((a, b) => order.indexOf(a.dataset.item) - order.indexOf(b.dataset.item));
}

function show(index, focus) {
  if (!key.one_per_screen) return;
  current = Math.max(0, Math.min(items.length - 1, index));
  items.forEach((item, i) => { item.hidden = i !== current; });
  form.querySelector("[data-step-text]").textContent = `Statement ${current + 1} of ${items.length}`;
  form.querySelector('[data-step="-1"]').disabled = current === 0;
  form.querySelector('[data-step="1"]').disabled = current === items.length - 1;
  if (focus) items[current].focus();
}

function restore() {
  const state = storage.load();
  applyOrder(state);
  for (const [name, value] of Object.entries(state.answers || {})) {
    const input = form.querySelector(`input[name="${CSS.escape(name)}"][value="${Number(value)}"]`);
    if (input) input.checked = true;
  }
  if (key.one_per_screen) {
    form.querySelector("[data-steps]").hidden = false;
    show(Math.max(0, items.findIndex((item) => !item.querySelector("input:checked"))), false);
  }
  update();
}

form.addEventListener("change", () => {
  save();
  update();
  message.textContent = "";
});

form.addEventListener("click", (event) => {
  const step = event.target.closest("[data-step]");
  if (step) show(current + Number(step.dataset.step), true);
  if (event.target.closest("[data-clear]")) {
    storage.clear();
    form.reset();
    update();
    show(0, false);
    message.textContent = "Your answers were cleared from this device.";
  }
});

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const outcome = scoreAnswers(key, answers());
  if (outcome.missing) {
    const first = items.find((item) => outcome.missing.includes(item.dataset.item));
    message.textContent = `Please answer a few more statements first (${outcome.missing.length} still open). Your first open one is selected.`;
    show(items.indexOf(first), false);
    first.focus();
    return;
  }
  const result = key.results.find((r) => r.id === outcome.result);
  if (!result) {
    message.textContent = "These answers do not match any result of this quiz.";
    return;
  }
  if (key.inline) {
    window.history.replaceState(null, "", `#${fragmentFor(key, outcome.scores)}`);
    reveal(result.id, outcome.scores);
  } else {
    window.location.assign(`${result.url}#${fragmentFor(key, outcome.scores)}`);
  }
});

/** Show one result in place: the same `[data-result-id]` and `[data-score]` hooks as a result page. */
function reveal(resultId, scores) {
  const results = document.querySelector("[data-results]");
  let shown = null;
  for (const panel of results.querySelectorAll("[data-result-panel]")) {
    panel.hidden = panel.dataset.resultPanel !== resultId;
    if (panel.hidden) delete panel.dataset.resultId;
    else shown = panel;
  }
  shown.dataset.resultId = resultId;
  showScores(shown, key, scores, resultId);
  const full = shown.querySelector("[data-full-result]");
  if (full) full.href = `${full.getAttribute("href").split("#")[0]}#${fragmentFor(key, scores)}`;
  form.hidden = true;
  results.hidden = false;
  shown.querySelector("h2").focus();
}

if (key.inline) {
  document.querySelector("[data-change-answers]").addEventListener("click", () => {
    document.querySelector("[data-results]").hidden = true;
    form.hidden = false;
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    form.querySelector("fieldset").focus();
  });
  bindPrint(document);
}

const copy = document.querySelector("[data-copy]");
if (copy && navigator.clipboard) {
  copy.hidden = false;
  copy.addEventListener("click", async () => {
    const status = document.querySelector("[data-copy-status]");
    try {
      await navigator.clipboard.writeText(document.querySelector("[data-snippet]").textContent);
      status.textContent = "Copied.";
    } catch {
      status.textContent = "Copying failed: select the snippet and copy it by hand.";
    }
  });
}

restore();
if (key.inline) {
  const scores = parseFragment(key, window.location.hash, scoreBounds(document.querySelector("[data-results]")));
  const resultId = scores && matchResult(key, scores);
  if (resultId) reveal(resultId, scores);
}
