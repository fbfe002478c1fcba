import { describe, expect, it } from 'vitest';
import { parseCalendarLines } from './calendar-lines.ts';

describe('calendar lines', () => {
  it('reads holidays and make-up working days, in English or Chinese, skipping blank lines', () => {
    expect(parseCalendarLines('2027-01-01 holiday 元旦\n\n2027-02-06 班 春节\n2027-02-10 休')).toEqual({
      days: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-06', kind: 'workday', name: '春节' },
        { date: '2027-02-10', kind: 'holiday', name: '' },
      ],
    });
  });

  it('names the first line it cannot read', () => {
    expect(parseCalendarLines('2027-01-01 holiday\n2027/01/04 holiday')).toEqual({ badLine: 2 });
  });
});
