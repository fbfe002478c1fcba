import type { Labels } from './labels.ts';
import type { Role } from './roles.ts';

export const roleLabels: Labels<Role> = {
  city_staff: { 'zh-CN': '市总工会', en: 'City staff' },
  district_staff: { 'zh-CN': '区总工会', en: 'District staff' },
  street_staff: { 'zh-CN': '街镇总工会', en: 'Street staff' },
  social_worker: { 'zh-CN': '工会社工', en: 'Social worker' },
  enterprise_chair: { 'zh-CN': '企业工会主席', en: 'Enterprise union chair' },
  member: { 'zh-CN': '会员', en: 'Member' },
  assessor: { 'zh-CN': '第三方评估（只读）', en: 'Assessor (read-only)' },
};
