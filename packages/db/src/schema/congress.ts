import { sql } from 'drizzle-orm';
import {
  pgTable, integer, text, date, timestamp, boolean, jsonb, index, uniqueIndex, primaryKey, real,
} from 'drizzle-orm/pg-core';
import { evaluationParts, passRules, proposalRatings, proposalStates, voteMethods, voteStates } from '@lianxin/contracts';
import { bytea, ltree } from './types.ts';
import { orgs } from './orgs.ts';
import { members } from './members.ts';
import { users } from './users.ts';

/**
 * Workers' congress sessions (职代会) of a union. `orgPath` is the union's path (live). Representatives sit on
 * `congress_representatives` with their constituency and attendance.
 */
export const congressSessions = pgTable(
  'congress_sessions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orgId: integer('org_id').notNull().references(() => orgs.id),
    orgPath: ltree('org_path').notNull(),
    title: text('title').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    proposalsOpenOn: date('proposals_open_on', { mode: 'string' }).notNull(),
    proposalsCloseOn: date('proposals_close_on', { mode: 'string' }).notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('congress_sessions_org_path_gist').using('gist', t.orgPath)],
);

export const congressRepresentatives = pgTable(
  'congress_representatives',
  {
    sessionId: integer('session_id').notNull().references(() => congressSessions.id),
    memberId: integer('member_id').notNull().references(() => members.id),
    constituency: text('constituency').notNull(),
    present: boolean('present').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.memberId] }), index('congress_representatives_member_idx').on(t.memberId)],
);

/** Proposals (提案): 一事一议, a proposer and seconders among the session's representatives. */
export const congressProposals = pgTable(
  'congress_proposals',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    sessionId: integer('session_id').notNull().references(() => congressSessions.id),
    subject: text('subject').notNull(),
    reasons: text('reasons').notNull(),
    measures: text('measures').notNull(),
    proposerMemberId: integer('proposer_member_id').notNull().references(() => members.id),
    state: text('state', { enum: proposalStates }).notNull().default('submitted'),
    department: text('department'),
    dueOn: date('due_on', { mode: 'string' }),
    returnReason: text('return_reason'),
    answerText: text('answer_text'),
    answerLeader: text('answer_leader'),
    answeredOn: date('answered_on', { mode: 'string' }),
    rating: text('rating', { enum: proposalRatings }),
    reopened: boolean('reopened').notNull().default(false),
    /** set when the proposal is put to a vote; a trigger refuses every later change of the row */
    voteId: integer('vote_id'),
    decidedBy: integer('decided_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    /** 优秀提案: chosen by the proposal committee among filed and answered proposals */
    best: boolean('best').notNull().default(false),
    /** the department's last progress note said 落实完成 (Asia/Shanghai day); no notes after it */
    progressDoneOn: date('progress_done_on', { mode: 'string' }),
  },
  (t) => [index('congress_proposals_session_idx').on(t.sessionId)],
);

/** Progress notes (办理进展) the responsible department posts after its answer, until one says it is done. */
export const congressProposalProgress = pgTable(
  'congress_proposal_progress',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    proposalId: integer('proposal_id').notNull().references(() => congressProposals.id),
    note: text('note').notNull(),
    done: boolean('done').notNull().default(false),
    postedOn: date('posted_on', { mode: 'string' }).notNull(),
    postedBy: integer('posted_by').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('congress_proposal_progress_proposal_idx').on(t.proposalId)],
);

/** 附议: one row per seconder; the primary key is the one-click guard. */
export const congressSeconders = pgTable(
  'congress_seconders',
  {
    proposalId: integer('proposal_id').notNull().references(() => congressProposals.id),
    memberId: integer('member_id').notNull().references(() => members.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.memberId] })],
);

/**
 * Votes (OpenSlides' model): created → started → finished → published. A trigger (custom migration) refuses
 * any change of the definition, options or voters once started. The result is computed once at finish and kept
 * in `result` (entitled, cast, valid, invalid, votes per option, passed, elected) with the ballots' hash chain head.
 */
export const votes = pgTable(
  'votes',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orgId: integer('org_id').notNull().references(() => orgs.id),
    orgPath: ltree('org_path').notNull(),
    sessionId: integer('session_id').references(() => congressSessions.id),
    proposalId: integer('proposal_id').references(() => congressProposals.id),
    title: text('title').notNull(),
    method: text('method', { enum: voteMethods }).notNull(),
    cap: integer('cap'),
    seats: integer('seats'),
    secret: boolean('secret').notNull(),
    passRule: text('pass_rule', { enum: passRules }).notNull().default('half_of_valid'),
    state: text('state', { enum: voteStates }).notNull().default('created'),
    entitled: integer('entitled'),
    result: jsonb('result').$type<StoredVoteResult>(),
    chainHead: text('chain_head'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'string' }),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'string' }),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('votes_org_path_gist').using('gist', t.orgPath)],
);

export interface StoredVoteResult {
  entitled: number;
  cast: number;
  valid: number;
  invalid: number;
  counts: Record<string, number>;
  passed: boolean | null;
  elected: number[];
}

export const voteOptions = pgTable(
  'vote_options',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    voteId: integer('vote_id').notNull().references(() => votes.id),
    position: integer('position').notNull(),
    label: text('label').notNull(),
  },
  (t) => [uniqueIndex('vote_options_position_uq').on(t.voteId, t.position)],
);

/** The entitled voters, a snapshot written at start. */
export const voteVoters = pgTable(
  'vote_voters',
  {
    voteId: integer('vote_id').notNull().references(() => votes.id),
    memberId: integer('member_id').notNull().references(() => members.id),
  },
  (t) => [primaryKey({ columns: [t.voteId, t.memberId] }), index('vote_voters_member_idx').on(t.memberId)],
);

/** Who has voted: one row per voter and vote (the one-ballot guard), written in the ballot's transaction. */
export const voteHasVoted = pgTable(
  'vote_has_voted',
  {
    voteId: integer('vote_id').notNull(),
    memberId: integer('member_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.voteId, t.memberId] })],
);

/**
 * Ballots, keyed by their random receipt code: no serial id and no time, so nothing orders them by arrival. A
 * secret poll's ballot has no voter (`voterMemberId` null); an open poll's names the voter. Append-only (trigger).
 */
export const voteBallots = pgTable(
  'vote_ballots',
  {
    voteId: integer('vote_id').notNull(),
    receipt: text('receipt').notNull(),
    choices: integer('choices').array().notNull().default(sql`'{}'::integer[]`),
    voterMemberId: integer('voter_member_id'),
  },
  (t) => [primaryKey({ columns: [t.voteId, t.receipt] })],
);

// ---- evaluation ----------------------------------------------------------------------------------------------

/** 会员评家: one rating per member and year (unique), for the member's union at the time. */
export const evaluationRatings = pgTable(
  'evaluation_ratings',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    year: integer('year').notNull(),
    memberId: integer('member_id').notNull().references(() => members.id),
    orgId: integer('org_id').notNull().references(() => orgs.id),
    orgPath: ltree('org_path').notNull(),
    answers: integer('answers').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('evaluation_ratings_member_year_uq').on(t.memberId, t.year),
    index('evaluation_ratings_org_year_idx').on(t.orgId, t.year),
    index('evaluation_ratings_org_path_gist').using('gist', t.orgPath),
  ],
);

/**
 * 会员评家 questions a union (or the city federation, for every union without its own) sets for a year, before
 * any rating of that year is in; frozen after. The nearest unit up the path with a row decides; none: the built-in set.
 */
export const evaluationQuestions = pgTable(
  'evaluation_questions',
  {
    orgId: integer('org_id').notNull().references(() => orgs.id),
    year: integer('year').notNull(),
    /** the questions' wording, in order; a rating answers each 1–5 */
    questions: jsonb('questions').$type<string[]>().notNull(),
    setBy: integer('set_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.year] })],
);

/** One score per union, year and part (self-check, spot check, third party); items hold the self-check's lines. */
export const evaluationScores = pgTable(
  'evaluation_scores',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    year: integer('year').notNull(),
    orgId: integer('org_id').notNull().references(() => orgs.id),
    orgPath: ltree('org_path').notNull(),
    part: text('part', { enum: evaluationParts }).notNull(),
    score: real('score').notNull(),
    report: text('report').notNull().default(''),
    items: jsonb('items').$type<{ code: string; score: number; evidence: string }[]>().notNull().default([]),
    enteredBy: integer('entered_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('evaluation_scores_uq').on(t.orgId, t.year, t.part),
    index('evaluation_scores_org_path_gist').using('gist', t.orgPath),
  ],
);

/**
 * 工会自查 evidence files (佐证材料): one row per uploaded file and indicator item, the contents in the database
 * (pdf, jpg, png, xlsx or docx, checked by their first bytes; at most EVIDENCE_MAX_MB).
 */
export const evaluationEvidence = pgTable(
  'evaluation_evidence',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orgId: integer('org_id').notNull().references(() => orgs.id),
    year: integer('year').notNull(),
    itemCode: text('item_code').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: integer('uploaded_by').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('evaluation_evidence_org_year_idx').on(t.orgId, t.year)],
);

/** 上级抽查: the units drawn in a district for a year, with the seed that reproduces the draw. */
export const evaluationSamples = pgTable(
  'evaluation_samples',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    year: integer('year').notNull(),
    districtOrgId: integer('district_org_id').notNull().references(() => orgs.id),
    orgPath: ltree('org_path').notNull(),
    seed: text('seed').notNull(),
    size: integer('size').notNull(),
    orgIds: integer('org_ids').array().notNull(),
    drawnBy: integer('drawn_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('evaluation_samples_uq').on(t.districtOrgId, t.year),
    index('evaluation_samples_org_path_gist').using('gist', t.orgPath),
  ],
);

