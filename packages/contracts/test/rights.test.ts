import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays, caseOutcomes, caseStatuses, contractInForce, contractTermProblem, isGroupDispute, MAX_ROUNDS, mediationClock, nextRoundNumber, stageProblem,
  caseOutcomeLabels, caseStatusLabels, caseTypeLabels, caseTypes, warningLevelLabels, warningLevels, warningSignalLabels, warningSignals,
  bargainingTopicLabels, bargainingTopics, contractKindLabels, contractKinds, contractStatusLabels, contractStatuses, type Labels,
} from '../src/index.ts';

describe('the art. 14 mediation clock (劳动争议调解仲裁法: 15 calendar days)', () => {
  it('counts from the day after the application, calendar days, across month and year ends', () => {
    expect(mediationClock('2026-03-01', '2026-03-01')).toEqual({ appliedOn: '2026-03-01', deadline: '2026-03-16', daysLeft: 15, mayArbitrate: false });
    expect(mediationClock('2026-12-20', '2027-01-04')).toMatchObject({ deadline: '2027-01-04', daysLeft: 0, mayArbitrate: false });
    expect(mediationClock('2026-12-20', '2027-01-05')).toMatchObject({ daysLeft: -1, mayArbitrate: true });
    // February of a leap year: no working-day rule, weekends and holidays count (10-01 national holiday week too)
    expect(mediationClock('2028-02-20', '2028-02-20').deadline).toBe('2028-03-06');
    expect(mediationClock('2026-09-30', '2026-10-10').deadline).toBe('2026-10-15');
  });

  it('opens arbitration exactly from the 16th day on, whatever the dates', () => {
    const day = fc.integer({ min: 0, max: 365 * 200 }).map((n) => addDays('1900-01-01', n));
    fc.assert(fc.property(day, fc.integer({ min: 0, max: 60 }), (applied, after) => {
      const clock = mediationClock(applied, addDays(applied, after));
      expect(clock.mayArbitrate).toBe(after > 15);
      expect(clock.daysLeft).toBe(15 - after);
    }));
  });
});

describe('the group flag', () => {
  it('is set at the threshold, not below', () => {
    expect(isGroupDispute(10, 10)).toBe(true);
    expect(isGroupDispute(9, 10)).toBe(false);
    expect(isGroupDispute(5, 5)).toBe(true);
  });
});

describe('case stages', () => {
  it('go forward one at a time, and close from any open stage', () => {
    expect(stageProblem('accepted', 'investigating', undefined)).toBeNull();
    expect(stageProblem('investigating', 'mediating', undefined)).toBeNull();
    expect(stageProblem('accepted', 'mediating', undefined)).toBe('rights.stageOrder');
    expect(stageProblem('mediating', 'investigating', undefined)).toBe('rights.stageOrder');
    expect(stageProblem('accepted', 'closed', 'withdrawn')).toBeNull();
    expect(stageProblem('investigating', 'closed', 'arbitration')).toBeNull();
  });
  it('need an outcome to close; an agreement needs mediation; 不予受理 only at acceptance; closed stays closed', () => {
    expect(stageProblem('mediating', 'closed', undefined)).toBe('rights.outcomeRequired');
    expect(stageProblem('investigating', 'closed', 'success')).toBe('rights.outcomeNotHere');
    expect(stageProblem('mediating', 'closed', 'partial')).toBeNull();
    expect(stageProblem('mediating', 'closed', 'not_accepted')).toBe('rights.outcomeNotHere');
    expect(stageProblem('accepted', 'closed', 'not_accepted')).toBeNull();
    expect(stageProblem('accepted', 'investigating', 'success')).toBe('rights.outcomeNotHere');
    for (const to of caseStatuses) for (const o of [...caseOutcomes, undefined]) expect(stageProblem('closed', to, o)).toBe('rights.caseClosed');
  });
});

describe('bargaining rules', () => {
  it('allow five rounds and refuse the sixth', () => {
    expect([0, 1, 2, 3, 4].map(nextRoundNumber)).toEqual([1, 2, 3, 4, 5]);
    expect(nextRoundNumber(MAX_ROUNDS)).toBeNull();
  });
  it('take terms of one to three years (集体合同规定 art. 38)', () => {
    expect(contractTermProblem('2026-03-01', '2029-02-28')).toBeNull();
    expect(contractTermProblem('2026-03-01', '2029-03-01')).toBe('rights.termTooLong');
    expect(contractTermProblem('2026-03-01', '2026-03-01')).toBe('rights.termOrder');
    expect(contractTermProblem('2028-02-29', '2031-02-28')).toBeNull();
  });
  it('count a contract in force on both end days, never when vetoed', () => {
    const c = { validFrom: '2026-01-01', validTo: '2026-12-31', status: 'signed' as const };
    expect(contractInForce(c, '2026-01-01')).toBe(true);
    expect(contractInForce(c, '2026-12-31')).toBe(true);
    expect(contractInForce(c, '2027-01-01')).toBe(false);
    expect(contractInForce({ ...c, status: 'vetoed' }, '2026-06-01')).toBe(false);
  });
});

describe('labels', () => {
  const enums: [readonly string[], Labels<string>][] = [
    [caseTypes, caseTypeLabels], [caseStatuses, caseStatusLabels], [caseOutcomes, caseOutcomeLabels], [warningSignals, warningSignalLabels],
    [warningLevels, warningLevelLabels], [bargainingTopics, bargainingTopicLabels], [contractKinds, contractKindLabels], [contractStatuses, contractStatusLabels],
  ];
  it('exist in Chinese and English for every value', () => {
    for (const [values, labels] of enums) {
      expect(Object.keys(labels).sort()).toEqual([...values].sort());
      for (const v of values) expect(labels[v]!['zh-CN'] && labels[v]!.en).toBeTruthy();
    }
  });
});
