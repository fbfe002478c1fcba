import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  previousMonth, shanghaiDate, type BudgetLine, type BudgetList, type MemberFunds, type Spending, type SpendingList, type SubsidyList, type SubsidyRun, type TrialBalance,
} from '@lianxin/contracts';
import { subsidyPostedOn } from '../src/features/funds/funds.subsidies.ts';
import { insertMembers } from '../src/features/members/members.enrol.ts';
import { newIdNumber, newPhone } from './support/fixtures.ts';
import { request, signIn, signInMember, startTestApp, type Session, type TestApp } from './support/test-app.ts';

/**
 * Budgets with spending, the 两非一无 subsidy runs and 经费公开 (issue 13): through the API on a real database, with
 * the ledger's invariants checked after the writes.
 */
let t: TestApp;
let city: Session;
let baoshan: Session;
let gucun: Session;
let foreign: Session;
let assessor: Session;
let chair: Session;

const today = shanghaiDate();
const year = Number(today.slice(0, 4));
const current = today.slice(0, 7);
const prev = previousMonth(current);
let seq = 0;
const key = () => `test-spending-${++seq}-${Date.now()}`;

beforeAll(async () => {
  t = await startTestApp();
  city = await signIn(t.app, 'demo-city');
  baoshan = await signIn(t.app, 'demo-baoshan');
  gucun = await signIn(t.app, 'demo-gucun');
  foreign = await signIn(t.app, 'staff-310101');
  assessor = await signIn(t.app, 'demo-assessor');
  chair = await signIn(t.app, 'demo-chair');
});
afterAll(() => t.close());

const ok = async <T>(session: Session, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, status = method === 'POST' ? 201 : 200): Promise<T> => {
  const r = await request(t.app, session, method, url, body);
  expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(status);
  return r.json<T>();
};

let lineNo = 0;
const newLine = (session: Session, orgId: number, amountFen: number, overrides: Record<string, unknown> = {}) =>
  ok<BudgetLine>(session, 'POST', '/api/funds/budgets', { orgId, year, kind: 'project', name: `测试预算项目${++lineNo}`, accountCode: '501', amountFen, ...overrides });

const pay = (session: Session, lineId: number, amountFen: number, spentOn = `${year}-01-01`, idempotencyKey = key()) =>
  request(t.app, session, 'POST', `/api/funds/budgets/${lineId}/spendings`, { spentOn, payee: '上海测试服务社', purpose: '会员活动', amountFen, idempotencyKey });

/** Every union's books balance, and ledger_balances equals the journal summed directly. */
async function ledgerInvariants() {
  const unbalanced = await t.handle.query(`select org_id from journal_lines group by org_id having sum(debit_fen) <> sum(credit_fen)`);
  expect(unbalanced).toEqual([]);
  const drift = await t.handle.query(`
    with direct as (select l.org_id, l.account_code, e.period, sum(l.debit_fen) d, sum(l.credit_fen) c
                      from journal_lines l join journal_entries e on e.id = l.entry_id group by 1, 2, 3)
    select * from direct full join ledger_balances b using (org_id, account_code, period)
     where direct.d is distinct from b.debit_fen or direct.c is distinct from b.credit_fen`);
  expect(drift).toEqual([]);
  // a line never spends past its budget, and its spending equals its expense account's movements from payments
  const over = await t.handle.query(`
    select l.id from budget_lines l where l.amount_fen < (select coalesce(sum(amount_fen), 0) from budget_spendings s where s.line_id = l.id and s.reversal_entry_id is null)`);
  expect(over).toEqual([]);
  const ledgerSpent = await t.handle.query(`
    select s.line_id from budget_spendings s join budget_lines l on l.id = s.line_id
      join journal_lines j on j.entry_id in (s.entry_id, s.reversal_entry_id) and j.account_code = l.account_code and j.org_id = l.org_id
     group by s.line_id, l.id
    having sum(j.debit_fen - j.credit_fen) <> (select coalesce(sum(amount_fen), 0) from budget_spendings x where x.line_id = l.id and x.reversal_entry_id is null)`);
  expect(ledgerSpent).toEqual([]);
}

/** 两非一无 members of a union joined on these days (entitlements written by the membership module's insert). */
async function addMembers(unionId: number, joinedOn: string[], phones: string[] = []) {
  const [org] = await t.handle.query<{ id: number; path: string; region_code: string }>('select id, path::text as path, region_code from orgs where id = $1', [unionId]);
  return t.app.db.transaction((tx) => insertMembers(tx, t.app.keys, joinedOn.map((d, i) => ({
    name: '骑手测试', idNumber: newIdNumber(), phone: phones[i] ?? newPhone(), occupation: 'courier' as const, category: 'non_standard' as const,
    joinChannel: 'online' as const, org: { id: org!.id, path: org!.path, regionCode: org!.region_code }, enterpriseId: null, joinedOn: d,
  }))));
}

describe('budgets with spending', () => {
  it('sets a line, posts a payment Dr expense / Cr 102 at the union, and shows spent, remaining and execution rate', async () => {
    const line = await newLine(gucun, gucun.orgId, 50_530_000, { name: '会员普惠服务项目', accountCode: '501' });
    expect(line).toMatchObject({ spentFen: 0, remainingFen: 50_530_000, executionRate: 0, kind: 'project', org: { id: gucun.orgId } });
    const r = await pay(gucun, line.id, 12_345_678);
    expect(r.statusCode, r.body).toBe(201);
    const spending = r.json<Spending>();
    expect(spending).toMatchObject({ amountFen: 12_345_678, period: `${year}-01`, reversalEntryId: null });
    const lines = await t.handle.query<{ org_id: number; account_code: string; debit_fen: string; credit_fen: string }>(
      'select org_id, account_code, debit_fen, credit_fen from journal_lines where entry_id = $1 order by id', [spending.entryId]);
    expect(lines.map((l) => [l.org_id, l.account_code, Number(l.debit_fen), Number(l.credit_fen)])).toEqual([
      [gucun.orgId, '501', 12_345_678, 0], [gucun.orgId, '102', 0, 12_345_678],
    ]);
    const list = await ok<BudgetList>(gucun, 'GET', `/api/funds/budgets?year=${year}`);
    const shown = list.items.find((l) => l.id === line.id)!;
    expect(shown).toMatchObject({ spentFen: 12_345_678, remainingFen: 50_530_000 - 12_345_678 });
    expect(shown.executionRate).toBeCloseTo(12_345_678 / 50_530_000, 10);
    expect(list.totals.amountFen).toBe(list.items.reduce((a, l) => a + l.amountFen, 0));
    await ledgerInvariants();
  });

  it('refuses a payment past what remains, naming the line and the amount left; refuses a date outside the year or in the future', async () => {
    const line = await newLine(gucun, gucun.orgId, 100_000, { name: '职工法律援助' });
    expect((await pay(gucun, line.id, 60_000)).statusCode).toBe(201);
    const over = await pay(gucun, line.id, 40_001);
    expect(over.statusCode).toBe(400);
    const body = over.json<{ fields: Record<string, string> }>();
    expect(body.fields.amountFen).toContain('职工法律援助');
    expect(body.fields.amountFen).toContain('400.00');
    const en = await request(t.app, gucun, 'POST', `/api/funds/budgets/${line.id}/spendings`,
      { spentOn: `${year}-01-01`, payee: 'x', purpose: 'y', amountFen: 40_001, idempotencyKey: key() }, { 'accept-language': 'en' });
    expect(en.json<{ fields: Record<string, string> }>().fields.amountFen).toContain('400.00 yuan left');
    expect((await pay(gucun, line.id, 40_000)).statusCode).toBe(201);
    expect((await pay(gucun, line.id, 1)).statusCode).toBe(400);
    const line2 = await newLine(gucun, gucun.orgId, 100_000);
    const wrongYear = await pay(gucun, line2.id, 100, `${year - 1}-12-31`);
    expect(wrongYear.statusCode).toBe(400);
    expect(Object.keys(wrongYear.json<{ fields: object }>().fields)).toEqual(['spentOn']);
    const future = await pay(gucun, line2.id, 100, `${year}-12-31` > today ? `${year}-12-31` : today);
    if (`${year}-12-31` > today) expect(future.statusCode).toBe(400);
    // bad input: 400 with the field, never a 500
    const bad = await request(t.app, gucun, 'POST', '/api/funds/budgets', { orgId: gucun.orgId, year, kind: 'other', name: '', accountCode: '102', amountFen: 0 });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json<{ fields: object }>().fields).sort()).toEqual(['accountCode', 'amountFen', 'kind', 'name']);
    const twice = await request(t.app, gucun, 'POST', '/api/funds/budgets', { orgId: gucun.orgId, year, kind: 'basic', name: '职工法律援助', accountCode: '502', amountFen: 1 });
    expect(twice.statusCode).toBe(409);
  });

  it('posts a retried payment once; the same key for a different payment is 409', async () => {
    const line = await newLine(gucun, gucun.orgId, 1_000_000);
    const k = key();
    const first = await pay(gucun, line.id, 5_000, `${year}-01-01`, k);
    expect(first.statusCode).toBe(201);
    const again = await pay(gucun, line.id, 5_000, `${year}-01-01`, k);
    expect(again.statusCode).toBe(200);
    expect(again.json<Spending>().id).toBe(first.json<Spending>().id);
    expect((await pay(gucun, line.id, 6_000, `${year}-01-01`, k)).statusCode).toBe(409);
    const [n] = await t.handle.query<{ n: number }>(`select count(*)::int as n from journal_entries where idempotency_key = $1`, [`budget-spending:${line.id}:${k}`]);
    expect(n!.n).toBe(1);
    // another district's payment with the same client key is its own (keys are per line: nothing refused, nothing revealed)
    const theirs = await newLine(foreign, foreign.orgId, 1_000_000);
    expect((await pay(foreign, theirs.id, 5_000, `${year}-01-01`, k)).statusCode).toBe(201);
  });

  it('lets concurrent payments on a line never overspend it together', async () => {
    const line = await newLine(gucun, gucun.orgId, 1_000);
    const answers = await Promise.all(Array.from({ length: 5 }, () => pay(gucun, line.id, 300)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 201, 201, 400, 400]);
    const list = await ok<SpendingList>(gucun, 'GET', `/api/funds/budgets/${line.id}/spendings`);
    expect(list.line).toMatchObject({ spentFen: 900, remainingFen: 100 });
    await ledgerInvariants();
  });

  it('corrects a payment by a reversing entry (once), which frees the budget; an adjustment never goes below what is spent', async () => {
    const line = await newLine(gucun, gucun.orgId, 10_000);
    const spending = (await pay(gucun, line.id, 10_000)).json<Spending>();
    expect((await pay(gucun, line.id, 1)).statusCode).toBe(400);
    const below = await request(t.app, gucun, 'PATCH', `/api/funds/budgets/${line.id}`, { amountFen: 9_999 });
    expect(below.statusCode).toBe(400);
    expect(below.json<{ fields: Record<string, string> }>().fields.amountFen).toContain('100.00');
    const reversed = await ok<Spending>(gucun, 'POST', `/api/funds/budget-spendings/${spending.id}/reverse`, { reason: '发票作废' }, 200);
    expect(reversed.reversalEntryId).not.toBeNull();
    const [rev] = await t.handle.query<{ reverses_id: string; period: string }>('select reverses_id, period from journal_entries where id = $1', [reversed.reversalEntryId]);
    expect(Number(rev!.reverses_id)).toBe(spending.entryId);
    expect(rev!.period).toBe(current);
    expect((await request(t.app, gucun, 'POST', `/api/funds/budget-spendings/${spending.id}/reverse`, { reason: '再次冲销' })).statusCode).toBe(409);
    const after = await ok<SpendingList>(gucun, 'GET', `/api/funds/budgets/${line.id}/spendings`);
    expect(after.line).toMatchObject({ spentFen: 0, remainingFen: 10_000 });
    expect(after.items[0]).toMatchObject({ reverseReason: '发票作废' });
    expect((await ok<BudgetLine>(gucun, 'PATCH', `/api/funds/budgets/${line.id}`, { amountFen: 5_000 })).remainingFen).toBe(5_000);
    await ledgerInvariants();
  });

  it('posts a payment dated in a closed month in the next open month', async () => {
    const last = year - 1;
    await ok(city, 'POST', `/api/funds/periods/${last}-03/close`, undefined, 200);
    const line = await newLine(gucun, gucun.orgId, 10_000, { year: last });
    const r = await pay(gucun, line.id, 2_500, `${last}-03-10`);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json<Spending>()).toMatchObject({ spentOn: `${last}-03-10`, period: `${last}-04` });
  });

  it('keeps budgets in scope: another district\'s staff get 404, the assessor may not write, a union sees only its own', async () => {
    const line = await newLine(gucun, gucun.orgId, 10_000);
    expect((await request(t.app, foreign, 'GET', `/api/funds/budgets?orgId=${gucun.orgId}&year=${year}`)).statusCode).toBe(404);
    expect((await request(t.app, foreign, 'GET', `/api/funds/budgets/${line.id}/spendings`)).statusCode).toBe(404);
    expect((await pay(foreign, line.id, 100)).statusCode).toBe(404);
    expect((await request(t.app, foreign, 'PATCH', `/api/funds/budgets/${line.id}`, { amountFen: 1 })).statusCode).toBe(404);
    expect((await request(t.app, foreign, 'POST', '/api/funds/budgets', { orgId: gucun.orgId, year, kind: 'basic', name: '越权', accountCode: '504', amountFen: 1 })).statusCode).toBe(404);
    expect((await pay(assessor, line.id, 100)).statusCode).toBe(403);
    // the district sees the street's lines; the enterprise union's chair only the union's own
    expect((await ok<BudgetList>(baoshan, 'GET', `/api/funds/budgets?orgId=${gucun.orgId}&year=${year}`)).items.map((l) => l.id)).toContain(line.id);
    expect((await request(t.app, chair, 'GET', `/api/funds/budgets?orgId=${gucun.orgId}&year=${year}`)).statusCode).toBe(404);
    expect((await request(t.app, chair, 'GET', `/api/funds/budgets/${line.id}/spendings`)).statusCode).toBe(404);
    const own = await newLine(chair, chair.orgId, 3_000, { kind: 'basic', accountCode: '504' });
    expect((await pay(chair, own.id, 1_000)).statusCode).toBe(201);
    const mine = await ok<BudgetList>(chair, 'GET', `/api/funds/budgets?year=${year}`);
    expect(mine.items.map((l) => l.id)).toEqual([own.id]);
    expect((await request(t.app, chair, 'GET', `/api/funds/trial-balance?orgId=${gucun.orgId}&period=${year}-01`)).statusCode).toBe(404);
  });
});

describe('两非一无 subsidies paid through the ledger', () => {
  it('pays a street\'s pending subsidies of members joined by the month\'s end once, even when the run is sent concurrently', async () => {
    const members = await addMembers(chair.orgId, [`${prev}-15`, `${prev}-20`, `${current}-01`]);
    const ids = members.map((m) => m.id);
    const before = await ok<SubsidyList>(gucun, 'GET', '/api/funds/subsidies?status=pending&pageSize=200');
    expect(before.payer.id).toBe(gucun.orgId);
    expect(before.items.filter((i) => i.union.id === chair.orgId).length).toBeGreaterThanOrEqual(3);
    expect(before.items.every((i) => i.memberName.includes('*'))).toBe(true);
    const pending = await t.handle.query<{ member_id: number; amount_fen: number }>(
      `select member_id, amount_fen from subsidy_entitlements where org_id = $1 and status = 'pending'`, [gucun.orgId]);
    const [joined] = await t.handle.query<{ due: number; n: number }>(`
      select coalesce(sum(s.amount_fen), 0)::int as due, count(*)::int as n from subsidy_entitlements s join members m on m.id = s.member_id
       where s.org_id = $1 and s.status = 'pending' and m.joined_on < $2::date`, [gucun.orgId, `${current}-01`]);

    const answers = await Promise.all(Array.from({ length: 4 }, () => request(t.app, gucun, 'POST', '/api/funds/subsidies/runs', { orgId: gucun.orgId, period: prev })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 201]);
    const runs = answers.map((a) => a.json<SubsidyRun>());
    expect(new Set(runs.map((r) => r.entryId)).size).toBe(1);
    expect(runs.every((r) => r.count === joined!.n && r.amountFen === joined!.due)).toBe(true);
    const [entries] = await t.handle.query<{ n: number }>(`select count(*)::int as n from journal_entries where idempotency_key = $1`, [`subsidy:${gucun.orgId}:${prev}`]);
    expect(entries!.n).toBe(1);

    // the member joined this month waits for this month's run
    const states = await t.handle.query<{ member_id: number; status: string; paid_period: string | null }>(
      `select member_id, status, paid_period from subsidy_entitlements where org_id = $1 and member_id = any($2::int[]) order by member_id`, [gucun.orgId, ids]);
    expect(states.map((s) => s.status)).toEqual(['paid', 'paid', 'pending']);
    expect(states[0]!.paid_period).toBe(prev);

    // the payer's expense equals the unions' income, fen for fen; every union's books balance
    const entryId = runs[0]!.entryId!;
    const [sums] = await t.handle.query<{ expense: number; income: number; payer_bank: number }>(`
      select sum(debit_fen) filter (where account_code = '506' and org_id = $2)::int as expense,
             sum(credit_fen) filter (where account_code = '40302')::int as income,
             sum(credit_fen - debit_fen) filter (where account_code = '102' and org_id = $2)::int as payer_bank
        from journal_lines where entry_id = $1`, [entryId, gucun.orgId]);
    expect(sums).toEqual({ expense: joined!.due, income: joined!.due, payer_bank: joined!.due });
    await ledgerInvariants();

    // this month's run pays the rest; the month's run again posts nothing
    const now = await ok<SubsidyRun>(gucun, 'POST', '/api/funds/subsidies/runs', { orgId: gucun.orgId, period: current });
    expect(now.count).toBe(pending.length - joined!.n);
    const again = await ok<SubsidyRun>(gucun, 'POST', '/api/funds/subsidies/runs', { orgId: gucun.orgId, period: current }, 200);
    expect(again).toMatchObject({ created: false, entryId: now.entryId, count: now.count });
    const after = await ok<SubsidyList>(gucun, 'GET', '/api/funds/subsidies');
    expect(after.pendingCount).toBe(0);
    expect(after.paidFen).toBe(pending.reduce((a, p) => a + p.amount_fen, 0) + before.paidFen);
  });

  it('answers 400 for a future month or a payer that is not a district or street federation, 404 out of scope, 403 without the capability', async () => {
    const next = `${year + 1}-01`;
    const future = await request(t.app, gucun, 'POST', '/api/funds/subsidies/runs', { orgId: gucun.orgId, period: next });
    expect(future.statusCode).toBe(400);
    expect(Object.keys(future.json<{ fields: object }>().fields)).toEqual(['period']);
    const union = await request(t.app, gucun, 'GET', `/api/funds/subsidies?orgId=${chair.orgId}`);
    expect(union.statusCode).toBe(400);
    expect((await request(t.app, foreign, 'GET', `/api/funds/subsidies?orgId=${gucun.orgId}`)).statusCode).toBe(404);
    expect((await request(t.app, foreign, 'POST', '/api/funds/subsidies/runs', { orgId: gucun.orgId, period: prev })).statusCode).toBe(404);
    expect((await request(t.app, gucun, 'GET', `/api/funds/subsidies?orgId=${baoshan.orgId}`)).statusCode).toBe(404);
    expect((await request(t.app, chair, 'POST', '/api/funds/subsidies/runs', { orgId: chair.orgId, period: prev })).statusCode).toBe(403);
    expect((await request(t.app, assessor, 'POST', '/api/funds/subsidies/runs', { orgId: baoshan.orgId, period: prev })).statusCode).toBe(403);
    // the district's own level stays pending until the district runs it
    const district = await ok<SubsidyList>(baoshan, 'GET', '/api/funds/subsidies');
    expect(district.payer.id).toBe(baoshan.orgId);
    expect(district.pendingCount).toBeGreaterThan(0);
  });
});

describe('经费公开 on the member H5', () => {
  it('shows the member\'s union\'s own income, spending and budget execution, nothing about enterprises or people', async () => {
    const phone = newPhone();
    await addMembers(chair.orgId, [`${prev}-02`], [phone]);
    const line = await newLine(chair, chair.orgId, 20_000, { name: '职工文体活动', accountCode: '501' });
    expect((await pay(chair, line.id, 5_000)).statusCode).toBe(201);
    await ok(baoshan, 'POST', '/api/funds/subsidies/runs', { orgId: baoshan.orgId, period: prev });
    const member = await signInMember(t, phone);
    const funds = await ok<MemberFunds>(member, 'GET', `/api/me/funds?year=${year}`);
    expect(funds.union.id).toBe(chair.orgId);
    const [books] = await t.handle.query<{ income: number; subsidy: number; spending: number }>(`
      select coalesce(sum(credit_fen - debit_fen) filter (where account_code in ('402', '40301', '40302')), 0)::int as income,
             coalesce(sum(credit_fen - debit_fen) filter (where account_code = '40302'), 0)::int as subsidy,
             coalesce(sum(debit_fen - credit_fen) filter (where account_code in ('501', '502', '503', '504', '506')), 0)::int as spending
        from ledger_balances where org_id = $1 and period like $2`, [chair.orgId, `${year}-%`]);
    expect(funds.incomeTotalFen).toBe(books!.income);
    expect(funds.income.find((i) => i.code === '40302')?.amountFen).toBe(books!.subsidy);
    expect(books!.subsidy).toBeGreaterThan(0);
    expect(funds.spendingTotalFen).toBe(books!.spending);
    expect(funds.budget.lines.find((l) => l.name === '职工文体活动')).toMatchObject({ amountFen: 20_000, spentFen: 5_000, executionRate: 0.25 });
    expect(JSON.stringify(funds)).not.toMatch(/enterprise|arrears|idNumber|phone/i);
    expect((await request(t.app, gucun, 'GET', '/api/me/funds')).statusCode).toBe(403);
    expect((await request(t.app, null, 'GET', '/api/me/funds')).statusCode).toBe(401);
    expect((await request(t.app, member, 'GET', `/api/funds/budgets?year=${year}`)).statusCode).toBe(403);
  });
});

describe('property', () => {
  it('random payments, overspend attempts, reversals and subsidy runs keep every union\'s books and every subtree\'s trial balance at zero', async () => {
    const units = [gucun, chair];
    const lines: BudgetLine[] = [];
    for (const s of units) lines.push(await newLine(s, s.orgId, 200_000), await newLine(s, s.orgId, 50_000, { kind: 'basic', accountCode: '504' }));
    const payments: number[] = [];
    await fc.assert(fc.asyncProperty(
      fc.array(fc.oneof(
        fc.record({ kind: fc.constant('pay' as const), line: fc.nat(lines.length - 1), fen: fc.integer({ min: 1, max: 120_000 }) }),
        fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat(50) }),
        fc.record({ kind: fc.constant('join' as const), n: fc.integer({ min: 1, max: 3 }) }),
        fc.record({ kind: fc.constant('run' as const), payer: fc.constantFrom('street', 'district'), thisMonth: fc.boolean() }),
      ), { minLength: 3, maxLength: 8 }),
      async (ops) => {
        for (const op of ops) {
          if (op.kind === 'pay') {
            const l = lines[op.line]!;
            const r = await pay(l.org.id === gucun.orgId ? gucun : chair, l.id, op.fen);
            expect([201, 400]).toContain(r.statusCode);
            if (r.statusCode === 201) payments.push(r.json<Spending>().id);
          } else if (op.kind === 'reverse') {
            if (payments.length === 0) continue;
            const id = payments[op.pick % payments.length]!;
            const r = await request(t.app, gucun, 'POST', `/api/funds/budget-spendings/${id}/reverse`, { reason: '随机冲销' });
            expect([200, 409]).toContain(r.statusCode);
          } else if (op.kind === 'join') {
            await addMembers(chair.orgId, Array.from({ length: op.n }, () => `${prev}-10`));
          } else {
            const session = op.payer === 'street' ? gucun : baoshan;
            const r = await request(t.app, session, 'POST', '/api/funds/subsidies/runs', { orgId: session.orgId, period: op.thisMonth ? current : prev });
            expect([200, 201]).toContain(r.statusCode);
          }
        }
        await ledgerInvariants();
        for (const [session, period] of [[gucun, current], [baoshan, current], [city, current], [chair, `${year}-01`]] as const) {
          const tb = await ok<TrialBalance>(session, 'GET', `/api/funds/trial-balance?period=${period}`);
          expect(tb.totalDebitFen).toBe(tb.totalCreditFen);
        }
        const [paid] = await t.handle.query<{ bad: number }>(`
          select count(*)::int as bad from subsidy_entitlements s
           where (s.status = 'paid') <> (s.paid_entry_id is not null)
              or (s.status = 'paid' and not exists (select 1 from journal_entries e where e.id = s.paid_entry_id))`);
        expect(paid!.bad).toBe(0);
      },
    ), { numRuns: 4 });
  });
});

describe('a subsidy run is dated in the month it pays for (fixed dates)', () => {
  it('the rule: the month\'s last day when it posts there, today at the latest, else the first day of the open month it went to', () => {
    expect(subsidyPostedOn('2027-02', '2027-02', '2027-05-10')).toBe('2027-02-28');
    expect(subsidyPostedOn('2028-02', '2028-02', '2028-05-10')).toBe('2028-02-29');
    expect(subsidyPostedOn('2027-12', '2027-12', '2028-01-02')).toBe('2027-12-31');
    expect(subsidyPostedOn('2027-05', '2027-05', '2027-05-10')).toBe('2027-05-10');
    expect(subsidyPostedOn('2027-02', '2027-04', '2027-05-10')).toBe('2027-04-01');
  });

  it('posts a past open month\'s run on its last day, a closed month\'s in the first open month, and records the period it posted in', async () => {
    // fixed dates: two and three months back (open until the close below; only last year's March and before are closed)
    const m2 = previousMonth(prev);
    const m3 = previousMonth(m2);
    const lastDay = (period: string) => new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 0)).getUTCDate();
    await addMembers(chair.orgId, [`${m2}-05`, `${m2}-20`, `${m3}-12`]);
    // the street's run for m2, open: dated m2's last day, in m2
    const run = await ok<SubsidyRun>(gucun, 'POST', '/api/funds/subsidies/runs', { orgId: gucun.orgId, period: m2 });
    expect(run).toMatchObject({ period: m2, postedPeriod: m2, postedOn: `${m2}-${lastDay(m2)}`, created: true });
    const [entry] = await t.handle.query<{ period: string; posted_on: string }>(`select period, posted_on::text from journal_entries where id = $1`, [run.entryId]);
    expect(entry).toEqual({ period: m2, posted_on: `${m2}-${lastDay(m2)}` });
    expect(await t.handle.query(`select distinct paid_period from subsidy_entitlements where paid_entry_id = $1`, [run.entryId])).toEqual([{ paid_period: m2 }]);
    // the retry answers the same date and month
    expect(await ok<SubsidyRun>(gucun, 'POST', '/api/funds/subsidies/runs', { orgId: gucun.orgId, period: m2 }, 200))
      .toMatchObject({ entryId: run.entryId, postedPeriod: m2, postedOn: `${m2}-${lastDay(m2)}`, created: false });

    // m3 closed: the district's run for m3 posts in the first open month (m2), dated its first day
    await ok(city, 'POST', `/api/funds/periods/${m3}/close`, undefined, 200);
    const late = await ok<SubsidyRun>(baoshan, 'POST', '/api/funds/subsidies/runs', { orgId: baoshan.orgId, period: m3 });
    expect(late).toMatchObject({ period: m3, postedPeriod: m2, postedOn: `${m2}-01`, created: true });
    const [lateEntry] = await t.handle.query<{ period: string; posted_on: string }>(`select period, posted_on::text from journal_entries where id = $1`, [late.entryId]);
    expect(lateEntry).toEqual({ period: m2, posted_on: `${m2}-01` });
    expect(await t.handle.query(`select distinct paid_period from subsidy_entitlements where paid_entry_id = $1`, [late.entryId])).toEqual([{ paid_period: m2 }]);
    await ledgerInvariants();
  });
});
