import { Tag } from 'antd';
import { orgKindLabels, orgStatusLabels, type OrgKind, type OrgStatus } from '@lianxin/contracts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { orgKindColors } from '../../../shared/tag-colors.ts';

export function OrgKindTag({ kind }: { kind: OrgKind }) {
  const { pick } = useLocale();
  return <Tag color={orgKindColors[kind]}>{pick(orgKindLabels[kind])}</Tag>;
}

const statusColors: Record<OrgStatus, string> = { active: 'success', preparing: 'processing', dissolved: 'default' };

export function OrgStatusTag({ status }: { status: OrgStatus }) {
  const { pick } = useLocale();
  return <Tag color={statusColors[status]}>{pick(orgStatusLabels[status])}</Tag>;
}
