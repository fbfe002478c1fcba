import { sql } from 'drizzle-orm';
import { queryRows } from '@lianxin/db';
import type { WorkbenchItem } from '@lianxin/contracts';
import { withinScope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';

/**
 * Campaign follow-ups whose date has come (enterprises still in the campaign: not built, not refused) and
 * 三同时 tasks due, inside the scope; `today` is the Asia/Shanghai date.
 */
export async function campaignWorkbench(ctx: ServiceContext, today: string): Promise<WorkbenchItem[]> {
  const [followUps, tasks] = await Promise.all([
    queryRows<{ today: number; overdue: number }>(ctx.db, sql`
      select count(*) filter (where c.next_follow_up_on = ${today}::date)::int as today,
             count(*) filter (where c.next_follow_up_on < ${today}::date)::int as overdue
        from campaign_items c join enterprises e on e.id = c.enterprise_id
       where c.next_follow_up_on <= ${today}::date and c.stage not in ('built', 'refused')
         and ${withinScope(ctx.scope, sql`e.org_path`)}`),
    queryRows<{ today: number; overdue: number }>(ctx.db, sql`
      select count(*) filter (where t.due_on = ${today}::date)::int as today,
             count(*) filter (where t.due_on < ${today}::date)::int as overdue
        from santongshi_tasks t join enterprises e on e.id = t.enterprise_id
       where t.done_on is null and t.due_on <= ${today}::date and ${withinScope(ctx.scope, sql`e.org_path`)}`),
  ]);
  const item = (kind: string, row: { today: number; overdue: number } | undefined, link: string): WorkbenchItem => ({
    kind, count: (row?.today ?? 0) + (row?.overdue ?? 0), dueToday: row?.today ?? 0, overdue: row?.overdue ?? 0, link,
  });
  return [
    item('campaign.followUps', followUps[0], '/campaign'),
    item('santongshi.due', tasks[0], '/campaign?tab=santongshi'),
  ];
}
