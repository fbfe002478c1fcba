import { sql } from 'drizzle-orm';
import { arrayLiteral, queryRows, type Database, type Tx } from '@lianxin/db';
import { addDays, workCalendar, MAX_CALENDAR_SPAN_DAYS, type CalendarDayKind, type WorkCalendar } from '@lianxin/contracts';

/**
 * The official calendar as the arithmetic needs it: every known year and the exceptions from `from` on, far enough
 * for any limit (the arithmetic walks at most {@link MAX_CALENDAR_SPAN_DAYS} days).
 */
export async function loadCalendar(db: Database | Tx, from: string): Promise<WorkCalendar> {
  const [row] = await queryRows<{ years: number[] | null; days: { date: string; kind: CalendarDayKind }[] | null }>(db, sql`
    select (select array_agg(year order by year) from calendar_years) as years,
           (select json_agg(json_build_object('date', day::text, 'kind', kind)) from calendar_days
             where day > ${from}::date and day <= ${addDays(from, MAX_CALENDAR_SPAN_DAYS + 1)}::date) as days`);
  return workCalendar(row?.years ?? [], row?.days ?? []);
}

export async function readYear(db: Database, year: number) {
  const [row] = await queryRows<{ source: string | null; days: { date: string; kind: CalendarDayKind; name: string }[] | null; known: number[] | null }>(db, sql`
    select (select source from calendar_years where year = ${year}) as source,
           (select json_agg(json_build_object('date', day::text, 'kind', kind, 'name', name) order by day) from calendar_days
             where day >= make_date(${year}, 1, 1) and day < make_date(${year} + 1, 1, 1)) as days,
           (select array_agg(year) from calendar_years) as known`);
  return { source: row?.source ?? null, days: row?.days ?? [], knownYears: new Set(row?.known ?? []) };
}

/** Replaces a year's exceptions and marks the year entered by the city (one transaction, the caller's). */
export async function writeYear(tx: Tx, year: number, userId: number, days: readonly { date: string; kind: CalendarDayKind; name: string }[]) {
  await tx.execute(sql`delete from calendar_days where day >= make_date(${year}, 1, 1) and day < make_date(${year} + 1, 1, 1)`);
  if (days.length > 0) {
    await tx.execute(sql`
      insert into calendar_days (day, kind, name)
      select * from unnest(${sql.param(arrayLiteral(days.map((d) => d.date)))}::date[], ${sql.param(arrayLiteral(days.map((d) => d.kind)))}::text[],
                           ${sql.param(arrayLiteral(days.map((d) => d.name)))}::text[])`);
  }
  await tx.execute(sql`
    insert into calendar_years (year, source, updated_by, updated_at) values (${year}, 'city', ${userId}, now())
    on conflict (year) do update set source = 'city', updated_by = excluded.updated_by, updated_at = now()`);
}
