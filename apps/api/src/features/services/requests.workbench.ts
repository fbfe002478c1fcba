import { sql } from 'drizzle-orm';
import { queryRows } from '@lianxin/db';
import type { WorkbenchItem } from '@lianxin/contracts';
import { withinScope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { requestVisible } from './requests.repo.ts';

/**
 * Requests on the workbench: mine (owned or handled, open) due today and overdue; the queue awaiting acceptance
 * (received in the scope, escalated to it, or handed on to it); every open overdue request of the scope (red).
 */
export async function requestsWorkbench(ctx: ServiceContext, today: string): Promise<WorkbenchItem[]> {
  if (ctx.scope.kind !== 'subtree') return [];
  const me = ctx.actor.userId;
  const [row] = await queryRows<{ mine: number; mineToday: number; mineOverdue: number; queue: number; overdue: number }>(ctx.db, sql`
    select count(*) filter (where (r.owner_user_id = ${me} or r.handler_user_id = ${me}) and r.status in ('in_progress', 'paused'))::int as mine,
           count(*) filter (where (r.owner_user_id = ${me} or r.handler_user_id = ${me}) and r.status = 'in_progress' and r.due_on = ${today}::date)::int as "mineToday",
           count(*) filter (where (r.owner_user_id = ${me} or r.handler_user_id = ${me}) and r.status = 'in_progress' and r.due_on < ${today}::date)::int as "mineOverdue",
           count(*) filter (where (r.status = 'received' and (${withinScope(ctx.scope, sql`r.org_path`)} or ${withinScope(ctx.scope, sql`r.escalated_org_path`)}))
                               or (r.transfer_state = 'pending' and ${withinScope(ctx.scope, sql`r.transfer_org_path`)}))::int as queue,
           count(*) filter (where r.status in ('received', 'in_progress') and r.due_on < ${today}::date)::int as overdue
      from service_requests r
     where ${requestVisible(ctx.scope)} and r.status in ('received', 'in_progress', 'paused')`);
  const f = row ?? { mine: 0, mineToday: 0, mineOverdue: 0, queue: 0, overdue: 0 };
  return [
    { kind: 'requests.mine', count: f.mine, dueToday: f.mineToday, overdue: f.mineOverdue, link: '/requests?mine=true' },
    { kind: 'requests.queue', count: f.queue, dueToday: 0, overdue: 0, link: '/requests?status=received' },
    { kind: 'requests.overdue', count: f.overdue, dueToday: 0, overdue: f.overdue, link: '/requests?overdue=true' },
  ];
}
