import type { AuditAction } from './audit.ts';
import type { Locale } from './auth.ts';
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
  read_document: { 'zh-CN': '下载文件', en: 'Download document' },
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
  application: { 'zh-CN': '入会申请', en: 'Application' },
  member_export: { 'zh-CN': '会员名册导出', en: 'Member export' },
  member_import: { 'zh-CN': '会员名册导入', en: 'Roster import' },
  member_transfer: { 'zh-CN': '会员转会', en: 'Member transfer' },
  org_coverage: { 'zh-CN': '工会覆盖企业', en: 'Union coverage' },
  user_grant: { 'zh-CN': '职责授权', en: 'Duty grant' },
  enterprise_export: { 'zh-CN': '企业名录导出', en: 'Enterprise export' },
  application_export: { 'zh-CN': '入会申请导出', en: 'Application export' },
  audit_export: { 'zh-CN': '审计日志导出', en: 'Audit log export' },
  member_card: { 'zh-CN': '会员卡', en: 'Member card' },
  evaluation_evidence: { 'zh-CN': '自查佐证材料', en: 'Self-check evidence' },
};

/** Keys found in audit entries' details, for reading them as "label: value" rather than JSON. */
export const auditDetailLabels: Labels<string> = {
  count: { 'zh-CN': '条数', en: 'Rows' },
  rows: { 'zh-CN': '行数', en: 'Rows' },
  reason: { 'zh-CN': '原因', en: 'Reason' },
  status: { 'zh-CN': '状态', en: 'Status' },
  category: { 'zh-CN': '会员类别', en: 'Category' },
  joinChannel: { 'zh-CN': '入会方式', en: 'Join channel' },
  q: { 'zh-CN': '搜索', en: 'Search' },
  orgId: { 'zh-CN': '工会', en: 'Union' },
  memberId: { 'zh-CN': '会员', en: 'Member' },
  toOrgId: { 'zh-CN': '转入工会', en: 'To union' },
  enterpriseId: { 'zh-CN': '企业', en: 'Enterprise' },
  kind: { 'zh-CN': '类型', en: 'Kind' },
  phase: { 'zh-CN': '阶段', en: 'Phase' },
  stage: { 'zh-CN': '进度', en: 'Stage' },
  done: { 'zh-CN': '完成', en: 'Done' },
  documentNumber: { 'zh-CN': '文号', en: 'Document no.' },
  fields: { 'zh-CN': '字段', en: 'Fields' },
  changes: { 'zh-CN': '变更', en: 'Changes' },
  added: { 'zh-CN': '新增', en: 'Added' },
  removed: { 'zh-CN': '移除', en: 'Removed' },
  joinedFrom: { 'zh-CN': '入会起', en: 'Joined from' },
  joinedTo: { 'zh-CN': '入会止', en: 'Joined to' },
  from: { 'zh-CN': '起', en: 'From' },
  to: { 'zh-CN': '止', en: 'To' },
  action: { 'zh-CN': '操作', en: 'Action' },
  objectType: { 'zh-CN': '对象', en: 'Object' },
  actor: { 'zh-CN': '操作人', en: 'Actor' },
  until: { 'zh-CN': '锁定至', en: 'Locked until' },
  minutes: { 'zh-CN': '分钟', en: 'Minutes' },
  dueOn: { 'zh-CN': '截止日期', en: 'Due on' },
  view: { 'zh-CN': '查看内容', en: 'Viewed' },
  userId: { 'zh-CN': '用户', en: 'User' },
  name: { 'zh-CN': '名称', en: 'Name' },
  parentId: { 'zh-CN': '上级', en: 'Parent' },
  fromParentId: { 'zh-CN': '原上级', en: 'Former parent' },
  toParentId: { 'zh-CN': '新上级', en: 'New parent' },
  fromPath: { 'zh-CN': '原路径', en: 'Former path' },
  field: { 'zh-CN': '字段', en: 'Field' },
  masked: { 'zh-CN': '已遮蔽', en: 'Masked' },
  creditCode: { 'zh-CN': '统一社会信用代码', en: 'Credit code' },
  changed: { 'zh-CN': '变更', en: 'Changed' },
  before: { 'zh-CN': '变更前', en: 'Before' },
  after: { 'zh-CN': '变更后', en: 'After' },
  coverageRate: { 'zh-CN': '建会率', en: 'Union coverage rate' },
  membershipRate: { 'zh-CN': '入会率', en: 'Membership rate' },
  coveredEnterpriseIds: { 'zh-CN': '覆盖企业', en: 'Covered enterprises' },
  year: { 'zh-CN': '年度', en: 'Year' },
  itemCode: { 'zh-CN': '指标项', en: 'Indicator item' },
  filename: { 'zh-CN': '文件名', en: 'File name' },
  size: { 'zh-CN': '大小（字节）', en: 'Size (bytes)' },
};

const valueText = (value: unknown, locale: Locale): string => {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? (locale === 'en' ? 'yes' : '是') : (locale === 'en' ? 'no' : '否');
  if (Array.isArray(value)) return value.map((v) => valueText(v, locale)).join(locale === 'en' ? ', ' : '、');
  if (typeof value === 'object') {
    return auditDetailPairs(value as Record<string, unknown>, locale).map(([k, v]) => `${k} ${v}`).join(locale === 'en' ? '; ' : '；');
  }
  return String(value as string | number);
};

/**
 * An audit entry's detail as "label → value" pairs in a language (known keys translated, nested values flattened
 * to text), so neither the audit page nor its export shows JSON.
 */
export function auditDetailPairs(detail: Record<string, unknown> | null, locale: Locale): [string, string][] {
  if (!detail) return [];
  return Object.entries(detail).map(([key, value]) => [auditDetailLabels[key]?.[locale] ?? key, valueText(value, locale)]);
}
