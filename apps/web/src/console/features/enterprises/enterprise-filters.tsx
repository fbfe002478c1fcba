import { useCallback } from 'react';
import { Button, Input, Select } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { industrySections, sizeBands, unionStatuses, industryLabel, sizeBandLabels, unionStatusLabels } from '@lianxin/contracts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { RegionCascader } from '../../components/region-cascader.tsx';
import { useSearchText } from '../../components/use-search-text.ts';
import type { EnterpriseFilters as Filters } from './enterprises-api.ts';

type FilterKey = 'q' | 'regionCode' | 'unionStatus' | 'industry' | 'sizeBand' | 'dualReal';

interface EnterpriseFiltersProps {
  filters: Filters;
  scopeCode: string;
  onChange: (patch: Partial<Record<FilterKey, string | undefined>>) => void;
  onReset: () => void;
}

export function EnterpriseFilters({ filters, scopeCode, onChange, onReset }: EnterpriseFiltersProps) {
  const { t, locale, pick } = useLocale();
  // typing searches after a pause; Enter searches at once
  const search = useSearchText(filters.q, useCallback((q: string | undefined) => onChange({ q }), [onChange]));

  return (
    <div className="filters">
      <Input
        allowClear
        prefix={<SearchOutlined />}
        value={search.text}
        onChange={(e) => search.setText(e.target.value)}
        onPressEnter={search.searchNow}
        placeholder={t('enterprises.searchPlaceholder')}
        style={{ width: 250 }}
        data-testid="enterprise-search"
      />
      <RegionCascader
        scopeCode={scopeCode}
        value={filters.regionCode}
        onChange={(regionCode) => onChange({ regionCode })}
        placeholder={t('enterprises.filter.region')}
        allowClear
        data-testid="filter-region"
      />
      <Select
        allowClear
        value={filters.unionStatus}
        onChange={(unionStatus?: string) => onChange({ unionStatus })}
        placeholder={t('enterprises.filter.unionStatus')}
        options={unionStatuses.map((s) => ({ value: s, label: pick(unionStatusLabels[s]) }))}
        data-testid="filter-union-status"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        value={filters.industry}
        onChange={(industry?: string) => onChange({ industry })}
        placeholder={t('enterprises.filter.industry')}
        options={industrySections.map((s) => ({ value: s, label: industryLabel(s, locale) }))}
        popupMatchSelectWidth={false}
        data-testid="filter-industry"
      />
      <Select
        allowClear
        value={filters.sizeBand}
        onChange={(sizeBand?: string) => onChange({ sizeBand })}
        placeholder={t('enterprises.filter.sizeBand')}
        options={sizeBands.map((s) => ({ value: s, label: pick(sizeBandLabels[s]) }))}
        data-testid="filter-size-band"
      />
      <Select
        allowClear
        value={filters.dualReal}
        onChange={(dualReal?: string) => onChange({ dualReal })}
        placeholder={t('enterprises.filter.dualReal')}
        options={[
          { value: 'true', label: t('enterprises.dualRealYes') },
          { value: 'false', label: t('enterprises.dualRealNo') },
        ]}
        style={{ minWidth: 120 }}
        data-testid="filter-dual-real"
      />
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
