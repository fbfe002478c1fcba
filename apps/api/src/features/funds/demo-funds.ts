/**
 * Demo funds for 顾村 (DOMAIN.md §5), and the same for a sample of every other street (its 3 largest enterprises with a union), so
 * each district's and the city's 经费 figures are their own: 顾村 collected 8,338,800 yuan in 2017 and returned 5,239,100; the demo scales
 * that to today's wages through the enterprises' own payrolls (employees × 8,000–16,000 yuan a month, 2 %). Up to
 * 180 enterprises of the street, assessed for the three months before the current one; most paid in the following
 * month, some partly, a few not at all (and one in forty owes since five months back, for the dunning worklist); a 先收后返
 * run in every street for each month with receipts (顾村's month before last through runReturns by demo-gucun, the
 * rest set-based, seedDemoReturns); every month before the previous one closed, so the current and the previous month
 * stay open. In every other street, besides its sample, its 4 smallest enterprises of 20 employees or more owe since
 * five months back, one at each depth of 依法催缴 (律师函; + 约谈; + 催缴函; + 核定函, with their letters: seedDemoDunning).
 * Written in bulk (unnest), through the same ledger tables and triggers as the API. Budgets, spending and the subsidy
 * run (demo-budgets.ts), every other federation's budget and the chairs' allowances of four districts
 * (demo-city-funds.ts) come before the close.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '@lianxin/db';
import { accessScope, type Actor } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { addDays, dunningSteps, monthsOverdue, previousMonth, shanghaiDate, splitFen, splitReceipt, type DunningStep, type FundSettings } from '@lianxin/contracts';
import { seedDemoBudgets } from './demo-budgets.ts';
import { seedCityBudgets, seedCityChairAllowances } from './demo-city-funds.ts';
import { runReturns } from './funds.service.ts';
import { takeDunningStep } from './dunning.service.ts';
import { settingsOn, territorialChain } from './funds.repo.ts';
import type { FastifyInstance } from 'fastify';

const GUCUN = '310113109';
const MAX_ENTERPRISES = 180;
/** the sample of every other street: its largest enterprises */
const STREET_SAMPLE = 3;
/** enterprises in arrears in every other street, one at each depth of 依法催缴 (律师函; + 约谈; + 催缴函; + 核定函) */
const STREET_DEBTORS = 4;

/** A small deterministic generator (mulberry32), so the demo is the same on every start. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Line { entryKey: string; orgId: number; orgPath: string; account: string; debit: number; credit: number; counterparty: number | null; enterpriseId: number }

export async function seedDemoFunds(app: FastifyInstance, today = shanghaiDate()): Promise<void> {
  const db: Database = app.db;
  // 顾村's 180 first (in the order and with the generator's draws they always had), then the sample of every other street:
  // its largest enterprises with a union of their own (what 先收后返 returns to: a street's return rate is then the
  // settings' 80 %; the 建会筹备金 of enterprises without a union shows in 顾村)
  const enterprises = await queryRows<{ id: number; name: string; employee_count: number; union_status: string; org_id: number; region_code: string; rn: number }>(db, sql`
    select id, name, employee_count, union_status, org_id, region_code, rn from (
      select id, name, employee_count, union_status, org_id, region_code,
             row_number() over (partition by region_code
                                order by case when region_code = ${GUCUN} then false else union_status = 'none' end, employee_count desc, id)::int as rn
        from enterprises where employee_count > 0) x
     where rn <= case when region_code = ${GUCUN} then ${MAX_ENTERPRISES}::int else ${STREET_SAMPLE}::int end
     order by region_code <> ${GUCUN}, region_code, rn`);
  if (enterprises.length === 0) return;
  const chain = await territorialChain(db, GUCUN);
  const { street, district, city } = chain;
  if (!street || !district || !city) return;
  const units = await queryRows<{ region_code: string; id: number; path: string; district_id: number; district_path: string }>(db, sql`
    select s.region_code, s.id, s.path::text as path, d.id as district_id, d.path::text as district_path
      from orgs s join orgs d on d.kind = 'district_federation' and d.status <> 'dissolved' and d.region_code = left(s.region_code, 6)
     where s.kind = 'street_federation' and s.status <> 'dissolved'`);
  const unitOf = new Map(units.map((u) => [u.region_code, u]));
  const current = today.slice(0, 7);
  const m1 = previousMonth(current);
  const m2 = previousMonth(m1);
  const m3 = previousMonth(m2);
  const old = previousMonth(previousMonth(m3));
  const settings = (await settingsOn(db, `${old}-01`)) as FundSettings;
  const rand = random(13);

  const entries: { key: string; period: string; postedOn: string; kind: string; memo: string }[] = [];
  const lines: Line[] = [];
  const assessments: { enterpriseId: number; period: string; payroll: number; employees: number; basis: string; assessment: number; key: string }[] = [];
  const receipts: { enterpriseId: number; amount: number; receivedOn: string; period: string; key: string; grassroots: number; upper: number }[] = [];
  const add = (entryKey: string, orgId: number, orgPath: string, account: string, debit: number, credit: number, enterpriseId: number, counterparty: number | null = null) => {
    if (debit > 0 || credit > 0) lines.push({ entryKey, orgId, orgPath, account, debit, credit, counterparty, enterpriseId });
  };

  for (const e of enterprises) {
    const unit = unitOf.get(e.region_code);
    if (!unit) continue;
    const i = e.rn - 1;
    const s = { id: unit.id, path: unit.path };
    const district = { id: unit.district_id, path: unit.district_path };
    const wage = 800_000 + Math.floor(rand() * 800_000);
    // one in forty owes since five months back; one in twelve stops paying; one in eight pays part
    const debtor = i % 40 === 7;
    const months = debtor ? [old, m3, m2, m1] : [m3, m2, m1];
    // (the other streets' samples of three by the enterprise's id: about one in seven stops paying, one in five pays part)
    const [stops, pays] = e.region_code === GUCUN ? [i % 12 === 5, i % 8 === 3] : [e.id % 7 === 3, e.id % 5 === 1];
    const behaviour = debtor ? 'none' : stops ? 'none' : pays ? 'part' : 'full';
    for (const period of months) {
      const payroll = e.employee_count * wage;
      const basis = e.union_status === 'none' ? 'preparatory' : 'standard';
      const assessment = Math.round((payroll * (basis === 'preparatory' ? settings.preparatoryRateBp : settings.rateBp)) / 10_000);
      const key = `demo:assessment:${e.id}:${period}`;
      entries.push({ key, period, postedOn: `${period}-28`, kind: 'assessment', memo: `${e.name} ${period} 应缴` });
      add(key, s.id, s.path, '135', assessment, 0, e.id);
      add(key, s.id, s.path, '241', 0, assessment, e.id);
      assessments.push({ enterpriseId: e.id, period, payroll, employees: e.employee_count, basis, assessment, key });
      const paid = behaviour === 'full' ? assessment : behaviour === 'part' ? Math.floor(assessment * 0.6) : 0;
      // paid in the following month, by the 15th
      const payMonth = period === m1 ? current : period === m2 ? m1 : period === m3 ? m2 : m3;
      const receivedOn = `${payMonth}-${String(3 + (i % 12)).padStart(2, '0')}`;
      if (paid <= 0 || receivedOn > today) continue;
      const split = splitReceipt(paid, settings);
      const rkey = `demo:${e.id}:${period}`;
      entries.push({ key: `receipt:${rkey}`, period: payMonth, postedOn: receivedOn, kind: 'receipt', memo: `${e.name} 缴款` });
      const k = `receipt:${rkey}`;
      add(k, s.id, s.path, '102', paid, 0, e.id);
      add(k, s.id, s.path, '135', 0, paid, e.id);
      add(k, s.id, s.path, '241', paid, 0, e.id);
      if (e.org_id === s.id) add(k, s.id, s.path, '231', 0, split.grassrootsFen, e.id);
      else add(k, s.id, s.path, '222', 0, split.grassrootsFen, e.id, e.org_id);
      add(k, s.id, s.path, '402', 0, split.streetFen, e.id);
      add(k, s.id, s.path, '102', 0, split.districtFen + split.cityFen, e.id);
      add(k, district.id, district.path, '102', split.districtFen, 0, e.id);
      add(k, district.id, district.path, '402', 0, split.districtFen, e.id);
      add(k, city.id, city.path, '102', split.cityFen, 0, e.id);
      add(k, city.id, city.path, '402', 0, split.cityFen, e.id);
      receipts.push({ enterpriseId: e.id, amount: paid, receivedOn, period: payMonth, key: rkey, grassroots: split.grassrootsFen, upper: split.upperFen });
    }
  }

  // the arrears of every other street: its smallest enterprises of 20 employees or more besides the sample, assessed
  // from five months back and paying nothing, each further along 依法催缴 than the one before (steps below)
  const debtors = await queryRows<{ id: number; name: string; credit_code: string; address: string; employee_count: number; union_status: string; region_code: string; rn: number }>(db, sql`
    select id, name, credit_code, address, employee_count, union_status, region_code, rn from (
      select id, name, credit_code, address, employee_count, union_status, region_code,
             row_number() over (partition by region_code order by employee_count, id)::int as rn
        from enterprises where employee_count >= 20 and region_code <> ${GUCUN} and id <> all(${sql.param(enterprises.map((e) => e.id))}::int[])) x
     where rn <= ${STREET_DEBTORS}::int order by region_code, rn`);
  const owed = new Map<number, { period: string; assessedFen: number }[]>();
  const debtRand = random(29);
  for (const e of debtors) {
    const unit = unitOf.get(e.region_code);
    if (!unit) continue;
    const wage = 600_000 + Math.floor(debtRand() * 600_000);
    const basis = e.union_status === 'none' ? 'preparatory' : 'standard';
    const periods: { period: string; assessedFen: number }[] = [];
    for (const period of [old, m3, m2, m1]) {
      const payroll = e.employee_count * wage;
      const assessment = Math.round((payroll * (basis === 'preparatory' ? settings.preparatoryRateBp : settings.rateBp)) / 10_000);
      const key = `demo:assessment:${e.id}:${period}`;
      entries.push({ key, period, postedOn: `${period}-28`, kind: 'assessment', memo: `${e.name} ${period} 应缴` });
      add(key, unit.id, unit.path, '135', assessment, 0, e.id);
      add(key, unit.id, unit.path, '241', 0, assessment, e.id);
      assessments.push({ enterpriseId: e.id, period, payroll, employees: e.employee_count, basis, assessment, key });
      periods.push({ period, assessedFen: assessment });
    }
    owed.set(e.id, periods);
  }

  await db.transaction(async (tx) => {
    const ids = await queryRows<{ id: number; key: string }>(tx, sql`
      insert into journal_entries (idempotency_key, period, posted_on, kind, memo)
      select * from unnest(${sql.param(entries.map((x) => x.key))}::text[], ${sql.param(entries.map((x) => x.period))}::text[],
                           ${sql.param(entries.map((x) => x.postedOn))}::date[], ${sql.param(entries.map((x) => x.kind))}::text[],
                           ${sql.param(entries.map((x) => x.memo))}::text[])
      returning id::int as id, idempotency_key as key`);
    const idOf = new Map(ids.map((r) => [r.key, r.id]));
    await tx.execute(sql`
      insert into journal_lines (entry_id, org_id, org_path, account_code, debit_fen, credit_fen, counterparty_org_id, enterprise_id)
      select e, o, p::ltree, a, d, c, cp, en from unnest(${sql.param(lines.map((l) => idOf.get(l.entryKey)!))}::bigint[], ${sql.param(lines.map((l) => l.orgId))}::int[],
                           ${sql.param(lines.map((l) => l.orgPath))}::text[], ${sql.param(lines.map((l) => l.account))}::text[],
                           ${sql.param(lines.map((l) => l.debit))}::bigint[], ${sql.param(lines.map((l) => l.credit))}::bigint[],
                           ${sql.param(lines.map((l) => l.counterparty))}::int[], ${sql.param(lines.map((l) => l.enterpriseId))}::int[])
             as t(e, o, p, a, d, c, cp, en)`);
    await tx.execute(sql`
      insert into fund_assessments (enterprise_id, period, payroll_fen, employee_count, basis, rate_bp, assessment_fen, entry_id)
      select e, p, pf, ec, b, case when b = 'preparatory' then ${settings.preparatoryRateBp}::int else ${settings.rateBp}::int end, a, id
        from unnest(${sql.param(assessments.map((a) => a.enterpriseId))}::int[], ${sql.param(assessments.map((a) => a.period))}::text[],
                    ${sql.param(assessments.map((a) => a.payroll))}::bigint[], ${sql.param(assessments.map((a) => a.employees))}::int[],
                    ${sql.param(assessments.map((a) => a.basis))}::text[], ${sql.param(assessments.map((a) => a.assessment))}::bigint[],
                    ${sql.param(assessments.map((a) => idOf.get(a.key)!))}::bigint[]) as t(e, p, pf, ec, b, a, id)`);
    await tx.execute(sql`
      insert into fund_receipts (enterprise_id, amount_fen, received_on, period, idempotency_key, source, grassroots_fen, upper_fen, entry_id)
      select e, a, r, p, k, 'bank', g, u, id
        from unnest(${sql.param(receipts.map((r) => r.enterpriseId))}::int[], ${sql.param(receipts.map((r) => r.amount))}::bigint[],
                    ${sql.param(receipts.map((r) => r.receivedOn))}::date[], ${sql.param(receipts.map((r) => r.period))}::text[],
                    ${sql.param(receipts.map((r) => r.key))}::text[], ${sql.param(receipts.map((r) => r.grassroots))}::bigint[],
                    ${sql.param(receipts.map((r) => r.upper))}::bigint[], ${sql.param(receipts.map((r) => idOf.get(`receipt:${r.key}`)!))}::bigint[])
             as t(e, a, r, p, k, g, u, id)`);
  });

  // 先收后返 for the month before last, by 顾村's staff; then the months before the previous one are closed
  const [user] = await queryRows<{ id: number; username: string; role: Actor['role']; org_id: number; path: string }>(db, sql`
    select u.id, u.username, u.role, u.org_id, o.path::text as path from users u join orgs o on o.id = u.org_id where u.username = 'demo-gucun'`);
  if (user) {
    const actor: Actor = { userId: user.id, username: user.username, role: user.role, orgId: user.org_id, orgPath: user.path, memberId: null, grants: [] };
    const ctx: ServiceContext = { db, cipher: app.cipher, keys: app.keys, actor, scope: accessScope(actor), ip: '127.0.0.1', flushNotifications: () => app.flushNotifications() };
    await runReturns(ctx, { orgId: street.id, period: m2 });
    // the oldest debtor has had a lawyer's letter and a meeting
    const debtor = enterprises[7];
    if (debtor) {
      await takeDunningStep(ctx, debtor.id, { step: 'lawyer_letter', note: '', deadlineDays: 15 });
      await takeDunningStep(ctx, debtor.id, { step: 'interview', note: '已约谈企业财务负责人，承诺月底前补缴', deadlineDays: 15 });
    }
  }
  await seedDemoReturns(db, street.id, m2, settings.returnBp, today);
  await seedDemoDunning(db, debtors, owed, unitOf, old, today);
  await seedDemoBudgets(app, today);
  await seedCityBudgets(db, today);
  await seedCityChairAllowances(app, [m3, m2, m1]);
  const closed = [old, previousMonth(m3), m3, m2];
  await db.execute(sql`
    insert into ledger_periods (period, status, closed_at)
    select p, 'closed', now() from unnest(${sql.param(closed)}::text[]) as t(p)
    on conflict (period) do update set status = 'closed', closed_at = now()`);
}

/**
 * 先收后返 in every street for each month with receipts not yet returned (顾村's month before last went through
 * runReturns above): the same entries runReturns posts — 222 debited with what the street holds for each union,
 * return_bp of it paid back (102 → the union's 40301), the rest kept (402) — one entry per street and month, keyed
 * `return:<street>:<n>` as the service numbers them, written set-based (two statements; per-run service calls
 * took ≈ 25 ms each, 18 s for the city). The balance check runs at commit as for any entry.
 */
async function seedDemoReturns(db: Database, gucunId: number, gucunReturned: string, returnBp: number, today: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      create temporary table demo_held on commit drop as
      select l.org_id as street, e.period, l.counterparty_org_id as union_id, sum(l.credit_fen - l.debit_fen)::bigint as held
        from journal_lines l join journal_entries e on e.id = l.entry_id
       where l.account_code = '222' and e.kind = 'receipt' and (l.org_id <> ${gucunId} or e.period > ${gucunReturned})
       group by 1, 2, 3 having sum(l.credit_fen - l.debit_fen) > 0`);
    await tx.execute(sql`
      with runs as (
        select h.street, h.period,
               dense_rank() over (partition by h.street order by h.period) + case when h.street = ${gucunId} then 1 else 0 end as n
          from (select distinct street, period from demo_held) h
      ), entries as (
        insert into journal_entries (idempotency_key, period, posted_on, kind, memo, created_by)
        select 'return:' || r.street || ':' || r.n, r.period, ${today}::date, 'return', o.name || ' 先收后返 ' || r.period,
               (select u.id from users u where u.org_id = r.street order by u.id limit 1)
          from runs r join orgs o on o.id = r.street
        returning id, period, split_part(idempotency_key, ':', 2)::int as street
      ), parts as (
        select en.id, h.street, s.path as street_path, h.union_id, u.path as union_path, h.held,
               round(h.held * ${returnBp}::numeric / 10000)::bigint as back
          from entries en join demo_held h on h.street = en.street and h.period = en.period
          join orgs s on s.id = h.street join orgs u on u.id = h.union_id
      )
      insert into journal_lines (entry_id, org_id, org_path, account_code, debit_fen, credit_fen, counterparty_org_id)
      select p.id, x.org_id, x.org_path, x.account, x.debit, x.credit, x.cp
        from parts p cross join lateral (values
          (p.street, p.street_path, '222', p.held, 0::bigint, p.union_id),
          (p.street, p.street_path, '102', 0::bigint, p.back, p.union_id),
          (p.street, p.street_path, '402', 0::bigint, p.held - p.back, p.union_id),
          (p.union_id, p.union_path, '102', p.back, 0::bigint, null::int),
          (p.union_id, p.union_path, '40301', 0::bigint, p.back, null::int)) as x(org_id, org_path, account, debit, credit, cp)
       where x.debit > 0 or x.credit > 0`);
  });
}

/**
 * The 依法催缴 history of the other streets' debtors (the demo's arrears, nothing paid since `oldest`): the street's
 * 1st debtor has had a 律师函, the 2nd also a 约谈, the 3rd also a 催缴函, the 4th also the 核定函 (so its next step is
 * the 支付令 papers) — steps 12 days apart up to today, each with what its letter printed, as takeDunningStep stores it
 * (the street as issuer, its document numbers 〔year〕1号, 2号 … in issue order). One unnest insert.
 */
async function seedDemoDunning(
  db: Database, debtors: { id: number; name: string; credit_code: string; address: string; region_code: string; rn: number }[],
  owed: Map<number, { period: string; assessedFen: number }[]>, unitOf: Map<string, { id: number }>, oldest: string, today: string,
): Promise<void> {
  const streets = new Map((await queryRows<{ id: number; name: string }>(db, sql`select id, name from orgs where kind = 'street_federation'`)).map((s) => [s.id, s.name]));
  const rows: { enterpriseId: number; step: DunningStep; issuedOn: string; number: string | null; arrears: number; note: string; content: string | null }[] = [];
  const numbers = new Map<number, number>();
  const year = today.slice(0, 4);
  for (const e of debtors) {
    const unit = unitOf.get(e.region_code);
    const periods = owed.get(e.id);
    if (!unit || !periods) continue;
    const arrears = periods.reduce((a, p) => a + p.assessedFen, 0);
    const issuer = { id: unit.id, name: streets.get(unit.id) ?? '' };
    const short = issuer.name.replace(/^.{2,3}?[区县]/, '').replace(/(总工会|工会)$/, '').replace(/[镇街道]+$/, '').slice(0, 4) || '工会';
    const depth = Math.min(e.rn, 4);
    for (const [j, step] of dunningSteps.slice(0, depth).entries()) {
      const issuedOn = addDays(today, -(depth - j) * 12);
      let number: string | null = null;
      let content: string | null = null;
      if (step !== 'interview') {
        const n = issuedOn.slice(0, 4) === year ? (numbers.get(issuer.id) ?? 0) + 1 : 1;
        numbers.set(issuer.id, n);
        number = `${short}工经〔${issuedOn.slice(0, 4)}〕${n}号`;
        const [upperFen, grassrootsFen] = splitFen(arrears, [4000, 6000]) as [number, number];
        content = JSON.stringify({
          step, documentNumber: number, issuedOn, issuer: { name: issuer.name },
          enterprise: { name: e.name, creditCode: e.credit_code, address: e.address },
          arrearsFen: arrears, oldestUnpaidPeriod: oldest, monthsOverdue: monthsOverdue(oldest, issuedOn), periods,
          deadlineDays: 15, split: { upperFen, grassrootsFen }, issuerId: issuer.id,
        });
      }
      rows.push({ enterpriseId: e.id, step, issuedOn, number, arrears, note: step === 'interview' ? '已约谈企业负责人及财务，企业称资金紧张，承诺分期补缴' : '', content });
    }
  }
  if (rows.length === 0) return;
  await db.execute(sql`
    insert into dunning_steps (enterprise_id, step, issued_on, document_number, arrears_fen, note, content)
    select e, s, d, n, a, note, c::jsonb
      from unnest(${sql.param(rows.map((r) => r.enterpriseId))}::int[], ${sql.param(rows.map((r) => r.step))}::text[], ${sql.param(rows.map((r) => r.issuedOn))}::date[],
                  ${sql.param(rows.map((r) => r.number))}::text[], ${sql.param(rows.map((r) => r.arrears))}::bigint[], ${sql.param(rows.map((r) => r.note))}::text[],
                  ${sql.param(rows.map((r) => r.content))}::text[]) as t(e, s, d, n, a, note, c)`);
}
