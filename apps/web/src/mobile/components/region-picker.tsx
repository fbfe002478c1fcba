import { useMemo, useState } from 'react';
import { Cascader } from 'antd-mobile';
import { SHANGHAI_CODE } from '@lianxin/contracts';
import { useLocale } from '../../shared/i18n/locale-context.tsx';
import { regionPath, scopedRegionOptions } from '../../shared/regions.ts';
import { useRegions } from '../../shared/use-regions.ts';

interface RegionPickerProps {
  /** a district (6 digits) or street (9 digits) code */
  value?: string;
  onChange?: (code: string | undefined) => void;
  /** the popup's title */
  title: string;
  /** shown until something is picked */
  placeholder: string;
  /** `data-testid` of the trigger; the popup gets `<testId>-cascader` */
  testId: string;
}

/**
 * District → street/town picker (antd-mobile Cascader over the city's divisions): an applicant without a fixed
 * employer (/m/join), a rider asking for help without being at a position (/m/requests).
 */
export function RegionPicker({ value, onChange, title, placeholder, testId }: RegionPickerProps) {
  const { locale } = useLocale();
  const { index, regionName } = useRegions();
  const [visible, setVisible] = useState(false);
  const options = useMemo(() => (index ? scopedRegionOptions(index, SHANGHAI_CODE, locale) : []), [index, locale]);
  // one array per value: the Cascader resets its half-made choice whenever `value` changes identity, and the
  // page re-renders every second while an SMS resend countdown runs (/m/join)
  const path = useMemo(() => (value && index ? regionPath(index, SHANGHAI_CODE, value) : []), [value, index]);
  const labels = path.map((code) => regionName(code));

  return (
    <>
      <div
        className={`m-picker-trigger${labels.length ? '' : ' m-picker-placeholder'}`}
        role="button"
        tabIndex={0}
        onClick={() => setVisible(true)}
        onKeyDown={(e) => e.key === 'Enter' && setVisible(true)}
        data-testid={testId}
      >
        {labels.length ? labels.join(' / ') : placeholder}
      </div>
      <Cascader
        options={options}
        loading={!index}
        visible={visible}
        value={path}
        title={title}
        onClose={() => setVisible(false)}
        onConfirm={(next) => {
          const last = next[next.length - 1];
          onChange?.(last === undefined || last === null ? undefined : String(last));
        }}
        data-testid={`${testId}-cascader`}
      />
    </>
  );
}
