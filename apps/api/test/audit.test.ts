import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, Enterprise, OrgSummary } from '@lianxin/contracts';
import { enterpriseInput } from './support/fixtures.ts';
import { request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

let t: TestApp;
let gucun: Session;
beforeAll(async () => {
  t = await startTestApp();
  gucun = await signIn(t.app, 'demo-gucun');
});
afterAll(() => t.close());

const auditOf = async (session: Session, query = '') =>
  (await request(t.app, session, 'GET', `/api/audit?pageSize=200${query}`)).json<{ items: AuditEntry[]; total: number }>();

describe('audit log', () => {
  it('records writes with actor, object and the real address (a client\'s X-Forwarded-For is ignored)', async () => {
    const created = (await request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput(), { 'x-forwarded-for': '203.0.113.7' })).json<Enterprise>();
    await request(t.app, gucun, 'PATCH', `/api/enterprises/${created.id}`, { employeeCount: 99 });
    const entries = (await auditOf(gucun, '&objectType=enterprise')).items.filter((e) => e.objectId === String(created.id));
    expect(entries.map((e) => e.action)).toEqual(['update', 'create']);
    expect(entries[1]).toMatchObject({ actor: { username: 'demo-gucun' }, ip: '127.0.0.1' });
    expect(Date.parse(entries[0]!.at)).not.toBeNaN();
  });

  it('refuses a date PostgreSQL cannot hold (year 0) in the filters of the list and the export: 400 on the field, not 500', async () => {
    for (const url of ['/api/audit?to=0000-02-29', '/api/audit/export.xlsx?from=0000-01-01', '/api/audit?from=2026-02-30']) {
      const r = await request(t.app, gucun, 'GET', url);
      expect(r.statusCode, url).toBe(400);
      expect(Object.keys(r.json<{ fields: Record<string, string> }>().fields), url).toEqual([url.includes('to=') ? 'to' : 'from']);
    }
  });

  it('records reads of personal data', async () => {
    const [own] = (await request(t.app, gucun, 'GET', '/api/orgs/children')).json<{ items: OrgSummary[] }>().items;
    await request(t.app, gucun, 'PATCH', `/api/orgs/${own!.id}`, { contactPhone: '13900001111' });
    await request(t.app, gucun, 'GET', `/api/orgs/${own!.id}`);
    const reads = (await auditOf(gucun, '&action=read_personal')).items;
    expect(reads[0]).toMatchObject({ objectType: 'org', objectId: String(own!.id), actor: { username: 'demo-gucun' } });
  });

  it('records logins and is scoped: another street sees none of it', async () => {
    expect((await auditOf(gucun, '&action=login')).items.some((e) => e.actor?.username === 'demo-gucun')).toBe(true);
    const njdl = await signIn(t.app, 'demo-nanjingdonglu');
    const theirs = await auditOf(njdl);
    expect(theirs.items.every((e) => e.actor?.username !== 'demo-gucun')).toBe(true);
    const district = await signIn(t.app, 'demo-baoshan');
    expect((await auditOf(district)).items.some((e) => e.actor?.username === 'demo-gucun')).toBe(true);
  });

  it('is append-only', async () => {
    await expect(t.handle.query('update audit_log set action = $1', ['create'])).rejects.toThrow(/append-only/);
    await expect(t.handle.query('delete from audit_log')).rejects.toThrow(/append-only/);
  });

  it('validates its query', async () => {
    const response = await request(t.app, gucun, 'GET', '/api/audit?action=steal&page=0');
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().fields).sort()).toEqual(['action', 'page']);
  });
});
