import type { Locale } from './auth.ts';

/**
 * The text of every value of an enum in every language. Enum labels live beside their enum
 * (`orgs.labels.ts` beside `orgs.ts`, …) so the API's exports and the web show the same words.
 */
export type Labels<K extends string> = Record<K, Record<Locale, string>>;

/** The text of one enum value in a language. */
export function label<K extends string>(labels: Labels<K>, key: K, locale: Locale): string {
  return labels[key][locale];
}
