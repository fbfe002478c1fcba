import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '@lianxin/db';
import { splitReceipt } from '@lianxin/contracts';
import { directSummary, keptSummary } from '../apps/api/src/features/funds/funds.service.ts';
import { postEntries, type EntryInput } from '../apps/api/src/features/funds/ledger.repo.ts';
import { fmt, percentile, timeMs } from './stats.ts';

const SETTINGS = { rateBp: 200, preparatoryRateBp: 200, grassrootsBp: 6000, cityBp: 5000, districtBp: 3000, streetBp: 2000 };

/**
 * The custody ledger at a city's scale (issue 13): post `lines` journal lines (receipts of 10 lines each, spread
 * over every street with its district and the city, across 12 months) through the app's bulk writer `postEntries`,
 * in chunks of 2,000 entries per transaction, against a raw unnest insert of the same lines into the same tables
 * (same indexes and triggers: balance check at commit, balances kept by trigger) in the same run, chunk by chunk
 * alternating. Then the city's trial balance of a month from `ledger_balances` (the app's query) against a direct
 * SUM over the journal. BENCH_FUNDS_LINES sets the size (default 1,000,000). Then the cockpit's funds summary
 * (benchFundsSummary).
 */
export async function benchFunds(handle: DatabaseHandle, lines = Number(process.env.BENCH_FUNDS_LINES ?? 1_000_000), rounds = 40) {
  const streets = await handle.query<{ s: number; sp: string; d: number; dp: string; c: number; cp: string; u: number | null }>(`
    select s.id as s, s.path::text as sp, d.id as d, d.path::text as dp, c.id as c, c.path::text as cp,
           (select min(o.id) from orgs o where o.parent_id = s.id) as u
      from orgs s join orgs d on d.region_code = substr(s.region_code, 1, 6) and d.kind = 'district_federation'
      join orgs c on c.kind = 'city_federation'
     where s.kind = 'street_federation' order by s.id`);
  const entriesWanted = Math.ceil(lines / 10);
  const build = (n: number, tag: string): EntryInput[] => {
    const out: EntryInput[] = [];
    for (let i = 0; i < n; i++) {
      const st = streets[i % streets.length]!;
      const amount = 10_000 + ((i * 7919) % 5_000_000);
      const p = splitReceipt(amount, SETTINGS);
      const month = String(1 + (i % 12)).padStart(2, '0');
      out.push({
        idempotencyKey: `bench:${tag}:${i}`, period: `2025-${month}`, postedOn: `2025-${month}-10`, kind: 'receipt', createdBy: null,
        lines: [
          { orgId: st.s, orgPath: st.sp, account: '102', debitFen: amount },
          { orgId: st.s, orgPath: st.sp, account: '135', creditFen: amount },
          { orgId: st.s, orgPath: st.sp, account: '241', debitFen: amount },
          { orgId: st.s, orgPath: st.sp, account: '222', creditFen: p.grassrootsFen, counterpartyOrgId: st.u ?? st.s },
          { orgId: st.s, orgPath: st.sp, account: '402', creditFen: p.streetFen },
          { orgId: st.s, orgPath: st.sp, account: '102', creditFen: p.districtFen + p.cityFen },
          { orgId: st.d, orgPath: st.dp, account: '102', debitFen: p.districtFen },
          { orgId: st.d, orgPath: st.dp, account: '402', creditFen: p.districtFen },
          { orgId: st.c, orgPath: st.cp, account: '102', debitFen: p.cityFen },
          { orgId: st.c, orgPath: st.cp, account: '402', creditFen: p.cityFen },
        ],
      });
    }
    return out;
  };
  const CHUNK = 2_000;
  const app = build(entriesWanted, 'app');
  const raw = build(entriesWanted, 'raw');
  let appMs = 0;
  let rawMs = 0;
  for (let at = 0; at < entriesWanted; at += CHUNK) {
    const a = app.slice(at, at + CHUNK);
    const r = raw.slice(at, at + CHUNK);
    appMs += (await timeMs(() => handle.db.transaction((tx) => postEntries(tx, a)))).ms;
    rawMs += (await timeMs(() => handle.db.transaction(async (tx) => {
      // the baseline: the same rows, no period resolution, one unnest per table
      const ids = (await tx.execute(sql`
        insert into journal_entries (idempotency_key, period, posted_on, kind)
        select * from unnest(${sql.param(r.map((e) => e.idempotencyKey))}::text[], ${sql.param(r.map((e) => e.period))}::text[],
                             ${sql.param(r.map((e) => e.postedOn))}::date[], ${sql.param(r.map((e) => e.kind))}::text[])
        returning id::int as id, idempotency_key as key`)) as unknown as { rows: { id: number; key: string }[] };
      const idOf = new Map(ids.rows.map((x) => [x.key, x.id]));
      const ls = r.flatMap((e) => e.lines.map((l) => ({ ...l, entryId: idOf.get(e.idempotencyKey)! })));
      await tx.execute(sql`
        insert into journal_lines (entry_id, org_id, org_path, account_code, debit_fen, credit_fen, counterparty_org_id)
        select e, o, p::ltree, a, d, c, cp from unnest(${sql.param(ls.map((l) => l.entryId))}::bigint[], ${sql.param(ls.map((l) => l.orgId))}::int[],
                             ${sql.param(ls.map((l) => l.orgPath))}::text[], ${sql.param(ls.map((l) => l.account))}::text[],
                             ${sql.param(ls.map((l) => l.debitFen ?? 0))}::bigint[], ${sql.param(ls.map((l) => l.creditFen ?? 0))}::bigint[],
                             ${sql.param(ls.map((l) => l.counterpartyOrgId ?? null))}::int[])
               as t(e, o, p, a, d, c, cp)`);
    }))).ms;
  }
  const [count] = await handle.query<{ n: number }>(`select count(*)::int as n from journal_lines`);
  await handle.query('analyze journal_lines');
  await handle.query('analyze ledger_balances');
  await handle.query('analyze journal_entries');

  const [city] = await handle.query<{ path: string }>(`select path::text as path from orgs where kind = 'city_federation'`);
  // the app's query (ledger.repo trialBalanceRows): sums as text, the totals by rollup
  const TB_APP = `select account_code, sum(debit_fen)::text as d, sum(credit_fen)::text as c from ledger_balances
                   where org_path <@ $1::ltree and period = $2 group by rollup (account_code) order by account_code nulls last`;
  const TB_DIRECT = `select l.account_code, sum(l.debit_fen)::text as d, sum(l.credit_fen)::text as c
                       from journal_lines l join journal_entries e on e.id = l.entry_id
                      where l.org_path <@ $1::ltree and e.period = $2 group by rollup (l.account_code) order by l.account_code nulls last`;
  const samples = { app: [] as number[], direct: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const period = `2025-${String(1 + (round % 12)).padStart(2, '0')}`;
    const a = await timeMs(() => handle.query(TB_APP, [city!.path, period]));
    const b = await timeMs(() => handle.query(TB_DIRECT, [city!.path, period]));
    if (round === 0 && JSON.stringify(a.result) !== JSON.stringify(b.result)) throw new Error('trial balances differ');
    if (round > 0) {
      samples.app.push(a.ms);
      samples.direct.push(b.ms);
    }
  }
  const row = (s: number[]) => ({ p50: percentile(s, 50), p95: percentile(s, 95), n: s.length });
  const tb = { app: row(samples.app), direct: row(samples.direct) };
  console.log(`\nFunds ledger: ${count!.n.toLocaleString('en-US')} journal lines (${streets.length} streets), chunks of ${CHUNK} entries`);
  console.log(`  post (postEntries)      ${fmt(appMs / 1000)} s  ${fmt((count!.n / 2) / (appMs / 1000), 0)} lines/s`);
  console.log(`  raw unnest (baseline)   ${fmt(rawMs / 1000)} s  ratio app/raw speed ${fmt(rawMs / appMs)}×`);
  console.log(`  city trial balance      p50 ${fmt(tb.app.p50)} ms  p95 ${fmt(tb.app.p95)} ms`);
  console.log(`  direct SUM (baseline)   p50 ${fmt(tb.direct.p50)} ms  p95 ${fmt(tb.direct.p95)} ms  ratio p50 ${fmt(tb.direct.p50 / tb.app.p50)}×  p95 ${fmt(tb.direct.p95 / tb.app.p95)}×`);
  const summary = await benchFundsSummary(handle);
  return { lines: count!.n, postMs: appMs, rawMs, speedRatio: rawMs / appMs, trialBalance: tb, summary };
}

/**
 * The cockpit's funds figures at a city's scale (issue 13): `enterprises` enterprises (BENCH_FUNDS_ENTERPRISES,
 * default 100,000) each get 12 monthly assessments of 2025 and up to 4 quarterly receipts (some pay less: arrears),
 * written by unnest inserts through the figures' triggers (the rows share one journal entry of the run above: the
 * summary does not read the journal). Then `GET /api/funds/summary`'s read — the city's and a district's figures
 * with each child's, from the kept figures (`keptSummary`) — against the direct computation of the same figures
 * (`directSummary`: a scan of each child's subtree) in the same run, alternating; the two must agree.
 */
export async function benchFundsSummary(handle: DatabaseHandle, enterprises = Number(process.env.BENCH_FUNDS_ENTERPRISES ?? 100_000), rounds = 12) {
  const ids = (await handle.query<{ id: number; n: number }>(`select id, greatest(employee_count, 1) as n from enterprises order by id limit $1`, [enterprises]));
  const [entry] = await handle.query<{ id: number }>(`select min(id)::int as id from journal_entries`);
  const CHUNK = 10_000;
  const started = performance.now();
  for (let at = 0; at < ids.length; at += CHUNK) {
    const chunk = ids.slice(at, at + CHUNK);
    const a = { e: [] as number[], period: [] as string[], payroll: [] as number[], n: [] as number[], fen: [] as number[] };
    const r = { e: [] as number[], fen: [] as number[], on: [] as string[], period: [] as string[], key: [] as string[], grassroots: [] as number[], upper: [] as number[] };
    for (const [i, row] of chunk.entries()) {
      const payroll = row.n * 1_218_300;
      const monthly = Math.round(payroll * 0.02);
      for (let m = 1; m <= 12; m++) {
        a.e.push(row.id); a.period.push(`2025-${String(m).padStart(2, '0')}`); a.payroll.push(payroll); a.n.push(row.n); a.fen.push(monthly);
      }
      // most pay each quarter in full; every seventh pays half; every eleventh nothing after the first quarter
      for (let q = 0; q < 4; q++) {
        if ((at + i) % 11 === 0 && q > 0) continue;
        const amount = (at + i) % 7 === 0 ? Math.round(monthly * 1.5) : monthly * 3;
        if (amount <= 0) continue;
        const split = splitReceipt(amount, SETTINGS);
        const month = String(q * 3 + 3).padStart(2, '0');
        r.e.push(row.id); r.fen.push(amount); r.on.push(`2025-${month}-20`); r.period.push(`2025-${month}`); r.key.push(`bench-summary:${row.id}:${q}`);
        r.grassroots.push(split.grassrootsFen); r.upper.push(amount - split.grassrootsFen);
      }
    }
    await handle.query(`
      insert into fund_assessments (enterprise_id, period, payroll_fen, employee_count, basis, rate_bp, assessment_fen, entry_id)
      select e, p, pf, n, 'standard', 200, f, $6 from unnest($1::int[], $2::text[], $3::bigint[], $4::int[], $5::bigint[]) as t(e, p, pf, n, f)`,
    [a.e, a.period, a.payroll, a.n, a.fen, entry!.id]);
    await handle.query(`
      insert into fund_receipts (enterprise_id, amount_fen, received_on, period, idempotency_key, source, grassroots_fen, upper_fen, entry_id)
      select e, f, d, p, k, 'bank', g, u, $8 from unnest($1::int[], $2::bigint[], $3::date[], $4::text[], $5::text[], $6::bigint[], $7::bigint[]) as t(e, f, d, p, k, g, u)`,
    [r.e, r.fen, r.on, r.period, r.key, r.grassroots, r.upper, entry!.id]);
  }
  const writeMs = performance.now() - started;
  await handle.query('select compact_org_figures()');
  await handle.query('analyze fund_assessments');
  await handle.query('analyze fund_receipts');
  const units = await handle.query<{ id: number; name: string; path: string }>(`
    (select id, name, path::text as path from orgs where kind = 'city_federation' limit 1)
    union all
    (select o.id, o.name, o.path::text from orgs o where o.kind = 'district_federation'
      order by (select count(*) from enterprises e where e.org_path <@ o.path) desc limit 1)`);
  const results: Record<string, { kept: { p50: number; p95: number }; direct: { p50: number; p95: number }; ratioP95: number }> = {};
  console.log(`\nFunds cockpit summary: ${ids.length.toLocaleString('en-US')} enterprises × 12 assessments and ≤ 4 receipts written through the figures' triggers in ${fmt(writeMs / 1000)} s`);
  for (const unit of units) {
    const kept: number[] = [];
    const direct: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const k = await timeMs(() => keptSummary(handle.db, unit, '2025'));
      const d = await timeMs(() => directSummary(handle.db, unit, '2025'));
      if (round === 0 && JSON.stringify(k.result) !== JSON.stringify(d.result)) throw new Error(`funds summaries differ for ${unit.name}`);
      if (round > 0) {
        kept.push(k.ms);
        direct.push(d.ms);
      }
    }
    const row = (s: number[]) => ({ p50: percentile(s, 50), p95: percentile(s, 95) });
    results[unit.name] = { kept: row(kept), direct: row(direct), ratioP95: percentile(direct, 95) / percentile(kept, 95) };
    console.log(`  ${unit.name.padEnd(10)} kept figures p50 ${fmt(percentile(kept, 50))} ms  p95 ${fmt(percentile(kept, 95))} ms;  direct p50 ${fmt(percentile(direct, 50))} ms  p95 ${fmt(percentile(direct, 95))} ms;  ratio p95 ${fmt(results[unit.name]!.ratioP95, 0)}×`);
  }
  return { enterprises: ids.length, writeMs, units: results };
}
