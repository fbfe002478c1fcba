import { describe, expect, it } from 'vitest';
import { maskPhone, messages, pickLocale, sizeBandOf, translate } from '../src/index.ts';

describe('messages', () => {
  it('has both languages for every key', () => {
    for (const [key, text] of Object.entries(messages)) {
      expect(text['zh-CN'], key).toMatch(/\S/);
      expect(text.en, key).toMatch(/\S/);
    }
  });
  it('fills placeholders', () => {
    expect(translate('enterprise.duplicateCreditCode', 'en', { name: 'ACME' })).toContain('ACME');
    expect(translate('enterprise.duplicateCreditCode', 'zh-CN', { name: '某公司' })).toBe('统一社会信用代码已登记：某公司');
  });
  it('picks Chinese unless English is asked first', () => {
    expect(pickLocale(undefined)).toBe('zh-CN');
    expect(pickLocale('en-US,en;q=0.9')).toBe('en');
    expect(pickLocale('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
  });
});

describe('small rules', () => {
  it('masks phones', () => expect(maskPhone('13812345678')).toBe('138****5678'));
  it('bands sizes at 25 / 100 / 300 / 1000', () => {
    expect([0, 24, 25, 99, 100, 299, 300, 999, 1000, 50000].map(sizeBandOf)).toEqual([
      'lt25', 'lt25', '25to99', '25to99', '100to299', '100to299', '300to999', '300to999', '1000plus', '1000plus',
    ]);
  });
});
