import { z } from 'zod';
import { orgKinds } from './orgs.ts';
import { ownershipTypes } from './enterprises.ts';

/** Federation kinds counted separately in the cockpit ("小二级" and joint unions). */
export const federationKinds = [
  'regional_federation', 'industry_federation', 'park_federation', 'building_federation', 'business_district_federation',
  'grid_federation', 'street_front_federation', 'community_federation', 'residence_federation', 'project_site_federation',
  'fellowship_union', 'joint_union',
] as const satisfies readonly (typeof orgKinds)[number][];
export type FederationKind = (typeof federationKinds)[number];

/** A month `YYYY-MM`; the cockpit's period. */
export const periodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'coverage.period');

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

/** A unit's target for a period: rates in [0,1] due by a date. */
export const coverageTargetInputSchema = z.object({
  orgId: z.number().int().positive(),
  dueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'error.date'),
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

export const coverageFiguresSchema = z.object({
  org: z.object({ id: z.number().int(), name: z.string(), kind: z.enum(orgKinds), regionCode: z.string() }),
  enterprises: z.number().int(),
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

export const coverageResponseSchema = coverageFiguresSchema.extend({
  period: z.string(),
  /** true when the figures are the month-end snapshot of a past period */
  fromSnapshot: z.boolean(),
  children: z.array(coverageFiguresSchema),
});
export type CoverageResponse = z.infer<typeof coverageResponseSchema>;

export const coverageQuerySchema = z.object({
  orgId: z.coerce.number().int().positive().optional(),
  period: periodSchema.optional(),
});

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

export const worklistQuerySchema = z.object({
  orgId: z.coerce.number().int().positive().optional(),
  stage: z.enum(campaignStages).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
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

export const worklistResponseSchema = z.object({ items: z.array(worklistItemSchema), total: z.number().int() });

/** Moving an item; `built` needs the union: an existing one that will cover the enterprise, or a new enterprise union. */
export const campaignUpdateSchema = z.object({
  stage: z.enum(campaignStages).optional(),
  assigneeId: z.number().int().positive().nullable().optional(),
  nextFollowUpOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'error.date').nullable().optional(),
  notes: z.string().trim().max(2000).optional(),
  union: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('existing'), orgId: z.number().int().positive() }),
    z.object({
      mode: z.literal('new'),
      parentId: z.number().int().positive(),
      name: z.string().trim().min(2).max(100),
      chairName: z.string().trim().max(30).optional(),
      establishedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'error.date').optional(),
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
