/** Texts of the workbench (工作台, `workbench.*`). */
const zhCN = {
  'nav.workbench': '工作台',
  'workbench.title': '工作台',
  'workbench.today': '今天是 {date}',
  'workbench.dueToday': '今日到期 {n}',
  'workbench.overdue': '已逾期 {n}',
  'workbench.nothing': '暂无待办',
  'workbench.open': '去处理',
  'workbench.kind.applications.pending': '待审批的入会申请',
  'workbench.kind.transfers.incoming': '待接收的会员转入',
  'workbench.kind.campaign.followUps': '到期的建会攻坚跟进',
  'workbench.kind.santongshi.due': '到期的三同时任务',
  'workbench.kind.imports.finished': '今日完成的名册导入',
  'workbench.kind.requests.mine': '我负责的诉求',
  'workbench.kind.requests.queue': '待受理的诉求',
  'workbench.kind.requests.overdue': '逾期未办结的诉求',
  'workbench.kind.rights.majorWarnings': '未结的重大预警',
  'workbench.kind.rights.mediationDeadlines': '调解中的案件（15 日期限）',
  'workbench.kind.bargaining.expiring': '90 天内到期的集体合同',
} as const;

const en: Record<keyof typeof zhCN, string> = {
  'nav.workbench': 'Workbench',
  'workbench.title': 'Workbench',
  'workbench.today': 'Today is {date}',
  'workbench.dueToday': '{n} due today',
  'workbench.overdue': '{n} overdue',
  'workbench.nothing': 'Nothing waiting',
  'workbench.open': 'Open',
  'workbench.kind.applications.pending': 'Applications to decide',
  'workbench.kind.transfers.incoming': 'Incoming transfers to accept',
  'workbench.kind.campaign.followUps': 'Campaign follow-ups due',
  'workbench.kind.santongshi.due': 'New-enterprise union tasks due',
  'workbench.kind.imports.finished': 'Roster imports finished today',
  'workbench.kind.requests.mine': 'My service requests',
  'workbench.kind.requests.queue': 'Service requests to accept',
  'workbench.kind.requests.overdue': 'Overdue service requests',
  'workbench.kind.rights.majorWarnings': 'Open major warnings',
  'workbench.kind.rights.mediationDeadlines': 'Cases in mediation (15-day limit)',
  'workbench.kind.bargaining.expiring': 'Collective contracts expiring within 90 days',
};

export const workbenchTexts = { 'zh-CN': zhCN, en };
