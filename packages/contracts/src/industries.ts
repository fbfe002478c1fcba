/** GB/T 4754-2017 国民经济行业分类: the 20 sections (门类). */
export const industrySections = [
  'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T',
] as const;
export type IndustrySection = (typeof industrySections)[number];
