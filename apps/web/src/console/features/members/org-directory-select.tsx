import { useEffect, useState } from 'react';
import { Select, Spin } from 'antd';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { orgKindLabels } from '@lianxin/contracts';
import { useRegions } from '../../../shared/use-regions.ts';
import { searchOrgDirectory, type DirectoryOrg } from './members-api.ts';

interface OrgDirectorySelectProps {
  value?: number;
  onChange?: (id: number | undefined) => void;
  /** organisations that cannot be picked (the member's current union) */
  excludeId?: number;
  id?: string;
  'data-testid'?: string;
}

const SEARCH_DELAY_MS = 300;

/** Finds a receiving union anywhere in the city by name (the directory lists names only). */
export function OrgDirectorySelect({ value, onChange, excludeId, ...rest }: OrgDirectorySelectProps) {
  const { t, pick } = useLocale();
  const { regionName } = useRegions();
  const [text, setText] = useState('');
  const [found, setFound] = useState<{ q: string; items: DirectoryOrg[] } | null>(null);
  const [chosen, setChosen] = useState<DirectoryOrg | null>(null);
  const q = text.trim();

  useEffect(() => {
    if (!q) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      searchOrgDirectory(q, controller.signal).then(
        (items) => setFound({ q, items }),
        () => {
          if (!controller.signal.aborted) setFound({ q, items: [] });
        },
      );
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);

  const items = found && found.q === q ? found.items.filter((o) => o.id !== excludeId) : [];
  const searching = q !== '' && (!found || found.q !== q);
  const options = items.map((o) => ({ value: o.id, label: o.name, org: o }));
  if (chosen && !options.some((o) => o.value === chosen.id)) options.unshift({ value: chosen.id, label: chosen.name, org: chosen });

  return (
    <Select<number, (typeof options)[number]>
      {...rest}
      value={value}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      allowClear
      placeholder={t('members.transfer.orgPlaceholder')}
      notFoundContent={searching ? <Spin size="small" /> : q ? t('members.transfer.orgNotFound') : t('members.transfer.orgTypeHint')}
      options={options}
      optionRender={(option) => (
        <div>
          <div>{option.data.org.name}</div>
          <div className="option-meta">
            {pick(orgKindLabels[option.data.org.kind])} · {regionName(option.data.org.regionCode)}
          </div>
        </div>
      )}
      onChange={(next, option) => {
        const picked = Array.isArray(option) ? undefined : option?.org;
        setChosen(picked ?? null);
        onChange?.(next);
      }}
    />
  );
}
