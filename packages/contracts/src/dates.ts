const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

/** The calendar day in Asia/Shanghai, YYYY-MM-DD (times are stored in UTC; days are Shanghai days). */
export function shanghaiDate(now: Date = new Date()): string {
  return shanghaiDay.format(now);
}

/** The month before `period` (YYYY-MM). */
export function previousMonth(period: string): string {
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}
