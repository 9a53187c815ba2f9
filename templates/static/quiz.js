// The quiz page on the site: scoring opens the result page, with the scores in the URL fragment
// (which browsers never send to a server). Also offers the embed snippet for copying.
import { startQuiz } from "./quizform.js";
import { say } from "./strings.js";

const strings = JSON.parse(document.getElementById("attune-strings").textContent);
startQuiz(document, strings, (result, scores, fragment) => window.location.assign(`${result.url}#${fragment}`));

const copy = document.querySelector("[data-copy]");
if (copy && navigator.clipboard) {
  copy.hidden = false;
  copy.addEventListener("click", async () => {
    const status = document.querySelector("[data-copy-status]");
    try {
      await navigator.clipboard.writeText(document.querySelector("[data-snippet]").textContent);
      status.textContent = say(strings, "snippet_copied");
    } catch {
      status.textContent = say(strings, "snippet_copy_failed");
    }
  });
}
