import { describe, expect, it } from 'vitest';
import { coverageTargetInputSchema, type CoverageTarget } from '@lianxin/contracts';
import { newTargetValues, sameRule, targetBody, targetFormErrors, toTargetFormValues } from './target-values.ts';

const target: CoverageTarget = {
  id: 3, orgId: 118, orgName: '宝山区顾村镇总工会', dueOn: '2026-12-31', coverageRate: 0.9, membershipRate: 0.86, note: '顾村镇', inheritedFrom: null,
};

describe('target form values', () => {
  it('shows fractions as percentages and sends them back as fractions', () => {
    const values = toTargetFormValues(target);
    expect(values).toEqual({ orgId: 118, dueOn: '2026-12-31', coveragePercent: 90, membershipPercent: 86, note: '顾村镇' });
    const body = targetBody(values);
    expect(body).toEqual({ orgId: 118, dueOn: '2026-12-31', coverageRate: 0.9, membershipRate: 0.86, note: '顾村镇' });
    expect(coverageTargetInputSchema.safeParse(body).success).toBe(true);
  });

  it('sends no membership target as null and leaves a missing coverage rate for the schema to report', () => {
    const body = targetBody({ ...newTargetValues(10, '2026-11-22'), coveragePercent: 87.5 });
    expect(body).toMatchObject({ orgId: 10, dueOn: '2026-12-31', coverageRate: 0.875, membershipRate: null, note: '' });
    const missing = targetBody(newTargetValues(10, '2026-11-22'));
    expect(missing.coverageRate).toBeUndefined();
    const result = coverageTargetInputSchema.safeParse(missing);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['coverageRate']);
  });

  it('puts API field messages under the form fields', () => {
    expect(targetFormErrors({ coverageRate: 'a', dueOn: 'b', other: 'c' })).toEqual({
      placed: [['coveragePercent', 'a'], ['dueOn', 'b']],
      unplaced: ['c'],
    });
  });

  it('compares rules regardless of ownership order', () => {
    const rule = { ownerships: ['private', 'foreign'] as const, dualRealOnly: true, minEmployees: 25, minYearsOpen: 1 };
    expect(sameRule({ ...rule, ownerships: ['private', 'foreign'] }, { ...rule, ownerships: ['foreign', 'private'] })).toBe(true);
    expect(sameRule({ ...rule, ownerships: ['private'] }, { ...rule, ownerships: ['private'], minYearsOpen: 0 })).toBe(false);
  });
});
