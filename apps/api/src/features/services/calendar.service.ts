import { dueDate, shanghaiDate, weekdayOf, type CalendarResponse, type calendarPutSchema } from '@lianxin/contracts';
import type { Database } from '@lianxin/db';
import type { z } from 'zod';
import type { ServiceContext } from '../../context.ts';
import { fieldError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { loadCalendar, readYear, writeYear } from './calendar.repo.ts';

/** A year's entered exceptions, whether it is known, and which of this year and next are still missing. */
export async function calendarYear(db: Database, year: number, now = new Date()): Promise<CalendarResponse> {
  const { source, days, knownYears } = await readYear(db, year);
  const thisYear = Number(shanghaiDate(now).slice(0, 4));
  return { year, known: source !== null, source, days, missingYears: [thisYear, thisYear + 1].filter((y) => !knownYears.has(y)) };
}

/**
 * City staff enter (or correct) a year's official schedule — the State Council publishes it each November: the
 * holidays falling on weekdays and the weekend days made working days. Replaces the year's rows and marks the year
 * known. Each day must lie in the year, appear once and be an exception (a weekday holiday or a weekend working day).
 */
export async function putCalendarYear(ctx: ServiceContext, year: number, body: z.output<typeof calendarPutSchema>): Promise<CalendarResponse> {
  const seen = new Set<string>();
  body.days.forEach((d, i) => {
    if (Number(d.date.slice(0, 4)) !== year) throw fieldError(`days.${i}.date`, 'calendar.dayOutsideYear');
    if (seen.has(d.date)) throw fieldError(`days.${i}.date`, 'calendar.duplicateDay');
    seen.add(d.date);
    const weekend = weekdayOf(d.date) === 0 || weekdayOf(d.date) === 6;
    if ((d.kind === 'holiday') === weekend) throw fieldError(`days.${i}.kind`, 'calendar.notException');
  });
  await ctx.db.transaction(async (tx) => {
    await writeYear(tx, year, ctx.actor.userId, body.days);
    await recordAudit(tx, ctx.actor, ctx.ip, { action: 'update', objectType: 'calendar_year', objectId: year, orgPath: null, detail: { days: body.days.length } });
  });
  return calendarYear(ctx.db, year);
}

/** `GET /api/calendar/due`: the N-th working day after `from`, the same function requests use. */
export async function dueFrom(db: Database, from: string, workingDays: number) {
  const due = dueDate(await loadCalendar(db, from), from, workingDays);
  return { dueOn: due.dueOn ?? from, provisional: due.provisional };
}
