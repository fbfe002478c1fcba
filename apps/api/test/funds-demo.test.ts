import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previousMonth, shanghaiDate, type ArrearsItem, type FundsSummary, type Paged, type TrialBalance } from '@lianxin/contracts';
import { seedDemoFunds } from '../src/features/funds/demo-funds.ts';
import { request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

let t: TestApp;
let gucun: Session;
const today = shanghaiDate();
const current = today.slice(0, 7);

beforeAll(async () => {
  t = await startTestApp();
  await seedDemoFunds(t.app, today);
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
});
