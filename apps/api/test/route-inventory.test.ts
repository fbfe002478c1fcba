import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { shanghaiDate, type ApplicationCreated, type ApplicationItem, type EnterpriseListResponse, type MemberListItem } from '@lianxin/contracts';
import { describeAccess } from '../src/access/route-access.ts';
import { createSession } from '../src/features/auth/sessions.repo.ts';
import { enterpriseInput, GUCUN, newIdNumber, newPhone } from './support/fixtures.ts';
import { multipart } from './support/multipart.ts';
import { applyOnline, request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

/**
 * The route inventory: every /api route the app registers, with the access it declares, asked as
 * - anonymous (401 unless public),
 * - staff of another district (黄浦区) about objects of 宝山区 顾村 (404, or a list without them),
 * - the read-only assessor of 宝山区, for writes (403),
 * - a member signed in on the H5, for staff routes (403),
 * and, for reads, as 宝山区's own staff, who must get the object (so each probe points at something real).
 * A route the app registers but this table does not list fails, and so does a listed route the app lacks.
 */

interface Fixtures {
  gucunOrgId: number;
  federationId: number;
  enterprise: { id: number; name: string };
  member: { id: number; name: string };
  application: { id: number; name: string; reference: string; phone: string };
  transferId: number;
  targetId: number;
  letterId: number;
  taskId: number;
  grantId: number;
  batchId: string;
  otherUnionId: number;
  rightsCaseId: number;
  warningId: number;
  contractId: number;
}

interface Probe {
  url: string;
  body?: unknown;
  multipart?: ReturnType<typeof multipart>;
  /** text that 宝山区's staff see in the answer and another district's staff must not */
  marker?: string;
}

type Foreign =
  /** 404: the object is out of scope, or the unit named in the query */
  | 'not_found'
  /** a list without the marker (the scope filters it out) */
  | 'hidden'
  /** 403: the caller lacks the route's capability */
  | 'forbidden'
  /** answered on purpose: citywide data with nothing personal (union names for transfers, the target rule) */
  | 'citywide'
  /** answered about the caller's own scope only (tested for scope in the feature's own tests) */
  | 'own';

interface Entry {
  access: string;
  probe: (fx: Fixtures) => Probe;
  /** how another district's staff are answered (staff routes) */
  foreign?: Foreign;
  /** the probe signs the caller out: each actor uses a fresh session */
  endsSession?: boolean;
}

const staffRead = (probe: Entry['probe'], foreign: Foreign = 'not_found'): Entry => ({ access: 'staff read', probe, foreign });
const staffWrite = (probe: Entry['probe'], foreign: Foreign = 'not_found', capability?: string): Entry => ({
  access: capability ? `staff write + ${capability}` : 'staff write', probe, foreign,
});
const open = (probe: Entry['probe']): Entry => ({ access: 'public', probe });

const inventory: Record<string, Entry> = {
  'GET /api/health': open(() => ({ url: '/api/health' })),
  'GET /api/openapi.json': open(() => ({ url: '/api/openapi.json' })),
  'GET /api/regions': open(() => ({ url: '/api/regions' })),
  'POST /api/auth/login': open(() => ({ url: '/api/auth/login', body: { username: 'nobody', password: 'wrong' } })),
  'GET /api/auth/me': { access: 'session', probe: () => ({ url: '/api/auth/me' }) },
  'POST /api/auth/logout': { access: 'session', probe: () => ({ url: '/api/auth/logout' }), endsSession: true },

  'GET /api/orgs/children': staffRead((fx) => ({ url: `/api/orgs/children?parentId=${fx.gucunOrgId}` })),
  'GET /api/orgs/search': staffRead(() => ({ url: `/api/orgs/search?q=${encodeURIComponent('顾村')}`, marker: '顾村' }), 'hidden'),
  'GET /api/orgs/directory': staffRead(() => ({ url: `/api/orgs/directory?q=${encodeURIComponent('顾村')}` }), 'citywide'),
  'GET /api/orgs/:id': staffRead((fx) => ({ url: `/api/orgs/${fx.federationId}` })),
  'GET /api/orgs/:id/summary': staffRead((fx) => ({ url: `/api/orgs/${fx.federationId}/summary` })),
  'POST /api/orgs': staffWrite((fx) => ({
    url: '/api/orgs', body: { parentId: fx.gucunOrgId, name: '越权联合工会', kind: 'joint_union', regionCode: GUCUN },
  })),
  'PATCH /api/orgs/:id': staffWrite((fx) => ({ url: `/api/orgs/${fx.federationId}`, body: { chairName: '越权' } })),
  'POST /api/orgs/:id/move': staffWrite((fx) => ({ url: `/api/orgs/${fx.federationId}/move`, body: { newParentId: fx.gucunOrgId } })),
  'PUT /api/orgs/:id/coverage': staffWrite((fx) => ({ url: `/api/orgs/${fx.federationId}/coverage`, body: { enterpriseIds: [] } })),
  'GET /api/orgs/:id/grants': staffRead((fx) => ({ url: `/api/orgs/${fx.gucunOrgId}/grants` })),
  'POST /api/orgs/:id/grants': staffWrite((fx) => ({ url: `/api/orgs/${fx.gucunOrgId}/grants`, body: { userId: 1, kind: 'checker' } }), 'not_found', 'grants.manage'),
  'DELETE /api/grants/:id': staffWrite((fx) => ({ url: `/api/grants/${fx.grantId}` }), 'not_found', 'grants.manage'),

  'GET /api/enterprises': staffRead((fx) => ({ url: `/api/enterprises?q=${encodeURIComponent(fx.enterprise.name)}`, marker: fx.enterprise.name }), 'hidden'),
  'GET /api/enterprises/:id': staffRead((fx) => ({ url: `/api/enterprises/${fx.enterprise.id}` })),
  'POST /api/enterprises': staffWrite(() => ({ url: '/api/enterprises', body: enterpriseInput({ name: '上海越权登记测试有限公司' }) })),
  'PATCH /api/enterprises/:id': staffWrite((fx) => ({ url: `/api/enterprises/${fx.enterprise.id}`, body: { employeeCount: 1 } })),
  // exports of a list's query: the file is a zip (no marker to read); scope tested in list-exports.test.ts
  'GET /api/enterprises/export.xlsx': staffRead((fx) => ({ url: `/api/enterprises/export.xlsx?q=${encodeURIComponent(fx.enterprise.name)}` }), 'own'),
  'GET /api/enterprises/lookup': open((fx) => ({ url: `/api/enterprises/lookup?q=${encodeURIComponent(fx.enterprise.name)}` })),

  'GET /api/audit': staffRead((fx) => ({ url: '/api/audit?objectType=enterprise&pageSize=200', marker: `"objectId":"${fx.enterprise.id}"` }), 'hidden'),

  'GET /api/audit/export.xlsx': staffRead(() => ({ url: '/api/audit/export.xlsx?objectType=enterprise' }), 'own'),

  'GET /api/members': staffRead((fx) => ({ url: `/api/members?q=${encodeURIComponent(fx.member.name)}`, marker: fx.member.name }), 'hidden'),
  'GET /api/members/:id': staffRead((fx) => ({ url: `/api/members/${fx.member.id}` })),
  'PATCH /api/members/:id': staffWrite((fx) => ({ url: `/api/members/${fx.member.id}`, body: { occupation: 'courier' } })),
  'POST /api/members/:id/leave': staffWrite((fx) => ({ url: `/api/members/${fx.member.id}/leave`, body: { reason: '越权' } })),
  'POST /api/members/:id/reveal': { access: 'staff read + members.reveal', probe: (fx) => ({ url: `/api/members/${fx.member.id}/reveal` }), foreign: 'not_found' },
  'POST /api/members/:id/transfers': staffWrite((fx) => ({ url: `/api/members/${fx.member.id}/transfers`, body: { toOrgId: fx.otherUnionId } })),
  'GET /api/transfers': staffRead((fx) => ({ url: '/api/transfers?direction=outgoing', marker: fx.member.name }), 'hidden'),
  'POST /api/transfers/:id/approve': staffWrite((fx) => ({ url: `/api/transfers/${fx.transferId}/approve` })),
  'POST /api/transfers/:id/reject': staffWrite((fx) => ({ url: `/api/transfers/${fx.transferId}/reject`, body: { reason: '越权' } })),

  'GET /api/members/import/template': staffRead(() => ({ url: '/api/members/import/template' }), 'citywide'),
  'POST /api/members/import': staffWrite((fx) => ({
    url: '/api/members/import',
    multipart: multipart({ orgId: String(fx.gucunOrgId) }, { filename: 'r.csv', type: 'text/csv', data: rosterCsv() }),
  })),
  'GET /api/members/import/:batchId': staffWrite((fx) => ({ url: `/api/members/import/${fx.batchId}` })),
  'GET /api/members/import/:batchId/report.xlsx': staffWrite((fx) => ({ url: `/api/members/import/${fx.batchId}/report.xlsx` })),
  'POST /api/members/import/:batchId/commit': staffWrite((fx) => ({ url: `/api/members/import/${fx.batchId}/commit` })),
  'GET /api/members/export.xlsx': staffRead((fx) => ({ url: `/api/members/export.xlsx?orgId=${fx.gucunOrgId}` })),

  'POST /api/applications/code': open(() => ({ url: '/api/applications/code', body: { phone: newPhone() } })),
  'POST /api/applications': open(() => ({
    url: '/api/applications', body: { name: '王申请', idNumber: newIdNumber(), phone: newPhone(), occupation: 'rider', regionCode: GUCUN, phoneCode: '000000' },
  })),
  'POST /api/applications/status': open((fx) => ({ url: '/api/applications/status', body: { reference: fx.application.reference, phone: fx.application.phone } })),
  'GET /api/applications/export.xlsx': staffRead(() => ({ url: '/api/applications/export.xlsx?status=pending' }), 'own'),
  'GET /api/applications': staffRead((fx) => ({ url: '/api/applications?status=pending&pageSize=200', marker: fx.application.reference }), 'hidden'),
  'POST /api/applications/:id/approve': staffWrite((fx) => ({ url: `/api/applications/${fx.application.id}/approve` })),
  'POST /api/applications/:id/reject': staffWrite((fx) => ({ url: `/api/applications/${fx.application.id}/reject`, body: { reason: '越权' } })),

  'POST /api/member-auth/code': open(() => ({ url: '/api/member-auth/code', body: { phone: newPhone() } })),
  'POST /api/member-auth/login': open(() => ({ url: '/api/member-auth/login', body: { phone: newPhone(), code: '000000' } })),
  'GET /api/me/card': { access: 'member', probe: () => ({ url: '/api/me/card' }) },
  'GET /api/me/card/token': { access: 'member', probe: () => ({ url: '/api/me/card/token' }) },
  'POST /api/cards/verify': open(() => ({ url: '/api/cards/verify', body: { token: 'not-a-token' } })),

  'GET /api/coverage': staffRead((fx) => ({ url: `/api/coverage?orgId=${fx.gucunOrgId}` })),
  'GET /api/coverage/export.xlsx': staffRead((fx) => ({ url: `/api/coverage/export.xlsx?orgId=${fx.gucunOrgId}` })),
  'GET /api/coverage/trend': staffRead((fx) => ({ url: `/api/coverage/trend?orgId=${fx.gucunOrgId}` })),
  'GET /api/coverage/staffing': staffRead((fx) => ({ url: `/api/coverage/staffing?orgId=${fx.gucunOrgId}` })),
  'GET /api/coverage/targets': staffRead((fx) => ({ url: `/api/coverage/targets?orgId=${fx.gucunOrgId}` })),
  'POST /api/coverage/targets': staffWrite((fx) => ({
    url: '/api/coverage/targets', body: { orgId: fx.gucunOrgId, dueOn: '2031-12-31', coverageRate: 0.5, membershipRate: null, note: '' },
  }), 'not_found', 'coverage.setTargets'),
  'PUT /api/coverage/targets/:id': staffWrite((fx) => ({
    url: `/api/coverage/targets/${fx.targetId}`, body: { orgId: fx.gucunOrgId, dueOn: '2032-12-31', coverageRate: 0.5, membershipRate: null, note: '' },
  }), 'not_found', 'coverage.setTargets'),
  'DELETE /api/coverage/targets/:id': staffWrite((fx) => ({ url: `/api/coverage/targets/${fx.targetId}` }), 'not_found', 'coverage.setTargets'),
  'GET /api/coverage/target-rule': staffRead(() => ({ url: '/api/coverage/target-rule' }), 'citywide'),
  'PUT /api/coverage/target-rule': staffWrite(() => ({
    url: '/api/coverage/target-rule', body: { ownerships: ['private'], dualRealOnly: true, minEmployees: 1, minYearsOpen: 0 },
  }), 'forbidden', 'coverage.setTargetRule'),

  'GET /api/workbench': staffRead(() => ({ url: '/api/workbench' }), 'own'),

  'GET /api/campaign/worklist': staffRead((fx) => ({ url: `/api/campaign/worklist?orgId=${fx.gucunOrgId}` })),
  'GET /api/campaign/items/:enterpriseId': staffRead((fx) => ({ url: `/api/campaign/items/${fx.enterprise.id}` })),
  'PATCH /api/campaign/items/:enterpriseId': staffWrite((fx) => ({ url: `/api/campaign/items/${fx.enterprise.id}`, body: { notes: '越权' } })),
  'POST /api/campaign/items/:enterpriseId/letters': staffWrite((fx) => ({
    url: `/api/campaign/items/${fx.enterprise.id}/letters`, body: { kind: 'handling_suggestion', deadlineDays: 30 },
  })),
  'GET /api/campaign/letters/:id/pdf': staffRead((fx) => ({ url: `/api/campaign/letters/${fx.letterId}/pdf` })),
  'GET /api/campaign/assignees': staffRead(() => ({ url: '/api/campaign/assignees', marker: '顾村' }), 'hidden'),
  'GET /api/campaign/santongshi': staffRead((fx) => ({ url: `/api/campaign/santongshi?orgId=${fx.gucunOrgId}` })),
  'POST /api/campaign/santongshi/:id/done': staffWrite((fx) => ({ url: `/api/campaign/santongshi/${fx.taskId}/done` })),

  'POST /api/rights/cases': staffWrite((fx) => ({
    url: '/api/rights/cases', body: { enterpriseId: fx.enterprise.id, type: 'wage_arrears', workers: [{ name: '越权' }], claimFen: 100 },
  })),
  'GET /api/rights/cases': staffRead((fx) => ({ url: `/api/rights/cases?orgId=${fx.gucunOrgId}` })),
  'GET /api/rights/cases/:id': staffRead((fx) => ({ url: `/api/rights/cases/${fx.rightsCaseId}` })),
  'POST /api/rights/cases/:id/stage': staffWrite((fx) => ({ url: `/api/rights/cases/${fx.rightsCaseId}/stage`, body: { to: 'investigating' } })),
  'GET /api/rights/cases/:id/agreement.pdf': staffRead((fx) => ({ url: `/api/rights/cases/${fx.rightsCaseId}/agreement.pdf` })),
  'POST /api/rights/warnings': staffWrite((fx) => ({ url: '/api/rights/warnings', body: { enterpriseId: fx.enterprise.id, signal: 'other', level: 'general' } })),
  'GET /api/rights/warnings': staffRead((fx) => ({ url: `/api/rights/warnings?orgId=${fx.gucunOrgId}` })),
  'GET /api/rights/warnings/:id': staffRead((fx) => ({ url: `/api/rights/warnings/${fx.warningId}` })),
  'POST /api/rights/warnings/:id/meetings': staffWrite((fx) => ({
    url: `/api/rights/warnings/${fx.warningId}/meetings`, body: { heldOn: '2026-01-05', participants: '越权' },
  })),
  'POST /api/rights/warnings/:id/close': staffWrite((fx) => ({ url: `/api/rights/warnings/${fx.warningId}/close`, body: { resolution: '越权' } })),
  'GET /api/rights/warnings/:id/letter.pdf': staffRead((fx) => ({ url: `/api/rights/warnings/${fx.warningId}/letter.pdf` })),
  'GET /api/rights/summary': staffRead((fx) => ({ url: `/api/rights/summary?orgId=${fx.gucunOrgId}` })),
  'POST /api/bargaining/rounds': staffWrite((fx) => ({
    url: '/api/bargaining/rounds', body: { enterpriseId: fx.enterprise.id, topic: 'wage', year: 2026, heldOn: '2026-01-05' },
  })),
  'GET /api/bargaining/rounds': staffRead((fx) => ({ url: `/api/bargaining/rounds?enterpriseId=${fx.enterprise.id}` })),
  'POST /api/bargaining/contracts': staffWrite((fx) => ({
    url: '/api/bargaining/contracts',
    body: { enterpriseId: fx.enterprise.id, kind: 'collective', validFrom: '2020-01-01', validTo: '2020-12-31', minimumWageFen: 1, signedOn: '2020-01-01' },
  })),
  'GET /api/bargaining/contracts': staffRead((fx) => ({ url: `/api/bargaining/contracts?orgId=${fx.gucunOrgId}` })),
  'GET /api/bargaining/contracts/:id': staffRead((fx) => ({ url: `/api/bargaining/contracts/${fx.contractId}` })),
  'POST /api/bargaining/contracts/:id/file': staffWrite((fx) => ({ url: `/api/bargaining/contracts/${fx.contractId}/file`, body: { filedOn: '2026-01-05' } })),
  // nobody outside 顾村 holds the joint council's duty: the declaration refuses them before the object is read
  'POST /api/bargaining/contracts/:id/veto': staffWrite((fx) => ({ url: `/api/bargaining/contracts/${fx.contractId}/veto`, body: { reason: '越权' } }), 'forbidden', 'congress.jointCouncil'),
  'POST /api/bargaining/contracts/:id/checks': staffWrite((fx) => ({
    url: `/api/bargaining/contracts/${fx.contractId}/checks`, body: { checkedOn: '2026-01-05', wagesPaid: true },
  })),
};

function rosterCsv(): Buffer {
  return Buffer.from(`姓名,身份证号,手机号,职业,会员类别\n赵导入,${newIdNumber()},${newPhone()},快递员,标准会员\n`);
}

let t: TestApp;
let fx: Fixtures;
let owner: Session;
let gucun: Session;
let foreign: Session;
let assessor: Session;
let member: Session;
let memberPhone: string;

/** A member signed in on the H5 with a one-time code. */
async function memberSession(phone: string): Promise<Session> {
  if (member) {
    // sign-in codes go out once a minute per phone: a second session for the same member is opened directly
    const session = await createSession(t.handle.db, member.userId);
    return { ...member, cookie: `lianxin_session=${session.token}`, csrfToken: session.csrfToken };
  }
  await t.app.inject({ method: 'POST', url: '/api/member-auth/code', payload: { phone } });
  await t.app.flushNotifications();
  const code = t.sms.sent.filter((m) => m.phone === phone && m.template === 'otp').at(-1)?.params.code;
  const response = await t.app.inject({ method: 'POST', url: '/api/member-auth/login', payload: { phone, code } });
  if (response.statusCode !== 200) throw new Error(`member sign-in: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'lianxin_session')!;
  const body = response.json<{ csrfToken: string; user: { id: number; org: { id: number } } }>();
  return { cookie: `lianxin_session=${cookie.value}`, csrfToken: body.csrfToken, userId: body.user.id, orgId: body.user.org.id };
}

const send = (session: Session | null, method: string, p: Probe): Promise<LightMyRequestResponse> => {
  if (p.multipart) {
    return t.app.inject({
      method: method as 'POST', url: p.url, payload: p.multipart.payload,
      headers: { ...p.multipart.headers, ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}) },
    });
  }
  return request(t.app, session, method as 'GET', p.url, p.body);
};

async function json<T>(response: Promise<LightMyRequestResponse>): Promise<T> {
  const r = await response;
  if (r.statusCode >= 300) throw new Error(`fixture: ${r.statusCode} ${r.body}`);
  return r.json<T>();
}

/** Fixture digest: the tables a write could change, to show the refused writes changed nothing. */
const digest = async () => t.handle.query<{ t: string; d: string }>(`
  select 'orgs' as t, md5(string_agg(o::text, ',' order by id)) as d from orgs o
  union all select 'enterprises', md5(string_agg(e::text, ',' order by id)) from enterprises e where e.region_code = '${GUCUN}'
  union all select 'members', md5(coalesce(string_agg(m::text, ',' order by id), '')) from members m
  union all select 'applications', md5(coalesce(string_agg(a::text, ',' order by id), '')) from applications a
  union all select 'diverted_applications', md5(coalesce(string_agg(d::text, ',' order by id), '')) from diverted_applications d
  union all select 'member_transfers', md5(coalesce(string_agg(x::text, ',' order by id), '')) from member_transfers x
  union all select 'coverage_targets', md5(coalesce(string_agg(c::text, ',' order by id), '')) from coverage_targets c
  union all select 'campaign_items', md5(coalesce(string_agg(c::text, ',' order by enterprise_id), '')) from campaign_items c
  union all select 'enterprise_letters', md5(coalesce(string_agg(l::text, ',' order by id), '')) from enterprise_letters l
  union all select 'santongshi_tasks', md5(coalesce(string_agg(s::text, ',' order by id), '')) from santongshi_tasks s
  union all select 'user_grants', md5(coalesce(string_agg(g::text, ',' order by id), '')) from user_grants g
  union all select 'rights_cases', md5(coalesce(string_agg(c::text, ',' order by id), '')) from rights_cases c
  union all select 'rights_warnings', md5(coalesce(string_agg(w::text, ',' order by id), '')) from rights_warnings w
  union all select 'rights_meetings', md5(coalesce(string_agg(m::text, ',' order by id), '')) from rights_meetings m
  union all select 'bargaining_rounds', md5(coalesce(string_agg(r::text, ',' order by id), '')) from bargaining_rounds r
  union all select 'bargaining_contracts', md5(coalesce(string_agg(k::text, ',' order by id), '')) from bargaining_contracts k
  union all select 'bargaining_checks', md5(coalesce(string_agg(x::text, ',' order by id), '')) from bargaining_checks x`);

beforeAll(async () => {
  t = await startTestApp();
  owner = await signIn(t.app, 'demo-baoshan');
  gucun = await signIn(t.app, 'demo-gucun');
  foreign = await signIn(t.app, 'staff-310101'); // 黄浦区总工会 staff
  assessor = await signIn(t.app, 'demo-assessor');

  const children = await json<{ items: { id: number; kind: string }[] }>(request(t.app, gucun, 'GET', `/api/orgs/children?parentId=${gucun.orgId}`));
  const federationId = children.items.find((o) => o.kind === 'regional_federation')!.id;
  const otherUnionId = children.items.find((o) => o.kind !== 'regional_federation')!.id;
  // an uncovered target enterprise of 顾村 (on the campaign worklist), refusing, with a letter
  const worklist = await json<{ items: { enterpriseId: number; name: string }[] }>(request(t.app, gucun, 'GET', '/api/campaign/worklist?pageSize=1'));
  const target = worklist.items[0]!;
  await json(request(t.app, gucun, 'PATCH', `/api/campaign/items/${target.enterpriseId}`, { stage: 'refused' }));
  const letter = await json<{ id: number }>(request(t.app, gucun, 'POST', `/api/campaign/items/${target.enterpriseId}/letters`, { kind: 'rectification_opinion', deadlineDays: 30 }));
  // a new enterprise brings its 三同时 tasks
  await json(request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput({ name: '上海连心清单测试科技有限公司', registeredOn: shanghaiDate(), openedOn: null })));
  const tasks = await json<{ items: { id: number }[] }>(request(t.app, gucun, 'GET', '/api/campaign/santongshi'));
  // a member (approved application), a pending application, a pending transfer
  const phone = newPhone();
  const applied = await json<ApplicationCreated>(applyOnline(t, { name: '钱清单', idNumber: newIdNumber(), phone, occupation: 'rider', regionCode: GUCUN }));
  const pendingPhone = newPhone();
  const pending = await json<ApplicationCreated>(applyOnline(t, { name: '孙待审', idNumber: newIdNumber(), phone: pendingPhone, occupation: 'courier', regionCode: GUCUN }));
  const queue = await json<{ items: ApplicationItem[] }>(request(t.app, owner, 'GET', '/api/applications?status=pending&pageSize=200'));
  const toApprove = queue.items.find((i) => i.reference === applied.reference)!;
  const pendingItem = queue.items.find((i) => i.reference === pending.reference)!;
  await json(request(t.app, owner, 'POST', `/api/applications/${toApprove.id}/approve`));
  const members = await json<{ items: MemberListItem[] }>(request(t.app, owner, 'GET', `/api/members?q=${encodeURIComponent('钱清单')}`));
  const joined = members.items[0]!;
  memberPhone = phone;
  member = await memberSession(phone);
  const transfer = await json<{ id: number }>(request(t.app, gucun, 'POST', `/api/members/${joined.id}/transfers`, { toOrgId: otherUnionId }));
  const targetRow = await json<{ id: number }>(request(t.app, owner, 'POST', '/api/coverage/targets', {
    orgId: gucun.orgId, dueOn: '2030-12-31', coverageRate: 0.9, membershipRate: null, note: '',
  }));
  const grant = await json<{ id: number }>(request(t.app, owner, 'POST', `/api/orgs/${gucun.orgId}/grants`, { userId: gucun.userId, kind: 'unit_head' }));
  const upload = multipart({ orgId: String(gucun.orgId) }, { filename: 'r.csv', type: 'text/csv', data: rosterCsv() });
  const batch = await json<{ batchId: string }>(t.app.inject({
    method: 'POST', url: '/api/members/import', payload: upload.payload,
    headers: { ...upload.headers, cookie: owner.cookie, 'x-csrf-token': owner.csrfToken },
  }));
  const enterprise = await json<EnterpriseListResponse>(request(t.app, owner, 'GET', `/api/enterprises?q=${encodeURIComponent(target.name)}`));
  // an audit entry for the enterprise (the owner's reads of it are audited only for personal data: write one)
  await json(request(t.app, gucun, 'PATCH', `/api/enterprises/${target.enterpriseId}`, { employeeCount: enterprise.items[0]!.employeeCount }));

  // rights: a case settled in mediation (its agreement prints), a warning, a wage agreement of 顾村's enterprise
  const rightsCase = await json<{ id: number }>(request(t.app, gucun, 'POST', '/api/rights/cases', {
    enterpriseId: target.enterpriseId, type: 'wage_arrears', workers: [{ name: '周清单', phone: newPhone() }], claimFen: 500_000,
  }));
  for (const step of [{ to: 'investigating' }, { to: 'mediating' }, { to: 'closed', outcome: 'success', recoveredFen: 500_000 }]) {
    await json(request(t.app, gucun, 'POST', `/api/rights/cases/${rightsCase.id}/stage`, step));
  }
  const warning = await json<{ id: number }>(request(t.app, gucun, 'POST', '/api/rights/warnings', { enterpriseId: target.enterpriseId, signal: 'wage_arrears', level: 'major' }));
  const contract = await json<{ id: number }>(request(t.app, gucun, 'POST', '/api/bargaining/contracts', {
    enterpriseId: target.enterpriseId, kind: 'wage_specific', validFrom: '2026-01-01', validTo: '2026-12-31', minimumWageFen: 269_000, signedOn: '2025-12-20',
  }));

  fx = {
    rightsCaseId: rightsCase.id,
    warningId: warning.id,
    contractId: contract.id,
    gucunOrgId: gucun.orgId,
    federationId,
    otherUnionId,
    enterprise: { id: target.enterpriseId, name: target.name },
    member: { id: joined.id, name: joined.name },
    application: { id: pendingItem.id, name: '孙待审', reference: pending.reference, phone: pendingPhone },
    transferId: transfer.id,
    targetId: targetRow.id,
    letterId: letter.id,
    taskId: tasks.items[0]!.id,
    grantId: grant.id,
    batchId: batch.batchId,
  };
});
afterAll(() => t.close());

const key = (method: string, url: string) => `${method} ${url}`;

describe('the route inventory', () => {
  it('lists exactly the routes the app registers, each with the access it declares', () => {
    const registered = new Map(t.app.routeInventory.map((r) => [key(r.method, r.url), describeAccess(r.access)]));
    const unlisted = [...registered.keys()].filter((k) => !(k in inventory));
    const missing = Object.keys(inventory).filter((k) => !registered.has(k));
    expect(unlisted, 'registered routes missing from the inventory').toEqual([]);
    expect(missing, 'inventory routes the app does not register').toEqual([]);
    for (const [k, entry] of Object.entries(inventory)) expect(registered.get(k), k).toBe(entry.access);
  });

  it('refuses to register a route that declares no access', async () => {
    const { default: Fastify } = await import('fastify');
    const { registerRouteAccess } = await import('../src/access/route-access.ts');
    const bare = Fastify();
    registerRouteAccess(bare);
    expect(() => bare.get('/api/undeclared', async () => ({}))).toThrow(/declares no access/);
    await bare.close();
  });
});

describe.each(Object.entries(inventory))('%s', (route, entry) => {
  const [method, url] = route.split(' ') as [string, string];
  const isRead = method === 'GET';
  const staff = entry.access.startsWith('staff');
  const fresh = async (s: Session, signInAgain: () => Promise<Session>) => (entry.endsSession ? signInAgain() : s);

  it(`declared ${entry.access}: anonymous is ${entry.access === 'public' ? 'served' : 'refused with 401'}`, async () => {
    const response = await send(null, method, entry.probe(fx));
    expect(response.statusCode, response.body).toBeLessThan(500);
    if (entry.access === 'public') expect(response.json<{ code?: string }>().code, url).not.toBe('unauthenticated');
    else expect(response.statusCode, response.body).toBe(401);
  });

  if (staff) {
    it(`another district's staff get ${entry.foreign}`, async () => {
      const probe = entry.probe(fx);
      const response = await send(foreign, method, probe);
      expect(response.statusCode, response.body).toBeLessThan(500);
      switch (entry.foreign) {
        case 'not_found':
          expect(response.statusCode, response.body).toBe(404);
          break;
        case 'forbidden':
          expect(response.statusCode, response.body).toBe(403);
          break;
        case 'hidden':
          expect(response.statusCode, response.body).toBe(200);
          expect(response.body).not.toContain(probe.marker);
          break;
        case 'citywide':
        case 'own':
          expect(response.statusCode, response.body).toBe(200);
          break;
        case undefined:
          throw new Error(`${route}: a staff route needs its foreign answer`);
      }
    });

    it('a member signed in on the H5 is refused with 403', async () => {
      const response = await send(member, method, entry.probe(fx));
      expect(response.statusCode, response.body).toBe(403);
    });
  }

  if (staff && !isRead) {
    it('the read-only assessor is refused with 403', async () => {
      const response = await send(assessor, method, entry.probe(fx));
      expect(response.statusCode, response.body).toBe(403);
    });
  }

  if (staff && isRead) {
    it('the probe is real: 宝山区\'s staff get it', async () => {
      const probe = entry.probe(fx);
      const response = await send(owner, method, probe);
      expect(response.statusCode, response.body).toBe(200);
      if (probe.marker) expect(response.body).toContain(probe.marker);
    });
  }

  if (entry.access === 'session' || entry.access === 'member') {
    it(`a ${entry.access === 'member' ? 'member' : 'signed-in user'} is served; staff ${entry.access === 'member' ? 'are refused' : 'too'}`, async () => {
      const asMember = await send(await fresh(member, () => memberSession(memberPhone)), method, entry.probe(fx));
      expect(asMember.statusCode, asMember.body).toBeLessThan(300);
      const asStaff = await send(await fresh(foreign, () => signIn(t.app, 'staff-310101')), method, entry.probe(fx));
      if (entry.access === 'member') expect(asStaff.statusCode, asStaff.body).toBe(403);
      else expect(asStaff.statusCode, asStaff.body).toBeLessThan(300);
    });
  }
});

describe('refused requests change nothing', () => {
  it('no write by another district, the assessor or a member reached the database', async () => {
    const before = await digest();
    const [mark] = await t.handle.query<{ id: number }>('select coalesce(max(id), 0)::int as id from audit_log');
    for (const [route, entry] of Object.entries(inventory)) {
      const [method] = route.split(' ') as [string];
      if (method === 'GET' || !entry.access.startsWith('staff')) continue;
      for (const who of [foreign, assessor, member]) await send(who, method, entry.probe(fx));
    }
    expect(await digest()).toEqual(before);
    const [audit] = await t.handle.query<{ n: number }>(
      `select count(*)::int as n from audit_log where id > $1 and actor_user_id = any($2::int[])`,
      [mark!.id, [foreign.userId, assessor.userId, member.userId]],
    );
    expect(audit!.n).toBe(0);
  });
});
