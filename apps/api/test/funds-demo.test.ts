import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previousMonth, shanghaiDate, type ArrearsItem, type BudgetList, type ChairAllowanceRun, type FundsSummary, type Paged, type Statement, type TrialBalance } from '@lianxin/contracts';
import { demoMonthlyWageFen, seedDemoFunds } from '../src/features/funds/demo-funds.ts';
import { insertMembers, type NewMember } from '../src/features/members/members.enrol.ts';
import { newIdNumber, newPhone } from './support/fixtures.ts';
import { request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

let t: TestApp;
let gucun: Session;
const today = shanghaiDate();
const current = today.slice(0, 7);

/** 两非一无 members the test enrols before the demo runs (the members' demo is not in the test template), by join date. */
const joins = [
  '2019-05-10', `${Number(today.slice(0, 4)) - 1}-03-02`, `${Number(today.slice(0, 4)) - 1}-11-20`,
  `${previousMonth(previousMonth(previousMonth(current)))}-08`, `${previousMonth(previousMonth(current))}-03`, `${previousMonth(current)}-12`, `${current}-01`,
];

beforeAll(async () => {
  t = await startTestApp();
  // a few 两非一无 members in a federation of 顾村 and of a street elsewhere, joined over the years (subsidies below)
  const unions = await t.handle.query<{ id: number; path: string; region_code: string }>(`
    (select o.id, o.path::text as path, o.region_code from orgs o where o.kind not in ('enterprise_union', 'street_federation', 'district_federation', 'city_federation')
        and o.region_code = '310113109' and o.status <> 'dissolved' order by o.id limit 1)
    union all
    (select o.id, o.path::text as path, o.region_code from orgs o where o.kind not in ('enterprise_union', 'street_federation', 'district_federation', 'city_federation')
        and o.region_code like '310105%' and o.status <> 'dissolved' order by o.id limit 1)`);
  const rows = unions.flatMap((u) => joins.map((joinedOn): NewMember => ({
    name: '演示骑手', idNumber: newIdNumber(), phone: newPhone(), occupation: 'rider', category: 'non_standard', joinChannel: 'online',
    org: { id: u.id, path: u.path, regionCode: u.region_code }, enterpriseId: null, joinedOn,
  })));
  await t.handle.db.transaction((tx) => insertMembers(tx, t.app.keys, rows));
  const started = performance.now();
  await seedDemoFunds(t.app, today);
  console.log(`funds demo seed: ${Math.round(performance.now() - started)} ms`);
  gucun = await signIn(t.app, 'demo-gucun');
});
afterAll(() => t.close());

describe('the funds demo', () => {
  it('leaves the current and the previous month open and the month before closed, with balanced books', async () => {
    const periods = await t.handle.query<{ period: string; status: string }>(`select period, status from ledger_periods order by period`);
    const status = (p: string) => periods.find((x) => x.period === p)?.status ?? 'open';
    expect(status(current)).toBe('open');
    expect(status(previousMonth(current))).toBe('open');
    expect(status(previousMonth(previousMonth(current)))).toBe('closed');
    const unbalanced = await t.handle.query(`select org_id from journal_lines group by org_id having sum(debit_fen) <> sum(credit_fen)`);
    expect(unbalanced).toEqual([]);
    const r = await request(t.app, gucun, 'GET', `/api/funds/trial-balance?period=${previousMonth(current)}`);
    const tb = r.json<TrialBalance>();
    expect(tb.totalDebitFen).toBeGreaterThan(0);
    expect(tb.totalDebitFen).toBe(tb.totalCreditFen);
  });

  it('gives 顾村 plausible figures: a collection rate below 100 %, a return of at least 80 % of what was returned for, arrears in dunning', async () => {
    const summary = (await request(t.app, gucun, 'GET', `/api/funds/summary?year=${today.slice(0, 4)}`)).json<FundsSummary>();
    expect(summary.collectionRate).toBeGreaterThan(0.5);
    expect(summary.collectionRate).toBeLessThan(1);
    expect(summary.returnedFen).toBeGreaterThan(0);
    expect(summary.arrearsFen).toBeGreaterThan(0);
    const arrears = (await request(t.app, gucun, 'GET', '/api/funds/arrears?pageSize=50')).json<Paged<ArrearsItem>>();
    expect(arrears.items[0]!.monthsOverdue).toBeGreaterThanOrEqual(3);
    expect(arrears.items.some((i) => i.stepsDone.length === 2 && i.nextStep === 'dunning_letter')).toBe(true);
  });

  it('gives every district and street federation this year\'s budget (基本支出 and 项目支出) with 40–80 % spent, posted through the ledger', async () => {
    const year = Number(today.slice(0, 4));
    const without = await t.handle.query(`
      select o.name from orgs o where o.kind in ('district_federation', 'street_federation') and o.status <> 'dissolved'
         and (select count(distinct b.kind) from budget_lines b where b.org_id = o.id and b.year = $1) < 2`, [year]);
    expect(without).toEqual([]);
    const city = await signIn(t.app, 'demo-city');
    const districts = await t.handle.query<{ id: number; name: string }>(`select id, name from orgs where kind = 'district_federation' and status <> 'dissolved' order by id`);
    expect(districts.length).toBe(16);
    for (const d of districts) {
      const budget = (await request(t.app, city, 'GET', `/api/funds/budgets?orgId=${d.id}&year=${year}`)).json<BudgetList>();
      expect(budget.items.map((l) => l.kind).sort(), d.name).toEqual(['basic', 'basic', 'project', 'project', 'project']);
      expect(budget.totals.amountFen, d.name).toBeGreaterThanOrEqual(200_000_000);
      for (const line of budget.items) {
        expect(line.executionRate, `${d.name} ${line.name}`).toBeGreaterThan(0.39);
        expect(line.executionRate, `${d.name} ${line.name}`).toBeLessThanOrEqual(0.8);
      }
    }
    // each payment is an expenditure entry on the line's account; no line is overspent
    const [check] = await t.handle.query<{ lines: number; mismatched: number; over: number }>(`
      select count(*)::int as lines,
             count(*) filter (where spent <> ledger)::int as mismatched, count(*) filter (where spent > amount_fen)::int as over
        from (select l.id, l.amount_fen,
                     (select coalesce(sum(s.amount_fen), 0) from budget_spendings s where s.line_id = l.id) as spent,
                     (select coalesce(sum(j.debit_fen - j.credit_fen), 0) from budget_spendings s join journal_lines j on j.entry_id = s.entry_id
                       where s.line_id = l.id and j.account_code = l.account_code and j.org_id = l.org_id) as ledger
                from budget_lines l where l.year = $1) x`, [year]);
    expect(check!.lines).toBeGreaterThan(1000);
    expect(check!.mismatched).toBe(0);
    expect(check!.over).toBe(0);
  });

  it('pays the 两非一无 subsidies of earlier years and months, leaving the recent joins pending (30 yuan a level, the rule)', async () => {
    const rows = await t.handle.query<{ joined_on: string; status: string; paid_period: string | null; amount_fen: number; key: string | null; posted_on: string | null }>(`
      select m.joined_on::text as joined_on, s.status, s.paid_period, s.amount_fen, e.idempotency_key as key, e.posted_on::text as posted_on
        from subsidy_entitlements s join members m on m.id = s.member_id left join journal_entries e on e.id = s.paid_entry_id
       where m.name = '演示骑手'`);
    // both levels for the federation in 顾村; a federation registered at district level has no street above it
    expect(rows.length).toBeGreaterThanOrEqual(joins.length * 3);
    expect(rows.every((r) => r.amount_fen === 3000)).toBe(true);
    for (const r of rows) {
      if (r.joined_on < `${today.slice(0, 4)}-01-01`) {
        // the years before: in that year's December run
        expect(r, r.joined_on).toMatchObject({ status: 'paid', paid_period: `${r.joined_on.slice(0, 4)}-12`, posted_on: `${r.joined_on.slice(0, 4)}-12-31` });
      } else if (r.status === 'paid') {
        expect(r.key, r.joined_on).toMatch(/^subsidy:\d+:\d{4}-\d{2}$/);
        expect(r.paid_period! >= r.joined_on.slice(0, 7), r.joined_on).toBe(true);
      }
    }
    // every payer has paid up to three months back; the current month's joins are all pending
    expect(rows.filter((r) => r.joined_on < `${previousMonth(previousMonth(current))}-01`).every((r) => r.status === 'paid')).toBe(true);
    expect(rows.filter((r) => r.joined_on.startsWith(current)).every((r) => r.status === 'pending')).toBe(true);
  });

  it('sizes payrolls by the district\'s wage level: 黄浦 pays more per head than 宝山, 崇明 least', () => {
    const median = (region: string) => {
      const wages = Array.from({ length: 101 }, (_, i) => demoMonthlyWageFen(region, i + 1)).sort((a, b) => a - b);
      return wages[50]!;
    };
    expect(median('310101001')).toBeGreaterThan(median('310113109'));
    expect(median('310113109')).toBeGreaterThan(median('310151100'));
    for (const id of [1, 2, 3, 500]) {
      const wage = demoMonthlyWageFen('310113109', id);
      expect(wage % 100).toBe(0);
      expect(wage).toBeGreaterThanOrEqual(Math.round(1_230_700 * 0.85 * 0.75) - 100);
      expect(wage).toBeLessThanOrEqual(Math.round(1_230_700 * 0.85 * 1.25) + 100);
    }
  });

  it('puts enterprises in arrears in every district, at each step of 依法催缴 with its history and letters', async () => {
    const city = await signIn(t.app, 'demo-city');
    const districts = await t.handle.query<{ id: number; name: string }>(`select id, name from orgs where kind = 'district_federation' and status <> 'dissolved' order by id`);
    for (const d of districts) {
      const list = (await request(t.app, city, 'GET', `/api/funds/arrears?orgId=${d.id}&pageSize=200`)).json<Paged<ArrearsItem>>();
      expect(list.total, d.name).toBeGreaterThan(0);
      const depths = new Set(list.items.map((i) => i.stepsDone.length));
      expect([1, 2, 3, 4].every((n) => depths.has(n)), `${d.name}: ${[...depths]}`).toBe(true);
      // after the 核定函, more than 3 months overdue: the 支付令 papers are next
      expect(list.items.filter((i) => i.stepsDone.length === 4).every((i) => i.nextStep === 'payment_order'), d.name).toBe(true);
      // the debtors owe from months of their own
      expect(new Set(list.items.map((i) => i.oldestUnpaidPeriod)).size, d.name).toBeGreaterThan(1);
    }
    // the steps are dated each debtor its own way, in order, before today; the letters numbered in the order of issue
    const [dates] = await t.handle.query<{ days: number; unordered: number; future: number; misnumbered: number }>(`
      select (select count(distinct issued_on)::int from dunning_steps) as days,
             (select count(*)::int from dunning_steps a join dunning_steps b on b.enterprise_id = a.enterprise_id and b.id > a.id where b.issued_on < a.issued_on) as unordered,
             (select count(*)::int from dunning_steps where issued_on > $1::date) as future,
             (select count(*)::int from (select issued_on, document_number, lag(issued_on) over (partition by content->>'issuerId', left(document_number, strpos(document_number, '〕'))
                                               order by substring(document_number from '〕(\\d+)号')::int) as before
                                           from dunning_steps where document_number is not null and content ? 'issuerId') x where before > issued_on) as misnumbered`, [today]);
    expect(dates!.days).toBeGreaterThan(20);
    expect(dates).toMatchObject({ unordered: 0, future: 0, misnumbered: 0 });
    // nearly every street has its debtors (a street without enterprises of 20 employees has none)
    const [streets] = await t.handle.query<{ all: number; with_steps: number }>(`
      select count(*)::int as all,
             count(*) filter (where exists (select 1 from dunning_steps ds join enterprises e on e.id = ds.enterprise_id where e.region_code = s.region_code))::int as with_steps
        from orgs s where s.kind = 'street_federation' and s.status <> 'dissolved'`);
    expect(streets!.with_steps / streets!.all).toBeGreaterThan(0.9);
    // a letter of the history prints
    const [letter] = await t.handle.query<{ id: number }>(`select id from dunning_steps where step = 'assessment_letter' and content is not null order by id limit 1`);
    const pdf = await request(t.app, city, 'GET', `/api/funds/dunning-steps/${letter!.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });

  it('posts chair allowances in several districts (长宁 300–800 yuan a month by size and stars), shown as paid in the register', async () => {
    const city = await signIn(t.app, 'demo-city');
    const prev = previousMonth(current);
    const [changning] = await t.handle.query<{ id: number }>(`
      select s.id from orgs s where s.kind = 'street_federation' and left(s.region_code, 6) = '310105'
         and exists (select 1 from journal_entries e where e.idempotency_key like 'chair-allowance:%' and e.period = $1
                       and exists (select 1 from journal_lines l where l.entry_id = e.id and l.org_id = s.id))
       order by s.id limit 1`, [prev]);
    expect(changning).toBeDefined();
    const run = (await request(t.app, city, 'GET', `/api/funds/chair-allowances?orgId=${changning!.id}&period=${prev}`)).json<ChairAllowanceRun>();
    expect(run.items.length).toBeGreaterThan(0);
    expect(run.items.every((i) => i.entryId !== null && i.amountFen >= 30_000 && i.amountFen <= 80_000)).toBe(true);
    const districts = await t.handle.query<{ d: string; amounts: number }>(`
      select left(o.region_code, 6) as d, count(distinct l.debit_fen)::int as amounts
        from journal_entries e join journal_lines l on l.entry_id = e.id and l.account_code = '506' join orgs o on o.id = l.org_id
       where e.idempotency_key like 'chair-allowance:%' group by 1 order by 1`);
    expect(districts.length).toBeGreaterThanOrEqual(3);
    expect(districts.some((x) => x.amounts > 3)).toBe(true);
  });

  it('keeps the city\'s books balanced: the trial balance of the city sums to zero in every demo month', async () => {
    const city = await signIn(t.app, 'demo-city');
    const months = await t.handle.query<{ period: string }>(`select distinct period from journal_entries order by period`);
    expect(months.length).toBeGreaterThanOrEqual(4);
    for (const { period } of months) {
      const tb = (await request(t.app, city, 'GET', `/api/funds/trial-balance?period=${period}`)).json<TrialBalance>();
      expect(tb.totalDebitFen, period).toBeGreaterThan(0);
      expect(tb.totalDebitFen, period).toBe(tb.totalCreditFen);
    }
    const [all] = await t.handle.query<{ d: string; c: string }>(`select sum(debit_fen)::text as d, sum(credit_fen)::text as c from journal_lines`);
    expect(all!.d).toBe(all!.c);
    // a district's balance sheet balances, the surplus brought forward and this year's on one 331 line
    const [changning] = await t.handle.query<{ id: number }>(`select id from orgs where kind = 'district_federation' and region_code = '310105'`);
    const bs = (await request(t.app, city, 'GET', `/api/funds/statements/balance-sheet?orgId=${changning!.id}&period=${current}`)).json<Statement>();
    expect(bs.resultFen).toBe(0);
    const net = bs.sections.find((x) => x.class === 'net_assets')!;
    expect(net.lines.filter((l) => l.code === '331')).toHaveLength(1);
    expect(net.totalFen).toBeGreaterThan(0);
  });
});
