import { Tag } from 'antd';
import type { OrgKind, OrgStatus } from '@lianxin/contracts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { orgKindColors, orgKindLabels, orgStatusLabels } from '../../../shared/i18n/labels.ts';

export function OrgKindTag({ kind }: { kind: OrgKind }) {
  const { pick } = useLocale();
  return <Tag color={orgKindColors[kind]}>{pick(orgKindLabels[kind])}</Tag>;
}

const statusColors: Record<OrgStatus, string> = { active: 'success', preparing: 'processing', dissolved: 'default' };

export function OrgStatusTag({ status }: { status: OrgStatus }) {
  const { pick } = useLocale();
  return <Tag color={statusColors[status]}>{pick(orgStatusLabels[status])}</Tag>;
}
