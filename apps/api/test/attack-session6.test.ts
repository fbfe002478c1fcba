/**
 * Attacks on what session 6 changed: credit codes needing digits in characters 2–8 (every way a code enters), the
 * cockpit refusing a month not yet come (every route taking a period), and the service requests' actions answering
 * the request as left — as staff of another district, the read-only assessor, anonymous callers, with double
 * submits, odd ids, odd bodies, forged headers and fuzzed query strings. Each case asserts the correct behaviour;
 * the ones that found a fault are the regression tests of its fix.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar, type ServiceRequest } from '@lianxin/contracts';
import { currentPeriod } from '../src/features/coverage/coverage.service.ts';
import { seedDemoServices } from '../src/features/services/demo-services.ts';
import { enterpriseInput, newCreditCode, newPhone } from './support/fixtures.ts';
import { multipart } from './support/multipart.ts';
import { request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

let t: TestApp;
let city: Session;
let gucun: Session;
let gucunSw: Session;
let huangpu: Session;
let assessor: Session;

type Answer = { code: string; message: string; fields?: Record<string, string> };
const get = (session: Session | null, url: string, headers: Record<string, string> = {}) => request(t.app, session, 'GET', url, undefined, headers);

/** A code with a letter among characters 2–8 but a right check character (only the structure is wrong). */
function letterInDivision(position: number): string {
  const body = `${newCreditCode().slice(0, position)}A${newCreditCode().slice(position + 1, 17)}`;
  return body + creditCodeCheckChar(body);
}
const fullWidth = (s: string) => s.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

beforeAll(async () => {
  t = await startTestApp();
  await seedDemoServices(t.app);
  [city, gucun, gucunSw, huangpu, assessor] = await Promise.all([
    signIn(t.app, 'demo-city'), signIn(t.app, 'demo-gucun'), signIn(t.app, 'staff-310113109'),
    signIn(t.app, 'staff-310101'), signIn(t.app, 'demo-assessor'),
  ]);
}, 120_000);
afterAll(() => t?.close());

describe('credit codes wherever they enter', () => {
  const good = newCreditCode();
  const bad: Record<string, string> = {
    lowerCase: good.toLowerCase(),
    fullWidth: fullWidth(good),
    innerSpace: `${good.slice(0, 9)} ${good.slice(9)}`,
    short: good.slice(0, 17),
    long: `${good}0`,
    letter2: letterInDivision(1),
    letter5: letterInDivision(4),
    letter8: letterInDivision(7),
    empty: '',
    huge: '9'.repeat(100_000),
  };

  it('enterprise create and update refuse each bad code on creditCode (lower case is normalised)', async () => {
    for (const [name, code] of Object.entries(bad)) {
      const created = await request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput({ creditCode: code }));
      if (name === 'lowerCase') { expect(created.statusCode, created.body).toBe(201); continue; }
      expect(created.statusCode, `${name}: ${created.body.slice(0, 300)}`).toBe(name === 'huge' ? 400 : 400);
      expect(created.json<Answer>().fields?.creditCode, name).toBeTruthy();
    }
    const made = await request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput());
    const id = made.json<{ id: number }>().id;
    for (const [name, code] of Object.entries(bad)) {
      const patched = await request(t.app, gucun, 'PATCH', `/api/enterprises/${id}`, { creditCode: code });
      if (name === 'lowerCase') { expect([200, 409], patched.body).toContain(patched.statusCode); continue; }
      expect(patched.statusCode, `${name}: ${patched.body.slice(0, 300)}`).toBe(400);
      expect(patched.json<Answer>().fields?.creditCode, name).toBeTruthy();
    }
  });

  it('two creates of one code at once: one 201, one 409 on creditCode', async () => {
    const code = newCreditCode();
    const two = await Promise.all([0, 1].map(() => request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput({ creditCode: code }))));
    expect(two.map((r) => r.statusCode).sort(), two.map((r) => r.body.slice(0, 120)).join(' | ')).toEqual([201, 409]);
    expect(two.find((r) => r.statusCode === 409)!.json<Answer>().fields).toHaveProperty('creditCode');
    const lower = await request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput({ creditCode: ` ${code.toLowerCase()} ` }));
    expect(lower.statusCode).toBe(409);
    expect(lower.json<Answer>().fields).toHaveProperty('creditCode');
  });

  it('two enterprises given one new code at once: one 200, one 409 on creditCode naming the holder (PostgreSQL: read after the rollback)', async () => {
    const made = await Promise.all([0, 1].map(async () => (await request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput())).json<{ id: number }>()));
    const code = newCreditCode();
    const two = await Promise.all(made.map((e) => request(t.app, gucun, 'PATCH', `/api/enterprises/${e.id}`, { creditCode: code })));
    expect(two.map((r) => r.statusCode).sort(), two.map((r) => r.body.slice(0, 120)).join(' | ')).toEqual([200, 409]);
    expect(two.find((r) => r.statusCode === 409)!.json<Answer>().fields).toHaveProperty('creditCode');
  });

  it('the public lookup and the enterprise search never 500 on a code-shaped text', async () => {
    const [seeded] = await t.handle.query<{ credit_code: string }>(`select credit_code from enterprises where org_path is not null order by id limit 1`);
    const code = seeded!.credit_code;
    for (const q of [code, code.toLowerCase(), fullWidth(code), code.slice(0, 8), code.slice(0, 8).toLowerCase(), `${code.slice(0, 4)} ${code.slice(4)}`,
      'A1234567', '9A', '9%', '9_', '\\', 'x'.repeat(41), code.slice(0, 17), `${code}0`]) {
      const lookup = await get(null, `/api/enterprises/lookup?q=${encodeURIComponent(q)}`);
      expect(lookup.statusCode, `${q}: ${lookup.body.slice(0, 200)}`).toBeLessThan(500);
      const search = await get(city, `/api/enterprises?q=${encodeURIComponent(q)}&pageSize=5`);
      expect(search.statusCode, `${q}: ${search.body.slice(0, 200)}`).toBeLessThan(500);
    }
  });

  it('a code typed in full-width characters or with spaces finds its enterprise (the names are folded so, the code was not)', async () => {
    const [seeded] = await t.handle.query<{ credit_code: string; name: string }>(`select credit_code, name from enterprises where org_path <@ $1::ltree order by id limit 1`, [
      (await t.handle.query<{ path: string }>('select path::text as path from orgs where id = $1', [gucun.orgId]))[0]!.path]);
    const code = seeded!.credit_code;
    for (const q of [fullWidth(code), fullWidth(code.slice(0, 10)).toLowerCase(), `${code.slice(0, 4)} ${code.slice(4, 12)} ${code.slice(12)}`, `${code.slice(0, 9)}\u3000${code.slice(9)}`]) {
      const lookup = await get(null, `/api/enterprises/lookup?q=${encodeURIComponent(q)}`);
      expect(lookup.json<{ items: { creditCode: string }[] }>().items.map((i) => i.creditCode), q).toContain(code);
      const search = await get(gucun, `/api/enterprises?q=${encodeURIComponent(q)}&pageSize=200`);
      expect(search.json<{ items: { creditCode: string }[] }>().items.map((i) => i.creditCode), q).toContain(code);
    }
  });

  it('the roster import reports each bad code on its row (csv and xlsx), never a 500', async () => {
    const rows = Object.entries(bad).filter(([n]) => n !== 'huge' && n !== 'empty');
    const header = '姓名,身份证号,手机号,职业,会员类别,所在单位统一社会信用代码,入会日期';
    const csv = [header, ...rows.map(([, code]) => `张三,310113199001011234,13900000000,骑手,,${code},2026-01-01`)].join('\n');
    const body = multipart({ orgId: String(gucun.orgId) }, { filename: 'roster.csv', type: 'text/csv', data: Buffer.from(csv) });
    const r = await request(t.app, gucun, 'POST', '/api/members/import', body.payload, body.headers);
    expect(r.statusCode).toBe(200);
    const codeErrors = (res: typeof r) => new Map(res.json<{ errors: { row: number; field: string; message: string }[] }>().errors
      .filter((e) => e.field === 'creditCode').map((e) => [e.row, e.message]));
    const expected = ['只能包含数字和大写字母', '应为 18 位', '应为 18 位', '应为 18 位', '第 2–8 位应为数字', '第 2–8 位应为数字', '第 2–8 位应为数字'];
    const checkRows = (errors: Map<number, string>) => {
      expect(errors.get(2) ?? '', 'lower case is read upper case').not.toContain('统一社会信用代码');
      expected.forEach((text, i) => expect(errors.get(i + 3), rows[i + 1]![0]).toContain(text));
    };
    checkRows(codeErrors(r));
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('会员');
    sheet.addRow(header.split(','));
    for (const [, code] of rows) sheet.addRow(['张三', '310113199001011234', '13900000000', '骑手', '', code, '2026-01-01']);
    const xlsx = multipart({ orgId: String(gucun.orgId) }, { filename: 'roster.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: Buffer.from(await wb.xlsx.writeBuffer()) });
    const rx = await request(t.app, gucun, 'POST', '/api/members/import', xlsx.payload, xlsx.headers);
    expect(rx.statusCode).toBe(200);
    checkRows(codeErrors(rx));
  });

  it('the funds imports never 500 on a bad code', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('工资');
    sheet.addRow(['统一社会信用代码', '工资总额', '所属月份']);
    for (const code of Object.values(bad).filter((c) => c.length < 1000)) sheet.addRow([code, '10000', '2026-09']);
    const file = multipart({ orgId: String(gucun.orgId), period: '2026-09' }, { filename: 'p.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: Buffer.from(await wb.xlsx.writeBuffer()) });
    const r = await request(t.app, gucun, 'POST', '/api/funds/payroll/import', file.payload, file.headers);
    expect(r.statusCode).toBeLessThan(500);
    const wb2 = new ExcelJS.Workbook();
    const s2 = wb2.addWorksheet('到账');
    s2.addRow(['流水号', '到账日期', '付款人', '统一社会信用代码', '金额']);
    let n = 0;
    for (const code of Object.values(bad).filter((c) => c.length < 1000)) s2.addRow([`A6-${n++}`, '2026-09-01', '某公司', code, '100.00']);
    const f2 = multipart({ orgId: String(gucun.orgId) }, { filename: 'r.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: Buffer.from(await wb2.xlsx.writeBuffer()) });
    const r2 = await request(t.app, gucun, 'POST', '/api/funds/receipts/import', f2.payload, f2.headers);
    expect(r2.statusCode).toBeLessThan(500);
  });
});

describe('periods', () => {
  const [year, month] = currentPeriod().split('-').map(Number) as [number, number];
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  const cases = [next, '2199-12', '1899-12', '2026-00', '2026-1', '2026-13', '2026-1x', 'x'.repeat(5000), '２０２６-０１', ' 2026-01', '2026-01 ', '+2026-01'];
  it('every route taking a period refuses a bad or future one on its field', async () => {
    for (const base of ['/api/coverage', '/api/coverage/export.xlsx', '/api/coverage/trend', '/api/funds/trial-balance', '/api/funds/chair-allowances', '/api/funds/statements/balance', '/api/funds/reports/trial-balance']) {
      for (const p of cases) {
        const r = await get(gucun, `${base}?period=${encodeURIComponent(p)}`);
        expect(r.statusCode, `${base} ${p}`).toBeLessThan(500);
        // the cockpit and its export refuse each on the field (the trend and the funds' reports take no such month)
        if (base.startsWith('/api/coverage') && base !== '/api/coverage/trend') {
          expect(r.statusCode, `${base} ${p}`).toBe(400);
          expect(r.json<Answer>().fields?.period, `${base} ${p}`).toBe(p === next || p === '2199-12' ? '不能查看尚未到来的月份' : '期间应为 YYYY-MM 格式的月份');
        }
      }
      const two = await get(gucun, `${base}?period=2026-01&period=2026-02`);
      expect(two.statusCode).toBeLessThan(500);
    }
  });
});

describe('the funds refuse a month not yet come', () => {
  const [year, month] = currentPeriod().split('-').map(Number) as [number, number];
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;

  it('posts no chair allowances or returns for a future month (a run for 2199-12 blocked every later setting)', async () => {
    for (const period of [next, '2199-12']) {
      for (const url of ['/api/funds/chair-allowances', '/api/funds/returns']) {
        const r = await request(t.app, city, 'POST', url, { orgId: gucun.orgId, period });
        expect(r.statusCode, `${url} ${period}: ${r.body.slice(0, 200)}`).toBe(400);
        expect(r.json<Answer>().fields?.period, url).toBe('不能为尚未到来的月份入账');
      }
      // its register is still previewed (what a new setting will pay), with nothing posted
      const preview = await get(city, `/api/funds/chair-allowances?orgId=${gucun.orgId}&period=${period}`);
      expect(preview.statusCode, preview.body.slice(0, 200)).toBe(200);
      expect(preview.json<{ items: { entryId: number | null }[] }>().items.every((i) => i.entryId === null)).toBe(true);
    }
    const [posted] = await t.handle.query<{ n: number }>(`select count(*)::int as n from journal_entries where period > $1`, [currentPeriod()]);
    expect(posted!.n).toBe(0);
    expect((await get(city, '/api/funds/chair-allowance-settings')).json<{ latestPostedPeriod: string | null }>().latestPostedPeriod ?? '').not.toBe('2199-12');
    // this month still runs, once however many runs are sent at once
    const runs = await Promise.all([0, 1].map(() => request(t.app, city, 'POST', '/api/funds/chair-allowances', { orgId: gucun.orgId, period: currentPeriod() })));
    expect(runs.map((r) => r.statusCode)).toEqual([200, 200]);
    const answers = runs.map((r) => r.json<{ postedCount: number; items: { amountFen: number }[] }>());
    expect(answers[0]!.postedCount + answers[1]!.postedCount).toBe(answers[0]!.items.filter((i) => i.amountFen > 0).length);
    const [dup] = await t.handle.query<{ n: number }>(`select count(distinct e.id)::int as n from journal_entries e join journal_lines l on l.entry_id = e.id where e.idempotency_key like $1 and l.org_id = $2`,
      [`chair-allowance:%:${currentPeriod()}`, gucun.orgId]);
    expect(dup!.n).toBe(answers[0]!.items.filter((i) => i.amountFen > 0).length);
  });

  it('shows no statement of a future month (the balance sheet gave today\'s balances under its name)', async () => {
    for (const period of [next, '2199-12']) {
      for (const url of ['/api/funds/trial-balance', '/api/funds/statements/balance-sheet', '/api/funds/statements/income-expense', '/api/funds/reports/balance-sheet']) {
        const r = await get(city, `${url}?period=${period}&format=xlsx`);
        expect(r.statusCode, `${url} ${period}`).toBe(400);
        expect(r.json<Answer>().fields?.period, url).toBe('不能查看尚未到来的月份');
      }
    }
    expect((await get(city, `/api/funds/statements/balance-sheet?period=${currentPeriod()}`)).statusCode).toBe(200);
  });
});

describe('service request actions', () => {
  const newRequest = (overrides: Record<string, unknown> = {}) => ({
    categoryCode: 'general', orgId: gucun.orgId, channel: 'h5', description: `攻击测试 ${Math.random()}`, requesterName: '王骑手', requesterPhone: newPhone(), ...overrides,
  });
  const detail = async (id: number, session: Session = gucun) => (await get(session, `/api/service-requests/${id}`)).json<ServiceRequest>();

  it('a double submit of each action: one answers 200 with the request exactly as a fresh read shows it, the other 409', async () => {
    const q = (await request(t.app, gucun, 'POST', '/api/service-requests', newRequest())).json<ServiceRequest>();
    const steps: [string, Session, unknown][] = [
      ['accept', gucun, undefined], ['pause', gucun, { reason: '请补充材料' }], ['resume', gucun, undefined],
      ['transfer', gucun, { toOrgId: huangpu.orgId, reason: '属地' }], ['accept', huangpu, undefined], ['close', huangpu, { result: '已办结' }],
    ];
    for (const [action, session, body] of steps) {
      const two = await Promise.all([0, 1].map(() => request(t.app, session, 'POST', `/api/service-requests/${q.id}/${action}`, body)));
      expect(two.map((a) => a.statusCode).sort(), `${action}: ${two.map((a) => a.body.slice(0, 120)).join(' | ')}`).toEqual([200, 409]);
      const winner = two.find((a) => a.statusCode === 200)!.json<ServiceRequest>();
      expect(winner, action).toEqual(await detail(q.id, session));
    }
    const events = (await detail(q.id)).events.map((e) => e.action);
    expect(events).toEqual(['received', 'accepted', 'paused', 'resumed', 'transferred', 'transfer_accepted', 'resolved']);
  });

  it('strangers: another district 404, the assessor 403, anonymous 401, a colleague not owning it 403, nothing changed', async () => {
    const q = (await request(t.app, gucun, 'POST', '/api/service-requests', newRequest())).json<ServiceRequest>();
    const bodies: Record<string, unknown> = { accept: undefined, close: { result: 'x' }, pause: { reason: 'x' }, resume: undefined, transfer: { toOrgId: huangpu.orgId, reason: 'x' }, extend: { workingDays: 1, reason: 'x' } };
    for (const [action, body] of Object.entries(bodies)) {
      expect((await request(t.app, huangpu, 'POST', `/api/service-requests/${q.id}/${action}`, body)).statusCode, `huangpu ${action}`).toBe(action === 'extend' ? 403 : 404);
      expect((await request(t.app, assessor, 'POST', `/api/service-requests/${q.id}/${action}`, body)).statusCode, `assessor ${action}`).toBe(403);
      expect((await request(t.app, null, 'POST', `/api/service-requests/${q.id}/${action}`, body)).statusCode, `anonymous ${action}`).toBe(401);
    }
    expect(await detail(q.id)).toEqual(q);
    await request(t.app, gucun, 'POST', `/api/service-requests/${q.id}/accept`);
    for (const action of ['close', 'pause', 'transfer']) {
      expect((await request(t.app, gucunSw, 'POST', `/api/service-requests/${q.id}/${action}`, bodies[action])).statusCode, `colleague ${action}`).toBe(403);
    }
    expect((await detail(q.id)).events.map((e) => e.action)).toEqual(['received', 'accepted']);
  });

  it('odd ids are 400 on id, a missing one 404; extra fields are ignored, wrong types 400 on the field', async () => {
    for (const id of ['0', '-1', '2147483648', '99999999999999999999', '1e3', 'abc', '1.5', '0x10', '%20', '%00']) {
      const r = await request(t.app, gucun, 'POST', `/api/service-requests/${id}/accept`);
      expect(r.statusCode, `${id}: ${r.body}`).toBe(400);
      expect(Object.keys(r.json<Answer>().fields ?? {}), id).toEqual([expect.stringMatching(/^(id|)$/)]);
    }
    expect((await request(t.app, gucun, 'POST', '/api/service-requests/2147483647/accept')).statusCode).toBe(404);
    const q = (await request(t.app, gucun, 'POST', '/api/service-requests', newRequest())).json<ServiceRequest>();
    await request(t.app, gucun, 'POST', `/api/service-requests/${q.id}/accept`);
    const wrong: [string, unknown, string][] = [
      ['pause', { reason: ['a'] }, 'reason'], ['transfer', { toOrgId: '1', reason: 'x' }, 'toOrgId'], ['transfer', { toOrgId: 1e20, reason: 'x' }, 'toOrgId'],
      ['close', { result: 'x'.repeat(100_000) }, 'result'], ['close', { result: null }, 'result'],
    ];
    for (const [action, body, field] of wrong) {
      const r = await request(t.app, gucun, 'POST', `/api/service-requests/${q.id}/${action}`, body);
      expect(r.statusCode, `${action} ${JSON.stringify(body).slice(0, 60)}`).toBe(400);
      expect(r.json<Answer>().fields, action).toHaveProperty(field);
    }
    for (const body of ['text', '[]', 'null']) {
      const r = await request(t.app, gucun, 'POST', `/api/service-requests/${q.id}/pause`, body, { 'content-type': 'application/json' });
      expect(r.statusCode, body).toBe(400);
    }
    const paused = await request(t.app, gucun, 'POST', `/api/service-requests/${q.id}/pause`, { reason: '补正', status: 'closed', ownerUserId: 1, extra: { a: 1 } });
    expect(paused.statusCode).toBe(200);
    expect(paused.json<ServiceRequest>()).toMatchObject({ status: 'paused', ownerUserId: gucun.userId });
    expect(paused.json<ServiceRequest>()).toEqual(await detail(q.id));
  });
});

describe('field messages', () => {
  it('a wrong-typed field says what was sent, not "received undefined" (zod reports no input)', async () => {
    const q = await request(t.app, gucun, 'POST', '/api/service-requests', { categoryCode: 'general', orgId: gucun.orgId, channel: 'h5', description: '类型', requesterName: '王', requesterPhone: newPhone() });
    const typed = await request(t.app, gucun, 'POST', `/api/service-requests/${q.json<{ id: number }>().id}/pause`, { reason: 1 });
    expect(typed.statusCode).toBe(400);
    expect(typed.json<Answer>().fields?.reason).toBe('无效输入：期望 string，实际接收 数字');
    const missing = await request(t.app, gucun, 'POST', `/api/service-requests/${q.json<{ id: number }>().id}/pause`, {});
    expect(missing.json<Answer>().fields?.reason).toBe('必填项');
    const twice = await get(gucun, '/api/coverage?period=2026-01&period=2026-02', { 'accept-language': 'en' });
    expect(twice.statusCode).toBe(400);
    expect(twice.json<Answer>().fields?.period).toBe('Invalid input: expected string, received array');
    const nested = await request(t.app, gucun, 'POST', '/api/enterprises', { ...enterpriseInput(), employeeCount: '12' });
    expect(nested.json<Answer>().fields?.employeeCount).toBe('无效输入：期望 数字，实际接收 string');
  });
});

describe('lists and headers', () => {
  it('odd query strings, cookies and bodies: 4xx or a plain answer, never a 500, a session from a second cookie or a slow parse', async () => {
    for (const url of ['/api/enterprises?q=%E0%A4%A', '/api/enterprises?q=%', '/api/enterprises/%2e%2e', '/api/enterprises/1%2F2', '/api/workbench?x[y]=1']) {
      expect((await get(city, url)).statusCode, url).toBeLessThan(500);
    }
    const started = Date.now();
    const many = await get(city, `/api/enterprises?${Array.from({ length: 100_000 }, (_, i) => `k${i}=1`).join('&')}`);
    expect(many.statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(3_000);
    // a forged first cookie of the same name is no session (the real one behind it is not looked for)
    expect((await request(t.app, null, 'GET', '/api/auth/me', undefined, { cookie: `lianxin_session=forged; ${city.cookie}` })).statusCode).toBe(401);
    expect((await request(t.app, city, 'POST', '/api/enterprises', 'x', { 'content-type': 'text/plain' })).statusCode).toBe(400);
    expect((await request(t.app, city, 'POST', '/api/enterprises', 'a=1', { 'content-type': 'application/x-www-form-urlencoded' })).statusCode).toBe(415);
    expect((await request(t.app, null, 'POST', '/api/enterprises', enterpriseInput(), { cookie: city.cookie, 'x-csrf-token': `${city.csrfToken}x` })).statusCode).toBe(403);
  });

  it('odd pages, sizes, sort keys and headers never 500', async () => {
    for (const base of ['/api/enterprises', '/api/members', '/api/applications', '/api/audit', '/api/service-requests', '/api/campaign/worklist', '/api/orgs']) {
      for (const qs of ['page=0', 'page=-1', 'page=1e9', 'page=1000000000', 'pageSize=1000000', 'pageSize=0', 'sort=password', 'sort=__proto__', 'sort=name&order=sideways', 'limit=1e9', 'page=1&page=2', `q=${'x'.repeat(100_000)}`, 'q[a]=1', 'status=__proto__']) {
        const r = await get(city, `${base}?${qs}`, { 'x-forwarded-for': '1.2.3.4, 999.1.1.1', 'accept-language': 'xx;q=abc' });
        expect(r.statusCode, `${base}?${qs.slice(0, 40)}`).toBeLessThan(500);
      }
    }
  });
});
