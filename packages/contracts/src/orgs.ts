import { z } from 'zod';
import { unitNameSchema } from './unit-name.ts';
import { recordIdQuery, recordIdSchema, calendarDateSchema } from './input.ts';
import { regionCodeSchema } from './regions.ts';
import { chinaMobileSchema } from './phone.ts';

/** Union organisation kinds of DOMAIN.md §1, from the city federation down to branches. */
export const orgKinds = [
  'city_federation', // 市总工会
  'district_federation', // 区总工会
  'industry_union', // 产业工会
  'street_federation', // 街镇(开发区)总工会
  'regional_federation', // 区域性工会联合会
  'industry_federation', // 行业性工会联合会
  'park_federation', // 园区工会联合会
  'building_federation', // 楼宇工会联合会
  'business_district_federation', // 商圈工会联合会
  'grid_federation', // 网格工会联合会
  'street_front_federation', // 街面工会联合会
  'community_federation', // 社区(小区)工会联合会
  'residence_federation', // 租住地工会联合会
  'project_site_federation', // 项目工地工会联合会
  'fellowship_union', // 联谊工会
  'joint_union', // 联合工会
  'enterprise_union', // 企业工会
  'branch_union', // 分会
] as const;
export type OrgKind = (typeof orgKinds)[number];

export const orgStatuses = ['active', 'preparing', 'dissolved'] as const;
export type OrgStatus = (typeof orgStatuses)[number];

/** Kinds that cover several enterprises (the "小二级" federations and joint unions). */
export function isMultiEnterpriseKind(kind: OrgKind): boolean {
  switch (kind) {
    case 'regional_federation':
    case 'industry_federation':
    case 'park_federation':
    case 'building_federation':
    case 'business_district_federation':
    case 'grid_federation':
    case 'street_front_federation':
    case 'community_federation':
    case 'residence_federation':
    case 'project_site_federation':
    case 'fellowship_union':
    case 'joint_union':
      return true;
    case 'city_federation':
    case 'district_federation':
    case 'industry_union':
    case 'street_federation':
    case 'enterprise_union':
    case 'branch_union':
      return false;
  }
}

export const orgRefSchema = z.object({ id: z.number().int(), name: z.string() });
export type OrgRef = z.infer<typeof orgRefSchema>;

export const orgSummarySchema = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  kind: z.enum(orgKinds),
  regionCode: z.string(),
  status: z.enum(orgStatuses),
  childCount: z.number().int(),
  /**
   * 负责企业: the enterprises this union or a union below it is responsible for (their own union, the union
   * covering them, else the territorial union of their street) — the cockpit's `enterprises`
   */
  enterprises: z.number().int(),
  /** 已建会企业: of those, the enterprises with a union (own or covered jointly) — the cockpit's `coveredEnterprises` */
  enterprisesCovered: z.number().int(),
  /** workers of those enterprises with a union — the cockpit's `employeesInCovered` */
  employees: z.number().int(),
  /** active members of this union and the unions below — the cockpit's `members` */
  members: z.number().int(),
});
export type OrgSummary = z.infer<typeof orgSummarySchema>;

export const orgDetailSchema = orgSummarySchema.extend({
  sector: z.string().nullable(),
  establishedOn: z.string().nullable(),
  chairName: z.string().nullable(),
  /** masked, e.g. 138****5678 */
  contactPhone: z.string().nullable(),
  parent: orgRefSchema.nullable(),
  ancestors: z.array(orgRefSchema),
  /** 本会直接覆盖企业: the enterprises this very union covers (org_coverage), not those of the unions below */
  coveredEnterprises: z.array(z.object({ id: z.number().int(), name: z.string(), employeeCount: z.number().int() })),
  history: z.array(
    z.object({
      movedAt: z.string(),
      fromParent: orgRefSchema.nullable(),
      toParent: orgRefSchema,
      byUser: z.string().nullable(),
    }),
  ),
});
export type OrgDetail = z.infer<typeof orgDetailSchema>;

export const orgChildrenQuerySchema = z.object({
  parentId: recordIdQuery.optional(),
});

export const orgSearchQuerySchema = z.object({
  q: z.string().trim().min(1).max(50),
});

const isoDate = calendarDateSchema;

export const orgCreateSchema = z.object({
  parentId: recordIdSchema,
  name: unitNameSchema,
  kind: z.enum(orgKinds),
  regionCode: regionCodeSchema,
  sector: z.string().trim().max(40).nullish(),
  establishedOn: isoDate.nullish(),
  chairName: z.string().trim().max(40).nullish(),
  contactPhone: chinaMobileSchema.nullish(),
  status: z.enum(orgStatuses).optional(),
  coveredEnterpriseIds: z.array(recordIdSchema).max(2000).optional(),
});
export type OrgCreate = z.input<typeof orgCreateSchema>;

export const orgMoveSchema = z.object({ newParentId: recordIdSchema });
export const orgCoverageSchema = z.object({ enterpriseIds: z.array(recordIdSchema).max(2000) });

export const orgUpdateSchema = orgCreateSchema
  .pick({ name: true, sector: true, establishedOn: true, chairName: true, contactPhone: true, status: true })
  .partial();
export type OrgUpdate = z.input<typeof orgUpdateSchema>;

export const orgListResponseSchema = z.object({ items: z.array(orgSummarySchema) });
export const orgSearchResponseSchema = z.object({
  items: z.array(z.object({ id: z.number().int(), name: z.string(), kind: z.enum(orgKinds), regionCode: z.string() })),
});
