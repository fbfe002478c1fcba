import type { AccountClass, AssessmentBasis, DunningStep, FundAccountCode, StatementKind } from './funds.ts';
import type { BudgetKind, SubsidyStatus } from './funds-budgets.ts';
import type { Labels } from './labels.ts';

/** Account names: 《工会会计制度》 (2010 edition names; 135, 241 and 242 are the platform's own, see funds.ts). */
export const fundAccountLabels: Labels<FundAccountCode> = {
  '102': { 'zh-CN': '银行存款', en: 'Bank deposits' },
  '135': { 'zh-CN': '应收拨缴经费', en: 'Assessed funds receivable' },
  '221': { 'zh-CN': '应付上级经费', en: 'Due to upper unions' },
  '222': { 'zh-CN': '应付下级经费', en: 'Due to grassroots unions' },
  '231': { 'zh-CN': '代管经费', en: 'Funds held in custody' },
  '241': { 'zh-CN': '待分配拨缴经费', en: 'Assessed funds to allocate' },
  '242': { 'zh-CN': '暂收款—待查明款项', en: 'Suspense — unidentified receipts' },
  '331': { 'zh-CN': '结余', en: 'Surplus' },
  '402': { 'zh-CN': '拨缴经费收入', en: 'Assessed funds income' },
  '40301': { 'zh-CN': '上级补助收入—回拨补助', en: 'Grants from above — returns' },
  '40302': { 'zh-CN': '上级补助收入—会员发展补贴', en: 'Grants from above — new-member subsidies' },
  '501': { 'zh-CN': '职工活动支出', en: 'Member activities' },
  '502': { 'zh-CN': '维权支出', en: 'Rights protection' },
  '503': { 'zh-CN': '业务支出', en: 'Union work' },
  '504': { 'zh-CN': '行政支出', en: 'Administration' },
  '506': { 'zh-CN': '补助下级支出', en: 'Grants to lower unions' },
};

export const accountClassLabels: Labels<AccountClass> = {
  asset: { 'zh-CN': '资产', en: 'Assets' },
  liability: { 'zh-CN': '负债', en: 'Liabilities' },
  net_assets: { 'zh-CN': '净资产', en: 'Net assets' },
  income: { 'zh-CN': '收入', en: 'Income' },
  expense: { 'zh-CN': '支出', en: 'Expenses' },
};

export const assessmentBasisLabels: Labels<AssessmentBasis> = {
  standard: { 'zh-CN': '按工资总额2%', en: '2 % of payroll' },
  reduced: { 'zh-CN': '差异化缴纳', en: 'Reduced rate' },
  per_head: { 'zh-CN': '按人定额', en: 'Fixed per employee' },
  preparatory: { 'zh-CN': '建会筹备金', en: 'Union preparatory fund' },
};

/** The four steps of 依法催缴 and the 支付令 papers; letter steps print the Chinese label as the title. */
export const dunningStepLabels: Labels<DunningStep> = {
  lawyer_letter: { 'zh-CN': '律师函', en: 'Lawyer\'s letter' },
  interview: { 'zh-CN': '约谈', en: 'Meeting' },
  dunning_letter: { 'zh-CN': '关于依法催缴工会经费的函', en: 'Letter demanding payment of union funds' },
  assessment_letter: { 'zh-CN': '关于依法核定工会经费拨缴额的函', en: 'Letter fixing the union funds due (after a special audit)' },
  payment_order: { 'zh-CN': '支付令申请材料', en: 'Papers for a payment order' },
};

export const statementKindLabels: Labels<StatementKind> = {
  'balance-sheet': { 'zh-CN': '资产负债表', en: 'Balance sheet' },
  'income-expense': { 'zh-CN': '收入支出表', en: 'Income and expenditure' },
};

export const budgetKindLabels: Labels<BudgetKind> = {
  basic: { 'zh-CN': '基本支出', en: 'Basic expenditure' },
  project: { 'zh-CN': '项目支出', en: 'Project expenditure' },
};

export const subsidyStatusLabels: Labels<SubsidyStatus> = {
  pending: { 'zh-CN': '待拨付', en: 'Pending' },
  paid: { 'zh-CN': '已拨付', en: 'Paid' },
};
