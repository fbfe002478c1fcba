import { useMemo, type CSSProperties } from 'react';
import { Cascader } from 'antd';
import { useLocale } from '../../shared/i18n/locale-context.tsx';
import { regionPath, scopedRegionOptions, type RegionOption } from '../../shared/regions.ts';
import { useRegions } from '../../shared/use-regions.ts';

interface RegionCascaderProps {
  /** the user's organisation region: options stay inside it */
  scopeCode: string;
  value?: string;
  onChange?: (code: string | undefined) => void;
  /** true: only a street/town can be picked (enterprise form); false: a district also filters (list) */
  streetOnly?: boolean;
  id?: string;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  'data-testid'?: string;
}

/** District → street picker holding a single GB/T 2260 code as its value. */
export function RegionCascader({ scopeCode, value, onChange, streetOnly = false, ...rest }: RegionCascaderProps) {
  const { locale } = useLocale();
  const { index } = useRegions();
  const options = useMemo<RegionOption[]>(() => (index ? scopedRegionOptions(index, scopeCode, locale) : []), [index, scopeCode, locale]);
  const path = value && index ? regionPath(index, scopeCode, value) : undefined;
  return (
    <Cascader<RegionOption>
      {...rest}
      options={options}
      value={path}
      loading={!index}
      changeOnSelect={!streetOnly}
      // case-insensitive: English labels are typed in lower case ("gucun")
      showSearch={{ filter: (input, chain) => chain.some((o) => o.label.toLowerCase().includes(input.trim().toLowerCase())) }}
      onChange={(next) => onChange?.(Array.isArray(next) && next.length > 0 ? String(next[next.length - 1]) : undefined)}
    />
  );
}
