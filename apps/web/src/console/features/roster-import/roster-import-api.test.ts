import { describe, expect, it } from 'vitest';
import { progressPercent, reportUrl } from './roster-import-api.ts';

describe('roster import helpers', () => {
  it('shows progress against the valid rows and 100% only once committed', () => {
    expect(progressPercent({ status: 'committing', processed: 0, valid: 0 })).toBe(0);
    expect(progressPercent({ status: 'committing', processed: 50, valid: 200 })).toBe(25);
    expect(progressPercent({ status: 'committing', processed: 200, valid: 200 })).toBe(99);
    expect(progressPercent({ status: 'committed', processed: 200, valid: 200 })).toBe(100);
  });

  it('builds the report link of a batch', () => {
    expect(reportUrl('b 1')).toBe('/api/members/import/b%201/report.xlsx');
  });
});
