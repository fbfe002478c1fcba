import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  addDays, shanghaiDate, type CaseItem, type ConsultationItem, type ContractItem, type Enterprise, type RightsSummary, type RoundItem, type WarningItem,
} from '@lianxin/contracts';
import { enterpriseInput, newPhone } from './support/fixtures.ts';
import { pdfText, squash } from './support/pdf-text.ts';
import { request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';
import fc from 'fast-check';
import { foldContractCoverage, rightsFigures } from '../src/features/rights/summary.service.ts';
import { seedDemoRights, splitFen } from '../src/features/rights/demo-rights.ts';

let t: TestApp;
let gucun: Session;
let baoshan: Session;
let foreign: Session;
let assessor: Session;
let baoshanOrgId: number;
const today = shanghaiDate();

beforeAll(async () => {
  // sessions idle up to 10 days: the fake-clock test moves the clock two days on
  t = await startTestApp({ sessionIdleMs: 10 * 86_400_000 });
  gucun = await signIn(t.app, 'demo-gucun');
  baoshan = await signIn(t.app, 'demo-baoshan');
  foreign = await signIn(t.app, 'staff-310101');
  assessor = await signIn(t.app, 'demo-assessor');
  baoshanOrgId = baoshan.orgId;
});
afterAll(() => t.close());

let serial = 0;
async function newEnterprise(employeeCount = 80): Promise<Enterprise> {
  const response = await request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput({ employeeCount, name: `上海维权测试机械${++serial}号有限公司` }));
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Enterprise>();
}
const workers = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `职工${String.fromCharCode(0x4e00 + i)}`, phone: newPhone() }));
async function openCase(enterpriseId: number, body: Record<string, unknown> = {}): Promise<CaseItem> {
  const response = await request(t.app, gucun, 'POST', '/api/rights/cases', { enterpriseId, type: 'wage_arrears', workers: workers(1), claimFen: 1_234_500, ...body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<CaseItem>();
}
/** A regional federation of 顾村 covering the enterprises (org_coverage); its id. */
async function newFederation(enterpriseIds: number[]): Promise<number> {
  const response = await request(t.app, gucun, 'POST', '/api/orgs', {
    parentId: gucun.orgId, name: `顾村镇维权测试区域工会联合会${++serial}`, kind: 'regional_federation', regionCode: '310113109', coveredEnterpriseIds: enterpriseIds,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: number }>().id;
}
const stage = (id: number, body: unknown, session = gucun) => request(t.app, session, 'POST', `/api/rights/cases/${id}/stage`, body);
const summary = async (session: Session, query = '') => {
  const response = await request(t.app, session, 'GET', `/api/rights/summary?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<RightsSummary>();
};

describe('dispute cases', () => {
  it('open for any worker with phones encrypted and masked, and list with the enterprise, status and outcome', async () => {
    const e = await newEnterprise();
    const phone = newPhone();
    const opened = await openCase(e.id, { workers: [{ name: '张维权', phone }], mediator: '李调解', lawyer: '王律师' });
    expect(opened).toMatchObject({ status: 'accepted', outcome: null, isGroup: false, workerCount: 1, enterprise: { id: e.id, name: e.name }, clock: null });
    expect(opened.workers[0]!.phone).not.toBe(phone);
    expect(opened.workers[0]!.phone).toMatch(/\*/);
    const [stored] = await t.handle.query<{ phone_enc: string }>('select phone_enc from rights_case_workers w join rights_cases c on c.id = w.case_id where c.id = $1', [opened.id]);
    expect(stored!.phone_enc.startsWith('v1:')).toBe(true);
    const list = await request(t.app, gucun, 'GET', `/api/rights/cases?enterpriseId=${e.id}&status=accepted&type=wage_arrears`);
    expect(list.json<{ items: CaseItem[]; total: number }>()).toMatchObject({ total: 1, items: [{ id: opened.id, enterprise: { id: e.id, name: e.name }, status: 'accepted', outcome: null }] });
    const [audit] = await t.handle.query<{ n: number }>(`select count(*)::int as n from audit_log where object_type = 'rights_case' and object_id = $1`, [String(opened.id)]);
    expect(audit!.n).toBe(1);
  });

  it('another street or district sees nothing, the assessor cannot write, bad input is a 400 on the field', async () => {
    const e = await newEnterprise();
    const c = await openCase(e.id);
    expect((await request(t.app, foreign, 'GET', `/api/rights/cases/${c.id}`)).statusCode).toBe(404);
    expect((await stage(c.id, { to: 'investigating' }, foreign)).statusCode).toBe(404);
    expect((await request(t.app, foreign, 'POST', '/api/rights/cases', { enterpriseId: e.id, type: 'other', workers: workers(1), claimFen: 0 })).statusCode).toBe(404);
    const foreignList = await request(t.app, foreign, 'GET', '/api/rights/cases?pageSize=200');
    expect(foreignList.json<{ items: CaseItem[] }>().items.some((i) => i.enterprise.id === e.id)).toBe(false);
    expect((await request(t.app, foreign, 'GET', `/api/rights/cases?orgId=${gucun.orgId}`)).statusCode).toBe(404);
    expect((await stage(c.id, { to: 'investigating' }, assessor)).statusCode).toBe(403);
    const bad = await request(t.app, gucun, 'POST', '/api/rights/cases', { enterpriseId: e.id, type: 'wage_arrears', workers: [{ name: '赵', phone: '123' }], claimFen: -1 });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json<{ fields: Record<string, string> }>().fields).sort()).toEqual(['claimFen', 'workers.0.phone']);
    const half = await request(t.app, gucun, 'POST', '/api/rights/cases', { enterpriseId: e.id, type: 'wage_arrears', workers: [], claimFen: 1.5 });
    expect(half.statusCode).toBe(400);
  });

  it('flag a group dispute from the city threshold (default 10)', async () => {
    const e = await newEnterprise();
    expect((await openCase(e.id, { workers: workers(10) })).isGroup).toBe(true);
    expect((await openCase(e.id, { workers: workers(9) })).isGroup).toBe(false);
    await t.handle.query(`update settings set value = '5' where key = 'rights.groupThreshold'`);
    try {
      expect((await openCase(e.id, { workers: workers(5) })).isGroup).toBe(true);
    } finally {
      await t.handle.query(`update settings set value = '10' where key = 'rights.groupThreshold'`);
    }
  });

  it('move 受理 → 调查 → 调解 → 结案 in order, show the art. 14 clock, and close with the amount recovered', async () => {
    const e = await newEnterprise();
    const c = await openCase(e.id, { receivedOn: addDays(today, -20) });
    expect((await stage(c.id, { to: 'mediating' })).statusCode).toBe(409);
    expect((await stage(c.id, { to: 'investigating', on: addDays(today, -19) })).json<CaseItem>().status).toBe('investigating');
    const early = await stage(c.id, { to: 'closed', outcome: 'success', recoveredFen: 100 });
    expect(early.statusCode).toBe(409);
    const mediating = await stage(c.id, { to: 'mediating', on: addDays(today, -16), mediationAppliedOn: addDays(today, -16) });
    expect(mediating.json<CaseItem>().clock).toEqual({ appliedOn: addDays(today, -16), deadline: addDays(today, -1), daysLeft: -1, mayArbitrate: true });
    expect((await stage(c.id, { to: 'closed', outcome: 'success' })).json<{ fields: Record<string, string> }>().fields).toHaveProperty('recoveredFen');
    expect((await stage(c.id, { to: 'closed', outcome: 'arbitration', recoveredFen: 5 })).statusCode).toBe(400);
    expect((await stage(c.id, { to: 'closed', outcome: 'success', recoveredFen: 1, on: addDays(today, 1) })).statusCode).toBe(400);
    const closed = await stage(c.id, { to: 'closed', outcome: 'success', recoveredFen: 1_200_000, agreementText: '被申请人于十日内一次性支付。' });
    expect(closed.json<CaseItem>()).toMatchObject({ status: 'closed', outcome: 'success', recoveredFen: 1_200_000, closedOn: today, clock: null });
    expect((await stage(c.id, { to: 'closed', outcome: 'withdrawn' })).statusCode).toBe(409);
    // the detail carries the stage history, oldest first
    const detail = (await request(t.app, gucun, 'GET', `/api/rights/cases/${c.id}`)).json<CaseItem>();
    expect(detail.history?.map((h) => [h.from, h.to, h.on])).toEqual([
      ['accepted', 'investigating', addDays(today, -19)], ['investigating', 'mediating', addDays(today, -16)], ['mediating', 'closed', today],
    ]);
    // 不予受理 only at acceptance
    const other = await openCase(e.id);
    expect((await stage(other.id, { to: 'closed', outcome: 'not_accepted' })).json<CaseItem>()).toMatchObject({ outcome: 'not_accepted', recoveredFen: 0 });
  });

  it('print the 调解协议书 naming the parties, only for an agreement', async () => {
    const e = await newEnterprise();
    const c = await openCase(e.id, { workers: [{ name: '陈阿姨' }, { name: '刘师傅', phone: newPhone() }], mediationOrg: '顾村镇劳动争议调解委员会', mediator: '周调解' });
    expect((await request(t.app, gucun, 'GET', `/api/rights/cases/${c.id}/agreement.pdf`)).statusCode).toBe(409);
    await stage(c.id, { to: 'investigating' });
    await stage(c.id, { to: 'mediating' });
    await stage(c.id, { to: 'closed', outcome: 'partial', recoveredFen: 654_321 });
    const pdf = await request(t.app, gucun, 'GET', `/api/rights/cases/${c.id}/agreement.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = squash(await pdfText(pdf.rawPayload));
    for (const part of ['调解协议书', '陈阿姨', '刘师傅', squash(e.name), '顾村镇劳动争议调解委员会', '周调解', '6,543.21', c.caseNumber]) expect(text).toContain(part);
    expect((await request(t.app, foreign, 'GET', `/api/rights/cases/${c.id}/agreement.pdf`)).statusCode).toBe(404);
  });
});

describe('early warnings', () => {
  it('are raised automatically at 3 cases of one enterprise in 30 days, once while open', async () => {
    const e = await newEnterprise();
    await openCase(e.id, { receivedOn: addDays(today, -40) });
    await openCase(e.id, { receivedOn: addDays(today, -29) });
    await openCase(e.id);
    const before = await request(t.app, gucun, 'GET', `/api/rights/warnings?enterpriseId=${e.id}`);
    expect(before.json<{ total: number }>().total).toBe(0);
    await openCase(e.id, { workers: workers(12) });
    await openCase(e.id, { description: '又一名职工来访' }); // not the same case again (that would answer the first: a resend)
    const after = (await request(t.app, gucun, 'GET', `/api/rights/warnings?enterpriseId=${e.id}`)).json<{ items: WarningItem[]; total: number }>();
    expect(after.total).toBe(1);
    expect(after.items[0]).toMatchObject({ source: 'auto', signal: 'case_cluster', level: 'serious', status: 'open', deadline: addDays(today, 15) });
  });

  it('are entered by staff with the 整改意见函 and its deadline, take emergency meetings when major, and close', async () => {
    const e = await newEnterprise();
    const general = await request(t.app, gucun, 'POST', '/api/rights/warnings', { enterpriseId: e.id, signal: 'wage_arrears', level: 'general', description: '拖欠两个月工资。', deadlineDays: 10 });
    expect(general.statusCode, general.body).toBe(201);
    const w = general.json<WarningItem>();
    expect(w).toMatchObject({ source: 'staff', deadline: addDays(today, 10) });
    const letter = await request(t.app, gucun, 'GET', `/api/rights/warnings/${w.id}/letter.pdf`);
    expect(letter.statusCode).toBe(200);
    const text = squash(await pdfText(letter.rawPayload));
    for (const part of ['工会劳动法律监督整改意见函', squash(e.name), '欠薪', '拖欠两个月工资', '工监函']) expect(text).toContain(part);
    const [y, m, d] = addDays(today, 10).split('-');
    expect(text).toContain(`${y}年${Number(m)}月${Number(d)}日前`);
    const meeting = { heldOn: today, participants: '企业负责人、街道工会', minutes: '约谈', commitments: '月底前补发', followUpOn: addDays(today, 7) };
    expect((await request(t.app, gucun, 'POST', `/api/rights/warnings/${w.id}/meetings`, meeting)).statusCode).toBe(409);
    const major = (await request(t.app, gucun, 'POST', '/api/rights/warnings', { enterpriseId: e.id, signal: 'relocation_closure', level: 'major' })).json<WarningItem>();
    const met = await request(t.app, gucun, 'POST', `/api/rights/warnings/${major.id}/meetings`, meeting);
    expect(met.statusCode, met.body).toBe(201);
    expect(met.json<WarningItem>().meetings).toEqual([expect.objectContaining({ heldOn: today, commitments: '月底前补发' })]);
    const majors = (await request(t.app, gucun, 'GET', `/api/rights/warnings?level=major&enterpriseId=${e.id}`)).json<{ items: WarningItem[] }>();
    expect(majors.items.map((i) => i.id)).toEqual([major.id]);
    expect((await request(t.app, gucun, 'POST', `/api/rights/warnings/${major.id}/close`, { resolution: '已补发' })).json<WarningItem>().status).toBe('closed');
    expect((await request(t.app, gucun, 'POST', `/api/rights/warnings/${major.id}/close`, {})).statusCode).toBe(409);
    expect((await request(t.app, foreign, 'GET', `/api/rights/warnings/${w.id}/letter.pdf`)).statusCode).toBe(404);
  });
});

describe('collective bargaining', () => {
  it('holds up to 5 rounds of a topic a year and refuses the 6th', async () => {
    const e = await newEnterprise();
    const round = (n: number) => request(t.app, gucun, 'POST', '/api/bargaining/rounds', {
      enterpriseId: e.id, topic: 'wage', year: 2026, heldOn: today, attendees: '工会主席、人事经理', unionDemandBp: 800 - n * 50, companyOfferBp: 300 + n * 50, minutes: `第${n}轮`,
    });
    for (let n = 1; n <= 5; n++) {
      const r = await round(n);
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json<RoundItem>().roundNo).toBe(n);
    }
    const sixth = await round(6);
    expect(sixth.statusCode).toBe(409);
    expect(sixth.json<{ message: string }>().message).toContain('5');
    // another topic or year starts again
    expect((await request(t.app, gucun, 'POST', '/api/bargaining/rounds', { enterpriseId: e.id, topic: 'bonus', year: 2026, heldOn: today })).json<RoundItem>().roundNo).toBe(1);
    expect((await request(t.app, gucun, 'GET', `/api/bargaining/rounds?enterpriseId=${e.id}`)).json<{ items: RoundItem[] }>().items).toHaveLength(6);
  });

  it('records contracts with their term rules, the joint council\'s veto, filing, checks and the expiry list', async () => {
    const e = await newEnterprise(150);
    const contract = (body: Record<string, unknown>) => request(t.app, gucun, 'POST', '/api/bargaining/contracts', {
      enterpriseId: e.id, kind: 'collective', validFrom: addDays(today, -300), validTo: addDays(today, 60), increaseBp: 550, minimumWageFen: 269_000, signedOn: addDays(today, -310), ...body,
    });
    expect((await contract({ validTo: addDays(today, 1200) })).statusCode).toBe(400);
    const created = await contract({});
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json<ContractItem>();
    expect(c).toMatchObject({ status: 'signed', coveredEmployees: 150, daysToExpiry: 60 });
    expect((await contract({ validFrom: addDays(today, 30), validTo: addDays(today, 400) })).statusCode).toBe(409);
    const wage = (await contract({ kind: 'wage_specific', validFrom: addDays(today, -10), validTo: addDays(today, 355) })).json<ContractItem>();
    // the veto needs the joint council's duty
    expect((await request(t.app, gucun, 'POST', `/api/bargaining/contracts/${wage.id}/veto`, { reason: '涨幅过低' })).statusCode).toBe(403);
    const grant = await request(t.app, baoshan, 'POST', `/api/orgs/${gucun.orgId}/grants`, { userId: gucun.userId, kind: 'joint_council' });
    expect(grant.statusCode, grant.body).toBe(201);
    const council = await signIn(t.app, 'demo-gucun');
    expect((await request(t.app, council, 'POST', `/api/bargaining/contracts/${c.id}/veto`, { reason: '不适用' })).statusCode).toBe(409);
    const vetoed = await request(t.app, council, 'POST', `/api/bargaining/contracts/${wage.id}/veto`, { reason: '涨幅过低' });
    expect(vetoed.json<ContractItem>()).toMatchObject({ status: 'vetoed', vetoReason: '涨幅过低' });
    expect((await request(t.app, foreign, 'POST', `/api/bargaining/contracts/${c.id}/file`, { filedOn: today })).statusCode).toBe(404);
    expect((await request(t.app, gucun, 'POST', `/api/bargaining/contracts/${c.id}/file`, { filedOn: today })).json<ContractItem>().status).toBe('filed');
    const check = await request(t.app, gucun, 'POST', `/api/bargaining/contracts/${c.id}/checks`, { checkedOn: today, visits: '走访职工5人', wagesPaid: false, findings: '三月未按约定调薪', rectification: '限期补发' });
    expect(check.statusCode, check.body).toBe(201);
    expect(check.json<ContractItem>().checks).toEqual([expect.objectContaining({ wagesPaid: false, findings: '三月未按约定调薪' })]);
    const expiring = (await request(t.app, gucun, 'GET', '/api/bargaining/contracts?expiringWithinDays=90&pageSize=200')).json<{ items: ContractItem[] }>();
    expect(expiring.items.map((i) => i.id)).toContain(c.id);
    expect(expiring.items.every((i) => i.daysToExpiry >= 0 && i.daysToExpiry <= 90 && i.status !== 'vetoed')).toBe(true);
    const soon = (await request(t.app, gucun, 'GET', '/api/bargaining/contracts?expiringWithinDays=30&pageSize=200')).json<{ items: ContractItem[] }>();
    expect(soon.items.map((i) => i.id)).not.toContain(c.id);
    expect((await request(t.app, foreign, 'GET', '/api/bargaining/contracts?expiringWithinDays=90&pageSize=200')).json<{ items: ContractItem[] }>().items.map((i) => i.id)).not.toContain(c.id);
  });

  it('records a regional/industry contract for the enterprises its union covers, each counted once and reminded the same', async () => {
    const [a, b, own, outside] = [await newEnterprise(40), await newEnterprise(25), await newEnterprise(90), await newEnterprise(10)];
    const federation = await newFederation([a.id, b.id, own.id]);
    const body = (extra: Record<string, unknown>) => ({
      kind: 'collective', validFrom: addDays(today, -100), validTo: addDays(today, 80), increaseBp: 300, minimumWageFen: 269_000, signedOn: addDays(today, -100), ...extra,
    });
    const post = (extra: Record<string, unknown>, session = gucun) => request(t.app, session, 'POST', '/api/bargaining/contracts', body(extra));
    // the enterprise with its own contract in force cannot be covered again for the same term
    expect((await post({ enterpriseId: own.id })).statusCode).toBe(201);
    const before = await summary(gucun, `orgId=${gucun.orgId}`);
    const overlap = await post({ orgId: federation, coveredEnterpriseIds: [a.id, b.id, own.id] });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json<{ details: { enterpriseId: number } }>().details.enterpriseId).toBe(own.id);
    expect((await t.handle.query('select 1 from bargaining_regional_contracts where org_id = $1', [federation])).length).toBe(0);
    // only enterprises the union covers, only a regional/industry union, one target or the other, only inside the scope
    expect((await post({ orgId: federation, coveredEnterpriseIds: [a.id, outside.id] })).json<{ fields: Record<string, string> }>().fields.coveredEnterpriseIds).toMatch(/覆盖范围/);
    expect((await post({ orgId: gucun.orgId, coveredEnterpriseIds: [a.id] })).json<{ fields: Record<string, string> }>().fields.orgId).toMatch(/区域性/);
    expect((await post({ enterpriseId: a.id, orgId: federation, coveredEnterpriseIds: [a.id] })).statusCode).toBe(400);
    expect((await post({ orgId: federation })).statusCode).toBe(400);
    expect((await post({ orgId: federation, coveredEnterpriseIds: [a.id] }, foreign)).statusCode).toBe(404);
    const created = await post({ orgId: federation, coveredEnterpriseIds: [b.id, a.id, a.id] });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json<ContractItem>()).toMatchObject({ enterprise: { id: a.id }, coveredEmployees: 40, regional: { org: { id: federation }, coveredEnterprises: 2 } });
    const after = await summary(gucun, `orgId=${gucun.orgId}`);
    expect(after.contractCoverage).toEqual({ enterprises: before.contractCoverage.enterprises + 2, employees: before.contractCoverage.employees + 65 });
    const list = (await request(t.app, gucun, 'GET', '/api/bargaining/contracts?expiringWithinDays=90&pageSize=200')).json<{ items: ContractItem[] }>();
    const regional = list.items.filter((i) => i.regional?.org.id === federation);
    expect(regional.map((i) => i.enterprise.id).sort()).toEqual([a.id, b.id].sort());
    expect(regional.every((i) => i.regional!.coveredEnterprises === 2 && i.daysToExpiry === 80)).toBe(true);
    expect(list.items.find((i) => i.enterprise.id === own.id)?.regional).toBeNull();
    const [audit] = await t.handle.query<{ n: number }>(`select count(*)::int as n from audit_log where object_type = 'bargaining_regional_contract' and object_id = $1`, [String(regional[0]!.regional!.id)]);
    expect(audit!.n).toBe(1);
  });
});

describe('an enterprise under its own and a regional contract of one kind', () => {
  const body = (extra: Record<string, unknown>) => ({
    kind: 'wage_specific', validFrom: addDays(today, -60), validTo: addDays(today, 300), increaseBp: 400, minimumWageFen: 274_000, signedOn: addDays(today, -60), ...extra,
  });
  const post = (extra: Record<string, unknown>) => request(t.app, gucun, 'POST', '/api/bargaining/contracts', body(extra));
  type Refusal = { message: string; fields: Record<string, string>; details: { contractId: number; enterpriseId: number } };

  it('refuses a regional contract over an enterprise with its own, naming the own contract, and writes nothing', async () => {
    const [own, other] = [await newEnterprise(70), await newEnterprise(20)];
    const federation = await newFederation([own.id, other.id]);
    const signed = await post({ enterpriseId: own.id, validFrom: addDays(today, -200), validTo: addDays(today, 160), signedOn: addDays(today, -205) });
    expect(signed.statusCode, signed.body).toBe(201);
    const refused = await post({ orgId: federation, coveredEnterpriseIds: [other.id, own.id] });
    expect(refused.statusCode).toBe(409);
    const answer = refused.json<Refusal>();
    expect(answer.message).toBe(`${own.name}已有本企业签订的同类合同（${addDays(today, -200)} 至 ${addDays(today, 160)}），不能再纳入区域性/行业性合同`);
    expect(answer.fields.coveredEnterpriseIds).toBe(answer.message);
    expect(answer.details).toEqual({ contractId: signed.json<ContractItem>().id, enterpriseId: own.id });
    const written = await t.handle.query('select 1 from bargaining_contracts where enterprise_id = $1', [other.id]);
    expect(written.length).toBe(0);
    // another kind is no overlap
    expect((await post({ kind: 'collective', orgId: federation, coveredEnterpriseIds: [other.id, own.id] })).statusCode).toBe(201);
  });

  it('refuses an own contract while a regional one of the kind covers the enterprise, naming the union; English too', async () => {
    const [a, b] = [await newEnterprise(45), await newEnterprise(35)];
    const federation = await newFederation([a.id, b.id]);
    const [fed] = await t.handle.query<{ name: string }>('select name from orgs where id = $1', [federation]);
    expect((await post({ orgId: federation, coveredEnterpriseIds: [a.id, b.id] })).statusCode).toBe(201);
    const refused = await post({ enterpriseId: a.id, validFrom: addDays(today, 200), validTo: addDays(today, 500), signedOn: today });
    expect(refused.statusCode).toBe(409);
    const answer = refused.json<Refusal>();
    expect(answer.message).toBe(`${a.name}已在「${fed!.name}」签订的区域性/行业性同类合同覆盖之下（${addDays(today, -60)} 至 ${addDays(today, 300)}），不能再签订同类合同`);
    expect(answer.fields).toEqual({ validFrom: answer.message });
    const english = await request(t.app, gucun, 'POST', '/api/bargaining/contracts', body({ enterpriseId: a.id }), { 'accept-language': 'en' });
    expect(english.json<Refusal>().message).toContain(`signed by ${fed!.name}`);
    // a second regional contract of the kind is refused the same way; after the term ends the enterprise may sign its own
    const second = await newFederation([b.id]);
    const again = await request(t.app, gucun, 'POST', '/api/bargaining/contracts', body({ orgId: second, coveredEnterpriseIds: [b.id] }));
    expect(again.statusCode).toBe(409);
    expect(again.json<Refusal>().message).toContain(`「${fed!.name}」`);
    expect((await post({ enterpriseId: a.id, validFrom: addDays(today, 301), validTo: addDays(today, 660), signedOn: today })).statusCode).toBe(201);
    const [rows] = await t.handle.query<{ n: number }>(`select count(*)::int as n from bargaining_contracts where enterprise_id = $1 and kind = 'wage_specific'`, [a.id]);
    expect(rows!.n).toBe(2);
  });
});

describe('bargaining preparation', () => {
  it('keeps an enterprise\'s calendar (电装: bonus in June, wages in October, welfare monthly), one line per topic and month', async () => {
    const e = await newEnterprise();
    const add = (body: Record<string, unknown>, session = gucun) => request(t.app, session, 'POST', '/api/bargaining/calendar', { enterpriseId: e.id, ...body });
    for (const line of [{ topic: 'wage', month: 10, note: '工资协商' }, { topic: 'bonus', month: 6, note: '奖金协商' }, { topic: 'welfare', month: null, note: '每月福利' }]) {
      expect((await add(line)).statusCode).toBe(201);
    }
    expect((await add({ topic: 'bonus', month: 6 })).statusCode).toBe(409);
    expect((await add({ topic: 'welfare', month: null })).statusCode).toBe(409);
    expect((await add({ topic: 'bonus', month: 13 })).statusCode).toBe(400);
    expect((await add({ topic: 'bonus', month: 7 }, foreign)).statusCode).toBe(404);
    const calendar = (await request(t.app, gucun, 'GET', `/api/bargaining/calendar?enterpriseId=${e.id}`)).json<{ items: { topic: string; month: number | null }[] }>();
    expect(calendar.items.map((i) => [i.topic, i.month])).toEqual([['welfare', null], ['bonus', 6], ['wage', 10]]);
    expect((await request(t.app, foreign, 'GET', `/api/bargaining/calendar?enterpriseId=${e.id}`)).statusCode).toBe(404);
  });

  it('records a year\'s preparation data (profit, CPI, the wage guideline lower ≤ base ≤ upper) and replaces it', async () => {
    const e = await newEnterprise();
    const path = `/api/bargaining/preparations?enterpriseId=${e.id}&year=2026`;
    expect((await request(t.app, gucun, 'GET', path)).json()).toMatchObject({ enterpriseId: e.id, year: 2026, lastYearProfitFen: null, guidelineBaseBp: null });
    const body = { enterpriseId: e.id, year: 2026, lastYearProfitFen: 123_456_789_00, cpiBp: 20, guidelineBaseBp: 500, guidelineUpperBp: 800, guidelineLowerBp: 300 };
    const saved = await request(t.app, gucun, 'PUT', '/api/bargaining/preparations', body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual(body);
    const loss = { ...body, lastYearProfitFen: -5_000_000, guidelineBaseBp: 450 };
    expect((await request(t.app, gucun, 'PUT', '/api/bargaining/preparations', loss)).json()).toEqual(loss);
    expect((await request(t.app, gucun, 'GET', path)).json()).toEqual(loss);
    const wrong = await request(t.app, gucun, 'PUT', '/api/bargaining/preparations', { ...body, guidelineLowerBp: 600 });
    expect([wrong.statusCode, Object.keys(wrong.json<{ fields: Record<string, string> }>().fields)]).toEqual([400, ['guidelineBaseBp']]);
    expect((await request(t.app, foreign, 'PUT', '/api/bargaining/preparations', body)).statusCode).toBe(404);
    expect((await request(t.app, assessor, 'PUT', '/api/bargaining/preparations', body)).statusCode).toBe(403);
    await expect(t.handle.query('update bargaining_preparations set guideline_lower_bp = 900 where enterprise_id = $1', [e.id])).rejects.toThrow();
    const [audit] = await t.handle.query<{ n: number }>(`select count(*)::int as n from audit_log where object_type = 'bargaining_preparation' and object_id = $1`, [`${e.id}:2026`]);
    expect(audit!.n).toBe(2);
  });
});

describe('consultation meetings (恳谈会)', () => {
  const move = (id: number, body: unknown, session = gucun) => request(t.app, session, 'POST', `/api/rights/consultations/${id}/step`, body);
  const consultationsDue = async (session: Session) => {
    const bench = (await request(t.app, session, 'GET', '/api/workbench')).json<{ items: { kind: string; count: number; overdue: number }[] }>();
    return bench.items.find((i) => i.kind === 'rights.consultationsDue')!;
  };

  it('go through the fixed steps in order, each dated, one under way per enterprise; resends answer the first', async () => {
    const e = await newEnterprise();
    const body = { enterpriseId: e.id, collectedOn: addDays(today, -30), issues: '食堂伙食、夜班班车' };
    const opened = await request(t.app, gucun, 'POST', '/api/rights/consultations', body);
    expect(opened.statusCode, opened.body).toBe(201);
    const k = opened.json<ConsultationItem>();
    expect(k).toMatchObject({ enterprise: { id: e.id, name: e.name }, step: 'collecting', steps: [{ step: 'collecting', on: addDays(today, -30), text: '食堂伙食、夜班班车' }] });
    const again = await request(t.app, gucun, 'POST', '/api/rights/consultations', body);
    expect([again.statusCode, again.json<ConsultationItem>().id]).toEqual([200, k.id]);
    const second = await request(t.app, gucun, 'POST', '/api/rights/consultations', { ...body, issues: '另一次' });
    expect([second.statusCode, second.json<{ message: string }>().message]).toEqual([409, '该企业已有进行中的恳谈会']);

    // out of order, before the previous step, in the future
    expect((await move(k.id, { to: 'meeting', on: today, text: '会议纪要' })).statusCode).toBe(409);
    const early = await move(k.id, { to: 'participants', on: addDays(today, -31), text: '职工代表5人' });
    expect([early.statusCode, early.json<{ fields: Record<string, string> }>().fields.on]).toEqual([400, '日期不能早于上一步']);
    expect((await move(k.id, { to: 'participants', on: addDays(today, 1), text: '职工代表5人' })).statusCode).toBe(400);
    expect((await move(k.id, { to: 'participants', on: addDays(today, -20), text: '职工代表5人' }, foreign)).statusCode).toBe(404);

    const steps = [
      { to: 'participants', on: addDays(today, -20), text: '职工代表5人、总经理、人事经理' },
      { to: 'feedback', on: addDays(today, -10), text: '企业书面答复班车问题' },
      { to: 'meeting', on: addDays(today, -5), text: '恳谈会纪要：增开夜班班车' },
      { to: 'published', on: today, text: '结果在厂务公开栏公布' },
    ] as const;
    let item = k;
    for (const step of steps) {
      const moved = await move(k.id, step);
      expect(moved.statusCode, moved.body).toBe(200);
      item = moved.json<ConsultationItem>();
      expect(item.step).toBe(step.to);
    }
    // the same last step sent again answers the consultation as it is; nothing follows the published results
    expect((await move(k.id, steps[3])).statusCode).toBe(200);
    expect((await move(k.id, { to: 'published', on: today, text: '再次公开' })).statusCode).toBe(409);
    expect(item.steps.map((s) => [s.step, s.on])).toEqual([
      ['collecting', addDays(today, -30)], ['participants', addDays(today, -20)], ['feedback', addDays(today, -10)], ['meeting', addDays(today, -5)], ['published', today],
    ]);
    const [audit] = await t.handle.query<{ n: number }>(`select count(*)::int as n from audit_log where object_type = 'rights_consultation' and object_id = $1`, [String(k.id)]);
    expect(audit!.n).toBe(5);
    // published: a new one may start
    expect((await request(t.app, gucun, 'POST', '/api/rights/consultations', { ...body, issues: '下一轮' })).statusCode).toBe(201);
    const list = (await request(t.app, gucun, 'GET', `/api/rights/consultations?enterpriseId=${e.id}&step=published`)).json<{ items: ConsultationItem[]; total: number }>();
    expect(list).toMatchObject({ total: 1, items: [{ id: k.id }] });
    expect((await request(t.app, foreign, 'GET', `/api/rights/consultations/${k.id}`)).statusCode).toBe(404);
    expect((await request(t.app, foreign, 'GET', '/api/rights/consultations?pageSize=200')).json<{ items: ConsultationItem[] }>().items.some((i) => i.id === k.id)).toBe(false);
    expect((await request(t.app, gucun, 'POST', '/api/rights/consultations', { ...body, collectedOn: addDays(today, 1) })).statusCode).toBe(400);
  });

  it('the database refuses steps without their day or days out of order', async () => {
    const e = await newEnterprise();
    const k = (await request(t.app, gucun, 'POST', '/api/rights/consultations', { enterpriseId: e.id, collectedOn: addDays(today, -3), issues: '工时' })).json<ConsultationItem>();
    await expect(t.handle.query(`update rights_consultations set step = 'feedback' where id = $1`, [k.id])).rejects.toThrow();
    await expect(t.handle.query(`update rights_consultations set step = 'participants', participants_on = $2 where id = $1`, [k.id, addDays(today, -4)])).rejects.toThrow();
  });

  it('the workbench counts enterprises with a union and no meeting this year, overdue from the city\'s month', async () => {
    const e = await newEnterprise();
    await t.handle.query(`update enterprises set union_status = 'own' where id = $1`, [e.id]);
    const before = await consultationsDue(gucun);
    expect(before.count).toBeGreaterThanOrEqual(1);
    expect((await consultationsDue(baoshan)).count).toBeGreaterThanOrEqual(before.count);
    const [counted] = await t.handle.query<{ n: number }>(`
      select count(*)::int as n from enterprises e, orgs o where o.id = $1 and e.org_path <@ o.path and e.union_status <> 'none'
         and not exists (select 1 from rights_consultations k where k.enterprise_id = e.id and k.held_on >= date_trunc('year', $2::date) and k.held_on <= $2::date)`,
    [gucun.orgId, today]);
    expect(before.count).toBe(counted!.n);
    const month = Number(today.slice(5, 7));
    await t.handle.query(`update settings set value = $1 where key = 'rights.consultationDueMonth'`, [JSON.stringify(month)]);
    try {
      expect((await consultationsDue(gucun)).overdue).toBe(before.count);
      await t.handle.query(`update settings set value = $1 where key = 'rights.consultationDueMonth'`, [JSON.stringify(month === 12 ? 13 : month + 1)]);
      expect((await consultationsDue(gucun)).overdue).toBe(0);
    } finally {
      await t.handle.query(`update settings set value = '10' where key = 'rights.consultationDueMonth'`);
    }
    // a meeting held this year takes the enterprise off
    const k = (await request(t.app, gucun, 'POST', '/api/rights/consultations', { enterpriseId: e.id, collectedOn: today, issues: '高温补贴' })).json<ConsultationItem>();
    for (const to of ['participants', 'feedback', 'meeting'] as const) expect((await move(k.id, { to, on: today, text: to })).statusCode).toBe(200);
    expect((await consultationsDue(gucun)).count).toBe(before.count - 1);
  });
});

/** The summary's figures counted directly from the base tables (as of `day`). */
async function direct(orgId: number, year: number | undefined, day: string) {
  const [row] = await t.handle.query<Record<string, number>>(`
    select (select count(*)::int from rights_cases c where c.org_path <@ o.path ${year ? `and extract(year from received_on) = ${year}` : ''}) as cases,
           (select count(*)::int from rights_cases c where c.org_path <@ o.path and status = 'closed' ${year ? `and extract(year from received_on) = ${year}` : ''}) as closed,
           (select count(*)::int from rights_cases c where c.org_path <@ o.path and outcome in ('success', 'partial') ${year ? `and extract(year from received_on) = ${year}` : ''}) as succeeded,
           (select coalesce(sum(recovered_fen), 0)::float8 from rights_cases c where c.org_path <@ o.path ${year ? `and extract(year from received_on) = ${year}` : ''}) as recovered,
           (select count(*)::int from rights_warnings w where w.org_path <@ o.path and status = 'open' and level = 'major') as major,
           (select count(*)::int from rights_warnings w where w.org_path <@ o.path and status = 'open' and level = 'general') as general,
           (select count(distinct enterprise_id)::int from bargaining_contracts k where k.org_path <@ o.path and kind = 'collective' and status <> 'vetoed' and '${day}' between valid_from and valid_to) as enterprises,
           (select coalesce(sum(covered_employees), 0)::int from bargaining_contracts k where k.org_path <@ o.path and kind = 'collective' and status <> 'vetoed' and '${day}' between valid_from and valid_to) as employees
      from orgs o where o.id = $1`, [orgId]);
  return row!;
}
const expectEqual = (s: RightsSummary, d: Record<string, number>) => {
  expect({ cases: s.cases, closed: s.closed, succeeded: s.succeeded, recovered: s.recoveredFen, major: s.openWarnings.major, general: s.openWarnings.general, ...s.contractCoverage })
    .toEqual({ cases: d.cases, closed: d.closed, succeeded: d.succeeded, recovered: d.recovered, major: d.major, general: d.general, enterprises: d.enterprises, employees: d.employees });
};

describe('the rights summary', () => {
  it('equals direct counts for a street and its district after random writes, folded or pending', async () => {
    let seed = 20_170_301;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const enterprises = [await newEnterprise(30), await newEnterprise(200), await newEnterprise(60)];
    const federation = await newFederation(enterprises.map((e) => e.id));
    const first = await request(t.app, gucun, 'POST', '/api/bargaining/contracts', {
      orgId: federation, coveredEnterpriseIds: [enterprises[0]!.id, enterprises[1]!.id], kind: 'collective', validFrom: addDays(today, -50), validTo: addDays(today, 300),
      minimumWageFen: 269_000, signedOn: addDays(today, -50),
    });
    expect(first.statusCode, first.body).toBe(201);
    const open: CaseItem[] = [];
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 6; i++) {
        const e = enterprises[random(3)]!;
        const action = random(6);
        if (action <= 1 || open.length === 0) {
          open.push(await openCase(e.id, { type: (['wage_arrears', 'overtime', 'severance'] as const)[random(3)], receivedOn: addDays(today, -random(400)), workers: workers(1 + random(12)) }));
        } else if (action === 2) {
          const c = open.pop()!;
          await stage(c.id, { to: 'investigating' });
          await stage(c.id, { to: 'mediating' });
          await stage(c.id, { to: 'closed', outcome: random(2) ? 'success' : 'partial', recoveredFen: random(5_000_000) });
        } else if (action === 3) {
          const c = open.shift()!;
          await stage(c.id, { to: 'closed', outcome: 'withdrawn' });
        } else if (action === 4) {
          await request(t.app, gucun, 'POST', '/api/rights/warnings', { enterpriseId: e.id, signal: 'layoff_plan', level: (['general', 'serious', 'major'] as const)[random(3)] });
        } else {
          const from = addDays(today, -random(900));
          // the enterprise's own contract, or a regional one over two or three of them (refused as a whole on an overlap)
          const target = random(2) ? { enterpriseId: e.id } : { orgId: federation, coveredEnterpriseIds: enterprises.slice(random(2)).map((x) => x.id) };
          await request(t.app, gucun, 'POST', '/api/bargaining/contracts', {
            ...target, kind: 'collective', validFrom: from, validTo: addDays(from, 30 + random(1000)), minimumWageFen: 269_000, signedOn: from,
          });
        }
      }
      if (round % 2 === 1) await t.handle.query('select compact_org_figures()');
      for (const [session, orgId] of [[gucun, gucun.orgId], [baoshan, baoshanOrgId]] as const) {
        expectEqual(await summary(session, `orgId=${orgId}`), await direct(orgId, undefined, today));
        const year = Number(today.slice(0, 4));
        const ofYear = await summary(session, `orgId=${orgId}&year=${year}`);
        const d = await direct(orgId, year, today);
        expect([ofYear.cases, ofYear.closed, ofYear.succeeded, ofYear.recoveredFen]).toEqual([d.cases, d.closed, d.succeeded, d.recovered]);
      }
    }
    // the random writes did put enterprises under the regional contract
    const [regional] = await t.handle.query<{ n: number }>('select count(*)::int as n from bargaining_regional_contracts where org_id = $1', [federation]);
    expect(regional!.n).toBeGreaterThan(0);
    const s = await summary(gucun);
    expect(s.successRate).toBeCloseTo(s.closed === 0 ? 0 : s.succeeded / s.closed, 10);
    expect(Object.values(s.byType).reduce((a, b) => a + b, 0)).toBe(s.cases);
    expect(Object.values(s.byOutcome).reduce((a, b) => a + b, 0)).toBe(s.closed);
  });

  it('counts a contract in force until its last day, by the Shanghai date alone (fake clock)', async () => {
    const e = await newEnterprise(77);
    const created = await request(t.app, gucun, 'POST', '/api/bargaining/contracts', {
      enterpriseId: e.id, kind: 'collective', validFrom: addDays(today, -100), validTo: addDays(today, 1), minimumWageFen: 269_000, signedOn: addDays(today, -100),
    });
    expect(created.statusCode, created.body).toBe(201);
    const before = await summary(gucun);
    expectEqual(before, await direct(gucun.orgId, undefined, today));
    for (const day of [addDays(today, 1), addDays(today, 2), addDays(today, 400)]) {
      expectEqual(await rightsFigures(t.handle.db, gucun.orgId, undefined, day), await direct(gucun.orgId, undefined, day));
    }
    // the route reads "today" from the clock: two days on (16:30 UTC = 00:30 in Shanghai), the contract is gone
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date(`${addDays(today, 1)}T16:30:00Z`));
      // a session opened at the moved clock (sessions expire by the clock too)
      const later = await summary(await signIn(t.app, 'demo-gucun'));
      expect(later.contractCoverage.enterprises).toBe(before.contractCoverage.enterprises - 1);
      expect(later.contractCoverage.employees).toBe(before.contractCoverage.employees - 77);
    } finally {
      vi.useRealTimers();
    }
  });

  it('folds the coverage days already past into one base row per unit, the figures unchanged (the rights job)', async () => {
    const contract = async (employees: number, validFrom: string, validTo: string) => {
      const e = await newEnterprise(employees);
      const created = await request(t.app, gucun, 'POST', '/api/bargaining/contracts', {
        enterpriseId: e.id, kind: 'collective', validFrom, validTo, minimumWageFen: 269_000, signedOn: validFrom,
      });
      expect(created.statusCode, created.body).toBe(201);
    };
    await contract(11, addDays(today, -700), addDays(today, -300));
    await contract(12, addDays(today, -500), addDays(today, 200));
    await contract(13, addDays(today, -20), today);
    await t.handle.query('select compact_org_figures()');
    const dayRows = async (orgId: number) => (await t.handle.query<{ n: number }>(`
      select count(*)::int as n from org_figures where org_id = $1 and metric like 'cc%' and metric not like '%@0000-00-00'
         and substr(metric, 8) < $2`, [orgId, today]))[0]!.n;
    expect(await dayRows(gucun.orgId)).toBeGreaterThan(2);
    const before = await summary(gucun);
    expect(await foldContractCoverage(t.handle.db)).toBeGreaterThan(0);
    expect(await dayRows(gucun.orgId)).toBe(0);
    expect(await dayRows(baoshanOrgId)).toBe(0);
    expect(await foldContractCoverage(t.handle.db)).toBe(0);
    for (const [session, orgId] of [[gucun, gucun.orgId], [baoshan, baoshanOrgId]] as const) {
      expectEqual(await summary(session, `orgId=${orgId}`), await direct(orgId, undefined, today));
      expectEqual(await rightsFigures(t.handle.db, orgId, undefined, addDays(today, 1)), await direct(orgId, undefined, addDays(today, 1)));
    }
    expect((await summary(gucun)).contractCoverage).toEqual(before.contractCoverage);
    // a contract recorded after the fold with a start in the past: its day rows (pending, then folded) still count
    await contract(14, addDays(today, -30), addDays(today, 300));
    expectEqual(await summary(gucun, `orgId=${gucun.orgId}`), await direct(gucun.orgId, undefined, today));
    await t.handle.query('select compact_org_figures()');
    expectEqual(await summary(gucun, `orgId=${gucun.orgId}`), await direct(gucun.orgId, undefined, today));
    // the next Shanghai day (16:30 UTC = 00:30 there) folds today's rows: tomorrow reads the same as the base tables
    expect(await foldContractCoverage(t.handle.db, new Date(`${today}T16:30:00Z`))).toBeGreaterThan(0);
    expect(await dayRows(gucun.orgId)).toBe(0);
    for (const orgId of [gucun.orgId, baoshanOrgId]) {
      expectEqual(await rightsFigures(t.handle.db, orgId, undefined, addDays(today, 1)), await direct(orgId, undefined, addDays(today, 1)));
      expectEqual(await rightsFigures(t.handle.db, orgId, undefined, addDays(today, 201)), await direct(orgId, undefined, addDays(today, 201)));
    }
  });

  it('is scoped: another district gets 404 for 顾村, the city sees it', async () => {
    expect((await request(t.app, foreign, 'GET', `/api/rights/summary?orgId=${gucun.orgId}`)).statusCode).toBe(404);
  });
});

describe('the demo', () => {
  it('holds 顾村\'s 2017: 301 cases, 98 % settled, 9,000,000 yuan recovered', async () => {
    // the test template has the base seed only; npm start runs the feature's demo hook on top of it
    await seedDemoRights(t.handle.db, t.app.keys);
    const s = await summary(gucun, `orgId=${gucun.orgId}&year=2017`);
    expect(s).toMatchObject({ cases: 301, closed: 301, succeeded: 295, recoveredFen: 900_000_000 });
    expect(s.successRate).toBeCloseTo(0.98, 2);
    // this year's work: cases in mediation, one past its art. 14 deadline
    const mediating = (await request(t.app, gucun, 'GET', '/api/rights/cases?status=mediating&pageSize=50')).json<{ items: CaseItem[] }>();
    expect(mediating.items.some((c) => c.clock?.mayArbitrate)).toBe(true);
    // the district's workbench carries 顾村's major warning, the overdue mediation and the expiring contracts
    const bench = (await request(t.app, baoshan, 'GET', '/api/workbench')).json<{ items: { kind: string; count: number; overdue: number }[] }>();
    const kind = (k: string) => bench.items.find((i) => i.kind === k);
    expect(kind('rights.majorWarnings')!.count).toBeGreaterThanOrEqual(1);
    expect(kind('rights.mediationDeadlines')!.overdue).toBeGreaterThanOrEqual(1);
    const [expiring] = await t.handle.query<{ n: number }>(`
      select count(*)::int as n from bargaining_contracts k, orgs o where o.id = $1 and k.org_path <@ o.path and k.status <> 'vetoed'
         and k.valid_from <= $2::date and k.valid_to between $2::date and $2::date + 90`, [baoshanOrgId, today]);
    expect(kind('bargaining.expiring')!.count).toBe(expiring!.n);
    expect(expiring!.n).toBeGreaterThan(0);
  });

  it('reads plausibly in every district and street this year, and the kept figures equal direct counts', async () => {
    const year = Number(today.slice(0, 4));
    const districts = await t.handle.query<{ id: number; region_code: string; employees: number }>(`
      select o.id, o.region_code, (select sum(employee_count)::int from enterprises e where e.org_path <@ o.path) as employees
        from orgs o where o.kind = 'district_federation' and o.status <> 'dissolved' order by o.region_code`);
    expect(districts).toHaveLength(16);
    const [city] = await t.handle.query<{ id: number }>(`select id from orgs where kind = 'city_federation'`);
    for (const orgId of [city!.id, ...districts.map((d) => d.id)]) {
      expectEqual(await rightsFigures(t.handle.db, orgId, year, today), await direct(orgId, year, today));
      expectEqual(await rightsFigures(t.handle.db, orgId, undefined, today), await direct(orgId, undefined, today));
    }
    for (const d of districts) {
      const s = await rightsFigures(t.handle.db, d.id, year, today);
      const where = `district ${d.region_code}`;
      expect(s.cases, where).toBeGreaterThanOrEqual(50);
      expect(s.successRate, where).toBeGreaterThanOrEqual(0.85);
      expect(s.successRate, where).toBeLessThanOrEqual(0.98);
      expect(s.closed, where).toBeLessThan(s.cases);
      expect(s.recoveredFen, where).toBeGreaterThan(0);
      expect(Object.values(s.byType).filter((n) => n > 0).length, where).toBeGreaterThanOrEqual(6);
      const { success = 0, ...others } = s.byOutcome;
      expect(success, where).toBeGreaterThan(Object.values(others).reduce((a: number, b) => a + (b ?? 0), 0));
      expect(s.openWarnings.general, where).toBeGreaterThan(0);
      expect(s.openWarnings.serious, where).toBeGreaterThan(0);
      expect(s.openWarnings.major, where).toBeGreaterThanOrEqual(1);
      expect(s.openWarnings.major, where).toBeLessThan(s.openWarnings.general + s.openWarnings.serious);
      const coverage = s.contractCoverage.employees / d.employees;
      expect(coverage, where).toBeGreaterThanOrEqual(0.4);
      expect(coverage, where).toBeLessThanOrEqual(0.8);
      const [expiring] = await t.handle.query<{ n: number }>(`
        select count(*)::int as n from bargaining_contracts k where k.org_path <@ (select path from orgs where id = $1) and k.status <> 'vetoed'
           and k.valid_from <= $2::date and k.valid_to between $2::date and $2::date + 90`, [d.id, today]);
      expect(expiring!.n, where).toBeGreaterThan(0);
    }
    // every street has this year's cases; street success rates (of streets with at least 8 closed) within 80–100 %, most 85–98 %
    const streets = await t.handle.query<{ region_code: string; cases: number; closed: number; ok: number }>(`
      select s.region_code, count(c.id)::int as cases, count(*) filter (where c.status = 'closed')::int as closed,
             count(*) filter (where c.outcome in ('success', 'partial'))::int as ok
        from orgs s left join enterprises e on e.region_code = s.region_code
        left join rights_cases c on c.enterprise_id = e.id and c.received_on >= $1::date
       where s.kind = 'street_federation' and s.status <> 'dissolved' group by 1`, [`${year}-01-01`]);
    expect(streets.filter((x) => x.cases === 0)).toEqual([]);
    const rates = streets.filter((x) => x.closed >= 8).map((x) => x.ok / x.closed);
    expect(rates.length).toBeGreaterThan(200);
    expect(Math.min(...rates)).toBeGreaterThanOrEqual(0.8);
    expect(rates.filter((r) => r >= 0.85 && r <= 0.98).length / rates.length).toBeGreaterThan(0.9);
    // the demo's cases (no author): recovered within the claim, only agreements recover, closed ones dated in order
    const [bad] = await t.handle.query<{ n: number }>(`
      select count(*)::int as n from rights_cases where created_by is null
         and (recovered_fen > claim_fen or (recovered_fen > 0 and outcome not in ('success', 'partial'))
              or (status = 'closed') <> (outcome is not null) or closed_on > $1::date or closed_on < received_on
              or mediation_applied_on < received_on or closed_on < mediation_applied_on)`, [today]);
    expect(bad!.n).toBe(0);
    // the parties' phones: encrypted and indexed as the API writes them, no stranger linked
    const phones = await t.handle.query<{ phone_enc: string; phone_hash: string; member_id: number | null }>(`
      select phone_enc, phone_hash, member_id from rights_case_workers w join rights_cases c on c.id = w.case_id
       where w.phone_enc is not null and c.received_on >= $1::date and c.case_number like 'RC%' order by w.id limit 200`, [`${year}-01-01`]);
    expect(phones.length).toBeGreaterThan(100);
    for (const p of phones) {
      const phone = t.app.keys.cipher.decrypt(p.phone_enc);
      expect(phone).toMatch(/^1[3-9]\d{9}$/);
      expect(p.phone_hash).toBe(t.app.keys.blindIndex(phone));
    }
    // a district's staff see their own district's cases in the list, none of another
    const list = await request(t.app, foreign, 'GET', '/api/rights/cases?pageSize=200');
    expect(list.statusCode, list.body).toBe(200);
    const page = list.json<{ items: CaseItem[]; total: number }>();
    expect(page.total).toBeGreaterThanOrEqual(50);
    const [outside] = await t.handle.query<{ n: number }>(`
      select count(*)::int as n from rights_cases c, orgs o where o.id = $1 and not c.org_path <@ o.path and c.id = any($2::int[])`,
    [foreign.orgId, page.items.map((c) => c.id)]);
    expect(outside!.n).toBe(0);
  });

  it('has warnings raised by the automatic rule on case clusters, and open warnings mostly within their deadline', async () => {
    const auto = await t.handle.query<{ district: string; status: string; signal: string; created_by: number | null; raised_on: string; signals: number }>(`
      select left(e.region_code, 6) as district, w.status, w.signal, w.created_by, w.raised_on::text as raised_on,
             (select count(*)::int from rights_cases c where c.enterprise_id = w.enterprise_id and c.received_on between w.raised_on - 29 and w.raised_on) as signals
        from rights_warnings w join enterprises e on e.id = w.enterprise_id where w.source = 'auto' and w.created_by is not null`);
    expect(new Set(auto.map((w) => w.district)).size).toBeGreaterThanOrEqual(8);
    expect(auto.some((w) => w.district === '310113')).toBe(true);
    // as the rule raises them: a case cluster of at least the threshold within the 30 days up to the day raised
    expect(auto.every((w) => w.signal === 'case_cluster' && w.signals >= 3)).toBe(true);
    const [open] = await t.handle.query<{ open: number; overdue: number; far: number }>(`
      select count(*)::int as open, count(*) filter (where deadline < $1::date)::int as overdue,
             count(*) filter (where deadline < $1::date - 10)::int as far
        from rights_warnings where status = 'open' and created_by is null or (status = 'open' and source = 'auto')`, [today]);
    expect(open!.overdue / open!.open).toBeGreaterThan(0.05);
    expect(open!.overdue / open!.open).toBeLessThan(0.3);
    expect(open!.far).toBe(0);
  });

  it('keeps its figures through the whole-table repair of the kept figures (rebuild_org_figures)', async () => {
    const before = [await summary(gucun, `orgId=${gucun.orgId}&year=2017`), await summary(baoshan, `orgId=${baoshanOrgId}`)];
    expect(before[0]!.cases).toBe(301);
    await t.handle.query('select rebuild_org_figures()');
    expect([await summary(gucun, `orgId=${gucun.orgId}&year=2017`), await summary(baoshan, `orgId=${baoshanOrgId}`)]).toEqual(before);
  });

  it('splits an amount over weights conserving every fen', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 9_999_999_999 }), fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 300 }), (total, weights) => {
      const shares = splitFen(total, weights);
      expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
      expect(shares.every((s) => Number.isInteger(s) && s >= 0)).toBe(true);
    }));
  });
});
