// What the quiz form keeps and decides, apart from the page: where answers wait, the order of statements,
// steps, progress and messages. No DOM here, so node tests import it and pass fake storages.

function attempt(action, fallback) {
  try { return action(); } catch { return fallback; }
}

/** Answers wait in this tab only (`session`) unless the reader ticks "Remember" (`local`): Storage objects, or null.
 * The device copy exists exactly while the reader wants it; a missing or throwing storage keeps nothing. */
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
  };
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
  return { current, text: `Statement ${current + 1} of ${total}`, first: current === 0, last: current === total - 1 };
}

/** How far the reader is among the statements (`ids`, as shown), and where to resume: the first unanswered. */
export function progress(ids, answers) {
  const count = ids.filter((id) => id in answers).length;
  return { count, text: `${count} of ${ids.length}`, resume: Math.max(0, ids.findIndex((id) => !(id in answers))) };
}

/** Which statement to select when scoring finds some still open, and what to say. */
export function openStatements(ids, missing) {
  const [more, open] = missing.length === 1
    ? ["one more statement", "1 statement"] : ["a few more statements", `${missing.length} statements`];
  return {
    first: ids.findIndex((id) => missing.includes(id)),
    message: `Please answer ${more} first (${open} still open). The first open one is selected.`,
  };
}
