import { describe, expect, it } from 'vitest';
import * as contracts from '@lianxin/contracts';
import { dictionaries } from './dictionary.ts';

/** Han, kana and hangul, and the CJK and full-width punctuation (、。《》（）：；). */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/**
 * Proper names allowed to stay in Chinese inside English text. None so far: a Chinese term gets its English UI
 * name instead (两非一无 → "informal / no-union", 三同时 → "new-enterprise union tasks").
 */
const ALLOWED_NAMES: readonly string[] = [];

const hasChinese = (text: string) => CJK.test(ALLOWED_NAMES.reduce((rest, name) => rest.replaceAll(name, ''), text));

type Texts = Record<string, Record<contracts.Locale, string>>;

/** Every export of the contracts shaped like enum labels or messages: an object whose values all carry zh-CN and en text. */
function localisedExports(): [string, Texts][] {
  const isText = (v: unknown): v is Record<contracts.Locale, string> =>
    typeof v === 'object' && v !== null && typeof (v as Record<string, unknown>)['zh-CN'] === 'string' && typeof (v as Record<string, unknown>).en === 'string';
  return Object.entries(contracts).filter((entry): entry is [string, Texts] => {
    const value = entry[1] as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).length > 0 && Object.values(value).every(isText);
  });
}

describe('English texts', () => {
  it('tell Chinese from English', () => {
    expect(hasChinese('两非一无 members')).toBe(true);
    expect(hasChinese('Issue “{kind}”（draft）')).toBe(true);
    expect(hasChinese('Target {rate} by {date} — 1,000… 25–99 → ·')).toBe(false);
  });

  it('of the web dictionary have no Chinese in them', () => {
    const leftovers = Object.entries(dictionaries.en).filter(([, text]) => hasChinese(text));
    expect(leftovers).toEqual([]);
  });

  it('of the contracts (enum labels and messages) have no Chinese in them', () => {
    const exported = localisedExports();
    expect(exported.map(([name]) => name)).toEqual(expect.arrayContaining(['messages', 'orgKindLabels', 'industrySectionLabels', 'auditObjectTypeLabels']));
    const leftovers = exported.flatMap(([name, texts]) =>
      Object.entries(texts).filter(([, text]) => hasChinese(text.en)).map(([key, text]) => `${name}.${key}: ${text.en}`),
    );
    expect(leftovers).toEqual([]);
  });
});
