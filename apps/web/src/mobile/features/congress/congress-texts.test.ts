import { describe, expect, it } from 'vitest';
import { mobileCongressTexts } from './congress.i18n.ts';

describe('the congress page\'s texts', () => {
  it('mark the member\'s own proposal with the brackets of each language (English read "王伟（My proposal）")', () => {
    expect(mobileCongressTexts['zh-CN']['mcongress.mine']).toBe('（我的提案）');
    expect(mobileCongressTexts.en['mcongress.mine']).toBe(' (my proposal)');
  });

  it('use no full-width brackets in English', () => {
    expect(Object.entries(mobileCongressTexts.en).filter(([, text]) => /[（）]/.test(text))).toEqual([]);
  });
});
