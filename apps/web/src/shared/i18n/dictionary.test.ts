import { describe, expect, it } from 'vitest';
import { dictionaries, dictionaryParts } from './dictionary.ts';

describe('the dictionary', () => {
  it('takes each key from exactly one feature file', () => {
    const seen = new Map<string, number>();
    for (const part of dictionaryParts) for (const key of Object.keys(part['zh-CN'])) seen.set(key, (seen.get(key) ?? 0) + 1);
    expect([...seen].filter(([, count]) => count > 1)).toEqual([]);
    expect(Object.keys(dictionaries['zh-CN'])).toHaveLength(seen.size);
  });

  it('has text in both languages for every key', () => {
    for (const part of dictionaryParts) {
      expect(Object.keys(part.en).sort()).toEqual(Object.keys(part['zh-CN']).sort());
    }
    for (const [key, text] of Object.entries(dictionaries['zh-CN'])) {
      expect(text, key).toMatch(/\S/);
      expect(dictionaries.en[key as keyof typeof dictionaries.en], key).toMatch(/\S/);
    }
  });
});
