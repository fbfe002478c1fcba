/**
 * The links between the 2026 mechanisms: a rights case opened from a service request (机制二 → 机制三), service
 * requests counted by the automatic early warning, the service figures in the evaluation's score (机制五).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { combinedScore, grantYearFen, indicatorItems, serviceScore, shanghaiDate, starsOf, type CaseItem, type Enterprise, type Evaluation, type ServiceRequest } from '@lianxin/contracts';
import { enterpriseInput, newPhone } from './support/fixtures.ts';
import { request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

let t: TestApp;
let gucun: Session;
let foreign: Session;

beforeAll(async () => {
  t = await startTestApp();
  gucun = await signIn(t.app, 'demo-gucun');
  foreign = await signIn(t.app, 'staff-310101');
});
afterAll(() => t.close());

let serial = 0;
async function newEnterprise(): Promise<Enterprise> {
  const response = await request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput({ employeeCount: 60, name: `上海联动测试物流${++serial}号有限公司` }));
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Enterprise>();
}
async function newRequest(session: Session, overrides: Record<string, unknown> = {}): Promise<ServiceRequest> {
  const response = await request(t.app, session, 'POST', '/api/service-requests', {
    categoryCode: 'general', orgId: session.orgId, channel: 'station', description: '骑手反映站点拖欠三个月工资', requesterName: '王骑手', requesterPhone: newPhone(), ...overrides,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<ServiceRequest>();
}
const caseBody = (enterpriseId: number, extra: Record<string, unknown> = {}) => ({
  enterpriseId, type: 'wage_arrears', workers: [{ name: '王骑手', phone: newPhone() }], claimFen: 1_800_000, ...extra,
});

describe('a rights case opened from a service request', () => {
  it('links both ways: the case names the request, the request names the case', async () => {
    const e = await newEnterprise();
    const r = await newRequest(gucun);
    expect(r.rightsCaseId).toBeNull();
    const opened = await request(t.app, gucun, 'POST', '/api/rights/cases', caseBody(e.id, { requestId: r.id }));
    expect(opened.statusCode, opened.body).toBe(201);
    const c = opened.json<CaseItem>();
    expect(c.requestId).toBe(r.id);
    const detail = await request(t.app, gucun, 'GET', `/api/service-requests/${r.id}`);
    expect(detail.json<ServiceRequest>().rightsCaseId).toBe(c.id);
    expect((await request(t.app, gucun, 'GET', `/api/rights/cases/${c.id}`)).json<CaseItem>().requestId).toBe(r.id);
  });

  it('refuses a second, different case from the same request with 409 and writes nothing; the same case sent again answers the first', async () => {
    const e = await newEnterprise();
    const r = await newRequest(gucun);
    const body = caseBody(e.id, { requestId: r.id });
    const first = await request(t.app, gucun, 'POST', '/api/rights/cases', body);
    expect(first.statusCode).toBe(201);
    // a double tap: the same case again is the first one (200), not a conflict
    const resent = await request(t.app, gucun, 'POST', '/api/rights/cases', body);
    expect(resent.statusCode).toBe(200);
    expect(resent.json<{ id: number }>().id).toBe(first.json<{ id: number }>().id);
    const again = await request(t.app, gucun, 'POST', '/api/rights/cases', { ...body, claimFen: 2_400_000 });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ fields: Record<string, string> }>().fields).toEqual({ requestId: '该诉求已转为维权案件' });
    const [n] = await t.handle.query<{ n: number }>('select count(*)::int as n from rights_cases where request_id = $1', [r.id]);
    expect(n!.n).toBe(1);
  });

  it('a request outside the scope reads as 404 on requestId, and nothing is written', async () => {
    const e = await newEnterprise();
    const elsewhere = await newRequest(foreign);
    const response = await request(t.app, gucun, 'POST', '/api/rights/cases', caseBody(e.id, { requestId: elsewhere.id }));
    expect(response.statusCode).toBe(404);
    expect(response.json<{ fields: Record<string, string> }>().fields).toHaveProperty('requestId');
    const missing = await request(t.app, gucun, 'POST', '/api/rights/cases', caseBody(e.id, { requestId: 99_999_999 }));
    expect(missing.statusCode).toBe(404);
    const [n] = await t.handle.query<{ n: number }>('select count(*)::int as n from rights_cases where enterprise_id = $1', [e.id]);
    expect(n!.n).toBe(0);
    expect((await request(t.app, foreign, 'GET', `/api/service-requests/${elsewhere.id}`)).json<ServiceRequest>().rightsCaseId).toBeNull();
  });
});

describe('service requests in the automatic early warning', () => {
  const autoWarnings = async (enterpriseId: number) =>
    (await t.handle.query<{ n: number }>(`select count(*)::int as n from rights_warnings where enterprise_id = $1 and source = 'auto' and status = 'open'`, [enterpriseId]))[0]!.n;

  it('requests named against an enterprise count with its cases: the third signal in 30 days raises one warning', async () => {
    const e = await newEnterprise();
    const first = await newRequest(gucun, { enterpriseId: e.id });
    expect(first.enterprise).toEqual({ id: e.id, name: e.name });
    await newRequest(gucun, { enterpriseId: e.id });
    expect(await autoWarnings(e.id)).toBe(0);
    expect((await request(t.app, gucun, 'POST', '/api/rights/cases', caseBody(e.id))).statusCode).toBe(201);
    expect(await autoWarnings(e.id)).toBe(1);
    const [w] = await t.handle.query<{ description: string; signal: string }>(`select description, signal from rights_warnings where enterprise_id = $1`, [e.id]);
    expect(w).toMatchObject({ signal: 'case_cluster', description: expect.stringContaining('3件') as unknown as string });
    // a fourth signal while the warning is open raises no second one
    await newRequest(gucun, { enterpriseId: e.id });
    expect(await autoWarnings(e.id)).toBe(1);
  });

  it('three requests alone raise it; a request turned into a case counts once; requests without an enterprise never count', async () => {
    const e = await newEnterprise();
    const r1 = await newRequest(gucun, { enterpriseId: e.id });
    expect((await request(t.app, gucun, 'POST', '/api/rights/cases', caseBody(e.id, { requestId: r1.id }))).statusCode).toBe(201);
    await newRequest(gucun);
    expect(await autoWarnings(e.id)).toBe(0);
    await newRequest(gucun, { enterpriseId: e.id });
    expect(await autoWarnings(e.id)).toBe(0);
    await newRequest(gucun, { enterpriseId: e.id });
    expect(await autoWarnings(e.id)).toBe(1);
  });

  it('requests received more than 30 days ago do not count', async () => {
    const e = await newEnterprise();
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
    await newRequest(gucun, { enterpriseId: e.id, receivedAt: old });
    await newRequest(gucun, { enterpriseId: e.id, receivedAt: old });
    await newRequest(gucun, { enterpriseId: e.id });
    expect(await autoWarnings(e.id)).toBe(0);
  });

  it('an enterprise outside the scope is a 404 on enterpriseId and writes no request', async () => {
    const e = await newEnterprise();
    const before = (await t.handle.query<{ n: number }>('select count(*)::int as n from service_requests'))[0]!.n;
    const response = await request(t.app, foreign, 'POST', '/api/service-requests', {
      categoryCode: 'general', orgId: foreign.orgId, channel: 'station', description: '外区企业', requesterName: '李', requesterPhone: newPhone(), enterpriseId: e.id,
    });
    expect(response.statusCode).toBe(404);
    expect(response.json<{ fields: Record<string, string> }>().fields).toHaveProperty('enterpriseId');
    expect((await t.handle.query<{ n: number }>('select count(*)::int as n from service_requests'))[0]!.n).toBe(before);
  });
});

describe('the service figures in the evaluation', () => {
  it('the union\'s resolved requests of the year give the service part, which enters the combined score with weight 0.1', async () => {
    const year = Number(shanghaiDate().slice(0, 4));
    const url = `/api/evaluation/${year}?orgId=${gucun.orgId}`;
    const before = (await request(t.app, gucun, 'GET', url)).json<Evaluation>();
    const made = [await newRequest(gucun), await newRequest(gucun), await newRequest(gucun)];
    for (const r of made) {
      const closed = await request(t.app, gucun, 'POST', `/api/service-requests/${r.id}/close`, { result: '已协调站点补发工资' });
      expect(closed.statusCode, closed.body).toBe(200);
    }
    // one resolved late, two rated (the member's rating route is exercised in services.test.ts)
    await t.handle.query('update service_requests set on_time = false where id = $1', [made[0]!.id]);
    await t.handle.query('update service_requests set rating = 5 where id = $1', [made[1]!.id]);
    await t.handle.query('update service_requests set rating = 3 where id = $1', [made[2]!.id]);
    const response = await request(t.app, gucun, 'GET', url);
    expect(response.statusCode, response.body).toBe(200);
    const ev = response.json<Evaluation>();
    const s = ev.parts.services;
    expect(s.resolved).toBe(before.parts.services.resolved + 3);
    expect(s.score).not.toBeNull();
    if (before.parts.services.resolved === 0) {
      expect(s.onTimeRate).toBeCloseTo(2 / 3, 12);
      expect(s.satisfaction).toBe(4);
      expect(s.score).toBe(serviceScore(2 / 3, 4));
    }
    expect(ev.combined).toBe(combinedScore({
      members: ev.parts.members.score, selfCheck: ev.parts.selfCheck.score, spotCheck: ev.parts.spotCheck.score, thirdParty: ev.parts.thirdParty.score, services: s.score,
    }));
    expect(ev.stars).toBe(ev.combined === null ? null : starsOf(ev.combined));
  });
});

describe('the incentive grant as a funds-ledger posting', () => {
  async function grassroots(n: number): Promise<number[]> {
    const rows = await t.handle.query<{ id: number }>(`
      select o.id from orgs o join orgs g on g.id = $1
       where o.path <@ g.path and o.id <> g.id and o.status = 'active' and o.kind not like '%federation'
         and not exists (select 1 from evaluation_scores s where s.org_id = o.id) order by o.id limit $2`, [gucun.orgId, n]);
    expect(rows).toHaveLength(n);
    return rows.map((r) => r.id);
  }
  const year = 2031;

  it('posts 12 months of the stars\' rate once per unit and year, balanced for each union, and the evaluation shows it', async () => {
    const [unit] = await grassroots(1);
    const full = indicatorItems.map((i) => ({ code: i.code, score: i.points, evidence: '台账' }));
    const saved = await request(t.app, gucun, 'PUT', `/api/evaluation/${year}/self-check`, { orgId: unit, items: full });
    expect(saved.statusCode, saved.body).toBe(200);
    const stars = saved.json<Evaluation>().stars!;
    expect(stars).toBe(5);
    const first = await request(t.app, gucun, 'POST', `/api/evaluation/${year}/grant`, { orgId: unit });
    expect(first.statusCode, first.body).toBe(200);
    const posting = first.json<Evaluation>().ledgerPosting!;
    expect(posting.amountFen).toBe(grantYearFen(5));
    expect(posting.amountFen).toBe(12 * 80_000);
    expect(posting.grantorOrgId).toBe(gucun.orgId);
    const again = await request(t.app, gucun, 'POST', `/api/evaluation/${year}/grant`, { orgId: unit });
    expect(again.json<Evaluation>().ledgerPosting).toEqual(posting);
    const [entries] = await t.handle.query<{ n: number }>(`select count(*)::int as n from journal_entries where idempotency_key = $1`, [`evaluation-grant:${year}:${unit}`]);
    expect(entries!.n).toBe(1);
    const perOrg = await t.handle.query<{ org_id: number; d: string; c: string }>(
      `select org_id, sum(debit_fen)::text as d, sum(credit_fen)::text as c from journal_lines where entry_id = $1 group by org_id order by org_id`, [posting.entryId]);
    expect(perOrg).toHaveLength(2);
    for (const r of perOrg) expect(r.d).toBe(r.c);
    const [all] = await t.handle.query<{ d: string; c: string }>(`select sum(debit_fen)::text as d, sum(credit_fen)::text as c from journal_lines`);
    expect(all!.d).toBe(all!.c);
    expect((await request(t.app, gucun, 'GET', `/api/evaluation/${year}?orgId=${unit}`)).json<Evaluation>().ledgerPosting).toEqual(posting);
  });

  it('one star earns nothing (409); outside the scope is 404; nothing is posted', async () => {
    const [unit] = await grassroots(1);
    expect((await request(t.app, gucun, 'PUT', `/api/evaluation/${year}/self-check`, { orgId: unit, items: [{ code: indicatorItems[0]!.code, score: 1, evidence: '' }] })).statusCode).toBe(200);
    const low = await request(t.app, gucun, 'POST', `/api/evaluation/${year}/grant`, { orgId: unit });
    expect(low.statusCode).toBe(409);
    expect((await request(t.app, foreign, 'POST', `/api/evaluation/${year}/grant`, { orgId: unit })).statusCode).toBe(404);
    const [entries] = await t.handle.query<{ n: number }>(`select count(*)::int as n from journal_entries where idempotency_key = $1`, [`evaluation-grant:${year}:${unit}`]);
    expect(entries!.n).toBe(0);
  });
});
