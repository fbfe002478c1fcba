-- Unmatched bank money (a statement line no single enterprise matched) is not left off the books: it posts to a
-- suspense liability of the importing unit (Dr 102 / Cr 242 暂收款—待查明款项) and leaves it, with a balancing
-- entry (Dr 242 / Cr 102), when someone matches the line to an enterprise and its receipt posts. 242 is the
-- platform's own code, like 135 and 241. Mirrors fundAccountCodes / fundAccountLabels in @lianxin/contracts.
INSERT INTO fund_accounts (code, class, name) VALUES ('242', 'liability', '暂收款—待查明款项')
ON CONFLICT (code) DO NOTHING;
