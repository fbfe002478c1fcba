import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredPathColumns } from '@lianxin/db';
import type { ApplicationCreated, ApplicationItem, MemberListItem, TransferItem } from '@lianxin/contracts';
import { GUCUN, newIdNumber, newPhone } from './support/fixtures.ts';
import { applyOnline, request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

/**
 * The path registry (packages/db/src/path-registry.ts) lists every column holding an organisation path; a move
 * rewrites every live one in its transaction. These tests hold the registry to the database's catalogue and
 * show the leak it closes: after 顾村 moves to another district, 宝山区 no longer sees or decides its work.
 */
let t: TestApp;
let city: Session;
let baoshan: Session;
let gucun: Session;
let huangpu: Session;

beforeAll(async () => {
  t = await startTestApp();
  city = await signIn(t.app, 'demo-city');
  baoshan = await signIn(t.app, 'demo-baoshan');
  gucun = await signIn(t.app, 'demo-gucun');
  huangpu = await signIn(t.app, 'staff-310101');
});
afterAll(() => t.close());

describe('the path registry', () => {
  it('lists every ltree column the database has, and only those', async () => {
    const catalogue = await t.handle.query<{ name: string }>(`
      select table_name || '.' || column_name as name from information_schema.columns
       where table_schema = 'public' and udt_name = 'ltree' order by 1`);
    const registered = registeredPathColumns().map((c) => c.name).sort();
    expect(catalogue.map((c) => c.name)).toEqual(registered);
  });

  it('marks only the append-only audit log historic', () => {
    expect(registeredPathColumns().filter((c) => c.kind === 'historic').map((c) => c.name)).toEqual(['audit_log.org_path']);
  });
});

describe('moving a street union takes all its work along', () => {
  it('leaves no path behind: the old district loses the applications and transfers, the new one gains them', async () => {
    // work in 顾村: a pending application, a member with a pending transfer, a duty granted at 顾村
    const applicant = { name: '周搬迁', idNumber: newIdNumber(), phone: newPhone(), occupation: 'courier', regionCode: GUCUN };
    const applied = (await applyOnline(t, applicant)).json<ApplicationCreated>();
    const joiner = { name: '吴转接', idNumber: newIdNumber(), phone: newPhone(), occupation: 'rider', regionCode: GUCUN };
    const joined = (await applyOnline(t, joiner)).json<ApplicationCreated>();
    const queue = (await request(t.app, baoshan, 'GET', '/api/applications?status=pending&pageSize=200')).json<{ items: ApplicationItem[] }>();
    const pending = queue.items.find((i) => i.reference === applied.reference)!;
    const toApprove = queue.items.find((i) => i.reference === joined.reference)!;
    expect(pending).toBeDefined();
    expect((await request(t.app, baoshan, 'POST', `/api/applications/${toApprove.id}/approve`)).statusCode).toBe(200);
    const member = (await request(t.app, gucun, 'GET', `/api/members?q=${encodeURIComponent('吴转接')}`)).json<{ items: MemberListItem[] }>().items[0]!;
    const gucunChildren = (await request(t.app, gucun, 'GET', `/api/orgs/children?parentId=${gucun.orgId}`)).json<{ items: { id: number }[] }>().items;
    const otherUnion = gucunChildren.find((o) => o.id !== member.union.id)!;
    const transfer = await request(t.app, gucun, 'POST', `/api/members/${member.id}/transfers`, { toOrgId: otherUnion.id });
    expect(transfer.statusCode, transfer.body).toBe(201);
    const grant = await request(t.app, baoshan, 'POST', `/api/orgs/${gucun.orgId}/grants`, { userId: gucun.userId, kind: 'unit_head' });
    expect(grant.statusCode, grant.body).toBe(201);

    const [before] = await t.handle.query<{ path: string }>('select path::text as path from orgs where id = $1', [gucun.orgId]);
    const moved = await request(t.app, city, 'POST', `/api/orgs/${gucun.orgId}/move`, { newParentId: huangpu.orgId });
    expect(moved.statusCode, moved.body).toBe(200);

    // no live column keeps a path under 顾村's old place
    for (const column of registeredPathColumns().filter((c) => c.kind === 'live')) {
      const [table, name] = column.name.split('.') as [string, string];
      const [left] = await t.handle.query<{ n: number }>(`select count(*)::int as n from ${table} where ${name} <@ $1::ltree`, [before!.path]);
      expect(left!.n, column.name).toBe(0);
    }

    // 宝山区 no longer lists or decides 顾村's work
    const oldQueue = (await request(t.app, baoshan, 'GET', '/api/applications?status=pending&pageSize=200')).json<{ items: ApplicationItem[] }>();
    expect(oldQueue.items.map((i) => i.reference)).not.toContain(applied.reference);
    expect((await request(t.app, baoshan, 'POST', `/api/applications/${pending.id}/approve`)).statusCode).toBe(404);
    const oldTransfers = (await request(t.app, baoshan, 'GET', '/api/transfers?direction=incoming')).json<{ items: TransferItem[] }>();
    expect(oldTransfers.items.map((i) => i.member.id)).not.toContain(member.id);
    expect((await request(t.app, baoshan, 'GET', `/api/orgs/${gucun.orgId}/grants`)).statusCode).toBe(404);

    // 黄浦区 now does
    const newQueue = (await request(t.app, huangpu, 'GET', '/api/applications?status=pending&pageSize=200')).json<{ items: ApplicationItem[] }>();
    expect(newQueue.items.map((i) => i.reference)).toContain(applied.reference);
    const newTransfers = (await request(t.app, huangpu, 'GET', '/api/transfers?direction=incoming')).json<{ items: TransferItem[] }>();
    expect(newTransfers.items.map((i) => i.member.id)).toContain(member.id);
    expect((await request(t.app, huangpu, 'POST', `/api/applications/${pending.id}/approve`)).statusCode).toBe(200);
    const grants = (await request(t.app, huangpu, 'GET', `/api/orgs/${gucun.orgId}/grants`)).json<{ items: { kind: string }[] }>();
    expect(grants.items.map((g) => g.kind)).toEqual(['unit_head']);
  });
});
