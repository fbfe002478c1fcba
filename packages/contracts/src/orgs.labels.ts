import type { Labels } from './labels.ts';
import type { OrgKind, OrgStatus } from './orgs.ts';

export const orgKindLabels: Labels<OrgKind> = {
  city_federation: { 'zh-CN': '市总工会', en: 'City federation' },
  district_federation: { 'zh-CN': '区总工会', en: 'District federation' },
  industry_union: { 'zh-CN': '产业工会', en: 'Industrial union' },
  street_federation: { 'zh-CN': '街镇总工会', en: 'Street / town federation' },
  regional_federation: { 'zh-CN': '区域性工会联合会', en: 'Regional federation' },
  industry_federation: { 'zh-CN': '行业性工会联合会', en: 'Industry federation' },
  park_federation: { 'zh-CN': '园区工会联合会', en: 'Park federation' },
  building_federation: { 'zh-CN': '楼宇工会联合会', en: 'Building federation' },
  business_district_federation: { 'zh-CN': '商圈工会联合会', en: 'Business-district federation' },
  grid_federation: { 'zh-CN': '网格工会联合会', en: 'Grid federation' },
  street_front_federation: { 'zh-CN': '街面工会联合会', en: 'Street-front federation' },
  community_federation: { 'zh-CN': '社区工会联合会', en: 'Community federation' },
  residence_federation: { 'zh-CN': '租住地工会联合会', en: 'Residence federation' },
  project_site_federation: { 'zh-CN': '项目工地工会联合会', en: 'Project-site federation' },
  fellowship_union: { 'zh-CN': '联谊工会', en: 'Fellowship union' },
  joint_union: { 'zh-CN': '联合工会', en: 'Joint union' },
  enterprise_union: { 'zh-CN': '企业工会', en: 'Enterprise union' },
  branch_union: { 'zh-CN': '分会', en: 'Branch union' },
};

export const orgStatusLabels: Labels<OrgStatus> = {
  active: { 'zh-CN': '正常', en: 'Active' },
  preparing: { 'zh-CN': '筹建中', en: 'Preparing' },
  dissolved: { 'zh-CN': '已撤销', en: 'Dissolved' },
};
