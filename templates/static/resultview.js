// Showing scores inside a result: numbers, scales, the plot, gentle notes, and the partner view.
// Used by result pages (scores from the URL fragment) and by quizzes that show results in place.
import { PARTNER, fragmentFor } from "./scoring.js";
import { displayScore, nearBoundary, otherResult, partnerOutcome, plotPosition } from "./resultlogic.js";

const SVG = "http://www.w3.org/2000/svg";

function point(plot, scores, label, kind) {
  const { x, y } = plotPosition(plot.dataset, scores);
  const dot = document.createElementNS(SVG, kind === "you" ? "circle" : "rect");
  dot.setAttribute("class", `point ${kind}`);
  if (kind === "you") {
    dot.setAttribute("cx", x.toFixed(1));
    dot.setAttribute("cy", y.toFixed(1));
    dot.setAttribute("r", "7");
  } else {
    dot.setAttribute("x", (x - 6).toFixed(1));
    dot.setAttribute("y", (y - 6).toFixed(1));
    dot.setAttribute("width", "12");
    dot.setAttribute("height", "12");
  }
  const text = document.createElementNS(SVG, "text");
  text.setAttribute("class", "point-label");
  text.setAttribute("paint-order", "stroke"); // its halo (site.css) goes under the letters
  text.setAttribute("x", (x + 11).toFixed(1));
  text.setAttribute("y", (y + (kind === "you" ? 4 : 16)).toFixed(1));
  text.textContent = label;
  return [dot, text];
}

/** A link with these fragments: to the site's page, or to this very document in a single exported file. */
function link(key, url, fragment) {
  const base = key.quiz_url === "" ? window.location.href.split("#")[0] : url;
  return `${base}#${fragment}`;
}

function showPartner(section, key, you, partner) {
  const joint = section.querySelector("[data-joint]");
  joint.hidden = !partner;
  for (const row of section.querySelectorAll("[data-partner-score]")) row.hidden = !partner;
  if (!partner) return;
  const { theirs, pairing } = partnerOutcome(key, you, partner);
  for (const dim of key.scores) {
    const row = section.querySelector(`[data-dimension="${CSS.escape(dim.id)}"] [data-partner-score]`);
    row.textContent = `Your partner: ${displayScore(key, dim.id, partner[dim.id])}`;
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

/** Fill `container`'s score hooks and show its scores and tools; `ownResult` is the result the container describes. */
export function showScores(container, key, scores, ownResult, partner = null) {
  const section = container.querySelector("[data-scores]");
  for (const dim of key.scores) {
    const row = section.querySelector(`[data-dimension="${CSS.escape(dim.id)}"]`);
    row.dataset.score = displayScore(key, dim.id, scores[dim.id]);
    row.querySelector("[data-score-text]").textContent = row.dataset.score;
    row.querySelector("meter").value = scores[dim.id];
  }
  section.querySelector("[data-near-boundary]").hidden = !nearBoundary(key, scores);
  const other = otherResult(key, scores, ownResult);
  const mismatch = section.querySelector("[data-mismatch]");
  mismatch.hidden = !other;
  if (other) {
    const link = document.createElement("a");
    link.href = `${other.url}${window.location.hash}`;
    link.textContent = other.title;
    const which = key.scores.length === 1 ? "This score falls in the range" : "These scores fall in the region";
    mismatch.replaceChildren(`${which} of another result: `, link, ".");
  }
  const plot = section.querySelector("svg[data-plot]");
  if (plot) {
    const marks = point(plot, scores, "You", "you");
    if (partner) marks.push(...point(plot, partner, "Your partner", "partner"));
    plot.querySelector("[data-points]").replaceChildren(...marks);
  }
  const tools = container.querySelector("[data-tools]");
  if (key.compare) {  // a quiz that turns comparing off has no partner view and no compare link
    showPartner(section, key, scores, partner);
    tools.querySelector("[data-compare-link]").href = link(key, key.quiz_url, fragmentFor(key, scores, PARTNER));
  }
  section.hidden = false;
  tools.hidden = false;
}

/** Print, copy and share buttons, shown only where the browser can do what they offer. */
export function bindActions(root) {
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
        status.textContent = share ? "" : "Link copied.";
      } catch {
        status.textContent = share ? "" : "Copying failed: select the link and copy it by hand.";
      }
    });
  }
}
