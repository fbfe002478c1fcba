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

/**
 * Roster imports finished today (Asia/Shanghai) into a union of the scope — each commit leaves one audit entry —
 * linking to those entries, which name the union and the rows written.
 */
export async function importsWorkbench(ctx: ServiceContext, today: string): Promise<WorkbenchItem[]> {
  const [row] = await queryRows<{ count: number }>(ctx.db, sql`
    select count(*)::int as count from audit_log
     where object_type = 'member_import' and action = 'create'
       and at >= (${today}::date::timestamp at time zone 'Asia/Shanghai')
       and ${withinScope(ctx.scope, sql`org_path`)}`);
  return [{ kind: 'imports.finished', count: row?.count ?? 0, dueToday: 0, overdue: 0, link: `/audit?objectType=member_import&from=${today}&to=${today}` }];
}

/** The members feature's workbench items: incoming transfers and today's finished imports. */
export async function membersWorkbench(ctx: ServiceContext, today: string): Promise<WorkbenchItem[]> {
  const [transfers, imports] = await Promise.all([transfersWorkbench(ctx), importsWorkbench(ctx, today)]);
  return [...transfers, ...imports];
}
