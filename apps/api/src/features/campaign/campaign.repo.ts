import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database, type Tx } from '@lianxin/db';
import type { CampaignStage, Paged, WorklistItem, worklistQuerySchema, worklistSortKeys } from '@lianxin/contracts';
import type { z } from 'zod';
import { withinScope, type Scope } from '../../access/access.ts';
import { pagedList, type ListOrder } from '../../lib/paged-list.ts';

interface WorklistRow {
  enterprise_id: number;
  name: string;
  credit_code: string;
  region_code: string;
  employee_count: number;
  stage: CampaignStage;
  assignee_id: number | null;
  assignee_name: string | null;
  next_follow_up_on: string | null;
  notes: string;
  joined_outside: number;
  org_id: number;
  org_name: string;
}

const itemColumns = sql`
  e.id as enterprise_id, e.name, e.credit_code, e.region_code, e.employee_count,
  coalesce(c.stage, 'not_contacted') as stage, c.assignee_id, u.display_name as assignee_name,
  c.next_follow_up_on::text as next_follow_up_on, coalesce(c.notes, '') as notes,
  (select count(*)::int from members m
    where m.enterprise_id = e.id and m.join_channel = 'out_of_enterprise' and m.status = 'active') as joined_outside,
  e.org_id, o.name as org_name`;

const itemJoins = sql`
  left join campaign_items c on c.enterprise_id = e.id
  left join users u on u.id = c.assignee_id
  join orgs o on o.id = e.org_id`;

function toItem(r: WorklistRow): WorklistItem {
  return {
    enterpriseId: r.enterprise_id,
    name: r.name,
    creditCode: r.credit_code,
    regionCode: r.region_code,
    employeeCount: r.employee_count,
    stage: r.stage,
    assignee: r.assignee_id === null ? null : { id: r.assignee_id, name: r.assignee_name ?? '' },
    nextFollowUpOn: r.next_follow_up_on,
    notes: r.notes,
    workersJoinedOutside: r.joined_outside,
    responsibleOrg: { id: r.org_id, name: r.org_name },
  };
}

const worklistOrder: ListOrder<(typeof worklistSortKeys)[number]> = {
  // each enterprise adds one to the covered count: the largest bring the most employees into coverage
  default: sql`e.employee_count desc, e.id`,
  keys: {
    employeeCount: sql`e.employee_count`,
    name: sql`e.name`,
    nextFollowUpOn: { expr: sql`c.next_follow_up_on`, nullsLast: true },
  },
  tiebreaker: sql`e.id`,
};

/**
 * A page of the uncovered target enterprises under `underPath` inside the scope: the 建会攻坚清单, largest
 * first unless sorted, with a bounded total.
 */
export async function worklist(
  db: Database, scope: Scope, underPath: string, filter: z.output<typeof worklistQuerySchema>,
): Promise<Paged<WorklistItem>> {
  const where: SQL = sql`e.is_target and e.union_status = 'none' and e.org_path <@ ${underPath}::ltree
    and ${withinScope(scope, sql`e.org_path`)}
    ${filter.stage ? sql`and coalesce(c.stage, 'not_contacted') = ${filter.stage}` : sql``}`;
  const page = await pagedList(db, {
    query: filter,
    order: worklistOrder,
    rows: (orderBy, limit, offset) => queryRows<WorklistRow>(db, sql`
      select ${itemColumns} from enterprises e ${itemJoins}
       where ${where}
       order by ${orderBy}
       limit ${limit} offset ${offset}`),
    // the stage filter reads campaign_items; the other joins only add columns
    count: { from: sql`enterprises e left join campaign_items c on c.enterprise_id = e.id`, where },
  });
  return { ...page, items: page.items.map(toItem) };
}

export interface CampaignEnterprise extends WorklistItem {
  orgPath: string;
  address: string;
  isTarget: boolean;
  unionStatus: 'own' | 'covered' | 'none';
}

/** One enterprise inside the scope with its campaign state (locked for update inside a transaction). */
export async function campaignEnterprise(db: Database | Tx, scope: Scope, enterpriseId: number, lock = false): Promise<CampaignEnterprise | undefined> {
  const [row] = await queryRows<WorklistRow & { org_path: string; address: string; is_target: boolean; union_status: CampaignEnterprise['unionStatus'] }>(db, sql`
    select ${itemColumns}, e.org_path::text as org_path, e.address, e.is_target, e.union_status
      from enterprises e ${itemJoins}
     where e.id = ${enterpriseId} and ${withinScope(scope, sql`e.org_path`)}
     ${lock ? sql`for update of e` : sql``}`);
  if (!row) return undefined;
  return { ...toItem(row), orgPath: row.org_path, address: row.address, isTarget: row.is_target, unionStatus: row.union_status };
}
