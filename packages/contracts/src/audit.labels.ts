import type { AuditAction } from './audit.ts';
import type { Labels } from './labels.ts';

export const auditActionLabels: Labels<AuditAction> = {
  create: { 'zh-CN': '新增', en: 'Create' },
  update: { 'zh-CN': '修改', en: 'Update' },
  delete: { 'zh-CN': '删除', en: 'Delete' },
  move: { 'zh-CN': '调整隶属', en: 'Move' },
  read_personal: { 'zh-CN': '查看个人信息', en: 'Read personal data' },
  login: { 'zh-CN': '登录', en: 'Sign in' },
  logout: { 'zh-CN': '退出', en: 'Sign out' },
  login_failed: { 'zh-CN': '登录失败', en: 'Failed sign-in' },
  login_locked: { 'zh-CN': '登录锁定', en: 'Sign-in locked' },
  verify_card: { 'zh-CN': '核验会员卡', en: 'Card check' },
};

/** Object types the audit log is known to carry (the column is free text); others are shown as they come. */
export const auditObjectTypeLabels: Labels<string> = {
  enterprise: { 'zh-CN': '企业', en: 'Enterprise' },
  org: { 'zh-CN': '组织', en: 'Organisation' },
  user: { 'zh-CN': '用户', en: 'User' },
  session: { 'zh-CN': '会话', en: 'Session' },
  member: { 'zh-CN': '会员', en: 'Member' },
  campaign_item: { 'zh-CN': '建会攻坚', en: 'Union-building campaign' },
  coverage_target: { 'zh-CN': '建会入会目标', en: 'Coverage target' },
  target_rule: { 'zh-CN': '目标企业口径', en: 'Target-enterprise rule' },
  enterprise_letter: { 'zh-CN': '两书', en: 'Letter' },
  santongshi_task: { 'zh-CN': '三同时任务', en: 'New-enterprise union task' },
};
