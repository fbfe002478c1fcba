import { Tag } from 'antd';
import { unionStatusLabels, type UnionStatus } from '@lianxin/contracts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { unionStatusColors } from '../../../shared/tag-colors.ts';

/** 已单独建会 (green) / 联合覆盖 (blue) / 未建会 (red). */
export function UnionStatusTag({ status }: { status: UnionStatus }) {
  const { pick } = useLocale();
  return (
    <Tag color={unionStatusColors[status]} data-union-status={status}>
      {pick(unionStatusLabels[status])}
    </Tag>
  );
}
