/**
 * Workers' congress (职代会, DOMAIN.md §4 and §9.3): sessions with their roll of
 * representatives (elected per constituency), attendance and quorum (two thirds of ALL representatives);
 * proposals (提案) collected in a window before the session, one issue each (一事一议: 案由, 理由, 措施), a
 * proposer and at least `congress.minSeconders` (default 2) seconders among the representatives; the proposal
 * committee (grant `proposal_committee`, capability `congress.fileProposals`) files (立案) or returns them with a
 * written reason; the department's answer is signed by the responsible leader; the proposer rates it, and 不满意
 * sends it back to the department once. A proposal put to a vote is frozen (trigger).
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Tx } from '@lianxin/db';
import {
  DEFAULT_MIN_SECONDERS, quorumOf, shanghaiDate, windowOpen,
  type CongressSession, type Proposal, type ProposalProgress, type ProposalCreate, type ProposalRating, type ProposalState, type SessionCreate,
} from '@lianxin/contracts';
import { requireCapability, withinScope, writeScope, type Scope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { conflict, fieldError, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findOrg } from '../orgs/orgs.repo.ts';

// ---- sessions -------------------------------------------------------------------------------------------------

interface SessionRow {
  id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  title: string;
  held_on: string;
  proposals_open_on: string;
  proposals_close_on: string;
  total: number;
  present: number;
}

const sessionColumns = sql`
  s.id, s.org_id, o.name as org_name, s.org_path::text as org_path, s.title, s.held_on::text as held_on,
  s.proposals_open_on::text as proposals_open_on, s.proposals_close_on::text as proposals_close_on,
  (select count(*)::int from congress_representatives r where r.session_id = s.id) as total,
  (select count(*)::int from congress_representatives r where r.session_id = s.id and r.present) as present`;

function toSession(r: SessionRow): Omit<CongressSession, 'representatives'> {
  return {
    id: r.id, org: { id: r.org_id, name: r.org_name }, title: r.title, heldOn: r.held_on,
    proposalsOpenOn: r.proposals_open_on, proposalsCloseOn: r.proposals_close_on, quorum: quorumOf(r.total, r.present),
  };
}

async function findSession(db: Database | Tx, scope: Scope | null, id: number): Promise<SessionRow | undefined> {
  const [row] = await queryRows<SessionRow>(db, sql`
    select ${sessionColumns} from congress_sessions s join orgs o on o.id = s.org_id
     where s.id = ${id} ${scope ? sql`and ${withinScope(scope, sql`s.org_path`)}` : sql``}`);
  return row;
}

export async function createSession(ctx: ServiceContext, input: SessionCreate): Promise<CongressSession> {
  const scope = writeScope(ctx.scope);
  const id = await ctx.db.transaction(async (tx) => {
    const org = await findOrg(tx, scope, input.orgId);
    if (!org) throw notFound();
    // representatives are active members of the union or of the units below it
    const ids = input.representatives.map((r) => r.memberId);
    const [ok] = await queryRows<{ n: number }>(tx, sql`
      select count(*)::int as n from members where id = any(${sql.param(ids)}::int[]) and status = 'active' and org_path <@ ${org.path}::ltree`);
    if (ok!.n !== ids.length) throw fieldError('representatives', 'congress.representativeInvalid');
    const [row] = await queryRows<{ id: number }>(tx, sql`
      insert into congress_sessions (org_id, org_path, title, held_on, proposals_open_on, proposals_close_on, created_by)
      values (${org.id}, ${org.path}::ltree, ${input.title}, ${input.heldOn}, ${input.proposalsOpenOn}, ${input.proposalsCloseOn}, ${ctx.actor.userId})
      returning id`);
    await tx.execute(sql`
      insert into congress_representatives (session_id, member_id, constituency)
      select ${row!.id}, t.m, t.c from unnest(${sql.param(ids)}::int[], ${sql.param(input.representatives.map((r) => r.constituency))}::text[]) as t(m, c)`);
    await recordAudit(tx, ctx.actor, ctx.ip, { action: 'create', objectType: 'congress_session', objectId: row!.id, orgPath: org.path, detail: { representatives: ids.length } });
    return row!.id;
  });
  return getSession(ctx, id);
}

export async function getSession(ctx: ServiceContext, id: number): Promise<CongressSession> {
  const session = await findSession(ctx.db, ctx.scope, id);
  if (!session) throw notFound();
  const reps = await queryRows<{ member_id: number; name: string; constituency: string; present: boolean }>(ctx.db, sql`
    select r.member_id, m.name, r.constituency, r.present from congress_representatives r join members m on m.id = r.member_id
     where r.session_id = ${id} order by r.constituency, m.name, r.member_id`);
  return {
    ...toSession(session),
    representatives: reps.map((r) => ({ memberId: r.member_id, name: r.name, constituency: r.constituency, present: r.present })),
  };
}

export async function listSessions(ctx: ServiceContext, orgId: number | undefined) {
  if (ctx.scope.kind !== 'subtree') throw notFound();
  const org = await findOrg(ctx.db, ctx.scope, orgId ?? ctx.scope.rootOrgId);
  if (!org) throw notFound();
  const rows = await queryRows<SessionRow>(ctx.db, sql`
    select ${sessionColumns} from congress_sessions s join orgs o on o.id = s.org_id
     where s.org_path <@ ${org.path}::ltree and ${withinScope(ctx.scope, sql`s.org_path`)}
     order by s.held_on desc, s.id desc limit 200`);
  return { items: rows.map(toSession) };
}

/** Records attendance: the listed representatives present, the others absent. Ids off the roll are refused. */
export async function recordAttendance(ctx: ServiceContext, id: number, present: number[]): Promise<CongressSession> {
  const scope = writeScope(ctx.scope);
  await ctx.db.transaction(async (tx) => {
    const session = await findSession(tx, scope, id);
    if (!session) throw notFound();
    const [onRoll] = await queryRows<{ n: number }>(tx, sql`
      select count(*)::int as n from congress_representatives where session_id = ${id} and member_id = any(${sql.param(present)}::int[])`);
    if (onRoll!.n !== new Set(present).size) throw fieldError('present', 'congress.notRepresentative');
    await tx.execute(sql`update congress_representatives set present = (member_id = any(${sql.param(present)}::int[])) where session_id = ${id}`);
    await recordAudit(tx, ctx.actor, ctx.ip, { action: 'update', objectType: 'congress_session', objectId: id, orgPath: session.org_path, detail: { present: present.length } });
  });
  return getSession(ctx, id);
}

// ---- proposals ------------------------------------------------------------------------------------------------

interface ProposalRow {
  id: number;
  session_id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  subject: string;
  reasons: string;
  measures: string;
  proposer_member_id: number;
  proposer_name: string;
  seconders: { memberId: number; name: string }[];
  state: ProposalState;
  department: string | null;
  due_on: string | null;
  return_reason: string | null;
  answer_text: string | null;
  answer_leader: string | null;
  answered_on: string | null;
  rating: ProposalRating | null;
  reopened: boolean;
  vote_id: number | null;
  created_at: string;
  best: boolean;
  progress: ProposalProgress[];
  progress_done_on: string | null;
}

const proposalColumns = sql`
  p.id, p.session_id, s.org_id, o.name as org_name, s.org_path::text as org_path, p.subject, p.reasons, p.measures,
  p.proposer_member_id, pm.name as proposer_name,
  coalesce((select json_agg(json_build_object('memberId', c.member_id, 'name', cm.name) order by c.created_at, c.member_id)
              from congress_seconders c join members cm on cm.id = c.member_id where c.proposal_id = p.id), '[]'::json) as seconders,
  p.state, p.department, p.due_on::text as due_on, p.return_reason, p.answer_text, p.answer_leader, p.answered_on::text as answered_on,
  p.rating, p.reopened, p.vote_id, p.created_at::text as created_at, p.best, p.progress_done_on::text as progress_done_on,
  coalesce((select json_agg(json_build_object('id', g.id, 'note', g.note, 'done', g.done, 'postedOn', g.posted_on::text) order by g.id)
              from congress_proposal_progress g where g.proposal_id = p.id), '[]'::json) as progress`;

const proposalJoins = sql`
  congress_proposals p join congress_sessions s on s.id = p.session_id join orgs o on o.id = s.org_id
  join members pm on pm.id = p.proposer_member_id`;

/** The seconders a proposal needs (setting `congress.minSeconders`, default 2). */
async function minSeconders(db: Database | Tx): Promise<number> {
  const [row] = await queryRows<{ value: unknown }>(db, sql`select value from settings where key = 'congress.minSeconders'`);
  const n = Number(row?.value);
  return Number.isInteger(n) && n >= 0 ? n : DEFAULT_MIN_SECONDERS;
}

function toProposal(r: ProposalRow, needed: number): Proposal {
  return {
    id: r.id, sessionId: r.session_id, org: { id: r.org_id, name: r.org_name }, subject: r.subject, reasons: r.reasons, measures: r.measures,
    proposer: { memberId: r.proposer_member_id, name: r.proposer_name }, seconders: r.seconders, secondersNeeded: needed,
    state: r.state, department: r.department, dueOn: r.due_on, returnReason: r.return_reason,
    answer: r.answer_text === null ? null : { text: r.answer_text, leader: r.answer_leader ?? '', answeredOn: r.answered_on ?? '' },
    rating: r.rating, reopened: r.reopened, voteId: r.vote_id, createdAt: new Date(r.created_at).toISOString(),
    best: r.best, progress: r.progress, progressDoneOn: r.progress_done_on,
  };
}

async function findProposal(db: Database | Tx, scope: Scope | null, id: number, lock = false): Promise<ProposalRow | undefined> {
  const [row] = await queryRows<ProposalRow>(db, sql`
    select ${proposalColumns} from ${proposalJoins}
     where p.id = ${id} ${scope ? sql`and ${withinScope(scope, sql`s.org_path`)}` : sql``}
     ${lock ? sql`for update of p` : sql``}`);
  return row;
}

export async function listProposals(ctx: ServiceContext, sessionId: number, state: ProposalState | undefined, best?: boolean): Promise<{ items: Proposal[] }> {
  const session = await findSession(ctx.db, ctx.scope, sessionId);
  if (!session) throw notFound();
  const [rows, needed] = await Promise.all([
    queryRows<ProposalRow>(ctx.db, sql`
      select ${proposalColumns} from ${proposalJoins}
       where p.session_id = ${sessionId} ${state ? sql`and p.state = ${state}` : sql``} ${best === undefined ? sql`` : sql`and p.best = ${best}`}
       order by p.id`),
    minSeconders(ctx.db),
  ]);
  return { items: rows.map((r) => toProposal(r, needed)) };
}

async function isRepresentative(db: Database | Tx, sessionId: number, memberId: number): Promise<boolean> {
  const [row] = await queryRows<{ ok: number }>(db, sql`select 1 as ok from congress_representatives where session_id = ${sessionId} and member_id = ${memberId}`);
  return row !== undefined;
}

function memberOf(ctx: ServiceContext): number {
  if (ctx.actor.memberId === null) throw notFound();
  return ctx.actor.memberId;
}

async function proposalFor(ctx: ServiceContext, id: number): Promise<Proposal> {
  const row = await findProposal(ctx.db, null, id);
  if (!row) throw notFound();
  return toProposal(row, await minSeconders(ctx.db));
}

/**
 * A representative submits a proposal in the session's window (Asia/Shanghai days). The same proposal sent again
 * (a double tap, a retry: same session, subject, reasons and measures, still submitted) answers the first
 * (`created: false`, HTTP 200); the proposer's advisory lock makes two tries sent at once meet one after the other.
 */
export async function submitProposal(ctx: ServiceContext, input: ProposalCreate): Promise<{ proposal: Proposal; created: boolean }> {
  const memberId = memberOf(ctx);
  const session = await findSession(ctx.db, null, input.sessionId);
  if (!session || !(await isRepresentative(ctx.db, session.id, memberId))) throw notFound();
  if (!windowOpen(shanghaiDate(), session.proposals_open_on, session.proposals_close_on)) {
    throw conflict('congress.windowClosed', {}, { opensOn: session.proposals_open_on, closesOn: session.proposals_close_on });
  }
  const { id, created } = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('congress_proposals'), ${memberId})`);
    const [same] = await queryRows<{ id: number }>(tx, sql`
      select id from congress_proposals
       where session_id = ${session.id} and proposer_member_id = ${memberId} and state = 'submitted'
         and subject = ${input.subject} and reasons = ${input.reasons} and measures = ${input.measures}
       order by id limit 1`);
    if (same) return { id: same.id, created: false };
    const [row] = await queryRows<{ id: number }>(tx, sql`
      insert into congress_proposals (session_id, subject, reasons, measures, proposer_member_id)
      values (${session.id}, ${input.subject}, ${input.reasons}, ${input.measures}, ${memberId}) returning id`);
    await recordAudit(tx, ctx.actor, ctx.ip, { action: 'create', objectType: 'congress_proposal', objectId: row!.id, orgPath: session.org_path });
    return { id: row!.id, created: true };
  });
  return { proposal: await proposalFor(ctx, id), created };
}

/** 附议: one click by another representative of the session, while proposals are collected. */
export async function secondProposal(ctx: ServiceContext, id: number): Promise<Proposal> {
  const memberId = memberOf(ctx);
  const proposal = await findProposal(ctx.db, null, id);
  if (!proposal || !(await isRepresentative(ctx.db, proposal.session_id, memberId))) throw notFound();
  if (proposal.proposer_member_id === memberId) throw conflict('congress.ownProposal', {}, {});
  if (proposal.vote_id !== null) throw conflict('congress.frozen', {}, { voteId: proposal.vote_id });
  if (proposal.state !== 'submitted') throw conflict('congress.proposalState', {}, { state: proposal.state });
  const session = (await findSession(ctx.db, null, proposal.session_id))!;
  if (!windowOpen(shanghaiDate(), session.proposals_open_on, session.proposals_close_on)) throw conflict('congress.windowClosed', {}, {});
  const inserted = await queryRows<{ ok: number }>(ctx.db, sql`
    insert into congress_seconders (proposal_id, member_id) values (${id}, ${memberId}) on conflict do nothing returning 1 as ok`);
  if (inserted.length === 0) throw conflict('congress.alreadySeconded', {}, {});
  return proposalFor(ctx, id);
}

type Step = 'file' | 'return' | 'answer' | 'rate' | 'progress' | 'best';

/** Locks a staff-visible proposal for a committee or department step, refusing frozen ones. */
async function lockedProposal(tx: Tx, scope: Scope, id: number): Promise<ProposalRow> {
  const row = await findProposal(tx, scope, id, true);
  if (!row) throw notFound();
  if (row.vote_id !== null) throw conflict('congress.frozen', {}, { voteId: row.vote_id });
  return row;
}

async function staffStep(ctx: ServiceContext, id: number, step: Step, run: (tx: Tx, row: ProposalRow) => Promise<Record<string, unknown>>): Promise<Proposal> {
  const scope = writeScope(ctx.scope);
  await ctx.db.transaction(async (tx) => {
    const row = await lockedProposal(tx, scope, id);
    if (step === 'file' || step === 'return' || step === 'best') requireCapability(ctx.actor, 'congress.fileProposals', row.org_path);
    const detail = await run(tx, row);
    await recordAudit(tx, ctx.actor, ctx.ip, { action: 'update', objectType: 'congress_proposal', objectId: id, orgPath: row.org_path, detail: { step, ...detail } });
  });
  return proposalFor(ctx, id);
}

/**
 * 立案: the committee files a proposal with enough seconders and sends it to a department with a deadline (today
 * or later: a deadline already past would be overdue from the start, 400 `congress.duePast` on dueOn).
 */
export function fileProposal(ctx: ServiceContext, id: number, input: { department: string; dueOn: string }): Promise<Proposal> {
  return staffStep(ctx, id, 'file', async (tx, row) => {
    if (row.state !== 'submitted') throw conflict('congress.proposalState', {}, { state: row.state });
    if (input.dueOn < shanghaiDate()) throw fieldError('dueOn', 'congress.duePast');
    const needed = await minSeconders(tx);
    if (row.seconders.length < needed) throw conflict('congress.notEnoughSeconders', { needed }, { seconders: row.seconders.length });
    await tx.execute(sql`update congress_proposals set state = 'filed', department = ${input.department}, due_on = ${input.dueOn}, decided_by = ${ctx.actor.userId} where id = ${id}`);
    return { department: input.department, dueOn: input.dueOn };
  });
}

/** 不予立案: returned with a written reason; it stays on record as an opinion or suggestion. */
export function returnProposal(ctx: ServiceContext, id: number, reason: string): Promise<Proposal> {
  return staffStep(ctx, id, 'return', async (tx, row) => {
    if (row.state !== 'submitted') throw conflict('congress.proposalState', {}, { state: row.state });
    await tx.execute(sql`update congress_proposals set state = 'returned', return_reason = ${reason}, decided_by = ${ctx.actor.userId} where id = ${id}`);
    return { reason };
  });
}

/**
 * The department's written answer, signed by the responsible leader, dated between the day the proposal was
 * submitted (Shanghai) and today (400 `congress.answerDate` on answeredOn otherwise).
 */
export function answerProposal(ctx: ServiceContext, id: number, input: { text: string; leader: string; answeredOn: string }): Promise<Proposal> {
  return staffStep(ctx, id, 'answer', async (tx, row) => {
    if (row.state !== 'filed') throw conflict('congress.proposalState', {}, { state: row.state });
    if (input.answeredOn > shanghaiDate()) throw fieldError('answeredOn', 'congress.answerDate');
    const [submitted] = await queryRows<{ day: string }>(tx, sql`select (created_at at time zone 'Asia/Shanghai')::date::text as day from congress_proposals where id = ${id}`);
    if (submitted && input.answeredOn < submitted.day) throw fieldError('answeredOn', 'congress.answerDate');
    await tx.execute(sql`
      update congress_proposals set state = 'answered', answer_text = ${input.text}, answer_leader = ${input.leader}, answered_on = ${input.answeredOn}, rating = null
       where id = ${id}`);
    return { leader: input.leader, answeredOn: input.answeredOn };
  });
}

/**
 * 办理进展: the responsible department's progress note after its answer (answered, or closed by the proposer's
 * rating), until a note says 落实完成 (`done`); later notes are refused. Dated the Asia/Shanghai day.
 */
export function postProgress(ctx: ServiceContext, id: number, input: { note: string; done: boolean }): Promise<Proposal> {
  return staffStep(ctx, id, 'progress', async (tx, row) => {
    if (row.state !== 'answered' && row.state !== 'done') throw conflict('congress.notAnswered', {}, { state: row.state });
    if (row.progress_done_on !== null) throw conflict('congress.progressDone', {}, { doneOn: row.progress_done_on });
    const today = shanghaiDate();
    await tx.execute(sql`
      insert into congress_proposal_progress (proposal_id, note, done, posted_on, posted_by)
      values (${id}, ${input.note}, ${input.done}, ${today}, ${ctx.actor.userId})`);
    if (input.done) await tx.execute(sql`update congress_proposals set progress_done_on = ${today} where id = ${id}`);
    return { done: input.done };
  });
}

/** 优秀提案: the proposal committee marks (or unmarks) a filed and answered proposal as one of the session's best. */
export function markBest(ctx: ServiceContext, id: number, best: boolean): Promise<Proposal> {
  return staffStep(ctx, id, 'best', async (tx, row) => {
    if (row.state !== 'answered' && row.state !== 'done') throw conflict('congress.notBestable', {}, { state: row.state });
    await tx.execute(sql`update congress_proposals set best = ${best} where id = ${id}`);
    return { best };
  });
}

/**
 * The proposer rates the answer. 满意 / 基本满意 close it; 不满意 sends it back to the department once (the first
 * answer stays in the audit log); after a second answer every rating closes it.
 */
export async function rateProposal(ctx: ServiceContext, id: number, rating: ProposalRating, comment: string | undefined): Promise<Proposal> {
  const memberId = memberOf(ctx);
  await ctx.db.transaction(async (tx) => {
    const row = await findProposal(tx, null, id, true);
    if (!row || row.proposer_member_id !== memberId) throw notFound();
    if (row.vote_id !== null) throw conflict('congress.frozen', {}, { voteId: row.vote_id });
    if (row.state !== 'answered') throw conflict('congress.proposalState', {}, { state: row.state });
    const sendBack = rating === 'unsatisfied' && !row.reopened;
    if (sendBack) {
      await tx.execute(sql`
        update congress_proposals set state = 'filed', reopened = true, rating = 'unsatisfied', answer_text = null, answer_leader = null, answered_on = null
         where id = ${id}`);
    } else {
      await tx.execute(sql`update congress_proposals set state = 'done', rating = ${rating} where id = ${id}`);
    }
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'update', objectType: 'congress_proposal', objectId: id, orgPath: row.org_path,
      detail: { step: 'rate', rating, sentBack: sendBack, ...(comment ? { comment } : {}), previousAnswer: { text: row.answer_text, leader: row.answer_leader, answeredOn: row.answered_on } },
    });
  });
  return proposalFor(ctx, id);
}

/** The member's H5 view: sessions they sit in and those sessions' proposals. */
export async function congressOfMember(db: Database, memberId: number) {
  const sessions = await queryRows<SessionRow>(db, sql`
    select ${sessionColumns} from congress_representatives r join congress_sessions s on s.id = r.session_id join orgs o on o.id = s.org_id
     where r.member_id = ${memberId} order by s.held_on desc, s.id desc limit 20`);
  const ids = sessions.map((s) => s.id);
  const [proposals, needed] = await Promise.all([
    ids.length === 0 ? Promise.resolve([]) : queryRows<ProposalRow>(db, sql`
      select ${proposalColumns} from ${proposalJoins} where p.session_id = any(${sql.param(ids)}::int[]) order by p.id desc limit 500`),
    minSeconders(db),
  ]);
  return { sessions: sessions.map(toSession), proposals: proposals.map((p) => toProposal(p, needed)) };
}
