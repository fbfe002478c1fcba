import { useState } from 'react';
import { Select } from 'antd';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { searchEnterprises } from './rights-api.ts';

/** An enterprise search box (the enterprise list's name search inside the user's scope). */
export function EnterpriseSelect({ value, onChange }: { value?: number; onChange?: (id: number) => void }) {
  const { t } = useLocale();
  const [q, setQ] = useState('');
  const found = useApi(q.trim() === '' ? null : `rights-enterprise-${q}`, (signal) => searchEnterprises(q, signal));
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={(id) => onChange?.(id)}
      placeholder={t('rights.enterprise.search')}
      options={(found.data ?? []).map((e) => ({ value: e.id, label: e.name }))}
      loading={found.loading}
      data-testid="rights-enterprise"
    />
  );
}
