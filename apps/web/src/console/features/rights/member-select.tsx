import { useState } from 'react';
import { Select } from 'antd';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { searchMembers, type MemberHit } from './rights-api.ts';

/**
 * Members picked as a case's parties: a search box over the active members of the user's scope, by part of a name
 * or a whole mobile number; each shows its name, masked phone and union. The value is the picked members (the
 * server writes each party's name and phone from the member record).
 */
export function MemberSelect({ value = [], onChange }: { value?: MemberHit[]; onChange?: (members: MemberHit[]) => void }) {
  const { t } = useLocale();
  const [q, setQ] = useState('');
  const found = useApi(q.trim() === '' ? null : `rights-member-${q}`, (signal) => searchMembers(q, signal));
  const known = new Map([...value, ...(found.data ?? [])].map((m) => [m.id, m]));
  return (
    <Select<number[]>
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value.map((m) => m.id)}
      onChange={(ids) => onChange?.(ids.flatMap((id) => (known.has(id) ? [known.get(id)!] : [])))}
      placeholder={t('rights.workers.memberSearch')}
      options={[...known.values()].map((m) => ({ value: m.id, label: `${m.name} ${m.phone} · ${m.union.name}` }))}
      loading={found.loading}
      notFoundContent={q.trim() === '' || found.loading ? null : t('rights.workers.memberNotFound')}
      data-testid="rights-members"
    />
  );
}
