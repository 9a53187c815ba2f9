// The result page: when the URL fragment carries scores (and perhaps a partner's), show them.
import { parseFragment, partnerFrom } from "./scoring.js";
import { bindActions, showScores } from "./resultview.js";

const strings = JSON.parse(document.getElementById("attune-strings").textContent);
const key = JSON.parse(document.getElementById("attune-quiz-key").textContent);
const article = document.querySelector("[data-result-id]");

function render() {
  const scores = parseFragment(key, window.location.hash);
  for (const part of article.querySelectorAll("[data-scores], [data-tools]")) part.hidden = !scores;
  if (!scores) return;
  showScores(article, key, scores, article.dataset.resultId, strings, partnerFrom(key, window.location.hash));
  article.querySelector("h1").focus();
}

bindActions(article, strings);
window.addEventListener("hashchange", render);
render();
