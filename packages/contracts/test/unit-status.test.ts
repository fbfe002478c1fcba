import { describe, expect, it } from 'vitest';
import { unitStatus } from '../src/index.ts';

describe('unitStatus', () => {
  const target = { coverageRate: 0.85, membershipRate: 0.85 };

  it('is the worse of 建会率 and 入会率 against the target', () => {
    expect(unitStatus({ coverageRate: 0.9, membershipRate: 0.9 }, target)).toBe('met');
    expect(unitStatus({ coverageRate: 1, membershipRate: 0.82 }, target)).toBe('near');
    expect(unitStatus({ coverageRate: 1, membershipRate: 0.4 }, target)).toBe('behind');
    expect(unitStatus({ coverageRate: 0.5, membershipRate: 1 }, target)).toBe('behind');
    expect(unitStatus({ coverageRate: 0.82, membershipRate: 0.9 }, target)).toBe('near');
  });

  it('judges 建会率 alone when the target sets no 入会率, and nothing without a target', () => {
    expect(unitStatus({ coverageRate: 0.9, membershipRate: 0 }, { coverageRate: 0.85, membershipRate: null })).toBe('met');
    expect(unitStatus({ coverageRate: 0.9, membershipRate: 0.9 }, null)).toBe('none');
  });
});
