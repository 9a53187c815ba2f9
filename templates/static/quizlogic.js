// What the quiz form keeps and decides, apart from the page: where answers wait, the order of statements,
// steps and progress, as numbers (the form says them in the page's language). No DOM here, so node tests import it
// and pass fake storages.

function attempt(action, fallback) {
  try { return action(); } catch { return fallback; }
}

/** Answers wait in this tab only (`session`) unless the reader ticks "Remember" (`local`): Storage objects, or null.
 * The device copy exists exactly while the reader wants it; a missing or throwing storage keeps nothing. Only there
 * do scored results stay too (`keepResult`), in the same entry: clearing removes them, and no longer remembering
 * takes them to the tab with the answers, where `results` no longer finds them. */
export function answerStore(quizId, local, session) {
  const name = `attune:answers:${quizId}`;
  const read = (storage) => attempt(() => JSON.parse(storage.getItem(name)), null);
  const write = (storage, state) => attempt(() => { storage.setItem(name, JSON.stringify(state)); return true; }, false);
  const remove = (storage) => attempt(() => storage.removeItem(name));
  const remembered = () => read(local) !== null;
  const load = () => (remembered() ? read(local) : read(session)) || {};
  return {
    remembered,
    load,
    save: (state) => write(remembered() ? local : session, state),
    /** Move the answers onto this device, or back to this tab only; false when the device refuses them. */
    remember(onDevice) {
      const [to, from] = onDevice ? [local, session] : [session, local];
      if (!write(to, load()) && onDevice) return false;
      remove(from);
      return true;
    },
    clear() {
      remove(local);
      remove(session);
    },
    /** The results kept with the remembered answers, oldest first; none unless the reader chose to remember. */
    results: () => (remembered() ? read(local).results || [] : []),
    /** Keep these scores, dated, with the remembered answers; with answers kept for the tab only, keep nothing. */
    keepResult(scores, day) {
      if (remembered()) write(local, withResult(load(), scores, day));
    },
  };
}

/** A date as the reader's own calendar has it: "2026-10-01". */
export function dayOf(date) {
  const two = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

/** True when `kept` holds every one of `scores`, exactly (a score travels and is kept as the very same number). */
export function sameScores(kept, scores) {
  return Boolean(kept) && Object.keys(scores).every((id) => kept[id] === scores[id]);
}

/** `state` with `scores` kept as the newest result of `day`: only the newest `keep` results stay (a change needs two);
 * scoring the very same scores again changes nothing. */
export function withResult(state, scores, day, keep = 2) {
  const kept = Array.isArray(state.results) ? state.results : [];
  if (kept.length && sameScores(kept[kept.length - 1].scores, scores)) return state;
  return { ...state, results: [...kept, { date: day, scores }].slice(-keep) };
}

/** The order kept with the answers while it still orders these statement ids, else a new Fisher-Yates shuffle. */
export function statementOrder(ids, kept, random) {
  if (Array.isArray(kept) && kept.length === ids.length && ids.every((id) => kept.includes(id))) return kept;
  const order = [...ids];
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** Where a step to `index` lands among `total` statements shown one at a time. */
export function step(index, total) {
  const current = Math.max(0, Math.min(total - 1, index));
  return { current, first: current === 0, last: current === total - 1 };
}

/** How far the reader is among the statements (`ids`, as shown), and where to resume: the first unanswered. */
export function progress(ids, answers) {
  const count = ids.filter((id) => id in answers).length;
  return { count, total: ids.length, resume: Math.max(0, ids.findIndex((id) => !(id in answers))) };
}

/** Which statement to select when scoring finds some still open, and how many are open. */
export function openStatements(ids, missing) {
  return { first: ids.findIndex((id) => missing.includes(id)), count: missing.length };
}
