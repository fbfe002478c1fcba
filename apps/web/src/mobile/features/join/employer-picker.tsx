import { useEffect, useState } from 'react';
import { Button, DotLoading, Input, List } from 'antd-mobile';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useRegions } from '../../../shared/use-regions.ts';
import { lookupEnterprises, type EnterpriseLookupItem } from './join-api.ts';

interface EmployerPickerProps {
  value?: EnterpriseLookupItem | null;
  onChange?: (value: EnterpriseLookupItem | null) => void;
}

const SEARCH_DELAY_MS = 300;
/** the registry lookup wants at least two characters */
const MIN_QUERY = 2;

type Lookup = { q: string; items: EnterpriseLookupItem[] } | { q: string; failed: true };

/** Searches the enterprise registry by name, pinyin initials or credit code and picks one employer. */
export function EmployerPicker({ value, onChange }: EmployerPickerProps) {
  const { t } = useLocale();
  const { regionName } = useRegions();
  const [text, setText] = useState('');
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const trimmed = text.trim();
  const query = [...trimmed].length >= MIN_QUERY ? trimmed : '';

  useEffect(() => {
    if (!query || value) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      lookupEnterprises(query, controller.signal).then(
        (items) => setLookup({ q: query, items }),
        () => {
          if (!controller.signal.aborted) setLookup({ q: query, failed: true });
        },
      );
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, value]);

  if (value) {
    return (
      <div className="m-employer-chosen" data-testid="join-employer-chosen">
        <div>
          <div className="m-employer-name">{value.name}</div>
          <div className="m-employer-meta">
            {value.creditCode} · {regionName(value.regionCode, value.regionName)}
          </div>
        </div>
        <Button size="mini" fill="outline" onClick={() => onChange?.(null)} data-testid="join-employer-change">
          {t('join.employerChange')}
        </Button>
      </div>
    );
  }

  const current = lookup && lookup.q === query ? lookup : null;
  return (
    <div className="m-employer-picker">
      <Input
        value={text}
        onChange={setText}
        clearable
        placeholder={t('join.employerPlaceholder')}
        autoComplete="off"
        id="join-employer-search"
        data-testid="join-employer-search"
      />
      {trimmed && !query && <div className="m-hint">{t('join.employerTypeMore')}</div>}
      {query && !current && (
        <div className="m-hint">
          <DotLoading />
        </div>
      )}
      {current && 'failed' in current && <div className="m-hint">{t('app.networkError')}</div>}
      {current && 'items' in current && current.items.length === 0 && <div className="m-hint">{t('join.employerNotFound')}</div>}
      {current && 'items' in current && current.items.length > 0 && (
        <List className="m-employer-options" data-testid="join-employer-options">
          {current.items.map((item) => (
            <List.Item
              key={item.creditCode}
              description={`${item.creditCode} · ${regionName(item.regionCode, item.regionName)}`}
              onClick={() => {
                setText('');
                onChange?.(item);
              }}
              data-testid="join-employer-option"
            >
              {item.name}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
