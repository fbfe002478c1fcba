import { z } from 'zod';
import { unitNameSchema } from './unit-name.ts';
import { recordIdQuery, calendarDateSchema } from './input.ts';
import { creditCodeProblem } from './credit-code.ts';
import { industrySections } from './industries.ts';
import { orgRefSchema } from './orgs.ts';
import { pagedResponse, pageQuery, sortQuery } from './paging.ts';
import { regionCodeSchema } from './regions.ts';

/** 登记注册类型, simplified: the first five are non-public (非公). */
export const ownershipTypes = [
  'private', // 私营
  'individual', // 个体
  'foreign', // 外商投资
  'hk_mo_tw', // 港澳台投资
  'mixed', // 混合所有制(非公控股)
  'state', // 国有
  'collective', // 集体
] as const;
export type Ownership = (typeof ownershipTypes)[number];

export function isNonPublic(ownership: Ownership): boolean {
  switch (ownership) {
    case 'private':
    case 'individual':
    case 'foreign':
    case 'hk_mo_tw':
    case 'mixed':
      return true;
    case 'state':
    case 'collective':
      return false;
  }
}

/** own: the enterprise has its own union; covered: a joint union or federation covers it; none: no union. */
export const unionStatuses = ['own', 'covered', 'none'] as const;
export type UnionStatus = (typeof unionStatuses)[number];

/** Size bands by employees; 25 and 100 are the thresholds DOMAIN.md §1 names for building priority. */
export const sizeBands = ['lt25', '25to99', '100to299', '300to999', '1000plus'] as const;
export type SizeBand = (typeof sizeBands)[number];
export const sizeBandRanges: Record<SizeBand, { min: number; max: number | null }> = {
  lt25: { min: 0, max: 24 },
  '25to99': { min: 25, max: 99 },
  '100to299': { min: 100, max: 299 },
  '300to999': { min: 300, max: 999 },
  '1000plus': { min: 1000, max: null },
};
export function sizeBandOf(employees: number): SizeBand {
  for (const band of sizeBands) {
    const { min, max } = sizeBandRanges[band];
    if (employees >= min && (max === null || employees <= max)) return band;
  }
  return 'lt25';
}

export const creditCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const problem = creditCodeProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `creditCode.${problem}` });
  });

const isoDate = calendarDateSchema;

export const enterpriseListItemSchema = z.object({
  id: z.number().int(),
  creditCode: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  industry: z.enum(industrySections),
  ownership: z.enum(ownershipTypes),
  dualReal: z.boolean(),
  employeeCount: z.number().int(),
  unionStatus: z.enum(unionStatuses),
  coveringOrg: orgRefSchema.nullable(),
  registeredOn: z.string().nullable(),
});
export type EnterpriseListItem = z.infer<typeof enterpriseListItemSchema>;

export const enterpriseSchema = enterpriseListItemSchema.extend({
  address: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  openedOn: z.string().nullable(),
  nonPublic: z.boolean(),
  /** active members who joined outside this enterprise (企业外入会) — leverage for building its own union */
  workersJoinedOutside: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Enterprise = z.infer<typeof enterpriseSchema>;

/** What the enterprise list sorts by (default: newest first). */
export const enterpriseSortKeys = ['name', 'employeeCount', 'registeredOn'] as const;

export const enterpriseListQuerySchema = z.object({
  q: z.string().trim().max(50).optional(),
  regionCode: regionCodeSchema.optional(),
  unionStatus: z.enum(unionStatuses).optional(),
  industry: z.enum(industrySections).optional(),
  sizeBand: z.enum(sizeBands).optional(),
  dualReal: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  /** inside this union's subtree (the cockpit's figures link here) */
  orgId: recordIdQuery.optional(),
  /** 建会目标企业 under the current rule, or not */
  target: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  /** with a union (own or covered), or without */
  covered: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  ...pageQuery(),
  ...sortQuery(enterpriseSortKeys),
});
export type EnterpriseListQuery = z.input<typeof enterpriseListQuerySchema>;

export const enterpriseListResponseSchema = pagedResponse(enterpriseListItemSchema);
export type EnterpriseListResponse = z.infer<typeof enterpriseListResponseSchema>;

const enterpriseFields = {
  creditCode: creditCodeSchema,
  name: unitNameSchema,
  ownership: z.enum(ownershipTypes),
  dualReal: z.boolean(),
  employeeCount: z.number().int().min(0).max(1_000_000),
  industry: z.enum(industrySections),
  address: z.string().trim().max(200).optional(),
  regionCode: regionCodeSchema.refine((c) => c.length === 9, { message: 'region.streetRequired' }),
  latitude: z.number().min(30.6).max(31.9).nullish(),
  longitude: z.number().min(120.8).max(122.2).nullish(),
  registeredOn: isoDate.nullish(),
  openedOn: isoDate.nullish(),
};

export const enterpriseCreateSchema = z.object({
  ...enterpriseFields,
  /**
   * Save although an enterprise with the same search key exists (the name differs only in bracket width, spaces,
   * full-width forms, case or dots): the answer without it is 409 `enterprise.nearDuplicate` listing them.
   */
  confirmNearDuplicate: z.boolean().optional(),
}).refine(
  (e) => !e.registeredOn || !e.openedOn || e.openedOn >= e.registeredOn,
  { message: 'enterprise.openedBeforeRegistered', path: ['openedOn'] },
);
export type EnterpriseCreate = z.input<typeof enterpriseCreateSchema>;

/** An existing enterprise whose name has the same search key as a new one (409 `enterprise.nearDuplicate`). */
export const nearDuplicateSchema = z.object({ id: z.number().int(), name: z.string(), creditCode: z.string(), regionCode: z.string() });
export type NearDuplicate = z.infer<typeof nearDuplicateSchema>;

export const enterpriseUpdateSchema = z.object(enterpriseFields).partial().refine(
  (e) => !e.registeredOn || !e.openedOn || e.openedOn >= e.registeredOn,
  { message: 'enterprise.openedBeforeRegistered', path: ['openedOn'] },
);
export type EnterpriseUpdate = z.input<typeof enterpriseUpdateSchema>;

