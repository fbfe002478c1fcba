import type { Labels } from './labels.ts';
import type { BargainingTopic, CaseOutcome, ConsultationStep, CaseStatus, CaseType, ContractKind, ContractStatus, WarningLevel, WarningSignal, WarningSource } from './rights.ts';

export const caseTypeLabels: Labels<CaseType> = {
  wage_arrears: { 'zh-CN': '欠薪', en: 'Unpaid wages' },
  labour_contract: { 'zh-CN': '劳动合同', en: 'Labour contract' },
  social_insurance: { 'zh-CN': '社会保险', en: 'Social insurance' },
  work_injury: { 'zh-CN': '工伤', en: 'Work injury' },
  overtime: { 'zh-CN': '加班', en: 'Overtime' },
  severance: { 'zh-CN': '解除补偿', en: 'Severance' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

export const caseStatusLabels: Labels<CaseStatus> = {
  accepted: { 'zh-CN': '受理', en: 'Accepted' },
  investigating: { 'zh-CN': '调查', en: 'Investigating' },
  mediating: { 'zh-CN': '调解', en: 'Mediating' },
  closed: { 'zh-CN': '结案', en: 'Closed' },
};

export const caseOutcomeLabels: Labels<CaseOutcome> = {
  success: { 'zh-CN': '调解成功', en: 'Settled' },
  partial: { 'zh-CN': '部分成功', en: 'Partly settled' },
  arbitration: { 'zh-CN': '转仲裁', en: 'To arbitration' },
  litigation: { 'zh-CN': '转诉讼', en: 'To court' },
  withdrawn: { 'zh-CN': '撤回', en: 'Withdrawn' },
  not_accepted: { 'zh-CN': '不予受理', en: 'Not accepted' },
};

export const warningSignalLabels: Labels<WarningSignal> = {
  wage_arrears: { 'zh-CN': '欠薪', en: 'Unpaid wages' },
  social_insurance_arrears: { 'zh-CN': '欠缴社保', en: 'Social insurance arrears' },
  layoff_plan: { 'zh-CN': '裁员计划', en: 'Layoff plan' },
  relocation_closure: { 'zh-CN': '搬迁关闭', en: 'Relocation or closure' },
  collective_petition: { 'zh-CN': '集体上访', en: 'Collective petition' },
  case_cluster: { 'zh-CN': '案件集中', en: 'Cluster of cases' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

export const warningLevelLabels: Labels<WarningLevel> = {
  general: { 'zh-CN': '一般', en: 'General' },
  serious: { 'zh-CN': '较大', en: 'Serious' },
  major: { 'zh-CN': '重大', en: 'Major' },
};

export const warningSourceLabels: Labels<WarningSource> = {
  staff: { 'zh-CN': '人工登记', en: 'Entered by staff' },
  auto: { 'zh-CN': '自动预警', en: 'Raised automatically' },
};

export const bargainingTopicLabels: Labels<BargainingTopic> = {
  wage: { 'zh-CN': '工资', en: 'Wages' },
  bonus: { 'zh-CN': '奖金', en: 'Bonus' },
  welfare: { 'zh-CN': '福利', en: 'Welfare' },
  collective: { 'zh-CN': '集体合同', en: 'Collective contract' },
};

export const contractKindLabels: Labels<ContractKind> = {
  collective: { 'zh-CN': '集体合同', en: 'Collective contract' },
  wage_specific: { 'zh-CN': '工资专项集体合同', en: 'Wage agreement' },
};

export const contractStatusLabels: Labels<ContractStatus> = {
  signed: { 'zh-CN': '已签订', en: 'Signed' },
  filed: { 'zh-CN': '已备案', en: 'Filed' },
  vetoed: { 'zh-CN': '已否决', en: 'Vetoed' },
};

export const consultationStepLabels: Labels<ConsultationStep> = {
  collecting: { 'zh-CN': '收集议题', en: 'Collecting issues' },
  participants: { 'zh-CN': '确定参会人员', en: 'Participants set' },
  feedback: { 'zh-CN': '意见反馈', en: 'Feedback' },
  meeting: { 'zh-CN': '召开恳谈会', en: 'Meeting held' },
  published: { 'zh-CN': '结果公开', en: 'Results published' },
};
