/** Texts of the audit log (`audit.*`). */
const zhCN = {
  'audit.title': '审计日志',
  'audit.at': '时间',
  'audit.actor': '操作人',
  'audit.action': '操作',
  'audit.objectType': '对象类型',
  'audit.ip': 'IP',
  'audit.detail': '详情',
  'audit.system': '系统',
  'audit.object': '对象',
  'audit.actorSearch': '操作人账号',
  'audit.from': '开始日期',
  'audit.to': '结束日期',
} as const;

const en: Record<keyof typeof zhCN, string> = {
  'audit.title': 'Audit log',
  'audit.at': 'Time',
  'audit.actor': 'User',
  'audit.action': 'Action',
  'audit.objectType': 'Object type',
  'audit.ip': 'IP',
  'audit.detail': 'Detail',
  'audit.system': 'System',
  'audit.object': 'Object',
  'audit.actorSearch': 'User account',
  'audit.from': 'From',
  'audit.to': 'To',
};

export const auditTexts = { 'zh-CN': zhCN, en };
