/**
 * The one place that reads coverage figures in SQL. A figure is its `org_figures` row plus the
 * `org_figure_deltas` rows the triggers appended since the last compaction (see org_figures in
 * packages/db/src/schema/coverage.ts and migration 0005), so every reader must add both; these builders return
 * SQL fragments for the callers' own queries.
 */
import { sql, type SQL } from 'drizzle-orm';

/**
 * Whose figures: a correlated id column (`sql\`o.id\``, inside a LATERAL subquery), a list of organisation ids,
 * or every organisation.
 */
export type FigureOrgs = SQL | readonly number[] | 'all';

// Metric names are code constants ("members", "orgs:street_federation"…). They are written as literals, as the
// hand-written queries had them, so the planner sees the same text; anything else is refused.
const METRIC_NAME = /^[a-z_]+(:[a-z_]+)?$/;

function metricLiteral(metric: string): SQL {
  if (!METRIC_NAME.test(metric)) throw new Error(`not a figure metric: ${metric}`);
  return sql.raw(`'${metric}'`);
}

function partsWhere(orgs: FigureOrgs, metrics: readonly string[] | undefined): SQL {
  const conditions: SQL[] = [];
  if (Array.isArray(orgs)) conditions.push(sql`org_id = any(${sql.param([...orgs])}::int[])`);
  else if (orgs !== 'all') conditions.push(sql`org_id = ${orgs}`);
  if (metrics) conditions.push(sql`metric in (${sql.join(metrics.map(metricLiteral), sql`, `)})`);
  return conditions.length === 0 ? sql`` : sql` where ${sql.join(conditions, sql` and `)}`;
}

/**
 * The parts of the figures, unsummed: a parenthesised subquery of rows `(org_id int, metric text, value bigint)`
 * — `(metric, value)` for a correlated column, whose org_id the caller has — each either a folded `org_figures`
 * value or a pending delta. A figure is the sum of its parts per `(org_id, metric)`. Use it as a FROM item with
 * an alias (`left join lateral ${figureParts(sql`o.id`)} f on true`). The organisation and metric filters are
 * written into both arms of the UNION ALL, so each arm reads its own index (the org_figures primary key,
 * org_figure_deltas_org_idx) instead of filtering the union.
 *
 * @param metrics only these metrics (all when omitted); names like `members` or `orgs:street_federation`;
 *   anything else throws.
 */
export function figureParts(orgs: FigureOrgs, metrics?: readonly string[]): SQL {
  const where = partsWhere(orgs, metrics);
  // a correlated read leaves org_id out: the planner then keeps the arms as plain scans (the cockpit's hot path)
  const id = Array.isArray(orgs) || orgs === 'all' ? sql`org_id, ` : sql``;
  return sql`(select ${id}metric, value from org_figures${where}
               union all
               select ${id}metric, delta from org_figure_deltas${where})`;
}

/**
 * The current figures: a parenthesised subquery of rows `(org_id int, metric text, value numeric)`, one per
 * organisation and metric it has (parts summed). Use it as a FROM item with an alias. Same arguments as
 * {@link figureParts}.
 */
export function figureSums(orgs: FigureOrgs, metrics?: readonly string[]): SQL {
  return sql`(select org_id, metric, sum(value) as value from ${figureParts(orgs, metrics)} x group by org_id, metric)`;
}

/**
 * Named figures of one organisation as one row, for `left join lateral ${figureColumns(sql`o.id`, {…})} f on
 * true`: one numeric column per entry of `columns` (column name → metric), null when the organisation has no
 * such figure (callers `coalesce`). Only the named metrics are read.
 *
 * @param orgId the correlated organisation id column, e.g. sql`o.id`
 * @param columns output column name → metric, e.g. `{ employees: 'employees_covered' }`
 */
export function figureColumns(orgId: SQL, columns: Readonly<Record<string, string>>): SQL {
  const entries = Object.entries(columns);
  const sums = entries.map(([name, metric]) => sql`sum(value) filter (where metric = ${metricLiteral(metric)}) as ${sql.identifier(name)}`);
  const metrics = [...new Set(entries.map(([, metric]) => metric))];
  return sql`(select ${sql.join(sums, sql`, `)} from ${figureParts(orgId, metrics)} x)`;
}
