import type { Locale } from '@lianxin/contracts';
import { appTexts } from './app.i18n.ts';
import type { DictKey } from './dictionary.ts';

/** One feature's texts (`<feature>.i18n.ts`): key → text per language. */
export interface TextPart {
  'zh-CN': Readonly<Record<string, string>>;
  en: Readonly<Record<string, string>>;
}

// The table `t()` reads. Each UI installs the texts it uses — the console every feature's (dictionary.ts), the H5
// only its own pages' (mobile/mobile-texts.ts) — so the H5 bundle never carries the console's ≈ 2,000 texts. The
// app-wide texts (shell, header, form messages) are in both.
const table: Record<Locale, Record<string, string>> = { 'zh-CN': {}, en: {} };

/** Adds the parts' texts to the table (a key installed twice keeps the later text; dictionary.test.ts keeps keys unique). */
export function installTexts(parts: readonly TextPart[]): void {
  for (const part of parts) {
    Object.assign(table['zh-CN'], part['zh-CN']);
    Object.assign(table.en, part.en);
  }
}
installTexts([appTexts]);

function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** The text of `key` in `locale` with `{name}` placeholders filled; the key itself when this UI did not install it. */
export function dictText(locale: Locale, key: DictKey, params?: Record<string, string | number>): string {
  return format(table[locale][key] ?? key, params);
}
