import { describe, expect, it } from 'vitest';
import { stationFacilityLabels, voteOptionCodeLabels, voteOptionText, type StationFacility } from '@lianxin/contracts';
import { formatAside, formatClauses, formatLabelled, formatList } from './list-format.ts';

describe('lists and vote options in the UI language', () => {
  it('joins a list with each language\'s separator (no "、" on English screens)', () => {
    const facilities: StationFacility[] = ['hot_water', 'fridge', 'microwave'];
    const zh = formatList('zh-CN', facilities.map((f) => stationFacilityLabels[f]['zh-CN']));
    const en = formatList('en', facilities.map((f) => stationFacilityLabels[f].en));
    expect(zh).toBe(facilities.map((f) => stationFacilityLabels[f]['zh-CN']).join('、'));
    expect(en).toBe(facilities.map((f) => stationFacilityLabels[f].en).join(', '));
    expect(en).not.toContain('、');
    expect(formatList('en', [])).toBe('');
  });

  it('punctuates asides, labels and clauses as each language does (no full-width marks on English screens)', () => {
    expect(formatAside('zh-CN', '顾村镇', '310113109')).toBe('顾村镇（310113109）');
    expect(formatAside('en', 'Gucun Town', '310113109')).toBe('Gucun Town (310113109)');
    expect(formatAside('en', 'Draft', 'Zhang San', '2026-11-30')).toBe('Draft (Zhang San, 2026-11-30)');
    expect(formatLabelled('en', 'Take step', 'Written reminder')).toBe('Take step: Written reminder');
    expect(formatLabelled('zh-CN', '催缴', '书面催告')).toBe('催缴：书面催告');
    expect(formatClauses('en', ['Name missing', 'Phone invalid'])).toBe('Name missing; Phone invalid');
    expect(formatClauses('zh-CN', ['甲', '乙'])).toBe('甲；乙');
  });

  it('shows a motion\'s fixed options in English on English screens, custom options as typed', () => {
    expect(voteOptionText({ label: '赞成', code: 'yes' }, 'en')).toBe('Yes');
    expect(voteOptionText({ label: '弃权', code: 'abstain' }, 'en')).toBe('Abstain');
    expect(voteOptionText({ label: '反对', code: 'no' }, 'zh-CN')).toBe('反对');
    expect(voteOptionText({ label: '甲方案', code: null }, 'en')).toBe('甲方案');
    // every code has both languages, and the English has no Chinese left
    for (const labels of Object.values(voteOptionCodeLabels)) expect(labels.en).toMatch(/^[A-Za-z ]+$/);
  });
});
