/** Texts of the audit log (`audit.*`). */
const zhCN = {
  'audit.title': '审计日志',
  'audit.at': '时间',
  'audit.actor': '操作人',
  'audit.action': '操作',
  'audit.objectType': '对象类型',
  'audit.objectId': '对象编号',
  'audit.ip': 'IP',
  'audit.detail': '详情',
  'audit.system': '系统',
} as const;

const en: Record<keyof typeof zhCN, string> = {
  'audit.title': 'Audit log',
  'audit.at': 'Time',
  'audit.actor': 'User',
  'audit.action': 'Action',
  'audit.objectType': 'Object type',
  'audit.objectId': 'Object',
  'audit.ip': 'IP',
  'audit.detail': 'Detail',
  'audit.system': 'System',
};

export const auditTexts = { 'zh-CN': zhCN, en };
