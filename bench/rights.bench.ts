import type { DatabaseHandle } from '@lianxin/db';
import { caseOutcomes, caseTypes, shanghaiDate, warningLevels, type RightsSummary } from '@lianxin/contracts';
import { foldContractCoverage, rightsFigures } from '../apps/api/src/features/rights/summary.service.ts';
import { fmt, percentile, timeMs } from './stats.ts';

const CASES = Number(process.env.BENCH_RIGHTS_CASES ?? 300_000);
const CONTRACTS = Number(process.env.BENCH_RIGHTS_CONTRACTS ?? 100_000);
const CHUNK = 50_000;
const ROUNDS = 300;
const DIRECT_ROUNDS = 10;

interface Samples<T> { ms: number[]; p50: number; p95: number; min: number; max: number; last: T }

function summarise<T>(ms: number[], last: T): Samples<T> {
  return { ms, p50: percentile(ms, 50), p95: percentile(ms, 95), min: Math.min(...ms), max: Math.max(...ms), last };
}

async function samples<T>(rounds: number, fn: () => Promise<T>): Promise<Samples<T>> {
  const ms: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < rounds; i++) {
    const run = await timeMs(fn);
    ms.push(run.ms);
    last = run.result;
  }
  return summarise(ms, last as T);
}

/** Waits (at most 120 s) until no autovacuum worker has run for 2 s; returns the time waited. */
async function autovacuumSettled(handle: DatabaseHandle): Promise<number> {
  const started = performance.now();
  let quietSince = performance.now();
  while (performance.now() - started < 120_000) {
    const [row] = await handle.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where backend_type = 'autovacuum worker'`);
    if (row!.n > 0) quietSince = performance.now();
    else if (performance.now() - quietSince >= 2000) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return performance.now() - started;
}

/** Blocks of samples taken in turns with another measurement, as one series. */
function merged<T>(parts: Samples<T>[]): Samples<T> {
  return summarise(parts.flatMap((p) => p.ms), parts.at(-1)!.last);
}

/**
 * The summary's figures by a direct GROUP BY over the base tables (the baseline): the unit's cases grouped by
 * type, status and outcome (every case figure of the summary: totals, by type, by outcome, recovered), its open
 * warnings by level and its collective contracts in force today, each through the tables' GiST index on org_path.
 */
async function direct(handle: DatabaseHandle, orgId: number, today: string) {
  const [groups, warnings, contracts] = await Promise.all([
    handle.query<{ type: string; status: string; outcome: string | null; n: number; recovered: number }>(`
      select c.type, c.status, c.outcome, count(*)::int as n, coalesce(sum(c.recovered_fen), 0)::float8 as recovered
        from rights_cases c, orgs o where o.id = $1 and c.org_path <@ o.path group by 1, 2, 3`, [orgId]),
    handle.query<{ level: string; n: number }>(`
      select w.level, count(*)::int as n from rights_warnings w, orgs o where o.id = $1 and w.org_path <@ o.path and w.status = 'open' group by w.level`, [orgId]),
    handle.query<{ enterprises: number; employees: number }>(`
      select count(*)::int as enterprises, coalesce(sum(k.covered_employees), 0)::int as employees
        from bargaining_contracts k, orgs o where o.id = $1 and k.org_path <@ o.path and k.kind = 'collective' and k.status <> 'vetoed'
         and $2::date between k.valid_from and k.valid_to`, [orgId, today]),
  ]);
  const total = (keep: (g: (typeof groups)[number]) => boolean) => groups.filter(keep).reduce((acc, g) => acc + g.n, 0);
  return {
    cases: total(() => true),
    closed: total((g) => g.status === 'closed'),
    succeeded: total((g) => g.outcome === 'success' || g.outcome === 'partial'),
    recovered: groups.reduce((acc, g) => acc + g.recovered, 0),
    byType: Object.fromEntries(caseTypes.map((t) => [t, total((g) => g.type === t)])),
    byOutcome: Object.fromEntries(caseOutcomes.map((o) => [o, total((g) => g.outcome === o)])),
    openWarnings: Object.fromEntries(warningLevels.map((l) => [l, warnings.find((w) => w.level === l)?.n ?? 0])),
    ...contracts[0]!,
  };
}

/**
 * The rights summary at city scale: CASES cases and CONTRACTS contracts spread over the city's enterprises
 * (written in chunks, so the triggers append their figure deltas as production writes would, then folded), read
 * for the city and one district through the summary's computation, against a direct GROUP BY in the same run.
 */
export async function benchRights(handle: DatabaseHandle) {
  const today = shanghaiDate();
  const loadStart = performance.now();
  const [{ n: enterprises } = { n: 0 }] = await handle.query<{ n: number }>('select count(*)::int as n from enterprises');
  for (let offset = 0; offset < CASES; offset += CHUNK) {
    await handle.query(`
      insert into rights_cases (case_number, enterprise_id, org_path, type, status, outcome, worker_count, is_group, claim_fen, recovered_fen,
                                received_on, closed_on)
      select 'B' || g, e.id, e.org_path, (array['wage_arrears','labour_contract','social_insurance','work_injury','overtime','severance','other'])[1 + g % 7],
             case when g % 10 < 8 then 'closed' else 'mediating' end,
             case when g % 10 < 8 then (array['success','success','success','partial','arbitration','withdrawn','success','success'])[1 + g % 8] end,
             1 + g % 12, g % 12 >= 9, 100000 + g % 5000 * 100,
             case when g % 10 < 8 and (g % 8) in (0, 1, 2, 3, 6, 7) then 50000 + g % 4000 * 100 else 0 end,
             date '2018-01-01' + (g % 3000), case when g % 10 < 8 then date '2018-01-01' + (g % 3000) + 10 end
        from generate_series($1::int, $2::int) g
        join enterprises e on e.id = 1 + (g::bigint * 7919) % $3`, [offset + 1, Math.min(CASES, offset + CHUNK), enterprises]);
  }
  for (let offset = 0; offset < CONTRACTS; offset += CHUNK) {
    await handle.query(`
      insert into bargaining_contracts (enterprise_id, org_path, kind, status, valid_from, valid_to, increase_bp, minimum_wage_fen, signed_on, covered_employees)
      select e.id, e.org_path, case when g % 4 = 0 then 'wage_specific' else 'collective' end, case when g % 50 = 0 then 'vetoed' else 'filed' end,
             date '2022-01-01' + (g % 1800), date '2022-01-01' + (g % 1800) + 364 + (g % 3) * 365, 400, 269000, date '2022-01-01' + (g % 1800), e.employee_count
        from generate_series($1::int, $2::int) g
        join enterprises e on e.id = 1 + (g::bigint * 104729) % $3`, [offset + 1, Math.min(CONTRACTS, offset + CHUNK), enterprises]);
  }
  await handle.query(`insert into rights_warnings (enterprise_id, org_path, signal, level, source, raised_on, deadline, letter)
    select e.id, e.org_path, 'wage_arrears', (array['general','serious','major'])[1 + e.id % 3], 'staff', date '2026-01-01', date '2026-01-16', '{}'::jsonb
      from enterprises e where e.id % 97 = 0`);
  await handle.query('select compact_org_figures()');
  // the rights job's daily fold: coverage day rows up to yesterday into one base row per unit (migration 0021)
  const folded = await foldContractCoverage(handle.db);
  // as in production: the coverage job vacuums the deltas it folded, the rights job the figure rows it folded
  // (PostgreSQL's autovacuum would too, later); without it every read steps over ≈ 370,000 dead index entries
  await handle.query('vacuum org_figure_deltas');
  await handle.query('vacuum org_figures');
  await handle.query('analyze');
  const loadMs = performance.now() - loadStart;
  // measure the steady state, not the bulk load's aftermath: autovacuum workers woken by the load share the two
  // cores with the reads for a minute or so (the summary's p95 read 0.9–1.1 ms then, 0.25–0.4 ms after)
  const settledMs = await autovacuumSettled(handle);

  const [city] = await handle.query<{ id: number }>(`select id from orgs where kind = 'city_federation'`);
  const [district] = await handle.query<{ id: number }>(`select id from orgs where kind = 'district_federation' and region_code = '310113'`);
  const result: Record<string, unknown> = { cases: CASES, contracts: CONTRACTS, loadMs: Math.round(loadMs), settledMs: Math.round(settledMs), foldedRows: folded };
  for (const [name, orgId] of [['city', city!.id], ['district', district!.id]] as const) {
    // warm-up on every pooled connection (16 at once, 8 times): a server's steady state, where each connection has
    // prepared the figures' statement and settled its plan (PostgreSQL plans a prepared statement afresh for its
    // first five runs); then the two in turns (30 summaries, 1 direct GROUP BY, ten times): the same moments
    for (let i = 0; i < 8; i++) await Promise.all(Array.from({ length: 16 }, () => rightsFigures(handle.db, orgId, undefined, today)));
    await direct(handle, orgId, today);
    const summaryParts: Samples<RightsSummary>[] = [];
    const baselineParts: Samples<Awaited<ReturnType<typeof direct>>>[] = [];
    for (let block = 0; block < DIRECT_ROUNDS; block++) {
      summaryParts.push(await samples(ROUNDS / DIRECT_ROUNDS, () => rightsFigures(handle.db, orgId, undefined, today)));
      baselineParts.push(await samples(1, () => direct(handle, orgId, today)));
    }
    const summary = merged(summaryParts);
    const baseline = merged(baselineParts);
    const s = summary.last;
    const d = baseline.last;
    const equal = s.cases === d.cases && s.closed === d.closed && s.succeeded === d.succeeded && s.recoveredFen === d.recovered
      && JSON.stringify(s.byType) === JSON.stringify(d.byType) && JSON.stringify(s.byOutcome) === JSON.stringify(d.byOutcome)
      && JSON.stringify(s.openWarnings) === JSON.stringify(d.openWarnings)
      && s.contractCoverage.enterprises === d.enterprises && s.contractCoverage.employees === d.employees;
    result[name] = {
      summary: { p50: summary.p50, p95: summary.p95, min: summary.min, max: summary.max },
      direct: { p50: baseline.p50, p95: baseline.p95, min: baseline.min, max: baseline.max },
      speedupP50: baseline.p50 / summary.p50,
      speedupP95: baseline.p95 / summary.p95,
      equal,
    };
    if (name === 'city') console.log(`(autovacuum settled after ${fmt(settledMs / 1000, 1)} s)`);
    console.log(`rights summary ${name}: p50 ${fmt(summary.p50)} ms, p95 ${fmt(summary.p95)} ms (min ${fmt(summary.min)}, max ${fmt(summary.max)}); ` +
      `direct GROUP BY p50 ${fmt(baseline.p50)} ms, p95 ${fmt(baseline.p95)} ms (min ${fmt(baseline.min)}); ` +
      `×${fmt(baseline.p50 / summary.p50, 1)} (p50), ×${fmt(baseline.p95 / summary.p95, 1)} (p95); equal ${equal}`);
  }
  return result;
}
