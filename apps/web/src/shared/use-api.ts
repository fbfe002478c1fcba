import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';

interface Settled<T> {
  key: string;
  data?: T;
  error?: unknown;
}

export interface ApiState<T> {
  /** The latest data; while a new key loads, the previous key's data stays (no flicker in tables). */
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Shows data the caller already has for the current key (a write's answer), without loading it again. */
  replace: (data: T) => void;
}

/**
 * Loads data for `key` (null: nothing to load) and reloads when the key changes; the fetcher gets an
 * AbortSignal so a superseded request is cancelled.
 */
export function useApi<T>(key: string | null, fetcher: (signal: AbortSignal) => Promise<T>): ApiState<T> {
  const [settled, setSettled] = useState<Settled<T> | null>(null);
  const [version, setVersion] = useState(0);
  const load = useEffectEvent((signal: AbortSignal) => fetcher(signal));
  const fullKey = key === null ? null : `${key}#${version}`;
  /** bumped by `replace`: a load that began before it must not overwrite the newer data */
  const replaced = useRef(0);
  /** the key shown now: a `replace` made for an earlier key (an answer arriving after the user moved on) is dropped */
  const shownKey = useRef(fullKey);

  useEffect(() => {
    shownKey.current = fullKey;
    if (fullKey === null) return;
    const controller = new AbortController();
    const generation = replaced.current;
    const stale = () => controller.signal.aborted || replaced.current !== generation;
    load(controller.signal).then(
      (data) => {
        if (!stale()) setSettled({ key: fullKey, data });
      },
      (error: unknown) => {
        if (!stale()) setSettled((prev) => ({ key: fullKey, data: prev?.data, error }));
      },
    );
    return () => controller.abort();
  }, [fullKey]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const replace = useCallback((data: T) => {
    if (fullKey === null || shownKey.current !== fullKey) return;
    replaced.current += 1;
    setSettled({ key: fullKey, data });
  }, [fullKey]);
  const current = settled !== null && settled.key === fullKey;
  return {
    data: settled?.data,
    error: current ? settled.error : undefined,
    loading: fullKey !== null && !current,
    reload,
    replace,
  };
}
