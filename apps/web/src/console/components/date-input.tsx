import { DatePicker } from 'antd';
import dayjs from 'dayjs';

/**
 * A date field holding `YYYY-MM-DD` text (what the API and the zod schemas take), drawn by antd's DatePicker, so
 * its calendar follows the UI language (antd locale + dayjs locale, set in app.tsx) instead of the browser's.
 * Works as a Form.Item child (value / onChange).
 */
export function DateInput({
  value, onChange, placeholder, min, max, testId, width = 150, allowClear = true,
}: {
  value?: string | null | undefined;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  min?: string | undefined;
  max?: string | undefined;
  testId?: string;
  width?: number;
  allowClear?: boolean;
}) {
  return (
    <DatePicker
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : undefined)}
      format="YYYY-MM-DD"
      placeholder={placeholder}
      allowClear={allowClear}
      disabledDate={(d) => (min !== undefined && d.isBefore(min, 'day')) || (max !== undefined && d.isAfter(max, 'day'))}
      style={{ width }}
      aria-label={placeholder}
      data-testid={testId}
    />
  );
}
