import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays, shanghaiDate, type CaseItem, type ConsultationItem, type Enterprise, type MyConsultation, type MyRights, type MyCase, type Preparation,
} from '@lianxin/contracts';
import { createSession } from '../src/features/auth/sessions.repo.ts';
import { insertMembers } from '../src/features/members/members.enrol.ts';
import { linkPartiesBackfill } from '../src/features/rights/cases.service.ts';
import { seedDemoRights } from '../src/features/rights/demo-rights.ts';
import { enterpriseInput, newIdNumber, newPhone } from './support/fixtures.ts';
import { request, signIn, signInMember, startTestApp, type Session, type TestApp } from './support/test-app.ts';

/**
 * 我的维权 on the H5 (issue 12): cases' parties linked to members (by phone or by staff's pick, and the backfill job),
 * the member's own cases only (404 otherwise, each read audited), contracts in force at the member's enterprise (own
 * or regional), the 恳谈会 issue a member raises while it collects issues, and the demo the member account sees.
 */

let t: TestApp;
let gucun: Session;
let foreignStaff: Session;
const today = shanghaiDate();

interface Worker { id: number; phone: string; session: Session }
let union: { id: number; path: string; region_code: string };

beforeAll(async () => {
  t = await startTestApp();
  gucun = await signIn(t.app, 'demo-gucun');
  foreignStaff = await signIn(t.app, 'staff-310101');
  const [org] = await t.handle.query<{ path: string }>('select path::text as path from orgs where id = $1', [gucun.orgId]);
  const [first] = await t.handle.query<{ id: number; path: string; region_code: string }>(`
    select id, path::text as path, region_code from orgs where path <@ $1::ltree and kind = 'enterprise_union' and status = 'active' order by id limit 1`, [org!.path]);
  union = first!;
});
afterAll(() => t.close());

let serial = 0;
async function newEnterprise(employeeCount = 60): Promise<Enterprise> {
  const response = await request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput({ employeeCount, name: `上海我的维权测试${++serial}号有限公司` }));
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Enterprise>();
}

/** A member of a 顾村 enterprise union working at `enterpriseId` (or none), with an H5 session. */
async function newMember(enterpriseId: number | null, name = '测试会员'): Promise<Worker> {
  const phone = newPhone();
  const [m] = await t.handle.db.transaction((tx) => insertMembers(tx, t.app.keys, [{
    name, idNumber: newIdNumber(), phone, occupation: 'factory', category: 'standard', joinChannel: 'import',
    org: { id: union.id, path: union.path, regionCode: union.region_code }, enterpriseId, joinedOn: today,
  }]));
  const [user] = await t.handle.query<{ id: number; org_id: number }>(`
    insert into users (username, display_name, password_hash, role, org_id, member_id)
    select 'rights-member-' || id, name, '!', 'member', org_id, id from members where id = $1 returning id, org_id`, [m!.id]);
  const session = await createSession(t.handle.db, user!.id);
  return { id: m!.id, phone, session: { cookie: `lianxin_session=${session.token}`, csrfToken: session.csrfToken, userId: user!.id, orgId: user!.org_id } };
}

async function openCase(enterpriseId: number, workers: unknown[], extra: Record<string, unknown> = {}): Promise<CaseItem> {
  const response = await request(t.app, gucun, 'POST', '/api/rights/cases', { enterpriseId, type: 'overtime', workers, claimFen: 480_000, ...extra });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<CaseItem>();
}
const mine = async (w: Worker) => {
  const response = await request(t.app, w.session, 'GET', '/api/me/rights');
  expect(response.statusCode, response.body).toBe(200);
  return response.json<MyRights>();
};

describe('我的维权: the member\'s own cases', () => {
  it('links a party by phone or by the member staff pick, shows each member only their cases (404 otherwise), audits every read', async () => {
    const e = await newEnterprise();
    const [a, b, gone] = [await newMember(e.id, '甲会员'), await newMember(e.id, '乙会员'), await newMember(e.id, '丙会员')];
    const byPhone = await openCase(e.id, [{ name: '甲会员', phone: a.phone }, { name: '同案职工', phone: newPhone() }], { receivedOn: addDays(today, -20) });
    const picked = await openCase(e.id, [{ name: '乙会员', memberId: b.id }]);
    // the staff's view marks the linked parties
    expect(byPhone.workers.map((w) => w.isMember)).toEqual([true, false]);
    expect(picked.workers.map((w) => w.isMember)).toEqual([true]);
    const links = await t.handle.query<{ case_id: number; member_id: number | null; phone_hash: string | null }>(
      'select case_id, member_id, phone_hash from rights_case_workers where case_id = any($1::int[]) order by id', [[byPhone.id, picked.id]]);
    expect(links.map((l) => [l.case_id, l.member_id])).toEqual([[byPhone.id, a.id], [byPhone.id, null], [picked.id, b.id]]);
    expect(links[0]!.phone_hash).toBe(t.app.keys.blindIndex(a.phone));
    // the picked member's party carries the member's phone (its index) though none was typed
    expect(links[2]!.phone_hash).toBe(t.app.keys.blindIndex(b.phone));

    // a member who left cannot be picked, nor can an id that is no member: 400 on the party's field
    await t.handle.query(`update members set status = 'left', left_on = $2 where id = $1`, [gone.id, today]);
    for (const memberId of [gone.id, 2_000_000_000]) {
      const refused = await request(t.app, gucun, 'POST', '/api/rights/cases', { enterpriseId: e.id, type: 'other', workers: [{ name: '丙会员' }, { name: '丁', memberId }], claimFen: 0 });
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json<{ fields: Record<string, string> }>().fields).toHaveProperty('workers.1.memberId');
    }

    const seenByA = await mine(a);
    expect(seenByA.cases.map((c) => c.id)).toEqual([byPhone.id]);
    expect(seenByA.cases[0]).toMatchObject({ status: 'accepted', claimFen: 480_000, recoveredFen: 0, workerCount: 2, clock: null, enterprise: { id: e.id } });
    // no other party's name or phone reaches the member
    expect(JSON.stringify(seenByA)).not.toContain('同案职工');
    expect((await mine(b)).cases.map((c) => c.id)).toEqual([picked.id]);
    expect((await request(t.app, a.session, 'GET', `/api/me/rights/cases/${picked.id}`)).statusCode).toBe(404);
    expect((await request(t.app, a.session, 'GET', '/api/me/rights/cases/2147483647')).statusCode).toBe(404);

    // the art. 14 clock: mediation applied 16 days ago without agreement → the worker may go to arbitration
    for (const step of [{ to: 'investigating', on: addDays(today, -18) }, { to: 'mediating', on: addDays(today, -16), mediationAppliedOn: addDays(today, -16) }]) {
      expect((await request(t.app, gucun, 'POST', `/api/rights/cases/${byPhone.id}/stage`, step)).statusCode).toBe(200);
    }
    const detail = await request(t.app, a.session, 'GET', `/api/me/rights/cases/${byPhone.id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json<MyCase>()).toMatchObject({
      status: 'mediating', clock: { appliedOn: addDays(today, -16), deadline: addDays(today, -1), daysLeft: -1, mayArbitrate: true },
      history: [{ from: 'accepted', to: 'investigating', on: addDays(today, -18) }, { from: 'investigating', to: 'mediating', on: addDays(today, -16) }],
    });
    // one list read (one case, named as the object) and one detail read
    const [audit] = await t.handle.query<{ n: number }>(`
      select count(*)::int as n from audit_log where action = 'read_personal' and object_type = 'rights_case' and object_id = $1 and actor_user_id = $2`,
    [String(byPhone.id), a.session.userId]);
    expect(audit!.n).toBe(2);
  });

  it('audits 我的维权 once per request naming the cases read, not once per case and refresh; no personal data in the entry', async () => {
    const e = await newEnterprise();
    const m = await newMember(e.id, '庚会员');
    const first = await openCase(e.id, [{ name: '庚会员', memberId: m.id }, { name: '同案甲', phone: newPhone() }], { receivedOn: addDays(today, -3) });
    const second = await openCase(e.id, [{ name: '庚会员', phone: m.phone }], { type: 'wage_arrears' });
    for (let i = 0; i < 3; i++) expect((await mine(m)).cases.map((c) => c.id)).toEqual([second.id, first.id]);
    expect((await request(t.app, m.session, 'GET', `/api/me/rights/cases/${first.id}`)).statusCode).toBe(200);
    const entries = await t.handle.query<{ object_id: string | null; detail: unknown; org_path: string }>(`
      select object_id, detail, org_path::text as org_path from audit_log
       where action = 'read_personal' and object_type = 'rights_case' and actor_user_id = $1 order by id`, [m.session.userId]);
    const [{ org_path: path }] = await t.handle.query<{ org_path: string }>('select org_path::text as org_path from enterprises where id = $1', [e.id]) as [{ org_path: string }];
    const list = { object_id: null, detail: { view: 'member', caseIds: [second.id, first.id] }, org_path: path };
    expect(entries).toEqual([list, list, list, { object_id: String(first.id), detail: { view: 'member', caseIds: [first.id] }, org_path: path }]);
    expect(JSON.stringify(entries)).not.toMatch(/庚会员|同案甲|\d{11}/);
  });

  it('links by phone only when the name matches too: a mistyped phone does not link a stranger (not on their /m/rights)', async () => {
    const e = await newEnterprise();
    const holder = await newMember(e.id, '辛会员');
    // another worker typed with the member's phone by mistake, and the member with spaces and a full-width form
    const stranger = await openCase(e.id, [{ name: '壬职工', phone: holder.phone }]);
    const spaced = await openCase(e.id, [{ name: ' 辛 会员 ', phone: holder.phone }], { type: 'work_injury' });
    expect(stranger.workers.map((w) => w.isMember)).toEqual([false]);
    expect(spaced.workers.map((w) => w.isMember)).toEqual([true]);
    expect((await mine(holder)).cases.map((c) => c.id)).toEqual([spaced.id]);
    expect((await request(t.app, holder.session, 'GET', `/api/me/rights/cases/${stranger.id}`)).statusCode).toBe(404);
    // the stranger still holds the phone typed (encrypted, indexed), only unlinked
    const [row] = await t.handle.query<{ member_id: number | null; phone_hash: string | null }>('select member_id, phone_hash from rights_case_workers where case_id = $1', [stranger.id]);
    expect(row).toEqual({ member_id: null, phone_hash: t.app.keys.blindIndex(holder.phone) });

    // staff pick the member explicitly: the party takes the member's name and phone from the member record
    const picked = await openCase(e.id, [{ name: '随手填的名字', phone: newPhone(), memberId: holder.id }], { type: 'social_insurance' });
    expect(picked.workers).toEqual([{ id: expect.any(Number), name: '辛会员', phone: `${holder.phone.slice(0, 3)}****${holder.phone.slice(7)}`, isMember: true }]);
    const [stored] = await t.handle.query<{ name: string; phone_enc: string; member_id: number }>('select name, phone_enc, member_id from rights_case_workers where case_id = $1', [picked.id]);
    expect({ ...stored, phone_enc: t.app.keys.cipher.decrypt(stored!.phone_enc) }).toEqual({ name: '辛会员', phone_enc: holder.phone, member_id: holder.id });
  });

  it('opens a case from a member\'s own H5 request with the requester as the linked party, phone from the request', async () => {
    const e = await newEnterprise();
    const asker = await newMember(e.id, '癸骑手');
    const sent = await request(t.app, asker.session, 'POST', '/api/me/service-requests', { categoryCode: 'legal_aid', orgId: gucun.orgId, description: '工资被拖欠三个月' });
    expect(sent.statusCode, sent.body).toBe(201);
    const requestId = sent.json<{ id: number }>().id;
    // staff keep the requester's name as the form fills it (no phone typed) and add a colleague by hand
    const opened = await openCase(e.id, [{ name: '癸骑手' }, { name: '子同事' }], { type: 'wage_arrears', requestId });
    expect(opened.workers.map((w) => [w.name, w.isMember])).toEqual([['癸骑手', true], ['子同事', false]]);
    expect(opened.workers[0]!.phone).toBe(`${asker.phone.slice(0, 3)}****${asker.phone.slice(7)}`);
    expect((await mine(asker)).cases.map((c) => c.id)).toEqual([opened.id]);
    // a party under another name is not the requester: nothing copied
    const other = await newMember(e.id, '丑骑手');
    const second = (await request(t.app, other.session, 'POST', '/api/me/service-requests', { categoryCode: 'legal_aid', orgId: gucun.orgId, description: '加班费没有结算' })).json<{ id: number }>();
    const unlinked = await openCase(e.id, [{ name: '寅职工' }], { type: 'overtime', requestId: second.id });
    expect(unlinked.workers.map((w) => [w.isMember, w.phone])).toEqual([[false, null]]);
  });

  it('finds members to pick in the staff\'s scope by a whole phone (blind index) or a name; another district finds none', async () => {
    const e = await newEnterprise();
    const m = await newMember(e.id, '子会员');
    const find = async (session: Session, query: string) => {
      const response = await request(t.app, session, 'GET', `/api/members?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{ items: { id: number; name: string; phone: string }[] }>().items;
    };
    expect((await find(gucun, `phone=${m.phone}`)).map((x) => [x.id, x.name, x.phone])).toEqual([[m.id, '子会员', `${m.phone.slice(0, 3)}****${m.phone.slice(7)}`]]);
    expect((await find(gucun, `phone=${m.phone.slice(0, 3)}-${m.phone.slice(3, 7)}-${m.phone.slice(7)}`)).map((x) => x.id)).toEqual([m.id]);
    expect((await find(gucun, `q=${encodeURIComponent('子会员')}`)).map((x) => x.id)).toContain(m.id);
    expect(await find(foreignStaff, `phone=${m.phone}`)).toEqual([]);
    const bad = await request(t.app, gucun, 'GET', '/api/members?phone=12345');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ fields: Record<string, string> }>().fields).toHaveProperty('phone');
    // the roster export by phone: its audit entry keeps the phone masked
    expect((await request(t.app, gucun, 'GET', `/api/members/export.xlsx?phone=${m.phone}`)).statusCode).toBe(200);
    const [entry] = await t.handle.query<{ detail: Record<string, unknown> }>(`select detail from audit_log where object_type = 'member_export' order by id desc limit 1`);
    expect(entry!.detail).toMatchObject({ count: 1, phone: `${m.phone.slice(0, 3)}****${m.phone.slice(7)}` });
    expect(JSON.stringify(entry)).not.toContain(m.phone);
  });

  it('refuses to pick a member outside the staff\'s subtree (400 on the party, nothing written)', async () => {
    const e = await newEnterprise();
    const m = await newMember(e.id, '癸会员');
    const [before] = await t.handle.query<{ n: number }>('select count(*)::int as n from rights_cases');
    const [foreignEnterprise] = await t.handle.query<{ id: number }>(`
      select e.id from enterprises e, orgs o where o.id = $1 and e.org_path <@ o.path order by e.id limit 1`, [foreignStaff.orgId]);
    const refused = await request(t.app, foreignStaff, 'POST', '/api/rights/cases', { enterpriseId: foreignEnterprise!.id, type: 'other', workers: [{ name: '癸会员', memberId: m.id }], claimFen: 0 });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json<{ fields: Record<string, string> }>().fields).toHaveProperty('workers.0.memberId');
    const [after] = await t.handle.query<{ n: number }>('select count(*)::int as n from rights_cases');
    expect(after!.n).toBe(before!.n);
  });

  it('backfills older parties: the job indexes their phones and links the members, then has nothing left to do', async () => {
    const e = await newEnterprise();
    const member = await newMember(e.id, '戊会员');
    const c = await openCase(e.id, [{ name: '某职工' }]);
    // a party as rows written before the link existed hold it: an encrypted phone, no index, no member
    await t.handle.query('insert into rights_case_workers (case_id, name, phone_enc) values ($1, $2, $3)', [c.id, '戊会员', t.app.keys.cipher.encrypt(member.phone)]);
    // and another worker's row with the member's phone mistyped: indexed, never linked
    const other = await openCase(e.id, [{ name: '己职工' }], { type: 'severance' });
    await t.handle.query('insert into rights_case_workers (case_id, name, phone_enc) values ($1, $2, $3)', [other.id, '己职工', t.app.keys.cipher.encrypt(member.phone)]);
    expect((await mine(member)).cases).toEqual([]);
    expect(await linkPartiesBackfill(t.handle.db, t.app.keys)).toBeGreaterThanOrEqual(1);
    expect(await linkPartiesBackfill(t.handle.db, t.app.keys)).toBe(0);
    expect((await mine(member)).cases.map((x) => x.id)).toEqual([c.id]);
    const [stranger] = await t.handle.query<{ member_id: number | null; phone_hash: string | null }>(
      `select member_id, phone_hash from rights_case_workers where case_id = $1 and name = '己职工' and phone_enc is not null`, [other.id]);
    expect(stranger).toEqual({ member_id: null, phone_hash: t.app.keys.blindIndex(member.phone) });
  });

  it('only members: anonymous 401, staff 403; a member without an employer sees no contracts or meetings', async () => {
    expect((await request(t.app, null, 'GET', '/api/me/rights')).statusCode).toBe(401);
    expect((await request(t.app, gucun, 'GET', '/api/me/rights')).statusCode).toBe(403);
    const gig = await newMember(null, '己会员');
    expect(await mine(gig)).toEqual({ enterprise: null, cases: [], contracts: [], consultations: [] });
  });
});

describe('我单位的集体合同', () => {
  it('lists the contracts in force covering the member\'s enterprise, its own and its share of a regional one', async () => {
    const [e, other] = [await newEnterprise(120), await newEnterprise(30)];
    const member = await newMember(e.id, '庚会员');
    const post = async (body: Record<string, unknown>) => {
      const response = await request(t.app, gucun, 'POST', '/api/bargaining/contracts', { minimumWageFen: 274_000, ...body });
      expect(response.statusCode, response.body).toBe(201);
    };
    // an expired own contract, the current own one, a regional wage agreement over both enterprises
    await post({ enterpriseId: e.id, kind: 'collective', validFrom: addDays(today, -800), validTo: addDays(today, -400), signedOn: addDays(today, -810) });
    await post({ enterpriseId: e.id, kind: 'collective', validFrom: addDays(today, -100), validTo: addDays(today, 600), signedOn: addDays(today, -110), filedOn: addDays(today, -105), increaseBp: 450 });
    const fed = await request(t.app, gucun, 'POST', '/api/orgs', {
      parentId: gucun.orgId, name: '顾村镇我的维权测试区域工会联合会', kind: 'regional_federation', regionCode: '310113109', coveredEnterpriseIds: [e.id, other.id],
    });
    expect(fed.statusCode, fed.body).toBe(201);
    await post({ orgId: fed.json<{ id: number }>().id, coveredEnterpriseIds: [e.id, other.id], kind: 'wage_specific', validFrom: addDays(today, -30), validTo: addDays(today, 330), signedOn: addDays(today, -40), increaseBp: 500 });
    const { contracts, enterprise } = await mine(member);
    expect(enterprise).toEqual({ id: e.id, name: e.name });
    expect(contracts).toEqual([
      expect.objectContaining({ kind: 'collective', validFrom: addDays(today, -100), increaseBp: 450, minimumWageFen: 274_000, filedOn: addDays(today, -105), regionalUnion: null }),
      expect.objectContaining({ kind: 'wage_specific', increaseBp: 500, filedOn: null, regionalUnion: { id: fed.json<{ id: number }>().id, name: '顾村镇我的维权测试区域工会联合会' } }),
    ]);
  });
});

describe('恳谈会 意见征集', () => {
  it('takes one issue per member a day while collecting; a double tap answers the first; the console\'s record shows them', async () => {
    const e = await newEnterprise();
    const [a, b, c, late] = [await newMember(e.id, '辛会员'), await newMember(e.id, '壬会员'), await newMember(e.id, '癸会员'), await newMember(e.id, '子会员')];
    const outsider = await newMember((await newEnterprise()).id, '丑会员');
    const opened = await request(t.app, gucun, 'POST', '/api/rights/consultations', { enterpriseId: e.id, collectedOn: addDays(today, -2), issues: '年度议题征集' });
    expect(opened.statusCode, opened.body).toBe(201);
    const k = opened.json<ConsultationItem>();
    const raise = (w: Worker, body: unknown) => request(t.app, w.session, 'POST', `/api/me/rights/consultations/${k.id}/issues`, body);

    const first = await raise(a, { text: '夜班班车增加一班' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json<MyConsultation>()).toMatchObject({ id: k.id, step: 'collecting', myIssues: [{ text: '夜班班车增加一班', anonymous: false, submittedOn: today }] });
    expect((await raise(a, { text: '夜班班车增加一班' })).statusCode).toBe(200);
    const again = await raise(a, { text: '另一条意见' });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ fields: Record<string, string> }>().fields.text).toMatch(/今天已/);
    // two taps at once: one row, the second answers the first
    const taps = await Promise.all([raise(b, { text: '食堂延长供餐', anonymous: true }), raise(b, { text: '食堂延长供餐', anonymous: true })]);
    expect(taps.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    // bad input names the field; another enterprise's member and a missing meeting read 404
    const bad = await raise(c, { text: '  ', anonymous: 'yes' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json<{ fields: Record<string, string> }>().fields).sort()).toEqual(['anonymous', 'text']);
    expect((await raise(outsider, { text: '越权' })).statusCode).toBe(404);
    expect((await request(t.app, c.session, 'POST', '/api/me/rights/consultations/2147483647/issues', { text: '无' })).statusCode).toBe(404);

    const [rows] = await t.handle.query<{ n: number }>('select count(*)::int as n from rights_consultation_issues where consultation_id = $1', [k.id]);
    expect(rows!.n).toBe(2);
    const record = await request(t.app, gucun, 'GET', `/api/rights/consultations/${k.id}`);
    expect(record.json<ConsultationItem>().memberIssues).toEqual([
      expect.objectContaining({ text: '夜班班车增加一班', anonymous: false, memberName: '辛会员' }),
      expect.objectContaining({ text: '食堂延长供餐', anonymous: true, memberName: null }),
    ]);
    expect((await request(t.app, foreignStaff, 'GET', `/api/rights/consultations/${k.id}`)).statusCode).toBe(404);
    expect((await mine(b)).consultations).toEqual([expect.objectContaining({ id: k.id, myIssues: [expect.objectContaining({ text: '食堂延长供餐', anonymous: true })] })]);

    // once the participants are set, issues are no longer collected
    expect((await request(t.app, gucun, 'POST', `/api/rights/consultations/${k.id}/step`, { to: 'participants', on: today, text: '职工代表 8 人' })).statusCode).toBe(200);
    const closed = await raise(late, { text: '迟到的意见' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json<{ message: string }>().message).toMatch(/结束议题征集/);
    const [audit] = await t.handle.query<{ n: number }>(`select count(*)::int as n from audit_log where object_type = 'rights_consultation_issue' and detail->>'consultationId' = $1`, [String(k.id)]);
    expect(audit!.n).toBe(2);
  });

  it('keeps an anonymous issue anonymous on the audit page too: no actor, no address; a named one keeps its actor', async () => {
    const e = await newEnterprise();
    const [hidden, named] = [await newMember(e.id, '寅会员'), await newMember(e.id, '卯会员')];
    const opened = await request(t.app, gucun, 'POST', '/api/rights/consultations', { enterpriseId: e.id, collectedOn: addDays(today, -1), issues: '年度议题征集' });
    expect(opened.statusCode, opened.body).toBe(201);
    const k = opened.json<ConsultationItem>();
    const a = await request(t.app, hidden.session, 'POST', `/api/me/rights/consultations/${k.id}/issues`, { text: '加班费少算', anonymous: true });
    expect(a.statusCode, a.body).toBe(201);
    const b = await request(t.app, named.session, 'POST', `/api/me/rights/consultations/${k.id}/issues`, { text: '夏季高温费', anonymous: false });
    expect(b.statusCode, b.body).toBe(201);
    const issueOf = (r: typeof a) => String(r.json<MyConsultation>().myIssues[0]!.id);
    const audit = await request(t.app, gucun, 'GET', '/api/audit?objectType=rights_consultation_issue&pageSize=200');
    expect(audit.statusCode, audit.body).toBe(200);
    const entries = audit.json<{ items: { objectId: string | null; actor: { id: number; username: string } | null; ip: string | null }[] }>().items;
    const anonymousEntry = entries.find((x) => x.objectId === issueOf(a));
    expect(anonymousEntry).toMatchObject({ actor: null, ip: null });
    expect(entries.find((x) => x.objectId === issueOf(b))?.actor).toMatchObject({ id: named.session.userId });
    expect(audit.body).not.toContain(`"id":${hidden.session.userId},`);
  });
});

describe('the demo', () => {
  it('shows the demo member their cases, their enterprise\'s contracts and a meeting collecting issues; most unions met this year', async () => {
    // the members' demo links `demo-member` to the first member of the chair's union: do the same here
    const [home] = await t.handle.query<{ org_id: number; path: string; region_code: string; enterprise_id: number }>(`
      select o.id as org_id, o.path::text as path, o.region_code, e.id as enterprise_id
        from users u join orgs o on o.id = u.org_id join enterprises e on e.org_id = o.id where u.username = 'demo-member'`);
    const [m] = await t.handle.db.transaction((tx) => insertMembers(tx, t.app.keys, [{
      name: '王伟', idNumber: newIdNumber(), phone: '13800138000', occupation: 'factory', category: 'standard', joinChannel: 'enterprise_union',
      org: { id: home!.org_id, path: home!.path, regionCode: home!.region_code }, enterpriseId: home!.enterprise_id, joinedOn: '2019-03-15',
    }]));
    await t.handle.query(`update users set member_id = $1 where username = 'demo-member'`, [m!.id]);
    await seedDemoRights(t.handle.db, t.app.keys);

    const demo = await signInMember(t, '13800138000');
    const rights = (await request(t.app, demo, 'GET', '/api/me/rights')).json<MyRights>();
    expect(rights.enterprise?.name).toBe('上海宝顾精密机械有限公司');
    const byStatus = Object.fromEntries(rights.cases.map((c) => [c.status, c]));
    expect(byStatus.mediating).toMatchObject({ type: 'overtime', clock: { daysLeft: 10, mayArbitrate: false } });
    expect(byStatus.closed).toMatchObject({ outcome: 'success', recoveredFen: 864_000 });
    const detail = (await request(t.app, demo, 'GET', `/api/me/rights/cases/${byStatus.closed!.id}`)).json<MyCase>();
    expect(detail.history?.map((h) => h.to)).toEqual(['investigating', 'mediating', 'closed']);
    expect(rights.contracts.map((c) => c.kind).sort()).toEqual(['collective', 'wage_specific']);
    expect(rights.consultations).toEqual([expect.objectContaining({ step: 'collecting', myIssues: [] })]);

    // the calendar (电装's) and this year's preparation of the member's enterprise
    const calendar = (await request(t.app, gucun, 'GET', `/api/bargaining/calendar?enterpriseId=${home!.enterprise_id}`)).json<{ items: { topic: string; month: number | null }[] }>();
    expect(calendar.items.map((i) => [i.topic, i.month])).toEqual([['welfare', null], ['bonus', 6], ['wage', 10]]);
    const prep = (await request(t.app, gucun, 'GET', `/api/bargaining/preparations?enterpriseId=${home!.enterprise_id}&year=${today.slice(0, 4)}`)).json<Preparation>();
    expect(prep).toMatchObject({ cpiBp: 30, guidelineBaseBp: 550, guidelineUpperBp: 900, guidelineLowerBp: 300 });
    expect(prep.lastYearProfitFen).not.toBeNull();

    // 顾村's regional federations signed wage agreements over the enterprises they cover; no enterprise is under two
    // standing contracts of a kind
    const regional = await t.handle.query<{ covered: number; rows: number }>(`
      select r.covered_enterprises as covered, (select count(*)::int from bargaining_contracts c where c.regional_contract_id = r.id) as rows
        from bargaining_regional_contracts r`);
    expect(regional.length).toBeGreaterThan(0);
    expect(regional.every((r) => r.covered === r.rows)).toBe(true);
    const [overlaps] = await t.handle.query<{ n: number }>(`
      select count(*)::int as n from bargaining_contracts a join bargaining_contracts b
          on a.enterprise_id = b.enterprise_id and a.kind = b.kind and a.id < b.id
       where a.status <> 'vetoed' and b.status <> 'vetoed' and a.valid_from <= b.valid_to and b.valid_from <= a.valid_to`);
    expect(overlaps!.n).toBe(0);

    // 恳谈会: of 顾村's enterprises with a union, most met this year or have one under way; a tail has none
    const [share] = await t.handle.query<{ unions: number; met: number; underway: number; none: number }>(`
      select count(*)::int as unions,
             count(*) filter (where exists (select 1 from rights_consultations k where k.enterprise_id = e.id and k.held_on >= date_trunc('year', $2::date)))::int as met,
             count(*) filter (where exists (select 1 from rights_consultations k where k.enterprise_id = e.id and k.step <> 'published' and k.held_on is null))::int as underway,
             count(*) filter (where not exists (select 1 from rights_consultations k where k.enterprise_id = e.id))::int as none
        from enterprises e, orgs o where o.id = $1 and e.org_path <@ o.path and e.union_status <> 'none'`, [gucun.orgId, today]);
    expect(share!.none / share!.unions).toBeGreaterThan(0.05);
    expect(share!.none / share!.unions).toBeLessThan(0.25);
    expect(share!.underway).toBeGreaterThan(0);
    // the workbench counts exactly the enterprises without a meeting held this year
    const bench = (await request(t.app, gucun, 'GET', '/api/workbench')).json<{ items: { kind: string; count: number }[] }>();
    expect(bench.items.find((i) => i.kind === 'rights.consultationsDue')!.count).toBe(share!.unions - share!.met);
  });
});
