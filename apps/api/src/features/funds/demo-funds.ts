/**
 * Demo funds for 顾村 (DOMAIN.md §5), and the same for a sample of every other street (its 3 largest enterprises with a union), so
 * each district's and the city's 经费 figures are their own: 顾村 collected 8,338,800 yuan in 2017 and returned 5,239,100; the demo scales
 * that to today's wages through the enterprises' own payrolls (employees × the district's wage level ±25 %, from
 * Shanghai's average wage: demoMonthlyWageFen; 2 %). Up to 180 enterprises of the street, assessed for the three
 * months before the current one; most paid in the following month, some partly, a few not at all (and one in forty
 * owes since 5–8 months back, for the dunning worklist); a 先收后返 run in every street for each month with receipts
 * (顾村's month before last through runReturns by demo-gucun, the rest set-based, seedDemoReturns); every demo month
 * before the previous one closed, so the current and the previous month stay open. In every other street, besides its
 * sample, its 4 smallest enterprises of 20 employees or more owe, one at each depth of 依法催缴 (律师函; + 约谈; + 催缴函;
 * + 核定函, with their letters: seedDemoDunning), since 3–8 months back by depth (debtorMonthsOwed).
 * Written in bulk (unnest), through the same ledger tables and triggers as the API. Budgets, spending and the subsidy
 * run (demo-budgets.ts), every other federation's budget and the chairs' allowances of four districts
 * (demo-city-funds.ts) come before the close.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '@lianxin/db';
import { accessScope, type Actor } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { addDays, dunningSteps, monthsOverdue, nextMonth, paymentDueOn, previousMonth, shanghaiDate, splitFen, splitReceipt, type DunningStep, type FundSettings } from '@lianxin/contracts';
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
/** The most months a demo debtor owes (see debtorMonthsOwed and 顾村's debtors: 5–8). */
const MAX_MONTHS_OWED = 8;

/**
 * How many months back a street's debtor owes from: the further along 依法催缴 (its `rn`, 1 律师函 … 4 核定函), the
 * longer, and each its own month — 律师函 3–5, 约谈 4–6, 催缴函 5–7, 核定函 6–8 (so at the 核定函 more than 3 months
 * are overdue, PAYMENT_ORDER_AFTER_MONTHS, and the 支付令 papers are next).
 */
function debtorMonthsOwed(enterpriseId: number, rn: number): number {
  return Math.min(rn, 4) + 2 + (hashOf(`owed:${enterpriseId}`) % 3);
}

/**
 * The demo's monthly wage per head: Shanghai's average wage, 上海市 2023 年全口径城镇单位就业人员平均工资 147,684 yuan a
 * year (12,307 yuan a month, published by 上海市人力资源和社会保障局 in 2024), times a level per district. The levels are
 * the demo's assumption, not published figures: the central business districts (黄浦, 静安, 徐汇, 长宁, then 浦东) pay
 * more per head than the inner ring, the industrial districts (宝山, 嘉定, 松江, 青浦) less, the outer ones (奉贤, 金山,
 * 崇明) least. Each enterprise then sits within ±25 % of its district's level (by a hash of its id).
 */
const AVERAGE_MONTHLY_WAGE_FEN = 1_230_700;
const DISTRICT_WAGE_LEVEL: Record<string, number> = {
  '310101': 1.5, '310106': 1.45, '310104': 1.35, '310105': 1.3, '310115': 1.25, '310110': 1.1, '310109': 1.05, '310107': 1.0,
  '310112': 1.0, '310114': 0.9, '310113': 0.85, '310117': 0.85, '310118': 0.85, '310120': 0.75, '310116': 0.75, '310151': 0.7,
};

/** A non-negative 32-bit hash of a text (FNV-1a), so the demo is the same on every start. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** An enterprise's demo wage per head and month, in fen (whole yuan): its district's level ±25 % (see above). */
export function demoMonthlyWageFen(regionCode: string, enterpriseId: number): number {
  const level = DISTRICT_WAGE_LEVEL[regionCode.slice(0, 6)] ?? 1;
  const spread = 0.75 + (hashOf(`wage:${enterpriseId}`) % 501) / 1000;
  return Math.round((AVERAGE_MONTHLY_WAGE_FEN * level * spread) / 100) * 100;
}

/** The month `n` months before `period` (YYYY-MM). */
function monthsBefore(period: string, n: number): string {
  let p = period;
  for (let i = 0; i < n; i++) p = previousMonth(p);
  return p;
}

/** The months from `first` to `last` (YYYY-MM), both included. */
function monthsFrom(first: string, last: string): string[] {
  const months: string[] = [];
  for (let p = first; p <= last; p = nextMonth(p)) months.push(p);
  return months;
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
  // the furthest back a demo debtor owes from (the settings of that month assess every demo month)
  const oldest = monthsBefore(current, MAX_MONTHS_OWED);
  const settings = (await settingsOn(db, `${oldest}-01`)) as FundSettings;

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
    const wage = demoMonthlyWageFen(e.region_code, e.id);
    // one in forty owes since 5–8 months back (each its own month); one in twelve stops paying; one in eight pays part
    const debtor = i % 40 === 7;
    const months = debtor ? monthsFrom(monthsBefore(current, 5 + (hashOf(`owed:${e.id}`) % 4)), m1) : [m3, m2, m1];
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
      const payMonth = nextMonth(period);
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
  for (const e of debtors) {
    const unit = unitOf.get(e.region_code);
    if (!unit) continue;
    const wage = demoMonthlyWageFen(e.region_code, e.id);
    const basis = e.union_status === 'none' ? 'preparatory' : 'standard';
    const periods: { period: string; assessedFen: number }[] = [];
    for (const period of monthsFrom(monthsBefore(current, debtorMonthsOwed(e.id, e.rn)), m1)) {
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
  await seedDemoDunning(db, debtors, owed, unitOf, today);
  await seedDemoBudgets(app, today);
  await seedCityBudgets(db, today);
  await seedCityChairAllowances(app, [m3, m2, m1]);
  const closed = monthsFrom(oldest, m2);
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
 * The 依法催缴 history of the other streets' debtors (the demo's arrears, nothing paid since each debtor's own oldest
 * month): the street's 1st debtor has had a 律师函, the 2nd also a 约谈, the 3rd also a 催缴函, the 4th also the 核定函
 * (so its next step is the 支付令 papers). The first step 20–34 days after the oldest month fell due (the 15th of the
 * month after it), the last 2–13 days before today, the others evenly between — so no two debtors share their dates
 * — each with what its letter printed, as takeDunningStep stores it (the street as issuer, its document numbers
 * 〔year〕1号, 2号 … in the order of issue within the year). One unnest insert.
 */
async function seedDemoDunning(
  db: Database, debtors: { id: number; name: string; credit_code: string; address: string; region_code: string; rn: number }[],
  owed: Map<number, { period: string; assessedFen: number }[]>, unitOf: Map<string, { id: number }>, today: string,
): Promise<void> {
  const streets = new Map((await queryRows<{ id: number; name: string }>(db, sql`select id, name from orgs where kind = 'street_federation'`)).map((s) => [s.id, s.name]));
  type Row = { enterpriseId: number; step: DunningStep; issuedOn: string; number: string | null; arrears: number; note: string; content: string | null };
  const rows: Row[] = [];
  const letters: { row: Row; issuer: { id: number; name: string }; e: (typeof debtors)[number]; periods: { period: string; assessedFen: number }[] }[] = [];
  for (const e of debtors) {
    const unit = unitOf.get(e.region_code);
    const periods = owed.get(e.id);
    if (!unit || !periods?.length) continue;
    const arrears = periods.reduce((a, p) => a + p.assessedFen, 0);
    const issuer = { id: unit.id, name: streets.get(unit.id) ?? '' };
    const depth = Math.min(e.rn, 4);
    const h = hashOf(`dunning:${e.id}`);
    const last = addDays(today, -(2 + (h % 12)));
    const first = depth === 1 ? last : minDate(addDays(paymentDueOn(periods[0]!.period), 20 + ((h >>> 8) % 15)), addDays(last, -(depth - 1) * 7));
    const span = daysBetween(first, last);
    for (const [j, step] of dunningSteps.slice(0, depth).entries()) {
      const issuedOn = depth === 1 ? last : addDays(first, Math.round((j * span) / (depth - 1)));
      const row: Row = {
        enterpriseId: e.id, step, issuedOn, number: null, arrears,
        note: step === 'interview' ? '已约谈企业负责人及财务，企业称资金紧张，承诺分期补缴' : '', content: null,
      };
      rows.push(row);
      if (step !== 'interview') letters.push({ row, issuer, e, periods });
    }
  }
  if (rows.length === 0) return;
  // document numbers per issuer and year, in the order the letters went out
  letters.sort((a, b) => a.issuer.id - b.issuer.id || a.row.issuedOn.localeCompare(b.row.issuedOn) || a.row.enterpriseId - b.row.enterpriseId);
  const numbers = new Map<string, number>();
  for (const { row, issuer, e, periods } of letters) {
    const year = row.issuedOn.slice(0, 4);
    const n = (numbers.get(`${issuer.id}:${year}`) ?? 0) + 1;
    numbers.set(`${issuer.id}:${year}`, n);
    const short = issuer.name.replace(/^.{2,3}?[区县]/, '').replace(/(总工会|工会)$/, '').replace(/[镇街道]+$/, '').slice(0, 4) || '工会';
    row.number = `${short}工经〔${year}〕${n}号`;
    const [upperFen, grassrootsFen] = splitFen(row.arrears, [4000, 6000]) as [number, number];
    const oldest = periods[0]!.period;
    row.content = JSON.stringify({
      step: row.step, documentNumber: row.number, issuedOn: row.issuedOn, issuer: { name: issuer.name },
      enterprise: { name: e.name, creditCode: e.credit_code, address: e.address },
      arrearsFen: row.arrears, oldestUnpaidPeriod: oldest, monthsOverdue: monthsOverdue(oldest, row.issuedOn), periods,
      deadlineDays: 15, split: { upperFen, grassrootsFen }, issuerId: issuer.id,
    });
  }
  await db.execute(sql`
    insert into dunning_steps (enterprise_id, step, issued_on, document_number, arrears_fen, note, content)
    select e, s, d, n, a, note, c::jsonb
      from unnest(${sql.param(rows.map((r) => r.enterpriseId))}::int[], ${sql.param(rows.map((r) => r.step))}::text[], ${sql.param(rows.map((r) => r.issuedOn))}::date[],
                  ${sql.param(rows.map((r) => r.number))}::text[], ${sql.param(rows.map((r) => r.arrears))}::bigint[], ${sql.param(rows.map((r) => r.note))}::text[],
                  ${sql.param(rows.map((r) => r.content))}::text[]) as t(e, s, d, n, a, note, c)`);
}

/** The earlier of two dates (YYYY-MM-DD). */
function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/** Calendar days from `a` to `b` (YYYY-MM-DD). */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
