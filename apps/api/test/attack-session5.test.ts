/**
 * Attacks on what session 5 changed: the cockpit's shared answers (lib/recent-reads.ts, GET /api/coverage sent as
 * pre-serialised JSON), the English region names and the employer picker's region code, the log scrubber's fraction
 * rule and the credit-code prefix test of the search — as staff of another street or district, the read-only
 * assessor, an enterprise chair, a member, anonymous callers, with forged headers and fuzzed query strings. Each case
 * asserts the correct behaviour; the ones that found a fault are the regression tests of its fix.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverageResponseSchema, type CoverageResponse } from '@lianxin/contracts';
import { createSession } from '../src/features/auth/sessions.repo.ts';
import { recentReads } from '../src/lib/recent-reads.ts';
import { scrubPii } from '../src/security/log-redaction.ts';
import { currentPeriod } from '../src/features/coverage/coverage.service.ts';
import { GUCUN, newCreditCode, newIdNumber, newPhone } from './support/fixtures.ts';
import { multipart } from './support/multipart.ts';
import { request, signIn, joinedMember, startTestApp, type Session, type TestApp } from './support/test-app.ts';

let t: TestApp;
let city: Session;
let baoshan: Session;
let gucun: Session;
let nanjing: Session;
let assessor: Session;
/** street staff of 顾村's neighbour in 宝山 (same district, another street) */
let neighbour: Session;
let member: Session;
let gucunId: number;
let baoshanId: number;
const logLines: string[] = [];

const get = async (session: Session | null, url: string, headers: Record<string, string> = {}) => request(t.app, session, 'GET', url, undefined, headers);

async function cockpit(session: Session, url: string): Promise<CoverageResponse> {
  const r = await get(session, url);
  expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
  expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
  // a whole answer of the route's shape, not a half one
  return coverageResponseSchema.parse(JSON.parse(r.body)) as CoverageResponse;
}

async function staffSession(username: string, role: string, orgId: number): Promise<Session> {
  const [user] = await t.handle.query<{ id: number }>(
    `insert into users (username, display_name, password_hash, role, org_id) values ($1, $1, '!', $2, $3) returning id`, [username, role, orgId]);
  const session = await createSession(t.handle.db, user!.id);
  return { cookie: `lianxin_session=${session.token}`, csrfToken: session.csrfToken, userId: user!.id, orgId };
}

beforeAll(async () => {
  t = await startTestApp({}, { log: { level: 'trace', destination: { write: (line: string) => { logLines.push(line); } } } });
  [city, baoshan, gucun, nanjing, assessor] = await Promise.all([
    signIn(t.app, 'demo-city'), signIn(t.app, 'demo-baoshan'), signIn(t.app, 'demo-gucun'), signIn(t.app, 'demo-nanjingdonglu'),
    signIn(t.app, 'demo-assessor'),
  ]);
  gucunId = gucun.orgId;
  baoshanId = baoshan.orgId;
  const [other] = await t.handle.query<{ id: number }>(`
    select id from orgs where kind = 'street_federation' and region_code like '310113%' and id <> $1 order by id limit 1`, [gucunId]);
  neighbour = await staffSession('attack5-neighbour', 'street_staff', other!.id);
  member = await joinedMember(t, gucun, { name: '郑骑手', idNumber: newIdNumber(), phone: newPhone(), regionCode: GUCUN });
}, 120_000);
afterAll(() => t?.close());

describe('the cockpit’s shared answers across scopes', () => {
  it('a city user’s warm answer for 顾村 reaches nobody outside its scope', async () => {
    const url = `/api/coverage?orgId=${gucunId}&childPageSize=5`;
    const warm = await cockpit(city, url);
    expect(warm.ancestors.map((a) => a.id)).toContain(baoshanId);
    // same orgId, same page, within the 2 s: other scopes get their own answer or none
    expect((await get(nanjing, url)).statusCode).toBe(404);
    expect((await get(neighbour, url)).statusCode).toBe(404);
    expect((await get(null, url)).statusCode).toBe(401);
    expect([401, 403]).toContain((await get(member, url)).statusCode);
    const chair = await signIn(t.app, 'demo-chair');
    expect((await get(chair, url)).statusCode).toBe(404);
    // the district's and the assessor's answer: their own drill path (no city above 宝山)
    const district = await cockpit(baoshan, url);
    const byAssessor = await cockpit(assessor, url);
    expect(district.ancestors.map((a) => a.id)).toEqual([baoshanId]);
    expect(byAssessor).toEqual(district);
    // 顾村's own staff: no ancestors at all
    expect((await cockpit(gucun, url)).ancestors).toEqual([]);
    // and the neighbour street's own cockpit is its own, not 顾村's
    expect((await cockpit(neighbour, '/api/coverage?childPageSize=5')).org.id).toBe(neighbour.orgId);
  });

  it('forged headers neither widen a scope nor pick another cached answer', async () => {
    const url = `/api/coverage?orgId=${gucunId}`;
    await cockpit(city, url);
    const forged = {
      'x-forwarded-for': '10.0.0.1', 'x-real-ip': '10.0.0.1', 'x-org-id': String(gucunId), 'x-user-id': String(city.userId),
      'x-scope': 'city', 'x-http-method-override': 'POST', authorization: `Bearer ${city.cookie}`,
    };
    expect((await get(nanjing, url, forged)).statusCode).toBe(404);
    expect((await get(null, url, forged)).statusCode).toBe(401);
    // two session cookies: whichever the server reads, the answer is that session's own
    const both = await get(null, url, { cookie: `${nanjing.cookie}; ${city.cookie}` });
    if (both.statusCode === 200) expect(JSON.parse(both.body).ancestors.length).toBe(2);
    else expect([401, 404]).toContain(both.statusCode);
  });

  it('shows a write through the app at once, in every scope and page that shares it', async () => {
    const pages = [`/api/coverage?orgId=${gucunId}`, `/api/coverage?orgId=${gucunId}&childPageSize=3&childSort=members&childOrder=desc`];
    const before = await Promise.all([city, baoshan, assessor, gucun].flatMap((s) => pages.map((p) => cockpit(s, p))));
    const created = await request(t.app, gucun, 'POST', '/api/enterprises', {
      creditCode: newCreditCode(), name: `上海攻击五测试物流${Date.now()}有限公司`, ownership: 'private', dualReal: true, employeeCount: 60,
      industry: 'G', address: '宝山区顾村镇测试路5号', regionCode: GUCUN, registeredOn: '2020-03-01', openedOn: '2020-06-01',
    });
    expect(created.statusCode, created.body).toBe(201);
    const after = await Promise.all([city, baoshan, assessor, gucun].flatMap((s) => pages.map((p) => cockpit(s, p))));
    after.forEach((c, i) => expect(c.enterprises).toBe(before[i]!.enterprises + 1));
    // the export reads the same shared cockpit (untrimmed): it shows the write too
    const sheet = await exportedSheet(baoshan, `/api/coverage/export.xlsx?orgId=${gucunId}`);
    expect(sheet.getRow(2).getCell(2).value).toBe(after[2]!.enterprises);
  });

  it('shows members a roster import committed in the background as soon as its status says committed', async () => {
    const url = `/api/coverage?orgId=${gucunId}&childPageSize=1`;
    const before = await cockpit(baoshan, url);
    const rows = Array.from({ length: 300 }, (_, i) => `攻${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'子丑寅卯辰巳午未申酉戌亥'[Math.floor(i / 10) % 12]}${'一二三'[Math.floor(i / 120)]},${newIdNumber()},${newPhone()},office,standard`);
    const body = multipart({ orgId: String(gucunId) }, {
      filename: 'roster.csv', type: 'text/csv', data: Buffer.from(`姓名,身份证号,手机号,职业,会员类别\r\n${rows.join('\r\n')}\r\n`),
    });
    const uploaded = await request(t.app, gucun, 'POST', '/api/members/import', body.payload, body.headers);
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    const { batchId, valid } = uploaded.json<{ batchId: string; valid: number }>();
    expect(valid, uploaded.body.slice(0, 600)).toBe(300);
    const started = await request(t.app, gucun, 'POST', `/api/members/import/${batchId}/commit`);
    expect(started.statusCode, started.body).toBe(202);
    // a reader while the commit runs (on PostgreSQL it reads the figures before the commit, under the new epoch)
    await cockpit(baoshan, url);
    for (let i = 0; ; i++) {
      const status = (await get(gucun, `/api/members/import/${batchId}`)).json<{ status: string }>();
      if (status.status === 'committed') break;
      expect(status.status).toBe('committing');
      expect(i).toBeLessThan(2000);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect((await cockpit(baoshan, url)).members).toBe(before.members + 300);
  });

  it('lets no refused write (anonymous, unknown route, no CSRF, invalid body) make every reader read again', async () => {
    const url = `/api/coverage?orgId=${gucunId}&childPageSize=1`;
    for (const refused of [
      () => t.app.inject({ method: 'POST', url: '/api/enterprises', payload: {} }),
      () => t.app.inject({ method: 'POST', url: '/api/no-such-route', payload: {} }),
      () => t.app.inject({ method: 'DELETE', url: '/api/coverage/targets/1' }),
      () => t.app.inject({ method: 'POST', url: '/api/enterprises', payload: {}, headers: { cookie: gucun.cookie } }),
      () => request(t.app, gucun, 'POST', '/api/enterprises', { creditCode: 'x' }),
      () => request(t.app, assessor, 'POST', '/api/enterprises', {}),
    ]) {
      const warm = await cockpit(baoshan, url);
      // a change no request of this app made (a script): it shows within 2 s, not at once
      await t.handle.query(`
        update enterprises set employee_count = employee_count + 1 where id = (
          select id from enterprises where org_path <@ (select path from orgs where id = $1) and union_status <> 'none' order by id limit 1)`, [gucunId]);
      const status = (await refused()).statusCode;
      expect(status).toBeGreaterThanOrEqual(400);
      // the refused write did not move the epoch: the same answer object is served (same JSON, instantly)
      const again = await get(baoshan, url);
      expect(again.body).toBe(JSON.stringify(warm));
    }
  });

  it('refuses odd query strings with a 400 and keeps the good answer unpoisoned', async () => {
    const base = `/api/coverage?orgId=${gucunId}`;
    const good = await cockpit(baoshan, `${base}&childPage=2&childPageSize=3`);
    const odd = [
      'childPage=0', 'childPage=-1', 'childPage=10001', 'childPage=1.5', 'childPage=99999999999999999999999', 'childPage=NaN',
      'childPage=Infinity', 'childPage=', 'childPage=1&childPage=2', 'childPageSize=0',
      'childPageSize=201', 'childPageSize=1e9', 'childKind=bogus', 'childKind=', 'childSort=__proto__', 'childSort=constructor',
      'childSort=toString', 'childOrder=sideways', 'period=2026-1', 'period=2026-13', 'period=0000-01', 'period=2200-01',
      'period=2026-01-01', 'period=2026-10&period=2026-11', 'orgId=0', 'orgId=-1', 'orgId=1e3', 'orgId=99999999999', `orgId=${gucunId}%00`,
      'childKind=all%00', 'period=%ED%A0%80',
    ];
    for (const q of odd) {
      const r = await get(baoshan, `${base}&${q}`);
      expect(r.statusCode, `${q}: ${r.body}`).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, `${q}: ${r.body}`).toBeLessThan(500);
    }
    // spellings the schema coerces to the same page share its answer, which is the right one
    for (const q of ['childPage=2&childPageSize=3', 'childPage=02&childPageSize=3.0', 'childPage=0x2&childPageSize=3', 'childPageSize=3&childPage=%202']) {
      expect(await cockpit(baoshan, `${base}&${q}`), q).toEqual(good);
    }
    expect(good.children).toHaveLength(3);
    // names the schema does not know are ignored: the default page, not another key's
    const first = await cockpit(baoshan, `${base}&childPageSize=3`);
    for (const q of ['childPage[]=2', 'childPage[a]=2', 'childpage=2']) {
      expect(await cockpit(baoshan, `${base}&childPageSize=3&${q}`), q).toEqual(first);
    }
  });

  it('gives requests that differ their own answers (page, kind, order, period)', async () => {
    const base = `/api/coverage?orgId=${gucunId}&childPageSize=2`;
    const [p1, p2, fed, eu, asc, desc, explicit] = await Promise.all([
      cockpit(gucun, `${base}&childPage=1`), cockpit(gucun, `${base}&childPage=2`),
      cockpit(gucun, `${base}&childKind=federations`), cockpit(gucun, `${base}&childKind=enterprise_unions`),
      cockpit(gucun, `${base}&childSort=members&childOrder=asc`), cockpit(gucun, `${base}&childSort=members&childOrder=desc`),
      cockpit(gucun, `${base}&period=${currentPeriod()}`),
    ]);
    expect(p1.children.map((c) => c.org.id)).not.toEqual(p2.children.map((c) => c.org.id));
    expect(fed.childrenTotal + eu.childrenTotal).toBe(p1.childrenTotal);
    expect(fed.children.every((c) => c.org.kind !== 'enterprise_union')).toBe(true);
    expect(eu.children.every((c) => c.org.kind === 'enterprise_union')).toBe(true);
    expect(asc.children[0]!.members).toBeLessThanOrEqual(desc.children[0]!.members);
    expect(explicit.period).toBe(p1.period);
    // a month not yet come is refused, not answered from the current month's shared answer
    const future = await get(gucun, `${base}&period=2199-12`);
    expect(future.statusCode).toBe(400);
    // a page past the end is empty, not the last page of someone else's key
    const past = await cockpit(gucun, `${base}&childPage=10000`);
    expect(past.children).toEqual([]);
    expect(past.childrenTotal).toBe(p1.childrenTotal);
  });

  it('answers twenty concurrent mixed readers whole, and HEAD without poisoning GET', async () => {
    const urls = Array.from({ length: 20 }, (_, i) => `/api/coverage?orgId=${gucunId}&childPage=${1 + (i % 4)}&childPageSize=${1 + (i % 3)}`);
    const sessions = [city, baoshan, assessor, gucun];
    const answers = await Promise.all(urls.map((u, i) => cockpit(sessions[i % 4]!, u)));
    answers.forEach((a, i) => expect(a.children.length).toBeLessThanOrEqual(1 + (i % 3)));
    const head = await t.app.inject({ method: 'HEAD', url: urls[0]!, headers: { cookie: baoshan.cookie } });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    const again = await cockpit(baoshan, urls[0]!);
    expect(again.org.id).toBe(gucunId);
    expect(again.ancestors.map((a) => a.id)).toEqual([baoshanId]);
  });

  it('keeps the export whole after hostile page parameters warmed the cache', async () => {
    await get(baoshan, `/api/coverage?orgId=${gucunId}&childPage=10000&childPageSize=200`);
    const full = await cockpit(baoshan, `/api/coverage?orgId=${gucunId}&childPageSize=200`);
    const sheet = await exportedSheet(baoshan, `/api/coverage/export.xlsx?orgId=${gucunId}&childPage=10000&childPageSize=1&childKind=enterprise_unions`);
    // the unit and every unit below it, page parameters ignored
    expect(sheet.rowCount).toBe(1 + 1 + full.childrenTotal);
    expect((await get(nanjing, `/api/coverage/export.xlsx?orgId=${gucunId}`)).statusCode).toBe(404);
    expect((await get(null, `/api/coverage/export.xlsx?orgId=${gucunId}`)).statusCode).toBe(401);
  });
});

describe('the shared answers’ memory', () => {
  it('holds no expired answer past the next read, however many distinct pages one user asked for', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const shared = recentReads<{ rows: string[] }>(20);
    const db = {};
    // 499 distinct keys (one under the old sweep's 500), each a big answer, as childPage × childPageSize × childSort allow
    const held: WeakRef<object>[] = [];
    for (let i = 0; i < 499; i++) {
      const answer = await shared(db, `118:118:2026-11:all:members:asc:${i}:200`, async () => ({ rows: Array.from({ length: 200 }, (_, j) => `${i}-${j}`) }));
      held.push(new WeakRef(answer));
    }
    await sleep(40);
    // ordinary readers go on asking for one page they asked before
    await shared(db, '118:118:2026-11:all:members:asc:0:200', async () => ({ rows: [] }));
    gc();
    // (the first was replaced by the read just made; the last may still be referenced from this function's frame)
    expect(held.slice(1, -1).filter((r) => r.deref() !== undefined)).toHaveLength(0);
  });
});

describe('regions in English and the employer picker', () => {
  it('gives anyone every division with an English name, and the picker a street code from that list', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/regions' });
    expect(r.statusCode).toBe(200);
    const items = r.json<{ items: { code: string; name: string; nameEn: string }[] }>().items;
    expect(items.every((i) => /^[A-Za-zü' ()-]+$/.test(i.nameEn))).toBe(true);
    expect(items.find((i) => i.code === GUCUN)?.nameEn).toBe('Gucun Town');
    const codes = new Set(items.map((i) => i.code));
    const lookup = await t.app.inject({ method: 'GET', url: `/api/enterprises/lookup?q=${encodeURIComponent('物流')}` });
    expect(lookup.statusCode).toBe(200);
    const found = lookup.json<{ items: Record<string, string>[] }>().items;
    expect(found.length).toBeGreaterThan(0);
    for (const e of found) {
      expect(Object.keys(e).sort()).toEqual(['creditCode', 'name', 'regionCode', 'regionName']);
      expect(codes.has(e.regionCode!)).toBe(true);
    }
  });

  it('answers odd picker texts without a 500', async () => {
    for (const q of ['%%', '__', "'", '\\\\', '9%', '91_', 'ＡＢ', '９１', 'ıı', 'ſſ', 'KK', `${'9'.repeat(40)}`, ' 9 1 ', '🙂🙂', '\u200b\u200b']) {
      const r = await t.app.inject({ method: 'GET', url: `/api/enterprises/lookup?q=${encodeURIComponent(q)}` });
      expect(r.statusCode, `${q}: ${r.body}`).toBeLessThan(500);
      if (r.statusCode === 200 && /^[%_]/.test(q)) expect(r.json<{ items: unknown[] }>().items, q).toEqual([]);
    }
  });
});

describe('credit-code prefixes in search', () => {
  it('find a real code from 2 to 18 characters, in any case, with spaces around', async () => {
    const [e] = await t.handle.query<{ credit_code: string }>(`
      select credit_code from enterprises where org_path <@ (select path from orgs where id = $1) and credit_code ~ '[A-Z]' order by id limit 1`, [gucunId]);
    const code = e!.credit_code;
    for (let n = 2; n <= 18; n++) {
      for (const text of [code.slice(0, n), code.slice(0, n).toLowerCase(), `  ${code.slice(0, n)} `]) {
        const r = await get(gucun, `/api/enterprises?q=${encodeURIComponent(text)}&pageSize=200`);
        expect(r.statusCode, `${text}: ${r.body}`).toBe(200);
        const listed = r.json<{ items: { creditCode: string }[]; total: number }>();
        expect(listed.total, text).toBeGreaterThan(0);
        if (n >= 12) expect(listed.items.map((i) => i.creditCode), text).toContain(code);
      }
    }
    // the public picker too (names and codes of the whole city, 10 at most)
    const picked = await t.app.inject({ method: 'GET', url: `/api/enterprises/lookup?q=${encodeURIComponent(` ${code.toLowerCase()} `)}` });
    expect(picked.json<{ items: { creditCode: string }[] }>().items.map((i) => i.creditCode)).toEqual([code]);
  });
});

describe('the log scrubber’s fraction rule', () => {
  const phone = '13912345678';
  const id = '310113198705121234';
  it('leaks no phone or ID number written after a dot, and keeps JSON lines valid', () => {
    for (const text of [`tel.${phone}`, `a.${phone}`, `v1.2.${phone}`, `https://x.cn/a.${phone}`, `tel.+86${phone}`, `tel.86${phone}`,
      `tel.139 1234 5678`, `tel.139-1234-5678`, `id.${id}`, `id.31011319870512123X`, `1.${phone}.${phone}`, `.${phone}`]) {
      const line = JSON.stringify({ msg: text, n: Number(`1.${phone}`), url: `/m/${text}` });
      const scrubbed = scrubPii(line);
      expect(() => JSON.parse(scrubbed), scrubbed).not.toThrow();
      expect(scrubbed.replace(/[^0-9]/g, ''), scrubbed).not.toContain(phone);
      expect(scrubbed, scrubbed).not.toMatch(/1391234|5121234|19870512/);
    }
  });

  it('leaks none through the request log either', async () => {
    logLines.length = 0;
    for (const path of [`/api/applications/tel.${phone}`, `/api/a.${phone}`, `/api/enterprises/v1.${phone}`, `/m/x.${id}`]) {
      await t.app.inject({ method: 'GET', url: `${path}?q=tel.${phone}` });
      await t.app.inject({ method: 'POST', url: path, payload: { phone: `tel.${phone}` } });
    }
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) {
      expect(() => JSON.parse(line), line).not.toThrow();
      expect(line, line).not.toContain(phone);
      expect(line, line).not.toContain(id);
    }
  });
});

async function exportedSheet(session: Session, url: string): Promise<ExcelJS.Worksheet> {
  const r = await get(session, url);
  expect(r.statusCode, r.body).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}
