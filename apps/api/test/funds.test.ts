import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rewriteSubtreePaths } from '@lianxin/db';
import {
  chairAllowanceFen, shanghaiDate, splitReceipt, type ChairAllowanceRun, type ArrearsItem, type Assessment, type FundsSummary, type Paged, type PayrollImportResult, type Receipt, type ReceiptImportResult,
  type ReturnRun, type Statement, type TrialBalance,
} from '@lianxin/contracts';
import { emptyRowsBombXlsx, gb18030 } from './fixtures/rosters.ts';
import { directFigures, keptSummary } from '../src/features/funds/funds.service.ts';
import { chairAllowanceKey } from '../src/features/funds/funds.chairs.ts';
import { postEntry } from '../src/features/funds/ledger.repo.ts';
import { GUCUN } from './support/fixtures.ts';
import { multipart } from './support/multipart.ts';
import { pdfText, squash } from './support/pdf-text.ts';
import { request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

let t: TestApp;
let city: Session;
let baoshan: Session;
let gucun: Session;
let foreign: Session;
let assessor: Session;
let sw: Session;

interface Ent { id: number; name: string; credit_code: string; org_id: number; union_status: string; employee_count: number }
let withUnion: Ent[];
let noUnion: Ent[];
const settings = { rateBp: 200, preparatoryRateBp: 200, grassrootsBp: 6000, cityBp: 5000, districtBp: 3000, streetBp: 2000 };

beforeAll(async () => {
  t = await startTestApp();
  city = await signIn(t.app, 'demo-city');
  baoshan = await signIn(t.app, 'demo-baoshan');
  gucun = await signIn(t.app, 'demo-gucun');
  foreign = await signIn(t.app, 'staff-310101');
  assessor = await signIn(t.app, 'demo-assessor');
  sw = await signIn(t.app, 'demo-gucun-sw');
  const rows = await t.handle.query<Ent>(`
    select id, name, credit_code, org_id, union_status, employee_count from enterprises
     where region_code = $1 and org_path <@ (select path from orgs where id = $2) and employee_count between 10 and 2000
     order by id limit 400`, [GUCUN, gucun.orgId]);
  withUnion = rows.filter((r) => r.union_status !== 'none');
  noUnion = rows.filter((r) => r.union_status === 'none');
});
afterAll(() => t.close());

const ok = async <T>(session: Session, method: 'GET' | 'POST', url: string, body?: unknown, status = method === 'GET' ? 200 : 201): Promise<T> => {
  const r = await request(t.app, session, method, url, body);
  expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(status);
  return r.json<T>();
};

/** Every union's books balance, and ledger_balances equals the journal summed directly. */
async function ledgerInvariants() {
  const unbalanced = await t.handle.query<{ org_id: number }>(`
    select org_id from journal_lines group by org_id having sum(debit_fen) <> sum(credit_fen)`);
  expect(unbalanced).toEqual([]);
  const drift = await t.handle.query(`
    with direct as (select l.org_id, l.account_code, e.period, sum(l.debit_fen) d, sum(l.credit_fen) c
                      from journal_lines l join journal_entries e on e.id = l.entry_id group by 1, 2, 3)
    select * from direct full join ledger_balances b using (org_id, account_code, period)
     where direct.d is distinct from b.debit_fen or direct.c is distinct from b.credit_fen`);
  expect(drift).toEqual([]);
  // every receipt's parts add up to it
  const parts = await t.handle.query(`select id from fund_receipts where grassroots_fen + upper_fen <> amount_fen`);
  expect(parts).toEqual([]);
}

describe('payroll and assessment', () => {
  it('assesses 2 % of payroll, split 60/40 and the 40 among city/district/street; a second payroll replaces the first through a reversal', async () => {
    const e = withUnion[0]!;
    const first = await ok<Assessment>(gucun, 'POST', '/api/funds/payroll', { enterpriseId: e.id, period: '2026-09', payrollFen: 123_456_789 });
    expect(first).toMatchObject({ basis: 'standard', rateBp: 200, assessmentFen: 2_469_136, grassrootsFen: 1_481_482, upperFen: 987_654, replacedId: null });
    expect(first.upper.cityFen + first.upper.districtFen + first.upper.streetFen).toBe(first.upperFen);
    const second = await ok<Assessment>(gucun, 'POST', '/api/funds/payroll', { enterpriseId: e.id, period: '2026-09', payrollFen: 100_000_000 }, 200);
    expect(second).toMatchObject({ assessmentFen: 2_000_000, replacedId: first.id });
    const [reversal] = await t.handle.query<{ n: number }>(`select count(*)::int as n from journal_entries where reverses_id = $1`, [first.entryId]);
    expect(reversal!.n).toBe(1);
    const [current] = await t.handle.query<{ n: number; total: number }>(`
      select count(*)::int as n, sum(assessment_fen)::int as total from fund_assessments where enterprise_id = $1 and period = '2026-09' and replaced_by_id is null`, [e.id]);
    expect(current).toEqual({ n: 1, total: 2_000_000 });
    // the receivable nets to the current assessment
    const [receivable] = await t.handle.query<{ net: number }>(`
      select sum(debit_fen - credit_fen)::int as net from journal_lines where enterprise_id = $1 and account_code = '135'`, [e.id]);
    expect(receivable!.net).toBe(2_000_000);
    await ledgerInvariants();
  });

  it('charges 建会筹备金 to an enterprise without a union, estimates from employees × the average wage', async () => {
    const e = noUnion[0]!;
    const a = await ok<Assessment>(gucun, 'POST', '/api/funds/payroll', { enterpriseId: e.id, period: '2026-09', estimated: true });
    expect(a).toMatchObject({ basis: 'preparatory', estimated: true, payrollFen: e.employee_count * 1_218_300 });
    expect(a.assessmentFen).toBe(Math.round(e.employee_count * 1_218_300 * 0.02));
  });

  it('applies an approved reduced rate or per-head amount within its validity only', async () => {
    const [a, b] = [withUnion[1]!, withUnion[2]!];
    await ok(gucun, 'POST', '/api/funds/rate-exceptions', { enterpriseId: a.id, kind: 'reduced', rateBp: 100, reason: '经营困难，经核实减半', validFrom: '2026-09', validTo: '2026-10' });
    await ok(gucun, 'POST', '/api/funds/rate-exceptions', { enterpriseId: b.id, kind: 'per_head', perHeadFen: 2_000, reason: '联合工会按人定额', validFrom: '2026-09', validTo: '2026-12' });
    expect(await ok<Assessment>(gucun, 'POST', '/api/funds/payroll', { enterpriseId: a.id, period: '2026-10', payrollFen: 10_000_000 })).toMatchObject({ basis: 'reduced', assessmentFen: 100_000 });
    expect(await ok<Assessment>(gucun, 'POST', '/api/funds/payroll', { enterpriseId: a.id, period: '2026-08', payrollFen: 10_000_000 })).toMatchObject({ basis: 'standard', assessmentFen: 200_000 });
    expect(await ok<Assessment>(gucun, 'POST', '/api/funds/payroll', { enterpriseId: b.id, period: '2026-10', payrollFen: 10_000_000 })).toMatchObject({ basis: 'per_head', assessmentFen: 2_000 * b.employee_count });
    const bad = await request(t.app, gucun, 'POST', '/api/funds/rate-exceptions', { enterpriseId: a.id, kind: 'reduced', rateBp: 100, reason: '', validFrom: '2026-10', validTo: '2026-09' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json<{ fields: object }>().fields)).toEqual(expect.arrayContaining(['reason']));
  });

  it('validates input with field paths and answers out of scope with 404', async () => {
    const bad = await request(t.app, gucun, 'POST', '/api/funds/payroll', { enterpriseId: withUnion[0]!.id, period: '2026-13', payrollFen: -1 });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json<{ fields: object }>().fields).sort()).toEqual(['payrollFen', 'period']);
    expect((await request(t.app, foreign, 'POST', '/api/funds/payroll', { enterpriseId: withUnion[0]!.id, period: '2026-09', payrollFen: 1 })).statusCode).toBe(404);
    expect((await request(t.app, assessor, 'POST', '/api/funds/payroll', { enterpriseId: withUnion[0]!.id, period: '2026-09', payrollFen: 1 })).statusCode).toBe(403);
  });
});

describe('receipts', () => {
  it('posts a receipt once per idempotency key, also under concurrency', async () => {
    const e = withUnion[3]!;
    const body = { enterpriseId: e.id, amountFen: 1_000_001, receivedOn: '2026-10-20', idempotencyKey: 'test-receipt-0001' };
    const first = await ok<Receipt>(gucun, 'POST', '/api/funds/receipts', body);
    expect(first).toMatchObject({ period: '2026-10', grassrootsFen: 600_001, upperFen: 400_000, source: 'manual' });
    const again = await ok<Receipt>(gucun, 'POST', '/api/funds/receipts', body, 200);
    expect(again.id).toBe(first.id);
    const reused = await request(t.app, gucun, 'POST', '/api/funds/receipts', { ...body, amountFen: 5 });
    expect(reused.statusCode).toBe(409);

    const concurrent = { ...body, idempotencyKey: 'test-receipt-concurrent' };
    const answers = await Promise.all(Array.from({ length: 6 }, () => request(t.app, gucun, 'POST', '/api/funds/receipts', concurrent)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.json<Receipt>().id)).size).toBe(1);
    const [posted] = await t.handle.query<{ n: number }>(`select count(*)::int as n from journal_entries where idempotency_key = 'receipt:manual:test-receipt-concurrent'`);
    expect(posted!.n).toBe(1);
    await ledgerInvariants();
  });

  it('posts into the next open month when the month received is closed; only city staff close past months', async () => {
    expect((await request(t.app, gucun, 'POST', '/api/funds/periods/2026-07/close')).statusCode).toBe(403);
    expect((await request(t.app, city, 'POST', `/api/funds/periods/${shanghaiDate().slice(0, 7)}/close`)).statusCode).toBe(409);
    await ok(city, 'POST', '/api/funds/periods/2026-07/close', undefined, 200);
    expect((await request(t.app, city, 'POST', '/api/funds/periods/2026-07/close')).statusCode).toBe(409);
    const r = await ok<Receipt>(gucun, 'POST', '/api/funds/receipts', { enterpriseId: withUnion[4]!.id, amountFen: 50_000, receivedOn: '2026-07-03', idempotencyKey: 'test-closed-month' });
    expect(r).toMatchObject({ receivedOn: '2026-07-03', period: '2026-08' });
    // closing July closed every month before it, also those never posted to: a May receipt goes to August too
    const early = await ok<Receipt>(gucun, 'POST', '/api/funds/receipts', { enterpriseId: withUnion[4]!.id, amountFen: 1_000, receivedOn: '2026-05-04', idempotencyKey: 'test-before-closed-month' });
    expect(early).toMatchObject({ receivedOn: '2026-05-04', period: '2026-08' });
    const [openBefore] = await t.handle.query<{ n: number }>(`select count(*)::int as n from ledger_periods where period < '2026-07' and status = 'open'`);
    expect(openBefore!.n).toBe(0);
    // the database refuses a posting into the closed month whoever writes
    await expect(t.handle.db.execute(sql`insert into journal_entries (idempotency_key, period, posted_on, kind) values ('x-closed', '2026-07', '2026-11-01', 'adjustment')`))
      .rejects.toMatchObject({ cause: expect.objectContaining({ code: 'LF001' }) });
  });

  it('the database refuses UPDATE and DELETE on the journal, and an unbalanced entry at commit', async () => {
    const refused = async (statement: string, code: string) => {
      const error = await t.handle.query(statement).then(() => null, (e: unknown) => e);
      expect(error, statement).not.toBeNull();
      const c = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
      expect(c, statement).toBe(code);
    };
    await refused(`update journal_lines set debit_fen = debit_fen + 1 where id = (select min(id) from journal_lines where debit_fen > 0)`, 'LF003');
    await refused(`delete from journal_lines where id = (select min(id) from journal_lines)`, 'LF003');
    await refused(`update journal_entries set memo = 'x' where id = (select min(id) from journal_entries)`, 'LF003');
    await refused(`delete from journal_entries where id = (select max(id) from journal_entries)`, 'LF003');
    const [org] = await t.handle.query<{ id: number; path: string }>(`select id, path::text as path from orgs where id = $1`, [gucun.orgId]);
    const error = await t.handle.db.transaction(async (tx) => {
      const inserted = (await tx.execute(sql`insert into journal_entries (idempotency_key, period, posted_on, kind) values ('x-unbalanced', '2026-10', '2026-10-01', 'adjustment') returning id`)) as unknown as { rows: { id: number }[] };
      const [e] = inserted.rows;
      await tx.execute(sql`insert into journal_lines (entry_id, org_id, org_path, account_code, debit_fen) values (${e!.id}, ${org!.id}, ${org!.path}::ltree, '102', 100)`);
      await tx.execute(sql`insert into journal_lines (entry_id, org_id, org_path, account_code, credit_fen) values (${e!.id}, ${org!.id}, ${org!.path}::ltree, '402', 99)`);
    }).then(() => null, (e: unknown) => e);
    const code = (error as { code?: string })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
    expect(code).toBe('LF002');
    const [left] = await t.handle.query<{ n: number }>(`select count(*)::int as n from journal_entries where idempotency_key = 'x-unbalanced'`);
    expect(left!.n).toBe(0);
  });
});

describe('bank statements, returns, reports', () => {
  it('matches by credit code and normalised name, queues the rest, posts nothing twice', async () => {
    const [a, b] = [withUnion[5]!, withUnion[6]!];
    const csv = [
      '交易日期,付款人名称,统一社会信用代码,金额,流水号',
      `2026-10-11,随便写的名字,${a.credit_code},"1,200.50",BANK-T-1`,
      `2026/10/12,${b.name.replace('有限公司', '（有限公司）')} ,,800,BANK-T-2`,
      '2026-10-13,上海无此企业有限公司,,300.00,BANK-T-3',
      '2026-10-14,上海无此企业有限公司,,abc,BANK-T-4',
    ].join('\n');
    const upload = () => {
      const m = multipart({}, { filename: 'bank.csv', type: 'text/csv', data: Buffer.from(csv) });
      return t.app.inject({ method: 'POST', url: '/api/funds/receipts/import', payload: m.payload, headers: { ...m.headers, cookie: gucun.cookie, 'x-csrf-token': gucun.csrfToken } });
    };
    const first = (await upload()).json<ReceiptImportResult>();
    expect(first).toMatchObject({ total: 4, matched: 2, queued: 1, duplicates: 0 });
    expect(first.errors).toEqual([expect.objectContaining({ row: 5, field: '金额' })]);
    const again = (await upload()).json<ReceiptImportResult>();
    expect(again).toMatchObject({ matched: 0, queued: 0, duplicates: 3 });
    const [ra] = await t.handle.query<{ amount: number }>(`select amount_fen::int as amount from fund_receipts where idempotency_key = $1`, [`bank:${gucun.orgId}:BANK-T-1`]);
    expect(ra!.amount).toBe(120_050);
    const queue = await ok<{ items: { id: number; reference: string }[] }>(gucun, 'GET', '/api/funds/unmatched');
    const line = queue.items.find((i) => i.reference === 'BANK-T-3')!;
    expect((await request(t.app, foreign, 'POST', `/api/funds/unmatched/${line.id}/match`, { enterpriseId: a.id })).statusCode).toBe(404);
    // the queued line's money is on the books: in suspense (242) at the importing unit, balanced by its bank (102)
    const suspense = () => t.handle.query<{ account_code: string; net: number }>(`
      select l.account_code, sum(l.debit_fen - l.credit_fen)::int as net from journal_lines l join journal_entries e on e.id = l.entry_id
       where e.idempotency_key like $1 and l.org_id = $2 group by 1 order by 1`, [`suspense:${gucun.orgId}:BANK-T-3%`, gucun.orgId]);
    expect(await suspense()).toEqual([{ account_code: '102', net: 30_000 }, { account_code: '242', net: -30_000 }]);
    const held = await ok<TrialBalance>(gucun, 'GET', '/api/funds/trial-balance?period=2026-10');
    expect(held.accounts.find((x) => x.code === '242')).toMatchObject({ name: '暂收款—待查明款项', creditFen: 30_000 });
    const matched = await ok<Receipt>(gucun, 'POST', `/api/funds/unmatched/${line.id}/match`, { enterpriseId: a.id });
    expect(matched).toMatchObject({ amountFen: 30_000, source: 'bank' });
    // matched: out of suspense with a balancing entry; the receipt took the money in at the street (gucun here)
    expect(await suspense()).toEqual([{ account_code: '102', net: 0 }, { account_code: '242', net: 0 }]);
    expect((await request(t.app, gucun, 'POST', `/api/funds/unmatched/${line.id}/match`, { enterpriseId: a.id })).statusCode).toBe(409);
    await ledgerInvariants();
  });

  it('a 流水号 is unique per importing unit: another district\'s line with the same reference is imported, not dropped as a duplicate', async () => {
    // gucun imported BANK-T-1 (a receipt) and BANK-T-3 (queued, then matched) above; 黄浦's statement uses the same references
    const csv = ['交易日期,付款人名称,金额,流水号', '2026-10-15,上海某某黄浦公司,100.00,BANK-T-1', '2026-10-15,上海某某黄浦公司,200.00,BANK-T-3'].join('\n');
    const m = multipart({}, { filename: 'bank.csv', type: 'text/csv', data: Buffer.from(csv) });
    const r = await t.app.inject({ method: 'POST', url: '/api/funds/receipts/import', payload: m.payload, headers: { ...m.headers, cookie: foreign.cookie, 'x-csrf-token': foreign.csrfToken } });
    expect(r.json<ReceiptImportResult>(), r.body).toMatchObject({ total: 2, queued: 2, duplicates: 0, matched: 0 });
    const queue = await ok<{ items: { reference: string; amountFen: number }[] }>(foreign, 'GET', '/api/funds/unmatched');
    expect(queue.items.filter((i) => i.reference.startsWith('BANK-T-')).map((i) => [i.reference, i.amountFen]).sort()).toEqual([['BANK-T-1', 10_000], ['BANK-T-3', 20_000]]);
    const [held] = await t.handle.query<{ net: number }>(`
      select sum(l.credit_fen - l.debit_fen)::int as net from journal_lines l join journal_entries e on e.id = l.entry_id
       where l.account_code = '242' and l.org_id = $1 and e.idempotency_key in ($2, $3)`, [foreign.orgId, `suspense:${foreign.orgId}:BANK-T-1`, `suspense:${foreign.orgId}:BANK-T-3`]);
    expect(held!.net).toBe(30_000);
    // gucun's own queue and receipts are untouched; its re-import still finds its own lines duplicates
    expect((await ok<{ items: { reference: string }[] }>(gucun, 'GET', '/api/funds/unmatched')).items.map((i) => i.reference)).not.toContain('BANK-T-1');
    const again = (await t.app.inject({ method: 'POST', url: '/api/funds/receipts/import', payload: m.payload, headers: { ...m.headers, cookie: foreign.cookie, 'x-csrf-token': foreign.csrfToken } })).json<ReceiptImportResult>();
    expect(again).toMatchObject({ queued: 0, duplicates: 2 });
  });

  it('refuses a statement that inflates past the limit (a zip bomb) naming the cause, and an unreadable xlsx as unreadable', async () => {
    const send = (data: Buffer) => {
      const m = multipart({}, { filename: 'bank.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data });
      return t.app.inject({ method: 'POST', url: '/api/funds/receipts/import', payload: m.payload, headers: { ...m.headers, cookie: gucun.cookie, 'x-csrf-token': gucun.csrfToken, 'accept-language': 'zh-CN' } });
    };
    const bomb = await send(await emptyRowsBombXlsx(100));
    expect(bomb.statusCode, bomb.body).toBe(400);
    expect(bomb.json<{ fields: Record<string, string> }>().fields.file).toMatch(/^文件解压后超过 64 MB，不予读取（可能含大量空白格式或为压缩炸弹）/);
    const broken = await send(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]));
    expect(broken.statusCode, broken.body).toBe(400);
    expect(broken.json<{ fields: Record<string, string> }>().fields.file).toMatch(/^无法读取该文件/);
  }, 120_000);

  it('returns ≥ 80 % of the held grassroots parts to the unions; each union sees only its own books', async () => {
    const run = await ok<ReturnRun>(gucun, 'POST', '/api/funds/returns', { orgId: gucun.orgId, period: '2026-10' }, 200);
    expect(run.unions).toBeGreaterThan(0);
    expect(run.returnedFen + run.retainedFen).toBe(run.heldFen);
    expect(run.returnedFen).toBeGreaterThanOrEqual(Math.floor(run.heldFen * 0.8));
    const again = await ok<ReturnRun>(gucun, 'POST', '/api/funds/returns', { orgId: gucun.orgId, period: '2026-10' }, 200);
    expect(again).toMatchObject({ unions: 0, heldFen: 0, entryId: null });
    // a union of the street sees its return in its books and nothing of the street's
    const [union] = await t.handle.query<{ org_id: number }>(`select org_id from journal_lines where account_code = '40301' and entry_id = $1 limit 1`, [run.entryId]);
    const streetTb = await ok<TrialBalance>(gucun, 'GET', `/api/funds/trial-balance?period=2026-10`);
    expect(streetTb.totalDebitFen).toBe(streetTb.totalCreditFen);
    expect(streetTb.accounts.map((a) => a.code)).toEqual(expect.arrayContaining(['102', '135', '222', '40301']));
    const unionTb = await ok<TrialBalance>(gucun, 'GET', `/api/funds/trial-balance?orgId=${union!.org_id}&period=2026-10`);
    expect(unionTb.accounts.map((a) => a.code).sort()).toEqual(['102', '40301']);
    expect(unionTb.totalDebitFen).toBe(unionTb.totalCreditFen);
    // the federation's social worker: not the street's books
    expect((await request(t.app, sw, 'GET', `/api/funds/trial-balance?orgId=${gucun.orgId}&period=2026-10`)).statusCode).toBe(404);
    expect((await request(t.app, foreign, 'GET', `/api/funds/trial-balance?orgId=${gucun.orgId}&period=2026-10`)).statusCode).toBe(404);
    expect((await request(t.app, gucun, 'POST', '/api/funds/returns', { orgId: union!.org_id, period: '2026-10' })).statusCode).toBe(400);
  });

  it('reports a balance sheet that balances and an income statement of the month, consolidated for the district', async () => {
    const bs = await ok<Statement>(baoshan, 'GET', '/api/funds/statements/balance-sheet?period=2026-10');
    expect(bs.resultFen).toBe(0);
    const ie = await ok<Statement>(gucun, 'GET', '/api/funds/statements/income-expense?period=2026-10');
    expect(ie.sections.find((s) => s.class === 'income')!.totalFen).toBeGreaterThan(0);
    expect((await request(t.app, gucun, 'GET', '/api/funds/statements/cash-flow?period=2026-10')).statusCode).toBe(400);
    const cityTb = await ok<TrialBalance>(city, 'GET', '/api/funds/trial-balance?period=2026-10');
    expect(cityTb.totalDebitFen).toBe(cityTb.totalCreditFen);
    const direct = await t.handle.query<{ d: number }>(`select coalesce(sum(l.debit_fen), 0)::float8 as d from journal_lines l join journal_entries e on e.id = l.entry_id where e.period = '2026-10'`);
    expect(cityTb.totalDebitFen).toBe(direct[0]!.d);
  });
});

describe('arrears and 依法催缴', () => {
  it('lists the owing enterprise with months overdue; steps go in order with letters; 支付令 papers after 3 months', async () => {
    const e = withUnion[7]!;
    await ok(gucun, 'POST', '/api/funds/payroll', { enterpriseId: e.id, period: '2026-03', payrollFen: 50_000_000 });
    await ok(gucun, 'POST', '/api/funds/payroll', { enterpriseId: e.id, period: '2026-04', payrollFen: 50_000_000 });
    await ok(gucun, 'POST', '/api/funds/receipts', { enterpriseId: e.id, amountFen: 1_500_000, receivedOn: '2026-05-10', idempotencyKey: 'test-arrears-partial' });
    const list = await ok<Paged<ArrearsItem>>(gucun, 'GET', `/api/funds/arrears?orgId=${gucun.orgId}&pageSize=200`);
    const item = list.items.find((i) => i.enterpriseId === e.id)!;
    expect(item).toMatchObject({ assessedFen: 2_000_000, paidFen: 1_500_000, arrearsFen: 500_000, oldestUnpaidPeriod: '2026-04', nextStep: 'lawyer_letter' });
    expect(item.monthsOverdue).toBeGreaterThanOrEqual(3);
    expect((await request(t.app, gucun, 'POST', `/api/funds/dunning/${e.id}/step`, { step: 'interview' })).statusCode).toBe(409);
    const steps = [];
    for (const step of ['lawyer_letter', 'interview', 'dunning_letter', 'assessment_letter', 'payment_order']) {
      steps.push(await ok<{ id: number; hasLetter: boolean; documentNumber: string | null }>(gucun, 'POST', `/api/funds/dunning/${e.id}/step`, { step }));
    }
    expect(steps.map((s) => s.hasLetter)).toEqual([true, false, true, true, true]);
    const pdf = await request(t.app, gucun, 'GET', `/api/funds/dunning-steps/${steps[3]!.id}/pdf`);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = squash(await pdfText(pdf.rawPayload));
    expect(text).toContain('关于依法核定工会经费拨缴额的函');
    expect(text).toContain(squash(e.name));
    expect(text).toContain('5,000.00元');
    expect(text).toContain('2,000.00元'); // the upper 40 %
    expect((await request(t.app, gucun, 'GET', `/api/funds/dunning-steps/${steps[1]!.id}/pdf`)).statusCode).toBe(404);
    expect((await request(t.app, foreign, 'GET', `/api/funds/dunning-steps/${steps[3]!.id}/pdf`)).statusCode).toBe(404);
    const history = await ok<{ items: { step: string }[] }>(gucun, 'GET', `/api/funds/dunning/${e.id}`);
    expect(history.items.map((s) => s.step)).toEqual(['lawyer_letter', 'interview', 'dunning_letter', 'assessment_letter', 'payment_order']);
    const paid = withUnion[8]!;
    expect((await request(t.app, gucun, 'POST', `/api/funds/dunning/${paid.id}/step`, { step: 'lawyer_letter' })).statusCode).toBe(409);
  });

  it('refuses the 支付令 papers before 3 months overdue', async () => {
    const e = withUnion[9]!;
    const month = shanghaiDate().slice(0, 7);
    const period = `${Number(month.slice(0, 4)) - (month.slice(5) < '03' ? 1 : 0)}-${String(((Number(month.slice(5)) + 9) % 12) || 12).padStart(2, '0')}`; // two months ago
    await ok(gucun, 'POST', '/api/funds/payroll', { enterpriseId: e.id, period, payrollFen: 1_000_000 });
    for (const step of ['lawyer_letter', 'interview', 'dunning_letter', 'assessment_letter']) await ok(gucun, 'POST', `/api/funds/dunning/${e.id}/step`, { step });
    const early = await request(t.app, gucun, 'POST', `/api/funds/dunning/${e.id}/step`, { step: 'payment_order' });
    expect(early.statusCode, early.body).toBe(409);
  });
});

describe('settings and figures', () => {
  it('takes dated settings from today on only, never retroactive, by city staff', async () => {
    const body = { validFrom: '2030-01-01', rateBp: 200, preparatoryRateBp: 150, grassrootsBp: 6000, cityBp: 4000, districtBp: 3000, streetBp: 3000, returnBp: 8500, averageWageFen: 1_300_000 };
    expect((await request(t.app, baoshan, 'POST', '/api/funds/settings', body)).statusCode).toBe(403);
    const past = await request(t.app, city, 'POST', '/api/funds/settings', { ...body, validFrom: '2026-01-01' });
    expect(past.statusCode).toBe(400);
    expect(Object.keys(past.json<{ fields: object }>().fields)).toEqual(['validFrom']);
    expect((await request(t.app, city, 'POST', '/api/funds/settings', { ...body, returnBp: 7000 })).statusCode).toBe(400);
    expect((await request(t.app, city, 'POST', '/api/funds/settings', { ...body, streetBp: 2000 })).statusCode).toBe(400);
    await ok(city, 'POST', '/api/funds/settings', body);
    expect((await request(t.app, city, 'POST', '/api/funds/settings', body)).statusCode).toBe(409);
    // a 2029 assessment still uses the old settings
    const a = await ok<Assessment>(gucun, 'POST', '/api/funds/payroll', { enterpriseId: noUnion[1]!.id, period: '2029-12', payrollFen: 1_000_000 });
    expect(a.assessmentFen).toBe(20_000);
    const b = await ok<Assessment>(gucun, 'POST', '/api/funds/payroll', { enterpriseId: noUnion[1]!.id, period: '2030-01', payrollFen: 1_000_000 });
    expect(b.assessmentFen).toBe(15_000);
  });

  it('property: random payrolls, receipts, replacements, returns and closes never unbalance the ledger; figures equal direct sums', async () => {
    const pool = withUnion.slice(20, 40).concat(noUnion.slice(5, 10));
    let n = 0;
    await fc.assert(fc.asyncProperty(
      fc.array(fc.oneof(
        fc.record({ kind: fc.constant('payroll' as const), e: fc.nat(pool.length - 1), month: fc.integer({ min: 9, max: 11 }), fen: fc.integer({ min: 0, max: 10 ** 9 }) }),
        fc.record({ kind: fc.constant('receipt' as const), e: fc.nat(pool.length - 1), month: fc.integer({ min: 9, max: 11 }), fen: fc.integer({ min: 1, max: 10 ** 8 }), retry: fc.boolean() }),
        fc.record({ kind: fc.constant('return' as const), month: fc.integer({ min: 9, max: 11 }) }),
      ), { minLength: 3, maxLength: 10 }),
      async (ops) => {
        for (const op of ops) {
          const period = `2026-${String(op.month).padStart(2, '0')}`;
          if (op.kind === 'payroll') {
            const r = await request(t.app, gucun, 'POST', '/api/funds/payroll', { enterpriseId: pool[op.e]!.id, period, payrollFen: op.fen });
            expect([200, 201]).toContain(r.statusCode);
          } else if (op.kind === 'receipt') {
            const key = `property-receipt-${++n}`;
            const body = { enterpriseId: pool[op.e]!.id, amountFen: op.fen, receivedOn: `${period}-05`, idempotencyKey: key };
            const r = await request(t.app, gucun, 'POST', '/api/funds/receipts', body);
            expect(r.statusCode).toBe(201);
            const split = splitReceipt(op.fen, settings);
            expect(r.json<Receipt>()).toMatchObject({ grassrootsFen: split.grassrootsFen, upperFen: split.upperFen });
            if (op.retry) expect((await request(t.app, gucun, 'POST', '/api/funds/receipts', body)).statusCode).toBe(200);
          } else {
            const r = await request(t.app, gucun, 'POST', '/api/funds/returns', { orgId: gucun.orgId, period });
            expect(r.statusCode).toBe(200);
          }
        }
        await ledgerInvariants();
        for (const session of [gucun, baoshan, city]) {
          const tb = await ok<TrialBalance>(session, 'GET', '/api/funds/trial-balance?period=2026-10');
          expect(tb.totalDebitFen).toBe(tb.totalCreditFen);
        }
      },
    ), { numRuns: 4 });

    for (const year of ['0000', '9999', '1999']) {
      expect((await request(t.app, gucun, 'GET', `/api/funds/summary?year=${year}`)).statusCode, year).toBe(400);
    }
    const summary = await ok<FundsSummary>(gucun, 'GET', '/api/funds/summary?year=2026');
    const [direct] = await t.handle.query<{ assessed: number; collected: number; returned: number }>(`
      with o as (select path from orgs where id = $1), e as (select en.id from enterprises en, o where en.org_path <@ o.path)
      select (select coalesce(sum(assessment_fen), 0) from fund_assessments where replaced_by_id is null and period like '2026-%' and enterprise_id in (select id from e))::float8 as assessed,
             (select coalesce(sum(amount_fen), 0) from fund_receipts where received_on between '2026-01-01' and '2026-12-31' and enterprise_id in (select id from e))::float8 as collected,
             (select coalesce(sum(l.credit_fen - l.debit_fen), 0) from journal_lines l join journal_entries je on je.id = l.entry_id, o
               where l.account_code = '40301' and l.org_path <@ o.path and je.period like '2026-%')::float8 as returned`, [gucun.orgId]);
    expect({ assessed: summary.assessedFen, collected: summary.collectedFen, returned: summary.returnedFen }).toEqual(direct);
    expect(summary.collectionRate).toBeCloseTo(direct!.collected / direct!.assessed, 10);
    expect(summary.children.length).toBeGreaterThan(0);
    expect(summary.children.reduce((a, c) => a + c.assessedFen, 0)).toBeLessThanOrEqual(summary.assessedFen);
  });
});

describe('moves and the append-only journal', () => {
  it('a move rewrites the paths of a union\'s journal lines and balances (the one change the journal allows)', async () => {
    const [line] = await t.handle.query<{ org_id: number; path: string }>(`
      select l.org_id, l.org_path::text as path from journal_lines l join orgs o on o.id = l.org_id
       where o.kind not in ('city_federation', 'district_federation', 'street_federation') limit 1`);
    expect(line).toBeDefined();
    const moved = `${line!.path.split('.').slice(0, -1).join('.')}.999999.${line!.org_id}`;
    await t.handle.db.transaction(async (tx) => {
      await rewriteSubtreePaths(tx, line!.path, moved);
      const [n] = (await tx.execute(sql`select count(*)::int as n from journal_lines where org_id = ${line!.org_id} and org_path::text <> ${moved}`) as unknown as { rows: { n: number }[] }).rows;
      expect(n!.n).toBe(0);
      const [b] = (await tx.execute(sql`select count(*)::int as n from ledger_balances where org_id = ${line!.org_id} and org_path::text <> ${moved}`) as unknown as { rows: { n: number }[] }).rows;
      expect(b!.n).toBe(0);
      throw new Error('roll back');
    }).catch((e: Error) => expect(e.message).toBe('roll back'));
  });
});

describe('bank statements as xlsx', () => {
  it('reads an xlsx statement with a title row above the header, dates as Excel dates', async () => {
    const e = withUnion[12]!;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('流水');
    sheet.addRow(['某银行对账单']);
    sheet.addRow(['交易日期', '对方户名', '统一社会信用代码', '贷方金额', '交易流水号']);
    sheet.addRow([new Date(Date.UTC(2026, 9, 21)), e.name, e.credit_code, 2345.67, 'XLSX-T-1']);
    const data = Buffer.from(await book.xlsx.writeBuffer());
    const m = multipart({}, { filename: 'bank.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data });
    const r = await t.app.inject({ method: 'POST', url: '/api/funds/receipts/import', payload: m.payload, headers: { ...m.headers, cookie: gucun.cookie, 'x-csrf-token': gucun.csrfToken } });
    expect(r.json<ReceiptImportResult>(), r.body).toMatchObject({ total: 1, matched: 1, errors: [] });
    const [row] = await t.handle.query<{ amount: number; received_on: string }>(`select amount_fen::int as amount, received_on::text from fund_receipts where idempotency_key = $1`, [`bank:${gucun.orgId}:XLSX-T-1`]);
    expect(row).toEqual({ amount: 234_567, received_on: '2026-10-21' });
  });
});

describe('payroll import', () => {
  const send = (session: Session, filename: string, data: Buffer, fields: Record<string, string> = {}) => {
    const type = filename.endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
    const m = multipart(fields, { filename, type, data });
    return t.app.inject({ method: 'POST', url: '/api/funds/payroll/import', payload: m.payload, headers: { ...m.headers, cookie: session.cookie, 'x-csrf-token': session.csrfToken } });
  };
  const current = async (enterpriseId: number, period: string) =>
    (await t.handle.query<{ payroll: number; assessment: number }>(`
      select payroll_fen::float8 as payroll, assessment_fen::float8 as assessment from fund_assessments
       where enterprise_id = $1 and period = $2 and replaced_by_id is null`, [enterpriseId, period]))[0];
  const entries = async () => (await t.handle.query<{ n: number }>('select count(*)::int as n from journal_entries'))[0]!.n;

  it('reads a GB18030 csv with a title row, "12,345.67" yuan and months written as offices write them; the same file again posts nothing', async () => {
    const [a, b, c] = [withUnion[50]!, withUnion[51]!, withUnion[52]!];
    const csv = [
      '顾村镇企业工资总额申报表（2026年10月）,,,',
      '序号,企业名称,统一社会信用代码,所属月份,工资总额（元）',
      `1,随便写,${a.credit_code},2026年10月,"12,345.67"`,
      `2,,${b.credit_code.toLowerCase()},2026/10,￥100000`,
      `3,${c.name},,202610,1000000.5`,
      '合计,,,,"1,112,346.17"',
    ].join('\r\n');
    const r = await send(gucun, 'payroll.csv', gb18030(csv));
    expect(r.statusCode, r.body).toBe(200);
    const result = r.json<PayrollImportResult>();
    expect(result).toMatchObject({ total: 3, posted: true, created: 3, replaced: 0, unchanged: 0, errors: [] });
    expect(result.rows.map((x) => [x.row, x.enterpriseId, x.period, x.payrollFen, x.status])).toEqual([
      [3, a.id, '2026-10', 1_234_567, 'created'], [4, b.id, '2026-10', 10_000_000, 'created'], [5, c.id, '2026-10', 100_000_050, 'created'],
    ]);
    expect(await current(b.id, '2026-10')).toEqual({ payroll: 10_000_000, assessment: 200_000 });
    const before = await entries();
    const again = (await send(gucun, 'payroll.csv', gb18030(csv))).json<PayrollImportResult>();
    expect(again).toMatchObject({ posted: true, created: 0, replaced: 0, unchanged: 3 });
    expect(await entries()).toBe(before);
    await ledgerInvariants();
  });

  it('reads every sheet of an xlsx with a header (title rows above, numbers as text), the month chosen on upload', async () => {
    const [a, b] = [withUnion[53]!, withUnion[54]!];
    const book = new ExcelJS.Workbook();
    book.addWorksheet('填表说明').addRow(['请按企业填写本月工资总额']);
    const one = book.addWorksheet('一季度');
    one.addRow(['顾村镇工资总额汇总']);
    one.addRow([]);
    one.addRow(['统一社会信用代码', '单位名称', '工资总额(元)']);
    one.addRow([a.credit_code, a.name, '200,000.00']);
    const two = book.addWorksheet('补报');
    two.addRow(['统一社会信用代码', '工资总额']);
    two.addRow([b.credit_code, 345_678.9]);
    const hidden = book.addWorksheet('下拉');
    hidden.state = 'hidden';
    hidden.addRow(['统一社会信用代码', '工资总额']);
    hidden.addRow([withUnion[55]!.credit_code, 1]);
    const data = Buffer.from(await book.xlsx.writeBuffer());
    const r = await send(gucun, 'payroll.xlsx', data, { period: '2026-11' });
    const result = r.json<PayrollImportResult>();
    expect(result, r.body).toMatchObject({ total: 2, posted: true, created: 2 });
    expect(result.rows.map((x) => [x.sheet, x.row, x.payrollFen, x.period])).toEqual([['一季度', 4, 20_000_000, '2026-11'], ['补报', 2, 34_567_890, '2026-11']]);
    expect(await current(withUnion[55]!.id, '2026-11')).toBeUndefined();
    expect((await current(a.id, '2026-11'))!.assessment).toBe(400_000);
  });

  it('posts nothing when any row is refused, and says which rows and why; a corrected file replaces through a reversal', async () => {
    const [a, b] = [withUnion[50]!, withUnion[51]!];
    const foreignCode = (await t.handle.query<{ code: string }>(`select credit_code as code from enterprises where org_path <@ (select path from orgs where id = $1) limit 1`, [foreign.orgId]))[0]!.code;
    const lines = (bRow: string) => ['统一社会信用代码,所属月份,工资总额', `${a.credit_code},2026-10,20000`, bRow, `${foreignCode},2026-10,500`, `${a.credit_code},2026-10,1`, `${b.credit_code},2026-13,1`].join('\n');
    const before = await entries();
    const r = (await send(gucun, 'payroll.csv', Buffer.from(lines(`${b.credit_code},2026-10,abc`)))).json<PayrollImportResult>();
    expect(r).toMatchObject({ total: 5, posted: false, created: 0 });
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([[3, '工资总额'], [6, '所属月份'], [4, '统一社会信用代码'], [5, '统一社会信用代码']]);
    expect(r.errors.find((e) => e.row === 5)!.message).toContain('第 2 行');
    expect(await entries()).toBe(before);
    expect((await current(a.id, '2026-10'))!.payroll).toBe(1_234_567);
    // 宝山's staff see their enterprise; the other district's staff are told it is not theirs, nothing else
    const fromForeign = (await send(foreign, 'payroll.csv', Buffer.from(`统一社会信用代码,所属月份,工资总额\n${a.credit_code},2026-10,1\n`))).json<PayrollImportResult>();
    expect(fromForeign).toMatchObject({ posted: false, rows: [], errors: [expect.objectContaining({ row: 2, message: expect.stringContaining('本单位范围内找不到') })] });
    // the corrected file: a's payroll changes (reversal and a new assessment), b's stays
    const fixed = (await send(gucun, 'payroll.csv', Buffer.from(['统一社会信用代码,所属月份,工资总额', `${a.credit_code},2026-10,20000`, `${b.credit_code},2026-10,100000`].join('\n')))).json<PayrollImportResult>();
    expect(fixed).toMatchObject({ posted: true, created: 0, replaced: 1, unchanged: 1 });
    expect(await current(a.id, '2026-10')).toEqual({ payroll: 2_000_000, assessment: 40_000 });
    await ledgerInvariants();
  });

  it('refuses a file without a payroll header naming the columns and sheets, and a UTF-16 text file reads', async () => {
    const r = await send(gucun, 'payroll.csv', Buffer.from('姓名,金额\n张三,1\n'), { period: '2026-10' });
    expect(r.statusCode).toBe(400);
    expect(r.json<{ fields: Record<string, string> }>().fields.file).toContain('工资总额');
    const e = withUnion[56]!;
    const text = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`统一社会信用代码\t工资总额\r\n${e.credit_code}\t"88,000"\r\n`, 'utf16le')]);
    const ok16 = (await send(gucun, 'payroll.txt', text, { period: '2026-10' })).json<PayrollImportResult>();
    expect(ok16).toMatchObject({ posted: true, created: 1, rows: [expect.objectContaining({ payrollFen: 8_800_000 })] });
  });
});

describe('reports as files', () => {
  const get = (session: Session, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: session.cookie, 'accept-language': 'zh-CN' } });
  const sheetOf = async (data: Buffer) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(data as unknown as ArrayBuffer);
    return book.worksheets[0]!;
  };
  const yuanText = (fen: number) => `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100).toLocaleString('en-US')}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;

  it('the trial balance as xlsx and PDF holds the screen\'s figures', async () => {
    const month = '2026-10';
    const e = withUnion[57]!;
    await ok<Assessment>(gucun, 'POST', '/api/funds/payroll', { enterpriseId: e.id, period: month, payrollFen: 5_000_000 });
    await ok<Receipt>(gucun, 'POST', '/api/funds/receipts', { enterpriseId: e.id, amountFen: 60_001, receivedOn: '2026-10-20', idempotencyKey: 'report-file-test' });
    const tb = await ok<TrialBalance>(gucun, 'GET', `/api/funds/trial-balance?period=${month}`);
    expect(tb.accounts.length).toBeGreaterThan(2);
    const x = await get(gucun, `/api/funds/reports/trial-balance?period=${month}&format=xlsx`);
    expect(x.statusCode, x.body).toBe(200);
    expect(x.headers['content-disposition']).toContain(encodeURIComponent(`${tb.org.name}-试算平衡表-${month}.xlsx`));
    const sheet = await sheetOf(x.rawPayload);
    expect(sheet.getRow(1).values).toEqual([undefined, '科目代码', '科目名称', '借方（元）', '贷方（元）']);
    const rows = tb.accounts.map((_, i) => sheet.getRow(i + 2));
    expect(rows.map((r) => [r.getCell(1).value, r.getCell(2).value, Math.round(Number(r.getCell(3).value) * 100), Math.round(Number(r.getCell(4).value) * 100)]))
      .toEqual(tb.accounts.map((a) => [a.code, a.name, a.debitFen, a.creditFen]));
    const totals = sheet.getRow(tb.accounts.length + 2);
    expect([totals.getCell(2).value, Math.round(Number(totals.getCell(3).value) * 100), Math.round(Number(totals.getCell(4).value) * 100)]).toEqual(['合计', tb.totalDebitFen, tb.totalCreditFen]);
    expect(totals.getCell(3).numFmt).toBe('#,##0.00');

    const p = await get(gucun, `/api/funds/reports/trial-balance?period=${month}&format=pdf`);
    expect(p.statusCode).toBe(200);
    expect(p.headers['content-type']).toBe('application/pdf');
    const text = squash(await pdfText(p.rawPayload));
    expect(text).toContain(squash('试算平衡表'));
    expect(text).toContain(squash(`编制单位：${tb.org.name}`));
    expect(text).toContain(squash(`会计期间：${month.slice(0, 4)}年${Number(month.slice(5))}月`));
    expect(text).toContain(squash(`合计${yuanText(tb.totalDebitFen)}${yuanText(tb.totalCreditFen)}`));
    expect(tb.totalDebitFen).toBeGreaterThan(0);
    for (const a of tb.accounts) expect(text).toContain(squash(`${a.code}${a.name}`));
  });

  it('资产负债表 and 收入支出表 as xlsx and PDF, consolidated for the district; out of scope 404, an unknown format 400', async () => {
    const bs = await ok<Statement>(baoshan, 'GET', '/api/funds/statements/balance-sheet?period=2026-10');
    const x = await get(baoshan, '/api/funds/reports/balance-sheet?period=2026-10&format=xlsx');
    expect(x.statusCode, x.body).toBe(200);
    const sheet = await sheetOf(x.rawPayload);
    const lines = bs.sections.flatMap((s) => s.lines);
    const read: [string, string, number][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1 && row.getCell(2).value) read.push([String(row.getCell(2).value), String(row.getCell(3).value), Math.round(Number(row.getCell(4).value) * 100)]);
    });
    expect(read).toEqual(lines.map((l) => [l.code, l.name, l.amountFen]));
    const result = sheet.getRow(lines.length + bs.sections.length + 2);
    expect([result.getCell(3).value, result.getCell(4).value]).toEqual(['资产 − 负债 − 净资产', 0]);
    const p = await get(baoshan, '/api/funds/reports/balance-sheet?period=2026-10&format=pdf');
    const text = squash(await pdfText(p.rawPayload));
    expect(text).toContain(squash(`资产负债表编制单位：${bs.org.name}`));
    const assets = bs.sections.find((s) => s.class === 'asset')!;
    expect(text).toContain(squash(`资产小计${yuanText(assets.totalFen)}`));

    const ie = await ok<Statement>(gucun, 'GET', '/api/funds/statements/income-expense?period=2026-10');
    const iePdf = squash(await pdfText((await get(gucun, '/api/funds/reports/income-expense?period=2026-10&format=pdf')).rawPayload));
    expect(iePdf).toContain(squash('收入支出表'));
    expect(iePdf).toContain(squash(`收支结余${yuanText(ie.resultFen)}`));

    expect((await get(foreign, `/api/funds/reports/trial-balance?orgId=${gucun.orgId}&period=2026-10&format=xlsx`)).statusCode).toBe(404);
    expect((await get(gucun, '/api/funds/reports/trial-balance?period=2026-10&format=doc')).statusCode).toBe(400);
    expect((await get(gucun, '/api/funds/reports/cash-flow?period=2026-10&format=pdf')).statusCode).toBe(400);
  });
});

describe('chair allowances', () => {
  it('pays each chair of the street by members and last year\'s stars, once per union and month; a rerun posts nothing', async () => {
    const unions = await t.handle.query<{ id: number; path: string }>(`
      select id, path::text as path from orgs where path <@ (select path from orgs where id = $1) and id <> $1 and status <> 'dissolved' order by id limit 2`, [gucun.orgId]);
    const [a, b] = unions as [{ id: number; path: string }, { id: number; path: string }];
    await t.handle.query(`update orgs set chair_name = '王主席' where id = $1`, [a.id]);
    await t.handle.query(`update orgs set chair_name = '李主席' where id = $1`, [b.id]);
    // a was evaluated in 2025 (the last finished year before 2026-10); b was not
    await t.handle.query(`insert into evaluation_scores (year, org_id, org_path, part, score) values (2025, $1, $2::ltree, 'selfCheck', 95) on conflict do nothing`, [a.id, a.path]);
    const preview = await ok<ChairAllowanceRun>(gucun, 'GET', `/api/funds/chair-allowances?period=2026-10`);
    expect(preview).toMatchObject({ starsYear: 2025, postedCount: 0 });
    const [ia, ib] = [preview.items.find((i) => i.orgId === a.id)!, preview.items.find((i) => i.orgId === b.id)!];
    const settings = { validFrom: '2000-01-01', baseFen: 30_000, perStarFen: 5_000, maxFen: 80_000, sizeTiers: [{ minMembers: 50, addFen: 10_000 }, { minMembers: 200, addFen: 20_000 }, { minMembers: 500, addFen: 30_000 }] };
    expect(ia).toMatchObject({ chairName: '王主席', stars: 5, entryId: null });
    expect(ia.amountFen).toBe(chairAllowanceFen(settings, ia.members, 5));
    expect(ia.amountFen).toBeGreaterThanOrEqual(50_000);
    expect(ib).toMatchObject({ chairName: '李主席', stars: null, amountFen: 30_000 });
    expect(preview.totalFen).toBe(preview.items.reduce((s, i) => s + i.amountFen, 0));

    expect((await request(t.app, foreign, 'POST', '/api/funds/chair-allowances', { orgId: gucun.orgId, period: '2026-10' })).statusCode).toBe(404);
    expect((await request(t.app, gucun, 'POST', '/api/funds/chair-allowances', { orgId: a.id, period: '2026-10' })).statusCode).toBe(400);
    const run = await ok<ChairAllowanceRun>(gucun, 'POST', '/api/funds/chair-allowances', { orgId: gucun.orgId, period: '2026-10' }, 200);
    expect(run.postedCount).toBe(run.items.length);
    expect(run.postedFen).toBe(run.totalFen);
    expect(run.items.every((i) => i.entryId !== null)).toBe(true);
    // what the street's books show is exactly the run: no fen lost or invented
    const [books] = await t.handle.query<{ d: number; c: number }>(`
      select coalesce(sum(l.debit_fen) filter (where l.account_code = '506'), 0)::float8 as d, coalesce(sum(l.credit_fen) filter (where l.account_code = '102'), 0)::float8 as c
        from journal_lines l join journal_entries e on e.id = l.entry_id where e.idempotency_key like 'chair-allowance:%:2026-10' and l.org_id = $1`, [gucun.orgId]);
    expect(books).toEqual({ d: run.totalFen, c: run.totalFen });
    const again = await ok<ChairAllowanceRun>(gucun, 'POST', '/api/funds/chair-allowances', { orgId: gucun.orgId, period: '2026-10' }, 200);
    expect(again).toMatchObject({ postedCount: 0, postedFen: 0, totalFen: run.totalFen });
    await ledgerInvariants();
  });

  it('city staff add a dated setting from today on, never before the latest posted run\'s month; the register follows it', async () => {
    const body = { validFrom: shanghaiDate(), baseFen: 30_000, perStarFen: 5_000, sizeTiers: [{ minMembers: 200, addFen: 20_000 }, { minMembers: 50, addFen: 10_000 }, { minMembers: 500, addFen: 30_000 }], maxFen: 80_000 };
    expect((await request(t.app, baoshan, 'POST', '/api/funds/chair-allowance-settings', body)).statusCode).toBe(403);
    const past = await request(t.app, city, 'POST', '/api/funds/chair-allowance-settings', { ...body, validFrom: '2026-01-01' });
    expect(past.statusCode).toBe(400);
    expect(Object.keys(past.json<{ fields: object }>().fields)).toEqual(['validFrom']);
    expect((await request(t.app, city, 'POST', '/api/funds/chair-allowance-settings', { ...body, maxFen: 20_000 })).statusCode).toBe(400);
    expect((await request(t.app, city, 'POST', '/api/funds/chair-allowance-settings', { ...body, baseFen: 0 })).statusCode).toBe(400);
    // today is accepted (same amounts as before, tiers stored in order)
    const today = await ok<{ id: number; sizeTiers: { minMembers: number }[] }>(city, 'POST', '/api/funds/chair-allowance-settings', body);
    expect(today.sizeTiers.map((x) => x.minMembers)).toEqual([50, 200, 500]);
    expect((await request(t.app, city, 'POST', '/api/funds/chair-allowance-settings', body)).statusCode).toBe(409);

    // a run posted for 2031-03 closes every date before March 2031 to new settings. The API pays no month not yet
    // come (400 on period); such a run, posted before that rule, is written here the way the run writes it
    const refused = await request(t.app, gucun, 'POST', '/api/funds/chair-allowances', { orgId: gucun.orgId, period: '2031-03' });
    expect(refused.statusCode).toBe(400);
    expect(Object.keys(refused.json<{ fields: object }>().fields)).toEqual(['period']);
    const posted = await ok<ChairAllowanceRun>(gucun, 'GET', '/api/funds/chair-allowances?period=2031-03');
    expect(posted.items.length).toBeGreaterThan(0);
    const [street] = await t.handle.query<{ path: string }>('select path::text as path from orgs where id = $1', [gucun.orgId]);
    await t.handle.db.transaction(async (tx) => {
      for (const item of posted.items) {
        await postEntry(tx, {
          idempotencyKey: chairAllowanceKey(item.orgId, '2031-03'), period: '2031-03', postedOn: shanghaiDate(), kind: 'adjustment', memo: `${item.name} 工会主席津贴 2031-03`,
          createdBy: gucun.userId, lines: [
            { orgId: gucun.orgId, orgPath: street!.path, account: '506', debitFen: item.amountFen, counterpartyOrgId: item.orgId },
            { orgId: gucun.orgId, orgPath: street!.path, account: '102', creditFen: item.amountFen, counterpartyOrgId: item.orgId },
          ],
        });
      }
    });
    const before = await request(t.app, city, 'POST', '/api/funds/chair-allowance-settings', { ...body, validFrom: '2031-02-28' });
    expect(before.statusCode).toBe(400);
    expect(Object.keys(before.json<{ fields: object }>().fields)).toEqual(['validFrom']);
    expect(before.body).toContain('最近一次发放');
    await ok(city, 'POST', '/api/funds/chair-allowance-settings', { ...body, validFrom: '2031-04-01', baseFen: 40_000, maxFen: 90_000 });
    const list = await ok<{ items: { validFrom: string; baseFen: number }[]; latestPostedPeriod: string | null }>(city, 'GET', '/api/funds/chair-allowance-settings');
    expect(list.latestPostedPeriod).toBe('2031-03');
    expect(list.items[0]).toMatchObject({ validFrom: '2031-04-01', baseFen: 40_000 });
    expect(list.items.map((i) => i.validFrom)).toEqual([...list.items.map((i) => i.validFrom)].sort().reverse());
    // March keeps what it posted; April reads the new setting (unions without 2030 stars get the new base)
    const march = await ok<ChairAllowanceRun>(gucun, 'GET', '/api/funds/chair-allowances?period=2031-03');
    expect(march.totalFen).toBe(posted.totalFen);
    const april = await ok<ChairAllowanceRun>(gucun, 'GET', '/api/funds/chair-allowances?period=2031-04');
    expect(april.items.length).toBeGreaterThan(0);
    const aprilSettings = { ...body, validFrom: '2031-04-01', baseFen: 40_000, maxFen: 90_000 };
    for (const item of april.items) expect(item.amountFen).toBe(chairAllowanceFen(aprilSettings, item.members, item.stars));
    expect(april.items.filter((i) => i.stars === null).length).toBeGreaterThan(0);
    const [audit] = await t.handle.query<{ n: number }>(`select count(*)::int as n from audit_log where object_type = 'chair_allowance_settings'`);
    expect(audit!.n).toBe(2);
  });

  it('property: an allowance is whole fen within base and maximum, never less for more stars or members', () => {
    const settings = fc.record({
      validFrom: fc.constant('2000-01-01'), baseFen: fc.integer({ min: 1, max: 100_000 }), perStarFen: fc.integer({ min: 0, max: 50_000 }),
      sizeTiers: fc.array(fc.record({ minMembers: fc.integer({ min: 0, max: 2_000 }), addFen: fc.integer({ min: 0, max: 50_000 }) }), { maxLength: 4 })
        .map((tiers) => [...tiers].sort((x, y) => x.minMembers - y.minMembers).map((tier, i, all) => ({ ...tier, addFen: all.slice(0, i + 1).reduce((m, x) => Math.max(m, x.addFen), 0) }))),
      extra: fc.integer({ min: 0, max: 200_000 }),
    }).map(({ extra, ...s }) => ({ ...s, maxFen: s.baseFen + extra }));
    fc.assert(fc.property(settings, fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 1, max: 5 }), (s, members, stars) => {
      const amount = chairAllowanceFen(s, members, stars);
      expect(Number.isInteger(amount)).toBe(true);
      expect(amount).toBeGreaterThanOrEqual(s.baseFen);
      expect(amount).toBeLessThanOrEqual(s.maxFen);
      expect(chairAllowanceFen(s, members + 100, stars)).toBeGreaterThanOrEqual(amount);
      if (stars < 5) expect(chairAllowanceFen(s, members, stars + 1)).toBeGreaterThanOrEqual(amount);
      expect(chairAllowanceFen(s, members, null)).toBe(s.baseFen);
    }), { numRuns: 500 });
  });
});

describe('the cockpit figures kept by triggers (migration funds_figures)', () => {
  type Unit = { id: number; name: string; path: string };
  const unitsOf = (ids: number[]) => t.handle.query<Unit>('select id, name, path::text as path from orgs where id = any($1::int[]) order by array_position($1::int[], id)', [ids]);
  /** The same inside a transaction (after a move, the paths it rewrote). */
  const queryUnits = async (tx: Parameters<Parameters<typeof t.handle.db.transaction>[0]>[0], ids: number[]) =>
    (await tx.execute(sql`select id, name, path::text as path from orgs where id = any(${sql.param(ids)}::int[]) order by array_position(${sql.param(ids)}::int[], id)`) as unknown as { rows: Unit[] }).rows;

  /**
   * The kept figures of each unit, and of the children named (those the writes touch, and a quiet one), equal the
   * direct computation, for the years written. (The direct computation scans a subtree per unit: all ≈ 200
   * children of 顾村 each round would take minutes on the embedded database.)
   */
  async function expectKeptEqualsDirect(db: Parameters<typeof keptSummary>[0], checks: { unit: Unit; children: Unit[] }[]) {
    for (const { unit, children } of checks) {
      for (const year of ['2025', '2026']) {
        const { children: keptChildren, year: _year, ...own } = await keptSummary(db, unit, year);
        expect(own, `${unit.name} ${year}`).toEqual(await directFigures(db, unit, year));
        for (const child of children) {
          const direct = await directFigures(db, child, year);
          const { children: _children, year: _childYear, ...childOwn } = await keptSummary(db, child, year);
          expect(childOwn, `${child.name} ${year}`).toEqual(direct);
          // its row in the parent's table, when among the first 200 children
          const row = keptChildren.find((c) => c.org.id === child.id);
          if (row) expect(row, `${child.name} ${year} in ${unit.name}`).toEqual(direct);
        }
      }
    }
  }

  // the direct computation scans each child's subtree: 宝山 and 顾村 (with all their children) keep it within minutes
  it('property: random payrolls (replacements too), receipts, returns, an enterprise changing union and a federation moving keep them equal to the direct computation, folded or pending', { timeout: 300_000 }, async () => {
    const [baoshanUnit, gucunUnit] = await unitsOf([baoshan.orgId, gucun.orgId]);
    const pool = withUnion.slice(60, 80).concat(noUnion.slice(20, 25));
    // federations under 顾村 that can take an enterprise (a union change) and a street to move one under
    const federations = await t.handle.query<Unit>(`
      select id, name, path::text as path from orgs where parent_id = $1 and kind like '%federation%' and status <> 'dissolved' order by id limit 2`, [gucun.orgId]);
    expect(federations.length).toBe(2);
    const [otherStreet] = await t.handle.query<Unit>(`
      select id, name, path::text as path from orgs where parent_id = $1 and id <> $2 and kind = 'street_federation' order by id limit 1`, [baoshan.orgId, gucun.orgId]);
    expect(otherStreet).toBeDefined();
    // 顾村's children holding the pool's enterprises (their unions receive the returns), the federations, a quiet one
    const touched = await t.handle.query<Unit>(`
      select distinct c.id, c.name, c.path::text as path from orgs c join enterprises e on e.org_path <@ c.path
       where c.parent_id = $1 and e.id = any($2::int[])`, [gucun.orgId, pool.map((e) => e.id)]);
    const [quiet] = await t.handle.query<Unit>(`
      select id, name, path::text as path from orgs where parent_id = $1 and not (id = any($2::int[])) order by id limit 1`,
    [gucun.orgId, [...touched, ...federations].map((u) => u.id)]);
    const gucunChildren = [...new Map([...touched, ...federations, quiet!].map((u) => [u.id, u])).values()];
    const checks = [{ unit: gucunUnit!, children: gucunChildren }, { unit: baoshanUnit!, children: [gucunUnit!, otherStreet!] }];
    let n = 0;
    let round = 0;
    await fc.assert(fc.asyncProperty(
      fc.array(fc.oneof(
        fc.record({ kind: fc.constant('payroll' as const), e: fc.nat(pool.length - 1), month: fc.integer({ min: 9, max: 11 }), fen: fc.integer({ min: 0, max: 10 ** 9 }) }),
        fc.record({ kind: fc.constant('receipt' as const), e: fc.nat(pool.length - 1), year: fc.constantFrom(2025, 2026), month: fc.integer({ min: 9, max: 11 }), fen: fc.integer({ min: 1, max: 10 ** 8 }) }),
        fc.record({ kind: fc.constant('return' as const), month: fc.integer({ min: 9, max: 11 }) }),
        fc.record({ kind: fc.constant('changeUnion' as const), e: fc.nat(pool.length - 1), f: fc.nat(1) }),
      ), { minLength: 3, maxLength: 8 }),
      async (ops) => {
        for (const op of ops) {
          if (op.kind === 'payroll') {
            const period = `2026-${String(op.month).padStart(2, '0')}`;
            const r = await request(t.app, gucun, 'POST', '/api/funds/payroll', { enterpriseId: pool[op.e]!.id, period, payrollFen: op.fen });
            expect([200, 201]).toContain(r.statusCode);
          } else if (op.kind === 'receipt') {
            const body = { enterpriseId: pool[op.e]!.id, amountFen: op.fen, receivedOn: `${op.year}-${String(op.month).padStart(2, '0')}-07`, idempotencyKey: `figures-receipt-${++n}` };
            const r = await request(t.app, gucun, 'POST', '/api/funds/receipts', body);
            expect(r.statusCode, r.body).toBe(201);
          } else if (op.kind === 'return') {
            const r = await request(t.app, gucun, 'POST', '/api/funds/returns', { orgId: gucun.orgId, period: `2026-${String(op.month).padStart(2, '0')}` });
            expect(r.statusCode, r.body).toBe(200);
          } else {
            // the enterprise's responsible union becomes a federation of 顾村 (or back): its figures move along
            const f = federations[op.f]!;
            await t.handle.query('update enterprises set org_id = $2, org_path = $3::ltree where id = $1', [pool[op.e]!.id, f.id, f.path]);
          }
        }
        if (++round % 2 === 0) await t.handle.query('select compact_org_figures()');
        await expectKeptEqualsDirect(t.handle.db, checks);
      },
    ), { numRuns: 3 });

    // a federation moving to another street (the one change that rewrites every path below it) moves its figures;
    // rolled back, so the later tests see 顾村 as it was
    const moving = federations[0]!;
    await t.handle.db.transaction(async (tx) => {
      const to = `${otherStreet!.path}.${moving.id}`;
      await tx.execute(sql`update orgs set parent_id = ${otherStreet!.id} where id = ${moving.id}`);
      await rewriteSubtreePaths(tx, moving.path, to);
      const [b, g, o, m] = await queryUnits(tx, [baoshan.orgId, gucun.orgId, otherStreet!.id, moving.id]);
      await expectKeptEqualsDirect(tx as never, [{ unit: g!, children: [] }, { unit: o!, children: [m!] }, { unit: b!, children: [g!, o!] }]);
      throw new Error('roll back');
    }).catch((e: Error) => expect(e.message).toBe('roll back'));
    await expectKeptEqualsDirect(t.handle.db, checks);
  });
});
