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

/** Chinese and English punctuation around and between the parts of a line of UI text. */
const marks: Record<Locale, { open: string; close: string; colon: string; clause: string; comma: string }> = {
  'zh-CN': { open: '（', close: '）', colon: '：', clause: '；', comma: '，' },
  en: { open: ' (', close: ')', colon: ': ', clause: '; ', comma: ', ' },
};

/** A bracketed aside after a text: `顾村镇（310113109）` / `Gucun Town (310113109)`; the parts joined with commas. */
export function formatAside(locale: Locale, text: string, ...aside: readonly string[]): string {
  const m = marks[locale];
  return `${text}${m.open}${aside.join(m.comma)}${m.close}`;
}

/** A label and its value: `催缴：书面催告` / `Take step: written reminder`. */
export function formatLabelled(locale: Locale, label: string, value: string): string {
  return `${label}${marks[locale].colon}${value}`;
}

/** Whole clauses (several error messages) joined as the language does: `……；……` / `…; …`. */
export function formatClauses(locale: Locale, clauses: readonly string[]): string {
  return clauses.join(marks[locale].clause);
}
