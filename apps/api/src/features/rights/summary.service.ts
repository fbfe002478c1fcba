/**
 * The rights figures of a unit's subtree (`GET /api/rights/summary`), read from the trigger-kept figures
 * (`org_figures` + pending `org_figure_deltas`, migration `rights_rules`): one primary-key range of the unit's
 * metric rows, never a scan of the cases. Contract coverage is computed at read from the start (+) and end (−)
 * day rows: the sum of the rows dated on or before today (Asia/Shanghai), so a contract stops counting the day
 * after its last day without any job.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '@lianxin/db';
import { caseOutcomes, caseTypes, shanghaiDate, type RightsSummary } from '@lianxin/contracts';
import type { ServiceContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { withinScope } from '../../access/access.ts';

/** The figures of one organisation (no scope check: the caller has made it). */
export async function rightsFigures(db: Database, orgId: number, year: number | undefined, today: string): Promise<RightsSummary> {
  // Aggregated in SQL: the coverage rows (one per start or end day, thousands for the city) come back as two
  // sums; the case and warning metrics as one row each (of the year when given).
  const rows = await queryRows<{ metric: string; value: number }>(db, sql`
    with parts as materialized (
      select metric, value from org_figures where org_id = ${orgId} and (metric like 'r%' or metric like 'cc%')
      union all
      select metric, delta from org_figure_deltas where org_id = ${orgId} and (metric like 'r%' or metric like 'cc%'))
    select metric, sum(value)::float8 as value from parts
     where metric like 'r%' ${year === undefined ? sql`` : sql`and (metric like 'rw%' or metric like ${`%:${year}`})`}
     group by metric
    union all
    select left(metric, 7), sum(value)::float8 from parts
     where metric like 'cc%' and substr(metric, 8) <= ${today}
     group by 1`);
  const suffix = year === undefined ? null : `:${year}`;
  const sum = (prefix: string) => rows.reduce((acc, r) => {
    if (!r.metric.startsWith(prefix)) return acc;
    const rest = r.metric.slice(prefix.length);
    // rest is ":<year>" (or "<day>" for coverage rows, handled apart)
    if (suffix !== null && rest !== suffix) return acc;
    if (!/^:\d{4}$/.test(rest)) return acc;
    return acc + Number(r.value);
  }, 0);
  const cases = sum('rc');
  const closed = sum('rc_closed');
  const succeeded = sum('rc_ok');
  const coverage = (prefix: string) => Number(rows.find((r) => r.metric === prefix)?.value ?? 0);
  const open = (level: string) => Number(rows.find((r) => r.metric === `rw_open:${level}`)?.value ?? 0);
  return {
    cases,
    closed,
    succeeded,
    successRate: closed === 0 ? 0 : succeeded / closed,
    recoveredFen: sum('rc_fen'),
    byType: Object.fromEntries(caseTypes.map((t) => [t, sum(`rc_type:${t}`)])),
    byOutcome: Object.fromEntries(caseOutcomes.map((o) => [o, sum(`rc_out:${o}`)])),
    openWarnings: { general: open('general'), serious: open('serious'), major: open('major') },
    contractCoverage: { enterprises: coverage('cc_ent@'), employees: coverage('cc_emp@') },
  };
}

export async function rightsSummary(ctx: ServiceContext, query: { orgId?: number | undefined; year?: number | undefined }, today = shanghaiDate()): Promise<RightsSummary> {
  if (ctx.scope.kind !== 'subtree') throw notFound();
  const orgId = query.orgId ?? ctx.scope.rootOrgId;
  const [org] = await queryRows<{ id: number }>(ctx.db, sql`select id from orgs o where o.id = ${orgId} and ${withinScope(ctx.scope, sql`o.path`)}`);
  if (!org) throw notFound();
  return rightsFigures(ctx.db, orgId, query.year, today);
}
