// A quiz on its own (embedded in another site, or exported as one file): the result is shown in
// place, with the same [data-result-id] and [data-score] hooks as a result page.
import { PARTNER, fragmentFor, matchResult, parseFragment } from "./scoring.js";
import { startQuiz } from "./quizform.js";
import { bindActions, showScores } from "./resultview.js";

const strings = JSON.parse(document.getElementById("attune-strings").textContent);
const results = document.querySelector("[data-results]");

function reveal(resultId, scores) {
  let shown = null;
  for (const panel of results.querySelectorAll("[data-result-panel]")) {
    panel.hidden = panel.dataset.resultPanel !== resultId;
    if (panel.hidden) delete panel.dataset.resultId;
    else shown = panel;
  }
  shown.dataset.resultId = resultId;
  showScores(shown, quiz.key, scores, resultId, strings, quiz.partner);
  const full = shown.querySelector("[data-full-result]");
  if (full) full.href = `${full.getAttribute("href").split("#")[0]}#${fragmentFor(quiz.key, scores)}`;
  quiz.form.hidden = true;
  results.hidden = false;
  shown.querySelector("h2").focus();
}

function changeAnswers() {
  results.hidden = true;
  quiz.form.hidden = false;
  const keep = quiz.partner ? `#${fragmentFor(quiz.key, quiz.partner, PARTNER)}` : "";
  window.history.replaceState(null, "", window.location.pathname + window.location.search + keep);
  quiz.form.querySelector("fieldset").focus();
}

document.querySelector("[data-change-answers]").addEventListener("click", changeAnswers);
bindActions(document, strings);
const quiz = startQuiz(document, strings, (result, scores, fragment) => {
  window.history.replaceState(null, "", `#${fragment}`);
  reveal(result.id, scores);
});
const scores = parseFragment(quiz.key, window.location.hash); // a reload, or a link to a result in this file
const resultId = scores && matchResult(quiz.key, scores);
if (resultId) reveal(resultId, scores);
