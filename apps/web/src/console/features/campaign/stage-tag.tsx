import { Tag } from 'antd';
import { campaignStageLabels, type CampaignStage } from '@lianxin/contracts';
import { campaignStageColors } from '../../../shared/tag-colors.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';

/** 未接触 / 已宣传 / 筹备中 / 已建会 / 拒绝建会. */
export function StageTag({ stage }: { stage: CampaignStage }) {
  const { pick } = useLocale();
  return (
    <Tag color={campaignStageColors[stage]} data-stage={stage}>
      {pick(campaignStageLabels[stage])}
    </Tag>
  );
}
