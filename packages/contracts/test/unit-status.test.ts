import { describe, expect, it } from 'vitest';
import { unitStatus, unitStatusParts } from '../src/index.ts';

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

  it('says which rate set the status (the colour the cockpit shows on both rate cards)', () => {
    expect(unitStatusParts({ coverageRate: 1, membershipRate: 0.4 }, target)).toEqual({ status: 'behind', coverage: 'met', membership: 'behind', driver: 'membership' });
    expect(unitStatusParts({ coverageRate: 0.5, membershipRate: 0.82 }, target)).toEqual({ status: 'behind', coverage: 'behind', membership: 'near', driver: 'coverage' });
    // a tie names 建会率; no membership target leaves 建会率 alone; no target names nothing
    expect(unitStatusParts({ coverageRate: 0.9, membershipRate: 0.9 }, target).driver).toBe('coverage');
    expect(unitStatusParts({ coverageRate: 0.5, membershipRate: 0 }, { coverageRate: 0.85, membershipRate: null })).toEqual({ status: 'behind', coverage: 'behind', membership: 'none', driver: 'coverage' });
    expect(unitStatusParts({ coverageRate: 0.5, membershipRate: 0 }, null).driver).toBeNull();
  });
});
