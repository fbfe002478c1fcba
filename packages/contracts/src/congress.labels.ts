import type { PassRule, ProposalRating, ProposalState, VoteMethod, VoteOptionCode, VoteState } from './congress.ts';
import type { ScoredPart } from './evaluation.ts';
import type { Locale } from './auth.ts';
import type { Labels } from './labels.ts';

export const voteMethodLabels: Labels<VoteMethod> = {
  yes_no_abstain: { 'zh-CN': '赞成/反对/弃权', en: 'Yes / no / abstain' },
  single: { 'zh-CN': '单选', en: 'Single choice' },
  approval: { 'zh-CN': '限额多选', en: 'Approval (capped)' },
  election: { 'zh-CN': '差额选举', en: 'Election' },
};

/** The fixed options of a yes/no/abstain motion (the zh-CN text is also what the API stores as their label). */
export const voteOptionCodeLabels: Labels<VoteOptionCode> = {
  yes: { 'zh-CN': '赞成', en: 'Yes' },
  no: { 'zh-CN': '反对', en: 'No' },
  abstain: { 'zh-CN': '弃权', en: 'Abstain' },
};

/**
 * What a screen shows for a vote option in a language: a motion's fixed option (it has a code) from
 * `voteOptionCodeLabels` (赞成 / Yes …), a custom option (single, approval, election) as typed.
 */
export function voteOptionText(option: { label: string; code: VoteOptionCode | null }, locale: Locale): string {
  return option.code === null ? option.label : voteOptionCodeLabels[option.code][locale];
}

export const voteStateLabels: Labels<VoteState> = {
  created: { 'zh-CN': '未开始', en: 'Created' },
  started: { 'zh-CN': '投票中', en: 'Open' },
  finished: { 'zh-CN': '已结束', en: 'Finished' },
  published: { 'zh-CN': '已公布', en: 'Published' },
};

export const passRuleLabels: Labels<PassRule> = {
  half_of_valid: { 'zh-CN': '超过有效票半数', en: 'More than half of valid ballots' },
  half_of_all: { 'zh-CN': '超过全体代表半数', en: 'More than half of all voters' },
};

export const proposalStateLabels: Labels<ProposalState> = {
  submitted: { 'zh-CN': '征集中', en: 'Submitted' },
  filed: { 'zh-CN': '已立案', en: 'Filed' },
  returned: { 'zh-CN': '不予立案（转意见建议）', en: 'Returned (as a suggestion)' },
  answered: { 'zh-CN': '已答复', en: 'Answered' },
  done: { 'zh-CN': '已办结', en: 'Done' },
};

export const proposalRatingLabels: Labels<ProposalRating> = {
  satisfied: { 'zh-CN': '满意', en: 'Satisfied' },
  basically_satisfied: { 'zh-CN': '基本满意', en: 'Mostly satisfied' },
  unsatisfied: { 'zh-CN': '不满意', en: 'Not satisfied' },
};

export const evaluationPartLabels: Labels<ScoredPart> = {
  members: { 'zh-CN': '会员评家', en: 'Members\' rating' },
  selfCheck: { 'zh-CN': '工会自查', en: 'Self-check' },
  spotCheck: { 'zh-CN': '上级抽查', en: 'Spot check' },
  thirdParty: { 'zh-CN': '第三方评审', en: 'Third-party review' },
  services: { 'zh-CN': '服务成效（诉求按时办结率、满意度）', en: 'Service results (requests on time, satisfaction)' },
};
