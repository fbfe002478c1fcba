import { useEffect, useState } from 'react';

const SEARCH_DELAY_MS = 350;

/**
 * A list's search box: typing searches after a pause, `searchNow` (Enter) at once, `clear` empties it without a
 * search (the caller resets the filters). `onSearch` receives the trimmed text, or undefined for none.
 */
export function useSearchText(initial: string | undefined, onSearch: (q: string | undefined) => void) {
  const [text, setText] = useState(initial ?? '');
  const [applied, setApplied] = useState(initial ?? '');

  useEffect(() => {
    if (text.trim() === applied.trim()) return;
    const timer = setTimeout(() => {
      setApplied(text);
      onSearch(text.trim() || undefined);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, applied, onSearch]);

  return {
    text,
    setText,
    searchNow: () => {
      setApplied(text);
      onSearch(text.trim() || undefined);
    },
    clear: () => {
      setText('');
      setApplied('');
    },
  };
}
