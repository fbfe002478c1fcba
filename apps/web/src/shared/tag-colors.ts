import type { ApplicationStatus, CampaignStage, MemberCategory, MemberStatus, OrgKind, TargetStatus, UnionStatus } from '@lianxin/contracts';

/** antd tag colours of enum values (UI only; the labels live in @lianxin/contracts). */

/** Tag colours by level: federations above the street, the street, the "小二级" federations, enterprise level. */
export const orgKindColors: Record<OrgKind, string> = {
  city_federation: 'red',
  district_federation: 'volcano',
  industry_union: 'volcano',
  street_federation: 'orange',
  regional_federation: 'blue',
  industry_federation: 'blue',
  park_federation: 'blue',
  building_federation: 'blue',
  business_district_federation: 'blue',
  grid_federation: 'blue',
  street_front_federation: 'blue',
  community_federation: 'blue',
  residence_federation: 'blue',
  project_site_federation: 'blue',
  fellowship_union: 'geekblue',
  joint_union: 'geekblue',
  enterprise_union: 'green',
  branch_union: 'cyan',
};

export const unionStatusColors: Record<UnionStatus, string> = { own: 'green', covered: 'blue', none: 'red' };

export const memberCategoryColors: Record<MemberCategory, string> = { standard: 'default', informal: 'orange', non_standard: 'gold', no_union: 'purple' };

export const memberStatusColors: Record<MemberStatus, string> = { active: 'green', left: 'default' };

export const applicationStatusColors: Record<ApplicationStatus, string> = { pending: 'processing', approved: 'success', rejected: 'error' };

/** Tag colours of a target status: met green, near orange, behind red, none grey. */
export const targetStatusColors: Record<TargetStatus, string> = { met: 'green', near: 'orange', behind: 'red', none: 'default' };

export const campaignStageColors: Record<CampaignStage, string> = {
  not_contacted: 'default',
  publicised: 'blue',
  preparing: 'gold',
  built: 'green',
  refused: 'red',
};
