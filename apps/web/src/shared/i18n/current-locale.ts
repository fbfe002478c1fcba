import type { Locale } from '@lianxin/contracts';

/** The UI language outside React (the API client's Accept-Language); LocaleProvider keeps it current. */
let current: Locale = 'zh-CN';

export function getCurrentLocale(): Locale {
  return current;
}

export function setCurrentLocale(locale: Locale): void {
  current = locale;
}
