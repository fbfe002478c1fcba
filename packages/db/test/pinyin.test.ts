import { describe, it, expect } from 'vitest';
import { nameInitials } from '../src/pinyin.ts';
import { districts } from '../src/reference/regions.ts';
import { brandWords, industryWords, individualSuffixes, partInitials } from '../src/seed/names.ts';

describe('nameInitials', () => {
  it('gives the lower-case pinyin initials of a Chinese name', () => {
    expect(nameInitials('上海连心科技有限公司')).toBe('shlxkjyxgs');
    expect(nameInitials('宝山区顾村镇总工会')).toBe('bsqgczzgh');
  });

  it('keeps ASCII letters and digits lower-cased and drops punctuation and spaces', () => {
    expect(nameInitials('尚街Loft品牌园区(中区)联合工会')).toBe('sjloftppyqzqlhgh');
    expect(nameInitials('松江经开区G60科创云廊')).toBe('sjjkqg60kcyl');
    expect(nameInitials('上海 连心·科技（集团）有限公司')).toBe('shlxkjjtyxgs');
    expect(nameInitials('ABC Trading 2024')).toBe('abctrading2024');
  });

  it('folds full-width letters and digits', () => {
    expect(nameInitials('ＡＢＣ１２３公司')).toBe('abc123gs');
  });

  it('reads polyphonic characters in context', () => {
    expect(nameInitials('长宁区家政行业工会联合会')).toBe('cnqjzhyghlhh');
    expect(nameInitials('中国银行')).toBe('zgyh');
  });

  it('returns an empty string for nothing searchable', () => {
    expect(nameInitials('')).toBe('');
    expect(nameInitials(' ·—（）')).toBe('');
  });
});

describe('cached name parts', () => {
  it('combine without changing each other’s readings (so the seed may concatenate cached initials)', () => {
    const words = Object.values(industryWords).flat();
    const bad: string[] = [];
    const check = (parts: string[]) => {
      const joined = nameInitials(parts.join(''));
      const concatenated = parts.map(partInitials).join('');
      if (joined !== concatenated) bad.push(`${parts.join('|')}: ${joined} ≠ ${concatenated}`);
    };
    for (const a of brandWords) for (const b of brandWords) check([a, b]);
    for (const a of brandWords) {
      for (const w of words) check([a, w]);
      check(['上海', a]);
      check([a, '(上海)']);
      for (const d of districts) check([d.name, a]);
    }
    for (const w of words) {
      check(['(上海)', w]);
      for (const s of ['有限公司', '股份有限公司', '集团有限公司', '专业合作社', ...individualSuffixes]) check([w, s]);
    }
    expect(bad).toEqual([]);
  }, 60_000);
});
