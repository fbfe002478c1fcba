import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { addDays, shanghaiDate, type ApplicationCreated, type ApplicationItem, type EnterpriseListResponse, type MemberListItem } from '@lianxin/contracts';
import { describeAccess } from '../src/access/route-access.ts';
import { createSession } from '../src/features/auth/sessions.repo.ts';
import { insertMembers } from '../src/features/members/members.enrol.ts';
import { enterpriseInput, GUCUN, newIdNumber, newPhone } from './support/fixtures.ts';
import { multipart } from './support/multipart.ts';
import { applyOnline, request, signIn, signInMember, startTestApp, type Session, type TestApp } from './support/test-app.ts';

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
  baoshanOrgId: number;
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
  congress: CongressFixtures;
  rightsCaseId: number;
  /** the case's worker with a phone */
  rightsPartyId: number;
  warningId: number;
  contractId: number;
  consultationId: number;
  /** a case whose party is the fixture member (matched on the phone) */
  memberCaseId: number;
  station: { id: number; name: string };
  serviceRequest: { id: number; description: string };
  memberRequestId: number;
  gucunUserId: number;
  serviceItemId: number;
  dunningStepId: number;
  unmatchedId: number;
  /** a budget line of 顾村 with one payment */
  budgetLineId: number;
  spendingId: number;
}

/** Workers' congress, votes and evaluation objects of 顾村 (the fixture member sits on the session's roll). */
interface CongressFixtures {
  sessionId: number;
  /** by another representative, open for seconding */
  proposalId: number;
  /** the fixture member's own, answered: waiting for their rating */
  answeredId: number;
  /** a filed proposal, waiting for the department's answer */
  filedId: number;
  /** created, not started */
  draftVoteId: number;
  /** started, the fixture member entitled */
  openVote: { id: number; optionId: number };
  /** published */
  publishedVoteId: number;
  /** a self-check evidence file of 顾村 */
  evidenceId: number;
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

  'GET /api/congress/sessions': staffRead((fx) => ({ url: `/api/congress/sessions?orgId=${fx.gucunOrgId}` })),
  'POST /api/congress/sessions': staffWrite((fx) => ({
    url: '/api/congress/sessions',
    body: { orgId: fx.gucunOrgId, title: '越权职代会', heldOn: '2031-01-10', proposalsOpenOn: '2030-12-01', proposalsCloseOn: '2030-12-31', representatives: [{ memberId: fx.member.id, constituency: '一' }] },
  })),
  'GET /api/congress/sessions/:id': staffRead((fx) => ({ url: `/api/congress/sessions/${fx.congress.sessionId}` })),
  'PUT /api/congress/sessions/:id/attendance': staffWrite((fx) => ({ url: `/api/congress/sessions/${fx.congress.sessionId}/attendance`, body: { present: [] } })),
  'GET /api/congress/proposals': staffRead((fx) => ({ url: `/api/congress/proposals?sessionId=${fx.congress.sessionId}` })),
  'POST /api/congress/proposals': { access: 'member', probe: (fx) => ({ url: '/api/congress/proposals', body: { sessionId: fx.congress.sessionId, subject: '关于食堂延长供餐时间的提案', reasons: '夜班无餐', measures: '延长至 21 时' } }) },
  'POST /api/congress/proposals/:id/second': { access: 'member', probe: (fx) => ({ url: `/api/congress/proposals/${fx.congress.proposalId}/second` }) },
  'POST /api/congress/proposals/:id/file': staffWrite((fx) => ({
    url: `/api/congress/proposals/${fx.congress.proposalId}/file`, body: { department: '越权', dueOn: '2031-01-31' },
  }), 'forbidden', 'congress.fileProposals'),
  'POST /api/congress/proposals/:id/return': staffWrite((fx) => ({ url: `/api/congress/proposals/${fx.congress.proposalId}/return`, body: { reason: '越权' } }), 'forbidden', 'congress.fileProposals'),
  'POST /api/congress/proposals/:id/answer': staffWrite((fx) => ({
    url: `/api/congress/proposals/${fx.congress.filedId}/answer`, body: { text: '越权', leader: '越权', answeredOn: '2030-01-01' },
  })),
  'POST /api/congress/proposals/:id/progress': staffWrite((fx) => ({ url: `/api/congress/proposals/${fx.congress.answeredId}/progress`, body: { note: '越权' } })),
  'POST /api/congress/proposals/:id/best': staffWrite((fx) => ({ url: `/api/congress/proposals/${fx.congress.answeredId}/best`, body: { best: true } }), 'forbidden', 'congress.fileProposals'),
  'POST /api/congress/proposals/:id/rate': { access: 'member', probe: (fx) => ({ url: `/api/congress/proposals/${fx.congress.answeredId}/rate`, body: { rating: 'satisfied' } }) },
  'GET /api/me/congress': { access: 'member', probe: () => ({ url: '/api/me/congress' }) },

  'GET /api/votes': staffRead((fx) => ({ url: `/api/votes?orgId=${fx.gucunOrgId}` })),
  'POST /api/votes': staffWrite((fx) => ({ url: '/api/votes', body: { orgId: fx.gucunOrgId, title: '越权投票', method: 'yes_no_abstain' } })),
  'GET /api/votes/:id': staffRead((fx) => ({ url: `/api/votes/${fx.congress.draftVoteId}` })),
  'PATCH /api/votes/:id': staffWrite((fx) => ({ url: `/api/votes/${fx.congress.draftVoteId}`, body: { title: '越权', method: 'yes_no_abstain' } })),
  'POST /api/votes/:id/start': staffWrite((fx) => ({ url: `/api/votes/${fx.congress.draftVoteId}/start` })),
  'POST /api/votes/:id/finish': staffWrite((fx) => ({ url: `/api/votes/${fx.congress.openVote.id}/finish` })),
  'POST /api/votes/:id/publish': staffWrite((fx) => ({ url: `/api/votes/${fx.congress.publishedVoteId}/publish` })),
  'POST /api/votes/:id/ballots': { access: 'member', probe: (fx) => ({ url: `/api/votes/${fx.congress.openVote.id}/ballots`, body: { choices: [fx.congress.openVote.optionId] } }) },
  'GET /api/votes/:id/result': staffRead((fx) => ({ url: `/api/votes/${fx.congress.publishedVoteId}/result` })),
  'GET /api/me/votes/:id/result': { access: 'member', probe: (fx) => ({ url: `/api/me/votes/${fx.congress.publishedVoteId}/result` }) },

  'GET /api/evaluation/:year': staffRead((fx) => ({ url: `/api/evaluation/${shanghaiDate().slice(0, 4)}?orgId=${fx.gucunOrgId}` })),
  'GET /api/evaluation/:year/summary': staffRead((fx) => ({ url: `/api/evaluation/${shanghaiDate().slice(0, 4)}/summary?orgId=${fx.gucunOrgId}` })),
  'PUT /api/evaluation/:year/self-check': staffWrite((fx) => ({ url: `/api/evaluation/2030/self-check`, body: { orgId: fx.gucunOrgId, items: [{ code: 'A1', score: 1 }] } })),
  'POST /api/evaluation/:year/samples': staffWrite((fx) => ({ url: '/api/evaluation/2030/samples', body: { districtOrgId: fx.baoshanOrgId, size: 3 } })),
  'POST /api/evaluation/:year/grant': staffWrite((fx) => ({ url: '/api/evaluation/2030/grant', body: { orgId: fx.gucunOrgId } })),
  'PUT /api/evaluation/:year/spot-check': staffWrite((fx) => ({ url: '/api/evaluation/2030/spot-check', body: { orgId: fx.gucunOrgId, score: 1 } }), 'forbidden', 'evaluation.check'),
  'PUT /api/evaluation/:year/third-party': staffWrite((fx) => ({ url: '/api/evaluation/2030/third-party', body: { orgId: fx.gucunOrgId, score: 1 } }), 'forbidden', 'evaluation.assess'),
  'GET /api/evaluation/:year/questions': staffRead((fx) => ({ url: `/api/evaluation/2030/questions?orgId=${fx.gucunOrgId}` })),
  'PUT /api/evaluation/:year/questions': staffWrite((fx) => ({ url: '/api/evaluation/2030/questions', body: { orgId: fx.gucunOrgId, questions: ['越权'] } })),
  'POST /api/evaluation/:year/evidence': staffWrite((fx) => ({
    url: '/api/evaluation/2030/evidence',
    multipart: multipart({ orgId: String(fx.gucunOrgId), itemCode: 'A1' }, { filename: '决议.pdf', type: 'application/pdf', data: Buffer.from('%PDF-1.7\n越权\n') }),
  })),
  'GET /api/evaluation/:year/evidence': staffRead((fx) => ({ url: `/api/evaluation/2030/evidence?orgId=${fx.gucunOrgId}` })),
  'GET /api/evaluation/evidence/:id': staffRead((fx) => ({ url: `/api/evaluation/evidence/${fx.congress.evidenceId}` })),
  'GET /api/me/evaluation/:year/questions': { access: 'member', probe: () => ({ url: `/api/me/evaluation/${shanghaiDate().slice(0, 4)}/questions` }) },
  'POST /api/me/evaluation/:year/rating': { access: 'member', probe: () => ({ url: `/api/me/evaluation/${shanghaiDate().slice(0, 4)}/rating`, body: { answers: [5, 4, 4, 5] } }) },
  'POST /api/funds/payroll': staffWrite((fx) => ({ url: '/api/funds/payroll', body: { enterpriseId: fx.enterprise.id, period: '2026-10', payrollFen: 100 } })),
  // another district's file naming an enterprise of 宝山: the row is refused in its own scope (and the bad figure writes nothing anywhere)
  'POST /api/funds/payroll/import': staffWrite((fx) => ({
    url: '/api/funds/payroll/import',
    multipart: multipart({ period: '2026-10' }, { filename: 'payroll.csv', type: 'text/csv', data: Buffer.from(`企业名称,工资总额\n${fx.enterprise.name},abc\n`) }),
  }), 'own'),
  'POST /api/funds/receipts': staffWrite((fx) => ({
    url: '/api/funds/receipts', body: { enterpriseId: fx.enterprise.id, amountFen: 100, receivedOn: '2026-10-01', idempotencyKey: 'inventory-probe-1' },
  })),
  // another district imports into its own scope; the probe's one line is refused (bad amount), so nothing is written
  'POST /api/funds/receipts/import': staffWrite(() => ({
    url: '/api/funds/receipts/import',
    multipart: multipart({}, { filename: 'bank.csv', type: 'text/csv', data: Buffer.from('交易日期,付款人名称,金额,流水号\n2026-10-01,越权,abc,INV-1\n') }),
  }), 'own'),
  'GET /api/funds/unmatched': staffRead(() => ({ url: '/api/funds/unmatched', marker: '上海清单无主付款有限公司' }), 'hidden'),
  'POST /api/funds/unmatched/:id/match': staffWrite((fx) => ({ url: `/api/funds/unmatched/${fx.unmatchedId}/match`, body: { enterpriseId: fx.enterprise.id } })),
  'GET /api/funds/trial-balance': staffRead((fx) => ({ url: `/api/funds/trial-balance?orgId=${fx.gucunOrgId}&period=2026-03` })),
  'GET /api/funds/statements/:kind': staffRead((fx) => ({ url: `/api/funds/statements/balance-sheet?orgId=${fx.gucunOrgId}&period=2026-03` })),
  'GET /api/funds/reports/:report': staffRead((fx) => ({ url: `/api/funds/reports/trial-balance?orgId=${fx.gucunOrgId}&period=2026-03&format=xlsx` })),
  'GET /api/funds/summary': staffRead((fx) => ({ url: `/api/funds/summary?orgId=${fx.gucunOrgId}&year=2026` })),
  'GET /api/funds/arrears': staffRead((fx) => ({ url: `/api/funds/arrears?orgId=${fx.gucunOrgId}` })),
  'GET /api/funds/enterprises/:enterpriseId': staffRead((fx) => ({ url: `/api/funds/enterprises/${fx.enterprise.id}` })),
  'GET /api/funds/dunning/:enterpriseId': staffRead((fx) => ({ url: `/api/funds/dunning/${fx.enterprise.id}` })),
  'POST /api/funds/dunning/:enterpriseId/step': staffWrite((fx) => ({ url: `/api/funds/dunning/${fx.enterprise.id}/step`, body: { step: 'interview' } })),
  'GET /api/funds/dunning-steps/:id/pdf': staffRead((fx) => ({ url: `/api/funds/dunning-steps/${fx.dunningStepId}/pdf` })),
  'POST /api/funds/returns': staffWrite((fx) => ({ url: '/api/funds/returns', body: { orgId: fx.gucunOrgId, period: '2026-10' } }), 'not_found', 'funds.returns'),
  'GET /api/funds/chair-allowances': staffRead((fx) => ({ url: `/api/funds/chair-allowances?orgId=${fx.gucunOrgId}&period=2026-03` })),
  'POST /api/funds/chair-allowances': staffWrite((fx) => ({ url: '/api/funds/chair-allowances', body: { orgId: fx.gucunOrgId, period: '2026-03' } }), 'not_found', 'funds.returns'),
  'GET /api/funds/budgets': staffRead((fx) => ({ url: `/api/funds/budgets?orgId=${fx.gucunOrgId}&year=2026` })),
  'POST /api/funds/budgets': staffWrite((fx) => ({ url: '/api/funds/budgets', body: { orgId: fx.gucunOrgId, year: 2026, kind: 'basic', name: '越权预算', accountCode: '504', amountFen: 100 } })),
  'PATCH /api/funds/budgets/:id': staffWrite((fx) => ({ url: `/api/funds/budgets/${fx.budgetLineId}`, body: { amountFen: 2_000_000 } })),
  'GET /api/funds/budgets/:id/spendings': staffRead((fx) => ({ url: `/api/funds/budgets/${fx.budgetLineId}/spendings` })),
  'POST /api/funds/budgets/:id/spendings': staffWrite((fx) => ({
    url: `/api/funds/budgets/${fx.budgetLineId}/spendings`, body: { spentOn: '2026-01-05', payee: '越权', purpose: '越权支出', amountFen: 100, idempotencyKey: 'inventory-spending-1' },
  })),
  'POST /api/funds/budget-spendings/:id/reverse': staffWrite((fx) => ({ url: `/api/funds/budget-spendings/${fx.spendingId}/reverse`, body: { reason: '越权冲销' } })),
  'GET /api/funds/subsidies': staffRead((fx) => ({ url: `/api/funds/subsidies?orgId=${fx.gucunOrgId}` })),
  'POST /api/funds/subsidies/runs': staffWrite((fx) => ({ url: '/api/funds/subsidies/runs', body: { orgId: fx.gucunOrgId, period: '2026-01' } }), 'not_found', 'funds.subsidies'),
  'GET /api/me/funds': { access: 'member', probe: () => ({ url: '/api/me/funds' }) },
  'GET /api/funds/periods': staffRead(() => ({ url: '/api/funds/periods' }), 'citywide'),
  'POST /api/funds/periods/:period/close': staffWrite(() => ({ url: '/api/funds/periods/2020-01/close' }), 'forbidden', 'funds.manage'),
  'GET /api/funds/chair-allowance-settings': staffRead(() => ({ url: '/api/funds/chair-allowance-settings' }), 'citywide'),
  'POST /api/funds/chair-allowance-settings': staffWrite(() => ({
    url: '/api/funds/chair-allowance-settings', body: { validFrom: '2099-01-01', baseFen: 30_000, perStarFen: 5_000, sizeTiers: [], maxFen: 80_000 },
  }), 'forbidden', 'funds.manage'),
  'GET /api/funds/settings': staffRead(() => ({ url: '/api/funds/settings' }), 'citywide'),
  'POST /api/funds/settings': staffWrite(() => ({
    url: '/api/funds/settings',
    body: { validFrom: '2099-01-01', rateBp: 200, preparatoryRateBp: 200, grassrootsBp: 6000, cityBp: 5000, districtBp: 3000, streetBp: 2000, returnBp: 8000, averageWageFen: 1_000_000 },
  }), 'forbidden', 'funds.manage'),
  'POST /api/funds/rate-exceptions': staffWrite((fx) => ({
    url: '/api/funds/rate-exceptions', body: { enterpriseId: fx.enterprise.id, kind: 'reduced', rateBp: 100, reason: '越权审批', validFrom: '2026-10', validTo: '2026-12' },
  }), 'not_found', 'funds.approveRates'),
  'GET /api/calendar/due': open(() => ({ url: '/api/calendar/due?from=2026-09-30&workingDays=5' })),
  'GET /api/calendar/:year': open(() => ({ url: '/api/calendar/2026' })),
  'PUT /api/calendar/:year': staffWrite(() => ({ url: '/api/calendar/2026', body: { days: [] } }), 'forbidden', 'calendar.edit'),
  'GET /api/service-categories': open(() => ({ url: '/api/service-categories' })),
  'GET /api/stations/nearest': open(() => ({ url: '/api/stations/nearest?lat=31.35&lng=121.38&limit=3' })),
  'GET /api/stations': staffRead((fx) => ({ url: '/api/stations?level=relay', marker: fx.station.name }), 'hidden'),
  'GET /api/stations/gaps': staffRead((fx) => ({ url: `/api/stations/gaps?orgId=${fx.gucunOrgId}` })),
  'GET /api/stations/:id': staffRead((fx) => ({ url: `/api/stations/${fx.station.id}` })),
  'POST /api/stations': staffWrite((fx) => ({ url: '/api/stations', body: stationBody(fx.gucunOrgId, '越权驿站') })),
  'PATCH /api/stations/:id': staffWrite((fx) => ({ url: `/api/stations/${fx.station.id}`, body: { name: '越权' } })),
  'POST /api/service-requests': staffWrite((fx) => ({ url: '/api/service-requests', body: requestBody(fx.gucunOrgId, '越权受理') })),
  'GET /api/service-lists': staffRead((fx) => ({ url: `/api/service-lists?orgId=${fx.gucunOrgId}` })),
  'POST /api/service-lists/items': staffWrite((fx) => ({ url: '/api/service-lists/items', body: { orgId: fx.gucunOrgId, list: 'service', category: '越权', title: '越权' } })),
  'DELETE /api/service-lists/items/:id': staffWrite((fx) => ({ url: `/api/service-lists/items/${fx.serviceItemId}` })),
  // the foreign caller's own requests, handed to someone outside their scope: not found
  'POST /api/service-requests/:id/requester-phone': staffWrite((fx) => ({ url: `/api/service-requests/${fx.serviceRequest.id}/requester-phone` })),
  'POST /api/service-requests/handover': staffWrite((fx) => ({ url: '/api/service-requests/handover', body: { toUserId: fx.gucunUserId } })),
  'GET /api/service-requests': staffRead((fx) => ({ url: '/api/service-requests?limit=200', marker: fx.serviceRequest.description }), 'hidden'),
  'GET /api/service-requests/figures': staffRead((fx) => ({ url: `/api/service-requests/figures?orgId=${fx.gucunOrgId}` })),
  'GET /api/service-requests/:id': staffRead((fx) => ({ url: `/api/service-requests/${fx.serviceRequest.id}` })),
  'POST /api/service-requests/:id/accept': staffWrite((fx) => ({ url: `/api/service-requests/${fx.serviceRequest.id}/accept` })),
  'POST /api/service-requests/:id/transfer': staffWrite((fx) => ({ url: `/api/service-requests/${fx.serviceRequest.id}/transfer`, body: { toOrgId: fx.otherUnionId, reason: '越权' } })),
  'POST /api/service-requests/:id/pause': staffWrite((fx) => ({ url: `/api/service-requests/${fx.serviceRequest.id}/pause`, body: { reason: '越权' } })),
  'POST /api/service-requests/:id/resume': staffWrite((fx) => ({ url: `/api/service-requests/${fx.serviceRequest.id}/resume` })),
  'POST /api/service-requests/:id/extend': staffWrite((fx) => ({
    url: `/api/service-requests/${fx.serviceRequest.id}/extend`, body: { workingDays: 3, reason: '越权' },
  }), 'forbidden', 'requests.approveExtension'),
  'POST /api/service-requests/:id/close': staffWrite((fx) => ({ url: `/api/service-requests/${fx.serviceRequest.id}/close`, body: { result: '越权' } })),
  'POST /api/service-requests/:id/rating': { access: 'member', probe: (fx) => ({ url: `/api/service-requests/${fx.memberRequestId}/rating`, body: { score: 5 } }) },
  'POST /api/service-requests/code': open(() => ({ url: '/api/service-requests/code', body: { phone: newPhone() } })),
  'POST /api/service-requests/public': open((fx) => ({
    url: '/api/service-requests/public', body: { categoryCode: 'general', orgId: fx.gucunOrgId, description: '清单：免登录诉求', requesterName: '清单', phone: newPhone(), phoneCode: '000000' },
  })),
  'POST /api/service-requests/by-link': open(() => ({ url: '/api/service-requests/by-link', body: { token: `f1-${'A'.repeat(43)}` } })),
  'POST /api/service-requests/rate-by-link': open(() => ({ url: '/api/service-requests/rate-by-link', body: { token: `r1-${'A'.repeat(43)}`, score: 5 } })),
  'POST /api/me/service-requests': { access: 'member', probe: () => ({ url: '/api/me/service-requests', body: { categoryCode: 'general', description: '清单诉求' } }) },
  'GET /api/me/service-requests': { access: 'member', probe: () => ({ url: '/api/me/service-requests' }) },
  'GET /api/me/service-requests/:id': { access: 'member', probe: (fx) => ({ url: `/api/me/service-requests/${fx.memberRequestId}` }) },
  'POST /api/rights/cases': staffWrite((fx) => ({
    url: '/api/rights/cases', body: { enterpriseId: fx.enterprise.id, type: 'wage_arrears', workers: [{ name: '越权' }], claimFen: 100 },
  })),
  'GET /api/rights/cases': staffRead((fx) => ({ url: `/api/rights/cases?orgId=${fx.gucunOrgId}` })),
  'GET /api/rights/cases/:id': staffRead((fx) => ({ url: `/api/rights/cases/${fx.rightsCaseId}` })),
  'POST /api/rights/cases/:id/stage': staffWrite((fx) => ({ url: `/api/rights/cases/${fx.rightsCaseId}/stage`, body: { to: 'investigating' } })),
  'POST /api/rights/cases/:id/parties/:partyId/phone': staffWrite((fx) => ({ url: `/api/rights/cases/${fx.rightsCaseId}/parties/${fx.rightsPartyId}/phone` })),
  'GET /api/rights/cases/:id/agreement.pdf': staffRead((fx) => ({ url: `/api/rights/cases/${fx.rightsCaseId}/agreement.pdf` })),
  'POST /api/rights/warnings': staffWrite((fx) => ({ url: '/api/rights/warnings', body: { enterpriseId: fx.enterprise.id, signal: 'other', level: 'general' } })),
  'GET /api/rights/warnings': staffRead((fx) => ({ url: `/api/rights/warnings?orgId=${fx.gucunOrgId}` })),
  'GET /api/rights/warnings/:id': staffRead((fx) => ({ url: `/api/rights/warnings/${fx.warningId}` })),
  'POST /api/rights/warnings/:id/meetings': staffWrite((fx) => ({
    url: `/api/rights/warnings/${fx.warningId}/meetings`, body: { heldOn: '2026-01-05', participants: '越权' },
  })),
  'POST /api/rights/warnings/:id/close': staffWrite((fx) => ({ url: `/api/rights/warnings/${fx.warningId}/close`, body: { resolution: '越权' } })),
  'GET /api/rights/warnings/:id/letter.pdf': staffRead((fx) => ({ url: `/api/rights/warnings/${fx.warningId}/letter.pdf` })),
  'GET /api/me/rights': { access: 'member', probe: () => ({ url: '/api/me/rights' }) },
  'GET /api/me/rights/cases/:id': { access: 'member', probe: (fx) => ({ url: `/api/me/rights/cases/${fx.memberCaseId}` }) },
  'POST /api/me/rights/consultations/:id/issues': {
    access: 'member', probe: (fx) => ({ url: `/api/me/rights/consultations/${fx.consultationId}/issues`, body: { text: '清单测试：班车线路', anonymous: true } }),
  },
  'GET /api/rights/summary': staffRead((fx) => ({ url: `/api/rights/summary?orgId=${fx.gucunOrgId}` })),
  'POST /api/rights/consultations': staffWrite((fx) => ({ url: '/api/rights/consultations', body: { enterpriseId: fx.enterprise.id, collectedOn: '2026-01-05', issues: '越权' } })),
  'GET /api/rights/consultations': staffRead((fx) => ({ url: `/api/rights/consultations?orgId=${fx.gucunOrgId}` })),
  'GET /api/rights/consultations/:id': staffRead((fx) => ({ url: `/api/rights/consultations/${fx.consultationId}` })),
  'POST /api/rights/consultations/:id/step': staffWrite((fx) => ({
    url: `/api/rights/consultations/${fx.consultationId}/step`, body: { to: 'participants', on: '2026-01-06', text: '越权' },
  })),
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
  'GET /api/bargaining/calendar': staffRead((fx) => ({ url: `/api/bargaining/calendar?enterpriseId=${fx.enterprise.id}` })),
  'POST /api/bargaining/calendar': staffWrite((fx) => ({ url: '/api/bargaining/calendar', body: { enterpriseId: fx.enterprise.id, topic: 'bonus', month: 6 } })),
  'GET /api/bargaining/preparations': staffRead((fx) => ({ url: `/api/bargaining/preparations?enterpriseId=${fx.enterprise.id}&year=2026` })),
  'PUT /api/bargaining/preparations': staffWrite((fx) => ({
    url: '/api/bargaining/preparations',
    body: { enterpriseId: fx.enterprise.id, year: 2026, lastYearProfitFen: 1, cpiBp: 200, guidelineBaseBp: 500, guidelineUpperBp: 800, guidelineLowerBp: 300 },
  })),
  'POST /api/bargaining/contracts/:id/checks': staffWrite((fx) => ({
    url: `/api/bargaining/contracts/${fx.contractId}/checks`, body: { checkedOn: '2026-01-05', wagesPaid: true },
  })),
};

function stationBody(orgId: number, name: string) {
  return {
    orgId, name, level: 'relay', address: '宝山区沪太路4788号', lat: 31.3519, lng: 121.3833,
    hours: [{ weekdays: [1, 2, 3, 4, 5], open: '09:00', close: '17:00' }], facilities: ['hot_water'], acceptance: 'accepted', acceptedOn: '2026-11-01', inspector: '宝山区总工会',
  };
}

function requestBody(orgId: number, description: string) {
  return { categoryCode: 'general', orgId, channel: 'station', description, requesterName: '王清单', requesterPhone: newPhone() };
}

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
  return signInMember(t, phone);
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
  union all select 'congress_sessions', md5(coalesce(string_agg(x::text, ',' order by id), '')) from congress_sessions x
  union all select 'congress_representatives', md5(coalesce(string_agg(x::text, ',' order by session_id, member_id), '')) from congress_representatives x
  union all select 'congress_proposals', md5(coalesce(string_agg(x::text, ',' order by id), '')) from congress_proposals x
  union all select 'votes', md5(coalesce(string_agg(x::text, ',' order by id), '')) from votes x
  union all select 'vote_options', md5(coalesce(string_agg(x::text, ',' order by id), '')) from vote_options x
  union all select 'evaluation_scores', md5(coalesce(string_agg(x::text, ',' order by id), '')) from evaluation_scores x
  union all select 'evaluation_samples', md5(coalesce(string_agg(x::text, ',' order by id), '')) from evaluation_samples x
  union all select 'journal_lines', md5(coalesce(string_agg(j::text, ',' order by id), '')) from journal_lines j
  union all select 'fund_assessments', md5(coalesce(string_agg(f::text, ',' order by id), '')) from fund_assessments f
  union all select 'fund_receipts', md5(coalesce(string_agg(f::text, ',' order by id), '')) from fund_receipts f
  union all select 'fund_unmatched_lines', md5(coalesce(string_agg(f::text, ',' order by id), '')) from fund_unmatched_lines f
  union all select 'fund_settings', md5(coalesce(string_agg(f::text, ',' order by id), '')) from fund_settings f
  union all select 'fund_rate_exceptions', md5(coalesce(string_agg(f::text, ',' order by id), '')) from fund_rate_exceptions f
  union all select 'ledger_periods', md5(coalesce(string_agg(p::text, ',' order by period), '')) from ledger_periods p
  union all select 'dunning_steps', md5(coalesce(string_agg(d::text, ',' order by id), '')) from dunning_steps d
  union all select 'calendar_days', md5(coalesce(string_agg(c::text, ',' order by day), '')) from calendar_days c
  union all select 'service_stations', md5(coalesce(string_agg(s::text, ',' order by id), '')) from service_stations s
  union all select 'service_requests', md5(coalesce(string_agg(r::text, ',' order by id), '')) from service_requests r
  union all select 'service_items', md5(coalesce(string_agg(i::text, ',' order by id), '')) from service_items i
  union all select 'service_request_pauses', md5(coalesce(string_agg(p::text, ',' order by request_id, from_on), '')) from service_request_pauses p
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
  // funds: an unpaid assessment, the first dunning step (a letter), an unmatched bank line of 宝山区
  await json(request(t.app, gucun, 'POST', '/api/funds/payroll', { enterpriseId: target.enterpriseId, period: '2026-03', payrollFen: 10_000_000 }));
  const step = await json<{ id: number }>(request(t.app, gucun, 'POST', `/api/funds/dunning/${target.enterpriseId}/step`, { step: 'lawyer_letter' }));
  const bank = multipart({}, { filename: 'bank.csv', type: 'text/csv', data: Buffer.from('交易日期,付款人名称,金额,流水号\n2026-10-01,上海清单无主付款有限公司,100,INV-FIXTURE-1\n') });
  await json(t.app.inject({ method: 'POST', url: '/api/funds/receipts/import', payload: bank.payload, headers: { ...bank.headers, cookie: owner.cookie, 'x-csrf-token': owner.csrfToken } }));
  const unmatched = await json<{ items: { id: number }[] }>(request(t.app, owner, 'GET', '/api/funds/unmatched'));
  const budgetLine = await json<{ id: number }>(request(t.app, gucun, 'POST', '/api/funds/budgets', { orgId: gucun.orgId, year: 2026, kind: 'project', name: '清单测试项目', accountCode: '501', amountFen: 1_000_000 }));
  const spending = await json<{ id: number }>(request(t.app, gucun, 'POST', `/api/funds/budgets/${budgetLine.id}/spendings`, {
    spentOn: '2026-01-05', payee: '上海清单服务社', purpose: '清单测试支出', amountFen: 1_000, idempotencyKey: 'inventory-fixture-spending',
  }));

  const congress = await congressFixtures(gucun.orgId, joined.id);

  const station = await json<{ id: number; name: string }>(request(t.app, gucun, 'POST', '/api/stations', stationBody(gucun.orgId, '顾村清单测试爱心接力站')));
  const serviceRequest = await json<{ id: number; description: string }>(request(t.app, gucun, 'POST', '/api/service-requests', requestBody(gucun.orgId, '清单测试诉求：驿站热水器损坏')));
  const memberRequest = await json<{ id: number }>(request(t.app, member, 'POST', '/api/me/service-requests', { categoryCode: 'general', description: '清单测试：网上诉求' }));
  const serviceItem = await json<{ id: number }>(request(t.app, gucun, 'POST', '/api/service-lists/items', { orgId: gucun.orgId, list: 'service', category: '关爱帮扶', title: '顾村清单测试项目' }));
  await json(request(t.app, owner, 'POST', `/api/service-requests/${memberRequest.id}/accept`));
  await json(request(t.app, owner, 'POST', `/api/service-requests/${memberRequest.id}/close`, { result: '已答复' }));

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

  const consultation = await json<{ id: number }>(request(t.app, gucun, 'POST', '/api/rights/consultations', {
    enterpriseId: target.enterpriseId, collectedOn: '2026-01-05', issues: '清单测试：食堂与班车',
  }));
  // the fixture member works at that enterprise (its 恳谈会 collects issues) and is a party of a case, by phone
  await t.handle.query('update members set enterprise_id = $1 where id = $2', [target.enterpriseId, joined.id]);
  const memberCase = await json<{ id: number }>(request(t.app, gucun, 'POST', '/api/rights/cases', {
    enterpriseId: target.enterpriseId, type: 'overtime', workers: [{ name: '钱清单', phone }], claimFen: 300_000,
  }));

  fx = {
    station, serviceRequest, memberRequestId: memberRequest.id, gucunUserId: gucun.userId, serviceItemId: serviceItem.id,
    rightsCaseId: rightsCase.id,
    rightsPartyId: (await t.handle.query<{ id: number }>('select id from rights_case_workers where case_id = $1', [rightsCase.id]))[0]!.id,
    warningId: warning.id,
    contractId: contract.id,
    consultationId: consultation.id,
    memberCaseId: memberCase.id,
    gucunOrgId: gucun.orgId,
    baoshanOrgId: owner.orgId,
    congress,
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
    dunningStepId: step.id,
    unmatchedId: unmatched.items[0]!.id,
    budgetLineId: budgetLine.id,
    spendingId: spending.id,
  };
});
afterAll(() => t.close());

/**
 * A session of 顾村 with the fixture member and another member on its roll, proposals in each state a probe
 * needs, and votes created / started / published (the voters of a vote without session: 顾村's active members).
 */
async function congressFixtures(gucunOrgId: number, memberId: number): Promise<CongressFixtures> {
  const today = shanghaiDate();
  const [org] = await t.handle.query<{ path: string; region_code: string }>('select path::text as path, region_code from orgs where id = $1', [gucunOrgId]);
  const [other] = await t.handle.db.transaction((tx) => insertMembers(tx, t.app.keys, [{
    name: '李代表', idNumber: newIdNumber(), phone: newPhone(), occupation: 'courier', category: 'standard', joinChannel: 'import',
    org: { id: gucunOrgId, path: org!.path, regionCode: org!.region_code }, enterpriseId: null, joinedOn: today,
  }]));
  const session = await json<{ id: number }>(request(t.app, gucun, 'POST', '/api/congress/sessions', {
    orgId: gucunOrgId, title: '顾村镇职工代表大会', heldOn: addDays(today, 20), proposalsOpenOn: addDays(today, -10), proposalsCloseOn: addDays(today, 10),
    representatives: [{ memberId, constituency: '第一代表团' }, { memberId: other!.id, constituency: '第二代表团' }],
  }));
  const proposal = (proposer: number, state: string, extra = '') => t.handle.query<{ id: number }>(`
    insert into congress_proposals (session_id, subject, reasons, measures, proposer_member_id, state, department, due_on${extra ? ', answer_text, answer_leader, answered_on' : ''})
    values ($1, '关于改善职工通勤的提案', '班车不足', '增开班车', $2, $3, ${state === 'submitted' ? 'null, null' : `'行政部', '${addDays(today, 30)}'`}${extra})
    returning id`, [session.id, proposer, state]).then(([r]) => r!.id);
  const proposalId = await proposal(other!.id, 'submitted');
  const filedId = await proposal(other!.id, 'filed');
  const answeredId = await proposal(memberId, 'answered', `, '已增开两班', '王建国', '${today}'`);
  const vote = (title: string) => json<{ id: number; options: { id: number }[] }>(request(t.app, gucun, 'POST', '/api/votes', { orgId: gucunOrgId, title, method: 'yes_no_abstain' }));
  const draft = await vote('待开始的表决');
  const open = await vote('进行中的表决');
  await json(request(t.app, gucun, 'POST', `/api/votes/${open.id}/start`));
  const published = await vote('已公布的表决');
  for (const step of ['start', 'finish', 'publish']) await json(request(t.app, gucun, 'POST', `/api/votes/${published.id}/${step}`));
  const [evidence] = await t.handle.query<{ id: number }>(`
    insert into evaluation_evidence (org_id, year, item_code, filename, content_type, size, data, uploaded_by)
    values ($1, 2030, 'A1', '换届决议.pdf', 'application/pdf', 8, decode('255044462d312e37', 'hex'), $2) returning id`, [gucunOrgId, gucun.userId]);
  return {
    sessionId: session.id, proposalId, answeredId, filedId, draftVoteId: draft.id, openVote: { id: open.id, optionId: open.options[0]!.id }, publishedVoteId: published.id,
    evidenceId: evidence!.id,
  };
}

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
