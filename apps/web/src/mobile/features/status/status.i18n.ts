/** Texts of the H5 application status page (`status.*`). */
const zhCN = {
  'status.title': '查询进度',
  'status.referencePlaceholder': '10 位申请编号',
  'status.referenceInvalid': '申请编号为 10 位字母或数字',
  'status.submit': '查询',
  'status.notFound': '未找到该申请，请核对申请编号和手机号',
  'status.cardTitle': '入会申请',
  'status.step.submitted': '提交申请',
  'status.step.review': '工会审批',
  'status.step.joined': '入会成功',
  'status.step.rejected': '未通过',
  'status.submittedAt': '提交时间',
  'status.decidedAt': '审批时间',
  'status.rejectReason': '未通过原因',
  'status.openCard': '查看电子会员卡',
} as const;

const en: Record<keyof typeof zhCN, string> = {
  'status.title': 'Check status',
  'status.referencePlaceholder': '10-character reference',
  'status.referenceInvalid': 'A reference has 10 letters or digits',
  'status.submit': 'Check',
  'status.notFound': 'No application found; check the reference and the mobile number',
  'status.cardTitle': 'Your application',
  'status.step.submitted': 'Sent',
  'status.step.review': 'Review',
  'status.step.joined': 'Member',
  'status.step.rejected': 'Rejected',
  'status.submittedAt': 'Submitted',
  'status.decidedAt': 'Decided',
  'status.rejectReason': 'Reason',
  'status.openCard': 'Open my e-member card',
};

export const statusTexts = { 'zh-CN': zhCN, en };
