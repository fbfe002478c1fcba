/**
 * Social-worker staffing against the city standard (DOMAIN.md §6): for every federation in a unit's subtree,
 * the range required by its covered workers and enterprises against the social workers assigned to it, and the
 * gaps summed per child unit and for the whole unit.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '@lianxin/db';
import {
  federationKinds, rolesWith, socialWorkersRequired, type OrgKind, type StaffingResponse, type StaffingRow,
} from '@lianxin/contracts';
import { withinScope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { unitWithChildren } from './coverage.repo.ts';
import { figureColumns } from './figures.sql.ts';

const LISTED_FEDERATIONS = 200;

export async function getStaffing(ctx: ServiceContext, orgId: number | undefined): Promise<StaffingResponse> {
  if (ctx.scope.kind !== 'subtree') throw notFound();
  const found = await unitWithChildren(ctx.db, ctx.scope, orgId ?? ctx.scope.rootOrgId);
  if (!found) throw notFound();
  const { unit, children } = found;
  const rows = await queryRows<{ id: number; name: string; kind: OrgKind; path: string; workers: number; enterprises: number; assigned: number }>(ctx.db, sql`
    select o.id, o.name, o.kind, o.path::text as path,
           coalesce(f.workers, 0)::int as workers, coalesce(f.enterprises, 0)::int as enterprises,
           (select count(*)::int from users u where u.org_id = o.id and u.role = any(${sql.param([...rolesWith('staffing.socialWorker')])}::text[]) and not u.disabled) as assigned
      from orgs o
      left join lateral ${figureColumns(sql`o.id`, { workers: 'employees_covered', enterprises: 'covered' })} f on true
     where o.path <@ ${unit.path}::ltree and ${withinScope(ctx.scope, sql`o.path`)}
       and o.status <> 'dissolved' and o.kind = any(${sql.param([...federationKinds])}::text[])`);

  const depth = unit.path.split('.').length;
  const empty = () => ({ requiredMin: 0, requiredMax: 0, assigned: 0, gap: 0, federations: 0 });
  const totals = empty();
  const byChild = new Map(children.map((c) => [c.id, { org: { id: c.id, name: c.name }, ...empty() }]));
  const federations: StaffingRow[] = rows.map((r) => {
    const required = socialWorkersRequired(r.workers, r.enterprises);
    const row: StaffingRow = {
      org: { id: r.id, name: r.name, kind: r.kind },
      workers: r.workers,
      enterprises: r.enterprises,
      requiredMin: required.min,
      requiredMax: required.max,
      assigned: r.assigned,
      gap: Math.max(0, required.min - r.assigned),
    };
    const child = byChild.get(Number(r.path.split('.')[depth]));
    for (const sum of child ? [totals, child] : [totals]) {
      sum.requiredMin += row.requiredMin;
      sum.requiredMax += row.requiredMax;
      sum.assigned += row.assigned;
      sum.gap += row.gap;
      sum.federations += 1;
    }
    return row;
  });
  federations.sort((a, b) => b.gap - a.gap || b.workers - a.workers);
  return {
    org: { id: unit.id, name: unit.name },
    totals,
    children: [...byChild.values()].filter((c) => c.federations > 0).sort((a, b) => b.gap - a.gap),
    federations: federations.slice(0, LISTED_FEDERATIONS),
  };
}
