const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

/**
 * The calendar day in Asia/Shanghai, YYYY-MM-DD — THE "today" of the platform: times are stored in UTC, days are
 * Shanghai days (a UTC date is yesterday until 08:00 and puts the 1st of a month into the previous month). Every
 * "today" (joining dates, leaving dates, periods, due dates) comes from here; a lint rule forbids
 * `toISOString().slice(0, 10)` elsewhere.
 */
export function shanghaiDate(now: Date = new Date()): string {
  return shanghaiDay.format(now);
}

/** The calendar day of a UTC midnight timestamp (ms), YYYY-MM-DD: for calendar arithmetic, never for "today". */
export function calendarDayOf(utcMidnightMs: number): string {
  // eslint-disable-next-line no-restricted-syntax -- the one place: a UTC midnight's calendar day
  return new Date(utcMidnightMs).toISOString().slice(0, 10);
}

/** `days` after (negative: before) a calendar day, YYYY-MM-DD. */
export function addDays(isoDate: string, days: number): string {
  return calendarDayOf(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000);
}

/** The month before `period` (YYYY-MM). */
export function previousMonth(period: string): string {
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}
