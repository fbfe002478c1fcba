import { sql } from 'drizzle-orm';
import { queryRows } from '@lianxin/db';
import { rolesWith } from '@lianxin/contracts';
import type { ServiceContext } from '../../context.ts';
import { withinScope } from '../../access/access.ts';

/** Staff and social workers of the units inside the scope, who can be assigned an enterprise to follow up. */
export async function listAssignees(ctx: ServiceContext): Promise<{ id: number; name: string; orgName: string }[]> {
  return queryRows(ctx.db, sql`
    select u.id, u.display_name as name, o.name as "orgName"
      from users u join orgs o on o.id = u.org_id
     where ${withinScope(ctx.scope, sql`o.path`)} and not u.disabled and u.role = any(${sql.param([...rolesWith('campaign.assignee')])}::text[])
     order by nlevel(o.path), o.name, u.display_name
     limit 500`);
}
