/**
 * The rights figures of a unit's subtree (`GET /api/rights/summary`), read from the trigger-kept figures
 * (`org_figures` + pending `org_figure_deltas`, migrations `rights_rules` and `rights_summary_rollup`): a few dozen
 * primary-key rows of the unit, never a scan of the cases. Contract coverage is computed at read from the start (+) and end (−)
 * day rows: the sum of the rows dated on or before today (Asia/Shanghai), so a contract stops counting the day
 * after its last day without any job; the rights job folds the days already past into one base row (migration
 * 0021), so `today` must not be before the last folded day (`rights.coverageFoldedThrough`).
 */
import { sql } from 'drizzle-orm';
import { queryPrepared, queryRows, type Database } from '@lianxin/db';
import { addDays, caseOutcomes, caseTypes, shanghaiDate, warningLevels, type RightsSummary } from '@lianxin/contracts';
import type { ServiceContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { withinScope } from '../../access/access.ts';

/** The figures of one organisation (no scope check: the caller has made it). */
export async function rightsFigures(db: Database, orgId: number, year: number | undefined, today: string): Promise<RightsSummary> {
  // The unit's rows by primary key only (migration 0021): the case metrics of the year or of all years (`rc:all`…)
  // by their names, the three open-warning levels, and the coverage rows dated up to today — the days already past
  // are folded into one base row a day (fold_contract_coverage), so that is one to three rows, not one per start
  // and end day since the first contract. A few dozen rows, summed with the pending deltas.
  const label = year === undefined ? 'all' : String(year);
  const names = [
    `rc:${label}`, `rc_closed:${label}`, `rc_ok:${label}`, `rc_fen:${label}`,
    ...caseTypes.map((t) => `rc_type:${t}:${label}`), ...caseOutcomes.map((o) => `rc_out:${o}:${label}`),
    ...warningLevels.map((l) => `rw_open:${l}`),
  ];
  const wanted = sql`(metric = any(${sql.param(names)}::text[])
    or (metric >= 'cc_emp@' and metric <= ${`cc_emp@${today}`}) or (metric >= 'cc_ent@' and metric <= ${`cc_ent@${today}`}))`;
  const rows = await queryPrepared<{ metric: string; value: number }>(db, sql`
    select case when metric like 'cc%' then left(metric, 7) else metric end as metric, sum(value)::float8 as value
      from (select metric, value from org_figures where org_id = ${orgId} and ${wanted}
            union all
            select metric, delta from org_figure_deltas where org_id = ${orgId} and ${wanted}) parts
     group by 1`);
  const values = new Map(rows.map((r) => [r.metric, Number(r.value)]));
  const value = (metric: string) => values.get(metric) ?? 0;
  const closed = value(`rc_closed:${label}`);
  const succeeded = value(`rc_ok:${label}`);
  return {
    cases: value(`rc:${label}`),
    closed,
    succeeded,
    successRate: closed === 0 ? 0 : succeeded / closed,
    recoveredFen: value(`rc_fen:${label}`),
    byType: Object.fromEntries(caseTypes.map((t) => [t, value(`rc_type:${t}:${label}`)])),
    byOutcome: Object.fromEntries(caseOutcomes.map((o) => [o, value(`rc_out:${o}:${label}`)])),
    openWarnings: { general: value('rw_open:general'), serious: value('rw_open:serious'), major: value('rw_open:major') },
    contractCoverage: { enterprises: value('cc_ent@'), employees: value('cc_emp@') },
  };
}

export async function rightsSummary(ctx: ServiceContext, query: { orgId?: number | undefined; year?: number | undefined }, today = shanghaiDate()): Promise<RightsSummary> {
  if (ctx.scope.kind !== 'subtree') throw notFound();
  const orgId = query.orgId ?? ctx.scope.rootOrgId;
  const [org] = await queryPrepared<{ id: number }>(ctx.db, sql`select id from orgs o where o.id = ${orgId} and ${withinScope(ctx.scope, sql`o.path`)}`);
  if (!org) throw notFound();
  return rightsFigures(ctx.db, orgId, query.year, today);
}

/**
 * The rights job (every minute): folds the contract-coverage day rows up to yesterday (Asia/Shanghai) into each
 * unit's base row (migration 0021); a no-op once the day is folded. After a fold it vacuums org_figures, so the
 * summary's index ranges do not step over the deleted rows (the embedded database has no autovacuum; on
 * PostgreSQL the first fold after the migration leaves a unit's whole history dead). Returns the rows folded.
 */
export async function foldContractCoverage(db: Database, now = new Date()): Promise<number> {
  const [row] = await queryRows<{ folded: number }>(db, sql`select fold_contract_coverage(${addDays(shanghaiDate(now), -1)}::date)::int as folded`);
  const folded = row?.folded ?? 0;
  if (folded > 0) await db.execute(sql`vacuum org_figures`);
  return folded;
}
