import { Tag } from 'antd';
import { memberCategoryLabels, memberStatusLabels, type MemberCategory, type MemberStatus } from '@lianxin/contracts';
import { memberCategoryColors, memberStatusColors } from '../../../shared/tag-colors.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';

export function MemberCategoryTag({ category }: { category: MemberCategory }) {
  const { pick } = useLocale();
  return <Tag color={memberCategoryColors[category]}>{pick(memberCategoryLabels[category])}</Tag>;
}

export function MemberStatusTag({ status }: { status: MemberStatus }) {
  const { pick } = useLocale();
  return <Tag color={memberStatusColors[status]}>{pick(memberStatusLabels[status])}</Tag>;
}
