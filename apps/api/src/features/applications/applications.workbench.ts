import { sql } from 'drizzle-orm';
import { queryRows } from '@lianxin/db';
import type { WorkbenchItem } from '@lianxin/contracts';
import { withinScope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';

/** An applicant waiting longer than this many calendar days shows as overdue on the workbench. */
export const APPLICATION_WAIT_DAYS = 7;

/** Applications routed into the scope, waiting for a decision; those older than a week count as overdue. */
export async function applicationsWorkbench(ctx: ServiceContext): Promise<WorkbenchItem[]> {
  const [row] = await queryRows<{ count: number; overdue: number }>(ctx.db, sql`
    select count(*)::int as count,
           count(*) filter (where created_at < now() - make_interval(days => ${APPLICATION_WAIT_DAYS}))::int as overdue
      from applications where status = 'pending' and ${withinScope(ctx.scope, sql`routed_org_path`)}`);
  return [{ kind: 'applications.pending', count: row?.count ?? 0, dueToday: 0, overdue: row?.overdue ?? 0, link: '/applications?status=pending' }];
}
