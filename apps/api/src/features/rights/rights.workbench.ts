import { sql } from 'drizzle-orm';
import { queryRows } from '@lianxin/db';
import { addDays, DEFAULT_CONSULTATION_DUE_MONTH, EXPIRY_REMINDER_DAYS, MEDIATION_DAYS, type WorkbenchItem } from '@lianxin/contracts';
import { withinScope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { numericSetting } from './rights.shared.ts';

interface Counts { n: number; today: number; overdue: number }

/**
 * The rights module's work inside the scope (`today` is the Asia/Shanghai date), so a street's red items reach its
 * district's workbench too:
 * - open major warnings (重大预警), overdue past the rectification deadline;
 * - cases in mediation, due on the art. 14 deadline (application + 15 days), overdue after it;
 * - contracts in force expiring within 90 days (续签 reminders), due today on their last day;
 * - 恳谈会: enterprises with a union (own or covered) that have held no consultation meeting this year — counted all
 *   year, overdue from the city's month `rights.consultationDueMonth` (default October) on, so each has the rest of
 *   the year to hold one (the rule is "at least once a year"; steps themselves have no deadline).
 */
export async function rightsWorkbench(ctx: ServiceContext, today: string): Promise<WorkbenchItem[]> {
  const dueMonth = await numericSetting(ctx.db, 'rights.consultationDueMonth', DEFAULT_CONSULTATION_DUE_MONTH);
  const [warnings, mediations, expiring, consultations] = await Promise.all([
    queryRows<Counts>(ctx.db, sql`
      select count(*)::int as n, count(*) filter (where deadline = ${today}::date)::int as today, count(*) filter (where deadline < ${today}::date)::int as overdue
        from rights_warnings w where w.status = 'open' and w.level = 'major' and ${withinScope(ctx.scope, sql`w.org_path`)}`),
    queryRows<Counts>(ctx.db, sql`
      select count(*)::int as n,
             count(*) filter (where mediation_applied_on = ${addDays(today, -MEDIATION_DAYS)}::date)::int as today,
             count(*) filter (where mediation_applied_on < ${addDays(today, -MEDIATION_DAYS)}::date)::int as overdue
        from rights_cases c where c.status = 'mediating' and ${withinScope(ctx.scope, sql`c.org_path`)}`),
    queryRows<Counts>(ctx.db, sql`
      select count(*)::int as n, count(*) filter (where valid_to = ${today}::date)::int as today, 0 as overdue
        from bargaining_contracts k
       where k.status <> 'vetoed' and k.valid_from <= ${today}::date and k.valid_to between ${today}::date and ${addDays(today, EXPIRY_REMINDER_DAYS)}::date
         and ${withinScope(ctx.scope, sql`k.org_path`)}`),
    queryRows<Counts>(ctx.db, sql`
      select count(*)::int as n, 0 as today, case when ${Number(today.slice(5, 7))}::int >= ${dueMonth}::int then count(*) else 0 end::int as overdue
        from enterprises e
       where e.union_status <> 'none' and ${withinScope(ctx.scope, sql`e.org_path`)}
         and not exists (select 1 from rights_consultations k where k.enterprise_id = e.id
                            and k.held_on between ${`${today.slice(0, 4)}-01-01`}::date and ${today}::date)`),
  ]);
  const item = (kind: string, row: Counts | undefined, link: string): WorkbenchItem => ({
    kind, count: row?.n ?? 0, dueToday: row?.today ?? 0, overdue: row?.overdue ?? 0, link,
  });
  return [
    item('rights.majorWarnings', warnings[0], '/rights/warnings?level=major&status=open'),
    item('rights.mediationDeadlines', mediations[0], '/rights?status=mediating'),
    item('bargaining.expiring', expiring[0], `/rights/contracts?expiringWithinDays=${EXPIRY_REMINDER_DAYS}`),
    item('rights.consultationsDue', consultations[0], '/rights/consultations'),
  ];
}
