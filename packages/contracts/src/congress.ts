import { z } from 'zod';
import { calendarDateSchema, recordIdSchema } from './input.ts';

/**
 * Workers' congress (职代会, DOMAIN.md §4 and §9.3): sessions with their representatives'
 * roll, proposals (提案) with seconders (附议), filing (立案), answers and ratings, and votes (OpenSlides' model:
 * created → started → finished → published).
 */

// ---- sessions -------------------------------------------------------------------------------------------------

const text = (max: number) => z.string().trim().min(1, { message: 'required' }).max(max, { message: 'text.tooLong' });

export const representativeInputSchema = z.object({
  memberId: recordIdSchema,
  /** 选区 / 代表团: the constituency that elected the representative */
  constituency: text(60),
});

export const sessionCreateSchema = z
  .object({
    orgId: recordIdSchema,
    title: text(120),
    heldOn: calendarDateSchema,
    /** proposals are collected in this window, before the session (about 30 days, DOMAIN.md §9.3) */
    proposalsOpenOn: calendarDateSchema,
    proposalsCloseOn: calendarDateSchema,
    representatives: z.array(representativeInputSchema).min(1, { message: 'required' }).max(2000),
  })
  .refine((s) => s.proposalsOpenOn <= s.proposalsCloseOn, { path: ['proposalsCloseOn'], message: 'congress.windowOrder' })
  .refine((s) => s.proposalsCloseOn <= s.heldOn, { path: ['proposalsCloseOn'], message: 'congress.windowAfterSession' })
  .refine((s) => new Set(s.representatives.map((r) => r.memberId)).size === s.representatives.length, {
    path: ['representatives'], message: 'congress.duplicateRepresentative',
  });
export type SessionCreate = z.infer<typeof sessionCreateSchema>;

export const attendanceSchema = z.object({
  /** the representatives present (member ids of the roll); the others are recorded absent */
  present: z.array(recordIdSchema).max(2000),
});

export const representativeSchema = z.object({
  memberId: z.number().int(),
  name: z.string(),
  constituency: z.string(),
  present: z.boolean(),
});

export const quorumSchema = z.object({
  total: z.number().int(),
  present: z.number().int(),
  /** present representatives needed: two thirds of all, rounded up */
  needed: z.number().int(),
  met: z.boolean(),
});

export const congressSessionSchema = z.object({
  id: z.number().int(),
  org: z.object({ id: z.number().int(), name: z.string() }),
  title: z.string(),
  heldOn: z.string(),
  proposalsOpenOn: z.string(),
  proposalsCloseOn: z.string(),
  quorum: quorumSchema,
  representatives: z.array(representativeSchema),
});
export type CongressSession = z.infer<typeof congressSessionSchema>;

export const sessionListQuerySchema = z.object({ orgId: z.string().regex(/^[1-9][0-9]{0,9}$/, { message: 'id.invalid' }).transform(Number).pipe(recordIdSchema).optional() });
export const sessionListSchema = z.object({
  items: z.array(congressSessionSchema.omit({ representatives: true })),
});

// ---- proposals ------------------------------------------------------------------------------------------------

export const proposalStates = ['submitted', 'filed', 'returned', 'answered', 'done'] as const;
export type ProposalState = (typeof proposalStates)[number];
export const proposalRatings = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type ProposalRating = (typeof proposalRatings)[number];

/** 一事一议: one issue per proposal — 案由 (subject), 理由 (reasons), 措施 (proposed measures). */
export const proposalCreateSchema = z.object({
  sessionId: recordIdSchema,
  subject: text(100),
  reasons: text(4000),
  measures: text(4000),
});
export type ProposalCreate = z.infer<typeof proposalCreateSchema>;

export const proposalFileSchema = z.object({
  /** the responsible department (承办部门) */
  department: text(60),
  dueOn: calendarDateSchema,
});
export const proposalReturnSchema = z.object({ reason: text(1000) });
export const proposalAnswerSchema = z.object({
  text: text(4000),
  /** the responsible leader who signs the answer */
  leader: text(30),
  answeredOn: calendarDateSchema,
});
/** 办理进展: a progress note of the responsible department after its answer; `done` (落实完成) is the last one. */
export const proposalProgressCreateSchema = z.object({ note: text(2000), done: z.boolean().default(false) });
/** 优秀提案: the proposal committee marks (or unmarks) a filed and answered proposal. */
export const proposalBestSchema = z.object({ best: z.boolean() });
export const proposalProgressSchema = z.object({ id: z.number().int(), note: z.string(), done: z.boolean(), postedOn: z.string() });
export type ProposalProgress = z.infer<typeof proposalProgressSchema>;

export const proposalRateSchema = z.object({ rating: z.enum(proposalRatings), comment: z.string().trim().max(1000).optional() });

export const proposalSchema = z.object({
  id: z.number().int(),
  sessionId: z.number().int(),
  org: z.object({ id: z.number().int(), name: z.string() }),
  subject: z.string(),
  reasons: z.string(),
  measures: z.string(),
  proposer: z.object({ memberId: z.number().int(), name: z.string() }),
  seconders: z.array(z.object({ memberId: z.number().int(), name: z.string() })),
  /** seconders needed before the committee may file it (setting `congress.minSeconders`, default 2) */
  secondersNeeded: z.number().int(),
  state: z.enum(proposalStates),
  department: z.string().nullable(),
  dueOn: z.string().nullable(),
  returnReason: z.string().nullable(),
  answer: z.object({ text: z.string(), leader: z.string(), answeredOn: z.string() }).nullable(),
  rating: z.enum(proposalRatings).nullable(),
  /** the answer was rated 不满意 once and went back to the department; a second answer's rating is final */
  reopened: z.boolean(),
  /** put to a vote: nothing of it can change any more */
  voteId: z.number().int().nullable(),
  createdAt: z.string(),
  /** 优秀提案, chosen by the proposal committee */
  best: z.boolean(),
  /** the department's progress notes after its answer, oldest first */
  progress: z.array(proposalProgressSchema),
  /** the day a progress note said 落实完成 (no notes after it), or null */
  progressDoneOn: z.string().nullable(),
});
export type Proposal = z.infer<typeof proposalSchema>;

export const proposalListQuerySchema = z.object({
  sessionId: z.string().regex(/^[1-9][0-9]{0,9}$/, { message: 'id.invalid' }).transform(Number).pipe(recordIdSchema),
  state: z.enum(proposalStates).optional(),
  /** `true`: the session's best proposals (优秀提案) only */
  best: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
});
export const proposalListSchema = z.object({ items: z.array(proposalSchema) });

// ---- votes ----------------------------------------------------------------------------------------------------

export const voteMethods = ['yes_no_abstain', 'single', 'approval', 'election'] as const;
export type VoteMethod = (typeof voteMethods)[number];
export const voteStates = ['created', 'started', 'finished', 'published'] as const;
export type VoteState = (typeof voteStates)[number];
/**
 * When a yes/no/abstain motion passes: more yes than half of the valid ballots, or more yes than half of ALL
 * entitled voters (the joint council's veto of a wage deal, DOMAIN.md §4).
 */
export const passRules = ['half_of_valid', 'half_of_all'] as const;
export type PassRule = (typeof passRules)[number];

const optionLabel = z.string().trim().min(1, { message: 'required' }).max(100, { message: 'text.tooLong' });

const voteFields = {
  title: text(200),
  method: z.enum(voteMethods),
  /** the options' labels; a yes/no/abstain vote ignores them (赞成 / 反对 / 弃权) */
  options: z.array(optionLabel).max(200).default([]),
  /** approval: most options one voter may tick (e.g. 5 in an idea contest) */
  cap: z.number().int().min(1).max(200).optional(),
  /** election: seats to fill (a voter ticks at most this many) */
  seats: z.number().int().min(1).max(200).optional(),
  secret: z.boolean().default(true),
  passRule: z.enum(passRules).default('half_of_valid'),
};

function checkMethod(v: { method: VoteMethod; options: string[]; cap?: number | undefined; seats?: number | undefined }, ctx: z.RefinementCtx) {
  if (v.method !== 'yes_no_abstain' && v.options.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'vote.optionsNeeded' });
  if (new Set(v.options).size !== v.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'vote.optionsDistinct' });
  if (v.method === 'approval' && v.cap === undefined) ctx.addIssue({ code: 'custom', path: ['cap'], message: 'required' });
  if (v.method === 'election' && v.seats === undefined) ctx.addIssue({ code: 'custom', path: ['seats'], message: 'required' });
  if (v.method === 'election' && v.seats !== undefined && v.seats >= v.options.length && v.options.length > 0) {
    ctx.addIssue({ code: 'custom', path: ['seats'], message: 'vote.seatsTooMany' });
  }
}

export const voteCreateSchema = z
  .object({
    orgId: recordIdSchema,
    /** a congress session: its present representatives are the voters; without one, the active members of orgId's subtree */
    sessionId: recordIdSchema.optional(),
    /** a filed proposal put to this vote: it is frozen from now on */
    proposalId: recordIdSchema.optional(),
    ...voteFields,
  })
  .superRefine(checkMethod);
export type VoteCreate = z.input<typeof voteCreateSchema>;

/** Before start only (409 after): the whole definition again, without its unit and session. */
export const votePatchSchema = z.object(voteFields).superRefine(checkMethod);

export const ballotCastSchema = z.object({
  /** option ids; empty is a blank ballot (counted cast and invalid) */
  choices: z.array(recordIdSchema).max(200),
});
export const ballotReceiptSchema = z.object({ receipt: z.string() });

/**
 * The options of a yes/no/abstain motion, in their order (the first is "yes" for the pass rule). Their stored label
 * is the Chinese text (赞成 / 反对 / 弃权); screens show `voteOptionCodeLabels[code]` in the UI language.
 */
export const voteOptionCodes = ['yes', 'no', 'abstain'] as const;
export type VoteOptionCode = (typeof voteOptionCodes)[number];

/**
 * One option of a vote: `label` as stored (a custom option as typed), `code` for the fixed options of a
 * yes/no/abstain motion, null for custom options (single, approval, election).
 */
export const voteOptionSchema = z.object({ id: z.number().int(), label: z.string(), code: z.enum(voteOptionCodes).nullable() });
export const voteSchema = z.object({
  id: z.number().int(),
  org: z.object({ id: z.number().int(), name: z.string() }),
  sessionId: z.number().int().nullable(),
  proposalId: z.number().int().nullable(),
  title: z.string(),
  method: z.enum(voteMethods),
  options: z.array(voteOptionSchema),
  cap: z.number().int().nullable(),
  seats: z.number().int().nullable(),
  secret: z.boolean(),
  passRule: z.enum(passRules),
  state: z.enum(voteStates),
  /** entitled voters (known from start) */
  entitled: z.number().int().nullable(),
  /** ballots cast so far */
  cast: z.number().int(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type Vote = z.infer<typeof voteSchema>;

export const voteListQuerySchema = z.object({
  orgId: z.string().regex(/^[1-9][0-9]{0,9}$/, { message: 'id.invalid' }).transform(Number).pipe(recordIdSchema).optional(),
});
export const voteListSchema = z.object({ items: z.array(voteSchema) });

export const voteResultQuerySchema = z.object({
  /** a receipt code: the answer then shows that ballot as the published tally holds it */
  receipt: z.string().trim().regex(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/, { message: 'vote.receiptFormat' }).optional(),
});

export const voteResultSchema = z.object({
  entitled: z.number().int(),
  cast: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  options: z.array(voteOptionSchema.extend({ votes: z.number().int() })),
  /** SHA-256 over the ballots in order (hex): the last link of the chain computed at finish */
  chainHead: z.string(),
  /** yes/no/abstain: whether the motion passed under its rule; election: null */
  passed: z.boolean().nullable(),
  /** election: the options elected (most votes, ties at the last seat leave it open) */
  elected: z.array(z.number().int()),
  state: z.enum(voteStates),
  /** the ballot of the receipt asked for: its place in the chain (1-based, receipt order) and its choices */
  ballot: z.object({ position: z.number().int(), choices: z.array(z.number().int()) }).nullable(),
});
export type VoteResult = z.infer<typeof voteResultSchema>;

// ---- the member's H5 ------------------------------------------------------------------------------------------

export const myCongressSchema = z.object({
  /** the signed-in member (to tell their own proposals and seconds) */
  memberId: z.number().int(),
  sessions: z.array(congressSessionSchema.omit({ representatives: true })),
  proposals: z.array(proposalSchema),
  votes: z.array(voteSchema.extend({ voted: z.boolean() })),
});
export type MyCongress = z.infer<typeof myCongressSchema>;
