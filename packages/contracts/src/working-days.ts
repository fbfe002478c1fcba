import { addDays } from './dates.ts';

/**
 * Working-day arithmetic on the official calendar (pure; the API loads the calendar from `calendar_days` /
 * `calendar_years`, the console uses the same functions for previews).
 *
 * Source rules:
 * - 行政许可法 art. 82: time limits counted in working days exclude statutory holidays; China moves weekend days
 *   into working days (调休), so a day is a working day when the calendar says so, else when it is Monday–Friday.
 * - 限时办结 (DOMAIN.md §9.1): the clock counts from the working day after receipt; it stops
 *   while the requester's materials (补正) are awaited and counts again from the working day after they arrive;
 *   one extension adds working days.
 *
 * The example: received 2026-09-30 with 5 working days → due 2026-10-13 (10-01..07 are the National Day
 * holidays; 10-08, 10-09, 10-10 (a Saturday made a working day, 调休), 10-12, 10-13).
 *
 * A year the calendar does not know is never silently Monday–Friday: the answer is computed Monday–Friday but
 * marked `provisional` whenever a day of an unknown year was counted.
 */
export interface WorkCalendar {
  /** years whose holidays and make-up working days are entered */
  knownYears: ReadonlySet<number>;
  /** holidays on Monday–Friday (and any others; a weekend holiday changes nothing), YYYY-MM-DD */
  holidays: ReadonlySet<string>;
  /** weekend days made working days (调休), YYYY-MM-DD */
  workdays: ReadonlySet<string>;
}

/** A stretch with the clock stopped: from the day materials were requested to the day they arrived (null: still waiting). */
export interface ClockPause {
  from: string;
  to: string | null;
}

export interface DueDate {
  /** the last working day allowed, YYYY-MM-DD (Asia/Shanghai); null while the clock is stopped */
  dueOn: string | null;
  /** a day of a year without an entered calendar was counted */
  provisional: boolean;
}

/** The longest span the arithmetic walks (a guard against a calendar of holidays only). */
export const MAX_CALENDAR_SPAN_DAYS = 800;

const yearOf = (date: string) => Number(date.slice(0, 4));

/** 0 = Sunday … 6 = Saturday, of a YYYY-MM-DD calendar day. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** Whether the day is a working day: the calendar's exceptions first, else Monday–Friday. */
export function isWorkingDay(calendar: WorkCalendar, date: string): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6;
}

/** Whether a day lies in a pause: after the request for materials, up to and including their arrival. */
function paused(pauses: readonly ClockPause[], date: string): boolean {
  return pauses.some((p) => date > p.from && (p.to === null || date <= p.to));
}

/**
 * The `workingDays`-th working day after `from` (the day of receipt, which never counts), skipping the days of
 * the pauses. With an open pause (`to` null) the clock is stopped: `dueOn` is null.
 * Throws a RangeError for a negative count or when no due day is found within {@link MAX_CALENDAR_SPAN_DAYS}.
 */
export function dueDate(calendar: WorkCalendar, from: string, workingDays: number, pauses: readonly ClockPause[] = []): DueDate {
  if (!Number.isInteger(workingDays) || workingDays < 0) throw new RangeError('workingDays must be a whole number ≥ 0');
  if (pauses.some((p) => p.to === null)) return { dueOn: null, provisional: false };
  let provisional = false;
  let day = from;
  let counted = 0;
  for (let step = 0; counted < workingDays; step++) {
    if (step > MAX_CALENDAR_SPAN_DAYS) throw new RangeError('no due date within the calendar span');
    day = addDays(day, 1);
    if (paused(pauses, day)) continue;
    if (!calendar.knownYears.has(yearOf(day))) provisional = true;
    if (isWorkingDay(calendar, day)) counted++;
  }
  return { dueOn: day, provisional };
}

/**
 * Working days after `from` up to and including `to` (0 when `to` ≤ `from`), pauses not counted: how long a request
 * took, in the unit its limit is written in.
 */
export function workingDaysBetween(calendar: WorkCalendar, from: string, to: string, pauses: readonly ClockPause[] = []): number {
  let count = 0;
  for (let day = addDays(from, 1), step = 0; day <= to && step <= MAX_CALENDAR_SPAN_DAYS * 4; day = addDays(day, 1), step++) {
    if (!paused(pauses, day) && isWorkingDay(calendar, day)) count++;
  }
  return count;
}

/** A calendar from rows of `calendar_days` and the list of known years. */
export function workCalendar(knownYears: Iterable<number>, days: Iterable<{ date: string; kind: 'holiday' | 'workday' }>): WorkCalendar {
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const d of days) (d.kind === 'holiday' ? holidays : workdays).add(d.date);
  return { knownYears: new Set(knownYears), holidays, workdays };
}

/** Great-circle distance in metres between two WGS-84 points (haversine on a sphere of radius 6,371,008.8 m). */
export function greatCircleMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}
