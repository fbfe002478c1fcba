/**
 * Attacks on rights (机制三), funds (机制四) and congress / votes / evaluation (机制五), as staff of other districts,
 * anonymous callers, members and the read-only assessor would try them: writes outside the scope, forged headers,
 * replayed keys, hostile input and files, state machines driven backwards, personal data in answers and logs.
 * Each case asserts the correct behaviour; the ones that found a fault are the regression tests of its fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate, type ApplicationCreated, type ApplicationItem } from '@lianxin/contracts';
import { GUCUN, NANJINGDONGLU, newIdNumber, newPhone } from './support/fixtures.ts';
import { multipart } from './support/multipart.ts';
import { applyOnline, request, signIn, joinedMember, startTestApp, type Session, type TestApp } from './support/test-app.ts';

let t: TestApp;
let city: Session;
let baoshan: Session;
let gucun: Session;
let nanjing: Session;
let assessor: Session;
let member: Session;
const logLines: string[] = [];
const phonesUsed: string[] = [];
const idNumbersUsed: string[] = [];
const today = shanghaiDate();
const year = Number(today.slice(0, 4));
let enterprise: { id: number; name: string; credit_code: string };
let foreignEnterprise: { id: number; credit_code: string };
let enterprise2: { id: number };
/** records of 顾村 the attacks aim at */
const ids = { caseId: 0, warningId: 0, consultationId: 0, budgetId: 0, voteId: 0, sessionId: 0 };

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const zh = { 'accept-language': 'zh-CN' };

async function ok<T>(session: Session | null, method: Method, url: string, body?: unknown): Promise<T> {
  const r = await request(t.app, session, method, url, body);
  if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
  return r.json<T>();
}

function phone(): string {
  const p = newPhone();
  phonesUsed.push(p);
  return p;
}

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

/** A 400 naming the field, with a Chinese message for a zh-CN caller. */
function expectFieldError(r: { statusCode: number; body: string; json: <T>() => T }, field: string, label: string) {
  expect(r.statusCode, `${label}: ${r.body}`).toBe(400);
  const body = r.json<{ message: string; fields: Record<string, string> }>();
  const keys = Object.keys(body.fields);
  expect(keys.some((k) => k === field || k.startsWith(`${field}.`) || k.startsWith(`${field}[`)), `${label}: ${r.body}`).toBe(true);
  expect(hasChinese(body.message), `${label}: ${r.body}`).toBe(true);
  for (const k of keys) expect(hasChinese(body.fields[k]!), `${label}: ${r.body}`).toBe(true);
}

async function newMember(name: string): Promise<Session> {
  const idNumber = newIdNumber();
  idNumbersUsed.push(idNumber);
  return joinedMember(t, baoshan, { name, idNumber, phone: phone(), regionCode: GUCUN });
}

const count = async (sql: string, params: unknown[] = []) => (await t.handle.query<{ n: number }>(sql, params))[0]!.n;

beforeAll(async () => {
  t = await startTestApp({}, { log: { level: 'trace', destination: { write: (line: string) => { logLines.push(line); } } } });
  city = await signIn(t.app, 'demo-city');
  baoshan = await signIn(t.app, 'demo-baoshan');
  gucun = await signIn(t.app, 'demo-gucun');
  nanjing = await signIn(t.app, 'demo-nanjingdonglu');
  assessor = await signIn(t.app, 'demo-assessor');
  member = await newMember('周骑手');
  const [e] = await t.handle.query<{ id: number; name: string; credit_code: string }>(`
    select id, name, credit_code from enterprises where region_code = $1 and union_status <> 'none' and employee_count between 10 and 2000
     and org_path <@ (select path from orgs where id = $2) order by id offset 7 limit 1`, [GUCUN, gucun.orgId]);
  enterprise = e!;
  [enterprise2] = await t.handle.query<{ id: number }>(`
    select id from enterprises where region_code = $1 and union_status <> 'none' and id <> $2
     and org_path <@ (select path from orgs where id = $3) order by id offset 11 limit 1`, [GUCUN, enterprise.id, gucun.orgId]) as [{ id: number }];
  const [f] = await t.handle.query<{ id: number; credit_code: string }>(`
    select id, credit_code from enterprises where org_path <@ (select path from orgs where id = $1) and union_status <> 'none' order by id limit 1`, [nanjing.orgId]);
  foreignEnterprise = f!;

  ids.caseId = (await ok<{ id: number }>(gucun, 'POST', '/api/rights/cases', {
    enterpriseId: enterprise.id, type: 'wage_arrears', workers: [{ name: '吴当事人', phone: phone() }], claimFen: 500_000, description: '攻击测试案件',
  })).id;
  ids.warningId = (await ok<{ id: number }>(gucun, 'POST', '/api/rights/warnings', {
    enterpriseId: enterprise.id, signal: 'wage_arrears', level: 'serious', description: '攻击测试预警',
  })).id;
  ids.consultationId = (await ok<{ id: number }>(gucun, 'POST', '/api/rights/consultations', {
    enterpriseId: enterprise.id, collectedOn: today, issues: '高温津贴',
  })).id;
  ids.budgetId = (await ok<{ id: number }>(gucun, 'POST', '/api/funds/budgets', {
    orgId: gucun.orgId, year, kind: 'project', name: '攻击测试项目', accountCode: '501', amountFen: 1_000_000,
  })).id;
  ids.voteId = (await ok<{ id: number }>(gucun, 'POST', '/api/votes', { orgId: member.orgId, title: '攻击测试表决（范围）', method: 'yes_no_abstain', secret: true })).id;
  ids.sessionId = (await ok<{ id: number }>(gucun, 'POST', '/api/congress/sessions', {
    orgId: gucun.orgId, title: '攻击测试职代会（范围）', heldOn: addDays(today, 20), proposalsOpenOn: addDays(today, -1), proposalsCloseOn: addDays(today, 10),
    representatives: [{ memberId: (await t.handle.query<{ member_id: number }>('select member_id from users where id = $1', [member.userId]))[0]!.member_id, constituency: '一组' }],
  })).id;
}, 120_000);
afterAll(() => t?.close());

/** Writes on 顾村's records, each harmless to repeat when refused. */
const writes = (): { method: Method; url: string; body?: unknown }[] => [
  { method: 'POST', url: `/api/rights/cases/${ids.caseId}/stage`, body: { to: 'investigating' } },
  { method: 'POST', url: `/api/rights/warnings/${ids.warningId}/meetings`, body: { heldOn: today, participants: '厂长、工会主席' } },
  { method: 'POST', url: `/api/rights/warnings/${ids.warningId}/close`, body: { resolution: '已整改' } },
  { method: 'POST', url: `/api/rights/consultations/${ids.consultationId}/step`, body: { to: 'participants', on: today, text: '职工代表五人' } },
  { method: 'POST', url: '/api/rights/cases', body: { enterpriseId: enterprise.id, type: 'wage_arrears', workers: [{ name: '越权者' }], claimFen: 1 } },
  { method: 'PATCH', url: `/api/funds/budgets/${ids.budgetId}`, body: { amountFen: 1 } },
  { method: 'POST', url: `/api/funds/budgets/${ids.budgetId}/spendings`, body: { spentOn: today, payee: '某供应商', purpose: '越权支出', amountFen: 100, idempotencyKey: 'attack-scope-spend' } },
  { method: 'POST', url: '/api/funds/payroll', body: { enterpriseId: enterprise.id, period: '2026-09', payrollFen: 1 } },
  { method: 'POST', url: '/api/funds/receipts', body: { enterpriseId: enterprise.id, amountFen: 1, receivedOn: today, idempotencyKey: 'attack-scope-receipt' } },
  { method: 'POST', url: '/api/funds/rate-exceptions', body: { enterpriseId: enterprise.id, kind: 'reduced', rateBp: 0, reason: '越权减免', validFrom: '2026-01', validTo: '2026-12' } },
  { method: 'POST', url: `/api/funds/dunning/${enterprise.id}/step`, body: { step: 'lawyer_letter' } },
  { method: 'PATCH', url: `/api/votes/${ids.voteId}`, body: { title: '被改了', method: 'yes_no_abstain', options: [], secret: false } },
  { method: 'POST', url: `/api/votes/${ids.voteId}/start` },
  { method: 'PUT', url: `/api/congress/sessions/${ids.sessionId}/attendance`, body: { present: [] } },
];

/** Reads of 顾村's records. */
const reads = (): string[] => [
  `/api/rights/cases/${ids.caseId}`, `/api/rights/warnings/${ids.warningId}`, `/api/rights/warnings/${ids.warningId}/letter.pdf`,
  `/api/rights/consultations/${ids.consultationId}`, `/api/funds/budgets/${ids.budgetId}/spendings`, `/api/funds/enterprises/${enterprise.id}`,
  `/api/funds/dunning/${enterprise.id}`, `/api/votes/${ids.voteId}`, `/api/congress/sessions/${ids.sessionId}`,
  `/api/funds/trial-balance?orgId=${gucun.orgId}&period=2026-10`, `/api/funds/summary?orgId=${gucun.orgId}`, `/api/rights/summary?orgId=${gucun.orgId}`,
];

/** Nothing the refused writes aimed at changed. */
async function untouched() {
  const [c] = await t.handle.query<{ status: string }>('select status from rights_cases where id = $1', [ids.caseId]);
  expect(c!.status).toBe('accepted');
  const [w] = await t.handle.query<{ status: string }>('select status from rights_warnings where id = $1', [ids.warningId]);
  expect(w!.status).not.toBe('closed');
  const [v] = await t.handle.query<{ state: string; title: string }>('select state, title from votes where id = $1', [ids.voteId]);
  expect(v).toEqual({ state: 'created', title: '攻击测试表决（范围）' });
  const [b] = await t.handle.query<{ amount: number }>('select amount_fen::int as amount from budget_lines where id = $1', [ids.budgetId]);
  expect(b!.amount).toBe(1_000_000);
  expect(await count(`select count(*)::int as n from budget_spendings where idempotency_key like '%attack-scope-spend%'`)).toBe(0);
  expect(await count(`select count(*)::int as n from fund_receipts where idempotency_key like '%attack-scope-receipt%'`)).toBe(0);
  expect(await count(`select count(*)::int as n from fund_rate_exceptions where reason = '越权减免'`)).toBe(0);
  expect(await count(`select count(*)::int as n from rights_case_workers where name = '越权者'`)).toBe(0);
}

describe('who may touch 顾村\'s rights, funds, votes and congress records', () => {
  it('another street\'s staff: every read and write of 顾村\'s records is 404, never data', async () => {
    for (const url of reads()) {
      const r = await request(t.app, nanjing, 'GET', url);
      expect(r.statusCode, `${url}: ${r.body}`).toBe(404);
      expect(r.body).not.toContain(enterprise.name);
    }
    for (const w of writes()) {
      const r = await request(t.app, nanjing, w.method, w.url, w.body);
      expect(r.statusCode, `${w.method} ${w.url}: ${r.body}`).toBe(404);
    }
    await untouched();
  });

  it('anonymous callers get 401, members 403 on staff routes, the read-only assessor 403 on every write', async () => {
    for (const url of reads()) {
      expect((await request(t.app, null, 'GET', url)).statusCode, url).toBe(401);
      expect((await request(t.app, member, 'GET', url)).statusCode, url).toBe(403);
      const read = await request(t.app, assessor, 'GET', url);
      expect(read.statusCode, `${url}: ${read.body}`).toBe(200);
    }
    for (const w of writes()) {
      const label = `${w.method} ${w.url}`;
      expect((await request(t.app, null, w.method, w.url, w.body)).statusCode, label).toBe(401);
      expect((await request(t.app, member, w.method, w.url, w.body)).statusCode, label).toBe(403);
      const a = await request(t.app, assessor, w.method, w.url, w.body);
      expect(a.statusCode, `${label}: ${a.body}`).toBe(403);
    }
    await untouched();
  });

  it('a cookie write without or with a wrong X-CSRF-Token is 403, nothing written', async () => {
    for (const w of writes()) {
      const bare = await t.app.inject({ method: w.method, url: w.url, headers: { cookie: gucun.cookie }, ...(w.body !== undefined ? { payload: w.body as object } : {}) });
      expect(bare.statusCode, `${w.method} ${w.url}: ${bare.body}`).toBe(403);
      const wrong = await request(t.app, gucun, w.method, w.url, w.body, { 'x-csrf-token': `${gucun.csrfToken.slice(0, -2)}xx` });
      expect(wrong.statusCode, `${w.method} ${w.url}: ${wrong.body}`).toBe(403);
      const other = await request(t.app, gucun, w.method, w.url, w.body, { 'x-csrf-token': nanjing.csrfToken });
      expect(other.statusCode, `${w.method} ${w.url}: ${other.body}`).toBe(403);
    }
    await untouched();
  });

  it('a member\'s H5 endpoints answer only the member: staff get 403, anonymous 401, another member\'s case 404', async () => {
    for (const url of ['/api/me/rights', '/api/me/funds', '/api/me/congress', `/api/me/evaluation/${year}/questions`]) {
      expect((await request(t.app, null, 'GET', url)).statusCode, url).toBe(401);
      expect((await request(t.app, gucun, 'GET', url)).statusCode, url).toBe(403);
      expect((await request(t.app, member, 'GET', url)).statusCode, url).toBe(200);
    }
    expect((await request(t.app, member, 'GET', `/api/me/rights/cases/${ids.caseId}`)).statusCode).toBe(404);
    expect((await request(t.app, member, 'GET', `/api/me/votes/${ids.voteId}/result`)).statusCode).toBe(404);
    expect((await request(t.app, member, 'POST', `/api/me/rights/consultations/${ids.consultationId}/issues`, { text: '夜班补贴' })).statusCode).not.toBe(500);
  });

  it('a forged X-Forwarded-For is not taken as the client\'s address in the audit log (no proxy is trusted by default)', async () => {
    const r = await request(t.app, gucun, 'POST', '/api/rights/warnings', {
      enterpriseId: enterprise.id, signal: 'social_insurance_arrears', level: 'general', description: '伪造来源地址的预警',
    }, { 'x-forwarded-for': '203.0.113.77', host: 'evil.example' });
    expect(r.statusCode, r.body).toBe(201);
    const rows = await t.handle.query<{ ip: string | null }>(`select ip::text as ip from audit_log where object_type = 'rights_warning' and object_id = $1`, [String(r.json<{ id: number }>().id)]);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.ip ?? '').not.toContain('203.0.113.77');
  });
});

describe('hostile input: a 400 naming the field in the caller\'s language, nothing written', () => {
  it('money: negative, fractional, huge, 1e309, strings, null and arrays as fen', async () => {
    const junk: unknown[] = [-1, -100, 0.5, 100.01, 2 ** 53, 1e21, '1e309', '100', null, [100], { fen: 1 }, true, 'NaN'];
    const before = await count('select count(*)::int as n from budget_lines');
    for (const amountFen of junk) {
      const label = `amountFen=${JSON.stringify(amountFen)}`;
      expectFieldError(await request(t.app, gucun, 'POST', '/api/funds/budgets', {
        orgId: gucun.orgId, year, kind: 'basic', name: '垃圾金额', accountCode: '501', amountFen,
      }, zh), 'amountFen', `budget ${label}`);
      expectFieldError(await request(t.app, gucun, 'POST', `/api/funds/budgets/${ids.budgetId}/spendings`, {
        spentOn: today, payee: '某公司', purpose: '垃圾', amountFen, idempotencyKey: 'attack-junk-fen',
      }, zh), 'amountFen', `spending ${label}`);
      expectFieldError(await request(t.app, gucun, 'POST', '/api/rights/cases', {
        enterpriseId: enterprise.id, type: 'wage_arrears', workers: [{ name: '垃圾' }], claimFen: amountFen,
      }, zh), 'claimFen', `case ${label}`);
      expectFieldError(await request(t.app, gucun, 'POST', '/api/funds/payroll', { enterpriseId: enterprise.id, period: '2026-09', payrollFen: amountFen }, zh), 'payrollFen', `payroll ${label}`);
    }
    // 1e309 as a JSON number literal is Infinity to JSON.parse
    const inf = await t.app.inject({
      method: 'POST', url: '/api/funds/budgets', headers: { cookie: gucun.cookie, 'x-csrf-token': gucun.csrfToken, 'content-type': 'application/json', ...zh },
      payload: `{"orgId":${gucun.orgId},"year":${year},"kind":"basic","name":"无穷","accountCode":"501","amountFen":1e309}`,
    });
    expectFieldError(inf, 'amountFen', 'amountFen=1e309 literal');
    expect(await count('select count(*)::int as n from budget_lines')).toBe(before);
    expect(await count(`select count(*)::int as n from budget_spendings where idempotency_key like '%attack-junk-fen%'`)).toBe(0);
  });

  it('dates and months: 2026-02-30, 2026-13, 2026-1-5, years beyond reach', async () => {
    for (const on of ['2026-02-30', '2025-02-29', '2026-13-01', '2026-1-5', '20261005', '0000-01-01', '', null, 20261005]) {
      expectFieldError(await request(t.app, gucun, 'POST', `/api/rights/cases/${ids.caseId}/stage`, { to: 'investigating', on }, zh), 'on', `stage on=${String(on)}`);
      expectFieldError(await request(t.app, gucun, 'POST', `/api/rights/warnings/${ids.warningId}/meetings`, { heldOn: on, participants: '甲' }, zh), 'heldOn', `meeting heldOn=${String(on)}`);
    }
    for (const period of ['2026-13', '2026-00', '2026-1', '26-01', '2026/01', '2026-01-01', null]) {
      expectFieldError(await request(t.app, gucun, 'POST', '/api/funds/payroll', { enterpriseId: enterprise.id, period, payrollFen: 100 }, zh), 'period', `payroll period=${String(period)}`);
      expectFieldError(await request(t.app, gucun, 'POST', '/api/funds/rate-exceptions', {
        enterpriseId: enterprise.id, kind: 'reduced', rateBp: 100, reason: '困难企业', validFrom: period, validTo: '2026-12',
      }, zh), 'validFrom', `rate validFrom=${String(period)}`);
    }
    for (const y of ['1999', '2200', '99999', 'abcd', '2026.5']) {
      const r = await request(t.app, gucun, 'GET', `/api/funds/budgets?year=${y}`, undefined, zh);
      expect(r.statusCode, `budgets year=${y}: ${r.body}`).toBe(400);
    }
    for (const y of ['1999x', '99999999999', '-1', '2026.5', '%00']) {
      const r = await request(t.app, gucun, 'GET', `/api/evaluation/${y}`, undefined, zh);
      expect(r.statusCode, `evaluation year=${y}: ${r.body}`).toBe(400);
    }
    const period = await request(t.app, city, 'POST', '/api/funds/periods/2026-13/close', undefined, zh);
    expectFieldError(period, 'period', 'close 2026-13');
    // the case is where it was
    const [c] = await t.handle.query<{ status: string }>('select status from rights_cases where id = $1', [ids.caseId]);
    expect(c!.status).toBe('accepted');
  });

  it('shapes: arrays where objects belong, objects where arrays belong, __proto__ keys, 100,000-character texts, unicode junk', async () => {
    const before = await count('select count(*)::int as n from rights_cases');
    const base = { enterpriseId: enterprise.id, type: 'wage_arrears', workers: [{ name: '形状' }], claimFen: 100 };
    expectFieldError(await request(t.app, gucun, 'POST', '/api/rights/cases', { ...base, workers: { name: '形状' } }, zh), 'workers', 'workers as object');
    expectFieldError(await request(t.app, gucun, 'POST', '/api/rights/cases', { ...base, workers: [] }, zh), 'workers', 'no workers');
    expectFieldError(await request(t.app, gucun, 'POST', '/api/rights/cases', { ...base, workers: [['形状']] }, zh), 'workers', 'worker as array');
    expectFieldError(await request(t.app, gucun, 'POST', '/api/rights/cases', { ...base, enterpriseId: [enterprise.id] }, zh), 'enterpriseId', 'id as array');
    expectFieldError(await request(t.app, gucun, 'POST', '/api/rights/cases', { ...base, enterpriseId: 2 ** 31 }, zh), 'enterpriseId', 'id past int4');
    expectFieldError(await request(t.app, gucun, 'POST', '/api/rights/cases', { ...base, description: '长'.repeat(100_000) }, zh), 'description', 'long text');
    expectFieldError(await request(t.app, gucun, 'POST', '/api/rights/cases', { ...base, workers: [{ name: 'a\u0000b' }] }, zh), 'workers', 'NUL in name');
    expectFieldError(await request(t.app, gucun, 'POST', '/api/rights/cases', { ...base, workers: [{ name: '\uD800' }] }, zh), 'workers', 'lone surrogate');
    expectFieldError(await request(t.app, gucun, 'POST', '/api/rights/cases', { ...base, workers: [{ name: '张三', phone: '1390000' }] }, zh), 'workers', 'bad phone');
    const arrayBody = await request(t.app, gucun, 'POST', '/api/rights/cases', [base], zh);
    expect(arrayBody.statusCode, arrayBody.body).toBe(400);
    // a __proto__ key is refused or ignored, never a 500, never a polluted prototype
    const proto = await t.app.inject({
      method: 'POST', url: '/api/rights/cases', headers: { cookie: gucun.cookie, 'x-csrf-token': gucun.csrfToken, 'content-type': 'application/json', ...zh },
      payload: `{"enterpriseId":${enterprise.id},"type":"wage_arrears","workers":[{"name":"原型"}],"claimFen":100,"__proto__":{"polluted":true}}`,
    });
    expect(proto.statusCode, proto.body).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const constructorKey = await request(t.app, gucun, 'POST', '/api/funds/budgets', {
      orgId: gucun.orgId, year, kind: 'basic', name: '原型', accountCode: '501', amountFen: 100, constructor: { prototype: { polluted: true } },
    }, zh);
    expect(constructorKey.statusCode, constructorKey.body).toBeLessThan(500);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await count('select count(*)::int as n from rights_cases')).toBe(before);
  });

  it('malformed JSON is a 400 in the caller\'s language, not a 500', async () => {
    for (const payload of ['{', '{"claimFen": }', 'null', '"x"', '[]']) {
      const r = await t.app.inject({
        method: 'POST', url: '/api/rights/cases', headers: { cookie: gucun.cookie, 'x-csrf-token': gucun.csrfToken, 'content-type': 'application/json', ...zh }, payload,
      });
      expect(r.statusCode, `${payload}: ${r.body}`).toBe(400);
      expect(hasChinese(r.json<{ message: string }>().message), `${payload}: ${r.body}`).toBe(true);
    }
  });

  it('votes: options that are not strings, too many, duplicates; a ballot with another vote\'s option, repeats and junk', async () => {
    const bad = [
      { title: '甲', method: 'single', options: [1, 2], secret: true },
      { title: '甲', method: 'single', options: 'a,b', secret: true },
      { title: '甲', method: 'single', options: Array.from({ length: 1000 }, (_, i) => `选项${i}`), secret: true },
      { title: '', method: 'single', options: ['a', 'b'], secret: true },
      { title: '甲', method: 'nonsense', options: ['a', 'b'], secret: true },
    ];
    const before = await count('select count(*)::int as n from votes');
    for (const body of bad) {
      const r = await request(t.app, gucun, 'POST', '/api/votes', { orgId: member.orgId, ...body }, zh);
      expect(r.statusCode, `${JSON.stringify(body).slice(0, 80)}: ${r.body}`).toBe(400);
      expect(hasChinese(r.json<{ message: string }>().message)).toBe(true);
    }
    expect(await count('select count(*)::int as n from votes')).toBe(before);
    const a = await ok<{ id: number; options: { id: number }[] }>(gucun, 'POST', '/api/votes', { orgId: member.orgId, title: '攻击测试：选票垃圾', method: 'single', options: ['甲', '乙'], secret: false });
    const b = await ok<{ id: number; options: { id: number }[] }>(gucun, 'POST', '/api/votes', { orgId: member.orgId, title: '攻击测试：另一表决', method: 'single', options: ['丙', '丁'], secret: false });
    await ok(gucun, 'POST', `/api/votes/${a.id}/start`);
    for (const choices of [[b.options[0]!.id], [a.options[0]!.id, a.options[0]!.id], [a.options[0]!.id, a.options[1]!.id], ['1'], [1.5], [2 ** 31], null, { 0: a.options[0]!.id }]) {
      const r = await request(t.app, member, 'POST', `/api/votes/${a.id}/ballots`, { choices }, zh);
      expect(r.statusCode, `${JSON.stringify(choices)}: ${r.body}`).toBe(400);
      expect(Object.keys(r.json<{ fields: Record<string, string> }>().fields).every((k) => k.startsWith('choices')), r.body).toBe(true);
    }
    expect(await count('select count(*)::int as n from vote_ballots where vote_id = $1', [a.id])).toBe(0);
    expect(await count('select count(*)::int as n from vote_has_voted where vote_id = $1', [a.id])).toBe(0);
  });
});

describe('state machines driven backwards', () => {
  it('a dispute case: no step back, no step dated before the previous one, nothing after closing', async () => {
    const created = await ok<{ id: number }>(gucun, 'POST', '/api/rights/cases', {
      enterpriseId: enterprise.id, type: 'work_injury', workers: [{ name: '郑当事人' }], claimFen: 300_000, receivedOn: addDays(today, -30),
    });
    await ok(gucun, 'POST', `/api/rights/cases/${created.id}/stage`, { to: 'investigating', on: addDays(today, -20) });
    await ok(gucun, 'POST', `/api/rights/cases/${created.id}/stage`, { to: 'mediating', on: addDays(today, -10) });
    const back = await request(t.app, gucun, 'POST', `/api/rights/cases/${created.id}/stage`, { to: 'investigating' }, zh);
    expect(back.statusCode, back.body).toBe(409);
    // a close dated before the mediation it ends
    const early = await request(t.app, gucun, 'POST', `/api/rights/cases/${created.id}/stage`, { to: 'closed', on: addDays(today, -15), outcome: 'withdrawn' }, zh);
    expectFieldError(early, 'on', 'close before mediation');
    const future = await request(t.app, gucun, 'POST', `/api/rights/cases/${created.id}/stage`, { to: 'closed', on: addDays(today, 1), outcome: 'withdrawn' }, zh);
    expectFieldError(future, 'on', 'close tomorrow');
    // recovered money without an agreement, an agreement without the amount
    expectFieldError(await request(t.app, gucun, 'POST', `/api/rights/cases/${created.id}/stage`, { to: 'closed', outcome: 'withdrawn', recoveredFen: 100 }, zh), 'recoveredFen', 'recovered on failure');
    await ok(gucun, 'POST', `/api/rights/cases/${created.id}/stage`, { to: 'closed', outcome: 'success', recoveredFen: 250_000, agreementText: '分两期支付' });
    for (const to of ['investigating', 'mediating', 'closed']) {
      const r = await request(t.app, gucun, 'POST', `/api/rights/cases/${created.id}/stage`, { to, outcome: 'withdrawn' }, zh);
      expect(r.statusCode, `${to}: ${r.body}`).toBe(409);
    }
    const [row] = await t.handle.query<{ status: string; outcome: string; recovered: number }>('select status, outcome, recovered_fen::int as recovered from rights_cases where id = $1', [created.id]);
    expect(row).toEqual({ status: 'closed', outcome: 'success', recovered: 250_000 });
    expect(await count('select count(*)::int as n from rights_case_steps where case_id = $1', [created.id])).toBe(3);
  });

  it('a warning: closing twice or meeting after closing is 409', async () => {
    const w = await ok<{ id: number }>(gucun, 'POST', '/api/rights/warnings', { enterpriseId: enterprise.id, signal: 'other', level: 'major', description: '攻击测试：关闭两次' });
    await ok(gucun, 'POST', `/api/rights/warnings/${w.id}/close`, { resolution: '已整改' });
    expect((await request(t.app, gucun, 'POST', `/api/rights/warnings/${w.id}/close`, { resolution: '再关一次' })).statusCode).toBe(409);
    expect((await request(t.app, gucun, 'POST', `/api/rights/warnings/${w.id}/meetings`, { heldOn: today, participants: '甲' })).statusCode).toBe(409);
  });

  it('a consultation cannot skip or repeat a step', async () => {
    const c = await ok<{ id: number }>(gucun, 'POST', '/api/rights/consultations', { enterpriseId: enterprise2.id, collectedOn: addDays(today, -5), issues: '食堂' });
    expect((await request(t.app, gucun, 'POST', `/api/rights/consultations/${c.id}/step`, { to: 'published', on: today, text: '结果' })).statusCode).toBe(409);
    await ok(gucun, 'POST', `/api/rights/consultations/${c.id}/step`, { to: 'participants', on: today, text: '五人' });
    expect((await request(t.app, gucun, 'POST', `/api/rights/consultations/${c.id}/step`, { to: 'participants', on: today, text: '再来' })).statusCode).toBe(409);
    const before = await request(t.app, gucun, 'POST', `/api/rights/consultations/${c.id}/step`, { to: 'feedback', on: addDays(today, -10), text: '反馈在收集前' }, zh);
    expectFieldError(before, 'on', 'feedback before collecting');
  });

  it('a vote: no start twice, no ballot before start or after finish, no change once started, publish only after finish', async () => {
    const v = await ok<{ id: number; options: { id: number }[] }>(gucun, 'POST', '/api/votes', { orgId: member.orgId, title: '攻击测试：状态', method: 'yes_no_abstain', secret: true });
    const choice = { choices: [v.options[0]!.id] };
    expect((await request(t.app, member, 'POST', `/api/votes/${v.id}/ballots`, choice)).statusCode).toBe(404); // no snapshot yet: not entitled
    expect((await request(t.app, gucun, 'POST', `/api/votes/${v.id}/publish`)).statusCode).toBe(409);
    expect((await request(t.app, gucun, 'POST', `/api/votes/${v.id}/finish`)).statusCode).toBe(409);
    const starts = await Promise.all([request(t.app, gucun, 'POST', `/api/votes/${v.id}/start`), request(t.app, gucun, 'POST', `/api/votes/${v.id}/start`)]);
    expect(starts.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const entitled = await count('select count(*)::int as n from vote_voters where vote_id = $1', [v.id]);
    const [{ entitled: stored }] = await t.handle.query<{ entitled: number }>('select entitled from votes where id = $1', [v.id]) as [{ entitled: number }];
    expect(stored).toBe(entitled);
    expect((await request(t.app, gucun, 'PATCH', `/api/votes/${v.id}`, { title: '改', method: 'yes_no_abstain', options: [], secret: false })).statusCode).toBe(409);
    expect((await request(t.app, gucun, 'GET', `/api/votes/${v.id}/result`)).statusCode).toBe(409);
    expect((await request(t.app, gucun, 'POST', `/api/votes/${v.id}/ballots`, choice)).statusCode).toBe(403);
    const cast = await request(t.app, member, 'POST', `/api/votes/${v.id}/ballots`, choice);
    expect(cast.statusCode, cast.body).toBe(201);
    const again = await request(t.app, member, 'POST', `/api/votes/${v.id}/ballots`, { choices: [v.options[1]!.id] });
    expect(again.statusCode).toBe(409);
    await ok(gucun, 'POST', `/api/votes/${v.id}/finish`);
    expect((await request(t.app, gucun, 'POST', `/api/votes/${v.id}/finish`)).statusCode).toBe(409);
    const late = await request(t.app, member, 'POST', `/api/votes/${v.id}/ballots`, choice);
    expect(late.statusCode).toBe(409);
    expect((await request(t.app, member, 'GET', `/api/me/votes/${v.id}/result`)).statusCode).toBe(409);
    await ok(gucun, 'POST', `/api/votes/${v.id}/publish`);
    expect((await request(t.app, gucun, 'POST', `/api/votes/${v.id}/publish`)).statusCode).toBe(409);
    expect((await request(t.app, gucun, 'POST', `/api/votes/${v.id}/start`)).statusCode).toBe(409);
    const result = await ok<{ cast: number }>(member, 'GET', `/api/me/votes/${v.id}/result`);
    expect(result.cast).toBe(1);
    // direct writes into a finished vote are refused by the database too
    await expect(t.handle.query(`insert into vote_options (vote_id, position, label) values ($1, 99, '后加')`, [v.id])).rejects.toThrow();
  });

  it('a budget payment: reversing it twice (also at once) reverses it once; another district reverses nothing', async () => {
    const spent = await ok<{ id: number }>(gucun, 'POST', `/api/funds/budgets/${ids.budgetId}/spendings`, {
      spentOn: today, payee: '某印刷厂', purpose: '宣传册', amountFen: 12_300, idempotencyKey: 'attack-reverse-twice',
    });
    expect((await request(t.app, nanjing, 'POST', `/api/funds/budget-spendings/${spent.id}/reverse`, { reason: '越权冲销' })).statusCode).toBe(404);
    expect((await request(t.app, assessor, 'POST', `/api/funds/budget-spendings/${spent.id}/reverse`, { reason: '越权冲销' })).statusCode).toBe(403);
    const [a, b] = await Promise.all([
      request(t.app, gucun, 'POST', `/api/funds/budget-spendings/${spent.id}/reverse`, { reason: '录错金额' }),
      request(t.app, gucun, 'POST', `/api/funds/budget-spendings/${spent.id}/reverse`, { reason: '录错金额' }),
    ]);
    expect([a.statusCode, b.statusCode].sort(), `${a.body} ${b.body}`).toEqual([200, 409]);
    expect((await request(t.app, gucun, 'POST', `/api/funds/budget-spendings/${spent.id}/reverse`, { reason: '第三次' })).statusCode).toBe(409);
    const [row] = await t.handle.query<{ entry: number }>('select entry_id::int as entry from budget_spendings where id = $1', [spent.id]);
    expect(await count('select count(*)::int as n from journal_entries where reverses_id = $1', [row!.entry])).toBe(1);
  });

  it('a replayed idempotency key with a different body is 409, never a second posting or a silent answer of the first', async () => {
    const body = { spentOn: today, payee: '某文具店', purpose: '办公用品', amountFen: 5_000, idempotencyKey: 'attack-replay-key' };
    const first = await request(t.app, gucun, 'POST', `/api/funds/budgets/${ids.budgetId}/spendings`, body);
    expect(first.statusCode, first.body).toBe(201);
    const same = await request(t.app, gucun, 'POST', `/api/funds/budgets/${ids.budgetId}/spendings`, body);
    expect(same.statusCode).toBe(200);
    const changed = await request(t.app, gucun, 'POST', `/api/funds/budgets/${ids.budgetId}/spendings`, { ...body, amountFen: 500_000 }, zh);
    expect(changed.statusCode, changed.body).toBe(409);
    const receipt = { enterpriseId: enterprise.id, amountFen: 10_000, receivedOn: today, idempotencyKey: 'attack-replay-receipt' };
    expect((await request(t.app, gucun, 'POST', '/api/funds/receipts', receipt)).statusCode).toBe(201);
    const changedReceipt = await request(t.app, gucun, 'POST', '/api/funds/receipts', { ...receipt, amountFen: 99_999 }, zh);
    expect(changedReceipt.statusCode, changedReceipt.body).toBe(409);
    expect(changedReceipt.json<{ fields: Record<string, string> }>().fields).toHaveProperty('idempotencyKey');
    expect(await count(`select count(*)::int as n from fund_receipts where idempotency_key = 'manual:attack-replay-receipt'`)).toBe(1);
    expect(await count(`select count(*)::int as n from budget_spendings where idempotency_key like '%attack-replay-key%'`)).toBe(1);
  });

  it('a month closed by the city takes no posting: a payment dated in it and a budget payment go elsewhere or are refused', async () => {
    const closed = await request(t.app, city, 'POST', '/api/funds/periods/2026-03/close');
    expect([200, 409]).toContain(closed.statusCode);
    expect((await request(t.app, gucun, 'POST', '/api/funds/periods/2026-04/close')).statusCode).toBe(403);
    const entriesBefore = await count(`select count(*)::int as n from journal_entries where period <= '2026-03'`);
    const r = await request(t.app, gucun, 'POST', '/api/funds/receipts', { enterpriseId: enterprise.id, amountFen: 7_700, receivedOn: '2026-03-15', idempotencyKey: 'attack-closed-month' });
    expect(r.statusCode, r.body).toBeLessThan(500);
    const s = await request(t.app, gucun, 'POST', `/api/funds/budgets/${ids.budgetId}/spendings`, {
      spentOn: '2026-03-10', payee: '某会场', purpose: '三月活动', amountFen: 1_000, idempotencyKey: 'attack-closed-month-spend',
    });
    expect(s.statusCode, s.body).toBeLessThan(500);
    expect(await count(`select count(*)::int as n from journal_entries where period <= '2026-03'`)).toBe(entriesBefore);
  });
});

describe('congress proposals and the union rating', () => {
  it('a representative of another session or a member outside cannot second; an answer can be rated once; filing twice is 409', async () => {
    const reps = [member, await newMember('冯骑手'), await newMember('陈骑手')];
    const memberIds = await Promise.all(reps.map(async (s) => (await t.handle.query<{ member_id: number }>('select member_id from users where id = $1', [s.userId]))[0]!.member_id));
    const session = await ok<{ id: number }>(gucun, 'POST', '/api/congress/sessions', {
      orgId: gucun.orgId, title: '攻击测试职代会（提案）', heldOn: addDays(today, 20), proposalsOpenOn: addDays(today, -1), proposalsCloseOn: addDays(today, 10),
      representatives: memberIds.map((memberId, i) => ({ memberId, constituency: `${i + 1}组` })),
    });
    const p = await ok<{ id: number }>(reps[0]!, 'POST', '/api/congress/proposals', { sessionId: session.id, subject: '延长食堂开放时间', reasons: '夜班职工吃不上饭', measures: '食堂开放到晚上九点' });
    // staff of another street and the assessor cannot file, answer or mark it
    // without the committee's grant anywhere the route refuses before looking (the same 403 for every id)
    expect((await request(t.app, nanjing, 'POST', `/api/congress/proposals/${p.id}/file`, { department: '后勤部', dueOn: addDays(today, 30) })).statusCode).toBe(403);
    expect((await request(t.app, nanjing, 'POST', `/api/congress/proposals/${p.id}/answer`, { text: '越权答复', leader: '王', answeredOn: today })).statusCode).toBe(404);
    expect((await request(t.app, assessor, 'POST', `/api/congress/proposals/${p.id}/answer`, { text: '答复', leader: '王', answeredOn: today })).statusCode).toBe(403);
    expect((await request(t.app, gucun, 'POST', `/api/congress/proposals/${p.id}/second`)).statusCode).toBe(403);
    await ok(reps[1]!, 'POST', `/api/congress/proposals/${p.id}/second`);
    await ok(reps[2]!, 'POST', `/api/congress/proposals/${p.id}/second`);
    await ok(baoshan, 'POST', `/api/orgs/${gucun.orgId}/grants`, { userId: gucun.userId, kind: 'proposal_committee' });
    const files = await Promise.all([
      request(t.app, gucun, 'POST', `/api/congress/proposals/${p.id}/file`, { department: '后勤部', dueOn: addDays(today, 30) }),
      request(t.app, gucun, 'POST', `/api/congress/proposals/${p.id}/file`, { department: '后勤部', dueOn: addDays(today, 30) }),
    ]);
    expect(files.map((r) => r.statusCode).sort(), files.map((r) => r.body).join(' ')).toEqual([200, 409]);
    expect((await request(t.app, gucun, 'POST', `/api/congress/proposals/${p.id}/return`, { reason: '已立案又退回' })).statusCode).toBe(409);
    expect((await request(t.app, reps[0]!, 'POST', `/api/congress/proposals/${p.id}/rate`, { rating: 'satisfied' })).statusCode).toBe(409); // not answered yet
    await ok(gucun, 'POST', `/api/congress/proposals/${p.id}/answer`, { text: '食堂延长至21:00。', leader: '王建国', answeredOn: today });
    const rates = await Promise.all([
      request(t.app, reps[0]!, 'POST', `/api/congress/proposals/${p.id}/rate`, { rating: 'satisfied' }),
      request(t.app, reps[0]!, 'POST', `/api/congress/proposals/${p.id}/rate`, { rating: 'unsatisfied' }),
    ]);
    expect(rates.map((r) => r.statusCode).sort(), rates.map((r) => r.body).join(' ')).toEqual([200, 409]);
    expect((await request(t.app, reps[0]!, 'POST', `/api/congress/proposals/${p.id}/rate`, { rating: 'basically_satisfied' })).statusCode).toBe(409);
    expect((await request(t.app, reps[1]!, 'POST', `/api/congress/proposals/${p.id}/rate`, { rating: 'unsatisfied' })).statusCode).toBe(404);
    const junk = await request(t.app, reps[0]!, 'POST', `/api/congress/proposals/${p.id}/rate`, { rating: '__proto__' }, zh);
    expect(junk.statusCode).toBe(400);
  });

  it('a member rates their own union only, with answers in range; junk is 400 with the field', async () => {
    const other = await newMember('褚骑手');
    for (const answers of [[6, 4, 4, 4], [0, 4, 4, 4], [4.5, 4, 4, 4], ['5', 4, 4, 4], [], Array.from({ length: 100 }, () => 5), null, { 0: 5 }]) {
      const r = await request(t.app, other, 'POST', `/api/me/evaluation/${year}/rating`, { answers }, zh);
      expect(r.statusCode, `${JSON.stringify(answers)}: ${r.body}`).toBe(400);
      expect(hasChinese(r.json<{ message: string }>().message)).toBe(true);
    }
    for (const y of [1999, 2200, year + 1]) {
      const r = await request(t.app, other, 'POST', `/api/me/evaluation/${y}/rating`, { answers: [4, 4, 4, 4] }, zh);
      expect(r.statusCode, `${y}: ${r.body}`).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, `${y}: ${r.body}`).toBeLessThan(500);
    }
    expect((await request(t.app, gucun, 'POST', `/api/me/evaluation/${year}/rating`, { answers: [4, 4, 4, 4] })).statusCode).toBe(403);
  });

  it('evaluation writes: another district\'s staff 404, the read-only assessor scores nothing, self-check scores in range', async () => {
    const [union] = await t.handle.query<{ id: number }>(`select id from orgs where path <@ (select path from orgs where id = $1) and kind = 'enterprise_union' order by id limit 1`, [gucun.orgId]);
    const selfCheck = { orgId: union!.id, items: [{ code: 'A1', score: 5 }] };
    expect((await request(t.app, nanjing, 'PUT', `/api/evaluation/${year}/self-check`, selfCheck)).statusCode).toBe(404);
    expect((await request(t.app, assessor, 'PUT', `/api/evaluation/${year}/self-check`, selfCheck)).statusCode).toBe(403);
    expect((await request(t.app, assessor, 'PUT', `/api/evaluation/${year}/questions`, { orgId: union!.id, questions: ['被改'] })).statusCode).toBe(403);
    expect((await request(t.app, member, 'PUT', `/api/evaluation/${year}/self-check`, selfCheck)).statusCode).toBe(403);
    for (const score of [-1, 101, 1e308, '5', null, Number.MAX_SAFE_INTEGER]) {
      const r = await request(t.app, gucun, 'PUT', `/api/evaluation/${year}/self-check`, { orgId: union!.id, items: [{ code: 'A1', score }] }, zh);
      expect(r.statusCode, `${String(score)}: ${r.body}`).toBe(400);
    }
    const unknownCode = await request(t.app, gucun, 'PUT', `/api/evaluation/${year}/self-check`, { orgId: union!.id, items: [{ code: 'ZZ9', score: 1 }] }, zh);
    expect(unknownCode.statusCode, unknownCode.body).toBe(400);
    // the assessor scores only inside its district
    const [foreignUnion] = await t.handle.query<{ id: number }>(`select id from orgs where path <@ (select path from orgs where id = $1) and kind = 'enterprise_union' order by id limit 1`, [nanjing.orgId]);
    // the assessor role is read-only (docs/ARCHITECTURE.md: third-party scores need a writer with the grant): 403 inside and outside
    for (const orgId of [foreignUnion!.id, union!.id]) {
      const r = await request(t.app, assessor, 'PUT', `/api/evaluation/${year}/third-party`, { orgId, score: 90, report: '越权评审' });
      expect(r.statusCode, r.body).toBe(403);
    }
    // a writer holding the assessor grant in 顾村 cannot score a union of another district: 404
    await ok(baoshan, 'POST', `/api/orgs/${gucun.orgId}/grants`, { userId: gucun.userId, kind: 'assessor' });
    const foreign = await request(t.app, gucun, 'PUT', `/api/evaluation/${year}/third-party`, { orgId: foreignUnion!.id, score: 90, report: '越权评审' });
    expect(foreign.statusCode, foreign.body).toBe(404);
    expect(await count(`select count(*)::int as n from evaluation_scores where report = '越权评审'`)).toBe(0);
  });
});

describe('files to the funds imports', () => {
  const send = (session: Session, url: string, filename: string, data: Buffer, type = 'text/csv', fields: Record<string, string> = {}) => {
    const m = multipart(fields, { filename, type, data });
    return t.app.inject({ method: 'POST', url, payload: m.payload, headers: { ...m.headers, cookie: session.cookie, 'x-csrf-token': session.csrfToken, ...zh } });
  };
  const entries = () => count('select count(*)::int as n from journal_entries');

  it('payroll: empty, binary junk, a zip that is no xlsx, an xlsx name on csv text are 400 with a Chinese message, nothing posted', async () => {
    const before = await entries();
    const zipNotXlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18, 0)]); // an empty zip archive
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    for (const [name, data, type] of [
      ['payroll.csv', Buffer.alloc(0), 'text/csv'],
      ['payroll.csv', random, 'text/csv'],
      ['payroll.xlsx', random, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['payroll.xlsx', zipNotXlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['payroll.xlsx', Buffer.from('统一社会信用代码,工资总额\r\n'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['payroll.csv', Buffer.from('\uFEFF只有标题行\r\n\r\n'), 'text/csv'],
    ] as const) {
      const r = await send(gucun, '/api/funds/payroll/import', name, data, type, { period: '2026-09' });
      expect(r.statusCode, `${name} ${data.length}: ${r.body}`).toBe(400);
      expect(hasChinese(r.json<{ message: string }>().message), r.body).toBe(true);
    }
    const noFile = await t.app.inject({
      method: 'POST', url: '/api/funds/payroll/import', headers: { cookie: gucun.cookie, 'x-csrf-token': gucun.csrfToken, 'content-type': 'application/json', ...zh }, payload: '{}',
    });
    expect(noFile.statusCode, noFile.body).toBeGreaterThanOrEqual(400);
    expect(noFile.statusCode, noFile.body).toBeLessThan(500);
    expect(await entries()).toBe(before);
  });

  it('payroll: a UTF-16 file with a title row posts; another district\'s enterprise, negative and fractional-fen amounts refuse the whole file', async () => {
    const csv = (lines: string[]) => ['顾村镇工资总额申报（攻击测试）', '统一社会信用代码,所属月份,工资总额', ...lines].join('\r\n');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv([`${enterprise.credit_code},2026-08,"88,000.00"`]), 'utf16le')]);
    const good = await send(gucun, '/api/funds/payroll/import', 'payroll.csv', utf16);
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json<{ posted: boolean; total: number }>()).toMatchObject({ posted: true, total: 1 });
    const before = await entries();
    for (const line of [
      `${foreignEnterprise.credit_code},2026-08,1000`,
      `${enterprise.credit_code},2026-08,-1000`,
      `${enterprise.credit_code},2026-08,1000.005`,
      `${enterprise.credit_code},2026-13,1000`,
      `${enterprise.credit_code},2026-08,1e309`,
      `${enterprise.credit_code},2026-08,99999999999999999999`,
    ]) {
      const r = await send(gucun, '/api/funds/payroll/import', 'payroll.csv', Buffer.from(csv([`${enterprise.credit_code},2026-07,1000`, line])));
      expect(r.statusCode, `${line}: ${r.body}`).toBeLessThan(500);
      const result = r.statusCode === 200 ? r.json<{ posted: boolean; errors: unknown[] }>() : null;
      if (result) {
        expect(result.posted, `${line}: ${r.body}`).toBe(false);
        expect(result.errors.length, `${line}: ${r.body}`).toBeGreaterThan(0);
      }
    }
    expect(await entries()).toBe(before);
  });

  it('payroll: 20,000 rows are refused as too many, nothing posted, no 500', async () => {
    const before = await entries();
    const lines = ['统一社会信用代码,所属月份,工资总额'];
    for (let i = 0; i < 20_000; i++) lines.push(`${enterprise.credit_code},2026-05,${1000 + i}`);
    const r = await send(gucun, '/api/funds/payroll/import', 'payroll.csv', Buffer.from(lines.join('\n')));
    expect(r.statusCode, r.body.slice(0, 300)).toBe(400);
    expect(hasChinese(r.json<{ message: string }>().message)).toBe(true);
    expect(await entries()).toBe(before);
  }, 60_000);

  it('bank statement: a line dated after today is reported, not posted; the other lines go on', async () => {
    const csv = ['交易日期,付款人名称,统一社会信用代码,金额,流水号',
      `${addDays(today, 2)},某公司,${enterprise.credit_code},55.00,ATTACK-FUTURE-1`, `${today},某公司,${enterprise.credit_code},56.00,ATTACK-FUTURE-2`].join('\r\n');
    const r = await send(gucun, '/api/funds/receipts/import', 'bank.csv', Buffer.from(csv));
    expect(r.statusCode, r.body).toBe(200);
    const result = r.json<{ total: number; matched: number; errors: { row: number; message: string }[] }>();
    expect(result.total).toBe(2);
    expect(result.matched).toBe(1);
    expect(result.errors.map((e) => e.row)).toEqual([2]);
    expect(hasChinese(result.errors[0]!.message)).toBe(true);
    expect(await count(`select count(*)::int as n from fund_receipts where idempotency_key like '%ATTACK-FUTURE-1'`)).toBe(0);
    expect(await count(`select count(*)::int as n from fund_unmatched_lines where reference = 'ATTACK-FUTURE-1'`)).toBe(0);
  });

  it('bank statement: another district\'s credit code is not matched into 顾村, nor named in the answer', async () => {
    const csv = ['交易日期,付款人名称,统一社会信用代码,金额,流水号', `2026-10-21,外区企业,${foreignEnterprise.credit_code},321.00,ATTACK-FOREIGN-1`].join('\r\n');
    const r = await send(gucun, '/api/funds/receipts/import', 'bank.csv', Buffer.from(csv));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json<{ matched: number }>().matched).toBe(0);
    expect(await count(`select count(*)::int as n from fund_receipts where enterprise_id = $1 and idempotency_key like '%ATTACK-FOREIGN-1%'`, [foreignEnterprise.id])).toBe(0);
  });
});

describe('double submits of the runs and steps', () => {
  it('the same dunning step twice at once issues one letter with one document number', async () => {
    const arrears = await ok<{ items: { enterpriseId: number; nextStep: string | null }[] }>(gucun, 'GET', '/api/funds/arrears?pageSize=50');
    const target = arrears.items.find((i) => i.nextStep === 'lawyer_letter')!;
    expect(target).toBeDefined();
    const body = { step: 'lawyer_letter', note: '双击测试' };
    const [a, b] = await Promise.all([
      request(t.app, gucun, 'POST', `/api/funds/dunning/${target.enterpriseId}/step`, body),
      request(t.app, gucun, 'POST', `/api/funds/dunning/${target.enterpriseId}/step`, body),
    ]);
    expect([a.statusCode, b.statusCode].sort(), `${a.body} ${b.body}`).toEqual([201, 409]);
    expect(await count(`select count(*)::int as n from dunning_steps where enterprise_id = $1 and step = 'lawyer_letter'`, [target.enterpriseId])).toBe(1);
    // out of order: a 支付令 now is 409, naming the step
    const skip = await request(t.app, gucun, 'POST', `/api/funds/dunning/${target.enterpriseId}/step`, { step: 'payment_order' }, zh);
    expect(skip.statusCode, skip.body).toBe(409);
    // the letter of the step: 404 for another street, 403 for a member
    const [step] = await t.handle.query<{ id: number }>(`select id from dunning_steps where enterprise_id = $1`, [target.enterpriseId]);
    expect((await request(t.app, nanjing, 'GET', `/api/funds/dunning-steps/${step!.id}/pdf`)).statusCode).toBe(404);
    expect((await request(t.app, member, 'GET', `/api/funds/dunning-steps/${step!.id}/pdf`)).statusCode).toBe(403);
  });

  it('先收后返, subsidies and chair allowances run twice at once post once', async () => {
    for (const [url, session] of [['/api/funds/returns', gucun], ['/api/funds/subsidies/runs', gucun], ['/api/funds/chair-allowances', gucun]] as const) {
      const body = { orgId: gucun.orgId, period: '2026-10' };
      const before = await count('select count(*)::int as n from journal_entries');
      const [a, b] = await Promise.all([request(t.app, session, 'POST', url, body), request(t.app, session, 'POST', url, body)]);
      expect(a.statusCode, `${url}: ${a.body}`).toBeLessThan(500);
      expect(b.statusCode, `${url}: ${b.body}`).toBeLessThan(500);
      const posted = await count('select count(*)::int as n from journal_entries') - before;
      // a third run posts nothing more
      const c = await request(t.app, session, 'POST', url, body);
      expect(c.statusCode, `${url}: ${c.body}`).toBeLessThan(500);
      expect(await count('select count(*)::int as n from journal_entries') - before, url).toBe(posted);
      // the runs are the federation's: another street 404, a member 403, the assessor 403
      expect((await request(t.app, nanjing, 'POST', url, body)).statusCode, url).toBe(404);
      expect((await request(t.app, member, 'POST', url, body)).statusCode, url).toBe(403);
      expect((await request(t.app, assessor, 'POST', url, body)).statusCode, url).toBe(403);
    }
    // the ledger stays balanced
    const [unbalanced] = await t.handle.query<{ n: number }>(`
      select count(*)::int as n from (select entry_id from journal_lines group by entry_id having sum(debit_fen) <> sum(credit_fen)) x`);
    expect(unbalanced!.n).toBe(0);
  });

  it('the same payroll twice at once is one assessment; the same budget line twice at once is one line', async () => {
    const body = { enterpriseId: enterprise.id, period: '2026-04', payrollFen: 4_321_000 };
    const [a, b] = await Promise.all([request(t.app, gucun, 'POST', '/api/funds/payroll', body), request(t.app, gucun, 'POST', '/api/funds/payroll', body)]);
    expect(a.statusCode, a.body).toBeLessThan(300);
    expect(b.statusCode, b.body).toBeLessThan(300);
    expect(await count(`select count(*)::int as n from fund_assessments where enterprise_id = $1 and period = '2026-04'`, [enterprise.id])).toBe(1);
    const line = { orgId: gucun.orgId, year, kind: 'basic', name: '攻击测试：双击预算', accountCode: '502', amountFen: 300_000 };
    const [c, d] = await Promise.all([request(t.app, gucun, 'POST', '/api/funds/budgets', line), request(t.app, gucun, 'POST', '/api/funds/budgets', line)]);
    expect([c.statusCode, d.statusCode].sort(), `${c.body} ${d.body}`).toEqual([201, 409]);
    expect(await count(`select count(*)::int as n from budget_lines where name = '攻击测试：双击预算'`)).toBe(1);
  });

  it('two payments that each fit a line cannot together overspend it; lowering the line below what it spent is 400', async () => {
    const line = await ok<{ id: number }>(gucun, 'POST', '/api/funds/budgets', { orgId: gucun.orgId, year, kind: 'project', name: '攻击测试：超支', accountCode: '501', amountFen: 10_000 });
    const pay = (key: string) => request(t.app, gucun, 'POST', `/api/funds/budgets/${line.id}/spendings`, { spentOn: today, payee: '某商店', purpose: '慰问品', amountFen: 6_000, idempotencyKey: key });
    const [a, b] = await Promise.all([pay('attack-overspend-1'), pay('attack-overspend-2')]);
    expect([a.statusCode, b.statusCode].sort(), `${a.body} ${b.body}`).toEqual([201, 400]);
    const lower = await request(t.app, gucun, 'PATCH', `/api/funds/budgets/${line.id}`, { amountFen: 5_000 }, zh);
    expectFieldError(lower, 'amountFen', 'below spent');
  });
});

describe('congress roll and member H5 writes', () => {
  it('attendance names only the session\'s representatives; another session\'s vote cannot be tied to this one', async () => {
    const stranger = await newMember('蒋骑手');
    const strangerId = (await t.handle.query<{ member_id: number }>('select member_id from users where id = $1', [stranger.userId]))[0]!.member_id;
    const r = await request(t.app, gucun, 'PUT', `/api/congress/sessions/${ids.sessionId}/attendance`, { present: [strangerId] }, zh);
    expect(r.statusCode, r.body).toBe(400);
    expect(Object.keys(r.json<{ fields: Record<string, string> }>().fields).some((k) => k.startsWith('present')), r.body).toBe(true);
    const dup = await request(t.app, gucun, 'PUT', `/api/congress/sessions/${ids.sessionId}/attendance`, { present: [2 ** 31] }, zh);
    expect(dup.statusCode, dup.body).toBe(400);
    // a vote of a union with a session of another union: 400 on sessionId
    const [otherUnion] = await t.handle.query<{ id: number }>(`select id from orgs where path <@ (select path from orgs where id = $1) and kind = 'enterprise_union' and id <> $2 order by id limit 1`, [gucun.orgId, gucun.orgId]);
    const v = await request(t.app, gucun, 'POST', '/api/votes', { orgId: otherUnion!.id, sessionId: ids.sessionId, title: '错会议', method: 'yes_no_abstain', secret: true }, zh);
    expectFieldError(v, 'sessionId', 'session of another union');
  });

  it('a member raises consultation issues only at their own enterprise\'s meeting, once a day; junk is 400', async () => {
    const url = `/api/me/rights/consultations/${ids.consultationId}/issues`;
    const before = await count('select count(*)::int as n from rights_consultation_issues');
    const r = await request(t.app, member, 'POST', url, { text: '夜班补贴' }, zh);
    // the rider works for no enterprise of this meeting: not found
    expect(r.statusCode, r.body).toBe(404);
    for (const body of [{ text: '' }, { text: 'x'.repeat(5000) }, { text: ['a'] }, { text: 'a', anonymous: 'yes' }, null]) {
      const bad = await request(t.app, member, 'POST', url, body, zh);
      expect(bad.statusCode, `${JSON.stringify(body)?.slice(0, 40)}: ${bad.body}`).toBe(400);
    }
    expect(await count('select count(*)::int as n from rights_consultation_issues')).toBe(before);
  });

  it('a member\'s own views name no other person\'s phone or ID number', async () => {
    for (const url of ['/api/me/rights', '/api/me/funds', '/api/me/congress']) {
      const r = await request(t.app, member, 'GET', url);
      expect(r.statusCode, url).toBe(200);
      expect(r.body, url).not.toMatch(/(?<![\d.])1[3-9]\d{9}(?!\d)/);
      expect(r.body, url).not.toMatch(/(?<![\d.])\d{17}[\dX](?!\d)/);
    }
  });
});

describe('evaluation evidence files', () => {
  const upload = (session: Session, fields: Record<string, string>, file: { filename: string; type: string; data: Buffer }) => {
    const m = multipart(fields, file);
    return t.app.inject({ method: 'POST', url: `/api/evaluation/${year}/evidence`, payload: m.payload, headers: { ...m.headers, cookie: session.cookie, 'x-csrf-token': session.csrfToken, ...zh } });
  };
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

  it('refuses HTML named .pdf, empty files and unknown items; a hostile file name cannot inject headers; another district 404', async () => {
    const [union] = await t.handle.query<{ id: number }>(`select id from orgs where path <@ (select path from orgs where id = $1) and kind = 'enterprise_union' order by id limit 1`, [gucun.orgId]);
    const fields = { orgId: String(union!.id), itemCode: 'A1' };
    const html = await upload(gucun, fields, { filename: 'report.pdf', type: 'application/pdf', data: Buffer.from('<html><script>alert(1)</script></html>') });
    expect(html.statusCode, html.body).toBe(400);
    const empty = await upload(gucun, fields, { filename: 'report.pdf', type: 'application/pdf', data: Buffer.alloc(0) });
    expect(empty.statusCode, empty.body).toBe(400);
    const unknown = await upload(gucun, { ...fields, itemCode: 'ZZ' }, { filename: 'report.pdf', type: 'application/pdf', data: pdf });
    expect(unknown.statusCode, unknown.body).toBe(400);
    const foreign = await upload(nanjing, fields, { filename: 'report.pdf', type: 'application/pdf', data: pdf });
    expect(foreign.statusCode, foreign.body).toBe(404);
    expect((await upload(assessor, fields, { filename: 'report.pdf', type: 'application/pdf', data: pdf })).statusCode).toBe(403);
    const hostile = await upload(gucun, fields, { filename: '../../etc/passwd"\r\nX-Injected: 1\r\n.pdf', type: 'application/pdf', data: pdf });
    expect(hostile.statusCode, hostile.body).toBeLessThan(500);
    if (hostile.statusCode === 201) {
      const id = hostile.json<{ id: number }>().id;
      const download = await request(t.app, gucun, 'GET', `/api/evaluation/evidence/${id}`);
      expect(download.statusCode).toBe(200);
      expect(download.headers['x-injected']).toBeUndefined();
      expect(String(download.headers['content-disposition'])).not.toMatch(/[\r\n]/);
      expect((await request(t.app, nanjing, 'GET', `/api/evaluation/evidence/${id}`)).statusCode).toBe(404);
    }
  });
});

describe('ids of other districts\' units in bodies', () => {
  it('every create naming another district\'s enterprise or union is 404, nothing written', async () => {
    const e = foreignEnterprise.id;
    const o = nanjing.orgId;
    const tables = ['rights_cases', 'rights_warnings', 'rights_consultations', 'budget_lines', 'votes', 'congress_sessions', 'fund_rate_exceptions',
      'fund_receipts', 'fund_assessments', 'bargaining_rounds', 'bargaining_contracts', 'bargaining_calendar_items', 'bargaining_preparations'];
    const counts = async () => Promise.all(tables.map((name) => count(`select count(*)::int as n from ${name}`)));
    const before = await counts();
    const probes: [string, string, unknown][] = [
      ['POST', '/api/rights/cases', { enterpriseId: e, type: 'wage_arrears', workers: [{ name: '外区' }], claimFen: 100 }],
      ['POST', '/api/rights/warnings', { enterpriseId: e, signal: 'wage_arrears', level: 'general' }],
      ['POST', '/api/rights/consultations', { enterpriseId: e, collectedOn: today, issues: '外区' }],
      ['POST', '/api/funds/budgets', { orgId: o, year, kind: 'basic', name: '外区预算', accountCode: '501', amountFen: 100 }],
      ['POST', '/api/votes', { orgId: o, title: '外区表决', method: 'yes_no_abstain', secret: true }],
      ['POST', '/api/congress/sessions', { orgId: o, title: '外区职代会', heldOn: addDays(today, 20), proposalsOpenOn: today, proposalsCloseOn: addDays(today, 10), representatives: [{ memberId: 1, constituency: '一组' }] }],
      ['POST', '/api/funds/rate-exceptions', { enterpriseId: e, kind: 'reduced', rateBp: 0, reason: '外区减免', validFrom: '2026-01', validTo: '2026-12' }],
      ['POST', '/api/funds/receipts', { enterpriseId: e, amountFen: 100, receivedOn: today, idempotencyKey: 'attack-foreign-receipt' }],
      ['POST', '/api/funds/payroll', { enterpriseId: e, period: '2026-09', payrollFen: 100 }],
      ['POST', '/api/bargaining/rounds', { enterpriseId: e, topic: 'welfare', year, heldOn: today, attendees: '外区', minutes: '外区' }],
      ['POST', '/api/bargaining/calendar', { enterpriseId: e, topic: 'welfare', month: 6 }],
      ['POST', '/api/bargaining/preparations', { enterpriseId: e, year, lastYearProfitFen: null, cpiBp: null, guidelineBaseBp: null, guidelineUpperBp: null, guidelineLowerBp: null }],
      ['POST', '/api/funds/returns', { orgId: o, period: '2026-10' }],
      ['POST', '/api/funds/subsidies/runs', { orgId: o, period: '2026-10' }],
      ['POST', '/api/funds/chair-allowances', { orgId: o, period: '2026-10' }],
      ['PUT', `/api/evaluation/${year}/questions`, { orgId: o, questions: ['外区问题'] }],
      ['PUT', `/api/evaluation/${year}/self-check`, { orgId: o, items: [] }],
    ];
    for (const [method, url, body] of probes) {
      const r = await request(t.app, gucun, method as Method, url, body);
      expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(404);
    }
    // reads with another district's ids in the query
    for (const url of [`/api/votes?orgId=${o}`, `/api/bargaining/calendar?enterpriseId=${e}`, `/api/bargaining/preparations?enterpriseId=${e}&year=${year}`,
      `/api/funds/budgets?orgId=${o}&year=${year}`, `/api/evaluation/${year}?orgId=${o}`, `/api/funds/arrears?orgId=${o}`, `/api/rights/summary?orgId=${o}`,
      `/api/funds/statements/balance-sheet?orgId=${o}&period=2026-10`, `/api/congress/sessions?orgId=${o}`]) {
      const r = await request(t.app, gucun, 'GET', url);
      expect(r.statusCode, `${url}: ${r.body}`).toBe(404);
    }
    expect(await counts()).toEqual(before);
  });
});

describe('dates out of order', () => {
  it('future days and days before what they follow are 400 on the field', async () => {
    const tomorrow = addDays(today, 1);
    const w = await ok<{ id: number }>(gucun, 'POST', '/api/rights/warnings', { enterpriseId: enterprise.id, signal: 'layoff_plan', level: 'general', description: '攻击测试：日期' });
    const probes: [string, string, unknown, string][] = [
      ['POST', '/api/rights/cases', { enterpriseId: enterprise.id, type: 'wage_arrears', workers: [{ name: '未来' }], claimFen: 100, receivedOn: tomorrow }, 'receivedOn'],
      ['POST', '/api/funds/receipts', { enterpriseId: enterprise.id, amountFen: 100, receivedOn: addDays(today, 3), idempotencyKey: 'attack-future-receipt' }, 'receivedOn'],
      ['POST', `/api/rights/warnings/${w.id}/meetings`, { heldOn: today, participants: '甲', followUpOn: addDays(today, -3) }, 'followUpOn'],
      ['POST', '/api/rights/consultations', { enterpriseId: enterprise2.id, collectedOn: tomorrow, issues: '未来' }, 'collectedOn'],
      ['POST', '/api/bargaining/rounds', { enterpriseId: enterprise.id, topic: 'wage', year, heldOn: tomorrow, attendees: '甲', minutes: '未来' }, 'heldOn'],
      ['POST', '/api/congress/sessions', {
        orgId: gucun.orgId, title: '倒序职代会', heldOn: addDays(today, 20), proposalsOpenOn: addDays(today, 10), proposalsCloseOn: addDays(today, 5),
        representatives: [{ memberId: 1, constituency: '一组' }],
      }, 'proposalsCloseOn'],
    ];
    for (const [method, url, body, field] of probes) {
      expectFieldError(await request(t.app, gucun, method as Method, url, body, zh), field, `${url} ${field}`);
    }
  });
});

describe('more double taps and stale sessions', () => {
  it('a proposer seconding their own proposal twice at once: both 409, no seconder', async () => {
    const p = await ok<{ id: number }>(member, 'POST', '/api/congress/proposals', { sessionId: ids.sessionId, subject: '增设充电桩', reasons: '电动车充电难', measures: '在园区增设充电桩' });
    const both = await Promise.all([request(t.app, member, 'POST', `/api/congress/proposals/${p.id}/second`), request(t.app, member, 'POST', `/api/congress/proposals/${p.id}/second`)]);
    expect(both.map((r) => r.statusCode)).toEqual([409, 409]);
    expect(await count('select count(*)::int as n from congress_seconders where proposal_id = $1', [p.id])).toBe(0);
  });

  it('a member of another district cannot vote in 顾村\'s vote (404), nor read its result', async () => {
    const v = await ok<{ id: number; options: { id: number }[] }>(gucun, 'POST', '/api/votes', { orgId: member.orgId, title: '攻击测试：外区投票', method: 'yes_no_abstain', secret: true });
    await ok(gucun, 'POST', `/api/votes/${v.id}/start`);
    // a member of 顾村 who joined after the start is not on the snapshot either
    const late = await newMember('韩骑手');
    const r = await request(t.app, late, 'POST', `/api/votes/${v.id}/ballots`, { choices: [v.options[0]!.id] });
    expect(r.statusCode, r.body).toBe(404);
    expect((await request(t.app, late, 'GET', `/api/me/votes/${v.id}/result`)).statusCode).toBe(404);
    expect(await count('select count(*)::int as n from vote_has_voted where vote_id = $1', [v.id])).toBe(0);
  });

  it('a signed-out session writes nothing (401)', async () => {
    const s = await signIn(t.app, 'demo-gucun');
    const out = await request(t.app, s, 'POST', '/api/auth/logout');
    expect(out.statusCode, out.body).toBeLessThan(300);
    const r = await request(t.app, s, 'POST', '/api/rights/warnings', { enterpriseId: enterprise.id, signal: 'other', level: 'general', description: '注销后的写入' });
    expect(r.statusCode, r.body).toBe(401);
    expect(await count(`select count(*)::int as n from rights_warnings where description = '注销后的写入'`)).toBe(0);
  });
});

describe('oversized and repeated parameters', () => {
  it('a 5 MB JSON body is 413 in the caller\'s language; repeated or huge query values are 400; odd ids 400 or 404', async () => {
    const big = await request(t.app, gucun, 'POST', '/api/rights/cases', {
      enterpriseId: enterprise.id, type: 'wage_arrears', claimFen: 100, workers: Array.from({ length: 2000 }, (_, i) => ({ name: `工人${i}`, note: 'x'.repeat(2500) })),
    }, zh);
    expect(big.statusCode, big.body.slice(0, 200)).toBe(413);
    expect(hasChinese(big.json<{ message: string }>().message), big.body).toBe(true);
    for (const url of [`/api/votes?orgId=${gucun.orgId}&orgId=${nanjing.orgId}`, '/api/funds/arrears?pageSize=1000000000', '/api/funds/arrears?page=-1',
      `/api/funds/trial-balance?period=2026-10&period=2026-11`, `/api/votes/${ids.voteId}/result?receipt=${'A'.repeat(10_000)}`]) {
      const r = await request(t.app, gucun, 'GET', url, undefined, zh);
      expect(r.statusCode, `${url.slice(0, 80)}: ${r.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, `${url.slice(0, 80)}: ${r.body.slice(0, 200)}`).toBeLessThan(500);
      expect(r.body).not.toContain(enterprise.name);
    }
    for (const id of ['1e3', '-1', '0x10', '99999999999999999999', '1.5', '%20', 'null']) {
      const r = await request(t.app, gucun, 'GET', `/api/rights/cases/${id}`, undefined, zh);
      expect([400, 404], `${id}: ${r.body}`).toContain(r.statusCode);
    }
  });
});

describe('grants across districts', () => {
  it('a district cannot grant a duty at its unit to another district\'s staff, and a checker sees only the district\'s evidence', async () => {
    const r = await request(t.app, baoshan, 'POST', `/api/orgs/${baoshan.orgId}/grants`, { userId: nanjing.userId, kind: 'checker' });
    expect([400, 404], r.body).toContain(r.statusCode);
    expect(await count(`select count(*)::int as n from user_grants where user_id = $1`, [nanjing.userId])).toBe(0);
    const [union] = await t.handle.query<{ id: number }>(`select id from orgs where path <@ (select path from orgs where id = $1) and kind = 'enterprise_union' order by id limit 1`, [gucun.orgId]);
    expect((await request(t.app, nanjing, 'GET', `/api/evaluation/${year}/evidence?orgId=${union!.id}`)).statusCode).toBe(404);
  });
});

describe('members of other districts named in bodies', () => {
  it('a case party picked as a member of another district is refused, nothing written; a representative from another district too', async () => {
    // a rider who joined in 南京东路 (approved there)
    const foreignPhone = phone();
    const idNumber = newIdNumber('310101');
    idNumbersUsed.push(idNumber);
    const applied = (await applyOnline(t, { name: '杨骑手', idNumber, phone: foreignPhone, occupation: 'rider', regionCode: NANJINGDONGLU })).json<ApplicationCreated>();
    const queue = await ok<{ items: ApplicationItem[] }>(nanjing, 'GET', '/api/applications?status=pending&pageSize=200');
    await ok(nanjing, 'POST', `/api/applications/${queue.items.find((i) => i.reference === applied.reference)!.id}/approve`);
    const [foreignMember] = await t.handle.query<{ id: number }>(`select id from members where org_path <@ (select path from orgs where id = $1) and status = 'active' order by id desc limit 1`, [nanjing.orgId]);
    const before = await count('select count(*)::int as n from rights_cases');
    const r = await request(t.app, gucun, 'POST', '/api/rights/cases', {
      enterpriseId: enterprise.id, type: 'wage_arrears', workers: [{ name: '外区会员', memberId: foreignMember!.id }], claimFen: 100,
    }, zh);
    expect([400, 404], r.body).toContain(r.statusCode);
    expect(await count('select count(*)::int as n from rights_cases')).toBe(before);
    const s = await request(t.app, gucun, 'POST', '/api/congress/sessions', {
      orgId: gucun.orgId, title: '外区代表职代会', heldOn: addDays(today, 20), proposalsOpenOn: today, proposalsCloseOn: addDays(today, 10),
      representatives: [{ memberId: foreignMember!.id, constituency: '一组' }],
    }, zh);
    expect([400, 404], s.body).toContain(s.statusCode);
    expect(await count(`select count(*)::int as n from congress_sessions where title = '外区代表职代会'`)).toBe(0);
  });
});

describe('dates out of order in congress and bargaining', () => {
  it('an answer dated tomorrow or before the proposal was filed, a due day in the past, a contract ending before it starts: 400 on the field', async () => {
    const reps = [member, await newMember('秦骑手'), await newMember('尤骑手')];
    const memberIds = await Promise.all(reps.map(async (x) => (await t.handle.query<{ member_id: number }>('select member_id from users where id = $1', [x.userId]))[0]!.member_id));
    const session = await ok<{ id: number }>(gucun, 'POST', '/api/congress/sessions', {
      orgId: gucun.orgId, title: '攻击测试职代会（日期）', heldOn: addDays(today, 20), proposalsOpenOn: addDays(today, -1), proposalsCloseOn: addDays(today, 10),
      representatives: memberIds.map((memberId, i) => ({ memberId, constituency: `${i + 1}组` })),
    });
    const p = await ok<{ id: number }>(reps[0]!, 'POST', '/api/congress/proposals', { sessionId: session.id, subject: '更衣室', reasons: '无处更衣', measures: '设更衣室' });
    await ok(reps[1]!, 'POST', `/api/congress/proposals/${p.id}/second`);
    await ok(reps[2]!, 'POST', `/api/congress/proposals/${p.id}/second`);
    await ok(baoshan, 'POST', `/api/orgs/${gucun.orgId}/grants`, { userId: gucun.userId, kind: 'proposal_committee' }).catch(() => undefined);
    expectFieldError(await request(t.app, gucun, 'POST', `/api/congress/proposals/${p.id}/file`, { department: '后勤部', dueOn: addDays(today, -1) }, zh), 'dueOn', 'due yesterday');
    await ok(gucun, 'POST', `/api/congress/proposals/${p.id}/file`, { department: '后勤部', dueOn: addDays(today, 30) });
    expectFieldError(await request(t.app, gucun, 'POST', `/api/congress/proposals/${p.id}/answer`, { text: '已办', leader: '王建国', answeredOn: addDays(today, 1) }, zh), 'answeredOn', 'answer tomorrow');
    expectFieldError(await request(t.app, gucun, 'POST', `/api/congress/proposals/${p.id}/answer`, { text: '已办', leader: '王建国', answeredOn: addDays(today, -30) }, zh), 'answeredOn', 'answer before filing');
    const contract = { enterpriseId: enterprise.id, kind: 'wage_specific', validFrom: '2026-12-01', validTo: '2026-01-01', minimumWageFen: 269_000, signedOn: today };
    expectFieldError(await request(t.app, gucun, 'POST', '/api/bargaining/contracts', contract, zh), 'validTo', 'contract ends before it starts');
    expectFieldError(await request(t.app, gucun, 'POST', '/api/bargaining/contracts', { ...contract, validTo: '2027-11-30', signedOn: addDays(today, 2) }, zh), 'signedOn', 'signed tomorrow');
  });
});

describe('more dates out of order', () => {
  it('a meeting before its warning was raised, a consultation step tomorrow, a contract filed or checked before it was signed: 400', async () => {
    const w = await ok<{ id: number }>(gucun, 'POST', '/api/rights/warnings', { enterpriseId: enterprise.id, signal: 'relocation_closure', level: 'major', description: '攻击测试：会前' });
    expectFieldError(await request(t.app, gucun, 'POST', `/api/rights/warnings/${w.id}/meetings`, { heldOn: addDays(today, -40), participants: '甲' }, zh), 'heldOn', 'meeting before raised');
    const [e3] = await t.handle.query<{ id: number }>(`
      select id from enterprises where region_code = $1 and union_status <> 'none' and id not in ($2, $3)
       and org_path <@ (select path from orgs where id = $4) order by id offset 13 limit 1`, [GUCUN, enterprise.id, enterprise2.id, gucun.orgId]);
    const c = await ok<{ id: number }>(gucun, 'POST', '/api/rights/consultations', { enterpriseId: e3!.id, collectedOn: addDays(today, -5), issues: '加班' });
    expectFieldError(await request(t.app, gucun, 'POST', `/api/rights/consultations/${c.id}/step`, { to: 'participants', on: addDays(today, 1), text: '明天' }, zh), 'on', 'step tomorrow');
    const contract = await ok<{ id: number }>(gucun, 'POST', '/api/bargaining/contracts', {
      enterpriseId: e3!.id, kind: 'collective', validFrom: '2026-01-01', validTo: '2028-12-31', minimumWageFen: 269_000, signedOn: addDays(today, -10),
    });
    expectFieldError(await request(t.app, gucun, 'POST', `/api/bargaining/contracts/${contract.id}/file`, { filedOn: addDays(today, -20) }, zh), 'filedOn', 'filed before signed');
    expectFieldError(await request(t.app, gucun, 'POST', `/api/bargaining/contracts/${contract.id}/checks`, { checkedOn: addDays(today, -20), wagesPaid: true }, zh), 'checkedOn', 'checked before signed');
    expectFieldError(await request(t.app, gucun, 'POST', `/api/bargaining/contracts/${contract.id}/checks`, { checkedOn: addDays(today, 1), wagesPaid: true }, zh), 'checkedOn', 'checked tomorrow');
    // a second bargaining round dated before the first
    await ok(gucun, 'POST', '/api/bargaining/rounds', { enterpriseId: e3!.id, topic: 'bonus', year, heldOn: addDays(today, -3), attendees: '甲', minutes: '第一轮' });
    expectFieldError(await request(t.app, gucun, 'POST', '/api/bargaining/rounds', { enterpriseId: e3!.id, topic: 'bonus', year, heldOn: addDays(today, -9), attendees: '甲', minutes: '第二轮' }, zh), 'heldOn', 'round 2 before round 1');
    expect(await count(`select count(*)::int as n from bargaining_rounds where enterprise_id = $1 and topic = 'bonus'`, [e3!.id])).toBe(1);
  });
});

describe('personal data', () => {
  it('party phones are masked in case answers and lists, encrypted at rest', async () => {
    const workerPhone = phone();
    const created = await ok<{ id: number }>(gucun, 'POST', '/api/rights/cases', {
      enterpriseId: enterprise.id, type: 'wage_arrears', workers: [{ name: '卫当事人', phone: workerPhone }], claimFen: 10_000,
    });
    for (const url of [`/api/rights/cases/${created.id}`, '/api/rights/cases?pageSize=200', `/api/rights/cases/${created.id}/agreement.pdf`]) {
      const r = await request(t.app, gucun, 'GET', url);
      expect(r.body, url).not.toContain(workerPhone);
    }
    const rows = await t.handle.query<Record<string, unknown>>('select * from rights_case_workers where case_id = $1', [created.id]);
    expect(JSON.stringify(rows)).not.toContain(workerPhone);
    // the member's own view of rights shows no one else's number either
    const mine = await request(t.app, member, 'GET', '/api/me/rights');
    expect(mine.body).not.toContain(workerPhone);
  });

  it('never writes a phone or ID number of this file into the server log', () => {
    const log = logLines.join('');
    expect(logLines.length).toBeGreaterThan(50);
    for (const p of phonesUsed) expect(log).not.toContain(p);
    expect(idNumbersUsed.length).toBeGreaterThan(3);
    for (const n of idNumbersUsed) expect(log).not.toContain(n);
  });
});
