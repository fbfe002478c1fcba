import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyRate, assess, paymentDueOn, monthsOverdue, nextDunningStep, parseYuan, splitFen, splitReceipt, type AssessmentSettings,
} from '../src/index.ts';

const settings: AssessmentSettings = { rateBp: 200, preparatoryRateBp: 200, grassrootsBp: 6000, cityBp: 5000, districtBp: 3000, streetBp: 2000 };

describe('splitFen (largest remainder)', () => {
  it('splits 60/40 and keeps every fen', () => {
    expect(splitFen(100, [6000, 4000])).toEqual([60, 40]);
    expect(splitFen(1, [6000, 4000])).toEqual([1, 0]);
    expect(splitFen(7, [6000, 4000])).toEqual([4, 3]); // 4.2 / 2.8: the larger remainder (.8) takes the fen
    expect(splitFen(0, [1, 2])).toEqual([0, 0]);
  });
  it('gives tied remainders to the earlier part', () => {
    expect(splitFen(1, [1, 1])).toEqual([1, 0]);
    expect(splitFen(2, [1, 1, 1])).toEqual([1, 1, 0]);
  });
  it('refuses negative or fractional totals and all-zero shares', () => {
    expect(() => splitFen(-1, [1])).toThrow(RangeError);
    expect(() => splitFen(1.5, [1])).toThrow(RangeError);
    expect(() => splitFen(10, [0, 0])).toThrow(RangeError);
  });
  it('property: the parts sum to the whole and each is within 1 fen of its exact share', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
      fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 8 }).filter((s) => s.some((x) => x > 0)),
      (total, shares) => {
        const parts = splitFen(total, shares);
        expect(parts.reduce((a, b) => a + BigInt(b), 0n)).toBe(BigInt(total));
        const sum = shares.reduce((a, b) => a + b, 0);
        parts.forEach((p, i) => {
          // |p − total·s/sum| < 1  ⇔  |p·sum − total·s| < sum
          const diff = BigInt(p) * BigInt(sum) - BigInt(total) * BigInt(shares[i]!);
          expect(diff < BigInt(sum) && -diff < BigInt(sum)).toBe(true);
          expect(p).toBeGreaterThanOrEqual(0);
        });
      },
    ), { numRuns: 2000 });
  });
  it('property: the receipt split conserves every fen at both levels', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 15 }), (amount) => {
      const s = splitReceipt(amount, settings);
      expect(s.grassrootsFen + s.upperFen).toBe(amount);
      expect(s.cityFen + s.districtFen + s.streetFen).toBe(s.upperFen);
    }));
  });
});

describe('assessment', () => {
  it('is 2 % of payroll, rounded half up to the fen', () => {
    expect(applyRate(1_000_000, 200)).toBe(20_000);
    expect(applyRate(25, 200)).toBe(1); // 0.5 fen rounds up
    expect(applyRate(24, 200)).toBe(0);
    expect(assess({ payrollFen: 50_000_000, employeeCount: 80, hasUnion: true, exception: null, settings })).toEqual({
      basis: 'standard', rateBp: 200, perHeadFen: 0, assessmentFen: 1_000_000,
    });
  });
  it('uses the reduced rate, the per-head amount, or the preparatory fund', () => {
    expect(assess({ payrollFen: 50_000_000, employeeCount: 80, hasUnion: true, exception: { kind: 'reduced', rateBp: 100, perHeadFen: null }, settings }).assessmentFen).toBe(500_000);
    expect(assess({ payrollFen: 50_000_000, employeeCount: 80, hasUnion: true, exception: { kind: 'per_head', rateBp: null, perHeadFen: 1_000 }, settings })).toMatchObject({ basis: 'per_head', assessmentFen: 80_000 });
    expect(assess({ payrollFen: 50_000_000, employeeCount: 80, hasUnion: false, exception: { kind: 'per_head', rateBp: null, perHeadFen: 1_000 }, settings })).toMatchObject({ basis: 'preparatory', assessmentFen: 1_000_000 });
  });
});

describe('due dates and dunning', () => {
  it('is due on the 15th of the next month; overdue months are whole months after it', () => {
    expect(paymentDueOn('2026-12')).toBe('2027-01-15');
    expect(monthsOverdue('2026-07', '2026-08-15')).toBe(0);
    expect(monthsOverdue('2026-07', '2026-08-16')).toBe(0);
    expect(monthsOverdue('2026-07', '2026-09-15')).toBe(1);
    expect(monthsOverdue('2026-07', '2026-11-14')).toBe(2);
    expect(monthsOverdue('2026-07', '2026-11-15')).toBe(3);
    expect(monthsOverdue('2025-11', '2026-03-01')).toBe(2);
  });
  it('goes step by step, and the 支付令 papers wait for 3 months overdue', () => {
    expect(nextDunningStep([], 0)).toBe('lawyer_letter');
    expect(nextDunningStep(['lawyer_letter'], 0)).toBe('interview');
    expect(nextDunningStep(['lawyer_letter', 'interview', 'dunning_letter'], 1)).toBe('assessment_letter');
    expect(nextDunningStep(['lawyer_letter', 'interview', 'dunning_letter', 'assessment_letter'], 2)).toBeNull();
    expect(nextDunningStep(['lawyer_letter', 'interview', 'dunning_letter', 'assessment_letter'], 3)).toBe('payment_order');
    expect(nextDunningStep(['lawyer_letter', 'interview', 'dunning_letter', 'assessment_letter', 'payment_order'], 9)).toBeNull();
  });
  it('reads yuan from bank statements', () => {
    expect(parseYuan('1,234.5')).toBe(123_450);
    expect(parseYuan('¥20000')).toBe(2_000_000);
    expect(parseYuan('0.01')).toBe(1);
    expect(parseYuan('0')).toBeNull();
    expect(parseYuan('-5')).toBeNull();
    expect(parseYuan('1.234')).toBeNull();
    expect(parseYuan('abc')).toBeNull();
  });
});
