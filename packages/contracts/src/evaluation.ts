import { z } from 'zod';
import { recordIdSchema } from './input.ts';

/**
 * Yearly evaluation of a union (年度评估, DOMAIN.md §6): 会员评家 (members rate their union), 工会自查 (self-check
 * against an indicator set), 上级抽查 (spot check of a random sample per district), 第三方评审 (third-party review).
 * The combined score (0–100) gives the 星级 (1–5 stars).
 */

export const evaluationParts = ['members', 'selfCheck', 'spotCheck', 'thirdParty'] as const;
export type EvaluationPart = (typeof evaluationParts)[number];

/**
 * The default indicator set: 5 areas, 19 items, 100 points. The shape (five areas, 19 sub-items, built in the
 * second quarter and checked in the third) is 长白新村街道总工会's (seed 004, "创新非公企业工会评估模式"); the seed
 * does not list the items, so their wording follows the mechanisms of DOMAIN.md §1 to §6 (organisation, membership and dues,
 * democratic management, rights and services, working conditions) and the points are ours.
 */
export const defaultIndicatorSet = {
  source: '长白新村街道总工会 非公企业工会改革工作考核标准（五方面 19 个子项目）',
  areas: [
    {
      code: 'A', zh: '组织建设', en: 'Organisation', items: [
        { code: 'A1', zh: '依法建会、按期换届', en: 'Union founded by law, elections on time', points: 6 },
        { code: 'A2', zh: '工会委员会及经审、女职工委员会健全', en: 'Committee, audit and women\'s committees in place', points: 5 },
        { code: 'A3', zh: '工会主席履职', en: 'The chair carries out the duties', points: 5 },
        { code: 'A4', zh: '台账与会员信息实名管理', en: 'Records and real-name member data', points: 4 },
      ],
    },
    {
      code: 'B', zh: '会员发展与经费', en: 'Membership and funds', items: [
        { code: 'B1', zh: '职工入会率', en: 'Membership rate of the workforce', points: 6 },
        { code: 'B2', zh: '两非一无人员入会', en: 'Informal and non-standard workers joined', points: 4 },
        { code: 'B3', zh: '工会经费足额拨缴', en: 'Union funds paid in full', points: 6 },
        { code: 'B4', zh: '经费使用规范、独立账户', en: 'Funds spent by the rules, own account', points: 4 },
      ],
    },
    {
      code: 'C', zh: '民主管理', en: 'Democratic management', items: [
        { code: 'C1', zh: '职代会按期召开', en: 'Workers\' congress held on time', points: 6 },
        { code: 'C2', zh: '提案办理与答复', en: 'Proposals handled and answered', points: 5 },
        { code: 'C3', zh: '厂务公开', en: 'Open factory affairs', points: 4 },
        { code: 'C4', zh: '集体协商与集体合同', en: 'Collective bargaining and contract', points: 5 },
      ],
    },
    {
      code: 'D', zh: '维权服务', en: 'Rights and services', items: [
        { code: 'D1', zh: '劳动法律监督与调解', en: 'Legal supervision and mediation', points: 5 },
        { code: 'D2', zh: '困难职工帮扶', en: 'Help for workers in hardship', points: 5 },
        { code: 'D3', zh: '职工服务阵地', en: 'Service positions for workers', points: 5 },
        { code: 'D4', zh: '会员普惠服务', en: 'Benefits for all members', points: 5 },
      ],
    },
    {
      code: 'E', zh: '工作保障', en: 'Working conditions', items: [
        { code: 'E1', zh: '企业行政支持（场地、时间、经费）', en: 'Support from the employer (room, time, money)', points: 7 },
        { code: 'E2', zh: '工会干部培训', en: 'Training of union officers', points: 6 },
        { code: 'E3', zh: '职工满意度', en: 'Workers\' satisfaction', points: 7 },
      ],
    },
  ],
} as const;

export type IndicatorCode = (typeof defaultIndicatorSet.areas)[number]['items'][number]['code'];
export const indicatorItems: readonly { code: string; zh: string; en: string; points: number; area: string }[] =
  defaultIndicatorSet.areas.flatMap((a) => a.items.map((i) => ({ ...i, area: a.code })));

/** 会员评家: the questions a member answers, 1 (poor) … 5 (very good) each. */
export const memberRatingQuestions = [
  { code: 'care', zh: '工会关心职工、办实事', en: 'The union cares and gets things done' },
  { code: 'rights', zh: '工会维护职工权益', en: 'The union stands up for workers\' rights' },
  { code: 'services', zh: '工会服务方便可及', en: 'The union\'s services are easy to reach' },
  { code: 'openness', zh: '工会事务公开透明', en: 'The union\'s affairs are open' },
] as const;

/** The weights of the parts in the combined score (sum 1); a part without a score is left out and the others renormalised. */
export const partWeights: Record<EvaluationPart, number> = { members: 0.2, selfCheck: 0.2, spotCheck: 0.3, thirdParty: 0.3 };

/**
 * The service part (机制二's figures, issue 14: "the service-request figures enter the score where that module is
 * present"): computed, never entered. It takes {@link SERVICE_PART_WEIGHT} of the combined score and the entered
 * parts share the rest in their {@link partWeights} proportions (0.18 / 0.18 / 0.27 / 0.27 + 0.10 = 1); a unit
 * without resolved requests that year has no service part and scores exactly as before.
 */
export const SERVICE_PART_WEIGHT = 0.1;
export const scoredParts = ['members', 'selfCheck', 'spotCheck', 'thirdParty', 'services'] as const;
export type ScoredPart = (typeof scoredParts)[number];
export const scoreWeights: Record<ScoredPart, number> = {
  members: partWeights.members * (1 - SERVICE_PART_WEIGHT),
  selfCheck: partWeights.selfCheck * (1 - SERVICE_PART_WEIGHT),
  spotCheck: partWeights.spotCheck * (1 - SERVICE_PART_WEIGHT),
  thirdParty: partWeights.thirdParty * (1 - SERVICE_PART_WEIGHT),
  services: SERVICE_PART_WEIGHT,
};

/**
 * 星级工会 incentive grant per month, fen, by stars (index 0 = 1 star): 长宁 pays 300–800 yuan a month by size and
 * performance (DOMAIN.md §4, seeds); here by stars only, 1 star none. A year's grant is 12 months of it.
 */
export const INCENTIVE_GRANT_MONTHLY_FEN = [0, 30_000, 45_000, 60_000, 80_000] as const;
export const grantYearFen = (stars: number): number => 12 * (INCENTIVE_GRANT_MONTHLY_FEN[stars - 1] ?? 0);

/** Lowest combined score for 5, 4, 3 and 2 stars; below the last, 1 star. */
export const starThresholds = [90, 80, 70, 60] as const;

const yearParam = z.string().regex(/^(19|20|21)[0-9]{2}$/, { message: 'evaluation.year' }).transform(Number);
export const evaluationParamsSchema = z.object({ year: yearParam });
export const evaluationQuerySchema = z.object({
  orgId: z.string().regex(/^[1-9][0-9]{0,9}$/, { message: 'id.invalid' }).transform(Number).pipe(recordIdSchema),
});

/** The most questions a union sets for 会员评家. */
export const MAX_RATING_QUESTIONS = 10;

export const memberRatingSchema = z.object({
  /** one answer per question of the year's questions for the member's union (default {@link memberRatingQuestions}), in order, 1–5 */
  answers: z.array(z.number().int().min(1, { message: 'evaluation.answerRange' }).max(5, { message: 'evaluation.answerRange' }))
    .min(1, { message: 'evaluation.answerCount' }).max(MAX_RATING_QUESTIONS, { message: 'evaluation.answerCount' }),
});

/** 会员评家 questions a union (or the city, as everyone's default) sets for a year, before any rating of it is in. */
export const ratingQuestionsUpdateSchema = z.object({
  orgId: recordIdSchema,
  questions: z.array(z.string().trim().min(1, { message: 'required' }).max(100, { message: 'text.tooLong' }))
    .min(1, { message: 'required' }).max(MAX_RATING_QUESTIONS, { message: 'evaluation.tooManyQuestions' }),
});
export const ratingQuestionSchema = z.object({ code: z.string(), zh: z.string(), en: z.string() });
export type RatingQuestion = z.infer<typeof ratingQuestionSchema>;
export const ratingQuestionSetSchema = z.object({
  year: z.number().int(),
  questions: z.array(ratingQuestionSchema),
  /** the unit whose questions apply (the union itself or the nearest one above, e.g. the city); null: the built-in set */
  source: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /** ratings of the year are in below this unit: its questions can no longer change */
  frozen: z.boolean(),
});
export type RatingQuestionSet = z.infer<typeof ratingQuestionSetSchema>;

export const selfCheckSchema = z.object({
  orgId: recordIdSchema,
  items: z.array(z.object({
    code: z.string().max(10),
    score: z.number().min(0).max(100),
    /** evidence (file names or notes) */
    evidence: z.string().trim().max(2000).default(''),
  })).max(indicatorItems.length),
});

export const sampleDrawSchema = z.object({
  /** the district federation whose unions are sampled */
  districtOrgId: recordIdSchema,
  size: z.number().int().min(1).max(500),
  /** reuse a recorded seed (to reproduce a draw); a new one is drawn otherwise */
  seed: z.string().regex(/^[0-9a-f]{16}$/, { message: 'evaluation.seed' }).optional(),
});
export const sampleSchema = z.object({
  districtOrgId: z.number().int(),
  year: z.number().int(),
  seed: z.string(),
  size: z.number().int(),
  orgIds: z.array(z.number().int()),
});

export const scoreEntrySchema = z.object({
  orgId: recordIdSchema,
  score: z.number().min(0).max(100),
  /** the checker's note or the assessor's report (strengths, problems) */
  report: z.string().trim().max(8000).default(''),
});

export const evaluationSchema = z.object({
  org: z.object({ id: z.number().int(), name: z.string() }),
  year: z.number().int(),
  parts: z.object({
    members: z.object({ score: z.number().nullable(), ratings: z.number().int() }),
    selfCheck: z.object({
      score: z.number().nullable(),
      items: z.array(z.object({ code: z.string(), score: z.number(), evidence: z.string() })),
    }),
    spotCheck: z.object({ sampled: z.boolean(), score: z.number().nullable(), report: z.string() }),
    thirdParty: z.object({ score: z.number().nullable(), report: z.string() }),
    /** the union's own service requests resolved that year (Asia/Shanghai day): on-time share 0…1, mean rating 1–5 */
    services: z.object({ score: z.number().nullable(), resolved: z.number().int(), onTimeRate: z.number().nullable(), satisfaction: z.number().nullable() }),
  }),
  combined: z.number().nullable(),
  stars: z.number().int().nullable(),
  /** the unit's incentive grant for the year as posted to the funds ledger (POST …/grant), or null before it is */
  ledgerPosting: z.object({ entryId: z.number().int(), amountFen: z.number().int(), period: z.string(), grantorOrgId: z.number().int() }).nullable(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

/** The cockpit's evaluation figures of a unit's subtree for a year. */
export const evaluationSummarySchema = z.object({
  org: z.object({ id: z.number().int(), name: z.string() }),
  year: z.number().int(),
  /** units with at least one part scored */
  evaluated: z.number().int(),
  /** evaluated units by stars: index 0 = 1 star … index 4 = 5 stars */
  stars: z.array(z.number().int()).length(5),
  /** mean combined score of the evaluated units, one decimal; null when none */
  averageScore: z.number().nullable(),
  ratings: z.number().int(),
  sampled: z.number().int(),
  spotChecked: z.number().int(),
  /** the units with their combined score and stars, best first (at most 200) */
  units: z.array(z.object({ id: z.number().int(), name: z.string(), combined: z.number(), stars: z.number().int() })),
  /**
   * the same figures per child unit (its subtree), children in id order (at most 200, the cockpit's 星级 tab):
   * `stars` index 0 = 1 star … 4 = 5 stars
   */
  children: z.array(z.object({
    org: z.object({ id: z.number().int(), name: z.string() }),
    evaluated: z.number().int(),
    stars: z.array(z.number().int()).length(5),
    averageScore: z.number().nullable(),
  })),
});
export type EvaluationSummary = z.infer<typeof evaluationSummarySchema>;

/** 工会自查 evidence files: the types accepted (checked by their first bytes) and the size limit. */
export const EVIDENCE_MAX_MB = 10;
export const evidenceKinds = ['pdf', 'jpg', 'png', 'xlsx', 'docx'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];
export const evidenceFileSchema = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  year: z.number().int(),
  itemCode: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  uploadedBy: z.string(),
  createdAt: z.string(),
});
export type EvidenceFile = z.infer<typeof evidenceFileSchema>;
export const evidenceListSchema = z.object({ items: z.array(evidenceFileSchema) });
