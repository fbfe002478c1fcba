import { Space, Tag, Typography } from 'antd';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useOrgName } from '../orgs/use-org-name.ts';
import type { EnterpriseFilters } from './enterprises-api.ts';
import { scopeFilterLabels, type ScopeFilterKey } from './scope-filters.ts';

interface ScopeFilterTagsProps {
  filters: EnterpriseFilters;
  onRemove: (key: ScopeFilterKey) => void;
}

/** The filters a link brought along (a union's subtree, target enterprises, with or without a union), each closable. */
export function ScopeFilterTags({ filters, onRemove }: ScopeFilterTagsProps) {
  const { t } = useLocale();
  const orgId = Number(filters.orgId);
  const orgName = useOrgName(Number.isInteger(orgId) && orgId > 0 ? orgId : undefined);
  const labels = scopeFilterLabels(filters);
  if (labels.length === 0) return null;
  return (
    <Space size={[4, 4]} wrap className="scope-tags" data-testid="scope-filters">
      <Typography.Text type="secondary">{t('enterprises.scope.title')}</Typography.Text>
      {labels.map(({ key, label }) => (
        <Tag key={key} closable color="red" variant="outlined" onClose={() => onRemove(key)} data-testid={`scope-filter-${key}`}>
          {key === 'orgId' ? t('enterprises.scope.org', { name: orgName ?? '…' }) : t(label)}
        </Tag>
      ))}
    </Space>
  );
}
