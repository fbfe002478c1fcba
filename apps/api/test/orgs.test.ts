import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Enterprise, EnterpriseListResponse, OrgDetail, OrgSummary } from '@lianxin/contracts';
import { enterpriseInput, GUCUN } from './support/fixtures.ts';
import { request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

let t: TestApp;
let gucun: Session;
let gucunOrg: OrgSummary;

const children = async (session: Session, parentId?: number) => {
  const response = await request(t.app, session, 'GET', `/api/orgs/children${parentId ? `?parentId=${parentId}` : ''}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: OrgSummary[] }>().items;
};
const newEnterprise = async (name: string) => {
  const response = await request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput({ name }));
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Enterprise>();
};
const enterprise = async (session: Session, id: number) => request(t.app, session, 'GET', `/api/enterprises/${id}`);

beforeAll(async () => {
  t = await startTestApp();
  gucun = await signIn(t.app, 'demo-gucun');
  [gucunOrg] = (await children(gucun)) as [OrgSummary];
});
afterAll(() => t.close());

describe('organisation tree', () => {
  it('starts at the actor\'s own union, with counts that match the registry', async () => {
    expect(gucunOrg).toMatchObject({ name: '宝山区顾村镇总工会', kind: 'street_federation', regionCode: GUCUN, members: 0 });
    const [direct] = await t.handle.query<{ covered: number; employees: number }>(
      `select count(*)::int as covered, coalesce(sum(employee_count), 0)::int as employees
         from enterprises where org_path <@ (select path from orgs where id = $1) and union_status <> 'none'`,
      [gucunOrg.id],
    );
    expect(gucunOrg.enterprisesCovered).toBe(direct!.covered);
    expect(gucunOrg.employees).toBe(direct!.employees);
    expect(gucunOrg.childCount).toBeGreaterThan(0);
  });

  it('lists children with their own counts, which add up under the parent', async () => {
    const kids = await children(gucun, gucunOrg.id);
    expect(kids).toHaveLength(gucunOrg.childCount);
    expect(kids.some((k) => k.kind === 'regional_federation')).toBe(true);
    expect(kids.every((k) => k.parentId === gucunOrg.id)).toBe(true);
    const sum = kids.reduce((n, k) => n + k.enterprisesCovered, 0);
    expect(sum).toBe(gucunOrg.enterprisesCovered);
  });

  it('shows detail with ancestors inside the scope', async () => {
    const response = await request(t.app, gucun, 'GET', `/api/orgs/${gucunOrg.id}`);
    expect(response.statusCode).toBe(200);
    const detail = response.json<OrgDetail>();
    expect(detail.parent?.name).toBe('宝山区总工会');
    expect(detail.ancestors).toEqual([]); // the district is above the street's scope
    const city = await signIn(t.app, 'demo-city');
    const fromCity = (await request(t.app, city, 'GET', `/api/orgs/${gucunOrg.id}`)).json<OrgDetail>();
    expect(fromCity.ancestors.map((a) => a.name)).toEqual(['上海市总工会', '宝山区总工会']);
  });
});

describe('coverage, enterprise unions and moves', () => {
  it('a new federation covering enterprises turns them "covered", and the counts follow', async () => {
    const a = await newEnterprise('上海覆盖测试甲有限公司');
    const b = await newEnterprise('上海覆盖测试乙有限公司');
    const created = await request(t.app, gucun, 'POST', '/api/orgs', {
      parentId: gucunOrg.id, name: '顾村镇测试商圈工会联合会', kind: 'business_district_federation', regionCode: GUCUN,
      establishedOn: '2026-11-01', chairName: '王某', contactPhone: '13812345678', coveredEnterpriseIds: [a.id, b.id],
    });
    expect(created.statusCode, created.body).toBe(201);
    const federation = created.json<OrgDetail>();
    expect(federation).toMatchObject({ enterprisesCovered: 2, employees: a.employeeCount + b.employeeCount, contactPhone: '138****5678' });
    expect((await enterprise(gucun, a.id)).json<Enterprise>()).toMatchObject({
      unionStatus: 'covered', coveringOrg: { id: federation.id, name: '顾村镇测试商圈工会联合会' },
    });
    const [after] = await children(gucun);
    expect(after!.enterprisesCovered).toBe(gucunOrg.enterprisesCovered + 2);

    // the phone is stored encrypted, never in plain text
    const [row] = await t.handle.query<{ enc: string }>('select contact_phone_enc as enc from orgs where id = $1', [federation.id]);
    expect(row!.enc).toMatch(/^v1:/);
    expect(row!.enc).not.toContain('13812345678');

    // an enterprise union for one of them makes it "own"; a second one is a conflict
    const union = await request(t.app, gucun, 'POST', '/api/orgs', {
      parentId: federation.id, name: '上海覆盖测试甲有限公司工会', kind: 'enterprise_union', regionCode: GUCUN, coveredEnterpriseIds: [a.id],
    });
    expect(union.statusCode, union.body).toBe(201);
    expect((await enterprise(gucun, a.id)).json<Enterprise>()).toMatchObject({ unionStatus: 'own', coveringOrg: { id: union.json().id } });
    const second = await request(t.app, gucun, 'POST', '/api/orgs', {
      parentId: gucunOrg.id, name: '重复企业工会', kind: 'enterprise_union', regionCode: GUCUN, coveredEnterpriseIds: [a.id],
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().fields.coveredEnterpriseIds).toContain('上海覆盖测试甲有限公司工会');

    // dropping b from the federation's coverage returns it to "none"
    const coverage = await request(t.app, gucun, 'PUT', `/api/orgs/${federation.id}/coverage`, { enterpriseIds: [a.id] });
    expect(coverage.statusCode, coverage.body).toBe(200);
    expect((await enterprise(gucun, b.id)).json<Enterprise>()).toMatchObject({ unionStatus: 'none', coveringOrg: null });
  });

  it('an enterprise union needs exactly one enterprise', async () => {
    const response = await request(t.app, gucun, 'POST', '/api/orgs', {
      parentId: gucunOrg.id, name: '没有企业的企业工会', kind: 'enterprise_union', regionCode: GUCUN, coveredEnterpriseIds: [],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual({ coveredEnterpriseIds: '企业工会须且仅须对应一家企业' });
  });

  it('moving a unit carries its subtree and enterprises, and keeps the history', async () => {
    const socialWorker = await signIn(t.app, 'demo-gucun-sw');
    const [swOrg] = await children(socialWorker);
    const c = await newEnterprise('上海迁移测试有限公司');
    const federation = (await request(t.app, gucun, 'POST', '/api/orgs', {
      parentId: gucunOrg.id, name: '顾村镇迁移测试楼宇工会联合会', kind: 'building_federation', regionCode: GUCUN, coveredEnterpriseIds: [c.id],
    })).json<OrgDetail>();
    expect((await enterprise(socialWorker, c.id)).statusCode).toBe(404);

    const moved = await request(t.app, gucun, 'POST', `/api/orgs/${federation.id}/move`, { newParentId: swOrg!.id });
    expect(moved.statusCode, moved.body).toBe(200);
    const detail = moved.json<OrgDetail>();
    expect(detail.parent).toEqual({ id: swOrg!.id, name: swOrg!.name });
    expect(detail.history).toHaveLength(1);
    expect(detail.history[0]).toMatchObject({ fromParent: { id: gucunOrg.id }, toParent: { id: swOrg!.id }, byUser: 'demo-gucun' });
    // now inside the social worker's subtree
    expect((await enterprise(socialWorker, c.id)).statusCode).toBe(200);
    const [paths] = await t.handle.query<{ org: string; ent: string }>(
      'select o.path::text as org, e.org_path::text as ent from orgs o join enterprises e on e.org_id = o.id where o.id = $1',
      [federation.id],
    );
    expect(paths!.org).toBe(paths!.ent);
    expect(paths!.org.endsWith(`.${swOrg!.id}.${federation.id}`)).toBe(true);
  });

  it('refuses to move a unit under its own descendant', async () => {
    const [child] = await children(gucun, gucunOrg.id);
    const response = await request(t.app, gucun, 'POST', `/api/orgs/${gucunOrg.id}/move`, { newParentId: child!.id });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual({ newParentId: '不能把组织移到它自己的下级' });
  });

  it('validates organisation bodies', async () => {
    const response = await request(t.app, gucun, 'POST', '/api/orgs', {
      parentId: 'x', name: '', kind: 'club', regionCode: '999', contactPhone: '12345', establishedOn: 'yesterday',
    });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().fields).sort()).toEqual(['contactPhone', 'establishedOn', 'kind', 'name', 'parentId', 'regionCode']);
    expect(response.json().fields.contactPhone).toBe('手机号码格式不正确');
    const move = await request(t.app, gucun, 'POST', `/api/orgs/${gucunOrg.id}/move`, {});
    expect(move.json().fields).toEqual({ newParentId: '必填项' });
    const coverage = await request(t.app, gucun, 'PUT', `/api/orgs/${gucunOrg.id}/coverage`, { enterpriseIds: [-1] });
    expect(coverage.statusCode).toBe(400);
    expect(coverage.json().fields).toHaveProperty('enterpriseIds.0');
    const street = await request(t.app, gucun, 'PUT', `/api/orgs/${gucunOrg.id}/coverage`, { enterpriseIds: [] });
    expect(street.statusCode).toBe(400);
    const patch = await request(t.app, gucun, 'PATCH', `/api/orgs/${gucunOrg.id}`, { status: 'asleep' });
    expect(patch.json().fields).toHaveProperty('status');
  });

  it('searches organisations by name within scope', async () => {
    const response = await request(t.app, gucun, 'GET', `/api/orgs/search?q=${encodeURIComponent('顾村')}`);
    const items = response.json<{ items: { name: string }[] }>().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => !i.name.includes('南京东路'))).toBe(true);
    const empty = await request(t.app, gucun, 'GET', '/api/orgs/search?q=');
    expect(empty.statusCode).toBe(400);
  });

  it('searches for LIKE wildcards literally: no union name holds % or _', async () => {
    for (const path of ['/api/orgs/search', '/api/orgs/directory']) {
      // a plain word matches, so an empty answer below is the escaping, not an empty endpoint
      const word = await request(t.app, gucun, 'GET', `${path}?q=${encodeURIComponent('工会')}`);
      expect(word.json<{ items: unknown[] }>().items.length, path).toBeGreaterThan(0);
      for (const q of ['%', '_', '__', '%工会', '\\']) {
        const response = await request(t.app, gucun, 'GET', `${path}?q=${encodeURIComponent(q)}`);
        expect(response.statusCode, response.body).toBe(200);
        expect(response.json<{ items: unknown[] }>().items, `${path} q=${q}`).toEqual([]);
      }
    }
  });

  it('the enterprise list of the street still adds up after the writes', async () => {
    const all = (await request(t.app, gucun, 'GET', '/api/enterprises?pageSize=1')).json<EnterpriseListResponse>();
    const [direct] = await t.handle.query<{ n: number }>(
      `select count(*)::int as n from enterprises where org_path <@ (select path from orgs where id = $1)`, [gucunOrg.id],
    );
    expect(all.total).toBe(direct!.n);
  });
});
