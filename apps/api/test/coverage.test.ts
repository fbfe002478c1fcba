import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  federationKinds, memberCategories, previousMonth, shanghaiDate, type CoverageFigures, type CoverageResponse, type CoverageTarget,
  type Enterprise, type MemberCategory, type OrgSummary, type StaffingResponse,
} from '@lianxin/contracts';
import { applicableTarget, currentPeriod } from '../src/features/coverage/coverage.service.ts';
import { maintainCoverage } from '../src/features/coverage/coverage.maintenance.ts';
import { compactFigures } from '../src/features/coverage/coverage.repo.ts';
import { insertMembers, type NewMember } from '../src/features/members/members.enrol.ts';
import { enterpriseInput, GUCUN, newIdNumber, newPhone } from './support/fixtures.ts';
import { request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

let t: TestApp;
let city: Session;
let baoshan: Session;
let gucun: Session;
let njdl: Session;
let assessor: Session;
let socialWorker: Session;

beforeAll(async () => {
  t = await startTestApp();
  city = await signIn(t.app, 'demo-city');
  baoshan = await signIn(t.app, 'demo-baoshan');
  gucun = await signIn(t.app, 'demo-gucun');
  njdl = await signIn(t.app, 'demo-nanjingdonglu');
  assessor = await signIn(t.app, 'demo-assessor');
  socialWorker = await signIn(t.app, 'demo-gucun-sw');
});
afterAll(() => t.close());

const get = async <T>(session: Session, url: string) => {
  const response = await request(t.app, session, 'GET', url);
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return response.json<T>();
};

interface Direct {
  enterprises: number;
  targetEnterprises: number;
  coveredTargetEnterprises: number;
  employeesInCovered: number;
  members: number;
  membersByCategory: Record<string, number>;
  federationsByKind: Record<string, number>;
}

/** The figures counted straight from the base tables, the target rule evaluated afresh. */
async function directCount(orgId: number): Promise<Direct> {
  const today = shanghaiDate();
  const [row] = await t.handle.query<Record<string, number | null>>(`
    with o as (select path from orgs where id = $1),
         rule as (select value from settings where key = 'coverage.targetRule'),
         e as (select e.*, enterprise_is_target((select value from rule), e.ownership, e.dual_real, e.employee_count,
                                                e.opened_on, e.registered_on, $2::date) as target
                 from enterprises e, o where e.org_path <@ o.path)
    select (select count(*) from e)::int as enterprises,
           (select count(*) from e where target)::int as target,
           (select count(*) from e where target and union_status <> 'none')::int as covered_target,
           (select coalesce(sum(employee_count), 0) from e where union_status <> 'none')::int as employees_covered,
           (select count(*) from members m, o where m.org_path <@ o.path and m.status = 'active')::int as members`, [orgId, today]);
  const byCategory = await t.handle.query<{ category: string; n: number }>(`
    select m.category, count(*)::int as n from members m, orgs o
     where o.id = $1 and m.org_path <@ o.path and m.status = 'active' group by 1`, [orgId]);
  const byKind = await t.handle.query<{ kind: string; n: number }>(`
    select c.kind, count(*)::int as n from orgs c, orgs o
     where o.id = $1 and c.path <@ o.path and c.id <> o.id and c.status <> 'dissolved' group by 1`, [orgId]);
  return {
    enterprises: row!.enterprises!,
    targetEnterprises: row!.target!,
    coveredTargetEnterprises: row!.covered_target!,
    employeesInCovered: row!.employees_covered!,
    members: row!.members!,
    membersByCategory: Object.fromEntries(memberCategories.map((c) => [c, byCategory.find((b) => b.category === c)?.n ?? 0])),
    federationsByKind: Object.fromEntries(federationKinds.map((k) => [k, byKind.find((b) => b.kind === k)?.n ?? 0])),
  };
}

function picked(f: CoverageFigures): Direct {
  return {
    enterprises: f.enterprises,
    targetEnterprises: f.targetEnterprises,
    coveredTargetEnterprises: f.coveredTargetEnterprises,
    employeesInCovered: f.employeesInCovered,
    members: f.members,
    membersByCategory: f.membersByCategory,
    federationsByKind: f.federationsByKind,
  };
}

/** The cockpit of `orgId` and of every child equals the direct count. */
async function expectFiguresMatch(session: Session, orgId: number) {
  const cockpit = await get<CoverageResponse>(session, `/api/coverage?orgId=${orgId}`);
  expect(picked(cockpit), `unit ${cockpit.org.name}`).toEqual(await directCount(orgId));
  for (const child of cockpit.children.slice(0, 6)) {
    const { membersByCategory: _c, federationsByKind: _k, ...direct } = await directCount(child.org.id);
    const { membersByCategory: _cc, federationsByKind: _kk, ...shown } = picked({ ...child, membersByCategory: {}, federationsByKind: {}, target: null });
    expect(shown, `child ${child.org.name}`).toEqual(direct);
  }
  return cockpit;
}

async function orgIdOf(kind: string, regionCode: string): Promise<number> {
  const [row] = await t.handle.query<{ id: number }>('select id from orgs where kind = $1 and region_code = $2', [kind, regionCode]);
  return row!.id;
}

describe('the cockpit figures', () => {
  it('equal direct counts for the city, a district and a street, with rates and targets', async () => {
    const cityId = await orgIdOf('city_federation', '310000');
    const cockpit = await expectFiguresMatch(city, cityId);
    expect(cockpit.children.filter((c) => c.org.kind === 'district_federation')).toHaveLength(16);
    expect(cockpit.targetEnterprises).toBeGreaterThan(1000);
    expect(cockpit.coverageRate).toBeCloseTo(cockpit.coveredTargetEnterprises / cockpit.targetEnterprises, 10);
    expect(cockpit.period).toBe(currentPeriod());
    await expectFiguresMatch(baoshan, await orgIdOf('district_federation', '310113'));
    const own = await expectFiguresMatch(gucun, await orgIdOf('street_federation', GUCUN));
    // each figure links to the list it counts
    const listed = async (query: string) =>
      (await get<{ total: number }>(gucun, `/api/enterprises?orgId=${own.org.id}&pageSize=1&${query}`)).total;
    expect(await listed('target=true')).toBe(own.targetEnterprises);
    expect(await listed('target=true&covered=true')).toBe(own.coveredTargetEnterprises);
    expect(await listed('')).toBe(own.enterprises);
    // the drill path above the unit, inside the reader's scope only
    expect(own.ancestors).toEqual([]);
    expect((await get<CoverageResponse>(baoshan, `/api/coverage?orgId=${own.org.id}`)).ancestors.map((a) => a.name)).toEqual(['宝山区总工会']);
    expect((await get<CoverageResponse>(city, `/api/coverage?orgId=${own.org.id}`)).ancestors.map((a) => a.name)).toEqual(['上海市总工会', '宝山区总工会']);
    // without orgId: the actor's own unit
    expect((await get<CoverageResponse>(gucun, '/api/coverage')).org.id).toBe(own.org.id);
  });

  it('share one answer between readers for a moment, and show a write at once', async () => {
    const gucunId = await orgIdOf('street_federation', GUCUN);
    const before = await get<CoverageResponse>(baoshan, `/api/coverage?orgId=${gucunId}`);
    // twenty staff at once: one answer
    const burst = await Promise.all(Array.from({ length: 20 }, () => get<CoverageResponse>(baoshan, `/api/coverage?orgId=${gucunId}`)));
    expect(burst.every((c) => c.enterprises === before.enterprises)).toBe(true);
    // another scope's reader gets its own answer (its drill path differs)
    expect((await get<CoverageResponse>(city, `/api/coverage?orgId=${gucunId}`)).ancestors).toHaveLength(2);
    expect((await get<CoverageResponse>(baoshan, `/api/coverage?orgId=${gucunId}`)).ancestors).toHaveLength(1);
    const created = await request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput({ employeeCount: 40 }));
    expect(created.statusCode, created.body).toBe(201);
    expect((await get<CoverageResponse>(baoshan, `/api/coverage?orgId=${gucunId}`)).enterprises).toBe(before.enterprises + 1);
  });

  it('stay equal to direct counts after random writes of every kind', async () => {
    const gucunId = await orgIdOf('street_federation', GUCUN);
    const baoshanId = await orgIdOf('district_federation', '310113');
    const keys = t.app.keys;
    const created: number[] = [];
    for (let round = 0; round < 4; round++) {
      // new enterprises of every size and ownership
      for (let i = 0; i < 3; i++) {
        const response = await request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput({
          employeeCount: [5, 30, 300][i]!, ownership: (['private', 'state', 'foreign'] as const)[randomInt(3)], dualReal: randomInt(2) === 0,
          registeredOn: '2019-01-01', openedOn: round % 2 === 0 ? '2019-06-01' : null,
        }));
        expect(response.statusCode, response.body).toBe(201);
        created.push(response.json<Enterprise>().id);
      }
      // an edit that makes one a target or not
      const edited = created[randomInt(created.length)]!;
      expect((await request(t.app, gucun, 'PATCH', `/api/enterprises/${edited}`, { employeeCount: randomInt(10, 200) })).statusCode).toBe(200);
      // a new federation covering two of them, then one of them taken out again
      const fed = await request(t.app, gucun, 'POST', '/api/orgs', {
        parentId: gucunId, kind: 'regional_federation', name: `测试区域工会联合会${round}`, regionCode: GUCUN,
        coveredEnterpriseIds: created.slice(-2),
      });
      expect(fed.statusCode, fed.body).toBe(201);
      const fedId = fed.json<{ id: number }>().id;
      expect((await request(t.app, gucun, 'PUT', `/api/orgs/${fedId}/coverage`, { enterpriseIds: created.slice(-1) })).statusCode).toBe(200);
      // members written in bulk into that federation (the import's writer), one then leaves
      const fedPath = `${await pathOf(gucunId)}.${fedId}`;
      const newMembers: NewMember[] = Array.from({ length: 5 }, (_, i) => ({
        name: '测试会员', idNumber: newIdNumber(), phone: newPhone(), occupation: 'courier',
        category: memberCategories[i % 4] as MemberCategory, joinChannel: 'import',
        org: { id: fedId, path: fedPath, regionCode: GUCUN }, enterpriseId: null, joinedOn: shanghaiDate(),
      }));
      const ids = await t.handle.db.transaction((tx) => insertMembers(tx, keys, newMembers));
      const left = await request(t.app, gucun, 'POST', `/api/members/${ids[0]!.id}/leave`, { reason: '离职' });
      expect(left.statusCode, left.body).toBe(200);
      // the federation moves under another federation of the street (paths of its members and enterprises change)
      if (round === 2) {
        const [other] = await t.handle.query<{ id: number }>(
          `select id from orgs where parent_id = $1 and kind = 'regional_federation' and id <> $2 order by id limit 1`, [gucunId, fedId]);
        expect((await request(t.app, gucun, 'POST', `/api/orgs/${fedId}/move`, { newParentId: other!.id })).statusCode).toBe(200);
      }
      // and a dissolved one no longer counts
      if (round === 3) expect((await request(t.app, gucun, 'PATCH', `/api/orgs/${fedId}`, { status: 'dissolved' })).statusCode).toBe(200);
      // deltas folded in some rounds, pending in others
      if (round % 2 === 1) await compactFigures(t.handle.db);
      await expectFiguresMatch(gucun, gucunId);
      await expectFiguresMatch(baoshan, baoshanId);
    }
    // what the triggers accumulated equals a count from scratch
    const before = await get<CoverageResponse>(city, '/api/coverage');
    await t.handle.query('select rebuild_org_figures()');
    expect(await get<CoverageResponse>(city, '/api/coverage')).toEqual(before);
  });

  it('stay equal to direct counts when writers and the compaction run at the same time', async () => {
    const gucunId = await orgIdOf('street_federation', GUCUN);
    const feds = await t.handle.query<{ id: number; path: string }>(
      `select id, path::text as path from orgs where parent_id = $1 and kind = 'regional_federation' and status = 'active' order by id limit 2`, [gucunId]);
    const enrol = (fed: { id: number; path: string }) => t.handle.db.transaction((tx) => insertMembers(tx, t.app.keys, Array.from({ length: 20 }, () => ({
      name: '并发会员', idNumber: newIdNumber(), phone: newPhone(), occupation: 'courier' as const, category: 'informal' as const,
      joinChannel: 'import' as const, org: { id: fed.id, path: fed.path, regionCode: GUCUN }, enterpriseId: null, joinedOn: shanghaiDate(),
    }))));
    await Promise.all([
      ...feds.flatMap((fed) => [enrol(fed), enrol(fed)]),
      compactFigures(t.handle.db),
      request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput({ employeeCount: 77 })),
      compactFigures(t.handle.db),
      request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput({ employeeCount: 33 })),
    ]);
    await compactFigures(t.handle.db);
    await expectFiguresMatch(gucun, gucunId);
  });

  it('keep a street to its own numbers: another street and a member see nothing', async () => {
    const gucunId = await orgIdOf('street_federation', GUCUN);
    expect((await request(t.app, njdl, 'GET', `/api/coverage?orgId=${gucunId}`)).statusCode).toBe(404);
    expect((await request(t.app, njdl, 'GET', `/api/coverage/trend?orgId=${gucunId}`)).statusCode).toBe(404);
    expect((await request(t.app, njdl, 'GET', `/api/coverage/staffing?orgId=${gucunId}`)).statusCode).toBe(404);
    expect((await request(t.app, njdl, 'GET', `/api/coverage/export.xlsx?orgId=${gucunId}`)).statusCode).toBe(404);
    expect((await request(t.app, njdl, 'GET', `/api/coverage/targets?orgId=${gucunId}`)).statusCode).toBe(404);
    expect((await request(t.app, njdl, 'GET', `/api/orgs/${gucunId}/summary`)).statusCode).toBe(404);
    expect((await get<{ name: string }>(gucun, `/api/orgs/${gucunId}/summary`)).name).toBe('宝山区顾村镇总工会');
    expect((await request(t.app, gucun, 'GET', `/api/coverage?orgId=${await orgIdOf('district_federation', '310113')}`)).statusCode).toBe(404);
    const own = await get<CoverageResponse>(njdl, '/api/coverage');
    expect(own.org.name).toContain('南京东路');
    expect((await request(t.app, null, 'GET', '/api/coverage')).statusCode).toBe(401);
    expect((await request(t.app, njdl, 'GET', '/api/coverage?period=2026-13')).statusCode).toBe(400);
    // a month not yet come is refused on its field, not answered with this month's figures under its name
    const [year, month] = currentPeriod().split('-').map(Number) as [number, number];
    const nextMonth = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
    for (const period of [nextMonth, '2199-12']) {
      const future = await request(t.app, njdl, 'GET', `/api/coverage?period=${period}`);
      expect(future.statusCode, period).toBe(400);
      expect(future.json<{ fields: Record<string, string> }>().fields.period).toBe('不能查看尚未到来的月份');
    }
  });

  it('exports the cockpit as xlsx', async () => {
    const response = await request(t.app, gucun, 'GET', '/api/coverage/export.xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

async function pathOf(orgId: number): Promise<string> {
  const [row] = await t.handle.query<{ path: string }>('select path::text as path from orgs where id = $1', [orgId]);
  return row!.path;
}

describe('the cockpit page and the org tree', () => {
  it('agree on every figure both show, for the city, a district and a street', async () => {
    for (const [session, kind, code] of [[city, 'city_federation', '310000'], [baoshan, 'district_federation', '310113'], [gucun, 'street_federation', GUCUN]] as const) {
      const orgId = await orgIdOf(kind, code);
      const cockpit = await get<CoverageResponse>(session, `/api/coverage?orgId=${orgId}`);
      const tree = await get<OrgSummary>(session, `/api/orgs/${orgId}`);
      expect({ enterprises: tree.enterprises, covered: tree.enterprisesCovered, employees: tree.employees, members: tree.members }, code).toEqual({
        enterprises: cockpit.enterprises, covered: cockpit.coveredEnterprises, employees: cockpit.employeesInCovered, members: cockpit.members,
      });
      const [direct] = await t.handle.query<{ n: number; covered: number }>(
        `select count(*)::int as n, count(*) filter (where union_status <> 'none')::int as covered from enterprises
          where org_path <@ (select path from orgs where id = $1)`, [orgId]);
      expect({ n: cockpit.enterprises, covered: cockpit.coveredEnterprises }).toEqual(direct);
      // the tree's children carry the same figures as the cockpit's rows
      const kids = (await get<{ items: OrgSummary[] }>(session, `/api/orgs/children?parentId=${orgId}`)).items;
      const all = await get<CoverageResponse>(session, `/api/coverage?orgId=${orgId}&childPageSize=200`);
      for (const child of all.children) {
        const node = kids.find((k) => k.id === child.org.id);
        if (node) expect([node.enterprises, node.enterprisesCovered], node.name).toEqual([child.enterprises, child.coveredEnterprises]);
      }
    }
  });

  it('sends a street one page of trimmed children, sorted and filtered on the server, and federations for the chart', async () => {
    const gucunId = await orgIdOf('street_federation', GUCUN);
    const all = await get<CoverageResponse>(gucun, `/api/coverage?orgId=${gucunId}&childPageSize=200`);
    expect(all.childrenTotal).toBe(all.children.length);
    expect(all.childrenTotal).toBe(all.childrenByKind.federations + all.childrenByKind.enterpriseUnions);
    expect(all.childrenByKind.enterpriseUnions).toBeGreaterThan(0);
    expect(all.childrenByKind.federations).toBeGreaterThan(0);

    const first = await get<CoverageResponse>(gucun, `/api/coverage?orgId=${gucunId}&childPageSize=5`);
    expect(first.children).toHaveLength(Math.min(5, all.childrenTotal));
    expect(first.childrenTotal).toBe(all.childrenTotal);
    expect(Object.keys(first.children[0]!)).not.toContain('membersByCategory');
    expect(Object.keys(first.children[0]!)).not.toContain('federationsByKind');
    const pages = [];
    for (let page = 1; (page - 1) * 5 < all.childrenTotal; page++) {
      pages.push(...(await get<CoverageResponse>(gucun, `/api/coverage?orgId=${gucunId}&childPageSize=5&childPage=${page}`)).children.map((c) => c.org.id));
    }
    expect(pages).toEqual(all.children.map((c) => c.org.id));

    const federations = await get<CoverageResponse>(gucun, `/api/coverage?orgId=${gucunId}&childKind=federations&childPageSize=200`);
    expect(federations.childrenTotal).toBe(all.childrenByKind.federations);
    expect(federations.children.every((c) => c.org.kind !== 'enterprise_union')).toBe(true);
    const unions = await get<CoverageResponse>(gucun, `/api/coverage?orgId=${gucunId}&childKind=enterprise_unions&childPageSize=200`);
    expect(unions.children.every((c) => c.org.kind === 'enterprise_union')).toBe(true);

    const byRate = await get<CoverageResponse>(gucun, `/api/coverage?orgId=${gucunId}&childSort=coverageRate&childOrder=desc&childPageSize=200`);
    const rates = byRate.children.map((c) => c.coverageRate);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    const byName = await get<CoverageResponse>(gucun, `/api/coverage?orgId=${gucunId}&childSort=name&childPageSize=200`);
    expect(byName.children.map((c) => c.org.name)).toEqual([...byName.children.map((c) => c.org.name)].sort((a, b) => a.localeCompare(b, 'zh-CN')));

    // the chart: federations and joint unions with target enterprises, most first — no enterprise union at 100 %
    expect(all.chart.length).toBeGreaterThan(0);
    expect(all.chart.length).toBeLessThanOrEqual(20);
    expect(all.chart.every((c) => c.org.kind !== 'enterprise_union' && c.targetEnterprises > 0)).toBe(true);
    const targets = all.chart.map((c) => c.targetEnterprises);
    expect(targets).toEqual([...targets].sort((a, b) => b - a));
    expect(all.chartTotal).toBe(all.children.filter((c) => c.org.kind !== 'enterprise_union' && c.targetEnterprises > 0).length);

    const bad = await request(t.app, gucun, 'GET', `/api/coverage?orgId=${gucunId}&childSort=colour&childPageSize=0`);
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json<{ fields: Record<string, string> }>().fields).sort()).toEqual(['childPageSize', 'childSort']);
  });
});

describe('targets', () => {
  it('picks the target due in or after the period, else the last one kept', () => {
    const row = (dueOn: string, bp: number) => ({ id: 1, orgId: 1, orgName: '', dueOn, coverageBp: bp, membershipBp: null, note: '' });
    const targets = [row('2019-12-31', 8000), row('2018-12-31', 7000)];
    expect(applicableTarget(targets, '2018-06')?.coverageBp).toBe(7000);
    expect(applicableTarget(targets, '2018-12')?.coverageBp).toBe(7000);
    expect(applicableTarget(targets, '2019-01')?.coverageBp).toBe(8000);
    expect(applicableTarget(targets, '2024-05')?.coverageBp).toBe(8000);
    expect(applicableTarget([], '2024-05')).toBeNull();
  });

  it('are set by the district for a street, inherited below it, and colour the status', async () => {
    const gucunId = await orgIdOf('street_federation', GUCUN);
    const now = await get<CoverageResponse>(baoshan, `/api/coverage?orgId=${gucunId}`);
    // a target just above the current rate: "near"; one far above: "behind"; one below: "met"
    const dueOn = `${Number(currentPeriod().slice(0, 4)) + 1}-12-31`;
    const body = { orgId: gucunId, dueOn, coverageRate: Math.min(1, now.coverageRate + 0.02), membershipRate: null, note: '测试目标' };
    const created = await request(t.app, baoshan, 'POST', '/api/coverage/targets', body);
    expect(created.statusCode, created.body).toBe(201);
    const target = created.json<CoverageTarget>();
    expect((await request(t.app, baoshan, 'POST', '/api/coverage/targets', body)).statusCode).toBe(409);

    const district = await get<CoverageResponse>(baoshan, `/api/coverage?orgId=${await orgIdOf('district_federation', '310113')}`);
    const child = district.children.find((c) => c.org.id === gucunId)!;
    expect(child.target).toEqual({ coverageRate: Math.round(body.coverageRate * 10_000) / 10_000, membershipRate: null, inheritedFrom: null });
    expect(child.status).toBe(now.coverageRate >= 1 ? 'met' : 'near');
    const below = await get<CoverageResponse>(gucun, `/api/coverage?orgId=${gucunId}`);
    for (const c of below.children) expect(c.target).toMatchObject({ coverageRate: child.target!.coverageRate, inheritedFrom: { id: gucunId } });

    // the status weighs 入会率 too: the same 建会率 with a membership target far above the rate is "behind"
    expect(now.membershipRate).toBeLessThan(0.8);
    const withMembership = await request(t.app, baoshan, 'PUT', `/api/coverage/targets/${target.id}`, { ...body, membershipRate: Math.min(1, now.membershipRate + 0.2) });
    expect(withMembership.statusCode, withMembership.body).toBe(200);
    const weighed = await get<CoverageResponse>(baoshan, `/api/coverage?orgId=${await orgIdOf('district_federation', '310113')}&childPageSize=200`);
    expect(weighed.children.find((c) => c.org.id === gucunId)!.status).toBe('behind');

    const raised = await request(t.app, baoshan, 'PUT', `/api/coverage/targets/${target.id}`, { ...body, coverageRate: 1 });
    expect(raised.statusCode, raised.body).toBe(200);
    const after = await get<CoverageResponse>(gucun, '/api/coverage');
    expect(after.status).toBe(after.coverageRate >= 0.95 ? 'near' : 'behind');
    expect((await get<{ items: CoverageTarget[] }>(gucun, '/api/coverage/targets')).items.map((i) => i.id)).toContain(target.id);

    // who may set them: not a social worker, not an assessor, not another street, not above one's own unit
    expect((await request(t.app, socialWorker, 'POST', '/api/coverage/targets', { ...body, dueOn: '2030-12-31' })).statusCode).toBe(403);
    expect((await request(t.app, assessor, 'POST', '/api/coverage/targets', { ...body, dueOn: '2030-12-31' })).statusCode).toBe(403);
    expect((await request(t.app, njdl, 'POST', '/api/coverage/targets', { ...body, dueOn: '2030-12-31' })).statusCode).toBe(404);
    expect((await request(t.app, njdl, 'DELETE', `/api/coverage/targets/${target.id}`)).statusCode).toBe(404);
    const bad = await request(t.app, baoshan, 'POST', '/api/coverage/targets', { ...body, coverageRate: 1.5, dueOn: '2030-02-30x' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json<{ fields: Record<string, string> }>().fields).sort()).toEqual(['coverageRate', 'dueOn']);
    expect((await request(t.app, baoshan, 'DELETE', `/api/coverage/targets/${target.id}`)).statusCode).toBe(204);
  });

  it('re-evaluates every enterprise when city staff change the target rule', async () => {
    const cityId = await orgIdOf('city_federation', '310000');
    const rule = { ownerships: ['private', 'foreign'], dualRealOnly: false, minEmployees: 100, minYearsOpen: 2 };
    expect((await request(t.app, baoshan, 'PUT', '/api/coverage/target-rule', rule)).statusCode).toBe(403);
    const changed = await request(t.app, city, 'PUT', '/api/coverage/target-rule', rule);
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<{ changed: number }>().changed).toBeGreaterThan(0);
    await expectFiguresMatch(city, cityId);
    expect(await get(gucun, '/api/coverage/target-rule')).toEqual(rule);
    const back = { ownerships: ['private', 'individual', 'foreign', 'hk_mo_tw', 'mixed'], dualRealOnly: true, minEmployees: 25, minYearsOpen: 1 };
    expect((await request(t.app, city, 'PUT', '/api/coverage/target-rule', back)).statusCode).toBe(200);
    await expectFiguresMatch(city, cityId);
  });
});

describe('snapshots and trends', () => {
  it('takes the month just ended when missing, serves it for that period, and draws the trend', async () => {
    const gucunId = await orgIdOf('street_federation', GUCUN);
    const lastMonth = previousMonth(currentPeriod());
    expect((await request(t.app, gucun, 'GET', `/api/coverage?period=${lastMonth}`)).statusCode).toBe(404);
    const first = await maintainCoverage(t.handle.db);
    expect(first.snapshot).toBe(lastMonth);
    expect((await maintainCoverage(t.handle.db)).snapshot).toBeNull();

    const kept = await get<CoverageResponse>(gucun, `/api/coverage?period=${lastMonth}`);
    expect(kept.fromSnapshot).toBe(true);
    expect(picked(kept)).toEqual(await directCount(gucunId));
    // a write now changes the current figures, not the kept month
    await t.handle.db.execute(sql`update enterprises set union_status = union_status where id = (select min(id) from enterprises)`);
    const trend = await get<{ points: { period: string }[] }>(gucun, '/api/coverage/trend');
    expect(trend.points.map((p) => p.period)).toEqual([lastMonth, currentPeriod()]);
  });
});

describe('staffing', () => {
  it('sets each federation’s required social workers against those assigned, gaps summed per child', async () => {
    const staffing = await get<StaffingResponse>(baoshan, `/api/coverage/staffing?orgId=${await orgIdOf('district_federation', '310113')}`);
    expect(staffing.federations.length).toBeGreaterThan(0);
    for (const f of staffing.federations) {
      expect(f.requiredMin).toBeLessThanOrEqual(f.requiredMax);
      expect(f.gap).toBe(Math.max(0, f.requiredMin - f.assigned));
    }
    expect(staffing.children.reduce((s, c) => s + c.gap, 0)).toBe(staffing.totals.gap);
    const gucunRow = staffing.children.find((c) => c.org.name.includes('顾村'))!;
    const own = await get<StaffingResponse>(gucun, '/api/coverage/staffing');
    const { org: _org, ...gucunTotals } = gucunRow;
    expect(own.totals).toEqual(gucunTotals);
  });
});
