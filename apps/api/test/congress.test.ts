import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays, auditActionLabels, auditDetailPairs, auditObjectTypeLabels, drawSample, label, memberRatingQuestions, shanghaiDate, starsOf,
  type AuditEntry, type CongressSession, type EvidenceFile, type RatingQuestionSet, type Evaluation, type EvaluationSummary, type MyCongress, type Proposal, type Vote, type VoteResult,
} from '@lianxin/contracts';
import { createSession } from '../src/features/auth/sessions.repo.ts';
import { insertMembers, type NewMember } from '../src/features/members/members.enrol.ts';
import { ballotsOf } from '../src/features/votes/votes.service.ts';
import { verifyChain } from '../src/features/votes/vote-chain.ts';
import { newIdNumber, newPhone } from './support/fixtures.ts';
import { multipart } from './support/multipart.ts';
import { request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

/**
 * Workers' congress, votes and evaluation through the API: proposal rules (window, seconders, filing, answer,
 * the rating loop, frozen once put to a vote), vote integrity (no change after start, one ballot under
 * concurrency, caps, secret ballots unlinkable, receipts in the tally, the hash chain, quorum and "more than half
 * of all"), evaluation (one rating a year, indicator points, reproducible sample, stars) and scope.
 */

let t: TestApp;
let baoshan: Session;
let gucun: Session;
let foreign: Session;
let gucunPath: string;
/** the union holding the congress (below 顾村) */
let unionId: number;
/** active members of 顾村 with a signed-in H5 session each */
const reps: { id: number; s: Session }[] = [];
let outsider: { id: number; s: Session };
const today = shanghaiDate();

async function memberSession(memberId: number): Promise<Session> {
  const [user] = await t.handle.query<{ id: number; org_id: number }>(`
    insert into users (username, display_name, password_hash, role, org_id, member_id)
    select 'member-' || id, name, '!', 'member', org_id, id from members where id = $1
    on conflict (member_id) do update set org_id = excluded.org_id returning id, org_id`, [memberId]);
  const session = await createSession(t.handle.db, user!.id);
  return { cookie: `lianxin_session=${session.token}`, csrfToken: session.csrfToken, userId: user!.id, orgId: user!.org_id };
}

const ok = async <T>(session: Session, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown, status = 200): Promise<T> => {
  const response = await request(t.app, session, method, url, body);
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(status);
  return response.json<T>();
};
const code = async (session: Session, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown) =>
  (await request(t.app, session, method, url, body)).statusCode;

beforeAll(async () => {
  t = await startTestApp();
  baoshan = await signIn(t.app, 'demo-baoshan');
  gucun = await signIn(t.app, 'demo-gucun');
  foreign = await signIn(t.app, 'staff-310101');
  const [org] = await t.handle.query<{ path: string }>('select path::text as path from orgs where id = $1', [gucun.orgId]);
  gucunPath = org!.path;
  // the congress is held by an enterprise union of 顾村 with 9 members; the outsider is a member of another one
  const unions = await t.handle.query<{ id: number; path: string; region_code: string }>(`
    select id, path::text as path, region_code from orgs where path <@ $1::ltree and kind = 'enterprise_union' and status = 'active'
     order by id limit 2`, [gucunPath]);
  const enrol = (u: { id: number; path: string; region_code: string }, n: number, name: string) =>
    t.handle.db.transaction((tx) => insertMembers(tx, t.app.keys, Array.from({ length: n }, (_, i): NewMember => ({
      name: `${name}${'一二三四五六七八九'[i]}`, idNumber: newIdNumber(), phone: newPhone(), occupation: 'courier', category: 'standard',
      joinChannel: 'import', org: { id: u.id, path: u.path, regionCode: u.region_code }, enterpriseId: null, joinedOn: today,
    }))));
  unionId = unions[0]!.id;
  for (const m of await enrol(unions[0]!, 9, '代表')) reps.push({ id: m.id, s: await memberSession(m.id) });
  const [other] = await enrol(unions[1]!, 1, '会员');
  outsider = { id: other!.id, s: await memberSession(other!.id) };
});
afterAll(() => t.close());

const newSession = (over: Record<string, unknown> = {}) => ({
  orgId: unionId, title: '第三届职工代表大会第二次会议', heldOn: addDays(today, 10),
  proposalsOpenOn: addDays(today, -20), proposalsCloseOn: addDays(today, 5),
  representatives: reps.map((r, i) => ({ memberId: r.id, constituency: `第${(i % 3) + 1}代表团` })),
  ...over,
});

describe('sessions', () => {
  it('holds the roll with constituencies; quorum is two thirds of ALL representatives', async () => {
    const session = await ok<CongressSession>(gucun, 'POST', '/api/congress/sessions', newSession(), 201);
    expect(session.representatives).toHaveLength(9);
    expect(session.quorum).toEqual({ total: 9, present: 0, needed: 6, met: false });
    const five = await ok<CongressSession>(gucun, 'PUT', `/api/congress/sessions/${session.id}/attendance`, { present: reps.slice(0, 5).map((r) => r.id) });
    expect(five.quorum).toMatchObject({ present: 5, met: false });
    const six = await ok<CongressSession>(gucun, 'PUT', `/api/congress/sessions/${session.id}/attendance`, { present: reps.slice(0, 6).map((r) => r.id) });
    expect(six.quorum).toMatchObject({ present: 6, met: true });
    expect(six.representatives.filter((r) => r.present)).toHaveLength(6);
    // someone off the roll cannot be recorded present
    expect(await code(gucun, 'PUT', `/api/congress/sessions/${session.id}/attendance`, { present: [outsider.id] })).toBe(400);
  });

  it('takes representatives only from the union\'s members; other districts do not see it', async () => {
    const response = await request(t.app, gucun, 'POST', '/api/congress/sessions', newSession({ representatives: [{ memberId: outsider.id, constituency: '一' }] }));
    expect(response.statusCode).toBe(400);
    expect(response.json<{ fields: Record<string, string> }>().fields.representatives).toBe('代表须为本单位（含下级）的在册会员');
    const session = await ok<CongressSession>(gucun, 'POST', '/api/congress/sessions', newSession(), 201);
    expect(await code(foreign, 'GET', `/api/congress/sessions/${session.id}`)).toBe(404);
    expect(await code(foreign, 'PUT', `/api/congress/sessions/${session.id}/attendance`, { present: [] })).toBe(404);
    expect(await code(baoshan, 'GET', `/api/congress/sessions/${session.id}`)).toBe(200);
  });

  it('refuses a window that closes before it opens or after the session', async () => {
    const bad = await request(t.app, gucun, 'POST', '/api/congress/sessions', newSession({ proposalsCloseOn: addDays(today, 20) }));
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json<{ fields: object }>().fields)).toEqual(['proposalsCloseOn']);
  });
});

describe('proposals', () => {
  let sessionId: number;
  let drafts = 0;
  // each draft a different proposal (the same one sent again answers the first: a resend)
  const draft = () => ({ sessionId, subject: `关于增设夜班职工休息室的提案（${++drafts}）`, reasons: '夜班职工无处休息。', measures: '在二号楼设休息室，配饮水机。' });

  beforeAll(async () => {
    sessionId = (await ok<CongressSession>(gucun, 'POST', '/api/congress/sessions', newSession(), 201)).id;
  });

  it('a representative proposes in the window; others cannot', async () => {
    const p = await ok<Proposal>(reps[0]!.s, 'POST', '/api/congress/proposals', draft(), 201);
    expect(p).toMatchObject({ state: 'submitted', proposer: { memberId: reps[0]!.id }, seconders: [], secondersNeeded: 2 });
    expect(await code(outsider.s, 'POST', '/api/congress/proposals', draft())).toBe(404);
    // staff cannot propose on a representative's behalf through the member route
    expect(await code(gucun, 'POST', '/api/congress/proposals', draft())).toBe(403);
    const closed = await ok<CongressSession>(gucun, 'POST', '/api/congress/sessions', newSession({
      proposalsOpenOn: addDays(today, -40), proposalsCloseOn: addDays(today, -31), heldOn: addDays(today, -1),
    }), 201);
    const late = await request(t.app, reps[0]!.s, 'POST', '/api/congress/proposals', { ...draft(), sessionId: closed.id });
    expect(late.statusCode).toBe(409);
    expect(late.json<{ message: string }>().message).toBe('不在提案征集期内');
  });

  it('seconders: one click each, not the proposer, not twice; filing needs two', async () => {
    const p = await ok<Proposal>(reps[0]!.s, 'POST', '/api/congress/proposals', draft(), 201);
    expect(await code(reps[0]!.s, 'POST', `/api/congress/proposals/${p.id}/second`)).toBe(409);
    const once = await ok<Proposal>(reps[1]!.s, 'POST', `/api/congress/proposals/${p.id}/second`);
    expect(once.seconders.map((s) => s.memberId)).toEqual([reps[1]!.id]);
    expect(await code(reps[1]!.s, 'POST', `/api/congress/proposals/${p.id}/second`)).toBe(409);
    expect(await code(outsider.s, 'POST', `/api/congress/proposals/${p.id}/second`)).toBe(404);

    // the committee's duty is a grant: 顾村's staff without it are refused
    expect(await code(gucun, 'POST', `/api/congress/proposals/${p.id}/file`, { department: '行政部', dueOn: addDays(today, 30) })).toBe(403);
    await ok(baoshan, 'POST', `/api/orgs/${gucun.orgId}/grants`, { userId: gucun.userId, kind: 'proposal_committee' }, 201);
    const few = await request(t.app, gucun, 'POST', `/api/congress/proposals/${p.id}/file`, { department: '行政部', dueOn: addDays(today, 30) });
    expect(few.statusCode).toBe(409);
    expect(few.json<{ message: string }>().message).toBe('附议人不足 2 人，不能立案');
    await ok(reps[2]!.s, 'POST', `/api/congress/proposals/${p.id}/second`);
    const filed = await ok<Proposal>(gucun, 'POST', `/api/congress/proposals/${p.id}/file`, { department: '行政部', dueOn: addDays(today, 30) });
    expect(filed).toMatchObject({ state: 'filed', department: '行政部' });
    // filed: seconding is over, and another district's staff do not find it
    expect(await code(reps[3]!.s, 'POST', `/api/congress/proposals/${p.id}/second`)).toBe(409);
    expect(await code(foreign, 'POST', `/api/congress/proposals/${p.id}/answer`, { text: '越权', leader: '某', answeredOn: today })).toBe(404);
  });

  it('answer and rating: 不满意 sends it back once, the second rating closes it', async () => {
    const p = await ok<Proposal>(reps[0]!.s, 'POST', '/api/congress/proposals', draft(), 201);
    await ok(reps[1]!.s, 'POST', `/api/congress/proposals/${p.id}/second`);
    await ok(reps[2]!.s, 'POST', `/api/congress/proposals/${p.id}/second`);
    await ok(gucun, 'POST', `/api/congress/proposals/${p.id}/file`, { department: '后勤部', dueOn: addDays(today, 30) });
    expect(await code(reps[0]!.s, 'POST', `/api/congress/proposals/${p.id}/rate`, { rating: 'satisfied' })).toBe(409);
    const answered = await ok<Proposal>(gucun, 'POST', `/api/congress/proposals/${p.id}/answer`, { text: '已选址二号楼一层。', leader: '王建国', answeredOn: today });
    expect(answered.answer).toEqual({ text: '已选址二号楼一层。', leader: '王建国', answeredOn: today });
    // only the proposer rates
    expect(await code(reps[1]!.s, 'POST', `/api/congress/proposals/${p.id}/rate`, { rating: 'satisfied' })).toBe(404);
    const back = await ok<Proposal>(reps[0]!.s, 'POST', `/api/congress/proposals/${p.id}/rate`, { rating: 'unsatisfied', comment: '没有饮水机' });
    expect(back).toMatchObject({ state: 'filed', reopened: true, answer: null, rating: 'unsatisfied' });
    await ok(gucun, 'POST', `/api/congress/proposals/${p.id}/answer`, { text: '饮水机已安装。', leader: '王建国', answeredOn: today });
    const done = await ok<Proposal>(reps[0]!.s, 'POST', `/api/congress/proposals/${p.id}/rate`, { rating: 'unsatisfied' });
    expect(done).toMatchObject({ state: 'done', rating: 'unsatisfied', reopened: true });
    // the first answer is kept in the audit log
    const [audit] = await t.handle.query<{ n: number }>(
      `select count(*)::int as n from audit_log where object_type = 'congress_proposal' and object_id = $1 and detail->'previousAnswer'->>'text' = '已选址二号楼一层。'`, [String(p.id)]);
    expect(audit!.n).toBe(1);
  });

  it('returned with a written reason; a returned proposal cannot be filed', async () => {
    const p = await ok<Proposal>(reps[0]!.s, 'POST', '/api/congress/proposals', draft(), 201);
    expect(await code(gucun, 'POST', `/api/congress/proposals/${p.id}/return`, { reason: '' })).toBe(400);
    const returned = await ok<Proposal>(gucun, 'POST', `/api/congress/proposals/${p.id}/return`, { reason: '属个人诉求，转意见建议办理' });
    expect(returned).toMatchObject({ state: 'returned', returnReason: '属个人诉求，转意见建议办理' });
    expect(await code(gucun, 'POST', `/api/congress/proposals/${p.id}/file`, { department: '行政部', dueOn: today })).toBe(409);
  });

  it('progress notes follow the answer until one says 落实完成; the committee marks best proposals, listed per session and shown on the H5', async () => {
    const p = await ok<Proposal>(reps[0]!.s, 'POST', '/api/congress/proposals', draft(), 201);
    await ok(reps[1]!.s, 'POST', `/api/congress/proposals/${p.id}/second`);
    await ok(reps[2]!.s, 'POST', `/api/congress/proposals/${p.id}/second`);
    await ok(gucun, 'POST', `/api/congress/proposals/${p.id}/file`, { department: '后勤部', dueOn: addDays(today, 30) });
    // not answered yet: no progress note, not a best proposal
    const early = await request(t.app, gucun, 'POST', `/api/congress/proposals/${p.id}/progress`, { note: '正在选址' });
    expect(early.statusCode).toBe(409);
    expect(early.json<{ message: string }>().message).toBe('提案答复后才能填报办理进展');
    const notYet = await request(t.app, gucun, 'POST', `/api/congress/proposals/${p.id}/best`, { best: true });
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json<{ message: string }>().message).toBe('只有已立案并已答复的提案才能评为优秀提案');

    await ok(gucun, 'POST', `/api/congress/proposals/${p.id}/answer`, { text: '拟在二号楼一层设休息室。', leader: '王建国', answeredOn: today });
    expect(await code(gucun, 'POST', `/api/congress/proposals/${p.id}/progress`, { note: '' })).toBe(400);
    const first = await ok<Proposal>(gucun, 'POST', `/api/congress/proposals/${p.id}/progress`, { note: '已完成装修招标' });
    expect(first.progress).toEqual([{ id: expect.any(Number), note: '已完成装修招标', done: false, postedOn: today }]);
    expect(first.progressDoneOn).toBeNull();
    // the proposer's rating closes the answer; the department still reports until it is implemented
    await ok(reps[0]!.s, 'POST', `/api/congress/proposals/${p.id}/rate`, { rating: 'satisfied' });
    const last = await ok<Proposal>(gucun, 'POST', `/api/congress/proposals/${p.id}/progress`, { note: '休息室已投入使用', done: true });
    expect(last.progress.map((g) => [g.note, g.done])).toEqual([['已完成装修招标', false], ['休息室已投入使用', true]]);
    expect(last.progressDoneOn).toBe(today);
    const after = await request(t.app, gucun, 'POST', `/api/congress/proposals/${p.id}/progress`, { note: '补充' });
    expect(after.statusCode).toBe(409);
    expect(after.json<{ message: string }>().message).toBe('该提案已落实完成，不能再填报办理进展');
    // another district's staff do not find it; without the committee's duty nobody marks a best proposal
    expect(await code(foreign, 'POST', `/api/congress/proposals/${p.id}/progress`, { note: '越权' })).toBe(404);
    expect(await code(foreign, 'POST', `/api/congress/proposals/${p.id}/best`, { best: true })).toBe(403);
    expect(await code(baoshan, 'POST', `/api/congress/proposals/${p.id}/best`, { best: true })).toBe(403);

    // best: the committee's duty; listed per session; unmarking takes it off the list
    const best = await ok<Proposal>(gucun, 'POST', `/api/congress/proposals/${p.id}/best`, { best: true });
    expect(best.best).toBe(true);
    const listed = await ok<{ items: Proposal[] }>(gucun, 'GET', `/api/congress/proposals?sessionId=${sessionId}&best=true`);
    expect(listed.items.map((x) => x.id)).toEqual([p.id]);
    const others = await ok<{ items: Proposal[] }>(gucun, 'GET', `/api/congress/proposals?sessionId=${sessionId}&best=false`);
    expect(others.items.length).toBeGreaterThan(0);
    expect(others.items.some((x) => x.id === p.id)).toBe(false);
    const onPhone = await ok<MyCongress>(reps[5]!.s, 'GET', '/api/me/congress');
    expect(onPhone.proposals.find((x) => x.id === p.id)).toMatchObject({ best: true, progressDoneOn: today, progress: [{ note: '已完成装修招标' }, { note: '休息室已投入使用' }] });
    const [audit] = await t.handle.query<{ n: number }>(
      `select count(*)::int as n from audit_log where object_type = 'congress_proposal' and object_id = $1 and detail->>'step' in ('progress', 'best')`, [String(p.id)]);
    expect(audit!.n).toBe(3);
    await ok(gucun, 'POST', `/api/congress/proposals/${p.id}/best`, { best: false });
    expect((await ok<{ items: Proposal[] }>(gucun, 'GET', `/api/congress/proposals?sessionId=${sessionId}&best=true`)).items).toEqual([]);
  });

  it('the committee\'s queue lists the session\'s proposals by state; the member sees their sessions on the H5', async () => {
    const queue = await ok<{ items: Proposal[] }>(gucun, 'GET', `/api/congress/proposals?sessionId=${sessionId}&state=submitted`);
    expect(queue.items.length).toBeGreaterThan(0);
    expect(queue.items.every((p) => p.state === 'submitted')).toBe(true);
    expect(await code(foreign, 'GET', `/api/congress/proposals?sessionId=${sessionId}`)).toBe(404);
    const mine = await ok<MyCongress>(reps[4]!.s, 'GET', '/api/me/congress');
    expect(mine.sessions.map((s) => s.id)).toContain(sessionId);
    expect(mine.proposals.some((p) => p.sessionId === sessionId)).toBe(true);
    const theirs = await ok<MyCongress>(outsider.s, 'GET', '/api/me/congress');
    expect(theirs.sessions.map((s) => s.id)).not.toContain(sessionId);
  });

  it('a proposal put to a vote is frozen, in the API and in the database', async () => {
    const p = await ok<Proposal>(reps[0]!.s, 'POST', '/api/congress/proposals', draft(), 201);
    await ok(reps[1]!.s, 'POST', `/api/congress/proposals/${p.id}/second`);
    await ok(reps[2]!.s, 'POST', `/api/congress/proposals/${p.id}/second`);
    // not filed yet: it cannot be put to a vote
    expect(await code(gucun, 'POST', '/api/votes', { orgId: unionId, sessionId, proposalId: p.id, title: '表决', method: 'yes_no_abstain' })).toBe(400);
    await ok(gucun, 'POST', `/api/congress/proposals/${p.id}/file`, { department: '行政部', dueOn: addDays(today, 30) });
    const vote = await ok<Vote>(gucun, 'POST', '/api/votes', { orgId: unionId, sessionId, proposalId: p.id, title: '关于增设夜班职工休息室的提案', method: 'yes_no_abstain' }, 201);
    expect(vote.proposalId).toBe(p.id);
    const frozen = await request(t.app, gucun, 'POST', `/api/congress/proposals/${p.id}/answer`, { text: '改', leader: '王建国', answeredOn: today });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json<{ message: string }>().message).toBe('提案已提交表决，不能再修改');
    await expect(t.handle.query(`update congress_proposals set subject = '改' where id = $1`, [p.id])).rejects.toThrow(/put to a vote/);
    await expect(t.handle.query(`insert into congress_seconders (proposal_id, member_id) values ($1, $2)`, [p.id, reps[5]!.id])).rejects.toThrow(/put to a vote/);
  });
});

describe('votes', () => {
  let sessionId: number;
  const present = () => reps.slice(0, 6);

  beforeAll(async () => {
    sessionId = (await ok<CongressSession>(gucun, 'POST', '/api/congress/sessions', newSession(), 201)).id;
  });

  const motion = (over: Record<string, unknown> = {}) => ({ orgId: unionId, sessionId, title: '工资集体协议（草案）', method: 'yes_no_abstain', ...over });

  it('starts only with the quorum; the entitled voters are the representatives present at start', async () => {
    const vote = await ok<Vote>(gucun, 'POST', '/api/votes', motion(), 201);
    // the fixed options carry a code (screens translate it); the stored label stays Chinese
    expect(vote).toMatchObject({
      state: 'created', entitled: null,
      options: [{ label: '赞成', code: 'yes' }, { label: '反对', code: 'no' }, { label: '弃权', code: 'abstain' }],
    });
    await ok(gucun, 'PUT', `/api/congress/sessions/${sessionId}/attendance`, { present: reps.slice(0, 5).map((r) => r.id) });
    const refused = await request(t.app, gucun, 'POST', `/api/votes/${vote.id}/start`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ message: string }>().message).toBe('出席代表 5 人，未达全体代表三分之二（6 人），不能表决');
    await ok(gucun, 'PUT', `/api/congress/sessions/${sessionId}/attendance`, { present: present().map((r) => r.id) });
    const started = await ok<Vote>(gucun, 'POST', `/api/votes/${vote.id}/start`);
    expect(started).toMatchObject({ state: 'started', entitled: 6 });
    // absent representatives are not entitled: their ballot finds no vote
    expect(await code(reps[7]!.s, 'POST', `/api/votes/${vote.id}/ballots`, { choices: [vote.options[0]!.id] })).toBe(404);
    // attendance changing later does not change the snapshot
    await ok(gucun, 'PUT', `/api/congress/sessions/${sessionId}/attendance`, { present: reps.map((r) => r.id) });
    expect((await ok<Vote>(gucun, 'GET', `/api/votes/${vote.id}`)).entitled).toBe(6);
    expect(await code(reps[7]!.s, 'POST', `/api/votes/${vote.id}/ballots`, { choices: [vote.options[0]!.id] })).toBe(404);
    await ok(gucun, 'PUT', `/api/congress/sessions/${sessionId}/attendance`, { present: present().map((r) => r.id) });
  });

  it('nothing of the definition changes after start: PATCH is 409 and the database refuses too', async () => {
    const vote = await ok<Vote>(gucun, 'POST', '/api/votes', motion({ method: 'single', options: ['甲方案', '乙方案'] }), 201);
    const patched = await ok<Vote>(gucun, 'PATCH', `/api/votes/${vote.id}`, { title: '方案选择', method: 'single', options: ['甲方案', '乙方案', '丙方案'], secret: true });
    expect(patched.options.map((o) => o.label)).toEqual(['甲方案', '乙方案', '丙方案']);
    // custom options stay as typed, without a code
    expect(patched.options.map((o) => o.code)).toEqual([null, null, null]);
    await ok(gucun, 'POST', `/api/votes/${vote.id}/start`);
    const late = await request(t.app, gucun, 'PATCH', `/api/votes/${vote.id}`, { title: '改', method: 'single', options: ['甲', '乙'], secret: false });
    expect(late.statusCode).toBe(409);
    await expect(t.handle.query(`insert into vote_options (vote_id, position, label) values ($1, 9, '丁方案')`, [vote.id])).rejects.toThrow(/has started/);
    await expect(t.handle.query(`update vote_options set label = '改' where vote_id = $1`, [vote.id])).rejects.toThrow(/has started/);
    await expect(t.handle.query(`update votes set secret = false where id = $1`, [vote.id])).rejects.toThrow(/definition cannot change/);
    await expect(t.handle.query(`insert into vote_voters (vote_id, member_id) values ($1, $2)`, [vote.id, reps[8]!.id])).rejects.toThrow(/voters cannot change/);
    await expect(t.handle.query(`delete from vote_voters where vote_id = $1`, [vote.id])).rejects.toThrow(/has started/);
    await expect(t.handle.query(`update votes set state = 'created' where id = $1`, [vote.id])).rejects.toThrow(/cannot go back/);
  });

  it('one ballot per voter, also when the same voter sends five at once', async () => {
    const vote = await ok<Vote>(gucun, 'POST', '/api/votes', motion(), 201);
    await ok(gucun, 'POST', `/api/votes/${vote.id}/start`);
    const voter = present()[0]!;
    const answers = await Promise.all(Array.from({ length: 5 }, () => request(t.app, voter.s, 'POST', `/api/votes/${vote.id}/ballots`, { choices: [vote.options[0]!.id] })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    const [n] = await t.handle.query<{ ballots: number; voted: number }>(
      `select (select count(*)::int from vote_ballots where vote_id = $1) as ballots, (select count(*)::int from vote_has_voted where vote_id = $1) as voted`, [vote.id]);
    expect(n).toEqual({ ballots: 1, voted: 1 });
  });

  it('approval with a cap: more choices than the cap, repeated or foreign options are refused', async () => {
    const vote = await ok<Vote>(gucun, 'POST', '/api/votes', motion({ method: 'approval', cap: 2, options: ['金点子一', '金点子二', '金点子三', '金点子四'] }), 201);
    await ok(gucun, 'POST', `/api/votes/${vote.id}/start`);
    const [a, b, c] = vote.options.map((o) => o.id) as [number, number, number];
    const over = await request(t.app, present()[0]!.s, 'POST', `/api/votes/${vote.id}/ballots`, { choices: [a, b, c] });
    expect(over.statusCode).toBe(400);
    expect(over.json<{ fields: Record<string, string> }>().fields.choices).toBe('最多可选 2 项');
    expect(await code(present()[0]!.s, 'POST', `/api/votes/${vote.id}/ballots`, { choices: [a, a] })).toBe(400);
    expect(await code(present()[0]!.s, 'POST', `/api/votes/${vote.id}/ballots`, { choices: [999999] })).toBe(400);
    expect(await code(present()[0]!.s, 'POST', `/api/votes/${vote.id}/ballots`, { choices: [a, b] })).toBe(201);
    // a refused ballot left nothing behind: the voter could still vote once
    const [n] = await t.handle.query<{ n: number }>('select count(*)::int as n from vote_ballots where vote_id = $1', [vote.id]);
    expect(n!.n).toBe(1);
  });

  it('secret ballots carry no voter and no time; receipts are found in the tally; the chain detects an altered ballot', async () => {
    const vote = await ok<Vote>(gucun, 'POST', '/api/votes', motion({ method: 'single', options: ['张三', '李四', '王五'], secret: true }), 201);
    await ok(gucun, 'POST', `/api/votes/${vote.id}/start`);
    const receipts: string[] = [];
    for (const [i, r] of present().entries()) {
      const choices = i === 5 ? [] : [vote.options[i % 2]!.id];
      receipts.push((await ok<{ receipt: string }>(r.s, 'POST', `/api/votes/${vote.id}/ballots`, { choices }, 201)).receipt);
    }
    expect(receipts.every((x) => /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(x))).toBe(true);
    const columns = await t.handle.query<{ column_name: string }>(`select column_name from information_schema.columns where table_name = 'vote_ballots' order by ordinal_position`);
    expect(columns.map((c) => c.column_name)).toEqual(['vote_id', 'receipt', 'choices', 'voter_member_id']);
    const [linked] = await t.handle.query<{ n: number }>('select count(*)::int as n from vote_ballots where vote_id = $1 and voter_member_id is not null', [vote.id]);
    expect(linked!.n).toBe(0);

    // results: staff from finished on; voters once published
    expect(await code(gucun, 'GET', `/api/votes/${vote.id}/result`)).toBe(409);
    await ok(gucun, 'POST', `/api/votes/${vote.id}/finish`);
    expect(await code(present()[0]!.s, 'POST', `/api/votes/${vote.id}/ballots`, { choices: [] })).toBe(409);
    const result = await ok<VoteResult>(gucun, 'GET', `/api/votes/${vote.id}/result`);
    expect(result).toMatchObject({ entitled: 6, cast: 6, valid: 5, invalid: 1, passed: null, state: 'finished' });
    expect(result.options.map((o) => o.votes)).toEqual([3, 2, 0]);
    expect(result.chainHead).toMatch(/^[0-9a-f]{64}$/);
    expect(await code(present()[0]!.s, 'GET', `/api/me/votes/${vote.id}/result`)).toBe(409);
    await ok(gucun, 'POST', `/api/votes/${vote.id}/publish`);
    const mine = await ok<VoteResult>(present()[1]!.s, 'GET', `/api/me/votes/${vote.id}/result?receipt=${receipts[1]}`);
    expect(mine.ballot?.choices).toEqual([vote.options[1]!.id]);
    expect(mine.chainHead).toBe(result.chainHead);
    expect(await code(reps[8]!.s, 'GET', `/api/me/votes/${vote.id}/result`)).toBe(404);
    expect(await code(foreign, 'GET', `/api/votes/${vote.id}/result`)).toBe(404);

    // anyone holding the tally recomputes the head; an altered ballot gives another one
    const ballots = await ballotsOf(t.handle.db, vote.id);
    expect(verifyChain(vote.id, ballots, result.chainHead)).toBe(true);
    expect(verifyChain(vote.id, ballots.map((b, i) => (i === 0 ? { ...b, choices: [vote.options[2]!.id] } : b)), result.chainHead)).toBe(false);
    expect(verifyChain(vote.id, ballots.slice(1), result.chainHead)).toBe(false);
    // the table itself refuses the change; forced past the trigger, the chain shows it
    await expect(t.handle.query(`update vote_ballots set choices = '{}' where vote_id = $1`, [vote.id])).rejects.toThrow(/append-only/);
    await t.handle.query('alter table vote_ballots disable trigger vote_ballots_guard');
    await t.handle.query(`update vote_ballots set choices = array[$2::int] where vote_id = $1 and receipt = $3`, [vote.id, vote.options[2]!.id, receipts[0]]);
    await t.handle.query('alter table vote_ballots enable trigger vote_ballots_guard');
    expect(verifyChain(vote.id, await ballotsOf(t.handle.db, vote.id), result.chainHead)).toBe(false);
    // the stored result does not move
    expect((await ok<VoteResult>(gucun, 'GET', `/api/votes/${vote.id}/result`)).options.map((o) => o.votes)).toEqual([3, 2, 0]);
  });

  it('an open poll names the voter on the ballot', async () => {
    const vote = await ok<Vote>(gucun, 'POST', '/api/votes', motion({ secret: false }), 201);
    await ok(gucun, 'POST', `/api/votes/${vote.id}/start`);
    await ok(present()[0]!.s, 'POST', `/api/votes/${vote.id}/ballots`, { choices: [vote.options[0]!.id] }, 201);
    const [row] = await t.handle.query<{ voter_member_id: number }>('select voter_member_id from vote_ballots where vote_id = $1', [vote.id]);
    expect(row!.voter_member_id).toBe(present()[0]!.id);
  });

  it('the joint council\'s veto needs more than half of ALL entitled voters', async () => {
    const all = await ok<Vote>(gucun, 'POST', '/api/votes', motion({ passRule: 'half_of_all', title: '否决工资协议' }), 201);
    const valid = await ok<Vote>(gucun, 'POST', '/api/votes', motion({ passRule: 'half_of_valid', title: '否决工资协议（对照）' }), 201);
    for (const vote of [all, valid]) {
      await ok(gucun, 'POST', `/api/votes/${vote.id}/start`);
      // 3 yes, 1 no of 6 entitled; two stay away
      for (const [i, r] of present().slice(0, 4).entries()) {
        await ok(r.s, 'POST', `/api/votes/${vote.id}/ballots`, { choices: [vote.options[i < 3 ? 0 : 1]!.id] }, 201);
      }
      await ok(gucun, 'POST', `/api/votes/${vote.id}/finish`);
    }
    const allResult = await ok<VoteResult>(gucun, 'GET', `/api/votes/${all.id}/result`);
    expect(allResult.passed).toBe(false);
    expect(allResult.options.map((o) => [o.code, o.label, o.votes])).toEqual([['yes', '赞成', 3], ['no', '反对', 1], ['abstain', '弃权', 0]]);
    expect((await ok<VoteResult>(gucun, 'GET', `/api/votes/${valid.id}/result`)).passed).toBe(true);
  });

  it('an election fills N seats; without a session the voters are the active members of the unit\'s subtree', async () => {
    const [members] = await t.handle.query<{ n: number }>(`select count(*)::int as n from members m join orgs o on o.id = $1 where m.org_path <@ o.path and m.status = 'active'`, [unionId]);
    const small = { id: unionId, n: members!.n };
    const vote = await ok<Vote>(gucun, 'POST', '/api/votes', {
      orgId: small.id, title: '工会委员会委员选举', method: 'election', seats: 2, options: ['赵一', '钱二', '孙三'],
    }, 201);
    const started = await ok<Vote>(gucun, 'POST', `/api/votes/${vote.id}/start`);
    expect(started.entitled).toBe(small.n);
    const voters = await t.handle.query<{ member_id: number }>('select member_id from vote_voters where vote_id = $1 order by member_id', [vote.id]);
    const voter = await memberSession(voters[0]!.member_id);
    const [a, b, c] = vote.options.map((o) => o.id) as [number, number, number];
    expect(await code(voter, 'POST', `/api/votes/${vote.id}/ballots`, { choices: [a, b, c] })).toBe(400);
    await ok(voter, 'POST', `/api/votes/${vote.id}/ballots`, { choices: [a, c] }, 201);
    await ok(gucun, 'POST', `/api/votes/${vote.id}/finish`);
    const result = await ok<VoteResult>(gucun, 'GET', `/api/votes/${vote.id}/result`);
    expect(result.elected).toEqual([a, c]);
    expect(result.entitled).toBe(small.n);
  });

  it('scope: another district finds none of it; a member cannot run a vote', async () => {
    const vote = await ok<Vote>(gucun, 'POST', '/api/votes', motion(), 201);
    expect(await code(foreign, 'GET', `/api/votes/${vote.id}`)).toBe(404);
    expect(await code(foreign, 'POST', `/api/votes/${vote.id}/start`)).toBe(404);
    expect(await code(foreign, 'POST', '/api/votes', motion())).toBe(404);
    expect(await code(reps[0]!.s, 'POST', `/api/votes/${vote.id}/start`)).toBe(403);
    expect((await ok<{ items: Vote[] }>(foreign, 'GET', '/api/votes')).items.map((v) => v.id)).not.toContain(vote.id);
    expect((await ok<{ items: Vote[] }>(baoshan, 'GET', '/api/votes')).items.map((v) => v.id)).toContain(vote.id);
  });

  it('the H5 lists the votes a member may cast, with whether they did', async () => {
    const vote = await ok<Vote>(gucun, 'POST', '/api/votes', motion({ title: 'H5 列表' }), 201);
    await ok(gucun, 'POST', `/api/votes/${vote.id}/start`);
    const before = await ok<MyCongress>(present()[2]!.s, 'GET', '/api/me/congress');
    expect(before.votes.find((v) => v.id === vote.id)?.voted).toBe(false);
    await ok(present()[2]!.s, 'POST', `/api/votes/${vote.id}/ballots`, { choices: [vote.options[2]!.id] }, 201);
    const after = await ok<MyCongress>(present()[2]!.s, 'GET', '/api/me/congress');
    expect(after.votes.find((v) => v.id === vote.id)?.voted).toBe(true);
    expect((await ok<MyCongress>(reps[8]!.s, 'GET', '/api/me/congress')).votes.map((v) => v.id)).not.toContain(vote.id);
  });
});

describe('evaluation', () => {
  const year = Number(today.slice(0, 4));

  it('会员评家: one rating per member and year, for the current year only', async () => {
    expect(await code(reps[0]!.s, 'POST', `/api/me/evaluation/${year}/rating`, { answers: [5, 4, 5, 4] })).toBe(201);
    expect(await code(reps[0]!.s, 'POST', `/api/me/evaluation/${year}/rating`, { answers: [1, 1, 1, 1] })).toBe(409);
    expect(await code(reps[1]!.s, 'POST', `/api/me/evaluation/${year - 1}/rating`, { answers: [5, 5, 5, 5] })).toBe(400);
    expect(await code(reps[1]!.s, 'POST', `/api/me/evaluation/${year}/rating`, { answers: [6, 5, 5, 5] })).toBe(400);
    expect(await code(reps[1]!.s, 'POST', `/api/me/evaluation/${year}/rating`, { answers: [5, 5] })).toBe(400);
  });

  it('会员评家 questions: a union sets its own for the year until a rating is in; the city sets the default; the H5 asks them', async () => {
    const [own] = await t.handle.query<{ org_id: number; path: string }>('select org_id, org_path::text as path from members where id = $1', [outsider.id]);
    const [before] = await t.handle.query<{ n: number }>('select count(*)::int as n from evaluation_ratings where year = $1 and org_path <@ $2::ltree', [year, own!.path]);
    expect(before!.n).toBe(0);
    // nothing set: the built-in four
    const builtIn = await ok<RatingQuestionSet>(outsider.s, 'GET', `/api/me/evaluation/${year}/questions`);
    expect(builtIn.questions.map((q) => q.code)).toEqual(memberRatingQuestions.map((q) => q.code));
    expect(builtIn.source).toBeNull();

    const questions = ['食堂饭菜质量', '夜班交通', '工会活动'];
    expect(await code(gucun, 'PUT', `/api/evaluation/${year}/questions`, { orgId: own!.org_id, questions: Array.from({ length: 11 }, (_, i) => `问题${i}`) })).toBe(400);
    expect(await code(foreign, 'PUT', `/api/evaluation/${year}/questions`, { orgId: own!.org_id, questions })).toBe(404);
    const set = await ok<RatingQuestionSet>(gucun, 'PUT', `/api/evaluation/${year}/questions`, { orgId: own!.org_id, questions });
    expect(set).toMatchObject({ year, source: { id: own!.org_id }, frozen: false });
    const asked = await ok<RatingQuestionSet>(outsider.s, 'GET', `/api/me/evaluation/${year}/questions`);
    expect(asked.questions.map((q) => q.zh)).toEqual(questions);
    // one answer per question of the union's set
    const wrong = await request(t.app, outsider.s, 'POST', `/api/me/evaluation/${year}/rating`, { answers: [5, 4, 5, 4] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ fields: Record<string, string> }>().fields.answers).toBe('请回答全部问题');
    expect(await code(outsider.s, 'POST', `/api/me/evaluation/${year}/rating`, { answers: [5, 3, 4] })).toBe(201);
    // a rating is in: frozen
    const frozen = await request(t.app, gucun, 'PUT', `/api/evaluation/${year}/questions`, { orgId: own!.org_id, questions: ['改'] });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json<{ message: string }>().message).toBe('本年度已有会员评价，评家问题不能再修改');
    expect((await ok<RatingQuestionSet>(gucun, 'GET', `/api/evaluation/${year}/questions?orgId=${own!.org_id}`)).frozen).toBe(true);
    // the rating counts on the union's 0–100 scale like any other: (5 + 3 + 4) / 3 × 20
    expect((await ok<Evaluation>(gucun, 'GET', `/api/evaluation/${year}?orgId=${own!.org_id}`)).parts.members.score).toBe(80);

    // next year: the city sets everyone's default; a union's own set wins below it
    const city = await signIn(t.app, 'demo-city');
    await ok(city, 'PUT', `/api/evaluation/${year + 1}/questions`, { orgId: city.orgId, questions: ['服务态度', '维权成效'] });
    const byDefault = await ok<RatingQuestionSet>(gucun, 'GET', `/api/evaluation/${year + 1}/questions?orgId=${unionId}`);
    expect(byDefault).toMatchObject({ source: { id: city.orgId }, frozen: false });
    expect(byDefault.questions.map((q) => q.zh)).toEqual(['服务态度', '维权成效']);
    await ok(gucun, 'PUT', `/api/evaluation/${year + 1}/questions`, { orgId: unionId, questions: ['职代会开得好'] });
    expect((await ok<RatingQuestionSet>(gucun, 'GET', `/api/evaluation/${year + 1}/questions?orgId=${unionId}`)).questions.map((q) => q.zh)).toEqual(['职代会开得好']);
    // the city's default for this year is frozen: members have rated this year (the demo's and the tests' ratings)
    expect(await code(city, 'PUT', `/api/evaluation/${year}/questions`, { orgId: city.orgId, questions: ['改'] })).toBe(409);
  });

  it('self-check evidence files: types by their first bytes, a size limit, listed and downloaded in scope, audited', async () => {
    const [org] = await t.handle.query<{ org_id: number }>('select org_id from members where id = $1', [reps[0]!.id]);
    const upload = (session: Session, filename: string, data: Buffer, itemCode = 'A1', orgId = org!.org_id) => {
      const body = multipart({ orgId: String(orgId), itemCode }, { filename, type: 'application/octet-stream', data });
      return t.app.inject({ method: 'POST', url: `/api/evaluation/${year}/evidence`, payload: body.payload, headers: { ...body.headers, cookie: session.cookie, 'x-csrf-token': session.csrfToken } });
    };
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('换届选举决议')]);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const stored = await upload(gucun, '换届选举决议.pdf', pdf);
    expect(stored.statusCode, stored.body).toBe(201);
    expect(stored.json<EvidenceFile>()).toMatchObject({ itemCode: 'A1', filename: '换届选举决议.pdf', contentType: 'application/pdf', size: pdf.length });
    expect((await upload(gucun, '台账.png', png, 'C1')).statusCode).toBe(201);
    // the name does not decide the type: an executable named .pdf, a pdf named .png, a zip that is no Office file
    const fake = await upload(gucun, '决议.pdf', Buffer.from('MZ\x90\x00 not a pdf'));
    expect(fake.statusCode).toBe(400);
    expect(fake.json<{ fields: Record<string, string> }>().fields.file).toBe('佐证材料仅限 PDF、JPG、PNG、XLSX、DOCX 文件');
    expect((await upload(gucun, '决议.png', pdf)).statusCode).toBe(400);
    expect((await upload(gucun, '名单.xlsx', Buffer.from('504b0304140000000000', 'hex'))).statusCode).toBe(400);
    expect((await upload(gucun, '决议.pdf', pdf, 'Z9')).statusCode).toBe(400);
    const big = await upload(gucun, '大文件.pdf', Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    expect(big.json<{ message: string }>().message).toBe('文件不能超过 10 MB');
    // another district's staff neither upload nor see them
    expect((await upload(foreign, '决议.pdf', pdf)).statusCode).toBe(404);
    expect(await code(foreign, 'GET', `/api/evaluation/${year}/evidence?orgId=${org!.org_id}`)).toBe(404);

    // listed for the district's staff (the checkers among them), downloadable byte for byte
    const listed = await ok<{ items: EvidenceFile[] }>(baoshan, 'GET', `/api/evaluation/${year}/evidence?orgId=${org!.org_id}`);
    expect(listed.items.map((e) => [e.itemCode, e.filename])).toEqual([['A1', '换届选举决议.pdf'], ['C1', '台账.png']]);
    const file = await request(t.app, baoshan, 'GET', `/api/evaluation/evidence/${listed.items[0]!.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(pdf)).toBe(true);
    expect(await code(foreign, 'GET', `/api/evaluation/evidence/${listed.items[0]!.id}`)).toBe(404);
    const [audit] = await t.handle.query<{ n: number }>(
      `select count(*)::int as n from audit_log where object_type = 'evaluation_evidence' and action = 'create' and object_id = any($1::text[])`, [listed.items.map((e) => String(e.id))]);
    expect(audit!.n).toBe(2);
    // each download is audited as a document read (the refused one is not), and the audit log reads it in words
    const reads = await ok<{ items: AuditEntry[] }>(baoshan, 'GET', '/api/audit?action=read_document&objectType=evaluation_evidence');
    expect(reads.items.map((e) => [e.objectId, e.actor?.username])).toEqual([[String(listed.items[0]!.id), 'demo-baoshan']]);
    expect(reads.items[0]!.detail).toEqual({ year, itemCode: 'A1', filename: '换届选举决议.pdf', size: pdf.length });
    expect(label(auditActionLabels, reads.items[0]!.action, 'zh-CN')).toBe('下载文件');
    expect(label(auditObjectTypeLabels, reads.items[0]!.objectType, 'zh-CN')).toBe('自查佐证材料');
    expect(auditDetailPairs(reads.items[0]!.detail, 'zh-CN').sort()).toEqual([['年度', String(year)], ['指标项', 'A1'], ['文件名', '换届选举决议.pdf'], ['大小（字节）', String(pdf.length)]].sort());
    await request(t.app, baoshan, 'GET', `/api/evaluation/evidence/${listed.items[0]!.id}`);
    expect((await ok<{ items: AuditEntry[] }>(baoshan, 'GET', '/api/audit?action=read_document&objectType=evaluation_evidence')).items).toHaveLength(2);
  });

  it('self-check against the indicator set: unknown items and scores above the points are refused', async () => {
    const [org] = await t.handle.query<{ org_id: number }>('select org_id from members where id = $1', [reps[0]!.id]);
    const bad = await request(t.app, gucun, 'PUT', `/api/evaluation/${year}/self-check`, { orgId: org!.org_id, items: [{ code: 'A1', score: 7 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ fields: Record<string, string> }>().fields['items.0.score']).toBe('得分不能超过该项分值');
    expect(await code(gucun, 'PUT', `/api/evaluation/${year}/self-check`, { orgId: org!.org_id, items: [{ code: 'Z9', score: 1 }] })).toBe(400);
    const saved = await ok<Evaluation>(gucun, 'PUT', `/api/evaluation/${year}/self-check`, {
      orgId: org!.org_id, items: [{ code: 'A1', score: 6, evidence: '换届选举决议.pdf' }, { code: 'C1', score: 5.5 }],
    });
    expect(saved.parts.selfCheck.score).toBe(11.5);
    expect(saved.parts.members.ratings).toBeGreaterThanOrEqual(1);
    expect(await code(foreign, 'GET', `/api/evaluation/${year}?orgId=${org!.org_id}`)).toBe(404);
    expect(await code(foreign, 'PUT', `/api/evaluation/${year}/self-check`, { orgId: org!.org_id, items: [] })).toBe(404);
  });

  it('the spot check\'s sample is reproducible from its recorded seed; checkers score sampled units only', async () => {
    const first = await ok<{ seed: string; orgIds: number[] }>(baoshan, 'POST', `/api/evaluation/${year}/samples`, { districtOrgId: baoshan.orgId, size: 8 }, 201);
    expect(first.seed).toMatch(/^[0-9a-f]{16}$/);
    expect(first.orgIds).toHaveLength(8);
    expect(await code(baoshan, 'POST', `/api/evaluation/${year}/samples`, { districtOrgId: baoshan.orgId, size: 8 })).toBe(409);
    // the same seed another year draws the same units (the units did not change)
    const again = await ok<{ orgIds: number[] }>(baoshan, 'POST', `/api/evaluation/${year - 1}/samples`, { districtOrgId: baoshan.orgId, size: 8, seed: first.seed }, 201);
    expect(again.orgIds).toEqual(first.orgIds);
    // and anyone can redo it from the candidates and the seed
    const [district] = await t.handle.query<{ path: string }>('select path::text as path from orgs where id = $1', [baoshan.orgId]);
    const candidates = await t.handle.query<{ id: number }>(`
      select id from orgs where path <@ $1::ltree and status = 'active'
         and kind not in ('city_federation', 'district_federation', 'industry_union', 'street_federation', 'branch_union')`, [district!.path]);
    expect(drawSample(candidates.map((c) => c.id), 8, first.seed)).toEqual(first.orgIds);
    // a street is not a district
    expect(await code(gucun, 'POST', `/api/evaluation/${year}/samples`, { districtOrgId: gucun.orgId, size: 3 })).toBe(400);

    const sampled = first.orgIds[0]!;
    const [unsampled] = await t.handle.query<{ id: number }>(
      `select id from orgs where path <@ $1::ltree and kind = 'enterprise_union' and not (id = any($2::int[])) limit 1`, [district!.path, first.orgIds]);
    expect(await code(baoshan, 'PUT', `/api/evaluation/${year}/spot-check`, { orgId: sampled, score: 88 })).toBe(403);
    await ok(baoshan, 'POST', `/api/orgs/${baoshan.orgId}/grants`, { userId: baoshan.userId, kind: 'checker' }, 201);
    expect(await code(baoshan, 'PUT', `/api/evaluation/${year}/spot-check`, { orgId: unsampled!.id, score: 88 })).toBe(409);
    const checked = await ok<Evaluation>(baoshan, 'PUT', `/api/evaluation/${year}/spot-check`, { orgId: sampled, score: 88, report: '台账齐全' });
    expect(checked.parts.spotCheck).toEqual({ sampled: true, score: 88, report: '台账齐全' });

    // the sampled union's own chair, even holding the checker duty there, does not score their own union
    const [chair] = await t.handle.query<{ id: number }>(`
      insert into users (username, display_name, password_hash, role, org_id) values ('own-checker', '本单位主席', '!', 'enterprise_chair', $1) returning id`, [sampled]);
    await ok(baoshan, 'POST', `/api/orgs/${sampled}/grants`, { userId: chair!.id, kind: 'checker' }, 201);
    const own = await createSession(t.handle.db, chair!.id);
    const ownChecker: Session = { cookie: `lianxin_session=${own.token}`, csrfToken: own.csrfToken, userId: chair!.id, orgId: sampled };
    const refused = await request(t.app, ownChecker, 'PUT', `/api/evaluation/${year}/spot-check`, { orgId: sampled, score: 100, report: '自评满分' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ message: string }>().message).toBe('检查人不能抽查自己所在的工会');
    // the score entered by the district's checker stands
    expect((await ok<Evaluation>(baoshan, 'GET', `/api/evaluation/${year}?orgId=${sampled}`)).parts.spotCheck.score).toBe(88);
  });

  it('third-party scores by the assessor duty; the combined score gives the stars; ledger postings wait for the funds module', async () => {
    const [org] = await t.handle.query<{ org_id: number }>('select org_id from members where id = $1', [reps[0]!.id]);
    // the read-only assessor account cannot write; a writer with the assessor grant can
    const assessor = await signIn(t.app, 'demo-assessor');
    expect(await code(assessor, 'PUT', `/api/evaluation/${year}/third-party`, { orgId: org!.org_id, score: 90 })).toBe(403);
    expect(await code(gucun, 'PUT', `/api/evaluation/${year}/third-party`, { orgId: org!.org_id, score: 90 })).toBe(403);
    await ok(baoshan, 'POST', `/api/orgs/${gucun.orgId}/grants`, { userId: gucun.userId, kind: 'assessor' }, 201);
    const result = await ok<Evaluation>(gucun, 'PUT', `/api/evaluation/${year}/third-party`, { orgId: org!.org_id, score: 90, report: '优势：组织健全；问题：经费台账不全' });
    expect(result.parts.thirdParty.score).toBe(90);
    expect(result.combined).not.toBeNull();
    expect(result.stars).toBe(starsOf(result.combined!));
    expect(result.ledgerPosting).toBeNull();
    const read = await ok<Evaluation>(baoshan, 'GET', `/api/evaluation/${year}?orgId=${org!.org_id}`);
    expect(read).toEqual(result);
  });

  it('the cockpit\'s summary equals the units\' own evaluations after random writes', async () => {
    const y = 2031;
    const units = await t.handle.query<{ id: number; path: string }>(
      `select id, path::text as path from orgs where path <@ $1::ltree and id <> $2 order by id limit 12`, [gucunPath, gucun.orgId]);
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 3; round++) {
      for (const u of units) {
        for (const part of ['selfCheck', 'spotCheck', 'thirdParty']) {
          if (random() < 0.4) continue;
          await t.handle.query(`
            insert into evaluation_scores (year, org_id, org_path, part, score) values ($1, $2, $3::ltree, $4, $5)
            on conflict (org_id, year, part) do update set score = excluded.score`, [y, u.id, u.path, part, Math.round(random() * 1000) / 10]);
        }
      }
      const raters = await t.handle.query<{ id: number; org_id: number; path: string }>(
        `select id, org_id, org_path::text as path from members where org_path <@ $1::ltree and status = 'active' and id not in (select member_id from evaluation_ratings where year = $2) order by random() limit 3`, [gucunPath, y]);
      for (const m of raters) {
        await t.handle.query(`insert into evaluation_ratings (year, member_id, org_id, org_path, answers) values ($1, $2, $3, $4::ltree, $5::int[])`,
          [y, m.id, m.org_id, m.path, [1, 2, 3, 4].map(() => 1 + Math.floor(random() * 5))]);
      }
      const summary = await ok<EvaluationSummary>(baoshan, 'GET', `/api/evaluation/${y}/summary?orgId=${gucun.orgId}`);
      const evaluated = await t.handle.query<{ org_id: number }>(`
        select org_id from evaluation_scores where year = $1 and org_path <@ $2::ltree union select org_id from evaluation_ratings where year = $1 and org_path <@ $2::ltree`, [y, gucunPath]);
      expect(summary.evaluated).toBe(evaluated.length);
      const stars = [0, 0, 0, 0, 0];
      for (const { org_id } of evaluated) {
        const one = await ok<Evaluation>(gucun, 'GET', `/api/evaluation/${y}?orgId=${org_id}`);
        stars[one.stars! - 1]!++;
        expect(summary.units.find((u) => u.id === org_id)).toMatchObject({ combined: one.combined, stars: one.stars });
      }
      expect(summary.stars).toEqual(stars);
      const [ratings] = await t.handle.query<{ n: number }>('select count(*)::int as n from evaluation_ratings where year = $1 and org_path <@ $2::ltree', [y, gucunPath]);
      expect(summary.ratings).toBe(ratings!.n);
      // per child (the cockpit's 星级 tab): each child's stars and average are those of its own summary
      const children = await t.handle.query<{ id: number }>(`select id from orgs where parent_id = $1 and status <> 'dissolved' order by id limit 200`, [gucun.orgId]);
      expect(summary.children.map((c) => c.org.id)).toEqual(children.map((c) => c.id));
      expect(summary.children.reduce((n, c) => n + c.evaluated, 0)).toBeLessThanOrEqual(summary.evaluated);
      for (const child of summary.children.filter((c) => c.evaluated > 0).slice(0, 5)) {
        const own = await ok<EvaluationSummary>(baoshan, 'GET', `/api/evaluation/${y}/summary?orgId=${child.org.id}`);
        expect(child).toEqual({ org: own.org, evaluated: own.evaluated, stars: own.stars, averageScore: own.averageScore });
      }
      // another district sees none of it
      expect(await code(foreign, 'GET', `/api/evaluation/${y}/summary?orgId=${gucun.orgId}`)).toBe(404);
    }
  });
});
