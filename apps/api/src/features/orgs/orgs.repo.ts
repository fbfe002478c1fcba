import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { enterprises, orgCoverage, orgMoves, orgs, queryRows, users, type Database, type Tx } from '@lianxin/db';
import { orgKinds, type OrgKind, type OrgSummary } from '@lianxin/contracts';
import { withinScope, type Scope } from '../../access/access.ts';
import { nameMatches } from '../../lib/name-search.ts';
import { figureColumns } from '../coverage/figures.sql.ts';

export const TERRITORIAL_KINDS: OrgKind[] = ['city_federation', 'district_federation', 'street_federation'];

export type OrgRow = typeof orgs.$inferSelect;

/** Organisations matching `where` inside the scope, with the per-node counts the tree shows. */
async function summaries(db: Database, scope: Scope, where: SQL): Promise<OrgSummary[]> {
  const rows = await queryRows<{
    id: number; parent_id: number | null; name: string; kind: OrgSummary['kind']; region_code: string;
    status: OrgSummary['status']; child_count: number; enterprises: number; covered: number; employees: number; members: number;
  }>(db, sql`
    select o.id, o.parent_id, o.name, o.kind, o.region_code, o.status,
           (select count(*)::int from orgs c where c.parent_id = o.id) as child_count,
           coalesce(f.members, 0)::int as members,
           coalesce(f.enterprises, 0)::int as enterprises,
           coalesce(f.covered, 0)::int as covered,
           coalesce(f.employees, 0)::int as employees
      from orgs o
      -- the subtree figures the coverage triggers keep
      left join lateral ${figureColumns(sql`o.id`, { members: 'members', enterprises: 'enterprises', covered: 'covered', employees: 'employees_covered' })} f on true
     where ${withinScope(scope, sql`o.path`)} and ${where}
     order by array_position(${sql.param([...orgKinds])}::text[], o.kind), o.name`);
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    name: r.name,
    kind: r.kind,
    regionCode: r.region_code,
    status: r.status,
    childCount: r.child_count,
    enterprises: r.enterprises,
    enterprisesCovered: r.covered,
    employees: r.employees,
    members: r.members,
  }));
}

export function childSummaries(db: Database, scope: Scope, parentId: number) {
  return summaries(db, scope, sql`o.parent_id = ${parentId}`);
}

export async function orgSummary(db: Database, scope: Scope, id: number): Promise<OrgSummary | undefined> {
  const [row] = await summaries(db, scope, sql`o.id = ${id}`);
  return row;
}

export async function findOrg(db: Database | Tx, scope: Scope, id: number): Promise<OrgRow | undefined> {
  const [row] = await db.select().from(orgs).where(and(eq(orgs.id, id), withinScope(scope, orgs.path)));
  return row;
}

export function orgRefs(db: Database | Tx, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, ids));
}

/** Ancestors from the root down, limited to what the scope may see. */
export function ancestorsOf(db: Database, scope: Scope, org: OrgRow) {
  return db
    .select({ id: orgs.id, name: orgs.name })
    .from(orgs)
    .where(and(sql`${orgs.path} @> ${org.path}::ltree`, sql`${orgs.id} <> ${org.id}`, withinScope(scope, orgs.path)))
    .orderBy(sql`nlevel(${orgs.path})`);
}

export function coveredEnterprisesOf(db: Database, orgId: number) {
  return db
    .select({ id: enterprises.id, name: enterprises.name, employeeCount: enterprises.employeeCount })
    .from(orgCoverage)
    .innerJoin(enterprises, eq(enterprises.id, orgCoverage.enterpriseId))
    .where(eq(orgCoverage.orgId, orgId))
    .orderBy(asc(enterprises.name))
    .limit(500);
}

export function moveHistoryOf(db: Database, orgId: number) {
  return db
    .select({
      movedAt: orgMoves.movedAt,
      fromParentId: orgMoves.fromParentId,
      toParentId: orgMoves.toParentId,
      byUser: users.username,
    })
    .from(orgMoves)
    .leftJoin(users, eq(users.id, orgMoves.movedBy))
    .where(eq(orgMoves.orgId, orgId))
    .orderBy(asc(orgMoves.id));
}

/** Unions whose name contains `q`, compared by search key (see lib/name-search.ts). */
export function orgNameMatches(q: string): SQL {
  return nameMatches({ grams: orgs.searchGrams, key: orgs.searchKey }, q);
}

/** Active unions by name across the city — names only, for choosing where a member transfers to. */
export function orgDirectory(db: Database, q: string) {
  return db
    .select({ id: orgs.id, name: orgs.name, kind: orgs.kind, regionCode: orgs.regionCode })
    .from(orgs)
    .where(and(eq(orgs.status, 'active'), orgNameMatches(q)))
    .orderBy(sql`nlevel(${orgs.path})`, asc(orgs.name))
    .limit(30);
}

export function searchOrgs(db: Database, scope: Scope, q: string) {
  return db
    .select({ id: orgs.id, name: orgs.name, kind: orgs.kind, regionCode: orgs.regionCode })
    .from(orgs)
    .where(and(withinScope(scope, orgs.path), orgNameMatches(q)))
    .orderBy(sql`nlevel(${orgs.path})`, asc(orgs.name))
    .limit(30);
}

/** The territorial union (street, else district, else city) that owns uncovered enterprises of a street. */
export async function territorialOrgFor(db: Database | Tx, streetCode: string): Promise<OrgRow | undefined> {
  const [row] = await db
    .select()
    .from(orgs)
    .where(
      and(
        inArray(orgs.kind, TERRITORIAL_KINDS),
        inArray(orgs.regionCode, [streetCode, streetCode.slice(0, 6), '310000']),
      ),
    )
    .orderBy(sql`nlevel(${orgs.path}) desc`)
    .limit(1);
  return row;
}

/**
 * Re-derives, for the given enterprises, the responsible union (own union first, then the deepest covering
 * federation, else the territorial union of the street), its path, and the union status — in one statement.
 */
export async function reassignResponsibleOrg(tx: Tx, enterpriseIds: number[]): Promise<void> {
  if (enterpriseIds.length === 0) return;
  await tx.execute(sql`
    update enterprises e
       set org_id = r.org_id, org_path = r.org_path, union_status = r.union_status, updated_at = now()
      from (
        select e2.id,
               coalesce(cov.id, terr.id) as org_id,
               coalesce(cov.path, terr.path) as org_path,
               case when cov.kind = 'enterprise_union' then 'own' when cov.id is not null then 'covered' else 'none' end
                 as union_status
          from enterprises e2
          left join lateral (
            select o.id, o.path, o.kind from org_coverage c join orgs o on o.id = c.org_id
             where c.enterprise_id = e2.id and o.status <> 'dissolved'
             order by (o.kind = 'enterprise_union') desc, nlevel(o.path) desc, o.id
             limit 1) cov on true
          left join lateral (
            select o.id, o.path from orgs o
             where o.kind in ('city_federation', 'district_federation', 'street_federation')
               and o.region_code in (e2.region_code, left(e2.region_code, 6), '310000')
             order by nlevel(o.path) desc
             limit 1) terr on true
         where e2.id = any(${sql.param(enterpriseIds)}::int[])
      ) r
     where e.id = r.id`);
}
