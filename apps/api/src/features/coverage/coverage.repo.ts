import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database, type Tx } from '@lianxin/db';
import { DEFAULT_TARGET_RULE, targetRuleSchema, type OrgKind, type TargetRule } from '@lianxin/contracts';
import { withinScope, type Scope } from '../../access/access.ts';
import { figureParts, figureSums } from './figures.sql.ts';

/** metric → value for one organisation's subtree (see org_figures in packages/db/src/schema/coverage.ts). */
export type Figures = Record<string, number>;

export interface CockpitUnit {
  id: number;
  parentId: number | null;
  name: string;
  kind: OrgKind;
  regionCode: string;
  path: string;
}

/** The unit and its children, if the unit lies inside the scope. */
export async function unitWithChildren(db: Database, scope: Scope, orgId: number): Promise<{ unit: CockpitUnit; children: CockpitUnit[] } | null> {
  const rows = await queryRows<{ id: number; parent_id: number | null; name: string; kind: OrgKind; region_code: string; path: string }>(db, sql`
    select id, parent_id, name, kind, region_code, path::text as path
      from orgs
     where (id = ${orgId} or parent_id = ${orgId}) and status <> 'dissolved' and ${withinScope(scope, sql`path`)}`);
  const units = rows.map((r) => ({ id: r.id, parentId: r.parent_id, name: r.name, kind: r.kind, regionCode: r.region_code, path: r.path }));
  const unit = units.find((u) => u.id === orgId);
  if (!unit) return null;
  return { unit, children: units.filter((u) => u.id !== orgId) };
}

/**
 * The unit, its children and their current figures in one round trip (the cockpit's hot path); null when the
 * unit is outside the scope.
 */
export async function unitFigures(
  db: Database, scope: Scope, orgId: number, childMetrics?: readonly string[],
): Promise<{ unit: CockpitUnit; children: CockpitUnit[]; figures: Map<number, Figures> } | null> {
  type Row = { id: number; parent_id: number | null; name: string; kind: OrgKind; region_code: string; path: string; metric: string | null; value: number | null };
  // one row per unit and figure row (compacted or pending delta), summed here: the plain join plans in a
  // fraction of the time a grouped CTE takes, and planning is most of this query's cost
  const read = (which: SQL, metrics?: readonly string[]) => queryRows<Row>(db, sql`
    select o.id, o.parent_id, o.name, o.kind, o.region_code, o.path::text as path, f.metric, f.value::float8 as value
      from orgs o
      left join lateral ${figureParts(sql`o.id`, metrics)} f on true
     where ${which} and o.status <> 'dissolved' and ${withinScope(scope, sql`o.path`)}`);
  // with childMetrics, the children's rows carry only those figures (a street's 300 child unions × every metric
  // would be thousands of rows): the unit and its children are read side by side
  const rows = childMetrics
    ? (await Promise.all([read(sql`o.id = ${orgId}`), read(sql`o.parent_id = ${orgId}`, childMetrics)])).flat()
    : await read(sql`(o.id = ${orgId} or o.parent_id = ${orgId})`);
  const units = new Map<number, CockpitUnit>();
  const figures = new Map<number, Figures>();
  for (const r of rows) {
    if (!units.has(r.id)) {
      units.set(r.id, { id: r.id, parentId: r.parent_id, name: r.name, kind: r.kind, regionCode: r.region_code, path: r.path });
      figures.set(r.id, {});
    }
    if (r.metric !== null) {
      const f = figures.get(r.id)!;
      f[r.metric] = (f[r.metric] ?? 0) + Number(r.value);
    }
  }
  const unit = units.get(orgId);
  if (!unit) return null;
  return { unit, children: [...units.values()].filter((u) => u.id !== orgId), figures };
}

/** Current figures of the given organisations (metric → value; {} for one without figures). */
export async function currentFigures(db: Database | Tx, orgIds: readonly number[]): Promise<Map<number, Figures>> {
  const rows = await queryRows<{ org_id: number; metric: string; value: number }>(db, sql`
    select org_id, metric, value::float8 as value from ${figureSums(orgIds)} f`);
  return toFigureMap(orgIds, rows.map((r) => [r.org_id, r.metric, r.value]));
}

export async function snapshotFigures(db: Database, period: string, orgIds: readonly number[]): Promise<Map<number, Figures> | null> {
  const rows = await queryRows<{ org_id: number; metrics: Figures }>(db, sql`
    select org_id, metrics from coverage_snapshots where period = ${period} and org_id = any(${sql.param([...orgIds])}::int[])`);
  if (rows.length === 0) return null;
  return toFigureMap(orgIds, rows.flatMap((r) => Object.entries(r.metrics).map(([metric, value]) => [r.org_id, metric, value] as const)));
}

function toFigureMap(orgIds: readonly number[], entries: readonly (readonly [number, string, number])[]): Map<number, Figures> {
  const map = new Map<number, Figures>(orgIds.map((id) => [id, {}]));
  for (const [orgId, metric, value] of entries) {
    const figures = map.get(orgId);
    if (figures) figures[metric] = Number(value);
  }
  return map;
}

/** Periods (YYYY-MM) with a snapshot for this unit, oldest first, and their figures. */
export async function snapshotSeries(db: Database, orgId: number): Promise<{ period: string; metrics: Figures }[]> {
  return queryRows(db, sql`select period, metrics from coverage_snapshots where org_id = ${orgId} order by period`);
}

/**
 * Folds pending deltas into org_figures (see compact_org_figures() in migration 0005). Returns the deltas
 * folded.
 */
export async function compactFigures(db: Database): Promise<number> {
  const [row] = await queryRows<{ folded: number }>(db, sql`select compact_org_figures()::int as folded`);
  return row?.folded ?? 0;
}

/** Takes the month-end snapshot of every organisation for `period`, unless it exists. Returns whether it did. */
export async function takeSnapshot(db: Database, period: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    // one snapshot per period even if two instances find it missing at once
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('coverage_snapshot'))`);
    const [exists] = await queryRows<{ one: number }>(tx, sql`select 1 as one from coverage_snapshots where period = ${period} limit 1`);
    if (exists) return false;
    await tx.execute(sql`
      insert into coverage_snapshots (period, org_id, metrics)
      select ${period}, org_id, jsonb_object_agg(metric, value) from ${figureSums('all')} f group by org_id`);
    return true;
  });
}

export async function hasSnapshot(db: Database, period: string): Promise<boolean> {
  const [row] = await queryRows<{ one: number }>(db, sql`select 1 as one from coverage_snapshots where period = ${period} limit 1`);
  return row !== undefined;
}

// ---- the target rule ------------------------------------------------------------------------------------------

const RULE_KEY = 'coverage.targetRule';
const RULE_EVALUATED_KEY = 'coverage.targetsEvaluatedOn';

export async function targetRule(db: Database | Tx): Promise<TargetRule> {
  const [row] = await queryRows<{ value: unknown }>(db, sql`select value from settings where key = ${RULE_KEY}`);
  const parsed = targetRuleSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_TARGET_RULE;
}

export async function saveTargetRule(tx: Tx, rule: TargetRule): Promise<void> {
  await tx.execute(sql`
    insert into settings (key, value) values (${RULE_KEY}, ${JSON.stringify(rule)}::jsonb)
    on conflict (key) do update set value = excluded.value, updated_at = now()`);
}

/** The rule applied to a row of `enterprises e` on `today`, in SQL (enterprise_is_target() of migration 0005). */
function isTargetSql(today: string) {
  return sql`enterprise_is_target((select value from settings where key = ${RULE_KEY}), e.ownership, e.dual_real,
    e.employee_count, e.opened_on, e.registered_on, ${today}::date)`;
}

/**
 * Re-evaluates `is_target` (all enterprises, or the given ones) and writes only the rows that changed, so
 * the figures triggers see exactly the enterprises that became or stopped being targets.
 */
export async function refreshTargetFlags(db: Database | Tx, today: string, enterpriseIds?: readonly number[]): Promise<number> {
  const only = enterpriseIds ? sql`and e.id = any(${sql.param([...enterpriseIds])}::int[])` : sql``;
  const rows = await queryRows<{ id: number }>(db, sql`
    update enterprises e set is_target = not e.is_target
     where e.is_target is distinct from ${isTargetSql(today)} ${only}
    returning e.id`);
  if (!enterpriseIds) {
    await db.execute(sql`
      insert into settings (key, value) values (${RULE_EVALUATED_KEY}, to_jsonb(${today}::text))
      on conflict (key) do update set value = excluded.value, updated_at = now()`);
  }
  return rows.length;
}

/** The day the rule was last evaluated over all enterprises. */
export async function targetsEvaluatedOn(db: Database): Promise<string | null> {
  const [row] = await queryRows<{ value: string }>(db, sql`select value #>> '{}' as value from settings where key = ${RULE_EVALUATED_KEY}`);
  return row?.value ?? null;
}

// ---- targets --------------------------------------------------------------------------------------------------

export interface TargetRow {
  id: number;
  orgId: number;
  orgName: string;
  dueOn: string;
  coverageBp: number;
  membershipBp: number | null;
  note: string;
}

/** The units above `orgId` that lie inside the scope, from the top. */
export async function ancestorsInScope(db: Database, scope: Scope, orgId: number): Promise<{ id: number; name: string }[]> {
  return queryRows(db, sql`
    select id, name from orgs
     where id = any(string_to_array((select path::text from orgs where id = ${orgId}), '.')::int[]) and id <> ${orgId}
       and ${withinScope(scope, sql`path`)}
     order by nlevel(path)`);
}

/** Targets of a unit, its ancestors and its children (what the cockpit of that unit may apply). */
export async function targetsAround(db: Database, orgId: number): Promise<TargetRow[]> {
  return queryRows<TargetRow>(db, sql`
    select t.id, t.org_id as "orgId", o.name as "orgName", t.due_on::text as "dueOn", t.coverage_bp as "coverageBp",
           t.membership_bp as "membershipBp", t.note
      from coverage_targets t join orgs o on o.id = t.org_id
     where t.org_id in (select unnest(string_to_array(path::text, '.'))::int from orgs where id = ${orgId}
                        union all
                        select id from orgs where parent_id = ${orgId})
     order by t.org_id, t.due_on`);
}

/** Targets set for units inside the scope (optionally below one unit). */
export async function targetsInScope(db: Database, scope: Scope, underPath: string | null): Promise<TargetRow[]> {
  return queryRows<TargetRow>(db, sql`
    select t.id, t.org_id as "orgId", o.name as "orgName", t.due_on::text as "dueOn", t.coverage_bp as "coverageBp",
           t.membership_bp as "membershipBp", t.note
      from coverage_targets t join orgs o on o.id = t.org_id
     where ${withinScope(scope, sql`o.path`)} ${underPath ? sql`and o.path <@ ${underPath}::ltree` : sql``}
     order by nlevel(o.path), o.name, t.due_on`);
}
