import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LIST_COUNT_BOUND, shanghaiDate, type ApplicationItem, type AuditEntry, type Enterprise, type EnterpriseListItem, type MemberListItem, type Paged,
  type SantongshiTask, type WorklistItem,
} from '@lianxin/contracts';
import { queryRows } from '@lianxin/db';
import { insertMembers } from '../src/features/members/members.enrol.ts';
import { pagedList } from '../src/lib/paged-list.ts';
import { enterpriseInput, GUCUN, newIdNumber, newPhone } from './support/fixtures.ts';
import { applyOnline, request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

let t: TestApp;
let city: Session;
let gucun: Session;
let baoshan: Session;
let gucunPath: string;

const get = async <T>(session: Session, url: string): Promise<Paged<T>> => {
  const response = await request(t.app, session, 'GET', url);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Paged<T>>();
};
const ids = (rows: { id: number }[]) => rows.map((r) => r.id);
const nonDecreasing = (values: (string | number)[]) => values.every((v, i) => i === 0 || values[i - 1]! <= v);
const nonIncreasing = (values: (string | number)[]) => values.every((v, i) => i === 0 || values[i - 1]! >= v);

beforeAll(async () => {
  t = await startTestApp();
  [city, gucun, baoshan] = await Promise.all([signIn(t.app, 'demo-city'), signIn(t.app, 'demo-gucun'), signIn(t.app, 'demo-baoshan')]);
  const [org] = await t.handle.query<{ id: number; path: string; name: string; region_code: string }>(
    'select id, path::text as path, name, region_code from orgs where id = $1', [gucun.orgId],
  );
  gucunPath = org!.path;
  // members with names and join dates that sort differently from their ids
  await t.app.db.transaction((tx) => insertMembers(tx, t.app.keys, [
    ['周排序', '2021-05-01'], ['王排序', '2019-01-10'], ['李排序', '2023-08-15'], ['赵排序', '2019-01-10'], ['陈排序', '2020-02-29'],
  ].map(([name, joinedOn]) => ({
    name: name!, idNumber: newIdNumber(), phone: newPhone(), occupation: 'office' as const, category: 'standard' as const,
    joinChannel: 'on_site' as const, org: { id: org!.id, path: org!.path, regionCode: org!.region_code, name: org!.name },
    enterpriseId: null, joinedOn: joinedOn!,
  }))));
  // applications routed into 宝山
  for (const name of ['甲申请', '乙申请', '丙申请']) {
    const response = await applyOnline(t, { name, idNumber: newIdNumber(), phone: newPhone(), occupation: 'rider', regionCode: GUCUN });
    expect(response.statusCode, response.body).toBe(201);
  }
});
afterAll(() => t.close());

describe('bounded counts', () => {
  it('stops counting a city-wide list at the bound: total is the bound, totalExact false', async () => {
    const [direct] = await t.handle.query<{ n: number }>('select count(*)::int as n from enterprises');
    expect(direct!.n, 'the demo city has more enterprises than the bound').toBeGreaterThan(LIST_COUNT_BOUND);
    const page = await get<EnterpriseListItem>(city, '/api/enterprises?pageSize=3&page=2');
    expect(page.total).toBe(LIST_COUNT_BOUND);
    expect(page.totalExact).toBe(false);
    expect(page.items).toHaveLength(3);
  });

  it('counts a list under the bound exactly', async () => {
    const [direct] = await t.handle.query<{ n: number }>('select count(*)::int as n from enterprises where org_path <@ $1::ltree', [gucunPath]);
    expect(direct!.n).toBeLessThan(LIST_COUNT_BOUND);
    const page = await get<EnterpriseListItem>(gucun, '/api/enterprises?pageSize=1');
    expect(page).toMatchObject({ total: direct!.n, totalExact: true });
    const none = await get<EnterpriseListItem>(gucun, `/api/enterprises?q=${encodeURIComponent('没有这样的企业名称')}`);
    expect(none).toEqual({ items: [], total: 0, totalExact: true });
  });

  it('is exact at the bound and gives the bound, inexact, one row past it', async () => {
    const [district] = await t.handle.query<{ id: number }>(`select id from orgs where kind = 'district_federation' and region_code = '310113'`);
    const [direct] = await t.handle.query<{ n: number }>('select count(*)::int as n from orgs where parent_id = $1', [district!.id]);
    const n = direct!.n;
    expect(n).toBeGreaterThan(3);
    const children = (bound: number, page = 1) => pagedList(t.app.db, {
      query: { page, pageSize: 2 },
      order: { default: sql`o.id`, keys: {}, tiebreaker: sql`o.id` },
      rows: (orderBy, limit, offset) => queryRows<{ id: number }>(t.app.db, sql`
        select o.id from orgs o where o.parent_id = ${district!.id} order by ${orderBy} limit ${limit} offset ${offset}`),
      count: { from: sql`orgs o`, where: sql`o.parent_id = ${district!.id}` },
      bound,
    });
    expect(await children(n)).toMatchObject({ total: n, totalExact: true });
    expect(await children(n + 5)).toMatchObject({ total: n, totalExact: true });
    expect(await children(n - 1)).toMatchObject({ total: n - 1, totalExact: false });
    const small = await children(2, 2);
    expect(small).toMatchObject({ total: 2, totalExact: false });
    expect(small.items).toHaveLength(2);
  });
});

describe('sorting', () => {
  const enterpriseColumns = { name: 'name', employeeCount: 'employee_count', registeredOn: 'registered_on' } as const;

  it('orders enterprises by name, employees or registration date, either way, as the database does', async () => {
    for (const [key, column] of Object.entries(enterpriseColumns)) {
      const pages: Record<string, number[]> = {};
      for (const order of ['asc', 'desc'] as const) {
        const page = await get<EnterpriseListItem>(gucun, `/api/enterprises?sort=${key}&order=${order}&pageSize=30`);
        const direct = await t.handle.query<{ id: number }>(
          `select id from enterprises where org_path <@ $1::ltree order by ${column} ${order} nulls last, id ${order} limit 30`, [gucunPath],
        );
        expect(ids(page.items), `${key} ${order}`).toEqual(ids(direct));
        pages[order] = ids(page.items);
      }
      expect(pages.asc, key).not.toEqual(pages.desc);
    }
    const bySize = await get<EnterpriseListItem>(gucun, '/api/enterprises?sort=employeeCount&order=desc&pageSize=50');
    expect(nonIncreasing(bySize.items.map((e) => e.employeeCount))).toBe(true);
    // without a sort key the list keeps its order: newest first
    const plain = await get<EnterpriseListItem>(gucun, '/api/enterprises?pageSize=20&order=asc');
    expect(ids(plain.items)).toEqual([...ids(plain.items)].sort((a, b) => b - a));
  });

  it('keeps pages stable when many rows share the sort value (the id breaks ties)', async () => {
    const whole = await get<EnterpriseListItem>(gucun, '/api/enterprises?sort=employeeCount&pageSize=40');
    const first = await get<EnterpriseListItem>(gucun, '/api/enterprises?sort=employeeCount&pageSize=20&page=1');
    const second = await get<EnterpriseListItem>(gucun, '/api/enterprises?sort=employeeCount&pageSize=20&page=2');
    expect(new Set(whole.items.map((e) => e.employeeCount)).size, 'ties exist').toBeLessThan(40);
    expect([...ids(first.items), ...ids(second.items)]).toEqual(ids(whole.items));
  });

  it('orders members by name or join date', async () => {
    const byJoined = await get<MemberListItem>(gucun, '/api/members?q=排序&sort=joinedOn');
    expect(byJoined.items.map((m) => m.joinedOn)).toEqual(['2019-01-10', '2019-01-10', '2020-02-29', '2021-05-01', '2023-08-15']);
    const latest = await get<MemberListItem>(gucun, '/api/members?q=排序&sort=joinedOn&order=desc');
    expect(ids(latest.items)).toEqual(ids(byJoined.items).reverse());
    const byName = await get<MemberListItem>(gucun, '/api/members?q=排序&sort=name');
    const direct = await t.handle.query<{ id: number }>(`select id from members where name like '%排序' order by name, id`);
    expect(ids(byName.items)).toEqual(ids(direct));
    const plain = await get<MemberListItem>(gucun, '/api/members?q=排序');
    expect(ids(plain.items)).toEqual([...ids(plain.items)].sort((a, b) => b - a));
  });

  it('orders applications and audit entries by time', async () => {
    const oldest = await get<ApplicationItem>(baoshan, '/api/applications?sort=submittedAt');
    const newest = await get<ApplicationItem>(baoshan, '/api/applications?sort=submittedAt&order=desc');
    expect(oldest.items.length).toBeGreaterThanOrEqual(3);
    expect(nonDecreasing(oldest.items.map((a) => a.submittedAt))).toBe(true);
    expect(ids(newest.items)).toEqual(ids(oldest.items).reverse());
    const earliest = await get<AuditEntry>(gucun, '/api/audit?sort=at&pageSize=200');
    const latest = await get<AuditEntry>(gucun, '/api/audit?sort=at&order=desc&pageSize=200');
    expect(nonDecreasing(earliest.items.map((e) => e.at))).toBe(true);
    expect(nonIncreasing(latest.items.map((e) => e.at))).toBe(true);
    expect(earliest.items[0]!.id).not.toBe(latest.items[0]!.id);
  });

  it('orders the worklist by follow-up date (none last) and 三同时 tasks by due date', async () => {
    const largest = (await get<WorklistItem>(gucun, '/api/campaign/worklist?pageSize=3')).items;
    const dates = ['2030-03-01', '2030-01-15', '2030-02-01'];
    for (const [i, item] of largest.entries()) {
      const response = await request(t.app, gucun, 'PATCH', `/api/campaign/items/${item.enterpriseId}`, { stage: 'publicised', nextFollowUpOn: dates[i] });
      expect(response.statusCode, response.body).toBe(200);
    }
    const soonest = await get<WorklistItem>(gucun, '/api/campaign/worklist?sort=nextFollowUpOn&pageSize=4');
    expect(soonest.items.map((w) => w.nextFollowUpOn)).toEqual(['2030-01-15', '2030-02-01', '2030-03-01', null]);
    const latest = await get<WorklistItem>(gucun, '/api/campaign/worklist?sort=nextFollowUpOn&order=desc&pageSize=4');
    expect(latest.items.map((w) => w.nextFollowUpOn)).toEqual(['2030-03-01', '2030-02-01', '2030-01-15', null]);
    const byName = await get<WorklistItem>(gucun, '/api/campaign/worklist?sort=name&order=desc&pageSize=10');
    const direct = await t.handle.query<{ id: number }>(`
      select id from enterprises where org_path <@ $1::ltree and is_target and union_status = 'none'
       order by name desc, id desc limit 10`, [gucunPath]);
    expect(byName.items.map((w) => w.enterpriseId)).toEqual(ids(direct));

    const created = await request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput({ registeredOn: shanghaiDate(), openedOn: null }));
    expect(created.statusCode, created.body).toBe(201);
    const mine = (rows: SantongshiTask[]) => rows.filter((r) => r.enterprise.id === created.json<Enterprise>().id).map((r) => r.dueOn);
    const soonestTasks = await get<SantongshiTask>(gucun, '/api/campaign/santongshi?status=all&sort=dueOn&pageSize=200');
    const latestTasks = await get<SantongshiTask>(gucun, '/api/campaign/santongshi?status=all&sort=dueOn&order=desc&pageSize=200');
    expect(nonDecreasing(soonestTasks.items.map((r) => r.dueOn))).toBe(true);
    expect(nonIncreasing(latestTasks.items.map((r) => r.dueOn))).toBe(true);
    expect(mine(soonestTasks.items)).toHaveLength(3);
    expect(mine(latestTasks.items)).toEqual(mine(soonestTasks.items).reverse());
  });

  it('refuses a sort key the list does not offer: 400 on the field sort', async () => {
    for (const url of [
      '/api/enterprises?sort=creditCode', '/api/members?sort=idNumber', '/api/applications?sort=name', '/api/audit?sort=ip',
      '/api/campaign/worklist?sort=stage', '/api/campaign/santongshi?sort=name', '/api/enterprises?sort=name&order=up',
    ]) {
      const response = await request(t.app, gucun, 'GET', url);
      expect(response.statusCode, url).toBe(400);
      const body = response.json<{ code: string; fields: Record<string, string> }>();
      expect(body.code).toBe('validation_failed');
      expect(Object.keys(body.fields), url).toEqual([url.includes('order=') ? 'order' : 'sort']);
    }
  });
});
