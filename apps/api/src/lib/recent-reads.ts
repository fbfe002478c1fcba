/**
 * Hot reads shared for a moment. Twenty staff opening one street's cockpit at 9:00 run one read between them:
 * callers of a key while its read is in flight await that read, and callers within `freshForMs` of its start
 * reuse its answer — unless something was written since the read began. Every write request the app answers and
 * every job run moves the database's write epoch ({@link noteWrite}); an answer read under an older epoch is never
 * served again. Writes this process does not make (another instance on the same PostgreSQL, a script) show after
 * at most `freshForMs`.
 *
 * Why: with twenty readers at once each request's own work queues on one event loop; reusing the answer leaves a
 * request its session lookup and serialisation (issue 10, bench/coverage.bench.ts). Per database handle, so two
 * apps in one process (the tests) never share answers. A failed read is not kept.
 */

/** How long an answer may be reused when nothing was written through this process meanwhile. */
export const RECENT_READ_MS = 2_000;

const epochs = new WeakMap<object, { n: number }>();

function epochOf(db: object): { n: number } {
  let epoch = epochs.get(db);
  if (!epoch) {
    epoch = { n: 0 };
    epochs.set(db, epoch);
  }
  return epoch;
}

/** Something may have changed in this database: no answer read before now is served again. */
export function noteWrite(db: object): void {
  epochOf(db).n += 1;
}

interface Entry<T> {
  epoch: number;
  /** performance.now() when the read began (an answer's age counts from what it read, not when it settled) */
  startedAt: number;
  answer: Promise<T>;
}

/**
 * A shared reader: `(db, key, read) => answer`. `key` must name everything the answer depends on (unit, scope,
 * period, page…): two callers with one key get the same object, which nobody may mutate.
 */
export function recentReads<T>(freshForMs = RECENT_READ_MS): (db: object, key: string, read: () => Promise<T>) => Promise<T> {
  const stores = new WeakMap<object, Map<string, Entry<T>>>();
  return (db, key, read) => {
    let store = stores.get(db);
    if (!store) {
      store = new Map();
      stores.set(db, store);
    }
    const epoch = epochOf(db).n;
    const now = performance.now();
    const kept = store.get(key);
    if (kept && kept.epoch === epoch && now - kept.startedAt < freshForMs) return kept.answer;
    // The map is in order of start (a key read again is moved to the end), and epochs only grow along it, so the
    // answers no longer served are a prefix: dropped here, none outlives the next read. (A sweep only once 500 keys
    // were held kept up to 499 expired answers for good — one user's 499 distinct pages of 200 rows held 46 MB.)
    store.delete(key);
    for (const [k, e] of store) {
      if (e.epoch === epoch && now - e.startedAt < freshForMs) break;
      store.delete(k);
    }
    const entry: Entry<T> = { epoch, startedAt: now, answer: read() };
    store.set(key, entry);
    const current = store;
    entry.answer.catch(() => {
      if (current.get(key) === entry) current.delete(key);
    });
    return entry.answer;
  };
}
