import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNDS_MAX_FEN, shanghaiDate, type BudgetList, type TrialBalance } from '@lianxin/contracts';
import { fenFigure, sumFen } from '../src/features/funds/fen-figures.ts';
import { request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

/**
 * Huge amounts (issue 13): every funds amount has a stated bound (FUNDS_MAX_FEN = 10^13 fen = 1,000 亿元) named in
 * the message, and a sum past 2^53 − 1 fen (Number.MAX_SAFE_INTEGER) is a 422 naming the figure — it was a 500
 * (the response schema refused the rounded float). The huge books are written straight into the tables, as years
 * of data (or data from before the bound) would be; the API cannot write them any more.
 */
let t: TestApp;
let gucun: Session;
let enterpriseId: number;
let gucunOrg: { id: number; path: string };

const year = Number(shanghaiDate().slice(0, 4));
/** a month of its own, far ahead, so the huge entries touch no other test's figures */
const HUGE_PERIOD = '2001-01'; // a month long gone: no statement of a month not yet come is shown
const HUGE = 4_000_000_000_000_000; // 4 × 10^15 fen: three of them pass 2^53

beforeAll(async () => {
  t = await startTestApp();
  gucun = await signIn(t.app, 'demo-gucun');
  const [org] = await t.handle.query<{ id: number; path: string }>(`select id, path::text as path from orgs where id = $1`, [gucun.orgId]);
  gucunOrg = org!;
  const [e] = await t.handle.query<{ id: number }>(`select id from enterprises where org_path <@ $1::ltree and employee_count > 0 order by id limit 1`, [gucunOrg.path]);
  enterpriseId = e!.id;
});
afterAll(() => t.close());

const en = { 'accept-language': 'en' };

describe('every funds amount has a bound, named in the message', () => {
  it('refuses an amount past 1,000 亿元 with a 400 on the field naming the field and the bound, in zh-CN and English', async () => {
    const cases: [string, string, Record<string, unknown>, string, string, string][] = [
      ['POST', '/api/funds/payroll', { enterpriseId, period: shanghaiDate().slice(0, 7), payrollFen: FUNDS_MAX_FEN + 1 }, 'payrollFen', '工资总额', 'payroll'],
      ['POST', '/api/funds/receipts', { enterpriseId, amountFen: FUNDS_MAX_FEN + 1, receivedOn: shanghaiDate(), idempotencyKey: 'huge-receipt-1' }, 'amountFen', '收款金额', 'amount received'],
      ['POST', '/api/funds/budgets', { orgId: gucun.orgId, year, kind: 'basic', name: '巨额预算', accountCode: '504', amountFen: FUNDS_MAX_FEN + 1 }, 'amountFen', '预算金额', 'budget amount'],
      ['POST', '/api/funds/rate-exceptions', { enterpriseId, kind: 'per_head', perHeadFen: FUNDS_MAX_FEN + 1, reason: '联合工会定额', validFrom: '2026-01', validTo: '2026-12' }, 'perHeadFen', '每人定额', 'amount per employee'],
    ];
    for (const [method, url, body, field, zh, english] of cases) {
      const r = await request(t.app, gucun, method as 'POST', url, body);
      expect(r.statusCode, `${url}: ${r.body}`).toBe(400);
      expect(r.json().fields[field], url).toContain(zh);
      expect(r.json().fields[field], url).toContain('1,000 亿元');
      const e = await request(t.app, gucun, method as 'POST', url, body, en);
      expect(e.json().fields[field], url).toContain(english);
      expect(e.json().fields[field], url).toContain('100 billion yuan');
    }
  });

  it('accepts an amount at the bound', async () => {
    const r = await request(t.app, gucun, 'POST', '/api/funds/budgets', { orgId: gucun.orgId, year, kind: 'basic', name: '上限预算', accountCode: '504', amountFen: FUNDS_MAX_FEN });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().amountFen).toBe(FUNDS_MAX_FEN);
    const spending = await request(t.app, gucun, 'POST', `/api/funds/budgets/${r.json().id}/spendings`, {
      spentOn: shanghaiDate(), payee: '测试', purpose: '测试', amountFen: FUNDS_MAX_FEN + 1, idempotencyKey: 'huge-spending-1',
    });
    expect(spending.statusCode).toBe(400);
    expect(spending.json().fields.amountFen).toContain('支出金额');
  });
});

describe('sums past 2^53 − 1 fen are a 422 naming the figure, never a 500 or a rounded number', () => {
  it('the checked conversion: exact up to 2^53 − 1, refused above, sums exact or refused', () => {
    expect(fenFigure('9007199254740991', 'x')).toBe(Number.MAX_SAFE_INTEGER);
    expect(fenFigure('-9007199254740991', 'x')).toBe(-Number.MAX_SAFE_INTEGER);
    expect(fenFigure(null, 'x')).toBe(0);
    expect(() => fenFigure('9007199254740992', 'totalDebitFen')).toThrow(expect.objectContaining({ status: 422, code: 'figure_too_large', params: { figure: 'totalDebitFen' } }));
    expect(() => fenFigure(2 ** 53, 'x')).toThrow(expect.objectContaining({ status: 422 }));
    expect(sumFen([Number.MAX_SAFE_INTEGER - 1, 1], 'x')).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1, -5], 'totalFen')).not.toThrow();
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1], 'totalFen')).toThrow(expect.objectContaining({ status: 422 }));
  });

  it('a budget of lines summing past 2^53 − 1 answers 422 on the totals, in both languages', async () => {
    await t.handle.query(`
      insert into budget_lines (org_id, org_path, year, kind, name, account_code, amount_fen)
      select $1, $2::ltree, 2031, 'project', '巨额项目' || g, '501', $3::bigint from generate_series(1, 3) g`, [gucunOrg.id, gucunOrg.path, HUGE]);
    const r = await request(t.app, gucun, 'GET', '/api/funds/budgets?year=2031');
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().code).toBe('figure_too_large');
    expect(r.json().message).toContain('totals.amountFen');
    expect(Object.keys(r.json().fields)).toEqual(['totals.amountFen']);
    expect((await request(t.app, gucun, 'GET', '/api/funds/budgets?year=2031', undefined, en)).json().message).toContain('narrow the unit or the period');
    // a year of ordinary size still answers exactly
    const ok = await request(t.app, gucun, 'GET', `/api/funds/budgets?year=${year}`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<BudgetList>().totals.amountFen).toBe(ok.json<BudgetList>().items.reduce((a, l) => a + l.amountFen, 0));
  });

  it('a month whose movements pass 2^53 − 1: the trial balance, both statements and the report file are 422, not 500', async () => {
    // three balanced entries of 4 × 10^15 fen at 顾村 (Dr 102 / Cr 402): per account 1.2 × 10^16
    await t.handle.query(`
      with e as (
        insert into journal_entries (idempotency_key, period, posted_on, kind, memo)
        select 'huge:' || g, $3, '2001-01-15', 'adjustment', '巨额测试' from generate_series(1, 3) g returning id)
      insert into journal_lines (entry_id, org_id, org_path, account_code, debit_fen, credit_fen)
      select e.id, $1, $2::ltree, x.a, x.d, x.c from e cross join (values ('102', $4::bigint, 0::bigint), ('402', 0::bigint, $4::bigint)) as x(a, d, c)`,
    [gucunOrg.id, gucunOrg.path, HUGE_PERIOD, HUGE]);
    const tb = await request(t.app, gucun, 'GET', `/api/funds/trial-balance?period=${HUGE_PERIOD}`);
    expect(tb.statusCode, tb.body).toBe(422);
    expect(tb.json().code).toBe('figure_too_large');
    expect(Object.keys(tb.json().fields)).toEqual(['debitFen']);
    for (const kind of ['balance-sheet', 'income-expense']) {
      const st = await request(t.app, gucun, 'GET', `/api/funds/statements/${kind}?period=${HUGE_PERIOD}`);
      expect(st.statusCode, `${kind}: ${st.body}`).toBe(422);
    }
    const file = await request(t.app, gucun, 'GET', `/api/funds/reports/trial-balance?period=${HUGE_PERIOD}&format=xlsx`);
    expect(file.statusCode).toBe(422);
    // the city's consolidation of the same month: refused as well, never a rounded total
    const city = await signIn(t.app, 'demo-city');
    expect((await request(t.app, city, 'GET', `/api/funds/trial-balance?period=${HUGE_PERIOD}`)).statusCode).toBe(422);
    // the month before answers, its totals equal
    const before = await request(t.app, gucun, 'GET', `/api/funds/trial-balance?period=${shanghaiDate().slice(0, 7)}`);
    expect(before.statusCode).toBe(200);
    expect(before.json<TrialBalance>().totalDebitFen).toBe(before.json<TrialBalance>().totalCreditFen);
  });

  it('the cockpit summary with a figure past 2^53 − 1 is 422 naming it', async () => {
    await t.handle.query(`insert into org_figure_deltas (org_id, metric, delta) select $1, 'fa:2031', $2::bigint from generate_series(1, 3)`, [gucunOrg.id, HUGE]);
    const r = await request(t.app, gucun, 'GET', '/api/funds/summary?year=2031');
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().fields).toHaveProperty('assessedFen');
    expect((await request(t.app, gucun, 'GET', `/api/funds/summary?year=${year}`)).statusCode).toBe(200);
  });
});
