// Change over time, on the reader's terms: only a reader who ticked "Remember my answers on this device" has results
// kept (quizlogic.js keeps them with the answers), and a result view then says how each score moved since the
// previous one. No DOM here, so node's test runner imports it too.
import { sameScores } from "./quizlogic.js";
import { displayScore } from "./resultlogic.js";
import { say } from "./strings.js";

/** The kept result before `scores`, when the newest kept result is these very scores (the reader's own, just scored
 * or reloaded); else null: a result someone shared, or an old bookmark, is no change of the reader's. */
export function previousResult(kept, scores) {
  if (!Array.isArray(kept) || kept.length < 2) return null;
  return sameScores(kept[kept.length - 1].scores, scores) ? kept[kept.length - 2] : null;
}

/** How one score moved since `previous` ({date, scores}): `{ text, kind }`, or null when `previous` has no such score;
 * `text` says it in the page's language (`strings`, the page's attune-strings).
 *
 * `kind` is "beyond" when the move is larger than the measurement error the quiz declares for the score (its
 * `change`, worked out at build time), "within" when it is not, "same" when the two read alike, and "unjudged" when
 * the quiz declares no measurement error: the move is shown, but not called large or small, since nothing says how
 * much the score shifts by chance alone (the result view adds one note saying so, to read small changes lightly). */
export function scoreChange(key, score, now, previous, strings) {
  const before = previous.scores[score.id];
  if (typeof before !== "number") return null;
  const [shown, was] = [displayScore(key, score.id, now), displayScore(key, score.id, before)];
  const values = { label: score.label, score: shown, was, date: previous.date };
  if (shown === was) return { kind: "same", text: say(strings, "change_same", values) };
  const direction = now > before ? "up" : "down";
  if (typeof score.change !== "number") return { kind: "unjudged", text: say(strings, `change_${direction}`, values) };
  const error = String(Number(score.change.toFixed(Math.max(2, score.decimals))));
  const kind = Math.abs(now - before) > score.change ? "beyond" : "within";
  return { kind, text: say(strings, `change_${direction}_${kind}`, { ...values, error }) };
}
