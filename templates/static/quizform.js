// The quiz form: keeps answers for resuming (answerstore.js), shows progress, steps through one
// statement at a time when asked, and scores in the browser. What happens with the scores is the
// caller's: the site opens the result page, a standalone quiz shows it in place.
import { answerStore } from "./answerstore.js";
import { PARTNER, fragmentFor, parseFragment, scoreAnswers } from "./scoring.js";

export const key = JSON.parse(document.getElementById("attune-quiz-key").textContent);
export const form = document.querySelector("form[data-quiz]");
/** A partner's scores, when this quiz was opened from a "compare with your partner" link. */
export const partner = parseFragment(key, window.location.hash, PARTNER);

const items = [...form.querySelectorAll("fieldset[data-item]")];
const message = form.querySelector("[data-message]");
const progress = form.querySelector("progress");
const progressText = form.querySelector("[data-progress-text]");
const remember = form.querySelector("[data-remember]");
let current = 0;

/** A browser storage, or null where merely asking for it throws (storage disabled). */
function storageNamed(name) {
  try { return window[name]; } catch { return null; }
}

const storage = answerStore(key.id, storageNamed("localStorage"), storageNamed("sessionStorage"));

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

/** Shuffle once, keeping the order with the answers (as long as they are kept), with Fisher-Yates. */
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
  remember.checked = storage.remembered();
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

form.addEventListener("change", (event) => {
  if (event.target !== remember) {
    save();
    update();
    message.textContent = "";
  } else if (!storage.remember(remember.checked)) {
    remember.checked = false;
    message.textContent = "This browser cannot keep your answers on this device.";
  } else {
    message.textContent = remember.checked
      ? "Your answers will stay on this device until you press Clear my answers."
      : "Your answers are now kept only until you close this tab.";
  }
});

form.addEventListener("click", (event) => {
  const step = event.target.closest("[data-step]");
  if (step) show(current + Number(step.dataset.step), true);
  if (event.target.closest("[data-clear]")) {
    storage.clear();
    form.reset();
    update();
    show(0, false);
    message.textContent = "Your answers were cleared from this tab and from this device.";
  }
});

/** Score on submit; `onScored(result, scores, fragment)` receives the outcome and the fragment to carry it. */
export function startQuiz(onScored) {
  document.querySelector("[data-partner-notice]").hidden = !partner;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const outcome = scoreAnswers(key, answers());
    if (outcome.missing) {
      const first = items.find((item) => outcome.missing.includes(item.dataset.item));
      const [more, open] = outcome.missing.length === 1
        ? ["one more statement", "1 statement"] : ["a few more statements", `${outcome.missing.length} statements`];
      message.textContent = `Please answer ${more} first (${open} still open). The first open one is selected.`;
      show(items.indexOf(first), false);
      first.focus();
      return;
    }
    const result = key.results.find((r) => r.id === outcome.result);
    if (!result) {
      message.textContent = "These answers do not match any result of this quiz.";
      return;
    }
    onScored(result, outcome.scores, fragmentFor(key, outcome.scores) + (partner ? `&${fragmentFor(key, partner, PARTNER)}` : ""));
  });
  restore();
}
