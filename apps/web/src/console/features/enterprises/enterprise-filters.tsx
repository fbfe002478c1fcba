import { useEffect, useState } from 'react';
import { Button, Input, Select } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { industrySections, sizeBands, unionStatuses } from '@lianxin/contracts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { industryLabel, sizeBandLabels, unionStatusLabels } from '../../../shared/i18n/labels.ts';
import { RegionCascader } from '../../components/region-cascader.tsx';
import type { EnterpriseFilters as Filters } from './enterprises-api.ts';

type FilterKey = 'q' | 'regionCode' | 'unionStatus' | 'industry' | 'sizeBand' | 'dualReal';

interface EnterpriseFiltersProps {
  filters: Filters;
  scopeCode: string;
  onChange: (patch: Partial<Record<FilterKey, string | undefined>>) => void;
  onReset: () => void;
}

const SEARCH_DELAY_MS = 350;

export function EnterpriseFilters({ filters, scopeCode, onChange, onReset }: EnterpriseFiltersProps) {
  const { t, locale, pick } = useLocale();
  const [text, setText] = useState(filters.q ?? '');
  const [applied, setApplied] = useState(filters.q ?? '');

  // typing searches after a pause; Enter searches at once
  useEffect(() => {
    if (text.trim() === applied.trim()) return;
    const timer = setTimeout(() => {
      setApplied(text);
      onChange({ q: text.trim() || undefined });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, applied, onChange]);

  const searchNow = (value: string) => {
    setText(value);
    setApplied(value);
    onChange({ q: value.trim() || undefined });
  };

  return (
    <div className="filters">
      <Input
        allowClear
        prefix={<SearchOutlined />}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onPressEnter={() => searchNow(text)}
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
          setText('');
          setApplied('');
          onReset();
        }}
      >
        {t('app.reset')}
      </Button>
    </div>
  );
}
