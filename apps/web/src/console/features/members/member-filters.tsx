import { useCallback } from 'react';
import { Button, Input, Select } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { joinChannels, memberCategories, memberStatuses, joinChannelLabels, memberCategoryLabels, memberStatusLabels } from '@lianxin/contracts';
import { DateInput } from '../../components/date-input.tsx';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useSearchText } from '../../components/use-search-text.ts';
import type { MemberFilterKey, MemberFilters as Filters } from './members-api.ts';

interface MemberFiltersProps {
  filters: Filters;
  onChange: (patch: Partial<Record<MemberFilterKey, string | undefined>>) => void;
  onReset: () => void;
}

export function MemberFilters({ filters, onChange, onReset }: MemberFiltersProps) {
  const { t, pick } = useLocale();
  const search = useSearchText(filters.q, useCallback((q: string | undefined) => onChange({ q }), [onChange]));

  const orgId = filters.orgId ? Number(filters.orgId) : undefined;

  return (
    <div className="filters">
      <Input
        allowClear
        prefix={<SearchOutlined />}
        value={search.text}
        onChange={(e) => search.setText(e.target.value)}
        onPressEnter={search.searchNow}
        placeholder={t('members.searchPlaceholder')}
        style={{ width: 220 }}
        data-testid="member-search"
      />
      <OrgTreeSelect
        value={orgId}
        onChange={(id) => onChange({ orgId: id === undefined ? undefined : String(id) })}
        placeholder={t('members.filter.org')}
        allowClear
        style={{ minWidth: 220 }}
        data-testid="filter-org"
      />
      <Select
        allowClear
        value={filters.category}
        onChange={(category?: string) => onChange({ category })}
        placeholder={t('members.filter.category')}
        options={memberCategories.map((c) => ({ value: c, label: pick(memberCategoryLabels[c]) }))}
        popupMatchSelectWidth={false}
        data-testid="filter-category"
      />
      <Select
        allowClear
        value={filters.status}
        onChange={(status?: string) => onChange({ status })}
        placeholder={t('members.filter.status')}
        options={memberStatuses.map((s) => ({ value: s, label: pick(memberStatusLabels[s]) }))}
        style={{ minWidth: 110 }}
        data-testid="filter-status"
      />
      <Select
        allowClear
        value={filters.joinChannel}
        onChange={(joinChannel?: string) => onChange({ joinChannel })}
        placeholder={t('members.filter.joinChannel')}
        options={joinChannels.map((c) => ({ value: c, label: pick(joinChannelLabels[c]) }))}
        popupMatchSelectWidth={false}
        data-testid="filter-join-channel"
      />
      <span className="date-range">
        <DateInput
          value={filters.joinedFrom}
          max={filters.joinedTo}
          onChange={(joinedFrom) => onChange({ joinedFrom })}
          placeholder={t('members.filter.joinedFrom')}
          testId="filter-joined-from"
        />
        <span className="date-range-sep">–</span>
        <DateInput
          value={filters.joinedTo}
          min={filters.joinedFrom}
          onChange={(joinedTo) => onChange({ joinedTo })}
          placeholder={t('members.filter.joinedTo')}
          testId="filter-joined-to"
        />
      </span>
      <Button
        onClick={() => {
          search.clear();
          onReset();
        }}
      >
        {t('app.reset')}
      </Button>
    </div>
  );
}
