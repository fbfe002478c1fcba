import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '@lianxin/db';
import { addDays, dueDate, isWorkingDay, shanghaiDate, workingDaysBetween } from '@lianxin/contracts';
import { loadCalendar } from './calendar.repo.ts';

/** Working hours for reminders, Asia/Shanghai (never at night; only on working days). */
const REMINDER_HOURS = { from: '09:00', to: '17:30' } as const;
/** Days a resolved request waits for its rating before it closes as 未评价 (working days). */
export const RATING_WAIT_WORKING_DAYS = 3;

const shanghaiTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/**
 * The requests' time-driven rules, for the Shanghai day `now` falls on (run every minute; each step is idempotent):
 * - 上代下: an open request past its due day is escalated to its union's parent (once; an extension clears it);
 * - 未评价: a resolved request unrated after {@link RATING_WAIT_WORKING_DAYS} working days closes without a rating;
 * - reminders: on a working day, within working hours, requests due on the next working day are marked reminded
 *   (an event on the request naming the owner; the workbench shows them as due). In-app only: staff accounts
 *   (`users`) hold no phone number, so no SMS can go to the owner; when the users table gains one, enqueue the SMS
 *   here in the same statement (notifications outbox).
 */
export async function runRequestJobs(db: Database, now: Date): Promise<{ escalated: number; unrated: number; reminded: number }> {
  const today = shanghaiDate(now);
  const calendar = await loadCalendar(db, addDays(today, -40));

  const escalated = await queryRows<{ id: number }>(db, sql`
    with moved as (
      update service_requests r set escalated_org_id = p.id, escalated_org_path = p.path, escalated_at = ${now.toISOString()}::timestamptz
        from orgs o join orgs p on p.id = o.parent_id
       where o.id = r.org_id and r.status in ('received', 'in_progress') and r.due_on < ${today}::date and r.escalated_org_id is null
      returning r.id, p.name
    ), ev as (
      insert into service_request_events (request_id, action, note) select id, 'escalated', name from moved
    )
    select id from moved`);

  // the latest resolution day with RATING_WAIT_WORKING_DAYS working days passed by today
  let cutoff = addDays(today, -1);
  while (workingDaysBetween(calendar, cutoff, today) < RATING_WAIT_WORKING_DAYS) cutoff = addDays(cutoff, -1);
  const unrated = await queryRows<{ id: number }>(db, sql`
    with closed as (
      update service_requests set status = 'closed', closed_at = ${now.toISOString()}::timestamptz
       where status = 'resolved' and resolved_on <= ${cutoff}::date returning id
    ), ev as (
      insert into service_request_events (request_id, action) select id, 'unrated' from closed
    )
    select id from closed`);

  let reminded: { id: number }[] = [];
  const time = shanghaiTime.format(now);
  if (isWorkingDay(calendar, today) && time >= REMINDER_HOURS.from && time < REMINDER_HOURS.to) {
    const next = dueDate(calendar, today, 1).dueOn;
    reminded = await queryRows<{ id: number }>(db, sql`
      with marked as (
        update service_requests set reminded_on = ${today}::date
         where status in ('received', 'in_progress') and due_on = ${next}::date and reminded_on is null
        returning id, owner_user_id as owner
      ), ev as (
        insert into service_request_events (request_id, action, note) select id, 'reminded', coalesce('owner ' || owner, 'queue') from marked
      )
      select id from marked`);
  }
  return { escalated: escalated.length, unrated: unrated.length, reminded: reminded.length };
}
