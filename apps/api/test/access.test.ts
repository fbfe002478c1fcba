import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseListResponse, OrgSummary } from '@lianxin/contracts';
import { enterpriseInput, GUCUN, NANJINGDONGLU } from './support/fixtures.ts';
import { request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

/**
 * The access matrix: every route, asked by someone outside the object's subtree, answers 404;
 * read-only roles get 403 on writes; a member sees nothing of the organisation tree.
 */
let t: TestApp;
let gucun: Session;
let njdl: Session;
let njdlOrg: OrgSummary;
let njdlEnterpriseId: number;
let njdlChildId: number;
let gucunFederationId: number;

const first = async <T>(session: Session, url: string) => (await request(t.app, session, 'GET', url)).json<T>();

beforeAll(async () => {
  t = await startTestApp();
  gucun = await signIn(t.app, 'demo-gucun');
  njdl = await signIn(t.app, 'demo-nanjingdonglu');
  [njdlOrg] = (await first<{ items: OrgSummary[] }>(njdl, '/api/orgs/children')).items as [OrgSummary];
  njdlEnterpriseId = (await first<EnterpriseListResponse>(njdl, '/api/enterprises?pageSize=1')).items[0]!.id;
  njdlChildId = (await first<{ items: OrgSummary[] }>(njdl, `/api/orgs/children?parentId=${njdlOrg.id}`)).items[0]!.id;
  const gucunChildren = (await first<{ items: OrgSummary[] }>(gucun, `/api/orgs/children?parentId=${gucun.orgId}`)).items;
  gucunFederationId = gucunChildren.find((o) => o.kind === 'regional_federation')!.id;
});
afterAll(() => t.close());

describe('a 顾村 street user and 南京东路', () => {
  it('cannot read anything of 南京东路', async () => {
    for (const url of [
      `/api/enterprises/${njdlEnterpriseId}`,
      `/api/orgs/${njdlOrg.id}`,
      `/api/orgs/${njdlChildId}`,
      `/api/orgs/children?parentId=${njdlOrg.id}`,
    ]) {
      const response = await request(t.app, gucun, 'GET', url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().code).toBe('not_found');
    }
    const listed = await first<EnterpriseListResponse>(gucun, `/api/enterprises?regionCode=${NANJINGDONGLU}`);
    expect(listed).toEqual({ items: [], total: 0, totalExact: true });
    const searched = await first<{ items: unknown[] }>(gucun, `/api/orgs/search?q=${encodeURIComponent('南京东路')}`);
    expect(searched.items).toEqual([]);
  });

  it('cannot write anything of 南京东路', async () => {
    const writes: [string, 'POST' | 'PATCH' | 'PUT', string, unknown][] = [
      ['edit enterprise', 'PATCH', `/api/enterprises/${njdlEnterpriseId}`, { employeeCount: 1 }],
      ['create enterprise there', 'POST', '/api/enterprises', enterpriseInput({ regionCode: NANJINGDONGLU })],
      ['edit org', 'PATCH', `/api/orgs/${njdlOrg.id}`, { chairName: '某' }],
      ['create org under it', 'POST', '/api/orgs', { parentId: njdlOrg.id, name: '越权楼宇工会联合会', kind: 'building_federation', regionCode: NANJINGDONGLU }],
      ['move its unit', 'POST', `/api/orgs/${njdlChildId}/move`, { newParentId: gucun.orgId }],
      ['move own unit under it', 'POST', `/api/orgs/${gucun.orgId}/move`, { newParentId: njdlOrg.id }],
      ['edit its unit\'s coverage', 'PUT', `/api/orgs/${njdlChildId}/coverage`, { enterpriseIds: [] }],
      ['take its enterprise into own coverage', 'PUT', `/api/orgs/${gucunFederationId}/coverage`, { enterpriseIds: [njdlEnterpriseId] }],
      ['found an enterprise union for it', 'POST', '/api/orgs', {
        parentId: gucun.orgId, name: '越权企业工会', kind: 'enterprise_union', regionCode: GUCUN, coveredEnterpriseIds: [njdlEnterpriseId],
      }],
    ];
    const snapshot = () => t.handle.query('select * from enterprises where id = $1', [njdlEnterpriseId]);
    const before = await snapshot();
    for (const [what, method, url, body] of writes) {
      const response = await request(t.app, gucun, method, url, body);
      expect(response.statusCode, what).toBe(404);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('and 南京东路 sees none of 顾村', async () => {
    const listed = await first<EnterpriseListResponse>(njdl, `/api/enterprises?regionCode=${GUCUN}`);
    expect(listed.total).toBe(0);
    const response = await request(t.app, njdl, 'GET', `/api/orgs/${gucun.orgId}`);
    expect(response.statusCode).toBe(404);
  });
});

describe('a federation social worker', () => {
  it('sees only the enterprises under its federation', async () => {
    const sw = await signIn(t.app, 'demo-yanghang-sw');
    const own = (await first<{ items: OrgSummary[] }>(sw, '/api/orgs/children')).items[0]!;
    expect(own.name).toContain('杨行镇物流货运行业工会联合会');
    const listed = await first<EnterpriseListResponse>(sw, '/api/enterprises?pageSize=200');
    expect(listed.total).toBeGreaterThan(0);
    expect(listed.items.every((e) => e.unionStatus !== 'none')).toBe(true);
    const [direct] = await t.handle.query<{ n: number }>(
      'select count(*)::int as n from enterprises where org_path <@ (select path from orgs where id = $1)', [own.id],
    );
    expect(listed.total).toBe(direct!.n);
    // the street above it is out of reach
    const parent = await request(t.app, sw, 'GET', `/api/orgs/${own.parentId}`);
    expect(parent.statusCode).toBe(404);
    const uncovered = (await first<EnterpriseListResponse>(await signIn(t.app, 'demo-baoshan'), '/api/enterprises?unionStatus=none&regionCode=310113103&pageSize=1')).items[0];
    expect(uncovered).toBeDefined();
    expect((await request(t.app, sw, 'GET', `/api/enterprises/${uncovered!.id}`)).statusCode).toBe(404);
  });
});

describe('read-only roles', () => {
  it('an assessor reads its district but cannot write', async () => {
    const assessor = await signIn(t.app, 'demo-assessor');
    const listed = await first<EnterpriseListResponse>(assessor, `/api/enterprises?regionCode=${GUCUN}&pageSize=1`);
    expect(listed.total).toBeGreaterThan(0);
    const id = listed.items[0]!.id;
    const attempts = [
      await request(t.app, assessor, 'POST', '/api/enterprises', enterpriseInput()),
      await request(t.app, assessor, 'PATCH', `/api/enterprises/${id}`, { employeeCount: 5 }),
      await request(t.app, assessor, 'POST', '/api/orgs', { parentId: gucun.orgId, name: '评估员建的会', kind: 'joint_union', regionCode: GUCUN }),
    ];
    for (const response of attempts) {
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('forbidden');
    }
  });

  it('a member sees only themselves: every staff route refuses a member session', async () => {
    const member = await signIn(t.app, 'demo-member');
    const me = await first<{ user: { username: string } }>(member, '/api/auth/me');
    expect(me.user.username).toBe('demo-member');
    for (const url of ['/api/enterprises', '/api/orgs/children', `/api/orgs/${member.orgId}`, '/api/audit', '/api/members']) {
      const response = await request(t.app, member, 'GET', url);
      expect(response.statusCode, url).toBe(403);
    }
    expect((await request(t.app, member, 'POST', '/api/enterprises', enterpriseInput())).statusCode).toBe(403);
  });

  it('anonymous requests are 401', async () => {
    for (const url of ['/api/enterprises', '/api/orgs/children', '/api/audit', '/api/members', '/api/applications', '/api/me/card']) {
      expect((await request(t.app, null, 'GET', url)).statusCode, url).toBe(401);
    }
  });
});
