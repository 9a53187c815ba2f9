// The result page: when the URL fragment carries scores, show them as numbers, on scales and on the plot.
import { parseFragment } from "./scoring.js";
import { bindPrint, scoreBounds, showScores } from "./resultview.js";

const key = JSON.parse(document.getElementById("attune-quiz-key").textContent);
const article = document.querySelector("[data-result-id]");

function render() {
  const scores = parseFragment(key, window.location.hash, scoreBounds(article));
  article.querySelector("[data-scores]").hidden = !scores;
  if (!scores) return;
  showScores(article, key, scores, article.dataset.resultId);
  article.querySelector("h1").focus();
}

bindPrint(article);
window.addEventListener("hashchange", render);
render();
