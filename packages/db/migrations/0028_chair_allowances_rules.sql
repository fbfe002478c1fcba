-- The first chair allowance setting (长宁: 300–800 yuan a month by size and performance): 300 yuan for a union not
-- evaluated last year; evaluated: 300 + 100 from 50 active members, 200 from 200, 300 from 500, + 50 per star above
-- one, at most 800. Mirrors chairAllowanceFen in @lianxin/contracts.
INSERT INTO chair_allowance_settings (valid_from, base_fen, per_star_fen, size_tiers, max_fen)
VALUES ('2000-01-01', 30000, 5000, '[{"minMembers":50,"addFen":10000},{"minMembers":200,"addFen":20000},{"minMembers":500,"addFen":30000}]'::jsonb, 80000)
ON CONFLICT (valid_from) DO NOTHING;
