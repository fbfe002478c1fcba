import { campaignStages, type CampaignStage, type EnterpriseEvent } from '@lianxin/contracts';

/** The way to a union, without the refusal that leaves it. */
const path = campaignStages.filter((s) => s !== 'refused');

export interface StageSteps {
  /** the stages shown, in order */
  stages: CampaignStage[];
  current: number;
  status: 'process' | 'finish' | 'error';
}

/**
 * The Steps bar of an enterprise: 未接触 → 已宣传 → 筹备中 → 已建会, the current stage highlighted. A refusal ends
 * the bar where it happened: the stages reached before it (from the latest stage event), then 拒绝建会 in red.
 */
export function stageSteps(stage: CampaignStage, events: readonly EnterpriseEvent[]): StageSteps {
  if (stage !== 'refused') return { stages: path, current: path.indexOf(stage), status: stage === 'built' ? 'finish' : 'process' };
  // events come newest first: the latest move into 拒绝建会 says where it came from
  const refusal = events.find((e) => e.kind === 'stage' && e.detail.to === 'refused');
  const from = path.find((s) => s === refusal?.detail.from) ?? 'not_contacted';
  const stages = [...path.slice(0, path.indexOf(from) + 1), 'refused' as const];
  return { stages, current: stages.length - 1, status: 'error' };
}
