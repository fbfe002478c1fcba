import { useState } from 'react';
import { Alert, App, Button, Input, Modal, Typography } from 'antd';
import { can, shanghaiDate } from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { useCurrentUser } from '../auth/session-context.tsx';
import { parseCalendarLines } from './calendar-lines.ts';
import { fetchCalendar, putCalendar } from './requests-api.ts';

/**
 * The warning that a year's official calendar (holidays, 调休) is missing — deadlines reaching into it are
 * provisional — and, for city staff, the editor that enters it.
 */
export function CalendarAlert() {
  const { t, list } = useLocale();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const year = Number(shanghaiDate().slice(0, 4));
  const { data, reload } = useApi(`calendar-${year}`, (signal) => fetchCalendar(year, signal));
  const [editing, setEditing] = useState<number | null>(null);
  const [text, setText] = useState('');
  const missing = data?.missingYears ?? [];
  if (missing.length === 0) return null;
  const save = async () => {
    if (editing === null) return;
    const parsed = parseCalendarLines(text);
    if ('badLine' in parsed) return void message.error(t('requests.calendar.badLine', { n: parsed.badLine }));
    try {
      await putCalendar(editing, parsed.days);
      setEditing(null);
      reload();
    } catch (e) {
      void message.error(isApiError(e) ? `${Object.keys(e.fields)[0] ?? ''} ${Object.values(e.fields)[0] ?? e.message}` : t('app.networkError'));
    }
  };
  return (
    <>
      <Alert
        type="warning"
        showIcon
        data-testid="calendar-missing"
        message={t('requests.calendar.missing', { years: list(missing.map(String)) })}
        action={can(user, 'calendar.edit') ? <Button size="small" onClick={() => setEditing(missing[0]!)}>{t('requests.calendar.enter')}</Button> : undefined}
      />
      <Modal open={editing !== null} title={t('requests.calendar.title', { year: editing ?? '' })} onCancel={() => setEditing(null)} onOk={() => void save()}
        okText={t('requests.ok')} cancelText={t('requests.cancel')}>
        <Typography.Paragraph type="secondary">{t('requests.calendar.help')}</Typography.Paragraph>
        <Input.TextArea rows={12} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('requests.calendar.example')} />
      </Modal>
    </>
  );
}
