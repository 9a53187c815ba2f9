// Where a quiz's answers wait: in this tab only (sessionStorage) unless the reader ticks "Remember"
// (localStorage). DOM-free so node tests pass fakes; a missing or throwing storage keeps nothing.

function attempt(action, fallback) {
  try { return action(); } catch { return fallback; }
}

/** `local`, `session`: Storage objects or null. The device copy exists exactly while the reader wants it. */
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
