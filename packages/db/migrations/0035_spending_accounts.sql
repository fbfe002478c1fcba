-- Accounts for spending (issue 13, budgets and subsidies), after the generated `budgets_spending_subsidies`:
-- 40302 上级补助收入—会员发展补贴, the platform's sub-account of 403 for the 两非一无 new-member subsidies a union
-- receives (40301 holds the 先收后返 returns); 502 维权支出, 503 业务支出, 504 行政支出, the 2010 edition's expense
-- codes beside 501 and 506, for payments against budget lines (the 2021 edition's codes were not verified).
-- Mirrors fundAccountCodes / fundAccountLabels in @lianxin/contracts.
INSERT INTO fund_accounts (code, class, name) VALUES
  ('40302', 'income', '上级补助收入—会员发展补贴'),
  ('502', 'expense', '维权支出'),
  ('503', 'expense', '业务支出'),
  ('504', 'expense', '行政支出')
ON CONFLICT (code) DO NOTHING;
