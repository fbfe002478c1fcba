import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { calendarExceptionsFromPackage } from '../../../packages/db/src/calendar-source.ts';
import { shanghaiDate } from '@lianxin/contracts';
import type { ApplicationCreated, ApplicationItem, CalendarResponse, NearestStation, RequestFigures, ServiceRequest, ServiceRequestListItem, Station } from '@lianxin/contracts';
import { seedDemoServices } from '../src/features/services/demo-services.ts';
import { runRequestJobs } from '../src/features/services/requests.jobs.ts';
import { LogSmsTransport, renderSms } from '../src/features/notifications/outbox.ts';
import type { FastifyBaseLogger } from 'fastify';
import { parsePublicOrigin } from '../src/config.ts';
import { GUCUN, newIdNumber, newPhone } from './support/fixtures.ts';
import { applyOnline, request, signIn, signInMember, startTestApp, type Session, type TestApp } from './support/test-app.ts';

let t: TestApp;
let city: Session;
let baoshan: Session;
let gucun: Session;
let gucunSw: Session;
let nanjing: Session;
let huangpu: Session;
let member: Session;

async function ok<T>(session: Session | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown): Promise<T> {
  const r = await request(t.app, session, method, url, body);
  if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
  return r.json<T>();
}

const newRequest = (overrides: Record<string, unknown> = {}) => ({
  categoryCode: 'general', orgId: gucun.orgId, channel: 'station', description: '骑手反映驿站热水器损坏', requesterName: '王骑手', requesterPhone: newPhone(), ...overrides,
});

beforeAll(async () => {
  t = await startTestApp();
  await seedDemoServices(t.app);
  city = await signIn(t.app, 'demo-city');
  baoshan = await signIn(t.app, 'demo-baoshan');
  gucun = await signIn(t.app, 'demo-gucun');
  gucunSw = await signIn(t.app, 'staff-310113109'); // a second staff member of 顾村's union
  nanjing = await signIn(t.app, 'demo-nanjingdonglu');
  huangpu = await signIn(t.app, 'staff-310101');
  const phone = newPhone();
  const applied = (await applyOnline(t, { name: '孙骑手', idNumber: newIdNumber(), phone, occupation: 'rider', regionCode: GUCUN })).json<ApplicationCreated>();
  const queue = await ok<{ items: ApplicationItem[] }>(baoshan, 'GET', '/api/applications?status=pending&pageSize=200');
  await ok(baoshan, 'POST', `/api/applications/${queue.items.find((i) => i.reference === applied.reference)!.id}/approve`);
  member = await signInMember(t, phone);
});
afterAll(() => t.close());

describe('the official calendar', () => {
  it('holds the years chinese-days knows, exactly the package\'s exceptions to Monday–Friday', async () => {
    const pkg = calendarExceptionsFromPackage();
    const years = await t.handle.query<{ year: number }>('select year from calendar_years order by year');
    expect(years.map((y) => y.year)).toEqual(pkg.years);
    const days = await t.handle.query<{ date: string; kind: string; name: string }>(`select day::text as date, kind, name from calendar_days order by day`);
    expect(days).toEqual(pkg.days);
  });

  it('answers 2026 as known with the official 调休 days, 2027 as unknown', async () => {
    const y2026 = await ok<CalendarResponse>(null, 'GET', '/api/calendar/2026');
    expect(y2026.known).toBe(true);
    expect(y2026.days).toContainEqual({ date: '2026-10-10', kind: 'workday', name: '国庆节' });
    expect(y2026.days).toContainEqual({ date: '2026-10-05', kind: 'holiday', name: '国庆节' });
    expect(y2026.days.some((d) => d.date === '2026-10-03')).toBe(false); // a Saturday holiday is no exception
    const y2027 = await ok<CalendarResponse>(null, 'GET', '/api/calendar/2027');
    expect(y2027).toMatchObject({ known: false, days: [] });
  });

  it('computes due dates: received 2026-09-30 + 5 working days → 2026-10-13; into an unknown year provisional', async () => {
    expect(await ok(null, 'GET', '/api/calendar/due?from=2026-09-30&workingDays=5')).toEqual({ dueOn: '2026-10-13', provisional: false });
    expect(await ok(null, 'GET', '/api/calendar/due?from=2026-12-28&workingDays=5')).toEqual({ dueOn: '2027-01-04', provisional: true });
    const bad = await request(t.app, null, 'GET', '/api/calendar/due?from=2026-02-30&workingDays=5');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ fields: Record<string, string> }>().fields).toHaveProperty('from');
  });

  it('lets city staff alone enter a year; then deadlines into it are no longer provisional', async () => {
    const days = [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }, { date: '2027-01-04', kind: 'holiday', name: '元旦' }];
    expect((await request(t.app, baoshan, 'PUT', '/api/calendar/2027', { days })).statusCode).toBe(403);
    expect((await request(t.app, gucun, 'PUT', '/api/calendar/2027', { days })).statusCode).toBe(403);
    const weekendHoliday = await request(t.app, city, 'PUT', '/api/calendar/2027', { days: [{ date: '2027-01-02', kind: 'holiday', name: '' }] });
    expect(weekendHoliday.statusCode).toBe(400);
    expect(weekendHoliday.json<{ fields: Record<string, string> }>().fields).toHaveProperty(['days.0.kind']);
    const outside = await request(t.app, city, 'PUT', '/api/calendar/2027', { days: [{ date: '2028-01-03', kind: 'holiday', name: '' }] });
    expect(outside.json<{ fields: Record<string, string> }>().fields).toHaveProperty(['days.0.date']);
    const saved = await ok<CalendarResponse>(city, 'PUT', '/api/calendar/2027', { days });
    expect(saved).toMatchObject({ year: 2027, known: true, source: 'city' });
    // 12-29, 12-30, 12-31, (01-01 and 01-04 holidays), 01-05, 01-06
    expect(await ok(null, 'GET', '/api/calendar/due?from=2026-12-28&workingDays=5')).toEqual({ dueOn: '2027-01-06', provisional: false });
  });
});

describe('service positions', () => {
  it('sends a rider to the demo positions of the street they stand in (the demo places each street around its real centre)', async () => {
    const unionOf = async (regionCode: string) => (await t.handle.query<{ id: number }>(
      `select id from orgs where kind = 'street_federation' and region_code = '${regionCode}'`))[0]!.id;
    // 顾村 (顾村公园), 杨行 (杨行镇 centre), 外冈: each a point in the town, well away from its neighbours
    for (const [regionCode, lat, lng] of [['310113109', 31.345, 121.383], ['310113103', 31.385, 121.43], ['310114114', 31.36, 121.17]] as const) {
      const nearest = await ok<{ items: NearestStation[] }>(null, 'GET', `/api/stations/nearest?lat=${lat}&lng=${lng}&limit=1`);
      expect(nearest.items[0]!.orgId, regionCode).toBe(await unionOf(regionCode));
      expect(nearest.items[0]!.distanceM, regionCode).toBeLessThan(2500);
    }
  });

  it('sends a rider who picks a street (no location shared) to that street\'s positions, from the centre of its enterprises', async () => {
    const unionOf = async (regionCode: string) => (await t.handle.query<{ id: number }>(
      `select id from orgs where kind = 'street_federation' and region_code = '${regionCode}'`))[0]!.id;
    for (const regionCode of ['310113109', '310113103', '310114114']) {
      const nearest = await ok<{ items: NearestStation[] }>(null, 'GET', `/api/stations/nearest?regionCode=${regionCode}&limit=1`);
      expect(nearest.items[0]!.orgId, regionCode).toBe(await unionOf(regionCode));
    }
    // a district: its own positions (宝山's), not the next district's
    const district = await ok<{ items: NearestStation[] }>(null, 'GET', '/api/stations/nearest?regionCode=310113&limit=5');
    const paths = await t.handle.query<{ path: string }>(
      `select o.path::text as path from orgs o where o.id = any($1::int[])`, [district.items.map((i) => i.orgId)]);
    const [baoshan] = await t.handle.query<{ path: string }>(`select path::text as path from orgs where kind = 'district_federation' and region_code = '310113'`);
    expect(paths.length).toBeGreaterThan(0);
    for (const { path } of paths) expect(path.startsWith(`${baoshan!.path}.`)).toBe(true);
    // a point wins over a region; nothing located in the region → 400 on regionCode; neither → 400 on lat and lng
    const both = await ok<{ items: NearestStation[] }>(null, 'GET', '/api/stations/nearest?regionCode=310151&lat=31.345&lng=121.383&limit=1');
    expect(both.items[0]!.orgId).toBe(await unionOf('310113109'));
    const nowhere = await t.app.inject({ method: 'GET', url: '/api/stations/nearest?regionCode=310113999', headers: { 'accept-language': 'zh-CN' } });
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json<{ fields: Record<string, string> }>().fields.regionCode).toBe('该地区暂无可定位的单位，请使用定位或选择其他街镇');
    const neither = await t.app.inject({ method: 'GET', url: '/api/stations/nearest?limit=3' });
    expect(neither.statusCode).toBe(400);
    expect(Object.keys(neither.json<{ fields: Record<string, string> }>().fields).sort()).toEqual(['lat', 'lng']);
    const bad = await t.app.inject({ method: 'GET', url: '/api/stations/nearest?regionCode=abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ fields: Record<string, string> }>().fields).toHaveProperty('regionCode');
  });

  let station: Station;
  it('registers a position of 顾村 and finds it nearest from a point beside it, with the distance and a GCJ-02 navigation link', async () => {
    station = (await request(t.app, gucun, 'POST', '/api/stations', {
      orgId: gucun.orgId, name: '顾村公园户外职工爱心接力站', level: 'relay', address: '宝山区沪太路4788号', lat: 31.3519, lng: 121.3833,
      hours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '23:59' }], facilities: ['hot_water', 'microwave'], acceptance: 'accepted',
      acceptedOn: '2026-11-01', inspector: '宝山区总工会',
    })).json<Station>();
    expect(station.id).toBeGreaterThan(0);
    const nearest = await ok<{ items: NearestStation[] }>(null, 'GET', '/api/stations/nearest?lat=31.352&lng=121.3833&limit=5');
    expect(nearest.items[0]).toMatchObject({ id: station.id, openNow: true });
    expect(nearest.items[0]!.distanceM).toBeGreaterThanOrEqual(8);
    expect(nearest.items[0]!.distanceM).toBeLessThanOrEqual(14);
    const distances = nearest.items.map((i) => i.distanceM);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    // GCJ-02 is offset from WGS-84 by a few hundred metres in Shanghai: the link does not carry the WGS-84 numbers
    expect(nearest.items[0]!.navigationUrl).toMatch(/^https:\/\/uri\.amap\.com\/marker\?position=121\.38\d+,31\.3\d+/);
    expect(nearest.items[0]!.navigationUrl).not.toContain('121.383300,31.351900');
  });

  it('answers the nearest positions as a full scan by haversine would', async () => {
    const all = await t.handle.query<{ id: number; lat: number; lng: number }>(`select id, lat, lng from service_stations where acceptance = 'accepted'`);
    expect(all.length).toBeGreaterThan(100);
    await fc.assert(fc.asyncProperty(fc.double({ min: 30.9, max: 31.6, noNaN: true }), fc.double({ min: 121.1, max: 121.9, noNaN: true }), async (lat, lng) => {
      const items = (await ok<{ items: NearestStation[] }>(null, 'GET', `/api/stations/nearest?lat=${lat}&lng=${lng}&limit=5`)).items;
      const rad = Math.PI / 180;
      const d = (s: { lat: number; lng: number }) => 2 * 6371008.8 * Math.asin(Math.sqrt(Math.sin((s.lat - lat) * rad / 2) ** 2
        + Math.cos(lat * rad) * Math.cos(s.lat * rad) * Math.sin((s.lng - lng) * rad / 2) ** 2));
      const expected = all.map((s) => d(s)).sort((a, b) => a - b).slice(0, 5);
      items.forEach((item, i) => expect(Math.abs(item.distanceM - expected[i]!)).toBeLessThanOrEqual(1));
    }), { numRuns: 15 });
  });

  it('lists positions inside the scope and a box; another district sees none of 顾村\'s', async () => {
    const mine = await ok<{ items: Station[] }>(gucun, 'GET', '/api/stations?bbox=121.38,31.35,121.39,31.36');
    expect(mine.items.map((s) => s.id)).toContain(station.id);
    const theirs = await ok<{ items: Station[] }>(huangpu, 'GET', '/api/stations?bbox=121.38,31.35,121.39,31.36');
    expect(theirs.items).toEqual([]);
    expect((await request(t.app, huangpu, 'GET', `/api/stations/${station.id}`)).statusCode).toBe(404);
    expect((await request(t.app, huangpu, 'PATCH', `/api/stations/${station.id}`, { name: '越权' })).statusCode).toBe(404);
    const patched = await ok<Station>(gucun, 'PATCH', `/api/stations/${station.id}`, { acceptance: 'failed' });
    expect(patched.acceptance).toBe('failed');
    const nearest = await ok<{ items: NearestStation[] }>(null, 'GET', '/api/stations/nearest?lat=31.352&lng=121.3833&limit=5');
    expect(nearest.items.map((i) => i.id)).not.toContain(station.id);
    const bad = await request(t.app, gucun, 'POST', '/api/stations', { orgId: gucun.orgId, name: 'x', level: 'relay', address: 'x', lat: 91, lng: 121, hours: [], facilities: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ fields: Record<string, string> }>().fields).toHaveProperty('lat');
  });
});

describe('service lists', () => {
  it('lets a unit adopt the city\'s templates once, add its own items and remove them; another district sees nothing', async () => {
    const before = await ok<{ templates: { id: number; title: string; adopted: boolean }[]; items: { id: number }[] }>(gucun, 'GET', `/api/service-lists?orgId=${gucun.orgId}`);
    expect(before.templates.length).toBeGreaterThanOrEqual(10);
    const template = before.templates.find((x) => x.title === '法律咨询与法律援助')!;
    expect(template.adopted).toBe(false);
    const adopted = await ok<{ id: number; templateId: number }>(gucun, 'POST', '/api/service-lists/items', {
      orgId: gucun.orgId, list: 'service', category: '权益维护', title: template.title, templateId: template.id,
    });
    expect(adopted.templateId).toBe(template.id);
    const twice = await request(t.app, gucun, 'POST', '/api/service-lists/items', { orgId: gucun.orgId, list: 'service', category: '权益维护', title: 'x', templateId: template.id });
    expect(twice.statusCode).toBe(409);
    const own = await ok<{ id: number }>(gucun, 'POST', '/api/service-lists/items', { orgId: gucun.orgId, list: 'resource', category: '以上助下', title: '顾村镇职工法律服务律师团' });
    const after = await ok<{ templates: { id: number; adopted: boolean }[]; items: { id: number }[] }>(gucun, 'GET', `/api/service-lists?orgId=${gucun.orgId}`);
    expect(after.templates.find((x) => x.id === template.id)!.adopted).toBe(true);
    expect(after.items.map((i) => i.id)).toEqual(expect.arrayContaining([adopted.id, own.id]));
    expect((await request(t.app, huangpu, 'GET', `/api/service-lists?orgId=${gucun.orgId}`)).statusCode).toBe(404);
    expect((await request(t.app, huangpu, 'DELETE', `/api/service-lists/items/${own.id}`)).statusCode).toBe(404);
    expect((await request(t.app, gucun, 'DELETE', `/api/service-lists/items/${template.id}`)).statusCode).toBe(404);
    expect((await request(t.app, gucun, 'DELETE', `/api/service-lists/items/${own.id}`)).statusCode).toBe(204);
  });
});

describe('service requests', () => {
  it('sets the deadline from a past receipt on the official calendar; the recorder owns it (首问负责)', async () => {
    const created = (await request(t.app, gucun, 'POST', '/api/service-requests', newRequest({ receivedAt: '2026-09-30T10:00:00+08:00' })));
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json<ServiceRequest>();
    expect(r).toMatchObject({ dueOn: '2026-10-13', provisional: false, ownerUserId: gucun.userId, status: 'in_progress', receivedOn: '2026-09-30' });
    expect(r.requesterPhone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    const [row] = await t.handle.query<{ enc: string }>('select requester_phone_enc as enc from service_requests where id = $1', [r.id]);
    expect(row!.enc).not.toMatch(/^1\d{10}$/);
    // received at 23:30 Shanghai time on 09-30 is still 09-30 (15:30 UTC)
    const late = await ok<ServiceRequest>(gucun, 'POST', '/api/service-requests', newRequest({ receivedAt: '2026-09-30T15:30:00Z' }));
    expect(late.receivedOn).toBe('2026-09-30');
    const future = await request(t.app, gucun, 'POST', '/api/service-requests', newRequest({ receivedAt: '2099-01-01T00:00:00Z' }));
    expect(future.statusCode).toBe(400);
    expect(future.json<{ fields: Record<string, string> }>().fields).toHaveProperty('receivedAt');
    const unknown = await request(t.app, gucun, 'POST', '/api/service-requests', newRequest({ categoryCode: 'nope' }));
    expect(unknown.json<{ fields: Record<string, string> }>().fields).toHaveProperty('categoryCode');
    expect((await request(t.app, huangpu, 'POST', '/api/service-requests', newRequest())).statusCode).toBe(404);
  });

  it('gives a queued request to the first of two concurrent acceptors; the other gets 409', async () => {
    const queued = await ok<ServiceRequest>(gucun, 'POST', '/api/service-requests', newRequest({ channel: 'h5' }));
    expect(queued).toMatchObject({ status: 'received', ownerUserId: null });
    const answers = await Promise.all([gucun, gucunSw].map((s) => request(t.app, s, 'POST', `/api/service-requests/${queued.id}/accept`)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.statusCode === 200)!.json<ServiceRequest>();
    const detail = await ok<ServiceRequest>(gucun, 'GET', `/api/service-requests/${queued.id}`);
    expect(detail.ownerUserId).toBe(winner.ownerUserId);
    expect([gucun.userId, gucunSw.userId]).toContain(detail.ownerUserId);
    const [count] = await t.handle.query<{ n: number }>(`select count(*)::int as n from service_request_events where request_id = $1 and action = 'accepted'`, [queued.id]);
    expect(count!.n).toBe(1);
  });

  it('hands a request on (转办) with the receiver\'s acceptance; the owner stays and another street sees nothing before', async () => {
    const r = await ok<ServiceRequest>(gucun, 'POST', '/api/service-requests', newRequest());
    expect((await request(t.app, nanjing, 'GET', `/api/service-requests/${r.id}`)).statusCode).toBe(404);
    const list = await ok<{ items: ServiceRequestListItem[] }>(nanjing, 'GET', '/api/service-requests?limit=200');
    expect(list.items.map((i) => i.id)).not.toContain(r.id);
    expect((await request(t.app, gucunSw, 'POST', `/api/service-requests/${r.id}/transfer`, { toOrgId: nanjing.orgId, reason: '属地' })).statusCode).toBe(403);
    const noReason = await request(t.app, gucun, 'POST', `/api/service-requests/${r.id}/transfer`, { toOrgId: nanjing.orgId, reason: '' });
    expect(noReason.statusCode).toBe(400);
    const handed = await ok<ServiceRequest>(gucun, 'POST', `/api/service-requests/${r.id}/transfer`, { toOrgId: nanjing.orgId, reason: '用工单位在南京东路街道' });
    expect(handed.transfer).toMatchObject({ toOrgId: nanjing.orgId, state: 'pending', handlerUserId: null });
    const accepted = await ok<ServiceRequest>(nanjing, 'POST', `/api/service-requests/${r.id}/accept`);
    expect(accepted.ownerUserId).toBe(gucun.userId);
    expect(accepted.transfer).toMatchObject({ state: 'accepted', handlerUserId: nanjing.userId });
    // the owner still sees its progress; the handler closes it
    const closed = await ok<ServiceRequest>(nanjing, 'POST', `/api/service-requests/${r.id}/close`, { result: '已协调用工单位补发工资' });
    expect(closed.status).toBe('resolved');
    expect((await ok<ServiceRequest>(gucun, 'GET', `/api/service-requests/${r.id}`)).events.map((e) => e.action))
      .toEqual(['received', 'accepted', 'transferred', 'transfer_accepted', 'resolved']);
    // 黄浦区's other streets still see nothing
    expect((await request(t.app, await signIn(t.app, 'staff-310101013'), 'GET', `/api/service-requests/${r.id}`)).statusCode).toBe(404);
  });

  it('stops the clock for 补正 and resumes it; one extension by the unit head, told to the requester', async () => {
    const phone = newPhone();
    const r = await ok<ServiceRequest>(gucun, 'POST', '/api/service-requests', newRequest({ requesterPhone: phone, categoryCode: 'complex' }));
    const paused = await ok<ServiceRequest>(gucun, 'POST', `/api/service-requests/${r.id}/pause`, { reason: '请补充劳动合同复印件' });
    expect(paused).toMatchObject({ status: 'paused', dueOn: null });
    expect((await request(t.app, gucun, 'POST', `/api/service-requests/${r.id}/close`, { result: 'x' })).statusCode).toBe(409);
    const resumed = await ok<ServiceRequest>(gucun, 'POST', `/api/service-requests/${r.id}/resume`);
    expect(resumed.status).toBe('in_progress');
    expect(resumed.dueOn! >= r.dueOn!).toBe(true);
    // no unit-head grant: refused
    expect((await request(t.app, gucun, 'POST', `/api/service-requests/${r.id}/extend`, { workingDays: 5, reason: '需多部门会商' })).statusCode).toBe(403);
    await ok(baoshan, 'POST', `/api/orgs/${gucun.orgId}/grants`, { userId: gucun.userId, kind: 'unit_head' });
    const head = await signIn(t.app, 'demo-gucun');
    const extended = await ok<ServiceRequest>(head, 'POST', `/api/service-requests/${r.id}/extend`, { workingDays: 5, reason: '需多部门会商' });
    expect(extended.extension).toEqual({ workingDays: 5, reason: '需多部门会商' });
    expect(extended.dueOn! > resumed.dueOn!).toBe(true);
    const again = await request(t.app, head, 'POST', `/api/service-requests/${r.id}/extend`, { workingDays: 1, reason: '再延' });
    expect(again.statusCode).toBe(409);
    await t.app.flushNotifications();
    expect(t.sms.sent.filter((m) => m.phone === phone).map((m) => m.template)).toEqual(['request_received', 'request_extended']);
    expect(t.sms.sent.find((m) => m.phone === phone && m.template === 'request_extended')!.params.dueOn).toBe(extended.dueOn);
  });

  it('takes an H5 request into the union\'s queue; the member follows and rates it; the rating closes it', async () => {
    const created = await request(t.app, member, 'POST', '/api/me/service-requests', { categoryCode: 'legal_aid', description: '平台拒绝承担配送途中受伤的医疗费' });
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json<ServiceRequest>();
    expect(r).toMatchObject({ status: 'received', channel: 'h5', ownerUserId: null, categoryName: '法律援助', categoryNameEn: 'Legal aid' });
    expect((await request(t.app, gucun, 'POST', '/api/me/service-requests', { categoryCode: 'general', description: 'x' })).statusCode).toBe(403);
    const queue = await ok<{ items: ServiceRequestListItem[] }>(baoshan, 'GET', '/api/service-requests?status=received&limit=200');
    expect(queue.items.map((i) => i.id)).toContain(r.id);
    await ok(gucun, 'POST', `/api/service-requests/${r.id}/accept`);
    expect((await request(t.app, member, 'POST', `/api/service-requests/${r.id}/rating`, { score: 5 })).statusCode).toBe(409);
    await ok(gucun, 'POST', `/api/service-requests/${r.id}/close`, { result: '已安排律师代理' });
    expect((await request(t.app, member, 'POST', `/api/service-requests/${r.id}/rating`, { score: 6 })).statusCode).toBe(400);
    const rated = await ok<ServiceRequest>(member, 'POST', `/api/service-requests/${r.id}/rating`, { score: 4, comment: '律师很专业' });
    expect(rated).toMatchObject({ status: 'closed', rating: 4, ratingComment: '律师很专业' });
    const mine = await ok<{ items: ServiceRequestListItem[] }>(member, 'GET', '/api/me/service-requests');
    expect(mine.items.map((i) => i.id)).toEqual([r.id]);
    expect((await request(t.app, member, 'GET', '/api/service-requests')).statusCode).toBe(403);
  });

  it('escalates an overdue request to the parent union (fake clock) and closes an unrated one as 未评价 after 3 working days', async () => {
    const r = await ok<ServiceRequest>(gucun, 'POST', '/api/service-requests', newRequest({ receivedAt: '2026-11-02T09:00:00+08:00', categoryCode: 'consultation' }));
    expect(r.dueOn).toBe('2026-11-03');
    // the day it is due nothing moves; the day after it goes up to 宝山区 (顾村's parent)
    await runRequestJobs(t.handle.db, new Date('2026-11-03T15:00:00+08:00'));
    expect((await ok<ServiceRequest>(gucun, 'GET', `/api/service-requests/${r.id}`)).escalatedToOrgId).toBeNull();
    await runRequestJobs(t.handle.db, new Date('2026-11-04T00:05:00+08:00'));
    const up = await ok<ServiceRequest>(baoshan, 'GET', `/api/service-requests/${r.id}`);
    expect(up.escalatedToOrgId).toBe(baoshan.orgId);
    const overdue = await ok<{ items: ServiceRequestListItem[] }>(baoshan, 'GET', '/api/service-requests?overdue=true&limit=200');
    expect(overdue.items.map((i) => i.id)).toContain(r.id);

    const done = await ok<ServiceRequest>(gucun, 'POST', `/api/service-requests/${r.id}/close`, { result: '已答复' });
    const resolvedOn = done.resolvedOn!;
    // the job needs three working days after the resolution day
    const { addDays, dueDate, workCalendar } = await import('@lianxin/contracts');
    const years = await t.handle.query<{ year: number }>('select year from calendar_years');
    const days = await t.handle.query<{ date: string; kind: 'holiday' | 'workday' }>('select day::text as date, kind from calendar_days');
    const third = dueDate(workCalendar(years.map((y) => y.year), days), resolvedOn, 3).dueOn!;
    await runRequestJobs(t.handle.db, new Date(`${addDays(third, -1)}T12:00:00+08:00`));
    expect((await ok<ServiceRequest>(gucun, 'GET', `/api/service-requests/${r.id}`)).status).toBe('resolved');
    await runRequestJobs(t.handle.db, new Date(`${third}T12:00:00+08:00`));
    const closed = await ok<ServiceRequest>(gucun, 'GET', `/api/service-requests/${r.id}`);
    expect(closed).toMatchObject({ status: 'closed', rating: null });
    expect(closed.events.at(-1)!.action).toBe('unrated');
  });

  it('keeps the figures equal to direct counts after random writes', async () => {
    const before = await ok<{ received: number }>(baoshan, 'GET', `/api/service-requests/figures?orgId=${gucun.orgId}`);
    await fc.assert(fc.asyncProperty(fc.array(fc.constantFrom('create', 'close', 'pause'), { minLength: 1, maxLength: 6 }), async (ops) => {
      for (const op of ops) {
        const r = await ok<ServiceRequest>(gucun, 'POST', '/api/service-requests', newRequest({ categoryCode: 'consultation' }));
        if (op === 'close') await ok(gucun, 'POST', `/api/service-requests/${r.id}/close`, { result: '已答复' });
        if (op === 'pause') await ok(gucun, 'POST', `/api/service-requests/${r.id}/pause`, { reason: '补材料' });
      }
      if (ops.length % 2 === 0) await t.handle.query('select compact_org_figures()'); // folded or pending, the figure is the same
      const figures = await ok<{ received: number; resolved: number; onTimeRate: number | null; satisfaction: number | null; overdueNow: number }>(
        baoshan, 'GET', `/api/service-requests/figures?orgId=${gucun.orgId}`);
      const [direct] = await t.handle.query<{ received: number; resolved: number; ontime: number; satisfaction: number | null; overdue: number }>(`
        select count(*)::int as received, count(*) filter (where status in ('resolved', 'closed'))::int as resolved,
               count(*) filter (where on_time)::int as ontime, round(avg(rating), 2)::float8 as satisfaction,
               count(*) filter (where status in ('received', 'in_progress') and due_on < $2::date)::int as overdue
          from service_requests where org_path <@ (select path from orgs where id = $1)`, [gucun.orgId, shanghaiDate()]);
      expect(figures.received).toBe(direct!.received);
      expect(figures.resolved).toBe(direct!.resolved);
      expect(figures.onTimeRate).toBeCloseTo(direct!.ontime / direct!.resolved, 10);
      expect(figures.satisfaction).toBe(direct!.satisfaction);
      expect(figures.overdueNow).toBe(direct!.overdue);
    }), { numRuns: 4 });
    const after = await ok<{ received: number }>(baoshan, 'GET', `/api/service-requests/figures?orgId=${gucun.orgId}`);
    expect(after.received).toBeGreaterThan(before.received);

    // the cockpit's 服务 tab: the district's positions by level and 验收, and each child's figures equal to its own
    const district = await ok<RequestFigures>(baoshan, 'GET', `/api/service-requests/figures?orgId=${baoshan.orgId}`);
    const positions = await t.handle.query<{ level: string; acceptance: string; n: number }>(`
      select level, acceptance, count(*)::int as n from service_stations where org_path <@ (select path from orgs where id = $1) group by 1, 2`, [baoshan.orgId]);
    expect(district.positions.total).toBe(positions.reduce((n, p) => n + p.n, 0));
    expect(district.positions.total).toBeGreaterThan(0);
    for (const p of positions) {
      expect(district.positions.byLevel[p.level as keyof typeof district.positions.byLevel]).toBe(positions.filter((q) => q.level === p.level).reduce((n, q) => n + q.n, 0));
      expect(district.positions.byAcceptance[p.acceptance as keyof typeof district.positions.byAcceptance]).toBe(positions.filter((q) => q.acceptance === p.acceptance).reduce((n, q) => n + q.n, 0));
    }
    const gucunRow = district.children.find((c) => c.org.id === gucun.orgId);
    expect(gucunRow).toBeDefined();
    for (const child of [gucunRow!, ...district.children.filter((c) => c.positions > 0).slice(0, 3)]) {
      const own = await ok<RequestFigures>(baoshan, 'GET', `/api/service-requests/figures?orgId=${child.org.id}`);
      expect(child).toEqual({
        org: child.org, received: own.received, resolved: own.resolved, onTimeRate: own.onTimeRate, medianWorkingDays: own.medianWorkingDays,
        satisfaction: own.satisfaction, overdueNow: own.overdueNow, positions: own.positions.total, acceptedPositions: own.positions.byAcceptance.accepted,
      });
    }
    expect(district.children.reduce((n, c) => n + c.received, 0)).toBeLessThanOrEqual(district.received);
    expect((await request(t.app, huangpu, 'GET', `/api/service-requests/figures?orgId=${gucun.orgId}`)).statusCode).toBe(404);
  });

  it('hands an owner\'s open requests to a colleague of the scope, explicitly', async () => {
    const leaver = await signIn(t.app, 'staff-310113109');
    const mine = await ok<ServiceRequest>(leaver, 'POST', '/api/service-requests', newRequest());
    expect((await request(t.app, leaver, 'POST', '/api/service-requests/handover', { toUserId: nanjing.userId })).statusCode).toBe(404);
    expect((await request(t.app, leaver, 'POST', '/api/service-requests/handover', { toUserId: leaver.userId })).statusCode).toBe(400);
    const assessor = await signIn(t.app, 'demo-assessor');
    expect((await request(t.app, huangpu, 'POST', '/api/service-requests/handover', { toUserId: assessor.userId })).statusCode).toBe(404);
    const moved = await ok<{ moved: number }>(leaver, 'POST', '/api/service-requests/handover', { toUserId: gucun.userId });
    expect(moved.moved).toBeGreaterThanOrEqual(1);
    const after = await ok<ServiceRequest>(gucun, 'GET', `/api/service-requests/${mine.id}`);
    expect(after.ownerUserId).toBe(gucun.userId);
    expect(after.events.at(-1)!.action).toBe('handed_over');
    const left = await ok<{ items: ServiceRequestListItem[] }>(leaver, 'GET', '/api/service-requests?mine=true&limit=200');
    expect(left.items.filter((i) => i.status !== 'received' && i.status !== 'closed')).toEqual([]);
  });

  it('shows the streets with the fewest positions per 10,000 workers first', async () => {
    const gaps = await ok<{ items: { orgId: number; name: string; stations: number; workers: number; per10k: number | null }[] }>(
      baoshan, 'GET', `/api/stations/gaps?orgId=${baoshan.orgId}&limit=100`);
    expect(gaps.items.length).toBeGreaterThan(5);
    const rates = gaps.items.map((g) => g.per10k ?? Infinity);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
    const gucunRow = gaps.items.find((g) => g.orgId === gucun.orgId)!;
    const [direct] = await t.handle.query<{ n: number }>(`select count(*)::int as n from service_stations where acceptance = 'accepted' and org_path <@ (select path from orgs where id = $1)`, [gucun.orgId]);
    expect(gucunRow.stations).toBe(direct!.n);
    expect(gucunRow.per10k).toBeCloseTo((direct!.n / gucunRow.workers) * 10_000, 2);
    expect((await request(t.app, huangpu, 'GET', `/api/stations/gaps?orgId=${baoshan.orgId}`)).statusCode).toBe(404);
  });

  it('lists "mine": the unfinished requests the actor owns or handles, due first (so overdue first)', async () => {
    const mine = await ok<{ items: ServiceRequestListItem[] }>(gucun, 'GET', '/api/service-requests?mine=true&limit=200');
    expect(mine.items.length).toBeGreaterThan(3);
    for (const i of mine.items) {
      expect(i.ownerUserId === gucun.userId || i.transfer?.handlerUserId === gucun.userId).toBe(true);
      expect(['received', 'in_progress', 'paused']).toContain(i.status);
    }
    const dues = mine.items.map((i) => i.dueOn ?? '9999-12-31');
    expect(dues).toEqual([...dues].sort());
    const overdue = await ok<{ items: ServiceRequestListItem[] }>(gucun, 'GET', '/api/service-requests?mine=true&overdue=true&limit=200');
    expect(overdue.items.every((i) => i.overdue)).toBe(true);
    expect(overdue.items.map((i) => i.id)).toEqual(mine.items.filter((i) => i.overdue).map((i) => i.id));
    const resolved = await ok<{ items: ServiceRequestListItem[] }>(gucun, 'GET', '/api/service-requests?mine=true&status=resolved&limit=200');
    expect(resolved.items.every((i) => i.status === 'resolved')).toBe(true);
  });

  it('lists all requests with the work still to do first, each part by due day: an old resolved one does not lead', async () => {
    // resolved long ago (due 2026-10-13), against one still in progress received today (due later)
    const old = await ok<ServiceRequest>(gucun, 'POST', '/api/service-requests', newRequest({ receivedAt: '2026-09-30T10:00:00+08:00' }));
    await ok(gucun, 'POST', `/api/service-requests/${old.id}/close`, { result: '已答复' });
    const open = await ok<ServiceRequest>(gucun, 'POST', '/api/service-requests', newRequest());
    const all = await ok<{ items: ServiceRequestListItem[] }>(gucun, 'GET', '/api/service-requests?limit=200');
    const position = (id: number) => all.items.findIndex((i) => i.id === id);
    const todo = (i: ServiceRequestListItem) => ['received', 'in_progress', 'paused'].includes(i.status);
    // the open one is listed unless 200 open ones come before it; the resolved one, if listed, after it
    expect(position(open.id) >= 0 || all.items.every(todo)).toBe(true);
    expect(position(old.id) === -1 || position(open.id) < position(old.id)).toBe(true);
    expect(all.items.some((i) => !todo(i))).toBe(true);
    const firstDone = all.items.findIndex((i) => !todo(i));
    expect(firstDone === -1 || all.items.slice(firstDone).every((i) => !todo(i))).toBe(true);
    const openDues = all.items.filter(todo).map((i) => i.dueOn ?? '9999-12-31');
    expect(openDues).toEqual([...openDues].sort());
  });

  it('puts the requests on the workbench: mine, the queue, overdue', async () => {
    const wb = await ok<{ items: { kind: string; count: number }[] }>(gucun, 'GET', '/api/workbench');
    const kinds = Object.fromEntries(wb.items.map((i) => [i.kind, i.count]));
    expect(kinds['requests.mine']).toBeGreaterThan(0);
    expect(kinds).toHaveProperty(['requests.queue']);
    expect(kinds).toHaveProperty(['requests.overdue']);
  });
});

describe('the H5 without an account: a phone verified by one-time code, follow and rating links', () => {
  const codeFor = async (phone: string) => {
    const sent = await request(t.app, null, 'POST', '/api/service-requests/code', { phone });
    expect(sent.statusCode, sent.body).toBe(202);
    await t.app.flushNotifications();
    return t.sms.sent.filter((m) => m.phone === phone && m.template === 'request_code').at(-1)!.params.code!;
  };
  const rateLinkOf = (phone: string) => {
    const link = t.sms.sent.filter((m) => m.phone === phone && m.template === 'request_resolved').at(-1)!.params.link!;
    expect(link).toMatch(/^\/m\/rate\/r\d+-[A-Za-z0-9_-]{43}$/);
    return link.slice('/m/rate/'.length);
  };

  it('takes a request with the phone\'s code into the position\'s union queue (channel h5); a resend answers the first; the link follows it', async () => {
    const phone = newPhone();
    const station = (await ok<{ items: Station[] }>(gucun, 'GET', `/api/stations?orgId=${gucun.orgId}&acceptance=accepted`)).items[0]!;
    const body = { categoryCode: 'general', stationId: station.id, description: '驿站充电桩坏了，无法给电瓶车充电', requesterName: '周骑手', phone, phoneCode: '000000' };
    const wrong = await request(t.app, null, 'POST', '/api/service-requests/public', body);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ fields: Record<string, string> }>().fields).toHaveProperty('phoneCode');
    const code = await codeFor(phone);
    // another code for the same phone within a minute: the resend rule of the phone-verification feature
    expect((await request(t.app, null, 'POST', '/api/service-requests/code', { phone })).statusCode).toBe(429);
    const noUnion = await request(t.app, null, 'POST', '/api/service-requests/public', { ...body, stationId: undefined, phoneCode: code });
    expect(noUnion.json<{ fields: Record<string, string> }>().fields).toHaveProperty('orgId');
    const first = await request(t.app, null, 'POST', '/api/service-requests/public', { ...body, phoneCode: code });
    expect(first.statusCode, first.body).toBe(201);
    const created = first.json<{ request: { id: number; status: string; orgName: string }; followToken: string }>();
    expect(created.request).toMatchObject({ status: 'received' });
    expect(created.followToken).toMatch(/^f\d+-[A-Za-z0-9_-]{43}$/);
    const again = await request(t.app, null, 'POST', '/api/service-requests/public', { ...body, phoneCode: code });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const [row] = await t.handle.query<{ n: number }>(`select count(*)::int as n from service_requests where description = '${body.description}'`);
    expect(row!.n).toBe(1);

    const queued = await ok<ServiceRequest>(gucun, 'GET', `/api/service-requests/${created.request.id}`);
    expect(queued).toMatchObject({ channel: 'h5', status: 'received', ownerUserId: null, orgId: station.orgId, stationId: station.id, requesterName: '周骑手' });
    expect((await request(t.app, huangpu, 'GET', `/api/service-requests/${created.request.id}`)).statusCode).toBe(404);
    const audit = await t.handle.query<{ actor: number | null }>(`select actor_user_id as actor from audit_log where object_type = 'service_request' and object_id = '${created.request.id}' and action = 'create'`);
    expect(audit).toEqual([{ actor: null }]);

    await ok(gucun, 'POST', `/api/service-requests/${created.request.id}/accept`);
    const followed = await ok<{ status: string; canRate: boolean; events: { action: string }[] }>(null, 'POST', '/api/service-requests/by-link', { token: created.followToken });
    expect(followed).toMatchObject({ status: 'in_progress', canRate: false });
    expect(followed.events.map((e) => e.action)).toEqual(['received', 'accepted']);
    expect(JSON.stringify(followed)).not.toContain(phone.slice(-4));
    // an altered token, or one request's signature on another id, is nobody's
    const sig = created.followToken.slice(created.followToken.indexOf('-') + 1);
    expect((await request(t.app, null, 'POST', '/api/service-requests/by-link', { token: `f${created.request.id + 1}-${sig}` })).statusCode).toBe(404);
    // a follow link cannot rate
    expect((await request(t.app, null, 'POST', '/api/service-requests/rate-by-link', { token: created.followToken, score: 5 })).statusCode).toBe(404);
  });

  it('sends a rating link when the request is resolved; it rates once, only its request, and closes it', async () => {
    const phone = newPhone();
    const code = await codeFor(phone);
    const created = await ok<{ request: { id: number } }>(null, 'POST', '/api/service-requests/public', {
      categoryCode: 'consultation', orgId: gucun.orgId, description: '想了解爱心接力站的开放时间', requesterName: '吴骑手', phone, phoneCode: code,
    });
    const id = created.request.id;
    await ok(gucun, 'POST', `/api/service-requests/${id}/accept`);
    await ok(gucun, 'POST', `/api/service-requests/${id}/close`, { result: '已告知每日 8:00–20:00 开放' });
    await t.app.flushNotifications();
    const token = rateLinkOf(phone);
    expect(token.startsWith(`r${id}-`)).toBe(true);
    expect(await ok(null, 'POST', '/api/service-requests/by-link', { token })).toMatchObject({ id, status: 'resolved', canRate: true, result: '已告知每日 8:00–20:00 开放' });
    // the signature of this request's link does not rate another
    expect((await request(t.app, null, 'POST', '/api/service-requests/rate-by-link', { token: `r${id - 1}-${token.slice(token.indexOf('-') + 1)}`, score: 1 })).statusCode).toBe(404);
    expect((await request(t.app, null, 'POST', '/api/service-requests/rate-by-link', { token, score: 0 })).statusCode).toBe(400);
    const rated = await ok(null, 'POST', '/api/service-requests/rate-by-link', { token, score: 5, comment: '回复很快' });
    expect(rated).toMatchObject({ status: 'closed', rating: 5, ratingComment: '回复很快', canRate: false });
    const again = await request(t.app, null, 'POST', '/api/service-requests/rate-by-link', { token, score: 1 });
    expect(again.statusCode).toBe(410);
    expect((await request(t.app, null, 'POST', '/api/service-requests/by-link', { token })).statusCode).toBe(410);
    expect(await ok(gucun, 'GET', `/api/service-requests/${id}`)).toMatchObject({ status: 'closed', rating: 5 });
    const audit = await t.handle.query<{ detail: { rating: number; by: string } }>(`select detail from audit_log where object_type = 'service_request' and object_id = '${id}' order by id desc limit 1`);
    expect(audit[0]!.detail).toEqual({ rating: 5, by: 'sms_link' });
  });

  it('takes a request away from any position into the queue of the street union of the street or town picked (regionCode)', async () => {
    const phone = newPhone();
    const code = await codeFor(phone);
    const body = { categoryCode: 'general', description: '杨行镇路边没有可以歇脚喝水的地方', requesterName: '冯骑手', phone, phoneCode: code };
    // from an address of its own: the route allows 10 submissions a minute per address, which this file's other tests use
    const submit = (extra: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/service-requests/public', payload: { ...body, ...extra }, remoteAddress: '203.0.113.60' });
    // a district is not a street: the picker's field says so; a well-formed code of no street is unknown
    const district = await submit({ regionCode: '310113' });
    expect(district.statusCode).toBe(400);
    expect(district.json<{ fields: Record<string, string> }>().fields).toEqual({ regionCode: '请选择街道/镇' });
    const nowhere = await submit({ regionCode: '310113999' });
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json<{ fields: Record<string, string> }>().fields).toHaveProperty('regionCode');
    const taken = await submit({ regionCode: '310113103' });
    expect(taken.statusCode, taken.body).toBe(201);
    const created = taken.json<{ request: { id: number; orgName: string } }>();
    const [yanghang] = await t.handle.query<{ id: number; name: string }>(`select id, name from orgs where kind = 'street_federation' and region_code = '310113103'`);
    expect(created.request.orgName).toBe(yanghang!.name);
    expect(await ok(baoshan, 'GET', `/api/service-requests/${created.request.id}`)).toMatchObject({ orgId: yanghang!.id, channel: 'h5', stationId: null, ownerUserId: null });
    // 顾村's staff do not see 杨行's queue
    expect((await request(t.app, gucun, 'GET', `/api/service-requests/${created.request.id}`)).statusCode).toBe(404);
  });

  it('acknowledges a guest\'s request by SMS with a working follow link (PUBLIC_ORIGIN first); the log and the outbox params never hold the phone', async () => {
    const phone = newPhone();
    const code = await codeFor(phone);
    const created = await ok<{ request: { id: number }; followToken: string }>(null, 'POST', '/api/service-requests/public', {
      categoryCode: 'general', orgId: gucun.orgId, description: '关掉页面后想再查看诉求进度', requesterName: '郑骑手', phone, phoneCode: code,
    });
    await t.app.flushNotifications();
    const acks = t.sms.sent.filter((m) => m.phone === phone && m.template.startsWith('request_received'));
    expect(acks.map((m) => m.template)).toEqual(['request_received_guest']);
    const link = acks[0]!.params.link!;
    expect(link).toMatch(/^\/m\/follow\/f\d+-[A-Za-z0-9_-]{43}$/);
    expect(acks[0]!.params.id).toBe(String(created.request.id));
    // the link's token opens this request (as the token the page got), without the phone
    const token = link.slice('/m/follow/'.length);
    const followed = await ok<{ id: number; status: string; canRate: boolean }>(null, 'POST', '/api/service-requests/by-link', { token });
    expect(followed).toMatchObject({ id: created.request.id, status: 'received', canRate: false });
    expect(JSON.stringify(followed)).not.toContain(phone);
    // the outbox keeps the phone encrypted only: no param holds it
    const rows = await t.handle.query<{ params: Record<string, string>; recipient: string }>(
      `select params, recipient_enc as recipient from notifications where template = 'request_received_guest' and params->>'id' = '${created.request.id}'`);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0]!.params)).not.toContain(phone);
    expect(String(rows[0]!.recipient)).not.toContain(phone);
    // delivered through the server log: the full link behind PUBLIC_ORIGIN, the phone masked
    const logged: unknown[][] = [];
    const log = { info: (...args: unknown[]) => logged.push(args) } as unknown as FastifyBaseLogger;
    await new LogSmsTransport(log).send(phone, renderSms('request_received_guest', acks[0]!.params, parsePublicOrigin('https://lianxin.example.cn')));
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged)).toContain(`查看进度请打开 https://lianxin.example.cn${link}`);
    expect(JSON.stringify(logged)).not.toContain(phone);
    // a staff-recorded request (the requester known to staff) keeps the plain acknowledgement
    const staffPhone = newPhone();
    await ok(gucun, 'POST', '/api/service-requests', newRequest({ requesterPhone: staffPhone }));
    await t.app.flushNotifications();
    expect(t.sms.sent.filter((m) => m.phone === staffPhone).map((m) => m.template)).toEqual(['request_received']);
  });

  it('puts the deployment\'s public origin (PUBLIC_ORIGIN) before the SMS link\'s path; without one the path alone', () => {
    const params = { id: '7', result: '已答复', link: '/m/rate/r7-abc' };
    expect(renderSms('request_resolved', params, parsePublicOrigin('https://lianxin.example.cn/'))).toContain('请打开 https://lianxin.example.cn/m/rate/r7-abc 评价');
    expect(renderSms('request_resolved', params)).toContain('请打开 /m/rate/r7-abc 评价');
    expect(parsePublicOrigin(undefined)).toBe('');
    for (const bad of ['lianxin.example.cn', 'ftp://x.cn', 'https://x.cn/m/', 'https://x.cn?a=1']) expect(() => parsePublicOrigin(bad), bad).toThrow(/PUBLIC_ORIGIN/);
  });

  it('takes a union named without a position only at street level or below, existing and active; else 400 on orgId', async () => {
    // (顾村's street union itself is taken in the rating link's test; the route allows 10 tries a minute from one address)
    const phone = newPhone();
    const code = await codeFor(phone);
    const [district] = await t.handle.query<{ id: number }>(`select id from orgs where kind = 'district_federation' and status = 'active' order by id limit 1`);
    const [below] = await t.handle.query<{ id: number }>(`select id from orgs where kind = 'enterprise_union' and status = 'active' and path <@ (select path from orgs where id = ${gucun.orgId}) order by id limit 1`);
    const body = { categoryCode: 'general', description: '按街道选择受理工会', requesterName: '钱骑手', phone, phoneCode: code };
    for (const orgId of [district!.id, 2_000_000_000]) {
      const refused = await request(t.app, null, 'POST', '/api/service-requests/public', { ...body, orgId });
      expect(refused.statusCode, `${orgId} ${refused.body}`).toBe(400);
      expect(refused.json<{ fields: Record<string, string> }>().fields).toEqual({ orgId: '请选择街镇或以下的受理工会' });
    }
    const lower = await request(t.app, null, 'POST', '/api/service-requests/public', { ...body, orgId: below!.id });
    expect(lower.statusCode, lower.body).toBe(201);
    const queued = await ok<ServiceRequest>(gucun, 'GET', `/api/service-requests/${lower.json<{ request: { id: number } }>().request.id}`);
    expect(queued).toMatchObject({ orgId: below!.id, channel: 'h5', ownerUserId: null });
    const [n] = await t.handle.query<{ n: number }>(`select count(*)::int as n from service_requests where description = '按街道选择受理工会'`);
    expect(n!.n).toBe(1);
  });

  it('lets a rating link expire when the request closes as 未评价 (fake clock)', async () => {
    const phone = newPhone();
    const r = await ok<ServiceRequest>(gucun, 'POST', '/api/service-requests', newRequest({ requesterPhone: phone }));
    const done = await ok<ServiceRequest>(gucun, 'POST', `/api/service-requests/${r.id}/close`, { result: '已修复热水器' });
    await t.app.flushNotifications();
    const token = rateLinkOf(phone);
    const { dueDate, workCalendar } = await import('@lianxin/contracts');
    const years = await t.handle.query<{ year: number }>('select year from calendar_years');
    const days = await t.handle.query<{ date: string; kind: 'holiday' | 'workday' }>('select day::text as date, kind from calendar_days');
    const third = dueDate(workCalendar(years.map((y) => y.year), days), done.resolvedOn!, 3).dueOn!;
    await runRequestJobs(t.handle.db, new Date(`${third}T12:00:00+08:00`));
    expect((await ok<ServiceRequest>(gucun, 'GET', `/api/service-requests/${r.id}`)).status).toBe('closed');
    expect((await request(t.app, null, 'POST', '/api/service-requests/rate-by-link', { token, score: 4 })).statusCode).toBe(410);
    expect((await ok<ServiceRequest>(gucun, 'GET', `/api/service-requests/${r.id}`)).rating).toBeNull();
  });
});

describe('reminders to the owner (fake clock)', () => {
  it('marks a request due the next working day, on a working day within working hours, once; in-app only (staff accounts hold no phone)', async () => {
    // received Friday 2026-11-06, consultation (1 working day): due Monday 11-09; the reminder belongs to Friday
    const r = await ok<ServiceRequest>(gucun, 'POST', '/api/service-requests', newRequest({ receivedAt: '2026-11-06T09:00:00+08:00', categoryCode: 'consultation' }));
    expect(r.dueOn).toBe('2026-11-09');
    const reminders = async () => (await ok<ServiceRequest>(gucun, 'GET', `/api/service-requests/${r.id}`)).events.filter((e) => e.action === 'reminded');
    const [before] = await t.handle.query<{ n: number }>('select count(*)::int as n from notifications');
    for (const at of ['2026-11-06T08:59:00+08:00', '2026-11-06T17:30:00+08:00', '2026-11-06T00:10:00+08:00', '2026-11-07T10:00:00+08:00', '2026-11-08T10:00:00+08:00']) {
      await runRequestJobs(t.handle.db, new Date(at)); // before or after hours, at midnight, on the weekend: nothing
      expect(await reminders(), at).toEqual([]);
    }
    expect((await runRequestJobs(t.handle.db, new Date('2026-11-06T10:00:00+08:00'))).reminded).toBeGreaterThanOrEqual(1);
    await runRequestJobs(t.handle.db, new Date('2026-11-06T15:00:00+08:00'));
    expect((await reminders()).map((e) => e.note)).toEqual([`owner ${gucun.userId}`]);
    // no SMS: the users table has no phone for staff, so the reminder is the record on the request (and the workbench)
    const [after] = await t.handle.query<{ n: number }>('select count(*)::int as n from notifications');
    expect(after!.n).toBe(before!.n);
  });
});

describe('demo requests', () => {
  it('name the 顾村 enterprise the requester works in when the request is about the employer, a different one each', async () => {
    const rows = await t.handle.query<{ description: string; enterprise: number | null; inGucun: boolean | null }>(`
      select r.description, r.enterprise_id as enterprise, e.org_path <@ r.org_path as "inGucun"
        from service_requests r left join enterprises e on e.id = r.enterprise_id
       where r.id <= (select min(id) + 36 from service_requests)`);
    const named = rows.filter((r) => r.enterprise !== null);
    expect(named.length).toBeGreaterThanOrEqual(12);
    expect(named.every((r) => r.inGucun)).toBe(true);
    expect(new Set(named.map((r) => r.enterprise)).size).toBe(named.length);
    expect(new Set(named.map((r) => r.description))).toEqual(new Set(['家政服务员被拖欠两个月工资约 9,600 元，请求法律援助', '职工家属重病，家庭困难，申请困难职工帮扶', '十余名装卸工反映用工单位未签劳动合同、未缴社保']));
    expect(rows.filter((r) => r.description.startsWith('外卖骑手咨询')).every((r) => r.enterprise === null)).toBe(true);
  });
});

describe('input a reviewer found accepted', () => {
  it('a receipt time over a year ago (or in year 1) is 400 on receivedAt, nothing written; within the year it is taken', async () => {
    const before = await t.handle.query<{ n: number }>('select count(*)::int as n from service_requests');
    for (const receivedAt of ['0001-01-01T00:00:00Z', '1850-01-01T00:00:00Z', '1899-12-31T23:59:59+08:00', new Date(Date.now() - 400 * 86_400_000).toISOString()]) {
      const r = await request(t.app, gucun, 'POST', '/api/service-requests', newRequest({ receivedAt }));
      expect(r.statusCode, receivedAt).toBe(400);
      expect(r.json<{ fields: Record<string, string> }>().fields).toHaveProperty('receivedAt');
    }
    expect((await t.handle.query<{ n: number }>('select count(*)::int as n from service_requests'))[0]!.n).toBe(before[0]!.n);
    const recent = await request(t.app, gucun, 'POST', '/api/service-requests', newRequest({ receivedAt: new Date(Date.now() - 30 * 86_400_000).toISOString(), description: '一个月前纸质登记的诉求' }));
    expect(recent.statusCode, recent.body).toBe(201);
  });

  it('a position marked accepted names its acceptance date and inspector (create and edit)', async () => {
    const body = {
      orgId: gucun.orgId, name: '验收检查测试驿站', level: 'relay', address: '宝山区菊泉街100号', lat: 31.34, lng: 121.39,
      hours: [{ weekdays: [1, 2, 3, 4, 5], open: '09:00', close: '17:00' }], facilities: ['hot_water'],
    };
    const noDate = await request(t.app, gucun, 'POST', '/api/stations', { ...body, acceptance: 'accepted', inspector: '宝山区总工会' });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json<{ fields: Record<string, string> }>().fields).toHaveProperty('acceptedOn');
    const pending = await ok<Station>(gucun, 'POST', '/api/stations', body);
    const noInspector = await request(t.app, gucun, 'PATCH', `/api/stations/${pending.id}`, { acceptance: 'accepted', acceptedOn: '2026-11-20' });
    expect(noInspector.statusCode).toBe(400);
    expect(noInspector.json<{ fields: Record<string, string> }>().fields).toHaveProperty('inspector');
    const accepted = await ok<Station>(gucun, 'PATCH', `/api/stations/${pending.id}`, { acceptance: 'accepted', acceptedOn: '2026-11-20', inspector: '宝山区总工会' });
    expect(accepted.acceptance).toBe('accepted');
  });

  it('the position list counts every match, not only the rows it carries', async () => {
    const list = await ok<{ items: Station[]; total: number }>(city, 'GET', '/api/stations?level=relay');
    const [direct] = await t.handle.query<{ n: number }>(`select count(*)::int as n from service_stations where level = 'relay'`);
    expect(list.total).toBe(direct!.n);
    expect(list.items.length).toBe(Math.min(direct!.n, 5000));
  });
});
