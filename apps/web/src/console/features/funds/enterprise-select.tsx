import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { searchEnterprises } from './funds-api.ts';

/** An enterprise of the user's scope, found by name or credit code as the user types. */
export function EnterpriseSelect({ value, onChange, testId }: { value?: number; onChange?: (id: number) => void; testId: string }) {
  const { t, aside } = useLocale();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  useEffect(() => {
    if (q.trim() === '') return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      searchEnterprises(q, controller.signal).then(
        (r) => setOptions(r.items.map((e) => ({ value: e.id, label: aside(e.name, e.creditCode) }))),
        () => undefined,
      );
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, aside]);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      options={options}
      placeholder={t('funds.enterprisePlaceholder')}
      style={{ minWidth: 360 }}
      data-testid={testId}
    />
  );
}
