/**
 * Votes (OpenSlides' model, DOMAIN.md §9.4): created → started → finished → published.
 *
 * - The definition (method, options, cap, seats, secrecy) changes only while `created` (PATCH → 409 after start;
 *   triggers refuse it in the database too).
 * - Start takes the snapshot of entitled voters: a session's present representatives (quorum of two thirds
 *   needed), or the active members of the vote's union subtree.
 * - One ballot per voter: the `vote_has_voted` primary key, written in the ballot's transaction. A secret
 *   ballot row carries no voter and no time; its key is a random receipt code.
 * - Finish computes the result once (entitled, cast, valid, invalid, votes per option, passed / elected) and
 *   the ballots' hash chain (vote-chain.ts), both stored; publish makes them visible to the voters.
 */
import { sql } from 'drizzle-orm';
import { queryPrepared, queryRows, type Database, type StoredVoteResult, type Tx } from '@lianxin/db';
import {
  ballotProblem, electedOptions, maxChoices, motionPassed, quorumOf, tallyBallots,
  voteOptionCodeLabels, voteOptionCodes,
  type PassRule, type Vote, type VoteCreate, type VoteMethod, type VoteOptionCode, type VoteResult, type VoteState, type votePatchSchema,
} from '@lianxin/contracts';
import type { z } from 'zod';
import { withinScope, writeScope, type Scope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { AppError, conflict, fieldError, isUniqueViolation, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findOrg } from '../orgs/orgs.repo.ts';
import { byReceipt, chainHead, chainOverText, newReceipt, type ChainBallot } from './vote-chain.ts';

/**
 * The stored labels of a yes/no/abstain motion's options (赞成, 反对, 弃权), in the order of `voteOptionCodes`
 * (the first is "yes" for the pass rule): an option's code is its position in this list, so screens translate it.
 */
export const MOTION_OPTIONS: readonly string[] = voteOptionCodes.map((code) => voteOptionCodeLabels[code]['zh-CN']);

/** An option's code in SQL: `voteOptionCodes[position - 1]` for a yes/no/abstain vote, else null. */
const optionCode = sql.raw(
  `case when v.method = 'yes_no_abstain' then (array[${voteOptionCodes.map((c) => `'${c}'`).join(', ')}])[p.position] end`,
);

interface VoteRow {
  id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  session_id: number | null;
  proposal_id: number | null;
  title: string;
  method: VoteMethod;
  cap: number | null;
  seats: number | null;
  secret: boolean;
  pass_rule: PassRule;
  state: VoteState;
  entitled: number | null;
  result: StoredVoteResult | null;
  chain_head: string | null;
  started_at: string | null;
  finished_at: string | null;
  published_at: string | null;
  options: { id: number; label: string; code: VoteOptionCode | null }[];
  cast: number;
}

const voteColumns = sql`
  v.id, v.org_id, o.name as org_name, v.org_path::text as org_path, v.session_id, v.proposal_id, v.title, v.method, v.cap,
  v.seats, v.secret, v.pass_rule, v.state, v.entitled, v.result, v.chain_head,
  v.started_at::text as started_at, v.finished_at::text as finished_at, v.published_at::text as published_at,
  coalesce((select json_agg(json_build_object('id', p.id, 'label', p.label, 'code', ${optionCode}) order by p.position) from vote_options p where p.vote_id = v.id), '[]'::json) as options,
  coalesce((v.result->>'cast')::int, (select count(*)::int from vote_has_voted h where h.vote_id = v.id)) as cast`;

const iso = (t: string | null) => (t === null ? null : new Date(t).toISOString());

export function toVote(r: VoteRow): Vote {
  return {
    id: r.id, org: { id: r.org_id, name: r.org_name }, sessionId: r.session_id, proposalId: r.proposal_id, title: r.title,
    method: r.method, options: r.options, cap: r.cap, seats: r.seats, secret: r.secret, passRule: r.pass_rule, state: r.state,
    entitled: r.entitled, cast: r.cast, startedAt: iso(r.started_at), finishedAt: iso(r.finished_at), publishedAt: iso(r.published_at),
  };
}

/** A vote inside a staff scope (or any vote with `scope` null: the member paths check entitlement themselves). */
async function findVote(db: Database | Tx, scope: Scope | null, id: number, lock = false): Promise<VoteRow | undefined> {
  const [row] = await queryRows<VoteRow>(db, sql`
    select ${voteColumns} from votes v join orgs o on o.id = v.org_id
     where v.id = ${id} ${scope ? sql`and ${withinScope(scope, sql`v.org_path`)}` : sql``}
     ${lock ? sql`for update of v` : sql``}`);
  return row;
}

const stateConflict = (vote: { id: number; state: VoteState }) => conflict('vote.wrongState', {}, { state: vote.state });

/** Maps the triggers' refusal (SQLSTATE 55000) to a 409, like the checks before them. */
function isStateRefusal(error: unknown): boolean {
  return (error as { code?: string }).code === '55000' || (error as { cause?: { code?: string } }).cause?.code === '55000';
}

function optionLabels(method: VoteMethod, options: readonly string[]): readonly string[] {
  return method === 'yes_no_abstain' ? MOTION_OPTIONS : options;
}

async function writeOptions(tx: Tx, voteId: number, labels: readonly string[]) {
  if (labels.length === 0) return;
  await tx.execute(sql`
    insert into vote_options (vote_id, position, label)
    select ${voteId}, t.ord::int, t.label from unnest(${sql.param([...labels])}::text[]) with ordinality as t(label, ord)`);
}

async function checkSessionAndProposal(tx: Tx, orgId: number, sessionId: number | undefined, proposalId: number | undefined) {
  if (sessionId !== undefined) {
    const [s] = await queryRows<{ org_id: number }>(tx, sql`select org_id from congress_sessions where id = ${sessionId}`);
    if (!s || s.org_id !== orgId) throw fieldError('sessionId', 'vote.sessionOrg');
  }
  if (proposalId !== undefined) {
    const [p] = await queryRows<{ session_id: number; state: string; vote_id: number | null }>(tx, sql`
      select session_id, state, vote_id from congress_proposals where id = ${proposalId} for update`);
    if (!p || p.session_id !== sessionId || p.state === 'submitted' || p.state === 'returned' || p.vote_id !== null) {
      throw fieldError('proposalId', 'vote.proposalNotFiled');
    }
  }
}

export async function createVote(ctx: ServiceContext, input: VoteCreate & { options: string[]; secret: boolean; passRule: PassRule }): Promise<Vote> {
  const scope = writeScope(ctx.scope);
  const id = await ctx.db.transaction(async (tx) => {
    const org = await findOrg(tx, scope, input.orgId);
    if (!org) throw notFound();
    await checkSessionAndProposal(tx, org.id, input.sessionId, input.proposalId);
    const [row] = await queryRows<{ id: number }>(tx, sql`
      insert into votes (org_id, org_path, session_id, proposal_id, title, method, cap, seats, secret, pass_rule, created_by)
      values (${org.id}, ${org.path}::ltree, ${input.sessionId ?? null}, ${input.proposalId ?? null}, ${input.title}, ${input.method},
              ${input.method === 'approval' ? (input.cap ?? null) : null}, ${input.method === 'election' ? (input.seats ?? null) : null},
              ${input.secret}, ${input.passRule}, ${ctx.actor.userId})
      returning id`);
    const voteId = row!.id;
    await writeOptions(tx, voteId, optionLabels(input.method, input.options));
    // 一事一议 frozen from now on: the proposal's row and seconders refuse changes (trigger)
    if (input.proposalId !== undefined) await tx.execute(sql`update congress_proposals set vote_id = ${voteId} where id = ${input.proposalId}`);
    await recordAudit(tx, ctx.actor, ctx.ip, { action: 'create', objectType: 'vote', objectId: voteId, orgPath: org.path, detail: { method: input.method } });
    return voteId;
  });
  return getVote(ctx, id);
}

export async function getVote(ctx: ServiceContext, id: number): Promise<Vote> {
  const row = await findVote(ctx.db, ctx.scope, id);
  if (!row) throw notFound();
  return toVote(row);
}

export async function listVotes(ctx: ServiceContext, orgId: number | undefined): Promise<Vote[]> {
  if (ctx.scope.kind !== 'subtree') throw notFound();
  const org = await findOrg(ctx.db, ctx.scope, orgId ?? ctx.scope.rootOrgId);
  if (!org) throw notFound();
  const rows = await queryRows<VoteRow>(ctx.db, sql`
    select ${voteColumns} from votes v join orgs o on o.id = v.org_id
     where v.org_path <@ ${org.path}::ltree and ${withinScope(ctx.scope, sql`v.org_path`)}
     order by v.id desc limit 200`);
  return rows.map(toVote);
}

/** Changes the definition of a vote not yet started; 409 once it has. */
export async function updateVote(ctx: ServiceContext, id: number, input: z.output<typeof votePatchSchema>): Promise<Vote> {
  const scope = writeScope(ctx.scope);
  await ctx.db.transaction(async (tx) => {
    const vote = await findVote(tx, scope, id, true);
    if (!vote) throw notFound();
    if (vote.state !== 'created') throw conflict('vote.notCreated', {}, { state: vote.state });
    await tx.execute(sql`
      update votes set title = ${input.title}, method = ${input.method}, secret = ${input.secret}, pass_rule = ${input.passRule},
             cap = ${input.method === 'approval' ? (input.cap ?? null) : null}, seats = ${input.method === 'election' ? (input.seats ?? null) : null}
       where id = ${id}`);
    await tx.execute(sql`delete from vote_options where vote_id = ${id}`);
    await writeOptions(tx, id, optionLabels(input.method, input.options));
    await recordAudit(tx, ctx.actor, ctx.ip, { action: 'update', objectType: 'vote', objectId: id, orgPath: vote.org_path, detail: { method: input.method } });
  });
  return getVote(ctx, id);
}

/**
 * Opens the vote: writes the entitled voters' snapshot, then moves to `started` (the triggers refuse any later
 * change of voters and options). With a session, its present representatives vote, and the session must have
 * its quorum (two thirds of all representatives present).
 */
export async function startVote(ctx: ServiceContext, id: number): Promise<Vote> {
  const scope = writeScope(ctx.scope);
  await ctx.db.transaction(async (tx) => {
    const vote = await findVote(tx, scope, id, true);
    if (!vote) throw notFound();
    if (vote.state !== 'created') throw stateConflict(vote);
    if (vote.session_id !== null) {
      const [q] = await queryRows<{ total: number; present: number }>(tx, sql`
        select count(*)::int as total, count(*) filter (where present)::int as present
          from congress_representatives where session_id = ${vote.session_id}`);
      const quorum = quorumOf(q!.total, q!.present);
      if (!quorum.met) throw conflict('vote.noQuorum', { needed: quorum.needed, present: quorum.present }, { quorum });
      await tx.execute(sql`
        insert into vote_voters (vote_id, member_id)
        select ${id}, r.member_id from congress_representatives r join members m on m.id = r.member_id
         where r.session_id = ${vote.session_id} and r.present and m.status = 'active'`);
    } else {
      await tx.execute(sql`
        insert into vote_voters (vote_id, member_id)
        select ${id}, m.id from members m where m.org_path <@ ${vote.org_path}::ltree and m.status = 'active'`);
    }
    const [n] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from vote_voters where vote_id = ${id}`);
    if (n!.n === 0) throw conflict('vote.noVoters', {}, {});
    await tx.execute(sql`update votes set entitled = ${n!.n}, state = 'started', started_at = now() where id = ${id}`);
    await recordAudit(tx, ctx.actor, ctx.ip, { action: 'update', objectType: 'vote', objectId: id, orgPath: vote.org_path, detail: { state: 'started', entitled: n!.n } });
  });
  return getVote(ctx, id);
}

interface CastDefinition { method: VoteMethod; cap: number | null; seats: number | null; secret: boolean; optionIds: number[] }

/**
 * Definitions of started votes, by id. Safe to keep: from start on the definition cannot change (the triggers
 * refuse it), and a vote that has finished meanwhile is refused by the ballot's own trigger. Saves a read per
 * ballot in a city-wide contest.
 */
const startedDefinitions = new WeakMap<object, Map<number, CastDefinition>>();
const DEFINITIONS_KEPT = 1000;

/**
 * Casts the signed-in member's ballot in one statement (the has-voted row, then the ballot, atomically). Returns
 * the receipt code (shown once). 404 unless the member is on the vote's entitled snapshot; 409 when they have
 * voted (the has-voted key decides, also under concurrency) or the vote is not open.
 */
export async function castBallot(ctx: ServiceContext, id: number, choices: number[]): Promise<{ receipt: string }> {
  const memberId = ctx.actor.memberId;
  if (memberId === null) throw notFound();
  let kept = startedDefinitions.get(ctx.db);
  if (!kept) startedDefinitions.set(ctx.db, (kept = new Map()));
  let vote = kept.get(id);
  if (!vote) {
    const [row] = await queryRows<{ state: VoteState; method: VoteMethod; cap: number | null; seats: number | null; secret: boolean; option_ids: number[] }>(ctx.db, sql`
      select v.state, v.method, v.cap, v.seats, v.secret,
             coalesce((select array_agg(o.id) from vote_options o where o.vote_id = v.id), '{}') as option_ids
        from votes v
       where v.id = ${id} and exists (select 1 from vote_voters w where w.vote_id = v.id and w.member_id = ${memberId})`);
    if (!row) throw notFound();
    if (row.state !== 'started') throw conflict('vote.wrongState', {}, { state: row.state });
    vote = { method: row.method, cap: row.cap, seats: row.seats, secret: row.secret, optionIds: row.option_ids };
    if (kept.size >= DEFINITIONS_KEPT) kept.clear();
    kept.set(id, vote);
  }
  const max = maxChoices(vote.method, vote.cap, vote.seats);
  const problem = ballotProblem(choices, vote.optionIds, max);
  if (problem) throw new AppError('validation_failed', 400, 'error.validation_failed', { max }, { choices: problem });
  const receipt = newReceipt();
  try {
    // one statement, one transaction: the has-voted key fails a second ballot before its ballot is written
    await queryPrepared(ctx.db, sql`
      with voted as (insert into vote_has_voted (vote_id, member_id) values (${id}, ${memberId}) returning vote_id)
      insert into vote_ballots (vote_id, receipt, choices, voter_member_id)
      select vote_id, ${receipt}, ${sql.param(choices)}::integer[], ${vote.secret ? null : memberId} from voted`);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('vote.alreadyVoted', {}, {});
    if (isNotEntitled(error)) throw notFound();
    if (isStateRefusal(error)) throw conflict('vote.wrongState', {}, {});
    throw error;
  }
  return { receipt };
}

/** The has-voted trigger's refusal of a voter off the snapshot (SQLSTATE 42501): out of scope, a 404. */
function isNotEntitled(error: unknown): boolean {
  return (error as { code?: string }).code === '42501' || (error as { cause?: { code?: string } }).cause?.code === '42501';
}

/** Reads the ballots in chain order (receipt, byte order). */
export async function ballotsOf(db: Database | Tx, voteId: number): Promise<ChainBallot[]> {
  // choices as text ("{3,7}"): splitting it is several times faster than the driver's array parser at 200,000 rows
  const rows = await queryRows<{ receipt: string; c: string }>(db, sql`
    select receipt, choices::text as c from vote_ballots where vote_id = ${voteId} order by receipt collate "C"`);
  return rows.map((r) => ({ receipt: r.receipt, choices: r.c === '{}' ? [] : r.c.slice(1, -1).split(',').map(Number) }));
}

/** Closes the vote: computes the result and the hash chain once and stores them. */
export async function finishVote(ctx: ServiceContext, id: number): Promise<Vote> {
  const scope = writeScope(ctx.scope);
  await ctx.db.transaction(async (tx) => {
    // the row lock waits for ballots in flight (their trigger holds a share lock on the vote)
    const vote = await findVote(tx, scope, id, true);
    if (!vote) throw notFound();
    if (vote.state !== 'started') throw stateConflict(vote);
    // one ordered read into one text (no row object per ballot), then the chain and the tally in one pass
    const [all] = await queryRows<{ lines: string | null }>(tx, sql`
      select string_agg(receipt || E'\n' || btrim(choices::text, '{}'), E'\n' order by receipt collate "C") as lines
        from vote_ballots where vote_id = ${id}`);
    const chained = chainOverText(id, all?.lines ?? '');
    const stored = { result: storedResult(vote, chained.choices), head: chained.head };
    await tx.execute(sql`
      update votes set state = 'finished', finished_at = now(), result = ${JSON.stringify(stored.result)}::jsonb, chain_head = ${stored.head}
       where id = ${id}`);
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'update', objectType: 'vote', objectId: id, orgPath: vote.org_path, detail: { state: 'finished', cast: stored.result.cast, chainHead: stored.head },
    });
  });
  return getVote(ctx, id);
}

/** The result of a vote from its ballots (in chain order): the tally, the rule's answer and the chain head. */
export function computeResult(
  vote: Pick<VoteRow, 'id' | 'method' | 'seats' | 'pass_rule' | 'entitled'> & { options: readonly { id: number }[] },
  ballots: readonly ChainBallot[],
): { result: StoredVoteResult; head: string } {
  return { result: storedResult(vote, ballots.map((b) => b.choices)), head: chainHead(vote.id, [...ballots].sort(byReceipt)) };
}

function storedResult(
  vote: Pick<VoteRow, 'method' | 'seats' | 'pass_rule' | 'entitled'> & { options: readonly { id: number }[] },
  choices: readonly (readonly number[])[],
): StoredVoteResult {
  const optionIds = vote.options.map((o) => o.id);
  const tally = tallyBallots(optionIds, choices);
  const entitled = vote.entitled ?? 0;
  const yes = tally.counts.get(optionIds[0] ?? -1) ?? 0;
  const result: StoredVoteResult = {
    entitled,
    cast: tally.cast,
    valid: tally.valid,
    invalid: tally.invalid,
    counts: Object.fromEntries([...tally.counts].map(([k, v]) => [String(k), v])),
    passed: vote.method === 'yes_no_abstain' ? motionPassed(vote.pass_rule, yes, tally.valid, entitled) : null,
    elected: vote.method === 'election' ? electedOptions(tally.counts, vote.seats ?? 1) : [],
  };
  return result;
}

export async function publishVote(ctx: ServiceContext, id: number): Promise<Vote> {
  const scope = writeScope(ctx.scope);
  await ctx.db.transaction(async (tx) => {
    const vote = await findVote(tx, scope, id, true);
    if (!vote) throw notFound();
    if (vote.state !== 'finished') throw stateConflict(vote);
    await tx.execute(sql`update votes set state = 'published', published_at = now() where id = ${id}`);
    await recordAudit(tx, ctx.actor, ctx.ip, { action: 'update', objectType: 'vote', objectId: id, orgPath: vote.org_path, detail: { state: 'published' } });
  });
  return getVote(ctx, id);
}

async function resultOf(db: Database, vote: VoteRow, receipt: string | undefined): Promise<VoteResult> {
  const r = vote.result!;
  let ballot: VoteResult['ballot'] = null;
  if (receipt) {
    const [found] = await queryRows<{ position: number; choices: number[] }>(db, sql`
      select (select count(*)::int from vote_ballots b2 where b2.vote_id = b.vote_id and b2.receipt collate "C" <= b.receipt collate "C") as position, b.choices
        from vote_ballots b where b.vote_id = ${vote.id} and b.receipt = ${receipt}`);
    ballot = found ?? null;
  }
  return {
    entitled: r.entitled, cast: r.cast, valid: r.valid, invalid: r.invalid,
    options: vote.options.map((o) => ({ id: o.id, label: o.label, code: o.code, votes: r.counts[String(o.id)] ?? 0 })),
    chainHead: vote.chain_head ?? '', passed: r.passed, elected: r.elected, state: vote.state, ballot,
  };
}

/** The result for the vote's union staff, from `finished` on. */
export async function staffVoteResult(ctx: ServiceContext, id: number, receipt: string | undefined): Promise<VoteResult> {
  const vote = await findVote(ctx.db, ctx.scope, id);
  if (!vote) throw notFound();
  if (vote.state !== 'finished' && vote.state !== 'published') throw stateConflict(vote);
  return resultOf(ctx.db, vote, receipt);
}

/** The result for an entitled voter, once published. */
export async function memberVoteResult(ctx: ServiceContext, id: number, receipt: string | undefined): Promise<VoteResult> {
  const memberId = ctx.actor.memberId;
  const [entitled] = await queryRows<{ ok: number }>(ctx.db, sql`select 1 as ok from vote_voters where vote_id = ${id} and member_id = ${memberId ?? 0}`);
  if (!entitled) throw notFound();
  const vote = await findVote(ctx.db, null, id);
  if (!vote) throw notFound();
  if (vote.state !== 'published') throw stateConflict(vote);
  return resultOf(ctx.db, vote, receipt);
}

/** Votes the member is entitled to (open or published), with whether they voted. */
export async function votesOfMember(db: Database, memberId: number): Promise<(Vote & { voted: boolean })[]> {
  const rows = await queryRows<VoteRow & { voted: boolean }>(db, sql`
    select ${voteColumns}, exists (select 1 from vote_has_voted h where h.vote_id = v.id and h.member_id = ${memberId}) as voted
      from vote_voters w join votes v on v.id = w.vote_id join orgs o on o.id = v.org_id
     where w.member_id = ${memberId} and v.state in ('started', 'published')
     order by v.id desc limit 100`);
  return rows.map((r) => ({ ...toVote(r), voted: r.voted }));
}
