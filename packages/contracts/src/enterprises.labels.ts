import type { Ownership, SizeBand, UnionStatus } from './enterprises.ts';
import type { Labels } from './labels.ts';

export const unionStatusLabels: Labels<UnionStatus> = {
  own: { 'zh-CN': '已单独建会', en: 'Own union' },
  covered: { 'zh-CN': '联合覆盖', en: 'Covered jointly' },
  none: { 'zh-CN': '未建会', en: 'No union' },
};

export const sizeBandLabels: Labels<SizeBand> = {
  lt25: { 'zh-CN': '25 人以下', en: 'Under 25' },
  '25to99': { 'zh-CN': '25–99 人', en: '25–99' },
  '100to299': { 'zh-CN': '100–299 人', en: '100–299' },
  '300to999': { 'zh-CN': '300–999 人', en: '300–999' },
  '1000plus': { 'zh-CN': '1000 人及以上', en: '1,000 and more' },
};

export const ownershipLabels: Labels<Ownership> = {
  private: { 'zh-CN': '私营', en: 'Private' },
  individual: { 'zh-CN': '个体', en: 'Individual business' },
  foreign: { 'zh-CN': '外商投资', en: 'Foreign-invested' },
  hk_mo_tw: { 'zh-CN': '港澳台投资', en: 'Hong Kong, Macao or Taiwan invested' },
  mixed: { 'zh-CN': '混合所有制（非公控股）', en: 'Mixed (non-public control)' },
  state: { 'zh-CN': '国有', en: 'State-owned' },
  collective: { 'zh-CN': '集体', en: 'Collective' },
};
