import { describe, expect, it } from 'vitest';
import {
  formatPeriod, formatRate, formatTargetRate, nonZeroFederations, requiredRange, shortUnitName, shownStatus,
  toFraction, toPercent,
} from './coverage-format.ts';

describe('coverage formatting', () => {
  it('shows fractions as percentages, and nothing as a dash', () => {
    expect(formatRate(0.9757236)).toBe('97.6%');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(0)).toBe('0.0%');
    expect(formatRate(0.00396, 2)).toBe('0.40%');
    expect(formatRate(null)).toBe('—');
    expect(formatRate(Number.NaN)).toBe('—');
  });

  it('writes targets as people do and converts percentages both ways without float noise', () => {
    expect(formatTargetRate(0.88)).toBe('88%');
    expect(formatTargetRate(0.875)).toBe('87.5%');
    expect(toPercent(0.57)).toBe(57);
    expect(toPercent(0.8765)).toBe(87.65);
    expect(toFraction(57)).toBe(0.57);
    expect(toFraction(87.65)).toBe(0.8765);
    for (const p of [0, 0.5, 33.33, 70, 85, 99.99, 100]) expect(toPercent(toFraction(p))).toBe(p);
  });

  it('lists the federation kinds present, in the contracts order', () => {
    expect(nonZeroFederations({ joint_union: 2, regional_federation: 14, park_federation: 0, unknown: 3 })).toEqual([
      { kind: 'regional_federation', count: 14 },
      { kind: 'joint_union', count: 2 },
    ]);
    expect(nonZeroFederations({})).toEqual([]);
  });

  it('shows a staffing need as a range', () => {
    expect(requiredRange(3, 5)).toBe('3–5');
    expect(requiredRange(4, 4)).toBe('4');
  });

  it('names months in both languages', () => {
    expect(formatPeriod('2026-11', 'zh-CN')).toBe('2026年11月');
    expect(formatPeriod('2026-01', 'en')).toBe('Jan 2026');
    expect(formatPeriod('bad', 'zh-CN')).toBe('bad');
  });

  it('drops what a child unit shares with its parent from chart labels', () => {
    expect(shortUnitName('宝山区顾村镇总工会', '宝山区总工会')).toBe('顾村镇总工会');
    expect(shortUnitName('宝山区顾村镇菊泉区域工会联合会', '宝山区顾村镇总工会')).toBe('菊泉区域工会联合会');
    expect(shortUnitName('上海安顺咖啡有限公司工会', '宝山区顾村镇总工会')).toBe('上海安顺咖啡有限公司工会');
    // nothing left worth showing: keep the whole name
    expect(shortUnitName('宝山区总工会', '宝山区总工会')).toBe('宝山区总工会');
  });
});

describe('shown status', () => {
  it('shows no status for a unit without target enterprises', () => {
    expect(shownStatus({ targetEnterprises: 0, status: 'behind' })).toBeNull();
    expect(shownStatus({ targetEnterprises: 5, status: 'near' })).toBe('near');
  });
});
