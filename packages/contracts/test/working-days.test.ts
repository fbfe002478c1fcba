import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dueDate, greatCircleMetres, isOpenAt, isWorkingDay, workCalendar, workingDaysBetween, type WorkCalendar } from '../src/index.ts';

/** The 2026 schedule as DOMAIN.md §9.1 states it (国务院办公厅 notice), typed in here independently of any package. */
function calendar2026(): WorkCalendar {
  const span = (from: string, to: string) => {
    const days: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
    return days;
  };
  const holidays = [
    ...span('2026-01-01', '2026-01-03'), ...span('2026-02-15', '2026-02-23'), ...span('2026-04-04', '2026-04-06'), ...span('2026-05-01', '2026-05-05'),
    ...span('2026-06-19', '2026-06-21'), ...span('2026-09-25', '2026-09-27'), ...span('2026-10-01', '2026-10-07'),
  ];
  const workdays = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];
  return workCalendar([2026], [...holidays.map((date) => ({ date, kind: 'holiday' as const })), ...workdays.map((date) => ({ date, kind: 'workday' as const }))]);
}

const cal = calendar2026();

describe('working days on the 2026 official schedule', () => {
  it('gives the issue\'s example: received 2026-09-30, 5 working days → 2026-10-13', () => {
    expect(dueDate(cal, '2026-09-30', 5)).toEqual({ dueOn: '2026-10-13', provisional: false });
  });

  it('counts 调休 weekend days as working days and weekday holidays as none', () => {
    expect(isWorkingDay(cal, '2026-10-10')).toBe(true); // Saturday made a working day
    expect(isWorkingDay(cal, '2026-10-08')).toBe(true);
    expect(isWorkingDay(cal, '2026-10-05')).toBe(false); // Monday, National Day
    expect(isWorkingDay(cal, '2026-02-14')).toBe(true); // Saturday before Spring Festival
    expect(isWorkingDay(cal, '2026-10-11')).toBe(false); // an ordinary Sunday
    // received Friday 2026-02-13: Saturday 02-14 is a working day, then the Spring Festival until 02-23
    expect(dueDate(cal, '2026-02-13', 1).dueOn).toBe('2026-02-14');
    expect(dueDate(cal, '2026-02-13', 2).dueOn).toBe('2026-02-24');
    // received on a holiday: the clock starts on the next working day
    expect(dueDate(cal, '2026-05-01', 1).dueOn).toBe('2026-05-06');
    // consultation (1 working day) received on Friday 2026-05-08: Saturday 05-09 is a working day
    expect(dueDate(cal, '2026-05-08', 1).dueOn).toBe('2026-05-09');
  });

  it('stops the clock while materials are awaited (补正) and counts again from the day after they arrive', () => {
    // received Monday 2026-11-02, 5 working days → Monday 11-09 without a pause
    expect(dueDate(cal, '2026-11-02', 5).dueOn).toBe('2026-11-09');
    // materials asked on Tuesday 11-03 (day 1 counted), arrived Thursday 11-05: 11-04, 11-05 do not count
    expect(dueDate(cal, '2026-11-02', 5, [{ from: '2026-11-03', to: '2026-11-05' }]).dueOn).toBe('2026-11-11');
    // still waiting: no due day
    expect(dueDate(cal, '2026-11-02', 5, [{ from: '2026-11-03', to: null }]).dueOn).toBeNull();
    expect(workingDaysBetween(cal, '2026-11-02', '2026-11-11', [{ from: '2026-11-03', to: '2026-11-05' }])).toBe(5);
  });

  it('adds an extension as more working days', () => {
    expect(dueDate(cal, '2026-09-30', 5 + 3).dueOn).toBe('2026-10-16');
  });

  it('marks a span reaching into an unknown year provisional, computed Monday–Friday', () => {
    const due = dueDate(cal, '2026-12-28', 5);
    expect(due).toEqual({ dueOn: '2027-01-04', provisional: true });
    expect(dueDate(cal, '2026-12-21', 5).provisional).toBe(false);
  });

  it('refuses a negative count', () => {
    expect(() => dueDate(cal, '2026-01-05', -1)).toThrow(RangeError);
  });

  it('property: the due day is a working day, exactly N working days after receipt, and later for a larger N', () => {
    const day = fc.integer({ min: 0, max: 364 }).map((n) => addDays('2026-01-01', n));
    fc.assert(fc.property(day, fc.integer({ min: 1, max: 20 }), (from, n) => {
      const due = dueDate(cal, from, n).dueOn!;
      expect(isWorkingDay(cal, due)).toBe(true);
      expect(workingDaysBetween(cal, from, due)).toBe(n);
      expect(workingDaysBetween(cal, from, addDays(due, -1))).toBe(n - 1);
      expect(dueDate(cal, from, n + 1).dueOn! > due).toBe(true);
    }));
  });

  it('property: a closed pause never brings the due day forward', () => {
    const day = fc.integer({ min: 0, max: 300 }).map((n) => addDays('2026-01-01', n));
    fc.assert(fc.property(day, fc.integer({ min: 1, max: 15 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), (from, n, start, length) => {
      const pause = { from: addDays(from, start), to: addDays(from, start + length) };
      expect(dueDate(cal, from, n, [pause]).dueOn! >= dueDate(cal, from, n).dueOn!).toBe(true);
    }));
  });
});

describe('distances and hours', () => {
  it('measures great-circle metres (人民广场 → 顾村公园 about 18 km; one degree of latitude about 111.2 km)', () => {
    expect(greatCircleMetres({ lat: 0, lng: 121 }, { lat: 1, lng: 121 })).toBeCloseTo(111_195, -1);
    const d = greatCircleMetres({ lat: 31.2304, lng: 121.4737 }, { lat: 31.3889, lng: 121.3733 });
    expect(d).toBeGreaterThan(19_000);
    expect(d).toBeLessThan(21_000);
    expect(greatCircleMetres({ lat: 31.2, lng: 121.4 }, { lat: 31.2, lng: 121.4 })).toBe(0);
  });

  it('reads opening hours on the Shanghai clock, evenings and weekends (错时服务) included', () => {
    const hours = [{ weekdays: [1, 2, 3, 4, 5], open: '09:00', close: '17:30' }, { weekdays: [6], open: '09:00', close: '12:00' }];
    expect(isOpenAt(hours, new Date('2026-11-30T01:30:00Z'))).toBe(true); // Monday 09:30 in Shanghai
    expect(isOpenAt(hours, new Date('2026-11-30T00:30:00Z'))).toBe(false); // Monday 08:30
    expect(isOpenAt(hours, new Date('2026-11-29T16:30:00Z'))).toBe(false); // Monday 00:30 (still Sunday in UTC)
    expect(isOpenAt(hours, new Date('2026-12-05T03:59:00Z'))).toBe(true); // Saturday 11:59
    expect(isOpenAt(hours, new Date('2026-12-05T04:00:00Z'))).toBe(false); // Saturday 12:00
  });
});
