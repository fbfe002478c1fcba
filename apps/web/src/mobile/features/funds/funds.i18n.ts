/** Texts of the H5 经费公开 page (`mfunds.*`). */
const zhCN = {
  'mfunds.title': '经费公开',
  'mfunds.intro': '{union} {year} 年工会经费收支情况（本工会账目，不含下级工会）',
  'mfunds.income': '收入',
  'mfunds.spending': '支出',
  'mfunds.budget': '预算执行',
  'mfunds.budgetLine': '{name} · {kind}',
  'mfunds.spentOf': '已支出 {spent} / 预算 {budget}（{rate}%）',
  'mfunds.total': '合计',
  'mfunds.none': '暂无记录',
  'mfunds.previousYear': '上一年',
  'mfunds.nextYear': '下一年',
} as const;

const en: Record<keyof typeof zhCN, string> = {
  'mfunds.title': 'Union funds',
  'mfunds.intro': '{union}: fund income and spending in {year} (the union\'s own books, not its sub-units)',
  'mfunds.income': 'Income',
  'mfunds.spending': 'Spending',
  'mfunds.budget': 'Budget execution',
  'mfunds.budgetLine': '{name} · {kind}',
  'mfunds.spentOf': 'Spent {spent} of {budget} ({rate}%)',
  'mfunds.total': 'Total',
  'mfunds.none': 'Nothing recorded',
  'mfunds.previousYear': 'Previous year',
  'mfunds.nextYear': 'Next year',
};

export const mobileFundsTexts = { 'zh-CN': zhCN, en };
