import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkbenchResponse } from '@lianxin/contracts';
import { GUCUN, newIdNumber, newPhone } from './support/fixtures.ts';
import { applyOnline, request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

let t: TestApp;
let gucun: Session;
let huangpu: Session;

beforeAll(async () => {
  t = await startTestApp();
  gucun = await signIn(t.app, 'demo-gucun');
  huangpu = await signIn(t.app, 'staff-310101');
});
afterAll(() => t.close());

const workbench = async (s: Session) => (await request(t.app, s, 'GET', '/api/workbench')).json<WorkbenchResponse>();
const item = (w: WorkbenchResponse, kind: string) => w.items.find((i) => i.kind === kind);

describe('the workbench', () => {
  it('counts each module\'s waiting work inside the actor\'s scope, with links', async () => {
    const before = await workbench(gucun);
    expect(before.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(before.items.map((i) => i.kind)).toEqual(expect.arrayContaining([
      'applications.pending', 'transfers.incoming', 'campaign.followUps', 'santongshi.due',
    ]));
    const elsewhere = item(await workbench(huangpu), 'applications.pending')!.count;

    const applied = await applyOnline(t, { name: '郑工作台', idNumber: newIdNumber(), phone: newPhone(), occupation: 'courier', regionCode: GUCUN });
    expect(applied.statusCode, applied.body).toBe(201);
    // an application left waiting more than a week is overdue
    await t.handle.query(`update applications set created_at = now() - interval '8 days' where reference = $1`, [applied.json<{ reference: string }>().reference]);

    const after = await workbench(gucun);
    const pending = item(after, 'applications.pending')!;
    expect(pending.count).toBe(item(before, 'applications.pending')!.count + 1);
    expect(pending.overdue).toBe(item(before, 'applications.pending')!.overdue + 1);
    expect(pending.link).toBe('/applications?status=pending');
    expect(item(await workbench(huangpu), 'applications.pending')!.count).toBe(elsewhere);
  });

  it('shows campaign follow-ups that have come due', async () => {
    const worklist = (await request(t.app, gucun, 'GET', '/api/campaign/worklist?pageSize=2')).json<{ items: { enterpriseId: number }[] }>();
    const before = item(await workbench(gucun), 'campaign.followUps')!;
    const today = (await workbench(gucun)).today;
    const [first, second] = worklist.items;
    await request(t.app, gucun, 'PATCH', `/api/campaign/items/${first!.enterpriseId}`, { stage: 'publicised', nextFollowUpOn: today });
    await request(t.app, gucun, 'PATCH', `/api/campaign/items/${second!.enterpriseId}`, { stage: 'publicised', nextFollowUpOn: '2020-01-02' });
    const after = item(await workbench(gucun), 'campaign.followUps')!;
    expect(after.dueToday).toBe(before.dueToday + 1);
    expect(after.overdue).toBe(before.overdue + 1);
    expect(after.count).toBe(after.dueToday + after.overdue);
  });
});
