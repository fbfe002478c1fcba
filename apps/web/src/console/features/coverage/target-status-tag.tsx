import { Tag } from 'antd';
import { targetStatusLabels, type TargetStatus } from '@lianxin/contracts';
import { targetStatusColors } from '../../../shared/tag-colors.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';

/** 达标 / 接近 / 落后 / 无目标, coloured green / orange / red / grey; `prefix` names whose status it is. */
export function TargetStatusTag({ status, prefix, 'data-testid': testId }: { status: TargetStatus; prefix?: string; 'data-testid'?: string }) {
  const { pick } = useLocale();
  return (
    <Tag color={targetStatusColors[status]} data-testid={testId} data-status={status}>
      {prefix ? `${prefix}${pick(targetStatusLabels[status])}` : pick(targetStatusLabels[status])}
    </Tag>
  );
}
