import { createRequire } from 'node:module';

/**
 * The official calendar as the chinese-days package (a dev dependency, read only by the extract script and its
 * test) holds it: the years it knows and, for each, the exceptions to Monday–Friday — holidays falling on a weekday
 * and weekend days made working days (调休). The package also lists holidays on weekends; those change nothing.
 */
export function calendarExceptionsFromPackage(): { version: string; years: number[]; days: { date: string; kind: 'holiday' | 'workday'; name: string }[] } {
  const require = createRequire(import.meta.url);
  const data = require('chinese-days/dist/chinese-days.json') as Record<'holidays' | 'workdays', Record<string, string>>;
  const { version } = require('chinese-days/package.json') as { version: string };
  const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
  const nameOf = (value: string) => value.split(',')[1] ?? '';
  const days: { date: string; kind: 'holiday' | 'workday'; name: string }[] = [];
  for (const [date, value] of Object.entries(data.holidays)) if (weekday(date) !== 0 && weekday(date) !== 6) days.push({ date, kind: 'holiday', name: nameOf(value) });
  for (const [date, value] of Object.entries(data.workdays)) if (weekday(date) === 0 || weekday(date) === 6) days.push({ date, kind: 'workday', name: nameOf(value) });
  days.sort((a, b) => a.date.localeCompare(b.date));
  const years = [...new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
  return { version, years, days };
}
