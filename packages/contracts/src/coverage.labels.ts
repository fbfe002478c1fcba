import type { CampaignStage, LetterKind, SantongshiPhase, TargetStatus } from './coverage.ts';
import type { Labels } from './labels.ts';

export const targetStatusLabels: Labels<TargetStatus> = {
  met: { 'zh-CN': '达标', en: 'On target' },
  near: { 'zh-CN': '接近', en: 'Near' },
  behind: { 'zh-CN': '落后', en: 'Behind' },
  none: { 'zh-CN': '无目标', en: 'No target' },
};

export const campaignStageLabels: Labels<CampaignStage> = {
  not_contacted: { 'zh-CN': '未接触', en: 'Not contacted' },
  publicised: { 'zh-CN': '已宣传', en: 'Publicised' },
  preparing: { 'zh-CN': '筹备中', en: 'Preparing' },
  built: { 'zh-CN': '已建会', en: 'Union built' },
  refused: { 'zh-CN': '拒绝建会', en: 'Refused' },
};

/** The "两书" issued to an enterprise that refuses to build a union; the Chinese text is also the PDF's title. */
export const letterKindLabels: Labels<LetterKind> = {
  rectification_opinion: { 'zh-CN': '工会组建法律监督整改意见书', en: 'Rectification opinion (legal supervision of union building)' },
  handling_suggestion: { 'zh-CN': '处理建议书', en: 'Handling suggestion' },
};

/** 三同时 (in English "new-enterprise union tasks"): the union follows a new enterprise through registration, construction and opening. */
export const santongshiPhaseLabels: Labels<SantongshiPhase> = {
  registration: { 'zh-CN': '登记时签订建会协议', en: 'Union agreement signed at registration' },
  construction: { 'zh-CN': '筹建时筹备工会', en: 'Union prepared during construction' },
  opening: { 'zh-CN': '开业时运行工会', en: 'Union running at opening' },
};
