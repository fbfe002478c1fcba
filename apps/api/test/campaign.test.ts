import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  shanghaiDate, type CampaignHistory, type CoverageResponse, type Enterprise, type Letter, type SantongshiTask, type WorklistItem,
} from '@lianxin/contracts';
import { enterpriseInput, GUCUN } from './support/fixtures.ts';
import { pdfText, squash } from './support/pdf-text.ts';
import { request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

let t: TestApp;
let gucun: Session;
let baoshan: Session;
let njdl: Session;
let assessor: Session;
let gucunId: number;

beforeAll(async () => {
  t = await startTestApp();
  gucun = await signIn(t.app, 'demo-gucun');
  baoshan = await signIn(t.app, 'demo-baoshan');
  njdl = await signIn(t.app, 'demo-nanjingdonglu');
  assessor = await signIn(t.app, 'demo-assessor');
  const [row] = await t.handle.query<{ id: number }>(`select id from orgs where kind = 'street_federation' and region_code = $1`, [GUCUN]);
  gucunId = row!.id;
});
afterAll(() => t.close());

const worklist = async (session: Session, query = '') => {
  const response = await request(t.app, session, 'GET', `/api/campaign/worklist?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: WorklistItem[]; total: number }>();
};
const patch = (session: Session, enterpriseId: number, body: unknown) =>
  request(t.app, session, 'PATCH', `/api/campaign/items/${enterpriseId}`, body);

/** A new uncovered target enterprise in 顾村 with `employees` workers. */
let targetSerial = 0;

/** A new target enterprise in 顾村; each its own name unless given (a same name would be a near-duplicate). */
async function newTarget(employees: number, name = `上海攻坚测试制造${++targetSerial}号有限公司`): Promise<number> {
  const response = await request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput({ employeeCount: employees, name, registeredOn: '2018-01-01', openedOn: '2018-05-01' }));
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Enterprise>().id;
}

describe('the campaign worklist', () => {
  it('lists the uncovered target enterprises of the scope, largest first, with the direct count as total', async () => {
    const page = await worklist(gucun, 'pageSize=50');
    const [count] = await t.handle.query<{ n: number }>(`
      select count(*)::int as n from enterprises e, orgs o
       where o.id = $1 and e.org_path <@ o.path and e.is_target and e.union_status = 'none'`, [gucunId]);
    expect(page.total).toBe(count!.n);
    expect(page.items.length).toBe(Math.min(50, count!.n));
    const sizes = page.items.map((i) => i.employeeCount);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(page.items.every((i) => i.regionCode === GUCUN && i.stage === 'not_contacted')).toBe(true);
    // a district sees its streets' lists together; another street sees none of them
    expect((await worklist(baoshan, `orgId=${gucunId}&pageSize=1`)).total).toBe(count!.n);
    expect((await request(t.app, njdl, 'GET', `/api/campaign/worklist?orgId=${gucunId}`)).statusCode).toBe(404);
    expect((await worklist(njdl)).items.every((i) => i.regionCode !== GUCUN)).toBe(true);
  });

  it('moves an enterprise through the stages; 已建会 links a new union and the rate rises at once', async () => {
    const id = await newTarget(4321, '上海攻坚测试建会有限公司');
    const top = await worklist(gucun, 'pageSize=1');
    expect(top.items[0]!.enterpriseId).toBe(id);
    const before = (await request(t.app, gucun, 'GET', '/api/coverage')).json<CoverageResponse>();

    const sw = await t.handle.query<{ id: number }>(`select id from users where username = 'demo-gucun-sw'`);
    const contacted = await patch(gucun, id, { stage: 'publicised', assigneeId: sw[0]!.id, nextFollowUpOn: '2026-12-01', notes: '已上门宣传工会法' });
    expect(contacted.statusCode, contacted.body).toBe(200);
    expect(contacted.json<CampaignHistory>().item).toMatchObject({ stage: 'publicised', assignee: { id: sw[0]!.id }, nextFollowUpOn: '2026-12-01' });
    expect((await worklist(gucun, 'stage=publicised')).items.map((i) => i.enterpriseId)).toContain(id);
    expect((await patch(gucun, id, { stage: 'preparing' })).statusCode).toBe(200);

    // 已建会 needs the union; a union is only given with 已建会
    expect((await patch(gucun, id, { stage: 'built' })).json<{ fields: Record<string, string> }>().fields).toHaveProperty('union');
    expect((await patch(gucun, id, { stage: 'preparing', union: { mode: 'existing', orgId: gucunId } })).statusCode).toBe(400);
    // a street union itself cannot cover an enterprise
    expect((await patch(gucun, id, { stage: 'built', union: { mode: 'existing', orgId: gucunId } })).statusCode).toBe(400);
    const built = await patch(gucun, id, { stage: 'built', union: { mode: 'new', parentId: gucunId, name: '上海攻坚测试建会有限公司工会', chairName: '王主席' } });
    expect(built.statusCode, built.body).toBe(200);
    const history = built.json<CampaignHistory>();
    expect(history.item.stage).toBe('built');
    expect(history.item.responsibleOrg.name).toBe('上海攻坚测试建会有限公司工会');
    // newest first: 已建会, 筹备中, then the first visit's note and stage
    expect(history.events.map((e) => e.kind)).toEqual(['stage', 'stage', 'note', 'stage']);

    const after = (await request(t.app, gucun, 'GET', '/api/coverage')).json<CoverageResponse>();
    expect(after.coveredTargetEnterprises).toBe(before.coveredTargetEnterprises + 1);
    expect(after.targetEnterprises).toBe(before.targetEnterprises);
    expect(after.employeesInCovered).toBe(before.employeesInCovered + 4321);
    expect(after.coverageRate).toBeGreaterThan(before.coverageRate);
    expect((await worklist(gucun, 'pageSize=200')).items.map((i) => i.enterpriseId)).not.toContain(id);
    // off the list now: no further stage changes
    expect((await patch(gucun, id, { stage: 'refused' })).statusCode).toBe(409);
  });

  it('links an existing federation when it takes the enterprise in', async () => {
    const id = await newTarget(260);
    const [fed] = await t.handle.query<{ id: number }>(
      `select id from orgs where parent_id = $1 and kind = 'regional_federation' and status = 'active' order by id limit 1`, [gucunId]);
    const built = await patch(gucun, id, { stage: 'built', union: { mode: 'existing', orgId: fed!.id } });
    expect(built.statusCode, built.body).toBe(200);
    expect(built.json<CampaignHistory>().item.responsibleOrg.id).toBe(fed!.id);
    const [row] = await t.handle.query<{ union_status: string }>('select union_status from enterprises where id = $1', [id]);
    expect(row!.union_status).toBe('covered');
  });

  it('refuses writes from outside the scope and from read-only roles, and bad input on its fields', async () => {
    const id = await newTarget(90);
    expect((await patch(njdl, id, { stage: 'publicised' })).statusCode).toBe(404);
    expect((await request(t.app, njdl, 'GET', `/api/campaign/items/${id}`)).statusCode).toBe(404);
    expect((await patch(assessor, id, { stage: 'publicised' })).statusCode).toBe(403);
    const bad = await patch(gucun, id, { stage: 'maybe', nextFollowUpOn: 'soon' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json<{ fields: Record<string, string> }>().fields).sort()).toEqual(['nextFollowUpOn', 'stage']);
    const [other] = await t.handle.query<{ id: number }>(`select id from users where username = 'demo-nanjingdonglu'`);
    expect((await patch(gucun, id, { assigneeId: other!.id })).json<{ fields: Record<string, string> }>().fields).toHaveProperty('assigneeId');
  });
});

describe('the two letters for a refusing enterprise', () => {
  it('are issued only after a refusal, kept in the history, and render as a PDF with the enterprise’s name', async () => {
    const id = await newTarget(150, '上海拒建测试贸易有限公司');
    expect((await request(t.app, gucun, 'POST', `/api/campaign/items/${id}/letters`, { kind: 'rectification_opinion' })).statusCode).toBe(409);
    expect((await patch(gucun, id, { stage: 'refused', notes: '负责人明确拒绝' })).statusCode).toBe(200);
    const issued: Letter[] = [];
    for (const kind of ['rectification_opinion', 'handling_suggestion']) {
      const response = await request(t.app, gucun, 'POST', `/api/campaign/items/${id}/letters`, { kind, deadlineDays: 20 });
      expect(response.statusCode, response.body).toBe(201);
      issued.push(response.json<Letter>());
    }
    expect(issued[0]!.documentNumber).not.toBe(issued[1]!.documentNumber);
    expect(issued[0]!.issuer.id).toBe(gucunId);
    const history = (await request(t.app, gucun, 'GET', `/api/campaign/items/${id}`)).json<CampaignHistory>();
    expect(history.letters.map((l) => l.id).sort()).toEqual(issued.map((l) => l.id).sort());
    expect(history.events.filter((e) => e.kind === 'letter')).toHaveLength(2);

    const pdf = await request(t.app, gucun, 'GET', `/api/campaign/letters/${issued[0]!.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    // Chrome's PDF viewer needs inline styles and an <embed>: the letter keeps only the framing ban, and no cache
    expect(pdf.headers['content-security-policy']).toBe("frame-ancestors 'none'");
    expect(pdf.headers['cache-control']).toBe('no-store');
    const text = squash(await pdfText(pdf.rawPayload));
    expect(text).toContain('上海拒建测试贸易有限公司');
    expect(text).toContain('工会组建法律监督整改意见书');
    expect(text).toContain(issued[0]!.documentNumber);
    expect((await request(t.app, njdl, 'GET', `/api/campaign/letters/${issued[0]!.id}/pdf`)).statusCode).toBe(404);
  });
});

describe('三同时 tasks', () => {
  it('are created when a new non-public enterprise is registered, and can be ticked off once', async () => {
    const today = shanghaiDate();
    const created = await request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput({ registeredOn: today, openedOn: null, employeeCount: 40 }));
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<Enterprise>().id;
    const list = (await request(t.app, gucun, 'GET', '/api/campaign/santongshi?pageSize=200')).json<{ items: SantongshiTask[]; total: number }>();
    const mine = list.items.filter((task) => task.enterprise.id === id);
    expect(mine.map((task) => task.phase).sort()).toEqual(['construction', 'opening', 'registration']);
    expect(mine.every((task) => task.doneOn === null && !task.overdue)).toBe(true);
    const registration = mine.find((task) => task.phase === 'registration')!;
    expect((await request(t.app, njdl, 'POST', `/api/campaign/santongshi/${registration.id}/done`)).statusCode).toBe(404);
    const done = await request(t.app, gucun, 'POST', `/api/campaign/santongshi/${registration.id}/done`);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<SantongshiTask>().doneOn).not.toBeNull();
    expect((await request(t.app, gucun, 'POST', `/api/campaign/santongshi/${registration.id}/done`)).statusCode).toBe(409);
    // an old enterprise entered into the registry, or a state one, gets none
    const old = (await request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput({ registeredOn: '2015-01-01' }))).json<Enterprise>();
    const state = (await request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput({ ownership: 'state', registeredOn: today }))).json<Enterprise>();
    const all = (await request(t.app, gucun, 'GET', '/api/campaign/santongshi?status=all&pageSize=200')).json<{ items: SantongshiTask[] }>();
    expect(all.items.some((task) => task.enterprise.id === old.id || task.enterprise.id === state.id)).toBe(false);
    expect((await request(t.app, njdl, 'GET', '/api/campaign/santongshi?status=all&pageSize=200')).json<{ items: SantongshiTask[] }>()
      .items.some((task) => task.enterprise.id === id)).toBe(false);
  });
});
