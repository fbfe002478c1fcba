import { sql } from 'drizzle-orm';
import { queryRows } from '@lianxin/db';
import type { WorkbenchItem } from '@lianxin/contracts';
import { withinScope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';

/** Transfers into a union of the scope, waiting for the receiving side to approve. */
export async function transfersWorkbench(ctx: ServiceContext): Promise<WorkbenchItem[]> {
  const [row] = await queryRows<{ count: number }>(ctx.db, sql`
    select count(*)::int as count from member_transfers where status = 'pending' and ${withinScope(ctx.scope, sql`to_org_path`)}`);
  return [{ kind: 'transfers.incoming', count: row?.count ?? 0, dueToday: 0, overdue: 0, link: '/members?tab=transfers' }];
}
