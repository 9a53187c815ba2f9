// The quiz form on the page, as quizlogic.js and scoring.js decide: keeps answers, shows progress, steps
// when asked, and scores. The caller says what then happens: open the result page, or show it in place.
import { answerStore, dayOf, openStatements, progress, statementOrder, step } from "./quizlogic.js";
import { PARTNER, fragmentFor, partnerFrom, scoreAnswers } from "./scoring.js";
import { say } from "./strings.js";

/** A browser storage, or null where merely asking for it throws (storage disabled). */
function storageNamed(name) {
  try { return window[name]; } catch { return null; }
}

/** Run the quiz in `root`, saying things in `strings` (the page's attune-strings); `onScored(result, scores,
 * fragment)` gets the outcome and the fragment to carry it. Returns the key, the form and a partner's scores (from a
 * "compare with your partner" link) or null. */
export function startQuiz(root, strings, onScored) {
  const key = JSON.parse(root.querySelector("#attune-quiz-key").textContent);
  const form = root.querySelector("form[data-quiz]");
  const partner = partnerFrom(key, window.location.hash);
  const items = [...form.querySelectorAll("fieldset[data-item]")];
  const blocks = [...form.querySelectorAll("[data-block]")];
  const message = form.querySelector("[data-message]");
  const remember = form.querySelector("[data-remember]");
  const storage = answerStore(key.id, storageNamed("localStorage"), storageNamed("sessionStorage"));
  const ids = () => items.map((item) => item.dataset.item);
  let current = 0;

  function answers() {
    const found = {};
    for (const input of form.querySelectorAll("input[type=radio]:checked")) found[input.name] = Number(input.value);
    return found;
  }

  function update() {
    const { count, total } = progress(ids(), answers());
    const text = say(strings, "progress", { count, total });
    const bar = form.querySelector("progress");
    bar.value = count;
    bar.textContent = text;
    form.querySelector("[data-progress-text]").textContent = text;
  }

  /** Shuffle once, keeping the order with the answers (as long as they are kept); statements stay in their
   * section, so a section's heading and instructions stay with its statements. */
  function applyOrder(state) {
    if (!key.shuffle) return;
    const order = statementOrder(ids(), state.order, Math.random);
    if (order !== state.order) storage.save({ ...state, order });
    const place = (item) => [blocks.indexOf(item.closest("[data-block]")), order.indexOf(item.dataset.item)];
    items.sort((a, b) => { const [p, q] = [place(a), place(b)]; return p[0] - q[0] || p[1] - q[1]; });
    items.forEach((item, index) => {
      item.querySelector(".item-number").textContent = `${index + 1}.`;
      item.closest("[data-block]").append(item);
    });
  }

  function show(index, focus) {
    if (!key.one_per_screen) return;
    const at = step(index, items.length);
    current = at.current;
    items.forEach((item, i) => { item.hidden = i !== current; });
    for (const block of blocks) block.hidden = !block.contains(items[current]);
    form.querySelector("[data-step-text]").textContent = say(strings, "step", { n: current + 1, total: items.length });
    form.querySelector('[data-step="-1"]').disabled = at.first;
    form.querySelector('[data-step="1"]').disabled = at.last;
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
      show(progress(ids(), answers()).resume, false);
    }
    update();
  }

  form.addEventListener("change", (event) => {
    if (event.target !== remember) {
      storage.save({ ...storage.load(), answers: answers() });
      update();
      message.textContent = "";
    } else if (!storage.remember(remember.checked)) {
      remember.checked = false;
      message.textContent = say(strings, "storage_refused");
    } else {
      message.textContent = say(strings, remember.checked ? "remembered" : "tab_only");
    }
  });

  form.addEventListener("click", (event) => {
    const stepper = event.target.closest("[data-step]");
    if (stepper) show(current + Number(stepper.dataset.step), true);
    if (event.target.closest("[data-clear]")) {
      storage.clear();
      form.reset();
      update();
      show(0, false);
      message.textContent = say(strings, "cleared");
    }
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const outcome = scoreAnswers(key, answers());
    if (outcome.missing) {
      const open = openStatements(ids(), outcome.missing);
      message.textContent = say(strings, "open_statements", { count: open.count });
      show(open.first, false);
      items[open.first].focus();
      return;
    }
    const result = key.results.find((r) => r.id === outcome.result);
    if (!result) {
      message.textContent = say(strings, "no_result");
      return;
    }
    storage.keepResult(outcome.scores, dayOf(new Date())); // only with answers remembered on this device
    onScored(result, outcome.scores, fragmentFor(key, outcome.scores) + (partner ? `&${fragmentFor(key, partner, PARTNER)}` : ""));
  });

  root.querySelector("[data-partner-notice]").hidden = !partner;
  restore();
  return { key, form, partner };
}
