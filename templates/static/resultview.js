// Showing scores inside a result: numbers, scales, the plot, gentle notes, and the partner view.
// Used by result pages (scores from the URL fragment) and by quizzes that show results in place.
import { PARTNER, fragmentFor } from "./scoring.js";
import { displayScore, nearBoundary, otherResult, partnerOutcome, plotMarks } from "./resultlogic.js";
import { previousResult, scoreChange } from "./changelogic.js";
import { belowSpan, markerX, percentile, percentileWords } from "./normlogic.js";
import { answerStore } from "./quizlogic.js";
import { say, sayParts } from "./strings.js";

const SVG = "http://www.w3.org/2000/svg";

/** An SVG element from a mark of `plotMarks`, numbers to a tenth of a unit. */
function element({ tag, attrs, text }) {
  const made = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) {
    made.setAttribute(name, typeof value === "number" ? value.toFixed(1) : value);
  }
  if (text !== undefined) made.textContent = text;
  return made;
}

/** A score's place among the quiz's norms: in words, and as a marker with the share of the sample below it shaded. */
function showNorms(row, score, value, strings) {
  const box = row.querySelector("[data-norms]");
  if (!box || !score.norms) return;
  const { sample, size } = score.norms;
  box.querySelector("[data-percentile-text]").textContent = percentileWords(percentile(score.norms, value), sample, size, strings);
  const picture = box.querySelector("svg[data-norm-plot]");
  const x = markerX(picture.dataset, value);
  for (const end of ["x1", "x2"]) picture.querySelector("[data-norm-marker]").setAttribute(end, x.toFixed(1));
  const shaded = picture.querySelector("[data-norm-below]");
  for (const [name, at] of Object.entries(belowSpan(picture.dataset, x))) shaded.setAttribute(name, at.toFixed(1));
}

/** How each score moved since the reader's previous result, when the reader has results remembered on this device
 * and these scores are the newest of them; otherwise nothing. */
function showChanges(section, key, scores, strings) {
  let local = null;
  try { local = window.localStorage; } catch { /* storage refused: nothing was kept */ }
  const previous = previousResult(answerStore(key.id, local, null).results(), scores);
  let unjudged = false;
  for (const score of key.scores) {
    const line = section.querySelector(`[data-dimension="${CSS.escape(score.id)}"] [data-change]`);
    const change = previous && scoreChange(key, score, scores[score.id], previous, strings);
    line.hidden = !change;
    line.textContent = change ? change.text : "";
    line.dataset.change = change ? change.kind : "";
    unjudged ||= Boolean(change) && change.kind === "unjudged";
  }
  section.querySelector("[data-change-note]").hidden = !unjudged;
}

/** A link with these fragments: to the site's page, or to this very document in a single exported file. */
function link(key, url, fragment) {
  const base = key.quiz_url === "" ? window.location.href.split("#")[0] : url;
  return `${base}#${fragment}`;
}

function showPartner(section, key, you, partner, strings) {
  const joint = section.querySelector("[data-joint]");
  joint.hidden = !partner;
  for (const row of section.querySelectorAll("[data-partner-score]")) row.hidden = !partner;
  if (!partner) return;
  const { theirs, pairing } = partnerOutcome(key, you, partner);
  for (const dim of key.scores) {
    const row = section.querySelector(`[data-dimension="${CSS.escape(dim.id)}"] [data-partner-score]`);
    row.textContent = say(strings, "partner_score", { score: displayScore(key, dim.id, partner[dim.id]) });
  }
  const theirLink = joint.querySelector("[data-partner-result]");
  theirLink.textContent = theirs.title;
  theirLink.href = link(key, theirs.url, fragmentFor(key, partner));
  joint.querySelector("[data-joint-link]").href =
    link(key, theirs.url, `${fragmentFor(key, partner)}&${fragmentFor(key, you, PARTNER)}`);
  for (const panel of joint.querySelectorAll("[data-pairing-panel]")) {
    panel.hidden = !pairing || panel.dataset.pairingPanel !== pairing.id;
    if (panel.hidden) delete panel.dataset.pairingId;
    else panel.dataset.pairingId = pairing.id;
  }
}

/** Fill `container`'s score hooks and show its scores and tools; `ownResult` is the result the container describes,
 * `strings` the page's attune-strings. */
export function showScores(container, key, scores, ownResult, strings, partner = null) {
  const section = container.querySelector("[data-scores]");
  for (const dim of key.scores) {
    const row = section.querySelector(`[data-dimension="${CSS.escape(dim.id)}"]`);
    row.dataset.score = displayScore(key, dim.id, scores[dim.id]);
    row.querySelector("[data-score-text]").textContent = row.dataset.score;
    row.querySelector("meter").value = scores[dim.id];
    showNorms(row, dim, scores[dim.id], strings);
  }
  showChanges(section, key, scores, strings);
  section.querySelector("[data-near-boundary]").hidden = !nearBoundary(key, scores);
  const other = otherResult(key, scores, ownResult);
  const mismatch = section.querySelector("[data-mismatch]");
  mismatch.hidden = !other;
  if (other) {
    const link = document.createElement("a");
    link.href = `${other.url}${window.location.hash}`;
    link.textContent = other.title;
    mismatch.replaceChildren(...sayParts(strings, "other_result", { count: key.scores.length, link }));
  }
  const plot = section.querySelector("svg[data-plot]");
  if (plot) {
    const rows = [...plot.querySelectorAll("[data-row]")].map((row) => row.dataset);
    const marks = plotMarks(plot.dataset, rows, scores, "you", say(strings, "you"));
    if (partner) marks.push(...plotMarks(plot.dataset, rows, partner, "partner", say(strings, "your_partner")));
    plot.querySelector("[data-points]").replaceChildren(...marks.map(element));
  }
  const tools = container.querySelector("[data-tools]");
  if (key.compare) {  // a quiz that turns comparing off has no partner view and no compare link
    showPartner(section, key, scores, partner, strings);
    tools.querySelector("[data-compare-link]").href = link(key, key.quiz_url, fragmentFor(key, scores, PARTNER));
  }
  section.hidden = false;
  tools.hidden = false;
}

/** Print, copy and share buttons, shown only where the browser can do what they offer; `strings` says how it went. */
export function bindActions(root, strings) {
  for (const button of root.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
  for (const button of root.querySelectorAll("[data-copy-link], [data-share]")) {
    const share = button.matches("[data-share]");
    if (share ? !navigator.share : !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      const actions = button.closest(".compare-actions");
      const url = actions.querySelector("[data-compare-link]").href;
      const status = actions.querySelector("[data-share-status]");
      try {
        if (share) await navigator.share({ title: document.title, url });
        else await navigator.clipboard.writeText(url);
        status.textContent = share ? "" : say(strings, "link_copied");
      } catch {
        status.textContent = share ? "" : say(strings, "link_copy_failed");
      }
    });
  }
}
