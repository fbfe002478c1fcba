import { useMemo, useState } from 'react';
import { Cascader } from 'antd-mobile';
import { SHANGHAI_CODE } from '@lianxin/contracts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { regionPath, scopedRegionOptions } from '../../../shared/regions.ts';
import { useRegions } from '../../../shared/use-regions.ts';

interface RegionPickerProps {
  /** a district (6 digits) or street (9 digits) code */
  value?: string;
  onChange?: (code: string | undefined) => void;
}

/** District → street/town picker for applicants without a fixed employer. */
export function RegionPicker({ value, onChange }: RegionPickerProps) {
  const { t } = useLocale();
  const { index } = useRegions();
  const [visible, setVisible] = useState(false);
  const options = useMemo(() => (index ? scopedRegionOptions(index, SHANGHAI_CODE) : []), [index]);
  const path = value && index ? regionPath(index, SHANGHAI_CODE, value) : [];
  const labels = path.map((code) => index?.byCode.get(code)?.name ?? code);

  return (
    <>
      <div
        className={`m-picker-trigger${labels.length ? '' : ' m-picker-placeholder'}`}
        role="button"
        tabIndex={0}
        onClick={() => setVisible(true)}
        onKeyDown={(e) => e.key === 'Enter' && setVisible(true)}
        data-testid="join-region"
      >
        {labels.length ? labels.join(' / ') : t('join.regionPlaceholder')}
      </div>
      <Cascader
        options={options}
        loading={!index}
        visible={visible}
        value={path}
        title={t('join.region')}
        onClose={() => setVisible(false)}
        onConfirm={(next) => {
          const last = next[next.length - 1];
          onChange?.(last === undefined || last === null ? undefined : String(last));
        }}
        data-testid="join-region-cascader"
      />
    </>
  );
}
