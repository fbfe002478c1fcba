/**
 * Attacks on the four mechanisms merged today (services, rights, funds, congress/votes): ids of other units in
 * bodies, double taps, messy input and files, personal data at rest. Each case states what it tried; the ones
 * that found a fault are regression tests of its fix (see the report of the attack branch).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, memberRatingQuestions, shanghaiDate, type ReceiptImportResult, type ServiceRequest } from '@lianxin/contracts';
import { GUCUN, newIdNumber, newPhone } from './support/fixtures.ts';
import { emptyRowsBombXlsx } from './fixtures/rosters.ts';
import { multipart } from './support/multipart.ts';
import { joinedMember, request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

let t: TestApp;
let baoshan: Session;
let city: Session;
let gucun: Session;
let gucunSw: Session;
let nanjing: Session;
let member: Session;
const logLines: string[] = [];
/** every phone number this file sent (none may reach the server log) */
const phonesUsed: string[] = [];
let gucunEnterprise: { id: number; name: string; credit_code: string };

async function ok<T>(session: Session | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown): Promise<T> {
  const r = await request(t.app, session, method, url, body);
  if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
  return r.json<T>();
}

function phone(): string {
  const p = newPhone();
  phonesUsed.push(p);
  return p;
}

const serviceRequest = (orgId: number, overrides: Record<string, unknown> = {}) => ({
  categoryCode: 'general', orgId, channel: 'station', description: '骑手反映驿站热水器损坏', requesterName: '王骑手', requesterPhone: phone(), ...overrides,
});

const upload = (session: Session, filename: string, data: Buffer) => {
  const m = multipart({}, { filename, type: 'text/csv', data });
  return t.app.inject({ method: 'POST', url: '/api/funds/receipts/import', payload: m.payload, headers: { ...m.headers, cookie: session.cookie, 'x-csrf-token': session.csrfToken } });
};

/** A gig worker of 顾村 who joined online, approved, signed in on the H5. */
const newMember = (name: string): Promise<Session> => joinedMember(t, baoshan, { name, idNumber: newIdNumber(), phone: phone(), regionCode: GUCUN });

const memberIdOf = async (session: Session) =>
  (await t.handle.query<{ member_id: number }>('select member_id from users where id = $1', [session.userId]))[0]!.member_id;

beforeAll(async () => {
  t = await startTestApp({}, { log: { level: 'trace', destination: { write: (line: string) => { logLines.push(line); } } } });
  baoshan = await signIn(t.app, 'demo-baoshan');
  city = await signIn(t.app, 'demo-city');
  gucun = await signIn(t.app, 'demo-gucun');
  gucunSw = await signIn(t.app, 'staff-310113109');
  nanjing = await signIn(t.app, 'demo-nanjingdonglu');
  member = await newMember('钱骑手');
  const [e] = await t.handle.query<{ id: number; name: string; credit_code: string }>(`
    select id, name, credit_code from enterprises where region_code = $1 and union_status <> 'none' and employee_count between 10 and 2000
     and org_path <@ (select path from orgs where id = $2) order by id limit 1`, [GUCUN, gucun.orgId]);
  gucunEnterprise = e!;
});
afterAll(() => t.close());

describe('ids of other units in bodies', () => {
  it('a dispute case cannot link a service request of another district (404, nothing written)', async () => {
    const foreignRequest = await ok<ServiceRequest>(nanjing, 'POST', '/api/service-requests', serviceRequest(nanjing.orgId));
    const before = await t.handle.query<{ n: number }>('select count(*)::int as n from rights_cases');
    const r = await request(t.app, gucun, 'POST', '/api/rights/cases', {
      enterpriseId: gucunEnterprise.id, type: 'wage_arrears', workers: [{ name: '张维权', phone: phone() }], claimFen: 100_000, requestId: foreignRequest.id,
    });
    expect(r.statusCode, r.body).toBe(404);
    const missing = await request(t.app, gucun, 'POST', '/api/rights/cases', {
      enterpriseId: gucunEnterprise.id, type: 'wage_arrears', workers: [{ name: '张维权' }], claimFen: 100_000, requestId: 2_000_000_000,
    });
    expect(missing.statusCode, missing.body).toBe(404);
    const after = await t.handle.query<{ n: number }>('select count(*)::int as n from rights_cases');
    expect(after[0]!.n).toBe(before[0]!.n);
    // its own union's request links
    const own = await ok<ServiceRequest>(gucun, 'POST', '/api/service-requests', serviceRequest(gucun.orgId));
    const linked = await request(t.app, gucun, 'POST', '/api/rights/cases', {
      enterpriseId: gucunEnterprise.id, type: 'wage_arrears', workers: [{ name: '张维权' }], claimFen: 100_000, requestId: own.id,
    });
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json<{ requestId: number }>().requestId).toBe(own.id);
  });

  it('a service request cannot be filed at another district\'s station or union (404)', async () => {
    const foreignOrg = await request(t.app, gucun, 'POST', '/api/service-requests', serviceRequest(nanjing.orgId));
    expect(foreignOrg.statusCode).toBe(404);
    const station = await ok<{ id: number }>(nanjing, 'POST', '/api/stations', {
      orgId: nanjing.orgId, name: '南京东路攻击测试驿站', level: 'station', address: '黄浦区南京东路1号', lat: 31.2355, lng: 121.4846, hours: [], facilities: [],
    });
    const r = await request(t.app, gucun, 'POST', '/api/service-requests', serviceRequest(gucun.orgId, { stationId: station.id }));
    // out of scope reads as not found, as every body id outside the scope (it was a 400 before)
    expect(r.statusCode, r.body).toBe(404);
    expect(r.body).toContain('stationId');
  });

  it('a staff request names a position of the receiving union, below it or above it; a sibling street\'s inside the scope is 400', async () => {
    const paths = await t.handle.query<{ id: number; path: string }>('select id, path::text as path from orgs where id = any($1::int[])', [[baoshan.orgId, gucun.orgId]]);
    const pathOf = (id: number) => paths.find((p) => p.id === id)!.path;
    // a position of another street union of 宝山区 (a sibling of 顾村's, inside the district staff's scope)
    const [street] = await t.handle.query<{ id: number }>(
      `select id from orgs where path <@ $1::ltree and nlevel(path) = nlevel($2::ltree) and id <> $3 order by id limit 1`, [pathOf(baoshan.orgId), pathOf(gucun.orgId), gucun.orgId]);
    const sibling = await ok<{ id: number }>(baoshan, 'POST', '/api/stations', {
      orgId: street!.id, name: '兄弟街镇驿站（攻击测试）', level: 'station', address: '宝山区友谊路1号', lat: 31.4, lng: 121.48, hours: [], facilities: [],
    });
    const before = await t.handle.query<{ n: number }>('select count(*)::int as n from service_requests');
    const refused = await request(t.app, baoshan, 'POST', '/api/service-requests', serviceRequest(gucun.orgId, { stationId: sibling.id, description: '兄弟街镇阵地' }));
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json<{ fields: Record<string, string> }>().fields).toHaveProperty('stationId');
    expect(await t.handle.query('select count(*)::int as n from service_requests')).toEqual(before);
    // the district's own centre (above 顾村) and 顾村's own position are fine
    const centre = await ok<{ id: number }>(baoshan, 'POST', '/api/stations', {
      orgId: baoshan.orgId, name: '宝山区职工服务中心（攻击测试）', level: 'centre', address: '宝山区牡丹江路1号', lat: 31.405, lng: 121.489, hours: [], facilities: [],
    });
    expect((await request(t.app, baoshan, 'POST', '/api/service-requests', serviceRequest(gucun.orgId, { stationId: centre.id, description: '区中心受理' }))).statusCode).toBe(201);
    const own = await ok<{ id: number }>(gucun, 'POST', '/api/stations', {
      orgId: gucun.orgId, name: '顾村驿站（攻击测试）', level: 'station', address: '宝山区顾村镇1号', lat: 31.35, lng: 121.38, hours: [], facilities: [],
    });
    expect((await request(t.app, gucun, 'POST', '/api/service-requests', serviceRequest(gucun.orgId, { stationId: own.id, description: '本镇阵地受理' }))).statusCode).toBe(201);
  });

  it('reveals a requester\'s phone to staff in scope only, each time with an audit entry', async () => {
    const requesterPhone = phone();
    const r = await ok<ServiceRequest>(gucun, 'POST', '/api/service-requests', serviceRequest(gucun.orgId, { requesterPhone, description: '需要回电的诉求' }));
    expect(r.requesterPhone).not.toBe(requesterPhone);
    const url = `/api/service-requests/${r.id}/requester-phone`;
    expect((await request(t.app, null, 'POST', url)).statusCode).toBe(401);
    expect((await request(t.app, nanjing, 'POST', url)).statusCode).toBe(404);
    expect((await request(t.app, member, 'POST', url)).statusCode).toBe(403);
    const audit = `select actor_user_id as actor, detail from audit_log where action = 'read_personal' and object_type = 'service_request' and object_id = '${r.id}'`;
    expect(await t.handle.query(audit)).toEqual([]);
    expect(await ok(baoshan, 'POST', url)).toEqual({ phone: requesterPhone });
    expect(await t.handle.query(audit)).toEqual([{ actor: baoshan.userId, detail: { field: 'requesterPhone' } }]);
  });

  it('reveals a rights case party\'s phone to staff in scope only, for that case\'s party, with an audit entry', async () => {
    const workerPhone = phone();
    const created = await ok<{ id: number }>(gucun, 'POST', '/api/rights/cases', {
      enterpriseId: gucunEnterprise.id, type: 'wage_arrears', workers: [{ name: '赵当事人', phone: workerPhone }, { name: '钱当事人' }], claimFen: 80_000,
    });
    const detail = await ok<{ workers: { id: number; name: string; phone: string | null }[] }>(gucun, 'GET', `/api/rights/cases/${created.id}`);
    const [withPhone, without] = detail.workers;
    expect(withPhone!.phone).not.toBe(workerPhone);
    const url = (caseId: number, partyId: number) => `/api/rights/cases/${caseId}/parties/${partyId}/phone`;
    expect((await request(t.app, null, 'POST', url(created.id, withPhone!.id))).statusCode).toBe(401);
    expect((await request(t.app, nanjing, 'POST', url(created.id, withPhone!.id))).statusCode).toBe(404);
    expect((await request(t.app, gucun, 'POST', url(created.id, without!.id))).statusCode).toBe(404);
    const other = await ok<{ id: number }>(gucun, 'POST', '/api/rights/cases', { enterpriseId: gucunEnterprise.id, type: 'work_injury', workers: [{ name: '孙其他' }], claimFen: 1_000 });
    expect((await request(t.app, gucun, 'POST', url(other.id, withPhone!.id))).statusCode).toBe(404);
    const audit = `select actor_user_id as actor, detail from audit_log where action = 'read_personal' and object_type = 'rights_case' and object_id = '${created.id}'`;
    expect(await t.handle.query(audit)).toEqual([]);
    expect(await ok(gucun, 'POST', url(created.id, withPhone!.id))).toEqual({ phone: workerPhone });
    expect(await t.handle.query(audit)).toEqual([{ actor: gucun.userId, detail: { field: 'partyPhone', partyId: withPhone!.id } }]);
  });

  it('a member cannot read or rate another member\'s request (404)', async () => {
    const own = await ok<ServiceRequest>(gucun, 'POST', '/api/service-requests', serviceRequest(gucun.orgId));
    expect((await request(t.app, member, 'GET', `/api/me/service-requests/${own.id}`)).statusCode).toBe(404);
    expect((await request(t.app, member, 'POST', `/api/service-requests/${own.id}/rating`, { score: 1, comment: '差' })).statusCode).toBe(404);
  });
});

describe('double taps', () => {
  it('two staff accepting one queued request at once: one owner, the other 409', async () => {
    const queued = await ok<ServiceRequest>(gucun, 'POST', '/api/service-requests', serviceRequest(gucun.orgId, { channel: 'h5' }));
    const [a, b] = await Promise.all([
      request(t.app, gucun, 'POST', `/api/service-requests/${queued.id}/accept`),
      request(t.app, gucunSw, 'POST', `/api/service-requests/${queued.id}/accept`),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const events = await t.handle.query<{ n: number }>(`select count(*)::int as n from service_request_events where request_id = $1 and action = 'accepted'`, [queued.id]);
    expect(events[0]!.n).toBe(1);
  });

  it('two identical receipts at once post one receipt', async () => {
    const body = { enterpriseId: gucunEnterprise.id, amountFen: 12_345, receivedOn: '2026-10-20', idempotencyKey: 'attack-double-tap-1' };
    const [a, b] = await Promise.all([request(t.app, gucun, 'POST', '/api/funds/receipts', body), request(t.app, gucun, 'POST', '/api/funds/receipts', body)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    const rows = await t.handle.query<{ n: number }>(`select count(*)::int as n from fund_receipts where idempotency_key = 'manual:attack-double-tap-1'`);
    expect(rows[0]!.n).toBe(1);
    // the same key from another district: not found, not a read of the first receipt
    expect((await request(t.app, nanjing, 'POST', '/api/funds/receipts', body)).statusCode).toBe(404);
  });
});

describe('messy input', () => {
  it('refuses amounts as strings, floats, negatives and beyond 2^53 with the field path', async () => {
    for (const amountFen of ['100', 1.5, -1, 0, 2 ** 53 + 2, 1e300]) {
      const r = await request(t.app, gucun, 'POST', '/api/funds/receipts', { enterpriseId: gucunEnterprise.id, amountFen, receivedOn: '2026-10-20', idempotencyKey: `attack-amount-${String(amountFen)}` });
      expect(r.statusCode, `${String(amountFen)}: ${r.body}`).toBe(400);
      expect(r.body).toContain('amountFen');
    }
  });

  it('refuses 2026-02-30 and 2026-13 with the field path', async () => {
    const day = await request(t.app, gucun, 'POST', '/api/funds/receipts', { enterpriseId: gucunEnterprise.id, amountFen: 100, receivedOn: '2026-02-30', idempotencyKey: 'attack-day' });
    expect(day.statusCode).toBe(400);
    expect(day.body).toContain('receivedOn');
    const month = await request(t.app, gucun, 'POST', '/api/funds/payroll', { enterpriseId: gucunEnterprise.id, period: '2026-13', payrollFen: 100 });
    expect(month.statusCode).toBe(400);
    expect(month.body).toContain('period');
  });

  it('refuses out-of-range coordinates and 10,000-character texts, never a 500', async () => {
    const station = { orgId: gucun.orgId, name: '攻击测试驿站', level: 'station', address: '宝山区顾村镇1号', lat: 91, lng: 121.4, hours: [], facilities: [] };
    const lat = await request(t.app, gucun, 'POST', '/api/stations', station);
    expect(lat.statusCode).toBe(400);
    const long = await request(t.app, gucun, 'POST', '/api/service-requests', serviceRequest(gucun.orgId, { description: '长'.repeat(10_000) }));
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('description');
    const control = await request(t.app, gucun, 'POST', '/api/service-requests', serviceRequest(gucun.orgId, { description: 'a\u0000b' }));
    expect(control.statusCode).toBe(400);
    // an empty coordinate is missing, not 0
    for (const query of ['lat=&lng=121.4', 'lat=31.3&lng=', 'lat=%20&lng=121.4']) {
      const blank = await t.app.inject({ method: 'GET', url: `/api/stations/nearest?${query}` });
      expect(blank.statusCode, query).toBe(400);
    }
  });

  it('a member cannot file a request at a position not yet accepted (it reads as unknown)', async () => {
    const pending = await ok<{ id: number }>(gucun, 'POST', '/api/stations', {
      orgId: gucun.orgId, name: '攻击测试待验收驿站', level: 'relay', address: '宝山区顾村镇2号', lat: 31.35, lng: 121.38, hours: [], facilities: [],
    });
    const response = await request(t.app, member, 'POST', '/api/me/service-requests', { categoryCode: 'general', description: '待验收站点的诉求', stationId: pending.id });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ fields: Record<string, string> }>().fields).toHaveProperty('stationId');
    const rows = await t.handle.query<{ n: number }>('select count(*)::int as n from service_requests where station_id = $1', [pending.id]);
    expect(rows[0]!.n).toBe(0);
  });

  it('reads bank statements in GB18030 and UTF-16 with title rows; refuses empty and garbage files without a 500', async () => {
    const rows = (ref: string) => [
      '上海某银行对账单', '账号：31001234567890', '',
      '交易日期,付款人名称,统一社会信用代码,金额,流水号',
      `2026-10-21,随便写的名字,${gucunEnterprise.credit_code},100.00,${ref}`,
    ].join('\r\n');
    // the same in GB18030 (bytes written out: Node encodes no GB18030), matched by the credit code
    const hex = (h: string) => Buffer.from(h, 'hex');
    const gbFile = Buffer.concat([
      hex('c9cfbaa3c4b3d2f8d0d0b6d4d5cbb5a5'), Buffer.from('\r\n'), hex('d5cbbac5a3ba'), Buffer.from('31001234567890\r\n\r\n'),
      hex('bdbbd2d7c8d5c6da2cb8b6bfeec8cbc3fbb3c62ccdb3d2bbc9e7bbe1d0c5d3c3b4fac2eb2cbdf0b6ee2cc1f7cbaebac5'), Buffer.from('\r\n2026-10-21,'),
      hex('cbe6b1e3d0b4b5c4c3fbd7d6'), Buffer.from(`,${gucunEnterprise.credit_code},100.00,ATTACK-GB-1\r\n`),
    ]);
    const gb = await upload(gucun, 'bank.csv', gbFile);
    expect(gb.json<ReceiptImportResult>(), gb.body).toMatchObject({ total: 1, matched: 1 });
    const utf16 = await upload(gucun, 'bank.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rows('ATTACK-U16-1'), 'utf16le')]));
    expect(utf16.json<ReceiptImportResult>(), utf16.body).toMatchObject({ total: 1, matched: 1 });
    expect((await upload(gucun, 'bank.csv', Buffer.alloc(0))).statusCode).toBe(400);
    // a zip header with nothing valid behind it, named .csv
    const garbage = await upload(gucun, 'bank.csv', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(1000, 0x41)]));
    expect(garbage.statusCode).toBe(400);
  });
});

describe('personal data', () => {
  it('keeps requesters\' and workers\' phones only encrypted at rest and masked in lists', async () => {
    const requester = phone();
    const created = await ok<ServiceRequest>(gucun, 'POST', '/api/service-requests', serviceRequest(gucun.orgId, { requesterPhone: requester }));
    expect(created.requesterPhone).not.toContain(requester);
    const [row] = await t.handle.query<Record<string, unknown>>('select * from service_requests where id = $1', [created.id]);
    expect(JSON.stringify(row)).not.toContain(requester);
    const list = await request(t.app, gucun, 'GET', '/api/service-requests?limit=200');
    expect(list.body).not.toContain(requester);
  });

  it('never writes a phone of this file into the server log (requests, errors, jobs)', () => {
    const log = logLines.join('');
    expect(logLines.length).toBeGreaterThan(50);
    for (const p of phonesUsed) expect(log).not.toContain(p);
  });
});

describe('double taps by staff', () => {
  it('the same warning sent twice at once issues one letter', async () => {
    const body = { enterpriseId: gucunEnterprise.id, signal: 'wage_arrears', level: 'serious', description: '连续两月欠薪（双击测试）' };
    const [a, b] = await Promise.all([request(t.app, gucun, 'POST', '/api/rights/warnings', body), request(t.app, gucun, 'POST', '/api/rights/warnings', body)]);
    expect([a.statusCode, b.statusCode].sort(), `${a.body} ${b.body}`).toEqual([200, 201]);
    expect(a.json<{ id: number }>().id).toBe(b.json<{ id: number }>().id);
    const [n] = await t.handle.query<{ n: number }>(`select count(*)::int as n from rights_warnings where description = '连续两月欠薪（双击测试）'`);
    expect(n!.n).toBe(1);
  });

  it('the same bargaining round sent twice at once is one round; the next one is round 2', async () => {
    const today = shanghaiDate();
    const body = { enterpriseId: gucunEnterprise.id, topic: 'welfare', year: Number(today.slice(0, 4)), heldOn: today, attendees: '工会主席、人事经理', minutes: '首轮协商' };
    const [a, b] = await Promise.all([request(t.app, gucun, 'POST', '/api/bargaining/rounds', body), request(t.app, gucun, 'POST', '/api/bargaining/rounds', body)]);
    expect([a.statusCode, b.statusCode].sort(), `${a.body} ${b.body}`).toEqual([200, 201]);
    expect(a.json<{ id: number }>().id).toBe(b.json<{ id: number }>().id);
    const next = await request(t.app, gucun, 'POST', '/api/bargaining/rounds', { ...body, minutes: '第二轮协商' });
    expect(next.statusCode).toBe(201);
    expect(next.json<{ roundNo: number }>().roundNo).toBe(2);
  });

  it('the same request saved twice at once by a station\'s staff makes one request; another requester\'s is new', async () => {
    const body = serviceRequest(gucun.orgId, { description: `驿站热水器又坏了（${Date.now()}）` });
    const [a, b] = await Promise.all([request(t.app, gucun, 'POST', '/api/service-requests', body), request(t.app, gucun, 'POST', '/api/service-requests', body)]);
    expect([a.statusCode, b.statusCode].sort(), `${a.body} ${b.body}`).toEqual([200, 201]);
    expect(a.json<ServiceRequest>().id).toBe(b.json<ServiceRequest>().id);
    const other = await request(t.app, gucun, 'POST', '/api/service-requests', { ...body, requesterPhone: phone() });
    expect(other.statusCode).toBe(201);
  });

  it('the same dispute case sent twice at once opens one case; a changed one is new', async () => {
    const body = { enterpriseId: gucunEnterprise.id, type: 'social_insurance', workers: [{ name: '双击甲', phone: phone() }, { name: '双击乙' }], claimFen: 777_700, description: '社保断缴' };
    const [a, b] = await Promise.all([request(t.app, gucun, 'POST', '/api/rights/cases', body), request(t.app, gucun, 'POST', '/api/rights/cases', body)]);
    expect([a.statusCode, b.statusCode].sort(), `${a.body} ${b.body}`).toEqual([200, 201]);
    expect(a.json<{ id: number }>().id).toBe(b.json<{ id: number }>().id);
    const rows = await t.handle.query<{ n: number }>(`select count(*)::int as n from rights_cases where enterprise_id = $1 and claim_fen = 777700`, [gucunEnterprise.id]);
    expect(rows[0]!.n).toBe(1);
    const other = await request(t.app, gucun, 'POST', '/api/rights/cases', { ...body, workers: [{ name: '双击甲' }, { name: '双击丙' }] });
    expect(other.statusCode).toBe(201);
  });
});

describe('double taps by members', () => {
  it('the same H5 request sent twice at once makes one request', async () => {
    const body = { categoryCode: 'general', description: `外卖站点夜间无处休息，请求协调（${Date.now()}）` };
    const [a, b] = await Promise.all([
      request(t.app, member, 'POST', '/api/me/service-requests', body),
      request(t.app, member, 'POST', '/api/me/service-requests', body),
    ]);
    expect([a.statusCode, b.statusCode].sort(), `${a.body} ${b.body}`).toEqual([200, 201]);
    expect(a.json<ServiceRequest>().id).toBe(b.json<ServiceRequest>().id);
    const rows = await t.handle.query<{ n: number }>('select count(*)::int as n from service_requests where requester_user_id = $1 and description = $2', [member.userId, body.description]);
    expect(rows[0]!.n).toBe(1);
    // a different request is a new one
    const other = await request(t.app, member, 'POST', '/api/me/service-requests', { ...body, description: `${body.description}（补充）` });
    expect(other.statusCode).toBe(201);
  });

  it('two ballots of one member at once: one counted, the other 409; finishing while ballots arrive counts each once', async () => {
    const vote = await ok<{ id: number }>(gucun, 'POST', '/api/votes', { orgId: member.orgId, title: '攻击测试表决', method: 'yes_no_abstain', secret: true });
    await ok(gucun, 'POST', `/api/votes/${vote.id}/start`);
    const [optionsRow] = await t.handle.query<{ id: number }>('select id from vote_options where vote_id = $1 order by position limit 1', [vote.id]);
    const ballot = { choices: [optionsRow!.id] };
    const [a, b, finish] = await Promise.all([
      request(t.app, member, 'POST', `/api/votes/${vote.id}/ballots`, ballot),
      request(t.app, member, 'POST', `/api/votes/${vote.id}/ballots`, ballot),
      request(t.app, gucun, 'POST', `/api/votes/${vote.id}/finish`),
    ]);
    expect(finish.statusCode, finish.body).toBe(200);
    const codes = [a.statusCode, b.statusCode].sort();
    // one ballot in before the finish (201 + 409), or none (409 + 409: the vote closed first)
    expect([[201, 409], [409, 409]]).toContainEqual(codes);
    const [stored] = await t.handle.query<{ cast: number; ballots: number }>(`
      select (result->>'cast')::int as cast, (select count(*)::int from vote_ballots where vote_id = $1) as ballots from votes where id = $1`, [vote.id]);
    expect(stored!.cast).toBe(stored!.ballots);
    expect(stored!.ballots).toBe(codes[0] === 201 ? 1 : 0);
  });
});

describe('closed months and hostile files', () => {
  it('a payroll and its correction for a closed month post into the next open month, never into the closed one', async () => {
    const closed = await request(t.app, city, 'POST', '/api/funds/periods/2026-06/close');
    expect([200, 409]).toContain(closed.statusCode);
    const [e] = await t.handle.query<{ id: number }>(`
      select id from enterprises where region_code = $1 and union_status <> 'none' and employee_count between 10 and 2000
       and org_path <@ (select path from orgs where id = $2) order by id offset 3 limit 1`, [GUCUN, gucun.orgId]);
    const first = await request(t.app, gucun, 'POST', '/api/funds/payroll', { enterpriseId: e!.id, period: '2026-06', payrollFen: 10_000_000 });
    expect(first.statusCode, first.body).toBeLessThan(300);
    const again = await request(t.app, gucun, 'POST', '/api/funds/payroll', { enterpriseId: e!.id, period: '2026-06', payrollFen: 12_000_000 });
    expect(again.statusCode, again.body).toBeLessThan(300);
    const [inClosed] = await t.handle.query<{ n: number }>(`
      select count(*)::int as n from journal_entries je where je.period = '2026-06' and je.created_at > now() - interval '1 hour'
         and exists (select 1 from journal_lines l where l.entry_id = je.id and l.enterprise_id = $1)`, [e!.id]);
    expect(inClosed!.n).toBe(0);
  });

  it('a bank statement that inflates past the limit (a zip bomb) is refused with 400, nothing posted', async () => {
    const before = await t.handle.query<{ n: number }>('select count(*)::int as n from fund_receipts');
    const bomb = await emptyRowsBombXlsx(100);
    const r = await upload(gucun, 'bank.xlsx', bomb);
    expect(r.statusCode, r.body).toBe(400);
    const after = await t.handle.query<{ n: number }>('select count(*)::int as n from fund_receipts');
    expect(after[0]!.n).toBe(before[0]!.n);
  }, 120_000);

  it('a member rating their union twice at once is counted once (409 for the second)', async () => {
    const year = shanghaiDate().slice(0, 4);
    const body = { answers: memberRatingQuestions.map(() => 4) };
    const [a, b] = await Promise.all([
      request(t.app, member, 'POST', `/api/me/evaluation/${year}/rating`, body),
      request(t.app, member, 'POST', `/api/me/evaluation/${year}/rating`, body),
    ]);
    expect([a.statusCode, b.statusCode].sort(), `${a.body} ${b.body}`).toEqual([201, 409]);
  });
});

describe('members acting on congress proposals', () => {
  it('one proposal per double tap; no seconding or rating by others, no seconding twice', async () => {
    const other = await newMember('孙骑手');
    const outsider = await newMember('李骑手');
    const today = shanghaiDate();
    const session = await ok<{ id: number }>(gucun, 'POST', '/api/congress/sessions', {
      orgId: gucun.orgId, title: '攻击测试职代会', heldOn: addDays(today, 20), proposalsOpenOn: addDays(today, -1), proposalsCloseOn: addDays(today, 10),
      representatives: [{ memberId: await memberIdOf(member), constituency: '一组' }, { memberId: await memberIdOf(other), constituency: '二组' }],
    });
    const body = { sessionId: session.id, subject: '增设骑手休息点', reasons: '夏季高温无处休息', measures: '在各驿站增设休息点' };
    const [a, b] = await Promise.all([request(t.app, member, 'POST', '/api/congress/proposals', body), request(t.app, member, 'POST', '/api/congress/proposals', body)]);
    expect([a.statusCode, b.statusCode].sort(), `${a.body} ${b.body}`).toEqual([200, 201]);
    const id = a.json<{ id: number }>().id;
    expect(b.json<{ id: number }>().id).toBe(id);
    const [n] = await t.handle.query<{ n: number }>('select count(*)::int as n from congress_proposals where session_id = $1', [session.id]);
    expect(n!.n).toBe(1);
    // not a representative: not found; one's own proposal: 409; twice at once: one seconder
    expect((await request(t.app, outsider, 'POST', '/api/congress/proposals', body)).statusCode).toBe(404);
    expect((await request(t.app, outsider, 'POST', `/api/congress/proposals/${id}/second`)).statusCode).toBe(404);
    expect((await request(t.app, member, 'POST', `/api/congress/proposals/${id}/second`)).statusCode).toBe(409);
    const seconds = await Promise.all([request(t.app, other, 'POST', `/api/congress/proposals/${id}/second`), request(t.app, other, 'POST', `/api/congress/proposals/${id}/second`)]);
    expect(seconds.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await request(t.app, other, 'POST', `/api/congress/proposals/${id}/rate`, { rating: 'unsatisfied' })).statusCode).toBe(404);
  });
});
