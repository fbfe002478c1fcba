import { z } from 'zod';
import { recordIdQuery, recordIdSchema, calendarDateSchema, calendarMonthSchema } from './input.ts';
import { orgKinds } from './orgs.ts';
import { ownershipTypes, type Ownership } from './enterprises.ts';
import { pagedResponse, pageQuery, sortOrders, sortQuery } from './paging.ts';

/** Federation kinds counted separately in the cockpit ("小二级" and joint unions). */
export const federationKinds = [
  'regional_federation', 'industry_federation', 'park_federation', 'building_federation', 'business_district_federation',
  'grid_federation', 'street_front_federation', 'community_federation', 'residence_federation', 'project_site_federation',
  'fellowship_union', 'joint_union',
] as const satisfies readonly (typeof orgKinds)[number][];
export type FederationKind = (typeof federationKinds)[number];

/** A month `YYYY-MM`; the cockpit's period. */
export const periodSchema = calendarMonthSchema;

/**
 * What counts as a target enterprise (建会目标企业). DOMAIN.md §1: non-public, 双实, ≥ 25 employees, open ≥ 1 year.
 */
export const targetRuleSchema = z.object({
  ownerships: z.array(z.enum(ownershipTypes)).min(1),
  dualRealOnly: z.boolean(),
  minEmployees: z.number().int().min(0).max(100_000),
  minYearsOpen: z.number().int().min(0).max(50),
});
export type TargetRule = z.infer<typeof targetRuleSchema>;

export const DEFAULT_TARGET_RULE: TargetRule = {
  ownerships: ['private', 'individual', 'foreign', 'hk_mo_tw', 'mixed'],
  dualRealOnly: true,
  minEmployees: 25,
  minYearsOpen: 1,
};

/** The same calendar day `years` earlier (29 February falls back to the 28th, as PostgreSQL does). */
export function yearsBefore(isoDate: string, years: number): string {
  const year = Number(isoDate.slice(0, 4)) - years;
  let monthDay = isoDate.slice(4);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (monthDay === '-02-29' && !leap) monthDay = '-02-28';
  return `${String(year).padStart(4, '0')}${monthDay}`;
}

export interface TargetCandidate {
  ownership: Ownership;
  dualReal: boolean;
  employeeCount: number;
  openedOn: string | null;
  registeredOn: string | null;
}

/**
 * Whether an enterprise is a 建会目标企业 on `today` under `rule`. Without an opening date the registration
 * date stands in; with neither it is not a target. SQL twin: enterprise_is_target() in migration 0005.
 */
export function isTargetEnterprise(rule: TargetRule, e: TargetCandidate, today: string): boolean {
  const opened = e.openedOn ?? e.registeredOn;
  return rule.ownerships.includes(e.ownership)
    && (e.dualReal || !rule.dualRealOnly)
    && e.employeeCount >= rule.minEmployees
    && opened !== null && opened <= yearsBefore(today, rule.minYearsOpen);
}

/** A unit's target for a period: rates in [0,1] due by a date. */
export const coverageTargetInputSchema = z.object({
  orgId: recordIdSchema,
  dueOn: calendarDateSchema,
  coverageRate: z.number().min(0).max(1),
  membershipRate: z.number().min(0).max(1).nullable().default(null),
  note: z.string().trim().max(200).default(''),
});
export type CoverageTargetInput = z.infer<typeof coverageTargetInputSchema>;

export const coverageTargetSchema = coverageTargetInputSchema.extend({
  id: z.number().int(),
  orgName: z.string(),
  /** set when the target is an ancestor's, applied to this unit */
  inheritedFrom: z.object({ id: z.number().int(), name: z.string() }).nullable(),
});
export type CoverageTarget = z.infer<typeof coverageTargetSchema>;

/** met: at or above target; near: within 5 points below; behind: further below; none: no target applies. */
export const targetStatuses = ['met', 'near', 'behind', 'none'] as const;
export type TargetStatus = (typeof targetStatuses)[number];

/** Points below target still counted as "near". */
export const NEAR_TARGET_MARGIN = 0.05;

export function targetStatus(rate: number, target: number | null | undefined): TargetStatus {
  if (target === null || target === undefined) return 'none';
  if (rate >= target) return 'met';
  return rate >= target - NEAR_TARGET_MARGIN ? 'near' : 'behind';
}

const STATUS_SEVERITY: Record<TargetStatus, number> = { none: 0, met: 1, near: 2, behind: 3 };

/**
 * A unit's status on both rates: 建会率 against the target's coverage rate and, when the target sets one, 入会率
 * against its membership rate — the worse of the two (a unit at 95 % coverage but 40 % membership is behind).
 */
export function unitStatus(
  rates: { coverageRate: number; membershipRate: number },
  target: { coverageRate: number; membershipRate: number | null } | null | undefined,
): TargetStatus {
  return unitStatusParts(rates, target).status;
}

/** A unit's status with its parts: each rate's own status and which rate set the unit's (the colour shown). */
export interface UnitStatusParts {
  status: TargetStatus;
  coverage: TargetStatus;
  /** 'none' when the target sets no membership rate */
  membership: TargetStatus;
  /** the rate that set `status`: the worse one, 建会率 on a tie; null without a target */
  driver: 'coverage' | 'membership' | null;
}

/** `unitStatus` with the status of each rate and the rate that decided it (for the cockpit's tooltips). */
export function unitStatusParts(
  rates: { coverageRate: number; membershipRate: number },
  target: { coverageRate: number; membershipRate: number | null } | null | undefined,
): UnitStatusParts {
  if (!target) return { status: 'none', coverage: 'none', membership: 'none', driver: null };
  const coverage = targetStatus(rates.coverageRate, target.coverageRate);
  const membership = targetStatus(rates.membershipRate, target.membershipRate);
  return STATUS_SEVERITY[membership] > STATUS_SEVERITY[coverage]
    ? { status: membership, coverage, membership, driver: 'membership' }
    : { status: coverage, coverage, membership, driver: 'coverage' };
}

/** A rate as a fraction in [0,1]; 0 when there is nothing to divide by. */
export function rateOf(part: number, whole: number): number {
  return whole > 0 ? Math.min(1, part / whole) : 0;
}

export const coverageFiguresSchema = z.object({
  org: z.object({ id: z.number().int(), name: z.string(), kind: z.enum(orgKinds), regionCode: z.string() }),
  /** 负责企业: enterprises the unit or a union below it is responsible for (the org tree's `enterprises`) */
  enterprises: z.number().int(),
  /** 已建会企业: of those, with a union, own or joint (the org tree's `enterprisesCovered`) */
  coveredEnterprises: z.number().int(),
  targetEnterprises: z.number().int(),
  coveredTargetEnterprises: z.number().int(),
  coverageRate: z.number().min(0).max(1),
  employeesInCovered: z.number().int(),
  members: z.number().int(),
  /** members / employees in covered enterprises, at most 1 */
  membershipRate: z.number().min(0).max(1),
  membersByCategory: z.record(z.string(), z.number().int()),
  /** members in the three 两非一无 categories together */
  liangFeiYiWuMembers: z.number().int(),
  federationsByKind: z.record(z.string(), z.number().int()),
  target: coverageTargetSchema.nullable(),
  status: z.enum(targetStatuses),
});
export type CoverageFigures = z.infer<typeof coverageFiguresSchema>;

/**
 * A unit below the cockpit's unit, as its table and bar chart show it: the figures without the breakdowns by
 * member category and federation kind, and the target's rates only (the unit's own figures keep everything).
 */
export const coverageChildSchema = coverageFiguresSchema.omit({ membersByCategory: true, federationsByKind: true, target: true }).extend({
  target: z.object({
    coverageRate: z.number(),
    membershipRate: z.number().nullable(),
    /** the ancestor whose target applies here, when not the unit's own */
    inheritedFrom: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  }).nullable(),
});
export type CoverageChild = z.infer<typeof coverageChildSchema>;

/**
 * Which children the table lists: all, the federations and joint unions (联合会, territorial and industry unions:
 * what a chair can act on), or the enterprise unions (each covers its own enterprise: 建会率 100 % by definition).
 */
export const coverageChildKinds = ['all', 'federations', 'enterprise_unions'] as const;
export type CoverageChildKind = (typeof coverageChildKinds)[number];
export const coverageChildSortKeys = ['name', 'targetEnterprises', 'coveredTargetEnterprises', 'coverageRate', 'members', 'membershipRate', 'status'] as const;
export type CoverageChildSortKey = (typeof coverageChildSortKeys)[number];

/** Bars in the cockpit's chart at most. */
export const COVERAGE_CHART_BARS = 20;

export const coverageResponseSchema = coverageFiguresSchema.extend({
  /** the units above this one inside the reader's scope, the reader's own unit first (the drill path) */
  ancestors: z.array(z.object({ id: z.number().int(), name: z.string() })),
  period: z.string(),
  /** true when the figures are the month-end snapshot of a past period */
  fromSnapshot: z.boolean(),
  /** one page of the units directly below, of the kind, in the order asked (default: most target enterprises first) */
  children: z.array(coverageChildSchema),
  /** the units directly below of the kind asked, all pages */
  childrenTotal: z.number().int(),
  /** the units directly below by kind, whatever the page shows */
  childrenByKind: z.object({ federations: z.number().int(), enterpriseUnions: z.number().int() }),
  /**
   * the bar chart: the federations and joint unions directly below with target enterprises, most first, at most
   * COVERAGE_CHART_BARS — what a chair can act on (not enterprise unions at 100 %)
   */
  chart: z.array(coverageChildSchema),
  /** federations and joint unions directly below with target enterprises (the chart shows the first ones) */
  chartTotal: z.number().int(),
});
export type CoverageResponse = z.infer<typeof coverageResponseSchema>;

export const coverageQuerySchema = z.object({
  orgId: recordIdQuery.optional(),
  period: periodSchema.optional(),
  childKind: z.enum(coverageChildKinds).default('all'),
  childPage: z.coerce.number().int().min(1).max(10_000).default(1),
  childPageSize: z.coerce.number().int().min(1).max(200).default(20),
  childSort: z.enum(coverageChildSortKeys).optional(),
  childOrder: z.enum(sortOrders).optional(),
});
export type CoverageQuery = z.input<typeof coverageQuerySchema>;

export const coverageTrendSchema = z.object({
  org: z.object({ id: z.number().int(), name: z.string() }),
  points: z.array(z.object({
    period: z.string(),
    targetEnterprises: z.number().int(),
    coveredTargetEnterprises: z.number().int(),
    coverageRate: z.number(),
    members: z.number().int(),
    membershipRate: z.number(),
  })),
});
export type CoverageTrend = z.infer<typeof coverageTrendSchema>;

// ---- campaign (建会攻坚) --------------------------------------------------------------------------------------

export const campaignStages = ['not_contacted', 'publicised', 'preparing', 'built', 'refused'] as const;
export type CampaignStage = (typeof campaignStages)[number];

export const letterKinds = ['rectification_opinion', 'handling_suggestion'] as const;
export type LetterKind = (typeof letterKinds)[number];

/** What the worklist sorts by (default: most employees first). */
export const worklistSortKeys = ['employeeCount', 'name', 'nextFollowUpOn'] as const;

export const worklistQuerySchema = z.object({
  orgId: recordIdQuery.optional(),
  stage: z.enum(campaignStages).optional(),
  ...pageQuery(),
  ...sortQuery(worklistSortKeys),
});

export const worklistItemSchema = z.object({
  enterpriseId: z.number().int(),
  name: z.string(),
  creditCode: z.string(),
  regionCode: z.string(),
  employeeCount: z.number().int(),
  stage: z.enum(campaignStages),
  assignee: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  nextFollowUpOn: z.string().nullable(),
  notes: z.string(),
  workersJoinedOutside: z.number().int(),
  responsibleOrg: z.object({ id: z.number().int(), name: z.string() }),
});
export type WorklistItem = z.infer<typeof worklistItemSchema>;

export const worklistResponseSchema = pagedResponse(worklistItemSchema);

/** Moving an item; `built` needs the union: an existing one that will cover the enterprise, or a new enterprise union. */
export const campaignUpdateSchema = z.object({
  stage: z.enum(campaignStages).optional(),
  assigneeId: recordIdSchema.nullable().optional(),
  nextFollowUpOn: calendarDateSchema.nullable().optional(),
  notes: z.string().trim().max(2000).optional(),
  union: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('existing'), orgId: recordIdSchema }),
    z.object({
      mode: z.literal('new'),
      parentId: recordIdSchema,
      name: z.string().trim().min(2).max(100),
      chairName: z.string().trim().max(30).optional(),
      establishedOn: calendarDateSchema.optional(),
    }),
  ]).optional(),
});
export type CampaignUpdate = z.infer<typeof campaignUpdateSchema>;

export const enterpriseEventSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['stage', 'note', 'letter', 'task']),
  at: z.string(),
  by: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type EnterpriseEvent = z.infer<typeof enterpriseEventSchema>;

// ---- 三同时 tasks ---------------------------------------------------------------------------------------------

export const santongshiPhases = ['registration', 'construction', 'opening'] as const;
export type SantongshiPhase = (typeof santongshiPhases)[number];

// ---- staffing --------------------------------------------------------------------------------------------------

export const staffingRowSchema = z.object({
  org: z.object({ id: z.number().int(), name: z.string(), kind: z.enum(orgKinds) }),
  workers: z.number().int(),
  enterprises: z.number().int(),
  requiredMin: z.number().int(),
  requiredMax: z.number().int(),
  assigned: z.number().int(),
  /** social workers still needed to reach the lower bound */
  gap: z.number().int(),
});
export type StaffingRow = z.infer<typeof staffingRowSchema>;

/**
 * Social workers a federation needs under the city standard (DOMAIN.md §6): one per 2,000–3,000 workers or
 * per 30–50 enterprises, whichever basis asks more. `min` uses the generous ratios (3,000 / 50), `max` the
 * strict ones (2,000 / 30).
 */
export function socialWorkersRequired(workers: number, enterprises: number): { min: number; max: number } {
  return {
    min: Math.max(Math.ceil(workers / 3000), Math.ceil(enterprises / 50)),
    max: Math.max(Math.ceil(workers / 2000), Math.ceil(enterprises / 30)),
  };
}

const staffingTotalsSchema = z.object({
  requiredMin: z.number().int(),
  requiredMax: z.number().int(),
  assigned: z.number().int(),
  gap: z.number().int(),
  federations: z.number().int(),
});

export const staffingResponseSchema = z.object({
  org: z.object({ id: z.number().int(), name: z.string() }),
  totals: staffingTotalsSchema,
  /** the gaps summed per child unit */
  children: z.array(staffingTotalsSchema.extend({ org: z.object({ id: z.number().int(), name: z.string() }) })),
  /** federations with the largest gap first (at most 200) */
  federations: z.array(staffingRowSchema),
});
export type StaffingResponse = z.infer<typeof staffingResponseSchema>;

export const santongshiTaskSchema = z.object({
  id: z.number().int(),
  enterprise: z.object({ id: z.number().int(), name: z.string(), creditCode: z.string() }),
  phase: z.enum(santongshiPhases),
  dueOn: z.string(),
  doneOn: z.string().nullable(),
  overdue: z.boolean(),
});
export type SantongshiTask = z.infer<typeof santongshiTaskSchema>;

/** What the 三同时 list sorts by (default: open tasks first, then by due date). */
export const santongshiSortKeys = ['dueOn'] as const;

export const santongshiQuerySchema = z.object({
  orgId: recordIdQuery.optional(),
  status: z.enum(['open', 'done', 'all']).default('open'),
  ...pageQuery(),
  ...sortQuery(santongshiSortKeys),
});
export const santongshiListResponseSchema = pagedResponse(santongshiTaskSchema);

export const letterCreateSchema = z.object({
  kind: z.enum(letterKinds),
  /** days the enterprise has to act (default 30) */
  deadlineDays: z.number().int().min(1).max(180).default(30),
});

export const letterSchema = z.object({
  id: z.number().int(),
  kind: z.enum(letterKinds),
  documentNumber: z.string(),
  issuedOn: z.string(),
  issuer: z.object({ id: z.number().int(), name: z.string() }),
});
export type Letter = z.infer<typeof letterSchema>;

export const campaignHistorySchema = z.object({
  item: worklistItemSchema,
  events: z.array(enterpriseEventSchema),
  letters: z.array(letterSchema),
  tasks: z.array(santongshiTaskSchema),
});
export type CampaignHistory = z.infer<typeof campaignHistorySchema>;

export const assigneeSchema = z.object({ id: z.number().int(), name: z.string(), orgName: z.string() });
export type Assignee = z.infer<typeof assigneeSchema>;
