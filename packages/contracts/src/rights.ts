import { z } from 'zod';
import { addDays } from './dates.ts';
import { calendarDateSchema, fenSchema, recordIdQuery, recordIdSchema } from './input.ts';
import { pagedResponse, pageQuery } from './paging.ts';
import { chinaMobileSchema } from './phone.ts';

/**
 * 机制三 — rights: legal aid and dispute cases (法律援助 / 劳动争议调解), the early-warning register (预警) and
 * collective bargaining (集体协商). Money is integer fen; dates are Asia/Shanghai calendar days (YYYY-MM-DD);
 * percentages are integer basis points (550 = 5.50 %). Sources: DOMAIN.md §4, the seeds (顾村 2017, 电装),
 * 劳动争议调解仲裁法 art. 14, 集体合同规定.
 */

/** 欠薪, 劳动合同, 社会保险, 工伤, 加班, 解除补偿, 其他. */
export const caseTypes = ['wage_arrears', 'labour_contract', 'social_insurance', 'work_injury', 'overtime', 'severance', 'other'] as const;
export type CaseType = (typeof caseTypes)[number];

/** 受理 → 调查 → 调解 → 结案. */
export const caseStatuses = ['accepted', 'investigating', 'mediating', 'closed'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** 调解成功, 部分成功, 转仲裁, 转诉讼, 撤回, 不予受理. */
export const caseOutcomes = ['success', 'partial', 'arbitration', 'litigation', 'withdrawn', 'not_accepted'] as const;
export type CaseOutcome = (typeof caseOutcomes)[number];

/** Outcomes that count as 调解成功 in the success rate (an agreement was reached, in full or in part). */
export const SUCCEEDED_OUTCOMES: readonly CaseOutcome[] = ['success', 'partial'];

/** Default of the city setting `rights.groupThreshold`: a dispute of this many workers or more is 群体性. */
export const DEFAULT_GROUP_THRESHOLD = 10;
/** Default of the city setting `rights.autoWarningCases`: this many cases of one enterprise in 30 days raise a warning. */
export const DEFAULT_AUTO_WARNING_CASES = 3;
/** The window of the automatic warning, calendar days. */
export const AUTO_WARNING_WINDOW_DAYS = 30;
/** 劳动争议调解仲裁法 art. 14: mediation not agreed within 15 days of the application opens arbitration. */
export const MEDIATION_DAYS = 15;

/** An amount of money in fen: a non-negative integer below 10^13 fen (10^11 yuan), exact in a JS number. */

const shortText = (max: number) => z.string().trim().max(max);

/** Whether a dispute of `workers` workers is a group dispute (群体性) under the city's threshold. */
export function isGroupDispute(workers: number, threshold: number): boolean {
  return workers >= threshold;
}

/**
 * The art. 14 clock of 劳动争议调解仲裁法: counted in calendar days from the day after the mediation application
 * (民法典 art. 201: a period in days starts the next day), so an application on day D must be agreed by D + 15;
 * from D + 16 the worker may apply for arbitration. `today` is the Asia/Shanghai date.
 * @returns the deadline, the days left (negative once passed) and whether arbitration is now open
 */
export function mediationClock(appliedOn: string, today: string): { appliedOn: string; deadline: string; daysLeft: number; mayArbitrate: boolean } {
  const deadline = addDays(appliedOn, MEDIATION_DAYS);
  const daysLeft = Math.round((Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return { appliedOn, deadline, daysLeft, mayArbitrate: daysLeft < 0 };
}

/**
 * Why a case may not move from `from` to `to` with `outcome`, or null when it may. Stages go forward one at a
 * time (受理 → 调查 → 调解); 结案 is reachable from every open stage, but an agreement (success, partial) needs
 * mediation, 不予受理 is decided at acceptance, and a closed case stays closed.
 */
export function stageProblem(from: CaseStatus, to: CaseStatus, outcome: CaseOutcome | undefined): 'rights.caseClosed' | 'rights.stageOrder' | 'rights.outcomeRequired' | 'rights.outcomeNotHere' | null {
  if (from === 'closed') return 'rights.caseClosed';
  const order = caseStatuses.indexOf(from);
  const target = caseStatuses.indexOf(to);
  if (to !== 'closed') {
    if (outcome !== undefined) return 'rights.outcomeNotHere';
    return target === order + 1 ? null : 'rights.stageOrder';
  }
  if (!outcome) return 'rights.outcomeRequired';
  if (SUCCEEDED_OUTCOMES.includes(outcome) && from !== 'mediating') return 'rights.outcomeNotHere';
  if (outcome === 'not_accepted' && from !== 'accepted') return 'rights.outcomeNotHere';
  return null;
}

export const caseWorkerInputSchema = z.object({
  name: z.string().trim().min(1, { message: 'required' }).max(30, { message: 'name.tooLong' }),
  phone: chinaMobileSchema.optional(),
  /** the member this party is, when staff pick one (an active member inside their scope); else matched on the phone */
  memberId: recordIdSchema.optional(),
});

export const caseCreateSchema = z.object({
  enterpriseId: recordIdSchema,
  type: z.enum(caseTypes),
  /** one or many workers (a group dispute from the city's threshold); members or not (零门槛) */
  workers: z.array(caseWorkerInputSchema).min(1, { message: 'required' }).max(2000),
  claimFen: fenSchema,
  description: shortText(2000).default(''),
  mediationOrg: shortText(100).default(''),
  mediator: shortText(30).default(''),
  lawyer: shortText(30).default(''),
  /** the day the case was received (受理); default today */
  receivedOn: calendarDateSchema.optional(),
  /** the service request it opens from (the requests module links back) */
  requestId: recordIdSchema.optional(),
});
export type CaseCreate = z.infer<typeof caseCreateSchema>;

export const caseStageSchema = z.object({
  to: z.enum(['investigating', 'mediating', 'closed']),
  /** the day of the step; default today */
  on: calendarDateSchema.optional(),
  /** when moving to mediation: the day the mediation was applied for (default `on`); starts the art. 14 clock */
  mediationAppliedOn: calendarDateSchema.optional(),
  outcome: z.enum(caseOutcomes).optional(),
  /** when closing with an agreement: the amount recovered for the workers */
  recoveredFen: fenSchema.optional(),
  /** the terms agreed (printed on the 调解协议书) */
  agreementText: shortText(4000).optional(),
  note: shortText(500).default(''),
});
export type CaseStage = z.infer<typeof caseStageSchema>;

export const caseItemSchema = z.object({
  id: z.number().int(),
  caseNumber: z.string(),
  enterprise: z.object({ id: z.number().int(), name: z.string() }),
  type: z.enum(caseTypes),
  status: z.enum(caseStatuses),
  outcome: z.enum(caseOutcomes).nullable(),
  workerCount: z.number().int(),
  isGroup: z.boolean(),
  /**
   * workers (the case's parties) with masked phones; `id` names one for the audited reveal of the phone; `isMember`:
   * linked to a member (picked, or matched on the phone), who then sees the case on the H5
   */
  workers: z.array(z.object({ id: z.number().int(), name: z.string(), phone: z.string().nullable(), isMember: z.boolean() })),
  claimFen: z.number().int(),
  recoveredFen: z.number().int(),
  description: z.string(),
  mediationOrg: z.string(),
  mediator: z.string(),
  lawyer: z.string(),
  receivedOn: z.string(),
  mediationAppliedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  requestId: z.number().int().nullable(),
  /** the art. 14 clock while in mediation, null otherwise */
  clock: z.object({ appliedOn: z.string(), deadline: z.string(), daysLeft: z.number().int(), mayArbitrate: z.boolean() }).nullable(),
  /** the stage changes with their days, oldest first (the detail `GET /api/rights/cases/:id` only) */
  history: z.array(z.object({ from: z.enum(caseStatuses), to: z.enum(caseStatuses), on: z.string(), note: z.string() })).optional(),
});
export type CaseItem = z.infer<typeof caseItemSchema>;

export const caseListQuerySchema = z.object({
  orgId: recordIdQuery.optional(),
  enterpriseId: recordIdQuery.optional(),
  status: z.enum(caseStatuses).optional(),
  type: z.enum(caseTypes).optional(),
  ...pageQuery(),
});
export const caseListResponseSchema = pagedResponse(caseItemSchema);

// ---- early warnings ---------------------------------------------------------------------------------------------

/** 欠薪, 欠缴社保, 裁员计划, 搬迁关闭, 集体上访, 案件集中 (raised automatically), 其他. */
export const warningSignals = ['wage_arrears', 'social_insurance_arrears', 'layoff_plan', 'relocation_closure', 'collective_petition', 'case_cluster', 'other'] as const;
export type WarningSignal = (typeof warningSignals)[number];
/** 一般, 较大, 重大. */
export const warningLevels = ['general', 'serious', 'major'] as const;
export type WarningLevel = (typeof warningLevels)[number];
export const warningSources = ['staff', 'auto'] as const;
export type WarningSource = (typeof warningSources)[number];
export const warningStatuses = ['open', 'closed'] as const;

export const warningCreateSchema = z.object({
  enterpriseId: recordIdSchema,
  signal: z.enum(warningSignals).exclude(['case_cluster']),
  level: z.enum(warningLevels),
  description: shortText(2000).default(''),
  /** days the enterprise has to rectify, printed on the 整改意见函 (default 15) */
  deadlineDays: z.number().int().min(1).max(180).default(15),
});

export const meetingCreateSchema = z.object({
  heldOn: calendarDateSchema,
  participants: shortText(1000).min(1, { message: 'required' }),
  minutes: shortText(4000).default(''),
  commitments: shortText(2000).default(''),
  followUpOn: calendarDateSchema.optional(),
});

export const warningCloseSchema = z.object({ resolution: shortText(1000).default('') });

export const warningItemSchema = z.object({
  id: z.number().int(),
  enterprise: z.object({ id: z.number().int(), name: z.string() }),
  signal: z.enum(warningSignals),
  level: z.enum(warningLevels),
  source: z.enum(warningSources),
  status: z.enum(warningStatuses),
  description: z.string(),
  raisedOn: z.string(),
  deadline: z.string(),
  closedOn: z.string().nullable(),
  resolution: z.string(),
  meetings: z.array(z.object({
    id: z.number().int(), heldOn: z.string(), participants: z.string(), minutes: z.string(), commitments: z.string(), followUpOn: z.string().nullable(),
  })),
});
export type WarningItem = z.infer<typeof warningItemSchema>;

export const warningListQuerySchema = z.object({
  orgId: recordIdQuery.optional(),
  enterpriseId: recordIdQuery.optional(),
  level: z.enum(warningLevels).optional(),
  status: z.enum(warningStatuses).optional(),
  ...pageQuery(),
});
export const warningListResponseSchema = pagedResponse(warningItemSchema);

// ---- collective bargaining ----------------------------------------------------------------------------------------

/** 工资, 奖金, 福利, 综合(集体合同). The 电装 calendar: bonus in June, wages in October, welfare monthly. */
export const bargainingTopics = ['wage', 'bonus', 'welfare', 'collective'] as const;
export type BargainingTopic = (typeof bargainingTopics)[number];
/** 3 rounds as a rule, 5 at most (电装): a 6th is refused. */
export const MAX_ROUNDS = 5;
export const USUAL_ROUNDS = 3;

/** 集体合同 | 工资专项集体合同. */
export const contractKinds = ['collective', 'wage_specific'] as const;
export type ContractKind = (typeof contractKinds)[number];
export const contractStatuses = ['signed', 'filed', 'vetoed'] as const;
export type ContractStatus = (typeof contractStatuses)[number];
/** 集体合同规定 art. 38: a term of one to three years. */
export const MAX_CONTRACT_YEARS = 3;
/** Expiry reminders this many days ahead. */
export const EXPIRY_REMINDER_DAYS = 90;

/** Whether a round may be held: the next round number, or null when the 5 are used. */
export function nextRoundNumber(held: number): number | null {
  return held >= MAX_ROUNDS ? null : held + 1;
}

/** Why a term is refused, or null: it must end after it starts and last at most three years (集体合同规定 art. 38). */
export function contractTermProblem(validFrom: string, validTo: string): 'rights.termOrder' | 'rights.termTooLong' | null {
  if (validTo <= validFrom) return 'rights.termOrder';
  const limit = `${String(Number(validFrom.slice(0, 4)) + MAX_CONTRACT_YEARS).padStart(4, '0')}${validFrom.slice(4)}`;
  // a term starting 2026-03-01 may end 2029-02-28 at the latest (three years, the last day included)
  return validTo >= limit ? 'rights.termTooLong' : null;
}

/** Whether a contract is in force on `day` (both ends included; a vetoed one never is). */
export function contractInForce(c: { validFrom: string; validTo: string; status: ContractStatus }, day: string): boolean {
  return c.status !== 'vetoed' && c.validFrom <= day && day <= c.validTo;
}

const bpSchema = z.number().int().min(-10_000).max(100_000);

export const roundCreateSchema = z.object({
  enterpriseId: recordIdSchema,
  topic: z.enum(bargainingTopics),
  year: z.number().int().min(1990).max(2199),
  heldOn: calendarDateSchema,
  attendees: shortText(1000).default(''),
  /** the union's demand: increase in basis points and/or an amount in fen */
  unionDemandBp: bpSchema.optional(),
  unionDemandFen: fenSchema.optional(),
  companyOfferBp: bpSchema.optional(),
  companyOfferFen: fenSchema.optional(),
  minutes: shortText(4000).default(''),
});

/** A line of the bargaining calendar: a topic in a month (1–12) or every month (`month` null). */
export const calendarItemCreateSchema = z.object({
  enterpriseId: recordIdSchema,
  topic: z.enum(bargainingTopics),
  month: z.number().int().min(1).max(12).nullable(),
  note: shortText(200).default(''),
});
export const calendarItemSchema = z.object({ id: z.number().int(), topic: z.enum(bargainingTopics), month: z.number().int().nullable(), note: z.string() });
export type CalendarItem = z.infer<typeof calendarItemSchema>;
export const calendarQuerySchema = z.object({ enterpriseId: recordIdQuery });

/**
 * Preparation data of a year's talks: last year's profit (fen, may be a loss), the CPI change and the government
 * wage guideline (基准线 / 上线 / 下线) in basis points; lower ≤ base ≤ upper when all three are given.
 */
export const preparationSchema = z.object({
  enterpriseId: recordIdSchema,
  year: z.number().int().min(1990).max(2199),
  lastYearProfitFen: z.number().int().min(-1e15).max(1e15).nullable(),
  cpiBp: bpSchema.nullable(),
  guidelineBaseBp: bpSchema.nullable(),
  guidelineUpperBp: bpSchema.nullable(),
  guidelineLowerBp: bpSchema.nullable(),
});
export type Preparation = z.infer<typeof preparationSchema>;
export const preparationQuerySchema = z.object({ enterpriseId: recordIdQuery, year: z.coerce.number().int().min(1990).max(2199) });

/** Why a wage guideline is inconsistent (lower ≤ base ≤ upper), or null. */
export function guidelineProblem(p: Pick<Preparation, 'guidelineBaseBp' | 'guidelineUpperBp' | 'guidelineLowerBp'>): 'rights.guidelineOrder' | null {
  const { guidelineLowerBp: lower, guidelineBaseBp: base, guidelineUpperBp: upper } = p;
  if (lower !== null && base !== null && lower > base) return 'rights.guidelineOrder';
  if (base !== null && upper !== null && base > upper) return 'rights.guidelineOrder';
  if (lower !== null && upper !== null && lower > upper) return 'rights.guidelineOrder';
  return null;
}

export const roundItemSchema = z.object({
  id: z.number().int(),
  enterprise: z.object({ id: z.number().int(), name: z.string() }),
  topic: z.enum(bargainingTopics),
  year: z.number().int(),
  roundNo: z.number().int(),
  heldOn: z.string(),
  attendees: z.string(),
  unionDemandBp: z.number().int().nullable(),
  unionDemandFen: z.number().int().nullable(),
  companyOfferBp: z.number().int().nullable(),
  companyOfferFen: z.number().int().nullable(),
  minutes: z.string(),
});
export type RoundItem = z.infer<typeof roundItemSchema>;

export const contractCreateSchema = z.object({
  /** the enterprise's own contract; or, for a regional/industry union, `orgId` and `coveredEnterpriseIds` */
  enterpriseId: recordIdSchema.optional(),
  /** 区域性/行业性: the regional or industry union signing for the enterprises in its scope */
  orgId: recordIdSchema.optional(),
  coveredEnterpriseIds: z.array(recordIdSchema).min(1).max(500).optional(),
  kind: z.enum(contractKinds),
  validFrom: calendarDateSchema,
  validTo: calendarDateSchema,
  increaseBp: bpSchema.default(0),
  /** the enterprise's minimum wage, fen per month */
  minimumWageFen: fenSchema,
  signedOn: calendarDateSchema,
  /** 备案 with the human-resources bureau */
  filedOn: calendarDateSchema.optional(),
  /** employees covered; default the enterprise's employee count (each covered enterprise's, for a regional one) */
  coveredEmployees: z.number().int().min(0).max(10_000_000).optional(),
});

export const contractFileSchema = z.object({ filedOn: calendarDateSchema });
export const contractVetoSchema = z.object({ reason: shortText(1000).min(1, { message: 'required' }) });
export const checkCreateSchema = z.object({
  checkedOn: calendarDateSchema,
  /** 三访: whom the checkers visited */
  visits: shortText(1000).default(''),
  /** 三查: were the agreed wages actually paid */
  wagesPaid: z.boolean(),
  findings: shortText(2000).default(''),
  rectification: shortText(2000).default(''),
});

export const contractItemSchema = z.object({
  id: z.number().int(),
  enterprise: z.object({ id: z.number().int(), name: z.string() }),
  kind: z.enum(contractKinds),
  status: z.enum(contractStatuses),
  validFrom: z.string(),
  validTo: z.string(),
  increaseBp: z.number().int(),
  minimumWageFen: z.number().int(),
  signedOn: z.string(),
  filedOn: z.string().nullable(),
  coveredEmployees: z.number().int(),
  vetoReason: z.string(),
  /** the regional/industry contract this row is the enterprise's share of, with how many enterprises it covers */
  regional: z.object({ id: z.number().int(), org: z.object({ id: z.number().int(), name: z.string() }), coveredEnterprises: z.number().int() }).nullable(),
  /** calendar days until it expires (negative once expired) */
  daysToExpiry: z.number().int(),
  checks: z.array(z.object({
    id: z.number().int(), checkedOn: z.string(), visits: z.string(), wagesPaid: z.boolean(), findings: z.string(), rectification: z.string(),
  })),
});
export type ContractItem = z.infer<typeof contractItemSchema>;

export const contractListQuerySchema = z.object({
  orgId: recordIdQuery.optional(),
  enterpriseId: recordIdQuery.optional(),
  /** only contracts in force today that expire within this many days */
  expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
  ...pageQuery(),
});
export const contractListResponseSchema = pagedResponse(contractItemSchema);

export const roundListQuerySchema = z.object({
  enterpriseId: recordIdQuery,
  year: z.coerce.number().int().min(1990).max(2199).optional(),
});

// ---- consultation meetings (恳谈会) -----------------------------------------------------------------------------

/**
 * 闵行's 恳谈会: at least once a year per enterprise, in fixed steps — 收集议题 (collect issues) → 确定参会人员 (set the
 * participants) → 意见反馈 (feedback) → 召开恳谈会 (the meeting) → 结果公开 (results published); each step dated.
 */
export const consultationSteps = ['collecting', 'participants', 'feedback', 'meeting', 'published'] as const;
export type ConsultationStep = (typeof consultationSteps)[number];

/**
 * From this month (1–12) of the year on, an enterprise with a union that has held no consultation meeting this year
 * is overdue on the workbench (city setting `rights.consultationDueMonth`; before it the item counts them as due).
 */
export const DEFAULT_CONSULTATION_DUE_MONTH = 10;

/** The step after `step`, or null once the results are published. */
export function nextConsultationStep(step: ConsultationStep): ConsultationStep | null {
  return consultationSteps[consultationSteps.indexOf(step) + 1] ?? null;
}

/** Why a consultation at `from` cannot move to `to` on `on` (the previous step's day `previousOn`), or null. */
export function consultationStepProblem(from: ConsultationStep, to: ConsultationStep, on: string, previousOn: string, today: string):
  'rights.consultationDone' | 'rights.stepOrder' | 'rights.beforePreviousStep' | 'rights.future' | null {
  const next = nextConsultationStep(from);
  if (next === null) return 'rights.consultationDone';
  if (to !== next) return 'rights.stepOrder';
  if (on < previousOn) return 'rights.beforePreviousStep';
  if (on > today) return 'rights.future';
  return null;
}

export const consultationCreateSchema = z.object({
  enterpriseId: recordIdSchema,
  /** the day issues started to be collected (the first step) */
  collectedOn: calendarDateSchema,
  issues: shortText(4000).min(1, { message: 'required' }),
});

export const consultationStepSchema = z.object({
  to: z.enum(consultationSteps).exclude(['collecting']),
  on: calendarDateSchema,
  /** the participants, the feedback given, the meeting's minutes or the results published — by step */
  text: shortText(4000).min(1, { message: 'required' }),
});

/** An issue members raised on the H5 while the meeting collected issues; `memberName` null when anonymous. */
export const consultationMemberIssueSchema = z.object({
  id: z.number().int(),
  text: z.string(),
  anonymous: z.boolean(),
  memberName: z.string().nullable(),
  submittedOn: z.string(),
});
export type ConsultationMemberIssue = z.infer<typeof consultationMemberIssueSchema>;

export const consultationItemSchema = z.object({
  id: z.number().int(),
  enterprise: z.object({ id: z.number().int(), name: z.string() }),
  step: z.enum(consultationSteps),
  /** the steps done so far, in order, each with its day and text */
  steps: z.array(z.object({ step: z.enum(consultationSteps), on: z.string(), text: z.string() })),
  /** issues members submitted on the H5, oldest first (the detail `GET /api/rights/consultations/:id` only) */
  memberIssues: z.array(consultationMemberIssueSchema).optional(),
});
export type ConsultationItem = z.infer<typeof consultationItemSchema>;

export const consultationListQuerySchema = z.object({
  orgId: recordIdQuery.optional(),
  enterpriseId: recordIdQuery.optional(),
  step: z.enum(consultationSteps).optional(),
  /** consultations whose issues were collected in this year */
  year: z.coerce.number().int().min(1990).max(2199).optional(),
  ...pageQuery(),
});
export const consultationListResponseSchema = pagedResponse(consultationItemSchema);

// ---- summary -------------------------------------------------------------------------------------------------------

export const rightsSummaryQuerySchema = z.object({
  orgId: recordIdQuery.optional(),
  year: z.coerce.number().int().min(1990).max(2199).optional(),
});

export const rightsSummarySchema = z.object({
  cases: z.number().int(),
  closed: z.number().int(),
  /** outcome success or partial */
  succeeded: z.number().int(),
  /** succeeded / closed, in [0, 1]; 0 when nothing is closed */
  successRate: z.number(),
  recoveredFen: z.number().int(),
  byType: z.record(z.string(), z.number().int()),
  byOutcome: z.record(z.string(), z.number().int()),
  openWarnings: z.object({ general: z.number().int(), serious: z.number().int(), major: z.number().int() }),
  /** collective contracts in force today (Asia/Shanghai) */
  contractCoverage: z.object({ enterprises: z.number().int(), employees: z.number().int() }),
});
export type RightsSummary = z.infer<typeof rightsSummarySchema>;

/** `/api/rights/cases/:id/parties/:partyId/phone`: the case and one of its parties (workers). */
export const partyParamSchema = z.object({ id: recordIdQuery, partyId: recordIdQuery });

// ---- the member's view on the H5 (我的维权) ------------------------------------------------------------------------

/**
 * A case in which the signed-in member is a party, as the member sees it: no other party's name or phone (a group
 * dispute names only how many workers joined it), no staff notes.
 */
export const myCaseSchema = caseItemSchema.pick({
  id: true, caseNumber: true, enterprise: true, type: true, status: true, outcome: true, workerCount: true, isGroup: true,
  claimFen: true, recoveredFen: true, mediationOrg: true, lawyer: true, receivedOn: true, mediationAppliedOn: true,
  closedOn: true, clock: true,
}).extend({
  /** the stage changes with their days, oldest first (the detail only); staff's notes stay in the console */
  history: z.array(z.object({ from: z.enum(caseStatuses), to: z.enum(caseStatuses), on: z.string() })).optional(),
});
export type MyCase = z.infer<typeof myCaseSchema>;

/** A contract in force today covering the member's enterprise: its own, or its share of a regional/industry one. */
export const myContractSchema = z.object({
  id: z.number().int(),
  kind: z.enum(contractKinds),
  status: z.enum(contractStatuses),
  validFrom: z.string(),
  validTo: z.string(),
  increaseBp: z.number().int(),
  minimumWageFen: z.number().int(),
  signedOn: z.string(),
  filedOn: z.string().nullable(),
  /** the regional/industry union that signed it, null for the enterprise's own contract */
  regionalUnion: z.object({ id: z.number().int(), name: z.string() }).nullable(),
});
export type MyContract = z.infer<typeof myContractSchema>;

/** A 恳谈会 of the member's enterprise: under way, or published this year; the member's own issues on it. */
export const myConsultationSchema = z.object({
  id: z.number().int(),
  step: z.enum(consultationSteps),
  collectedOn: z.string(),
  heldOn: z.string().nullable(),
  /** the results made public (结果公开), once published */
  results: z.string().nullable(),
  myIssues: z.array(z.object({ id: z.number().int(), text: z.string(), anonymous: z.boolean(), submittedOn: z.string() })),
});
export type MyConsultation = z.infer<typeof myConsultationSchema>;

export const myRightsSchema = z.object({
  /** the member's enterprise (null: no fixed employer, e.g. a gig worker in a regional union) */
  enterprise: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  cases: z.array(myCaseSchema),
  contracts: z.array(myContractSchema),
  consultations: z.array(myConsultationSchema),
});
export type MyRights = z.infer<typeof myRightsSchema>;

/** A member's issue for the 恳谈会 collecting issues: one per member, meeting and day. */
export const consultationIssueCreateSchema = z.object({
  text: shortText(1000).min(1, { message: 'required' }),
  anonymous: z.boolean().default(false),
});
