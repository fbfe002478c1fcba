import type { Locale } from '@lianxin/contracts';

const formats = new Map<Locale, Intl.ListFormat>();

/**
 * Joins items with the language's list separator (Intl.ListFormat, conjunction, narrow): `热水、冰箱、微波炉` in
 * Chinese, `hot water, fridge, microwave` in English — a list in a table cell or a line, without "and".
 */
export function formatList(locale: Locale, items: readonly string[]): string {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.ListFormat(locale, { type: 'conjunction', style: 'narrow' });
    formats.set(locale, format);
  }
  return format.format(items);
}
