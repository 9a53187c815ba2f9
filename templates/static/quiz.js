// The quiz page on the site: scoring opens the result page, with the scores in the URL fragment
// (which browsers never send to a server). Also offers the embed snippet for copying.
import { startQuiz } from "./quizform.js";

startQuiz(document, (result, scores, fragment) => window.location.assign(`${result.url}#${fragment}`));

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
