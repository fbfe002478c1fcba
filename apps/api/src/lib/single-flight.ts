/**
 * Coalesces concurrent identical reads: while a read for `key` is in flight, later callers with the same key await
 * the same promise instead of starting their own. Nothing is kept after it settles, so no answer is older than the
 * read it shares (a reader arriving mid-flight gets a result that began at most one read's duration earlier).
 * Why: twenty staff opening the same street's cockpit at once otherwise run twenty identical reads of its 300
 * children's figures, queueing behind each other on the database and the event loop (issue 10, bench/coverage).
 */
export function singleFlight<T>(): (key: string, read: () => Promise<T>) => Promise<T> {
  const inFlight = new Map<string, Promise<T>>();
  return (key, read) => {
    const running = inFlight.get(key);
    if (running) return running;
    const started = read().finally(() => inFlight.delete(key));
    inFlight.set(key, started);
    return started;
  };
}
