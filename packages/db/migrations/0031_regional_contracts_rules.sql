-- 区域性/行业性集体合同: the rules drizzle cannot express. The covered enterprises' own rows in bargaining_contracts
-- carry the coverage figures (trigger of 0019), so nothing here touches org_figure_deltas.
ALTER TABLE bargaining_regional_contracts ADD CONSTRAINT bargaining_regional_contracts_term_ck
  CHECK (valid_to > valid_from AND covered_enterprises >= 1);
