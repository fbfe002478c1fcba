import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Locale } from '@lianxin/contracts';
import { setCurrentLocale } from './current-locale.ts';
import { formatAside, formatClauses, formatLabelled, formatList } from './list-format.ts';
import type { DictKey } from './dictionary.ts';
import { dictText } from './texts.ts';

const STORAGE_KEY = 'lianxin.locale';

function readStoredLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function applyLocale(locale: Locale): void {
  setCurrentLocale(locale);
  document.documentElement.lang = locale;
}

/** Chinese unless the user chose English before (shared by the console and the H5, same origin). */
const initialLocale = readStoredLocale();
applyLocale(initialLocale);

export type Translate = (key: DictKey, params?: Record<string, string | number>) => string;

interface LocaleValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  /** Picks the current language out of a `{ 'zh-CN': …, en: … }` label. */
  pick: (label: Record<Locale, string>) => string;
  /** Joins items with the language's list separator (Intl.ListFormat, narrow): 热水、冰箱 / hot water, fridge. */
  list: (items: readonly string[]) => string;
  /** A bracketed aside in the language's punctuation: 顾村镇（310113109） / Gucun Town (310113109). */
  aside: (text: string, ...aside: readonly string[]) => string;
  /** A label and its value: 催缴：… / Take step: … */
  labelled: (label: string, value: string) => string;
  /** Clauses (several messages) joined with ； / ; */
  clauses: (items: readonly string[]) => string;
}


const LocaleContext = createContext<LocaleValue | null>(null);

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
    applyLocale(next);
    setLocaleState(next);
  }, []);
  const value = useMemo<LocaleValue>(
    () => ({
      locale,
      setLocale,
      t: (key, params) => dictText(locale, key, params),
      pick: (label) => label[locale],
      list: (items) => formatList(locale, items),
      aside: (text, ...aside) => formatAside(locale, text, ...aside),
      labelled: (label, value) => formatLabelled(locale, label, value),
      clauses: (items) => formatClauses(locale, items),
    }),
    [locale, setLocale],
  );
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error('useLocale outside LocaleProvider');
  return value;
}
